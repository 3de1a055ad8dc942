"""The ``StepObserver`` that turns the masking job's steps into emitted OpenLineage events.

Emission never fails the data task: every error is logged (type only, never event content) and counted in
``failures``. After a few failures in a row the observer stops trying, so an unreachable Marquez costs the
job seconds, not minutes of retries per event.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import RunEvent, RunState
from openlineage.client.transport import Transport
from openlineage.client.transport.console import ConsoleConfig, ConsoleTransport
from openlineage.client.transport.file import FileConfig, FileTransport
from openlineage.client.transport.http import ApiKeyTokenProvider, HttpConfig, HttpTransport, TokenProvider

from lineage.events import ParentRun, pipeline_event, step_event
from lineage.naming import valid_namespace
from lineage.scrub import scrub_event, set_text_scrubber
from masking.config import LineageSettings, LineageTransport, PipelineConfig
from masking.report import StepRecord

log = logging.getLogger(__name__)

# Bounded retries: 3 attempts, ~1 s of back-off, then the event counts as failed.
HTTP_RETRY: dict[str, Any] = {
    "total": 2,
    "connect": 2,
    "read": 2,
    "backoff_factor": 0.5,
    "status_forcelist": [500, 502, 503, 504],
    "allowed_methods": ["HEAD", "POST"],
}
MAX_CONSECUTIVE_FAILURES = 3

Clock = Callable[[], datetime]


class LineageObserver:
    """Emits START/COMPLETE/FAIL for each step; without ``parent``, also for each dataset's whole run."""

    def __init__(
        self,
        settings: LineageSettings,
        *,
        pipeline: str,
        output_root: Path,
        parent: ParentRun | None = None,
        clock: Clock | None = None,
        client: OpenLineageClient | None = None,
    ) -> None:
        self.namespace = settings.namespace
        self.pipeline = pipeline
        self.parent = parent
        self.emitted = 0
        self.failures = 0
        self._clock = clock or (lambda: datetime.now(UTC))
        self._consecutive_failures = 0
        self._open_pipelines: dict[str, StepRecord] = {}  # pipeline run id -> a step; START sent, no end yet
        self._client = client if client is not None else self._create_client(settings, output_root)
        if self._client is not None and not valid_namespace(self.namespace):
            log.warning(
                "lineage namespace %r is outside Marquez's pattern; it will reject the events", self.namespace
            )

    # ---- StepObserver ----------------------------------------------------------------------------------

    def step_started(self, step: StepRecord) -> None:
        self._guarded(self._started, step)

    def step_completed(self, step: StepRecord) -> None:
        self._guarded(self._completed, step)

    def step_failed(self, step: StepRecord, error: BaseException) -> None:
        self._guarded(self._failed, step, error)

    def close(self) -> None:
        """End dataset runs that never reached verify nor failed (ABORT), then close the transport."""
        for step in list(self._open_pipelines.values()):
            self._guarded(self._end_pipeline, RunState.ABORT, step)
        if self._client is not None:
            self._guarded(self._client.close)

    # ---- step handling ---------------------------------------------------------------------------------

    def _started(self, step: StepRecord) -> None:
        if self.parent is None and step.pipeline_run_id not in self._open_pipelines:
            # The pipeline run is every step's parent: it must exist in Marquez before the first step.
            self._open_pipelines[step.pipeline_run_id] = step
            self._emit(self._pipeline(RunState.START, step))
        self._emit(self._step(RunState.START, step))

    def _completed(self, step: StepRecord) -> None:
        self._emit(self._step(RunState.COMPLETE, step))
        if step.step == "verify":
            self._end_pipeline(RunState.COMPLETE, step)

    def _failed(self, step: StepRecord, error: BaseException) -> None:
        self._emit(self._step(RunState.FAIL, step, error))
        # A failed step stops the dataset's run: nothing later will complete it.
        self._end_pipeline(RunState.FAIL, step, error)

    def _end_pipeline(self, state: RunState, step: StepRecord, error: BaseException | None = None) -> None:
        if self._open_pipelines.pop(step.pipeline_run_id, None) is not None:
            self._emit(self._pipeline(state, step, error))

    def _step(self, state: RunState, step: StepRecord, error: BaseException | None = None) -> RunEvent:
        return step_event(
            state,
            step,
            namespace=self.namespace,
            pipeline=self.pipeline,
            parent=self.parent,
            error=error,
            event_time=self._clock(),
        )

    def _pipeline(self, state: RunState, step: StepRecord, error: BaseException | None = None) -> RunEvent:
        return pipeline_event(
            state,
            step,
            namespace=self.namespace,
            pipeline=self.pipeline,
            error=error,
            event_time=self._clock(),
        )

    # ---- emission --------------------------------------------------------------------------------------

    def _emit(self, event: RunEvent) -> None:
        if self._client is None:
            return
        if self._consecutive_failures >= MAX_CONSECUTIVE_FAILURES:
            self.failures += 1  # given up on this backend for the run: dropped without another wait
            return
        try:
            self._client.emit(scrub_event(event))
        except Exception as exc:  # noqa: BLE001 - lineage must never fail the data task
            self._record_failure("emit", exc)
            return
        self._consecutive_failures = 0
        self.emitted += 1

    def _guarded(self, handler: Callable[..., object], *args: Any) -> None:
        try:
            handler(*args)
        except Exception as exc:  # noqa: BLE001 - building an event must not fail the data task either
            self._record_failure(getattr(handler, "__name__", "handler").lstrip("_"), exc)

    def _record_failure(self, stage: str, exc: Exception) -> None:
        # The exception type only: its message may quote the event or the endpoint's answer.
        self.failures += 1
        self._consecutive_failures += 1
        log.warning("lineage %s failed (%s); the data task continues", stage, type(exc).__name__)
        if self._consecutive_failures == MAX_CONSECUTIVE_FAILURES:
            log.warning("lineage: %d failures in a row, dropping further events of this run", self.failures)

    def _create_client(self, settings: LineageSettings, output_root: Path) -> OpenLineageClient | None:
        if not settings.enabled:
            return None
        try:
            return OpenLineageClient(transport=build_transport(settings.transport, output_root))
        except Exception as exc:  # noqa: BLE001 - a bad transport config disables lineage, not the job
            self._record_failure("transport setup", exc)
            return None


