"""The batch job: one dataset, one date, end to end. Extract -> mask -> write -> verify -> publish -> report.

Both composition roots (the CLI and the Airflow DAGs) call ``run_dataset``. Every step tells the observer
(lineage) when it starts and ends. Nothing that is published has not passed the residual re-scan.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from masking.config import DetectionSettings, PipelineConfig
from masking.config import JsonlSource as JsonlSettings
from masking.detection import build_allow, build_detectors
from masking.errors import MasklineError, ResidualFindingError
from masking.keys import MaskingKey, load_key
from masking.logdrift import previous_baseline
from masking.logverify import verify_log_files
from masking.ner import NerModel
from masking.report import (
    ColumnReport,
    DatasetRef,
    MaskingReport,
    ModelInfo,
    NullObserver,
    StepName,
    StepObserver,
    StepRecord,
)
from masking.scan import TextScanner
from masking.sink import REPORT_FILE, PartitionWriter
from masking.sources import SourceReader, open_source
from masking.sources.base import fields_of
from masking.transforms import TransformContext
from masking.verify import verify_files
from masking.writing import LogMasker, TableMasker

log = logging.getLogger("maskline")

Progress = Callable[[str, int, int, int], None]  # dataset, rows done, files done, files total


class StepFailed(MasklineError):
    """A step failed for a reason Maskline did not anticipate. The message is scrubbed."""


def maskline_version() -> str:
    try:
        return metadata.version("maskline")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass
class Resources:
    """What is costly to build and can be shared by every dataset of one run: the key, detectors, NER."""

    key: MaskingKey
    ner: NerModel
    detection: DetectionSettings = field(default_factory=DetectionSettings)
    scanner: TextScanner = field(init=False)

    def __post_init__(self) -> None:
        self.scanner = TextScanner(build_detectors(self.detection), self.key, self.ner, build_allow(self.detection))
        self._pid = os.getpid()

    @classmethod
    def for_config(cls, config: PipelineConfig, key: MaskingKey | None = None) -> Resources:
        ner = NerModel(config.ner.model, config.ner.entities, config.ner.batch_size)
        return cls(key or load_key(config), ner, config.detection)

    def scrub(self, text: str) -> str:
        return self.scrub_many([text])[0]

    def scrub_many(self, texts: list[str]) -> list[str]:
        """Mask free texts (error messages, SQL) with the full scan, for anything leaving the process.
        In a forked child (a lineage process pool) NER is skipped: the model belongs to the parent."""
        in_parent = os.getpid() == self._pid
        return [self.scanner.mask_text(text, ner=in_parent) for text in texts]


class _Steps:
    """Emits START/COMPLETE/FAIL for each step, and turns unexpected errors into scrubbed ones."""

    def __init__(self, observer: StepObserver, resources: Resources, dataset: str, run_date: date) -> None:
        self.observer = observer
        self.resources = resources
        self.dataset = dataset
        self.run_date = run_date
        self.pipeline_run_id = str(_uuid7())

    def record(self, step: StepName, **fields: Any) -> StepRecord:
        return StepRecord(dataset=self.dataset, step=step, run_id=str(_uuid7()),
                          pipeline_run_id=self.pipeline_run_id, run_date=self.run_date, **fields)

    @contextmanager
    def running(self, record: StepRecord) -> Any:
        self.observer.step_started(record)
        try:
            yield record
        except MasklineError as exc:
            self.observer.step_failed(record, exc)
            raise
        except Exception as exc:
            # Library errors can quote data (a parse error shows the value): scrub before anyone sees it.
            message = self.resources.scrub(f"{type(exc).__name__}: {exc}")[:500]
            failure = StepFailed(f"dataset '{self.dataset}', step {record.step}: {message}")
            self.observer.step_failed(record, failure)
            raise failure from None
        self.observer.step_completed(record)


def _uuid7() -> uuid.UUID:
    from uuid6 import uuid7

    return uuid7()


def run_dataset(
    config: PipelineConfig,
    dataset: str,
    run_date: date,
    *,
    resources: Resources | None = None,
    observer: StepObserver | None = None,
    progress: Progress | None = None,
) -> MaskingReport:
    """Mask one dataset for one date and publish it with its masking report. Raises on any failure."""
    spec = config.dataset(dataset)
    resources = resources or Resources.for_config(config)
    steps = _Steps(observer or NullObserver(), resources, dataset, run_date)
    started = datetime.now(UTC)
    source = _open(config, dataset, steps)
    out_dir = config.output_root / dataset
    out_ref = DatasetRef(namespace="file", name=str(out_dir.resolve()))
    rejects_dir = config.output_root / "_rejects" / dataset
    is_log = source.kind == "jsonl"
    masker: TableMasker | LogMasker
    if is_log:
        masker = _log_masker(config, spec.source, resources, out_dir, run_date)
    else:
        masker = TableMasker(spec.policy, TransformContext(resources.key, resources.scanner), dataset)
    staged: list[PartitionWriter] = []  # output and rejects, removed on any failure

    try:
        extract = steps.record("extract", inputs=source.dataset_refs())
        mask = steps.record("mask", inputs=source.dataset_refs(), outputs=[out_ref])
        with steps.running(extract), steps.running(mask):
            rows_in, files_total = 0, len(getattr(source, "files", [])) or 1
            nulls_in: dict[str, int] = {}
            nulls_out: dict[str, int] = {}
            for chunk in source.chunks():
                masked, rejected = masker.apply(chunk)
                if not staged:
                    staged += [PartitionWriter(out_dir, run_date, steps.pipeline_run_id, masker.output_schema),
                               PartitionWriter(rejects_dir, run_date, steps.pipeline_run_id, masker.rejects_schema)]
                staged[0].write(masked)
                staged[1].write(rejected)
                rows_in += chunk.frame.height + len(chunk.rejected)
                _add_nulls(nulls_in, chunk.frame)
                _add_nulls(nulls_out, masked)
                if progress:
                    progress(dataset, rows_in, chunk.files_done, files_total)
            writer, rejects = staged
            writer.close()
            rejects.close()
            in_refs = source.dataset_refs()
            if not is_log:
                in_refs[0].row_count = rows_in
                in_refs[0].null_counts = nulls_in
            out_ref.null_counts = nulls_out
            extract.inputs = mask.inputs = in_refs
            out_ref.fields = fields_of(masker.output_schema)
            out_ref.row_count, out_ref.bytes, out_ref.file_count = writer.rows, writer.bytes, writer.files
            rejects_ref = DatasetRef(namespace="file", name=str(rejects_dir.resolve()),
                                     fields=fields_of(masker.rejects_schema), row_count=rejects.rows,
                                     bytes=rejects.bytes, file_count=rejects.files)
            mask.outputs = [out_ref, rejects_ref]  # the first is the masked dataset; column lineage goes there
            mask.columns = masker.column_reports()

        verify = steps.record("verify", inputs=[out_ref])
        with steps.running(verify):
            actions = {c.name: c.action for c in masker.column_reports()}
            if is_log:
                residual = verify_log_files(writer.data_path, rejects.data_path, resources.scanner)
            else:
                residual = verify_files([writer.data_path, rejects.data_path], actions, resources.scanner)
            report = MaskingReport(
                dataset=dataset, run_date=run_date, run_id=steps.pipeline_run_id, started_at=started,
                finished_at=datetime.now(UTC), source=in_refs[0] if len(in_refs) == 1 else _many(in_refs),
                output=out_ref, output_path=str(writer.final.resolve()),
                rejects=rejects_ref,
                rejects_path=str(rejects.final.resolve()), rows_in=rows_in, rows_out=writer.rows,
                rows_rejected=rejects.rows, reject_reasons=masker.reject_reasons, columns=masker.column_reports(),
                paths=masker.path_reports(), policy_sha256=spec.policy.sha256(), key_id=resources.key.key_id,
                detectors=[d.name for d in resources.scanner.detectors],
                model=ModelInfo(name=resources.ner.model_name, version=resources.ner.version),
                maskline_version=maskline_version(), residual=residual,
                **(masker.report_extras() if isinstance(masker, LogMasker) else {}),
            )
            verify.report = report
            if rows_in != report.rows_out + report.rows_rejected:
                raise MasklineError(f"dataset '{dataset}': rows in {rows_in} != rows out + rejected")
            if not residual.passed:
                raise ResidualFindingError(dataset, residual.findings)
            (writer.staging / REPORT_FILE).write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
            writer.publish()
            rejects.publish()
    except BaseException:
        for partition in staged:
            partition.abort()
        raise
    log.info("dataset %s: %d rows in, %d out, %d rejected; re-scan clean; written to %s",
             dataset, rows_in, report.rows_out, report.rows_rejected, writer.final)
    return report


def _add_nulls(totals: dict[str, int], frame: pl.DataFrame) -> None:
    for column, count in frame.null_count().row(0, named=True).items():
        totals[column] = totals.get(column, 0) + int(count)


def _log_masker(config: PipelineConfig, source: str, resources: Resources, out_dir: Path, run_date: date) -> LogMasker:
    settings = config.sources[source]
    assert isinstance(settings, JsonlSettings)
    return LogMasker(resources.scanner, settings.shape, previous_baseline(out_dir, run_date), settings.memo_chars)


def _open(config: PipelineConfig, dataset: str, steps: _Steps) -> SourceReader:
    """Open the source; a source that cannot even be opened is still an extract step that failed."""
    try:
        return open_source(config, dataset)
    except Exception:
        with steps.running(steps.record("extract")):  # emits START, then FAIL with a scrubbed message
            raise
        raise  # unreachable: running() re-raises


def _many(refs: list[DatasetRef]) -> DatasetRef:
    """A summary reference for a source made of many files (each file is its own lineage input)."""
    common = Path(refs[0].name).parent
    return DatasetRef(namespace="file", name=f"{common}/*", file_count=len(refs), fields=refs[0].fields)


def column_actions(columns: list[ColumnReport]) -> dict[str, str]:
    return {c.name: c.action for c in columns}

