"""The residual re-scan: read the written files back and look for anything the detectors still find."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import polars as pl

from masking.logs import find_in_records
from masking.report import ResidualResult
from masking.scan import TextScanner

# Outputs built only from the key or a constant: a detector hit there would be a coincidence of hex digits.
SYNTHETIC = {"hash": "keyed pseudonym, built from the key only", "redact": "constant"}


def verify_files(
    files: list[Path], actions: dict[str, str], scanner: TextScanner, json_columns: frozenset[str] = frozenset()
) -> ResidualResult:
    """Re-scan every text column of ``files``. ``actions`` maps columns to the action that produced them."""
    findings: dict[str, Counter[str]] = {}
    scanned: set[str] = set()
    skipped: dict[str, str] = {}
    rows = 0
    for file in files:
        frame = pl.read_parquet(file)
        rows += frame.height
        for column, dtype in frame.schema.items():
            action = actions.get(column, "scan")
            if action in SYNTHETIC:
                skipped[column] = SYNTHETIC[action]
                continue
            if dtype != pl.String:
                skipped.setdefault(column, "not text")
                continue
            scanned.add(column)
            if column in json_columns:
                for path, counts in find_in_records(frame[column], scanner).items():
                    findings.setdefault(f"{column}.{path}", Counter()).update(counts)
            else:
                counts = scanner.find(frame[column], field=column)
                if counts:
                    findings.setdefault(column, Counter()).update(counts)
    return ResidualResult(
        passed=not findings,
        rows_scanned=rows,
        columns_scanned=sorted(scanned),
        columns_skipped=dict(sorted(skipped.items())),
        findings={c: dict(sorted(n.items())) for c, n in sorted(findings.items())},
    )
