"""JSONL AI activity logs: files or globs, plain, gzip (``.gz``) or zstandard (``.zst``) compressed.

Files are read in blocks and cut into lines here, so one bad line never hides the others and a broken
compressed stream keeps every line before the break: each bad line becomes a reject with its file, line
number and error kind (its content is masked later, never logged). Memory holds one chunk of records.

Error kinds: ``invalid_utf8``, ``invalid_json``, ``truncated_line`` (the last line of a file, cut short),
``not_an_object``, ``truncated_gzip`` / ``truncated_zstd`` (the stream ends inside a member or frame; the
partial last line is the reject), ``corrupt_gzip`` / ``corrupt_zstd``, ``unreadable_file``.
"""

from __future__ import annotations

import glob
import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import polars as pl

from masking.errors import SourceError
from masking.report import DatasetRef, FieldInfo
from masking.sources.base import Chunk

LOG_SCHEMA = pl.Schema({"source_file": pl.String, "line": pl.Int64, "record": pl.String})
_BLOCK = 1 << 20


class BrokenStream(Exception):
    """A file that cannot be read to its end. ``kind`` is the reject reason; no content in the message."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def expand(patterns: list[str], base_dir: Path, source: str) -> list[Path]:
    files: list[Path] = []
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(base_dir / pattern)
        matched = sorted(Path(p) for p in glob.glob(full, recursive=True) if Path(p).is_file())
        if not matched:
            raise SourceError(source, f"no file matches '{pattern}'")
        files.extend(m for m in matched if m not in files)
    return files


def _plain_blocks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            yield block


def _gzip_blocks(path: Path) -> Iterator[bytes]:
    try:
        with gzip.open(path, "rb") as handle:
            while block := handle.read1(_BLOCK):  # read1: what is decompressed so far comes out before a break
                yield block
    except EOFError:
        raise BrokenStream("truncated_gzip") from None
    except (gzip.BadGzipFile, zlib.error):
        raise BrokenStream("corrupt_gzip") from None


def _zstd_blocks(path: Path) -> Iterator[bytes]:
    """Frame by frame, so that a stream cut inside a frame is an error (zstandard's reader stops silently)."""
    import zstandard

    decompressor = zstandard.ZstdDecompressor()
    frame, pending = decompressor.decompressobj(), False
    try:
        for data in _plain_blocks(path):
            while data:
                if frame.eof:
                    frame = decompressor.decompressobj()
                out = frame.decompress(data)
                pending = not frame.eof
                data = frame.unused_data if frame.eof else b""
                if out:
                    yield out
    except zstandard.ZstdError:
        raise BrokenStream("corrupt_zstd") from None
    if pending:
        raise BrokenStream("truncated_zstd")


def _blocks(path: Path) -> Iterator[bytes]:
    suffix = path.suffix.lower()
    readers = {".gz": _gzip_blocks, ".zst": _zstd_blocks, ".zstd": _zstd_blocks}
    try:
        yield from readers.get(suffix, _plain_blocks)(path)
    except OSError:
        raise BrokenStream("unreadable_file") from None


def read_lines(path: Path) -> Iterator[tuple[int, bytes, str | None]]:
    """(line number, line without its end, error kind or None). An empty line is skipped but counted."""
    number, pending = 0, b""
    try:
        for block in _blocks(path):
            lines = (pending + block).split(b"\n")
            pending = lines.pop()
            for raw in lines:
                number += 1
                yield number, raw.rstrip(b"\r"), None
    except BrokenStream as broken:
        yield number + 1, pending, broken.kind
        return
    if pending.strip():
        yield number + 1, pending.rstrip(b"\r"), "no_newline"


def classify_line(raw: bytes, last: bool = False) -> tuple[Any, str | None]:
    """(record, None) for a good line, (None, error kind) for a bad one."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "invalid_utf8"
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None, "truncated_line" if last else "invalid_json"
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
        """Chunks of at most ``batch_rows`` rows (records + rejects); a chunk never spans two files."""
        for done, path in enumerate(self.files, start=1):
            batch = _Batch(self.display_name(path))
            for number, raw, error in read_lines(path):
                if error is None and not raw.strip():
                    continue  # an empty line holds no record
                batch.add(number, raw, error)
                if batch.size >= self.batch_rows:
                    yield batch.chunk(done - 1)
                    batch = _Batch(batch.file)
            yield batch.chunk(done)


class _Batch:
    def __init__(self, file: str) -> None:
        self.file = file
        self.records: list[Any] = []
        self.lines: list[int] = []
        self.rejected: list[dict[str, object]] = []

    @property
    def size(self) -> int:
        return len(self.records) + len(self.rejected)

    def add(self, number: int, raw: bytes, error: str | None) -> None:
        record = None
        if error is None or error == "no_newline":
            record, error = classify_line(raw, last=error == "no_newline")
        if error is None:
            self.records.append(record)
            self.lines.append(number)
        else:
            self.rejected.append({"source_file": self.file, "line": number, "reason": error,
                                  "content": raw.decode("utf-8", "replace")})

    def chunk(self, files_done: int) -> Chunk:
        frame = pl.DataFrame({"source_file": [self.file] * len(self.lines), "line": self.lines},
                             schema={"source_file": pl.String, "line": pl.Int64})
        return Chunk(frame, self.rejected, files_done, self.records)
