"""Read Maskline's OpenLineage events back from a file transport and shape them for browsing.

A *dataset run* is one dataset's extract, mask and verify steps under one parent run (the dataset's own run
outside Airflow, the Airflow task run under it). Events carry names, types, counts and hashes only; every
string read here is still stripped of control characters, so a crafted file cannot drive the terminal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from lineage.columns import ColumnView, Proof, column_views, proof_from_facet, text
from lineage.facets import FACET_KEY
from masking.errors import MasklineError

log = logging.getLogger(__name__)

STEPS = ("extract", "mask", "verify")
ENDED = ("COMPLETE", "FAIL", "ABORT")


class LineageBrowseError(MasklineError):
    """No events to read, or nothing matches the filters."""


@dataclass(frozen=True)
class DatasetId:
    namespace: str
    name: str


@dataclass
class DatasetUse:
    """A dataset as one step read or wrote it."""

    id: DatasetId
    rows: int | None = None


@dataclass(frozen=True)
class ParentRef:
    namespace: str
    job: str
    run_id: str
    root_job: str | None = None
    root_run_id: str | None = None


@dataclass
class StepRun:
    step: str
    job: str
    run_id: str
    state: str = "START"
    started: str | None = None
    ended: str | None = None
    inputs: list[DatasetUse] = field(default_factory=list)
    outputs: list[DatasetUse] = field(default_factory=list)
    error: str | None = None

    @property
    def timing(self) -> str:
        """When the step started and how long it took, e.g. ``2026-11-27 19:21:07 (4.8 s)``."""
        if not self.started:
            return ""
        if not self.ended:
            return self.started[:19].replace("T", " ")
        try:
            took = (datetime.fromisoformat(self.ended) - datetime.fromisoformat(self.started)).total_seconds()
        except ValueError:
            return self.started[:19].replace("T", " ")
        return f"{self.started[:19].replace('T', ' ')} ({took:.1f} s)"


@dataclass
class DatasetRun:
    dataset: str
    pipeline: str
    namespace: str
    parent: ParentRef
    run_date: str | None = None
    steps: list[StepRun] = field(default_factory=list)
    column_lineage: dict[str, Any] | None = None  # the masked output's columnLineage facet
    proof: Proof | None = None

    @property
    def columns(self) -> list[ColumnView]:
        return column_views(self.column_lineage, self.proof)

    @property
    def state(self) -> str:
        states = {step.step: step.state for step in self.steps}
        if "FAIL" in states.values():
            return "FAIL"
        if states.get("verify") == "COMPLETE":
            return "COMPLETE"
        return "ABORT" if "ABORT" in states.values() else "RUNNING"

    @property
    def last_time(self) -> str:
        return max((s.ended or s.started or "" for s in self.steps), default="")

    def run_ids(self) -> set[str]:
        ids = {self.parent.run_id, *(step.run_id for step in self.steps)}
        return ids | ({self.parent.root_run_id} if self.parent.root_run_id else set())

    def datasets(self) -> set[str]:
        return {use.id.name for step in self.steps for use in (*step.inputs, *step.outputs)}


def read_events(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Every RunEvent in the JSONL files; lines that are not JSON objects are skipped and counted."""
    events: list[dict[str, Any]] = []
    skipped = 0
    for path in paths:
        try:
            lines = path.read_bytes().splitlines()
        except OSError as exc:
            raise LineageBrowseError(f"cannot read lineage events {path}: {exc.strerror}") from None
        for line in filter(bytes.strip, lines):
            try:
                event = orjson.loads(line)
            except orjson.JSONDecodeError:
                event = None
            if isinstance(event, dict) and isinstance(event.get("run"), dict) and isinstance(event.get("job"), dict):
                events.append(event)
            else:
                skipped += 1
    if skipped:
        log.warning("skipped %d lines that are not OpenLineage run events", skipped)
    return events


def dataset_runs(events: list[dict[str, Any]]) -> list[DatasetRun]:
    """Maskline's step events grouped into dataset runs, oldest first."""
    steps: dict[str, StepRun] = {}
    runs: dict[tuple[str, str, str, str], DatasetRun] = {}
    for event in sorted(events, key=lambda e: str(e.get("eventTime", ""))):
        parsed = _step_identity(event)
        if parsed is None:
            continue
        pipeline, dataset, step_name, parent = parsed
        namespace = text(event["job"].get("namespace", ""))
        key = (namespace, pipeline, dataset, parent.run_id)
        run = runs.get(key)
        if run is None:
            run = runs[key] = DatasetRun(dataset, pipeline, namespace, parent)
        run_id = text(event["run"].get("runId", ""))
        step = steps.get(run_id)
        if step is None:
            step = steps[run_id] = StepRun(step_name, text(event["job"].get("name", "")), run_id)
            run.steps.append(step)
        _merge(run, step, event)
    for run in runs.values():
        run.steps.sort(key=lambda s: STEPS.index(s.step))
    return sorted(runs.values(), key=lambda r: r.last_time)


