"""Test set-up. Airflow reads its settings at import, so they are set here, before anything imports it."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="maskline-airflow-"))
os.environ.update({
    "AIRFLOW_HOME": str(_AIRFLOW_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
    "AIRFLOW__OPENLINEAGE__NAMESPACE": "maskline-test",
    # As in production: the provider's events (and Maskline's, which reuse its client) are scrubbed first.
    "AIRFLOW__OPENLINEAGE__TRANSPORT": json.dumps({
        "type": "transform", "transformer_class": "lineage.scrub.ScrubTransformer",
        "transport": {"type": "file", "log_file_path": str(_AIRFLOW_HOME / "events.jsonl"), "append": True},
    }),
})
os.environ.pop("MASKLINE_KEY", None)
sys.path.insert(0, str(ROOT / "dags"))
sys.path.insert(0, str(ROOT / "tests"))

import pytest  # noqa: E402

pytest_plugins = ["marquez_standin"]  # the `marquez` fixture: a local stand-in for Marquez's ingestion API

from masking.demo_data import DemoData, build_demo_data  # noqa: E402
from masking.keys import MaskingKey  # noqa: E402

TEST_KEY_HEX = "6d61736b6c696e652d746573742d6b65792d6e6f742d612d7265616c2d6f6e65"


@pytest.fixture(scope="session")
def airflow_home() -> Path:
    return _AIRFLOW_HOME


@pytest.fixture
def key() -> MaskingKey:
    return MaskingKey(bytes.fromhex(TEST_KEY_HEX))


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MASKLINE_KEY", TEST_KEY_HEX)
    return TEST_KEY_HEX


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> DemoData:
    """A small demo data set, built once: a DuckDB table and JSONL chat logs with planted values."""
    return build_demo_data(tmp_path_factory.mktemp("demo") / "data", customers=120, conversations=60)


@pytest.fixture(scope="session")
def dagbag():
    """The project's DAGs, parsed by Airflow, with a fresh metadata database (SQLite)."""
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils import db

    db.resetdb()
    bag = DagBag(dag_folder=str(ROOT / "dags"))
    assert bag.import_errors == {}
    return bag


@pytest.fixture(autouse=True)
def _no_scrubber_left_behind():
    """A run installs the masking scan as lineage's text scrubber (process-wide); each test starts without."""
    from lineage.scrub import set_text_scrubber

    yield
    set_text_scrubber(None)
