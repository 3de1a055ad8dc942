"""Helpers to write pipeline configs for tests and to read everything a run produced."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import polars as pl
import yaml

from masking.config import PipelineConfig, load_config
from masking.demo import DEMO_CONFIG

# The demo's own policy for the customers table: tests mask what the demo masks.
CUSTOMER_POLICY: dict[str, Any] = yaml.safe_load(DEMO_CONFIG)["datasets"]["customers"]["policy"]


def write_config(directory: Path, sources: dict[str, Any], datasets: dict[str, Any], **extra: Any) -> PipelineConfig:
    directory.mkdir(parents=True, exist_ok=True)
    data = {"version": 1, "output": "out", "sources": sources, "datasets": datasets,
            "lineage": {"namespace": "maskline-test", "transport": {"type": "file", "path": "lineage/events.jsonl"}},
            **extra}
    path = directory / "maskline.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_config(path)


def demo_sources(duckdb_path: Path, logs_glob: str) -> dict[str, Any]:
    return {"production": {"kind": "duckdb", "path": str(duckdb_path)},
            "chat_logs": {"kind": "jsonl", "paths": [logs_glob]}}


def demo_datasets() -> dict[str, Any]:
    policy = copy.deepcopy(CUSTOMER_POLICY)
    return {"customers": {"source": "production", "table": "main.customers", "policy": policy},
            "chat_logs": {"source": "chat_logs"}}


def events(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def artifact_texts(root: Path) -> dict[str, str]:
    """Every file under ``root`` as text; Parquet files as the text of all their values (decoded)."""
    texts: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            frame = pl.read_parquet(path)
            texts[str(path)] = "\n".join(str(v) for column in frame.iter_columns() for v in column.to_list())
        else:
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return texts


def leaks(texts: dict[str, str], planted: list[str]) -> list[tuple[str, str]]:
    """(file, entity index) pairs for planted values found: values themselves are not reported."""
    return [(f, f"planted[{i}]") for f, text in texts.items() for i, v in enumerate(planted) if v in text]
