"""Logs through the whole job: fixed output schema read by pyarrow, Polars and DuckDB, schema drift across
runs, compressed and broken inputs, a declared shape."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path

import duckdb
import orjson
import polars as pl
import pyarrow.parquet as pq
import pytest
import zstandard
from pipeline import write_config

from masking.errors import ConfigError
from masking.job import Resources, run_dataset
from masking.logshapes.schema import LOG_OUTPUT_SCHEMA

GOLDEN = Path(__file__).parent / "golden"
SHAPES = ["openai_chat", "openai_responses", "anthropic", "otel_genai", "langchain", "generic"]


def _config(tmp_path: Path, paths: list[str], **source: object):
    return write_config(tmp_path, {"logs": {"kind": "jsonl", "paths": paths, **source}}, {"logs": {"source": "logs"}})


def _all_shapes(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    mixed = directory / "mixed.jsonl"
    mixed.write_bytes(b"".join((GOLDEN / s / "input.jsonl").read_bytes() for s in SHAPES))
    return mixed


def test_the_output_schema_is_fixed_and_every_reader_reads_it(tmp_path, key):
    _all_shapes(tmp_path / "logs")
    config = _config(tmp_path, ["logs/*.jsonl"], batch_rows=3)  # several chunks, of different shapes
    report = run_dataset(config, "logs", date(2026, 3, 3), resources=Resources.for_config(config, key))
    data = Path(report.output_path) / "part-00000.parquet"

    expected = pl.DataFrame(schema=LOG_OUTPUT_SCHEMA).to_arrow().schema
    parquet = pq.ParquetFile(data)
    assert parquet.metadata.num_row_groups == 5 and parquet.schema_arrow.equals(expected)
    assert pl.read_parquet(data).schema == LOG_OUTPUT_SCHEMA
    assert set(report.shapes) == set(SHAPES) and report.rows_out == 12

    tokens = duckdb.sql(f"SELECT shape, sum(total_tokens) AS t FROM '{data}' GROUP BY shape ORDER BY shape").fetchall()
    assert ("anthropic", 485 + 526) in tokens
    roles = duckdb.sql(f"SELECT m.role, count(*) FROM (SELECT unnest(messages) AS m FROM '{data}') "
                       "GROUP BY ALL ORDER BY ALL").fetchall()
    assert {r for r, _ in roles} == {"assistant", "system", "tool", "user"}
    calls = duckdb.sql(f"SELECT c.name FROM (SELECT unnest(m.tool_calls) AS c FROM "
                       f"(SELECT unnest(messages) AS m FROM '{data}')) ORDER BY 1").fetchall()
    assert ("lookup_customer",) in calls and ("issue_refund",) in calls


def test_a_new_field_is_scanned_and_reported_as_new_the_day_it_appears(tmp_path, key):
    logs = tmp_path / "logs"
    logs.mkdir()
    source = logs / "day.jsonl"
    shutil.copy(GOLDEN / "openai_chat" / "input.jsonl", source)
    config = _config(tmp_path, ["logs/*.jsonl"])
    resources = Resources.for_config(config, key)
    first = run_dataset(config, "logs", date(2026, 3, 1), resources=resources)
    assert first.paths_baseline is None and first.new_paths == [p.name for p in first.paths]

    record = orjson.loads(source.read_bytes().splitlines()[0])
    record["response"]["choices"][0]["message"]["refusal"] = "I can't share jane.doe@example.com"
    source.write_bytes(orjson.dumps(record) + b"\n")
    second = run_dataset(config, "logs", date(2026, 3, 2), resources=resources)
    assert second.paths_baseline == "2026-03-01"
    assert second.new_paths == ["record.response.choices[].message.refusal"]
    assert {p.name: p.entities for p in second.paths}["record.response.choices[].message.refusal"] == {"EMAIL": 1}
    rerun = run_dataset(config, "logs", date(2026, 3, 2), resources=resources)
    assert rerun.paths_baseline == "2026-03-01", "a re-run compares with the day before, not with itself"


def test_compressed_globs_and_a_broken_member_lose_nothing(tmp_path, key):
    lines = (GOLDEN / "openai_chat" / "input.jsonl").read_bytes() * 20
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.jsonl.gz").write_bytes(gzip.compress(lines))
    (logs / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(lines))
    broken = gzip.compress(lines)
    (logs / "c.jsonl.gz").write_bytes(broken[: len(broken) * 9 // 10])
    config = _config(tmp_path, ["logs/*.jsonl.gz", "logs/*.zst"])
    report = run_dataset(config, "logs", date(2026, 3, 3), resources=Resources.for_config(config, key))

    assert report.rows_in == report.rows_out + report.rows_rejected
    assert report.rows_out > 80 and report.reject_reasons == {"truncated_gzip": 1}, "lines before the break kept"
    assert report.source.file_count == 3, "each input file is its own lineage input"
    rejects = pl.read_parquet(Path(str(report.rejects_path)) / "part-00000.parquet")
    assert rejects["source_file"].to_list() == ["logs/c.jsonl.gz"] and rejects["line"][0] > 1
    assert "maria.gonzalez@example.com" not in rejects["content"][0]


def test_a_declared_shape_applies_to_every_record(tmp_path, key):
    path = _all_shapes(tmp_path / "logs")
    config = _config(tmp_path, [str(path)], shape="anthropic")
    report = run_dataset(config, "logs", date(2026, 3, 3), resources=Resources.for_config(config, key))
    assert report.shapes == {"anthropic": 12} and report.residual is not None and report.residual.passed
    with pytest.raises(ConfigError, match="shape: must be one of"):
        _config(tmp_path / "bad", ["x.jsonl"], shape="openai")
