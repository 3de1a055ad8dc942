"""Turn source chunks into masked output rows and masked rejects, for tables and for logs."""

from __future__ import annotations

from collections import Counter

import polars as pl

from masking.config import Policy
from masking.engine import REJECT_REASON, CompiledPolicy
from masking.logs import PathStats, mask_records
from masking.report import ColumnReport
from masking.scan import TextScanner
from masking.sources.base import Chunk
from masking.sources.jsonl import LOG_SCHEMA
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
    """Masks parsed log records leaf by leaf, and masks rejected lines as plain text."""

    output_schema = LOG_SCHEMA
    rejects_schema = LOG_REJECTS_SCHEMA

    def __init__(self, scanner: TextScanner) -> None:
        self._scanner = scanner
        self._paths: dict[str, PathStats] = {}
        self._records = 0
        self._rejects_masked = 0
        self._entities: Counter[str] = Counter()
        self.reject_reasons: dict[str, int] = {}

    def apply(self, chunk: Chunk) -> tuple[pl.DataFrame, pl.DataFrame]:
        texts = mask_records(chunk.records or [], self._scanner, self._paths)
        self._records += len(texts)
        masked = chunk.frame.with_columns(pl.Series("record", texts, dtype=pl.String))
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
        return masked.select(list(LOG_SCHEMA)), rejected

    def column_reports(self) -> list[ColumnReport]:
        entities: Counter[str] = Counter()
        masked = 0
        for stats in self._paths.values():
            entities.update(stats.entities)
            masked += stats.values_masked
        return [
            ColumnReport(name="source_file", source_column="source_file", action="keep", input_type="string",
                         output_type="String"),
            ColumnReport(name="line", source_column="line", action="keep", input_type="int64", output_type="Int64"),
            ColumnReport(name="record", source_column="record", action="scan", input_type="json",
                         output_type="String", values_masked=masked, entities=dict(sorted(entities.items()))),
        ]

    def path_reports(self) -> list[ColumnReport]:
        return [
            ColumnReport(name=f"record.{path}", source_column=f"record.{path}", action="scan", input_type="string",
                         output_type="String", values_masked=s.values_masked, entities=dict(sorted(s.entities.items())))
            for path, s in sorted(self._paths.items())
        ]
