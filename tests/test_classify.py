"""``maskline scan``: classify columns and JSON paths, suggest a policy, never print a value."""

from __future__ import annotations

import yaml
from pipeline import demo_datasets, demo_sources, write_config
from typer.testing import CliRunner

from masking.cli import app
from masking.config import load_config


def test_scan_classifies_columns_and_writes_a_policy_that_loads(tmp_path, demo_data, key_env):
    config = write_config(tmp_path, demo_sources(demo_data.duckdb_path, demo_data.logs_glob), demo_datasets())
    suggested = tmp_path / "suggested.yaml"
    result = CliRunner().invoke(app, ["scan", "--config", str(config.config_path), "--sample", "80",
                                      "--write", str(suggested)], terminal_width=240)
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.output.splitlines() if line.count("│") > 5}
    assert "EMAIL 100%" in lines["email"] and "hash" in lines["email"]
    assert "CREDIT_CARD 100%" in lines["card_number"] and "keep_last=4" in lines["card_number"]
    assert "US_SSN 100%" in lines["ssn"] and "redact" in lines["ssn"]
    assert "generalize" in lines["birth_date"]
    assert "PERSON" in lines["notes"] and "scan" in lines["notes"]
    assert any(name.startswith("record.request.messages[].content") for name in lines)
    planted = [v for values in demo_data.planted.values() for v in values]
    assert not [v for v in planted if v in result.output]

    policy = yaml.safe_load(suggested.read_text())["datasets"]["customers"]["policy"]
    assert policy["columns"]["email"] == "hash" and policy["columns"]["id"] == "keep"
    text = config.config_path.read_text().split("datasets:")[0] + yaml.safe_dump(
        {"datasets": {**yaml.safe_load(suggested.read_text())["datasets"]}})
    (tmp_path / "with-suggested.yaml").write_text(text)
    assert load_config(tmp_path / "with-suggested.yaml").datasets["customers"].policy.columns["ssn"].action == "redact"
