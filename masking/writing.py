"""Turn source chunks into masked output rows and masked rejects, for tables and for logs."""

from __future__ import annotations

from collections import Counter
from typing import Any

import polars as pl

from masking.config import Policy
from masking.engine import REJECT_REASON, CompiledPolicy
from masking.logdrift import PathBaseline
from masking.logmemo import DEFAULT_MEMO_CHARS, LeafMemo
from masking.logs import RecordMasker
from masking.logshapes import check_shape, detect, normalize
from masking.logshapes.schema import LOG_OUTPUT_SCHEMA, TYPED_COLUMNS, typed_rows
from masking.report import ColumnReport
from masking.scan import TextScanner
from masking.sources.base import Chunk
from masking.transforms import TransformContext

LOG_REJECTS_SCHEMA = pl.Schema(
    {"source_file": pl.String, "line": pl.Int64, "reject_reason": pl.String, "content": pl.String}
)


class TableMasker:
    """Applies a compiled policy; the policy is compiled on the first chunk, when the schema is known."""

    def __init__(self, policy: Policy, ctx: TransformContext, dataset: str) -> None:
        self._policy = policy
        self._ctx = ctx
        self._dataset = dataset
        self._compiled: CompiledPolicy | None = None
        self.reject_reasons: dict[str, int] = {}

    def _compile(self, schema: pl.Schema) -> CompiledPolicy:
        if self._compiled is None:
            self._compiled = CompiledPolicy(self._policy, schema, self._ctx, self._dataset)
            self.output_schema = self._compiled.output_schema()
            self.rejects_schema = pl.Schema([*self.output_schema.items(), ("reject_reason", pl.String())])
        return self._compiled

    def apply(self, chunk: Chunk) -> tuple[pl.DataFrame, pl.DataFrame]:
        result = self._compile(chunk.frame.schema).apply(chunk.frame)
        rejected = result.rejected.rename({REJECT_REASON: "reject_reason"})
        for reason, n in rejected["reject_reason"].value_counts().iter_rows():
            self.reject_reasons[reason] = self.reject_reasons.get(reason, 0) + n
        return result.masked, rejected

    def column_reports(self) -> list[ColumnReport]:
        assert self._compiled is not None
        return self._compiled.column_reports(self.output_schema)

    def path_reports(self) -> list[ColumnReport]:
        return []


class LogMasker:
    """Masks parsed log records leaf by leaf (by shape), adds the typed columns, masks rejected lines as text."""

    output_schema = LOG_OUTPUT_SCHEMA
    rejects_schema = LOG_REJECTS_SCHEMA

    def __init__(self, scanner: TextScanner, shape: str = "auto", baseline: PathBaseline | None = None,
                 memo_chars: int = DEFAULT_MEMO_CHARS) -> None:
        self._scanner = scanner
        self._shape = check_shape(shape)
        self._masker = RecordMasker(scanner, LeafMemo(memo_chars))
        self._baseline = baseline or PathBaseline()
        self.shapes: Counter[str] = Counter()
        self._rejects_masked = 0
        self._entities: Counter[str] = Counter()
        self.reject_reasons: dict[str, int] = {}

    @property
    def memo(self) -> LeafMemo:
        return self._masker.memo

    def apply(self, chunk: Chunk) -> tuple[pl.DataFrame, pl.DataFrame]:
        records = chunk.records or []
        shapes = [detect(r) if self._shape == "auto" else self._shape for r in records]
        self.shapes.update(shapes)
        texts = self._masker.mask(records, shapes)  # records are masked in place: typed columns come from them
        typed = typed_rows([normalize(r, s) for r, s in zip(records, shapes, strict=True)])
        masked = pl.concat([chunk.frame.with_columns(pl.Series("shape", shapes, dtype=pl.String),
                                                     pl.Series("record", texts, dtype=pl.String)), typed],
                           how="horizontal")
        return masked.select(list(LOG_OUTPUT_SCHEMA)), self._rejects(chunk)

    def _rejects(self, chunk: Chunk) -> pl.DataFrame:
        rejected = pl.DataFrame(
            {
                "source_file": [r["source_file"] for r in chunk.rejected],
                "line": [r["line"] for r in chunk.rejected],
                "reject_reason": [r["reason"] for r in chunk.rejected],
                "content": [r["content"] for r in chunk.rejected],
            },
            schema=LOG_REJECTS_SCHEMA,
        )
        if rejected.height:
            scanned = self._scanner.mask(rejected["content"])
            self._rejects_masked += scanned.changed
            self._entities.update(scanned.entities)
            rejected = rejected.with_columns(scanned.masked.alias("content"))
            for reason in rejected["reject_reason"]:
                self.reject_reasons[reason] = self.reject_reasons.get(reason, 0) + 1
        return rejected

    def column_reports(self) -> list[ColumnReport]:
        entities: Counter[str] = Counter()
        masked = 0
        for stats in self._masker.paths.values():
            entities.update(stats.entities)
            masked += stats.values_masked
        kept = [ColumnReport(name=name, source_column=name, action="keep", input_type=str(dtype).lower(),
                             output_type=str(dtype)) for name, dtype in (("source_file", pl.String()),
                                                                         ("line", pl.Int64()))]
        derived = [ColumnReport(name=name, source_column="record", action="derived", input_type="json",
                                output_type=str(dtype)) for name, dtype in TYPED_COLUMNS.items()]
        return [*kept,
                ColumnReport(name="shape", source_column="record", action="derived", input_type="json",
                             output_type="String"),
                ColumnReport(name="record", source_column="record", action="scan", input_type="json",
                             output_type="String", values_masked=masked, entities=dict(sorted(entities.items()))),
                *derived]  # fmt: skip

    def path_reports(self) -> list[ColumnReport]:
        return [
            ColumnReport(name=f"record.{path}", source_column=f"record.{path}", action="scan", input_type="string",
                         output_type="String", values_masked=s.values_masked, entities=dict(sorted(s.entities.items())))
            for path, s in sorted(self._masker.paths.items())
        ]

    def report_extras(self) -> dict[str, Any]:
        """The log-only fields of the masking report: shapes seen, and paths new since the previous run."""
        paths = [f"record.{path}" for path in sorted(self._masker.paths)]
        return {"shapes": dict(sorted(self.shapes.items())), "new_paths": self._baseline.new(paths),
                "paths_baseline": self._baseline.run_date}
