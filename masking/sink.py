"""Masked Parquet partitions, written to a temporary directory and renamed into place once verified."""

from __future__ import annotations

import contextlib
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

DATA_FILE = "part-00000.parquet"
REPORT_FILE = "_masking_report.json"


class PartitionWriter:
    """Writes one partition ``<root>/<dataset>/dt=YYYY-MM-DD/`` as zstd Parquet, one row group per chunk."""

    def __init__(self, dataset_dir: Path, run_date: date, run_id: str, schema: pl.Schema) -> None:
        self.dataset_dir = dataset_dir
        self.final = dataset_dir / f"dt={run_date.isoformat()}"
        self.staging = dataset_dir / f".dt={run_date.isoformat()}.tmp-{run_id}"
        self.staging.mkdir(parents=True, exist_ok=False)
        self.schema = schema
        self.rows = 0
        self._writer: pq.ParquetWriter | None = None

    @property
    def data_path(self) -> Path:
        return self.staging / DATA_FILE

    def write(self, frame: pl.DataFrame) -> None:
        table = frame.select(list(self.schema)).cast(self.schema).to_arrow()
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.data_path, table.schema, compression="zstd")
        self._writer.write_table(table)
        self.rows += frame.height

    def close(self) -> None:
        if self._writer is None:  # no rows at all: still write the schema, readers need it
            self.write(pl.DataFrame(schema=self.schema))
        assert self._writer is not None
        self._writer.close()

    @property
    def bytes(self) -> int:
        return sum(p.stat().st_size for p in self.staging.glob("*.parquet"))

    @property
    def files(self) -> int:
        return len(list(self.staging.glob("*.parquet")))

    def publish(self) -> Path:
        """Swap the staged partition in. Each rename is atomic; readers never see a half-written file."""
        retired = self.dataset_dir / f".{self.final.name}.old-{self.staging.name.rsplit('-', 1)[-1]}"
        if self.final.exists():
            self.final.rename(retired)
        self.staging.rename(self.final)
        shutil.rmtree(retired, ignore_errors=True)
        return self.final

    def abort(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(Exception):  # a broken writer must not hide the error that led here
                self._writer.close()
        shutil.rmtree(self.staging, ignore_errors=True)
