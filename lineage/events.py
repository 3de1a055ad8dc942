"""OpenLineage RunEvents for the masking job's steps, built with the client's own facet classes.

Pure functions: a ``StepRecord`` (plus the event time) in, a ``RunEvent`` out; no I/O. Job names are
``<pipeline>.<dataset>.<step>`` for a step and ``<pipeline>.<dataset>`` for the dataset's whole run, which
is every step's parent when no orchestrator run is given.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from openlineage.client.constants import __version__ as OPENLINEAGE_CLIENT_VERSION
from openlineage.client.event_v2 import Job, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    JobFacet,
    RunFacet,
    error_message_run,
    job_type_job,
    nominal_time_run,
    parent_run,
    processing_engine_run,
    source_code_location_job,
)

from lineage.datasets import (
    PRODUCER,
    input_dataset,
    output_dataset,
    with_assertions,
    with_column_lineage,
    with_tags,
)
from lineage.facets import FACET_KEY, masking_proof
from lineage.scrub import scrub_text
from masking.report import StepRecord

INTEGRATION = "MASKLINE"
ENGINE = "maskline"

__all__ = [
    "PRODUCER",
    "ParentRun",
    "RunState",
    "pipeline_event",
    "pipeline_job_name",
    "pipeline_parent",
    "step_event",
    "step_job_name",
]


@dataclass(frozen=True)
class ParentRun:
    """The run that spawned a step (an Airflow task run), and the root of the tree (the DAG run)."""

    namespace: str
    job_name: str
    run_id: str
    root_namespace: str
    root_job_name: str
    root_run_id: str


def step_job_name(pipeline: str, step: StepRecord) -> str:
    return f"{pipeline}.{step.dataset}.{step.step}"


def pipeline_job_name(pipeline: str, dataset: str) -> str:
    return f"{pipeline}.{dataset}"


def pipeline_parent(step: StepRecord, namespace: str, pipeline: str) -> ParentRun:
    """The dataset's whole run as a step's parent and root (a run outside any orchestrator)."""
    job = pipeline_job_name(pipeline, step.dataset)
    return ParentRun(namespace, job, step.pipeline_run_id, namespace, job, step.pipeline_run_id)


def step_event(
    state: RunState,
    step: StepRecord,
    *,
    namespace: str,
    pipeline: str,
    parent: ParentRun | None = None,
    error: BaseException | None = None,
    event_time: datetime | None = None,
) -> RunEvent:
    """One step's START/COMPLETE/FAIL with its datasets; ``parent`` None means the pipeline run."""
    run_facets = _run_facets(step.run_date, error)
    run_facets["parent"] = _parent_facet(parent or pipeline_parent(step, namespace, pipeline))
    ended = state in (RunState.COMPLETE, RunState.FAIL)
    if step.report is not None and ended:
        run_facets[FACET_KEY] = masking_proof(step.report, PRODUCER)
    inputs = [input_dataset(ref) for ref in step.inputs]
    outputs = [output_dataset(ref) for ref in step.outputs]
    if step.columns:
        outputs = with_column_lineage(outputs, step.columns, step.inputs)
        with_tags(inputs, outputs, step.columns)
    if step.report is not None and step.report.residual is not None and ended:
        inputs = with_assertions(inputs, step.report.output, step.report.residual)
    return RunEvent(
        eventType=state,
        eventTime=_timestamp(event_time),
        run=Run(runId=step.run_id, facets=run_facets),
        job=Job(namespace=namespace, name=step_job_name(pipeline, step), facets=_job_facets("TASK")),
        inputs=inputs,
        outputs=outputs,
        producer=PRODUCER,
    )


def pipeline_event(
    state: RunState,
    step: StepRecord,
    *,
    namespace: str,
    pipeline: str,
    error: BaseException | None = None,
    event_time: datetime | None = None,
) -> RunEvent:
    """The START/COMPLETE/FAIL of a dataset's whole run (``step`` is any of its steps).

    No datasets: the steps carry them, so the graph shows each step's edge once.
    """
    return RunEvent(
        eventType=state,
        eventTime=_timestamp(event_time),
        run=Run(runId=step.pipeline_run_id, facets=_run_facets(step.run_date, error)),
        job=Job(
            namespace=namespace, name=pipeline_job_name(pipeline, step.dataset), facets=_job_facets("JOB")
        ),
        producer=PRODUCER,
    )


def _run_facets(run_date: date, error: BaseException | None) -> dict[str, RunFacet]:
    facets: dict[str, RunFacet] = {
        "nominalTime": _nominal_time(run_date),
        "processing_engine": processing_engine_run.ProcessingEngineRunFacet(
            version=maskline_version(),
            name=ENGINE,
            openlineageAdapterVersion=OPENLINEAGE_CLIENT_VERSION,
            producer=PRODUCER,
        ),
    }
    if error is not None:
        facets["errorMessage"] = error_facet(error)
    return facets


def error_facet(error: BaseException) -> error_message_run.ErrorMessageRunFacet:
    """The scrubbed message only. No stack trace: chained third-party exceptions may quote data values,
    and frames add nothing a reader of the lineage graph needs (the task log has them)."""
    return error_message_run.ErrorMessageRunFacet(
        message=scrub_text(f"{type(error).__name__}: {error}"),
        programmingLanguage="python",
        producer=PRODUCER,
    )


def _nominal_time(run_date: date) -> nominal_time_run.NominalTimeRunFacet:
    # A run date covers one UTC day: [00:00, next day 00:00).
    start = datetime.combine(run_date, time.min, tzinfo=UTC)
    return nominal_time_run.NominalTimeRunFacet(
        nominalStartTime=start.isoformat(),
        nominalEndTime=(start + timedelta(days=1)).isoformat(),
        producer=PRODUCER,
    )


def _parent_facet(parent: ParentRun) -> parent_run.ParentRunFacet:
    return parent_run.ParentRunFacet(
        # facets=None: the client defaults them to {}, which would serialize as empty "facets" objects
        run=parent_run.Run(runId=parent.run_id, facets=None),
        job=parent_run.Job(namespace=parent.namespace, name=parent.job_name, facets=None),
        root=parent_run.Root(
            run=parent_run.RootRun(runId=parent.root_run_id, facets=None),
            job=parent_run.RootJob(namespace=parent.root_namespace, name=parent.root_job_name, facets=None),
        ),
        producer=PRODUCER,
    )


def _job_facets(job_type: str) -> dict[str, JobFacet]:
    facets: dict[str, JobFacet] = {
        "jobType": job_type_job.JobTypeJobFacet(
            processingType="BATCH", integration=INTEGRATION, jobType=job_type, producer=PRODUCER
        )
    }
    location = _job_source()
    if location is not None:
        facets["sourceCodeLocation"] = source_code_location_job.SourceCodeLocationJobFacet(
            type="file", url=location.as_uri(), path="masking/job.py", version=maskline_version(), producer=PRODUCER
        )
    return facets


@cache
def _job_source() -> Path | None:
    """Where every step's code is: the installed ``masking/job.py`` (found without importing it)."""
    spec = importlib.util.find_spec("masking.job")
    return Path(spec.origin).resolve() if spec is not None and spec.origin else None


def _timestamp(event_time: datetime | None) -> str:
    moment = event_time or datetime.now(UTC)
    if moment.tzinfo is None:  # a naive clock is taken as UTC rather than as local time
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


@functools.cache
def maskline_version() -> str:
    try:
        return importlib.metadata.version("maskline")
    except importlib.metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"
