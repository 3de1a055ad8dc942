"""Reading JSONL logs: compression, globs, chunking, and every kind of malformed input kept as a reject."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
import zstandard

from masking.sources.jsonl import JsonlSource

GOOD = [{"id": f"chatcmpl-{n}", "messages": [{"role": "user", "content": f"hello {n}"}]} for n in range(50)]
PLAIN = b"".join(orjson.dumps(r) + b"\n" for r in GOOD)


def read(files: list[Path], batch_rows: int = 1000) -> tuple[list[int], list[dict[str, object]], int]:
    """(line numbers of good records, rejects, chunk count)."""
    source = JsonlSource("logs", files, batch_rows, files[0].parent)
    lines: list[int] = []
    rejects: list[dict[str, object]] = []
    chunks = 0
    for chunk in source.chunks():
        chunks += 1
        assert chunk.records is not None and len(chunk.records) == chunk.frame.height
        lines += chunk.frame["line"].to_list()
        rejects += chunk.rejected
    return lines, rejects, chunks


@pytest.mark.parametrize("suffix, compress", [
    (".jsonl", lambda b: b), (".jsonl.gz", gzip.compress), (".jsonl.zst", zstandard.ZstdCompressor().compress),
])  # fmt: skip
def test_plain_and_compressed_files_read_alike(tmp_path, suffix, compress):
    path = tmp_path / f"logs{suffix}"
    path.write_bytes(compress(PLAIN))
    lines, rejects, _ = read([path])
    assert lines == list(range(1, 51)) and rejects == []


def test_multi_member_gzip_and_multi_frame_zstd(tmp_path):
    half = len(PLAIN) // 2
    cut = PLAIN.rindex(b"\n", 0, half) + 1
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(PLAIN[:cut]) + gzip.compress(PLAIN[cut:]))
    zstd = zstandard.ZstdCompressor()
    (tmp_path / "b.jsonl.zst").write_bytes(zstd.compress(PLAIN[:half]) + zstd.compress(PLAIN[half:]))
    for name in ("a.jsonl.gz", "b.jsonl.zst"):
        lines, rejects, _ = read([tmp_path / name])
        assert len(lines) == 50 and rejects == [], name


@pytest.mark.parametrize("name, damage, reason", [
    ("t.jsonl.gz", lambda: gzip.compress(PLAIN)[: len(gzip.compress(PLAIN)) * 2 // 3], "truncated_gzip"),
    ("c.jsonl.gz", lambda: gzip.compress(PLAIN)[:40] + b"\xff" * 40 + gzip.compress(PLAIN)[80:], "corrupt_gzip"),
    ("n.jsonl.gz", lambda: b"this is not gzip at all\n", "corrupt_gzip"),
    ("t.jsonl.zst", lambda: zstandard.ZstdCompressor().compress(PLAIN)[:-200], "truncated_zstd"),
    ("n.jsonl.zst", lambda: b"this is not zstd at all\n", "corrupt_zstd"),
])  # fmt: skip
def test_a_broken_compressed_file_keeps_what_came_before_and_rejects_the_rest(tmp_path, name, damage, reason):
    path = tmp_path / name
    path.write_bytes(damage())
    lines, rejects, _ = read([path])
    assert [r["reason"] for r in rejects] == [reason], "the break itself is one reject, never silent"
    assert rejects[0]["line"] == (lines[-1] if lines else 0) + 1
    assert lines == list(range(1, len(lines) + 1)) and len(lines) < 50


def test_each_malformed_line_is_a_reject_with_file_line_and_kind(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        PLAIN[:200].rsplit(b"\n", 1)[0] + b"\n"  # good lines
        + b'{"id": "x", "content": "cut in the mid\n'  # invalid JSON
        + b"\n"  # an empty line: no record, no reject
        + b'"a string, not an object"\n'
        + b'{"id": "caf\xe9"}\n'  # Latin-1, not UTF-8
        + b'{"id": "ok"}\r\n'  # CRLF is fine
        + b'{"id": "last", "content": "no newline and cut'  # the file ends inside a record
    )
    lines, rejects, _ = read([path])
    reasons = {r["line"]: r["reason"] for r in rejects}
    first_bad = len(lines)  # the good lines come first, then one reject per kind
    assert reasons == {first_bad: "invalid_json", first_bad + 2: "not_an_object", first_bad + 3: "invalid_utf8",
                       first_bad + 5: "truncated_line"}
    assert lines[-1] == first_bad + 4  # the CRLF line
    assert all(r["source_file"] == "bad.jsonl" for r in rejects)


def test_chunks_are_bounded_and_rows_add_up_across_files(tmp_path):
    for n in range(3):
        (tmp_path / f"day-{n}.jsonl").write_bytes(PLAIN + b"not json\n")
    lines, rejects, chunks = read(sorted(tmp_path.glob("*.jsonl")), batch_rows=16)
    assert len(lines) + len(rejects) == 3 * 51
    assert chunks >= 3 * 51 // 16
