"""JSONL AI activity logs: files or globs, optionally gzip-compressed.

Each line is parsed on its own, so one bad line never hides the others: it becomes a reject with its
file, line number and error kind (its content is masked later, never logged).
"""

from __future__ import annotations

import glob
import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import orjson
import polars as pl

from masking.errors import SourceError
from masking.report import DatasetRef, FieldInfo
from masking.sources.base import Chunk

LOG_SCHEMA = pl.Schema({"source_file": pl.String, "line": pl.Int64, "record": pl.String})


def expand(patterns: list[str], base_dir: Path, source: str) -> list[Path]:
    files: list[Path] = []
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(base_dir / pattern)
        matched = sorted(Path(p) for p in glob.glob(full, recursive=True) if Path(p).is_file())
        if not matched:
            raise SourceError(source, f"no file matches '{pattern}'")
        files.extend(m for m in matched if m not in files)
    return files


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def classify_line(raw: bytes) -> tuple[Any, str | None]:
    """(record, None) for a good line, (None, error kind) for a bad one."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "invalid_utf8"
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None, "invalid_json"
    if not isinstance(record, dict):
        return None, "not_an_object"
    return record, None


class JsonlSource:
    kind = "jsonl"

    def __init__(self, name: str, files: list[Path], batch_rows: int, display_root: Path) -> None:
        self.name = name
        self.files = files
        self.batch_rows = batch_rows
        self._display_root = display_root

    def display_name(self, path: Path) -> str:
        """The file as written in outputs: relative to the config when it lies below it."""
        try:
            return str(path.resolve().relative_to(self._display_root.resolve()))
        except ValueError:
            return str(path.resolve())

    def dataset_refs(self) -> list[DatasetRef]:
        fields = [FieldInfo(name="record", type="json")]
        return [DatasetRef(namespace="file", name=str(p.resolve()), fields=fields) for p in self.files]

    def chunks(self) -> Iterator[Chunk]:
        records: list[Any] = []
        files: list[str] = []
        lines: list[int] = []
        rejected: list[dict[str, object]] = []
        for done, path in enumerate(self.files, start=1):
            shown = self.display_name(path)
            try:
                with _open(path) as handle:
                    for number, raw in enumerate(handle, start=1):
                        raw = raw.rstrip(b"\r\n")
                        if not raw.strip():
                            continue  # an empty line holds no record
                        record, error = classify_line(raw)
                        if error is None:
                            records.append(record)
                            files.append(shown)
                            lines.append(number)
                        else:
                            rejected.append({"source_file": shown, "line": number, "reason": error,
                                             "content": raw.decode("utf-8", "replace")})
                        if len(records) + len(rejected) >= self.batch_rows:
                            yield self._chunk(records, files, lines, rejected, done - 1)
                            records, files, lines, rejected = [], [], [], []
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                # A broken file (e.g. a truncated gzip member) keeps what was read before the break.
                rejected.append({"source_file": shown, "line": 0, "reason": f"unreadable_file:{type(exc).__name__}",
                                 "content": ""})
            yield self._chunk(records, files, lines, rejected, done)
            records, files, lines, rejected = [], [], [], []

    @staticmethod
    def _chunk(records: list[Any], files: list[str], lines: list[int], rejected: list[dict[str, object]],
               files_done: int) -> Chunk:
        frame = pl.DataFrame({"source_file": files, "line": lines}, schema={"source_file": pl.String, "line": pl.Int64})
        chunk = Chunk(frame, rejected, files_done)
        chunk.records = records
        return chunk
