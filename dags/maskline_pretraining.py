"""On-demand masking before model training: trigger with params choosing the datasets and the date."""

from __future__ import annotations

import pendulum
from airflow.sdk import AssetAlias, Param, dag, task
from maskline_common import ALIAS, DEFAULT_CONFIG


@dag(
    dag_id="maskline_pretraining",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    params={
        "config": Param(DEFAULT_CONFIG, type="string", description="Path of the Maskline pipeline config"),
        "datasets": Param([], type="array", items={"type": "string"}, description="Datasets to mask; empty: all"),
        "date": Param(None, type=["null", "string"], format="date", description="Partition date; default: today"),
    },
    tags=["maskline"],
    doc_md=__doc__,
)
def maskline_pretraining() -> None:
    @task
    def list_datasets(params: dict | None = None) -> list[str]:
        from maskline_common import dataset_names

        assert params is not None
        return dataset_names(params["config"], params["datasets"])

    @task(outlets=[AssetAlias(ALIAS)], map_index_template="{{ dataset }}")
    def mask(dataset: str, params: dict | None = None, **context: object) -> dict:
        from airflow.sdk import get_current_context
        from maskline_common import mask_dataset, run_date_of

        get_current_context()["dataset"] = dataset  # type: ignore[index]  # names the map index
        assert params is not None
        return mask_dataset(params["config"], dataset, run_date_of(context, params["date"]), context)

    mask.expand(dataset=list_datasets())


maskline_pretraining()