def select(runs: list[DatasetRun], dataset: str | None = None, run_id: str | None = None) -> list[DatasetRun]:
    """The runs to show: ``run_id`` (a parent, root or step run id), else the latest run of every dataset."""
    if not runs:
        raise LineageBrowseError("no Maskline step events found (jobs named <pipeline>.<dataset>.<step>)")
    chosen = [r for r in runs if dataset is None or dataset == r.dataset or dataset in r.datasets()]
    if not chosen:
        known = ", ".join(sorted({r.dataset for r in runs}))
        raise LineageBrowseError(f"no run of dataset '{text(dataset, 200)}'. Datasets in the events: {known}")
    if run_id is not None:
        wanted = run_id.strip().lower()
        matching = [r for r in chosen if wanted in {i.lower() for i in r.run_ids()}]
        if not matching:
            recent = ", ".join(f"{r.dataset}={r.parent.run_id}" for r in chosen[-5:])
            raise LineageBrowseError(f"no dataset run with run id '{text(run_id, 80)}'. Recent runs: {recent}")
        return matching
    latest: dict[tuple[str, str, str], DatasetRun] = {}
    for run in chosen:  # oldest first, so the last one written wins
        latest[(run.namespace, run.pipeline, run.dataset)] = run
    return sorted(latest.values(), key=lambda r: (r.dataset, r.pipeline, r.namespace))


def by_parent(runs: list[DatasetRun]) -> list[tuple[ParentRef, list[DatasetRun]]]:
    groups: dict[ParentRef, list[DatasetRun]] = {}
    for run in runs:
        groups.setdefault(run.parent, []).append(run)
    return list(groups.items())


def _step_identity(event: dict[str, Any]) -> tuple[str, str, str, ParentRef] | None:
    """(pipeline, dataset, step, parent) of a Maskline step event; None for any other event."""
    parts = str(event["job"].get("name", "")).rsplit(".", 2)
    facets = event["run"].get("facets") or {}
    parent = facets.get("parent") if isinstance(facets, dict) else None
    if len(parts) != 3 or parts[2] not in STEPS or not isinstance(parent, dict):
        return None
    job, run = parent.get("job") or {}, parent.get("run") or {}
    root = parent.get("root") or {}
    root_job, root_run = root.get("job") or {}, root.get("run") or {}
    ref = ParentRef(
        namespace=text(job.get("namespace", "")),
        job=text(job.get("name", "")),
        run_id=text(run.get("runId", "")),
        root_job=text(root_job["name"]) if root_job.get("name") else None,
        root_run_id=text(root_run["runId"]) if root_run.get("runId") else None,
    )
    return text(parts[0]), text(parts[1]), parts[2], ref


def _merge(run: DatasetRun, step: StepRun, event: dict[str, Any]) -> None:
    """Fold one START/COMPLETE/FAIL event into its step and dataset run (later events win)."""
    state, when = text(event.get("eventType", "")), text(event.get("eventTime", ""))
    if state == "START":
        step.started = step.started or when
    elif state in ENDED:
        step.ended = when
    if step.state not in ENDED or state in ENDED:
        step.state = state
    facets = event["run"].get("facets") or {}
    nominal = facets.get("nominalTime") or {}
    if nominal.get("nominalStartTime"):
        run.run_date = text(nominal["nominalStartTime"])[:10]
    error = facets.get("errorMessage") or {}
    if error.get("message"):
        step.error = text(error["message"], 300)
    step.inputs = _uses(step.inputs, event.get("inputs"), "inputFacets", "inputStatistics")
    step.outputs = _uses(step.outputs, event.get("outputs"), "outputFacets", "outputStatistics")
    for output in event.get("outputs") or []:
        lineage = (output.get("facets") or {}).get("columnLineage") if isinstance(output, dict) else None
        if isinstance(lineage, dict):
            run.column_lineage = lineage
            break
    if isinstance(facets.get(FACET_KEY), dict):
        run.proof = proof_from_facet(facets[FACET_KEY])


def _uses(known: list[DatasetUse], datasets: Any, facet_key: str, stats_key: str) -> list[DatasetUse]:
    by_id = {use.id: use for use in known}
    for dataset in datasets if isinstance(datasets, list) else []:
        if not isinstance(dataset, dict):
            continue
        ident = DatasetId(text(dataset.get("namespace", "")), text(dataset.get("name", ""), 1000))
        use = by_id.setdefault(ident, DatasetUse(ident))
        stats = (dataset.get(facet_key) or {}).get(stats_key) or {}
        if isinstance(stats.get("rowCount"), int):
            use.rows = stats["rowCount"]
    return list(by_id.values())
