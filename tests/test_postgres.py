"""A real PostgreSQL over a real connection: a throwaway database, a table of fake PII, the whole job."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import adbc_driver_postgresql.dbapi as adbc_pg
import polars as pl
import pytest
from olschema import assert_valid_run_event
from pipeline import artifact_texts, events, leaks, write_config

from masking.errors import SourceError
from masking.job import Resources, run_dataset

pytestmark = pytest.mark.postgres
SERVER = "postgresql://postgres@127.0.0.1:5432"
PLANTED = {
    "email": "rosalind.quinterro@example.org",
    "phone": "+1 415-555-0187",
    "ssn": "219-09-9999",
    "card": "4539 1488 0343 6467",
    "name": "Rosalind Quinterro",
    "token": "ghp_" + "Zq8" * 12,
}


@pytest.fixture
def database() -> Iterator[str]:
    name = f"maskline_test_{uuid.uuid4().hex[:10]}"
    with adbc_pg.connect(f"{SERVER}/postgres", autocommit=True) as admin, admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        with adbc_pg.connect(f"{SERVER}/{name}", autocommit=True) as conn, conn.cursor() as cur:
            cur.execute("CREATE SCHEMA crm")
            cur.execute(
                "CREATE TABLE crm.customers (id bigint PRIMARY KEY, full_name text, email text, phone text, "
                "ssn text, card text, balance numeric(12,2), born date, notes text, profile jsonb)"
            )
            p = PLANTED
            cur.execute(
                "INSERT INTO crm.customers VALUES "
                f"(1, '{p['name']}', '{p['email']}', '{p['phone']}', '{p['ssn']}', '{p['card']}', 1234.50, "
                f"'1984-05-06', 'Spoke with {p['name']} who pasted {p['token']} by mistake', "
                f"'{{\"contact\": \"{p['email']}\"}}'), "
                "(2, 'Ada Lovelace', 'ada@example.com', '(212) 555-0100', '078-05-1120', '5500 0000 0000 0004', "
                "10.00, '1990-12-10', NULL, NULL)"
            )
        yield name
    finally:
        with adbc_pg.connect(f"{SERVER}/postgres", autocommit=True) as admin, admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _config(tmp_path, database: str, **source: object):
    sources = {"crm": {"kind": "postgres", "host": "127.0.0.1", "port": 5432, "database": database, **source}}
    datasets = {"customers": {"source": "crm", "table": "crm.customers", "policy": {"columns": {
        "id": "keep", "full_name": "hash", "email": "hash", "phone": {"action": "partial", "keep_last": 2},
        "ssn": "redact", "card": {"action": "partial", "keep_last": 4}, "balance": "keep",
        "born": {"action": "generalize", "to": "year"}, "notes": "scan", "profile": "scan"}}}}
    return write_config(tmp_path, sources, datasets)


def test_postgres_table_is_masked_and_nothing_raw_survives(tmp_path, database, key):
    config = _config(tmp_path, database)
    from lineage.observer import LineageObserver

    observer = LineageObserver(config.lineage, pipeline=config.name, output_root=config.output_root)
    report = run_dataset(config, "customers", date(2026, 11, 27), resources=Resources.for_config(config, key),
                         observer=observer)

    assert (report.rows_in, report.rows_out, report.rows_rejected) == (2, 2, 0)
    assert report.source.namespace == "postgres://127.0.0.1:5432"
    assert report.source.name == f"{database}.crm.customers"
    masked = pl.read_parquet(f"{report.output_path}/part-00000.parquet")
    assert masked["id"].to_list() == [1, 2]
    assert masked.schema["balance"] == pl.Decimal(12, 2)
    assert masked["born"].to_list() == [date(1984, 1, 1), date(1990, 1, 1)]
    assert "<GITHUB_TOKEN:" in masked["notes"][0] and "<PERSON:" in masked["notes"][0]
    assert "<EMAIL:" in masked["profile"][0]
    assert observer.failures == 0
    texts = artifact_texts(config.output_root)
    assert any(path.endswith("events.jsonl") for path in texts)
    assert leaks(texts, list(PLANTED.values())) == []
    emitted = events(config.output_root / "lineage/events.jsonl")
    for event in emitted:
        assert_valid_run_event(event)
    mask_done = next(e for e in emitted
                     if e["job"]["name"] == "maskline.customers.mask" and e["eventType"] == "COMPLETE")
    input_tags = {(t["field"], t["value"]) for t in mask_done["inputs"][0]["facets"]["tags"]["tags"]}
    assert {("notes", "GITHUB_TOKEN"), ("notes", "PERSON"), ("profile", "EMAIL"), ("ssn", "declared")} <= input_tags
    output_tags = {(t["field"], t["value"]) for t in mask_done["outputs"][0]["facets"]["tags"]["tags"]}
    assert ("email", "hash") in output_tags and ("id", "keep") not in output_tags
    assert mask_done["outputs"][0]["facets"]["dataQualityMetrics"]["columnMetrics"]["notes"]["nullCount"] == 1
    assert mask_done["outputs"][1]["name"].endswith("_rejects/customers")
    steps = {(e["job"]["name"], e["eventType"]) for e in emitted}
    for step in ("extract", "mask", "verify"):
        assert (f"maskline.customers.{step}", "START") in steps
        assert (f"maskline.customers.{step}", "COMPLETE") in steps


def test_wrong_password_error_names_the_source_but_not_the_secret(tmp_path, database, key, monkeypatch):
    monkeypatch.setenv("CRM_PASSWORD", "s3cret-Pa55")
    config = _config(tmp_path, database, user="no_such_user_x", password_env="CRM_PASSWORD")
    with pytest.raises(SourceError) as failure:
        run_dataset(config, "customers", date(2026, 11, 27), resources=Resources.for_config(config, key))
    assert "Source 'crm'" in str(failure.value)
    assert "s3cret-Pa55" not in str(failure.value)
    assert failure.value.retryable


def test_missing_table_is_a_clear_error(tmp_path, database, key):
    config = _config(tmp_path, database)
    config.datasets["customers"].table = "crm.nope"
    with pytest.raises(SourceError, match=r"cannot read table crm.nope"):
        run_dataset(config, "customers", date(2026, 11, 27), resources=Resources.for_config(config, key))
