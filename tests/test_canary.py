"""Canaries: known sensitive values planted in every source kind must appear in no artifact of a run.

Artifacts searched: Parquet values, masking reports, rejects, lineage events (ours and the Airflow
provider's), Airflow task logs and metadata database, and everything the CLI printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime

import adbc_driver_postgresql.dbapi as adbc_pg
import duckdb
import pytest
from conftest import TEST_KEY_HEX
from pipeline import artifact_texts, leaks, write_config

from masking.errors import ResidualFindingError

pytestmark = [pytest.mark.postgres, pytest.mark.airflow]
SERVER = "postgresql://postgres@127.0.0.1:5432"

CANARIES = {
    "email": "canary.theodora@example.net",
    "phone": "+1 202-555-0147",
    "ssn": "512-34-7788",
    "card": "4532 7153 3790 1245",  # Luhn-valid
    "iban": "DE89 3704 0044 0532 0130 00",
    "aws": "AKIACANARY7F3K2M9QXZ",
    "github": "ghp_CanaryTok3nXyZ0123456789abcdefGHIJKL",
    "password": "Canary-Pw-9931",
    "name": "Theodora Blackwood",
}
C = CANARIES
NOTE = (f"Customer {C['name']} called from {C['phone']}; mail {C['email']}; card {C['card']}; "
        f"IBAN {C['iban']}; she pasted password={C['password']} and {C['aws']} and {C['github']}.")


@pytest.fixture
def sources(tmp_path):
    name = f"maskline_canary_{uuid.uuid4().hex[:8]}"
    with adbc_pg.connect(f"{SERVER}/postgres", autocommit=True) as admin, admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    with adbc_pg.connect(f"{SERVER}/{name}", autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("CREATE TABLE people (id int PRIMARY KEY, full_name text, email text, ssn text, note text)")
        cur.execute("INSERT INTO people VALUES (1, $1, $2, $3, $4)", (C["name"], C["email"], C["ssn"], NOTE))
    db = tmp_path / "prod.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, contact VARCHAR, body VARCHAR)")
        con.execute("INSERT INTO tickets VALUES (1, ?, ?)", [C["email"], NOTE])
    logs = tmp_path / "logs"
    logs.mkdir()
    record = {"model": "gpt-4o", "messages": [{"role": "user", "content": f"Hi, I'm {C['name']}. {NOTE}"}],
              "tool_calls": [{"function": {"name": "lookup", "arguments": json.dumps(
                  {"name": C["name"], "email": C["email"], "ssn": C["ssn"], "card": C["card"]})}}]}
    (logs / "chat.jsonl").write_text(
        json.dumps(record) + "\n" + f'{{"broken": "{C["email"]} {C["aws"]} password={C["password"]}\n',
        encoding="utf-8")
    yield {
        "pg": {"kind": "postgres", "host": "127.0.0.1", "port": 5432, "database": name},
        "embedded": {"kind": "duckdb", "path": str(db)},
        "logs": {"kind": "jsonl", "paths": [str(logs / "*.jsonl")]},
    }
    with adbc_pg.connect(f"{SERVER}/postgres", autocommit=True) as admin, admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def config(tmp_path, sources):
    datasets = {
        "people": {"source": "pg", "table": "public.people",
                   "policy": {"columns": {"id": "keep", "full_name": "hash", "email": "hash", "ssn": "redact"}}},
        "tickets": {"source": "embedded", "table": "tickets", "policy": {"columns": {"id": "keep"}}},
        "chats": {"source": "logs"},
    }
    return write_config(tmp_path / "run", sources, datasets)


def test_cli_run_leaks_no_canary(config):
    env = {**os.environ, "MASKLINE_KEY": TEST_KEY_HEX}
    done = subprocess.run([sys.executable, "-m", "masking.cli", "run", "--config", str(config.config_path),
                           "--date", "2026-11-27"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    texts = artifact_texts(config.output_root)
    texts["cli stdout"], texts["cli stderr"] = done.stdout, done.stderr
    assert sum(1 for name in texts if name.endswith(".parquet")) == 6  # three datasets, three rejects
    assert "rejected" in done.stdout
    assert leaks(texts, list(CANARIES.values())) == []


def test_cli_refuses_to_run_without_a_key(config):
    env = {k: v for k, v in os.environ.items() if k != "MASKLINE_KEY"}
    done = subprocess.run([sys.executable, "-m", "masking.cli", "run", "--config", str(config.config_path)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "No masking key found" in done.stderr
    assert not (config.output_root / "people").exists()


def test_airflow_run_leaks_no_canary(dagbag, config, key_env, airflow_home):
    run = dagbag.get_dag("maskline_nightly").test(
        logical_date=datetime(2026, 11, 26, 2, tzinfo=UTC), run_conf={"config": str(config.config_path)})
    assert str(run.state) == "success"
    texts = artifact_texts(config.output_root)
    texts.update(artifact_texts(airflow_home))  # task logs, provider events, the metadata DB's bytes
    assert any(name.endswith("events.jsonl") and "maskline_nightly" in text for name, text in texts.items())
    assert leaks(texts, list(CANARIES.values())) == []


def test_http_lineage_to_marquez_leaks_no_canary(config, key, marquez):
    """The same run with lineage sent over HTTP to a Marquez stand-in: every event stored, none holds a canary."""
    from olschema import assert_valid_run_event

    from lineage.observer import observer_for
    from masking.config import LineageTransport
    from masking.job import Resources, run_dataset

    url, received = marquez
    config.lineage.transport = LineageTransport(type="http", url=url, timeout=5.0)
    resources = Resources.for_config(config, key)
    observer = observer_for(config, resources.scrub_many)
    for dataset in ("people", "tickets", "chats"):
        run_dataset(config, dataset, date(2026, 11, 27), resources=resources, observer=observer)
    broken = config.model_copy(deep=True)
    broken.datasets["people"].policy.columns["email"] = broken.datasets["people"].policy.columns["id"]  # keep
    with pytest.raises(ResidualFindingError):
        run_dataset(broken, "people", date(2026, 11, 28), resources=resources, observer=observer)

    assert observer.failures == 0 and len(received) == observer.emitted > 20
    assert {r.status for r in received} == {201}
    assert any(r.event["eventType"] == "FAIL" for r in received)
    for r in received:
        assert_valid_run_event(r.event)
        assert r.event["job"]["facets"]["sourceCodeLocation"]["path"] == "masking/job.py"
    bodies = {f"event {i}": json.dumps(r.event) for i, r in enumerate(received)}
    assert leaks(bodies, list(CANARIES.values())) == []
