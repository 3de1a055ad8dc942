"""What a run did, as plain data: the masking report and the step records lineage is built from.

These types hold names, types, counts and hashes only. Nothing here may ever hold a value read from data.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class FieldInfo(Model):
    """One column of a dataset schema (nested fields for structs and lists)."""

    name: str
    type: str
    fields: list[FieldInfo] = Field(default_factory=list)


class DatasetRef(Model):
    """A dataset as OpenLineage names it: ``namespace`` + ``name`` (see the OpenLineage naming spec)."""

    namespace: str
    name: str
    fields: list[FieldInfo] = Field(default_factory=list)
    row_count: int | None = None
    bytes: int | None = None
    file_count: int | None = None
    null_counts: dict[str, int] = Field(default_factory=dict)


class ColumnReport(Model):
    """How one output column was produced."""

    name: str
    source_column: str
    action: str
    input_type: str
    output_type: str | None = None  # None when dropped
    values_masked: int = 0  # non-null values the action changed or replaced
    entities: dict[str, int] = Field(default_factory=dict)  # entity type -> spans replaced (scan)
    unlisted: bool = False  # not in the policy: handled by the default action


class ResidualResult(Model):
    """The re-scan of the written output with the same detectors."""

    passed: bool
    rows_scanned: int
    columns_scanned: list[str]
    columns_skipped: dict[str, str] = Field(default_factory=dict)  # column -> why (e.g. synthetic output)
    findings: dict[str, dict[str, int]] = Field(default_factory=dict)  # column -> entity -> count


class ModelInfo(Model):
    name: str
    version: str


class MaskingReport(Model):
    """The masking proof written beside each output partition."""

    format: Literal["maskline.report/1"] = "maskline.report/1"
    dataset: str
    run_date: date
    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    source: DatasetRef
    output: DatasetRef
    output_path: str
    rejects: DatasetRef | None = None
    rejects_path: str | None = None
    rows_in: int
    rows_out: int
    rows_rejected: int
    reject_reasons: dict[str, int] = Field(default_factory=dict)
    columns: list[ColumnReport]
    paths: list[ColumnReport] = Field(default_factory=list)  # logs: one entry per JSON path scanned
    policy_sha256: str
    key_id: str
    detectors: list[str]
    model: ModelInfo
    maskline_version: str
    residual: ResidualResult | None = None
    # Logs only: records per shape, and JSON paths the previous report (``paths_baseline``, its dt) lacked.
    shapes: dict[str, int] = Field(default_factory=dict)
    new_paths: list[str] = Field(default_factory=list)
    paths_baseline: str | None = None


StepName = Literal["extract", "mask", "verify"]


class StepRecord(Model):
    """One step of one dataset's run, as lineage needs it."""

    dataset: str
    step: StepName
    run_id: str  # this step's own run id (UUID)
    pipeline_run_id: str  # the run of the whole job for this dataset and date
    run_date: date
    inputs: list[DatasetRef] = Field(default_factory=list)
    outputs: list[DatasetRef] = Field(default_factory=list)
    columns: list[ColumnReport] = Field(default_factory=list)  # column lineage, on the mask step
    report: MaskingReport | None = None  # on the verify step's completion


class StepObserver(Protocol):
    """Receives each step's start and end. ``lineage`` implements it; ``masking`` never imports it.

    Implementations must never raise: lineage problems are logged and counted, never fail the data task.
    """

    def step_started(self, step: StepRecord) -> None: ...

    def step_completed(self, step: StepRecord) -> None: ...

    def step_failed(self, step: StepRecord, error: BaseException) -> None: ...


class NullObserver:
    def step_started(self, step: StepRecord) -> None:
        return None

    def step_completed(self, step: StepRecord) -> None:
        return None

    def step_failed(self, step: StepRecord, error: BaseException) -> None:
        return None
