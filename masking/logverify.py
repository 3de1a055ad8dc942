"""The residual re-scan of masked logs, read back from Parquet one row group at a time.

- ``record``: every leaf re-scanned by path with the rules the masking used for the row's ``shape``
  (operational values proven harmless by their form are checked by that form again, identifiers by the
  regex detectors, everything else by the full scan).
- The typed columns (``model``... ``messages``) are derived from the masked record: they are derived again
  from the re-scanned record and must be identical, so nothing in them escaped the re-scan.
- ``source_file`` and rejected ``content`` are scanned as text; ``shape`` must be a known shape name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import polars as pl
import pyarrow.parquet as pq

from masking.logs import find_in_records
from masking.logshapes import SHAPES, normalize
from masking.logshapes.schema import TYPED_COLUMNS, typed_rows
from masking.report import ResidualResult
from masking.scan import TextScanner

DERIVED = "re-derived: equal"  # derived from the re-scanned record again, and compared


def _frames(path: Path, columns: list[str]) -> Iterator[pl.DataFrame]:
    """One frame per row group: the job writes one per chunk, so memory stays that of one chunk."""
    parquet = pq.ParquetFile(path)
    for index in range(parquet.metadata.num_row_groups):
        frame = pl.from_arrow(parquet.read_row_group(index, columns=columns))
        assert isinstance(frame, pl.DataFrame)
        yield frame


def _mismatches(frame: pl.DataFrame, records: list[Any]) -> dict[str, int]:
    """Typed columns that differ from what the (re-scanned) record gives, with the number of rows."""
    again = typed_rows([normalize(r, s) for r, s in zip(records, frame["shape"].to_list(), strict=True)])
    found = {}
    for name in TYPED_COLUMNS:
        differ = int((~frame[name].eq_missing(again[name])).sum())
        if differ:
            found[name] = differ
    return found


def verify_log_files(data: Path, rejects: Path, scanner: TextScanner) -> ResidualResult:
    """Re-scan a masked log partition (data and rejects). Counts per column and entity, never values."""
    findings: dict[str, Counter[str]] = {}
    rows = 0
    for frame in _frames(data, ["source_file", "shape", "record", *TYPED_COLUMNS]):
        rows += frame.height
        records = [orjson.loads(text) for text in frame["record"].to_list()]
        for path, counts in find_in_records(records, scanner, frame["shape"].to_list()).items():
            findings.setdefault(f"record.{path}", Counter()).update(counts)
        for column, n in _mismatches(frame, records).items():
            findings.setdefault(column, Counter())["DERIVED_MISMATCH"] += n
        unknown = int((~frame["shape"].is_in(list(SHAPES))).sum())
        if unknown:
            findings.setdefault("shape", Counter())["UNKNOWN_SHAPE"] += unknown
        _scan_text(frame["source_file"].unique(), "source_file", scanner, findings)
    for frame in _frames(rejects, ["source_file", "content"]):
        rows += frame.height
        _scan_text(frame["content"], "_rejects.content", scanner, findings)
        _scan_text(frame["source_file"].unique(), "_rejects.source_file", scanner, findings)
    return ResidualResult(
        passed=not findings,
        rows_scanned=rows,
        columns_scanned=["_rejects.content", "_rejects.source_file", "record", "shape", "source_file"],
        columns_skipped={"line": "not text", **{name: DERIVED for name in TYPED_COLUMNS}},
        findings={c: dict(sorted(n.items())) for c, n in sorted(findings.items())},
    )


def _scan_text(values: pl.Series, column: str, scanner: TextScanner, findings: dict[str, Counter[str]]) -> None:
    found = scanner.find(values.drop_nulls(), field=column)
    if found:
        findings.setdefault(column, Counter()).update(found)
