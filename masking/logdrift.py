"""Schema drift in logs: which JSON paths a run saw that the previous run's masking report did not list.

New paths are scanned like any other (nothing is ever passed raw for being unknown); reporting them lets a
reviewer see a new field arrive (a new tool, a new provider field) the day it appears.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import orjson

from masking.sink import REPORT_FILE

log = logging.getLogger("maskline")


@dataclass
class PathBaseline:
    """The paths of the previous report; ``run_date`` None when there was none (every path is then new)."""

    paths: frozenset[str] = field(default_factory=frozenset)
    run_date: str | None = None

    def new(self, paths: list[str]) -> list[str]:
        return [p for p in paths if p not in self.paths]


def previous_baseline(dataset_dir: Path, run_date: date) -> PathBaseline:
    """The newest ``dt=*/_masking_report.json`` of a date before ``run_date`` (a re-run of the same date
    compares with the day before, not with itself)."""
    earlier = sorted(
        (p for p in dataset_dir.glob(f"dt=*/{REPORT_FILE}") if p.parent.name[3:] < run_date.isoformat()),
        key=lambda p: p.parent.name,
    )
    for report in reversed(earlier):
        try:
            data = orjson.loads(report.read_bytes())
            paths = frozenset(str(entry["name"]) for entry in data.get("paths") or [])
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
            log.warning("masking report %s is unreadable; trying an older one", report.parent.name)
            continue
        return PathBaseline(paths, report.parent.name[3:])
    return PathBaseline()
