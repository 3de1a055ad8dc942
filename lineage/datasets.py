"""Input and output datasets with their standard facets: schema, statistics, null counts, column lineage,
and the residual re-scan as data quality assertions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openlineage.client.event_v2 import InputDataset, OutputDataset
from openlineage.client.facet_v2 import (
    DatasetFacet,
    InputDatasetFacet,
    OutputDatasetFacet,
    column_lineage_dataset,
    data_quality_assertions_dataset,
    data_quality_metrics_dataset,
    data_quality_metrics_input_dataset,
    input_statistics_input_dataset,
    output_statistics_output_dataset,
    schema_dataset,
    tags_dataset,
)

from masking.report import ColumnReport, DatasetRef, FieldInfo, ResidualResult

PRODUCER = "https://github.com/maskline/maskline"

# What each policy action does, for the column lineage "description" (how, never a value).
ACTION_DESCRIPTIONS = {
    "keep": "keep: copied unchanged",
    "redact": "redact: replaced by a constant",
    "hash": "hash: keyed HMAC-SHA256 pseudonym",
    "partial": "partial: all but the last characters hidden",
    "generalize": "generalize: date truncated to year or month",
    "scan": "scan: detected PII spans replaced by entity tokens",
}
RESIDUAL_ASSERTION = "residual_rescan"
RESIDUAL_DESCRIPTION = "re-scan of the written output with the masking detectors finds nothing"


def input_dataset(ref: DatasetRef) -> InputDataset:
    facets: dict[str, InputDatasetFacet] = {}
    if ref.row_count is not None:
        facets["inputStatistics"] = input_statistics_input_dataset.InputStatisticsInputDatasetFacet(
            rowCount=ref.row_count, size=ref.bytes, fileCount=ref.file_count, producer=PRODUCER
        )
    if ref.null_counts:
        facets["dataQualityMetrics"] = data_quality_metrics_input_dataset.DataQualityMetricsInputDatasetFacet(
            columnMetrics=_null_metrics(ref, data_quality_metrics_input_dataset.ColumnMetrics),
            rowCount=ref.row_count,
            bytes=ref.bytes,
            fileCount=ref.file_count,
            producer=PRODUCER,
        )
    return InputDataset(
        namespace=ref.namespace, name=ref.name, facets=_dataset_facets(ref), inputFacets=facets
    )


def output_dataset(ref: DatasetRef) -> OutputDataset:
    facets = _dataset_facets(ref)
    if ref.null_counts:
        facets["dataQualityMetrics"] = data_quality_metrics_dataset.DataQualityMetricsDatasetFacet(
            columnMetrics=_null_metrics(ref, data_quality_metrics_dataset.ColumnMetrics),
            rowCount=ref.row_count,
            bytes=ref.bytes,
            fileCount=ref.file_count,
            producer=PRODUCER,
        )
    output_facets: dict[str, OutputDatasetFacet] = {}
    if ref.row_count is not None:
        output_facets["outputStatistics"] = (
            output_statistics_output_dataset.OutputStatisticsOutputDatasetFacet(
                rowCount=ref.row_count, size=ref.bytes, fileCount=ref.file_count, producer=PRODUCER
            )
        )
    return OutputDataset(namespace=ref.namespace, name=ref.name, facets=facets, outputFacets=output_facets)


def with_column_lineage(
    outputs: list[OutputDataset], columns: list[ColumnReport], inputs: list[DatasetRef]
) -> list[OutputDataset]:
    """Column lineage on the first output, the masked dataset (a later one, e.g. rejects, has other columns).

    Each kept or masked column points at its source column in every input that has it: a JSONL source is one
    input per file, all feeding the same column. Dropped columns produce no output field, so no entry.
    """
    if not outputs:
        return outputs
    fields: dict[str, column_lineage_dataset.Fields] = {}
    for column in columns:
        sources = [_input_field(ref, column) for ref in inputs if _has_field(ref, column.source_column)]
        if column.action != "drop" and sources:
            fields[column.name] = column_lineage_dataset.Fields(inputFields=sources)
    if fields:
        target = outputs[0]
        facets = dict(target.facets or {})
        facets["columnLineage"] = column_lineage_dataset.ColumnLineageDatasetFacet(
            fields=fields, dataset=None, producer=PRODUCER
        )
        target.facets = facets
    return outputs


def with_tags(
    inputs: list[InputDataset], outputs: list[OutputDataset], columns: list[ColumnReport]
) -> None:
    """Field-level tags: ``pii:<ENTITY>`` on input columns where the scan found that entity, ``pii:declared`` on
    columns the policy masks outright, and ``masked:<action>`` on every masked output column."""
    pii, masked = [], []
    for column in columns:
        for entity in sorted(column.entities):
            pii.append(_tag("pii", entity, column.source_column))
        if column.action in ("hash", "redact", "partial", "generalize", "drop") and not column.entities:
            pii.append(_tag("pii", "declared", column.source_column))
        if column.action not in ("keep", "drop"):
            masked.append(_tag("masked", column.action, column.name))
    for dataset, tags in ([(d, pii) for d in inputs] + [(d, masked) for d in outputs[:1]]):
        if tags:
            dataset.facets = {**(dataset.facets or {}),
                              "tags": tags_dataset.TagsDatasetFacet(tags=tags, producer=PRODUCER)}


def _tag(key: str, value: str, field: str) -> tags_dataset.TagsDatasetFacetFields:
    return tags_dataset.TagsDatasetFacetFields(key=key, value=value, source="MASKLINE", field=field)


def with_assertions(
    inputs: list[InputDataset], verified: DatasetRef, residual: ResidualResult
) -> list[InputDataset]:
    """The residual re-scan as assertions on the verified dataset: one for the dataset, one per column."""
    matching = [d for d in inputs if (d.namespace, d.name) == (verified.namespace, verified.name)]
    targets = matching or inputs[:1]  # verify reads what it checks; fall back to its first input
    facet = data_quality_assertions_dataset.DataQualityAssertionsDatasetFacet(
        assertions=_assertions(residual), producer=PRODUCER
    )
    for dataset in targets:
        dataset.inputFacets = {**(dataset.inputFacets or {}), "dataQualityAssertions": facet}
    return inputs


def _assertions(residual: ResidualResult) -> list[data_quality_assertions_dataset.Assertion]:
    total = sum(sum(counts.values()) for counts in residual.findings.values())
    checks = [_residual_assertion(residual.passed, total, column=None)]
    for column in residual.columns_scanned:
        found = sum(residual.findings.get(column, {}).values())
        checks.append(_residual_assertion(found == 0, found, column=column))
    return checks


def _residual_assertion(
    success: bool, found: int, column: str | None
) -> data_quality_assertions_dataset.Assertion:
    return data_quality_assertions_dataset.Assertion(
        assertion=RESIDUAL_ASSERTION,
        success=success,
        column=column,
        description=RESIDUAL_DESCRIPTION,
        expected="0",
        actual=str(found),
        params=None,  # the default {} would serialize as an empty object
    )


def _input_field(ref: DatasetRef, column: ColumnReport) -> column_lineage_dataset.InputField:
    return column_lineage_dataset.InputField(
        namespace=ref.namespace,
        name=ref.name,
        field=column.source_column,
        transformations=[_transformation(column.action)],
    )


def _transformation(action: str) -> column_lineage_dataset.Transformation:
    keep = action == "keep"
    return column_lineage_dataset.Transformation(
        type="DIRECT",
        subtype="IDENTITY" if keep else "TRANSFORMATION",
        description=ACTION_DESCRIPTIONS.get(action, action),
        masking=not keep,
    )


def _has_field(ref: DatasetRef, name: str) -> bool:
    # A ref without a schema (not read yet) cannot rule the column out.
    return not ref.fields or any(field.name == name for field in ref.fields)


def _dataset_facets(ref: DatasetRef) -> dict[str, DatasetFacet]:
    if not ref.fields:
        return {}
    return {
        "schema": schema_dataset.SchemaDatasetFacet(fields=[_field(f) for f in ref.fields], producer=PRODUCER)
    }


def _field(info: FieldInfo) -> schema_dataset.SchemaDatasetFacetFields:
    nested = [_field(child) for child in info.fields] or None  # flat fields omit "fields" entirely
    return schema_dataset.SchemaDatasetFacetFields(name=info.name, type=info.type, fields=nested)


def _null_metrics(ref: DatasetRef, metrics: Callable[..., Any]) -> dict[str, Any]:
    # Both dataQualityMetrics variants (input and plain dataset) have their own, identical ColumnMetrics.
    return {column: metrics(nullCount=count, quantiles=None) for column, count in ref.null_counts.items()}