def build_transport(config: LineageTransport, output_root: Path) -> Transport:
    if config.type == "file":
        path = Path(output_root) / config.path
        path.parent.mkdir(parents=True, exist_ok=True)
        # append=True: one JSON event per line in one file, instead of a file per event
        return FileTransport(FileConfig(log_file_path=str(path), append=True))
    if config.type == "http":
        http = HttpConfig(
            url=config.url,
            endpoint=config.endpoint,
            timeout=config.timeout,
            auth=_auth(config.api_key_env),
            retry=dict(HTTP_RETRY),
        )
        return HttpTransport(http)
    return ConsoleTransport(ConsoleConfig())


def _auth(api_key_env: str | None) -> TokenProvider:
    key = os.environ.get(api_key_env) if api_key_env else None
    if api_key_env and not key:
        log.warning("lineage: environment variable %s is not set; sending without an API key", api_key_env)
    return ApiKeyTokenProvider({"api_key": key}) if key else TokenProvider({})


def airflow_parent(ti: Any) -> ParentRun:
    """The Airflow task run (parent) and DAG run (root), exactly as the OpenLineage provider names them."""
    # Imported here: importing lineage must never import Airflow (DAG files are parsed constantly).
    macros = importlib.import_module("airflow.providers.openlineage.plugins.macros")

    return ParentRun(
        namespace=macros.lineage_job_namespace(),
        job_name=macros.lineage_job_name(ti),
        run_id=macros.lineage_run_id(ti),
        root_namespace=macros.lineage_root_job_namespace(ti),
        root_job_name=macros.lineage_root_job_name(ti),
        root_run_id=macros.lineage_root_run_id(ti),
    )


def airflow_client() -> OpenLineageClient | None:
    """The Airflow OpenLineage provider's client when the provider is enabled, so that Maskline's step events
    travel the same transport as the task events they are children of. None when it is disabled."""
    try:
        conf = importlib.import_module("airflow.providers.openlineage.conf")
        if conf.is_disabled():
            return None
        listener = importlib.import_module("airflow.providers.openlineage.plugins.listener")
        client = listener.get_openlineage_listener().adapter.get_or_create_openlineage_client()
    except Exception as exc:  # no provider, or misconfigured: fall back to Maskline's own transport
        log.warning("Airflow OpenLineage provider unavailable (%s); using Maskline's own transport", type(exc).__name__)
        return None
    return client if isinstance(client, OpenLineageClient) else None


def observer_for(
    config: PipelineConfig,
    scrub: Callable[[list[str]], list[str]] | None = None,
    parent: ParentRun | None = None,
    client: OpenLineageClient | None = None,
) -> LineageObserver:
    """The observer for one run of ``config``; ``scrub`` (the masking scan) cleans every event's free text."""
    if scrub is not None:
        set_text_scrubber(scrub)
    if parent is not None and client is not None and parent.namespace != config.lineage.namespace:
        log.warning("lineage namespace %r differs from the Airflow provider's %r: Marquez will show two namespaces",
                    config.lineage.namespace, parent.namespace)
    return LineageObserver(config.lineage, pipeline=config.name, output_root=config.output_root, parent=parent,
                           client=client)
