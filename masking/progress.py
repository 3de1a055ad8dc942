"""Progress of long runs: a live bar on a terminal, plain log lines elsewhere (Airflow task logs)."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from masking.job import Progress

log = logging.getLogger("maskline")


@contextmanager
def progress_reporter(interval: float = 5.0) -> Iterator[Progress]:
    if sys.stderr.isatty():
        from rich.progress import Progress as Bar
        from rich.progress import TaskID, TextColumn, TimeElapsedColumn

        with Bar(TextColumn("{task.description}"), TextColumn("{task.fields[rows]:,} rows"),
                 TextColumn("{task.completed}/{task.total} files"), TimeElapsedColumn(), transient=False) as bar:
            tasks: dict[str, TaskID] = {}

            def update(dataset: str, rows: int, files: int, total: int) -> None:
                if dataset not in tasks:
                    tasks[dataset] = bar.add_task(dataset, total=total, rows=0)
                bar.update(tasks[dataset], completed=files, rows=rows)

            yield update
        return
    last: dict[str, float] = {}

    def log_line(dataset: str, rows: int, files: int, total: int) -> None:
        now = time.monotonic()
        if now - last.get(dataset, 0.0) >= interval or files == total:
            last[dataset] = now
            log.info("dataset %s: %d rows read, %d/%d files", dataset, rows, files, total)

    yield log_line
