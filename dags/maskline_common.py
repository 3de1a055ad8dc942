"""Task bodies shared by the Maskline DAGs. Imports are inside functions: Airflow parses DAG files often."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

DEFAULT_CONFIG = os.environ.get("MASKLINE_CONFIG", "maskline.yaml")
ALIAS = "maskline-masked-datasets"


def dataset_names(config_path: str, wanted: list[str] | None) -> list[str]:
    from masking.config import load_config

    config = load_config(config_path)
    for name in wanted or []:
        config.dataset(name)  # an unknown name fails here, with a suggestion, before any data is read
    return list(wanted) if wanted else list(config.datasets)


def run_date_of(context: dict[str, Any], explicit: str | None) -> date:
    if explicit:
        return date.fromisoformat(explicit)
    logical = context.get("logical_date") or context.get("data_interval_end")
    return logical.date() if logical is not None else date.today()


def mask_dataset(config_path: str, dataset: str, run_date: date, context: dict[str, Any]) -> dict[str, Any]:
    """Run one dataset under Airflow: lineage steps are children of this task run; publish its Asset."""
    from airflow.sdk import Asset, AssetAlias

    from lineage.observer import airflow_client, airflow_parent, observer_for
    from masking.config import load_config
    from masking.job import Resources, run_dataset
    from masking.progress import progress_reporter

    config = load_config(config_path)
    resources = Resources.for_config(config)
    observer = observer_for(config, resources.scrub_many, parent=airflow_parent(context["ti"]), client=airflow_client())
    with progress_reporter() as progress:
        report = run_dataset(config, dataset, run_date, resources=resources, observer=observer, progress=progress)
    output = config.output_root / dataset
    context["outlet_events"][AssetAlias(ALIAS)].add(
        Asset(name=f"maskline.{dataset}", uri=output.resolve().as_uri()),
        extra={"dataset": dataset, "run_date": run_date.isoformat(), "rows_out": report.rows_out,
               "rows_rejected": report.rows_rejected, "report": f"{report.output_path}/_masking_report.json",
               "residual_passed": bool(report.residual and report.residual.passed)},
    )
    return {"dataset": dataset, "rows_in": report.rows_in, "rows_out": report.rows_out,
            "rows_rejected": report.rows_rejected, "output": report.output_path}
