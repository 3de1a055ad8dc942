"""Golden files: for each log shape, ``tests/golden/<case>/input.jsonl`` run through the whole job gives
``expected.jsonl`` (one line per input line: the masked record, or the reject with its reason and masked
content) and ``expected_columns.jsonl`` (the typed columns). The key is the fixed test key.

Regenerate after an intended change, then review the diff like code:

    MASKLINE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_logs_golden.py
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import polars as pl
import pytest
from pipeline import write_config

from masking.job import Resources, run_dataset
from masking.logshapes.schema import TYPED_COLUMNS

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.jsonl").is_file())
REGEN = os.environ.get("MASKLINE_REGEN_GOLDEN") == "1"
RUN_DATE = date(2026, 3, 3)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def run_case(case: str, tmp_path: Path, key: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Any]:
    config = write_config(tmp_path, {"logs": {"kind": "jsonl", "paths": [str(GOLDEN / case / "input.jsonl")]}},
                          {"logs": {"source": "logs"}})
    report = run_dataset(config, "logs", RUN_DATE, resources=Resources.for_config(config, key))
    data = pl.read_parquet(Path(report.output_path) / "part-00000.parquet")
    rejects = pl.read_parquet(Path(str(report.rejects_path)) / "part-00000.parquet")
    lines = [{"line": r["line"], "shape": r["shape"], "record": orjson.loads(r["record"])}
             for r in data.iter_rows(named=True)]
    lines += [{"line": r["line"], "reject_reason": r["reject_reason"], "content": r["content"]}
              for r in rejects.iter_rows(named=True)]
    columns = [{"line": r["line"], **{k: _jsonable(r[k]) for k in TYPED_COLUMNS}} for r in data.iter_rows(named=True)]
    return sorted(lines, key=lambda x: x["line"]), columns, report


def _read(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))


@pytest.mark.parametrize("case", CASES)
def test_golden(case, tmp_path, key):
    lines, columns, report = run_case(case, tmp_path, key)
    expected, expected_columns = GOLDEN / case / "expected.jsonl", GOLDEN / case / "expected_columns.jsonl"
    if REGEN:
        _write(expected, lines)
        _write(expected_columns, columns)
    assert lines == _read(expected)
    assert columns == _read(expected_columns)
    assert report.residual is not None and report.residual.passed
    assert report.rows_in == report.rows_out + report.rows_rejected
    if case not in ("generic", "malformed"):
        assert set(report.shapes) == {case}, "every record of a shape's golden file is recognized as that shape"
