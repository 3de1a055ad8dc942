"""Compile a policy against a source schema into one ``with_columns`` over a LazyFrame, and apply it."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from masking.config import ColumnPolicy, Policy
from masking.errors import PolicyError
from masking.registry import suggest
from masking.report import ColumnReport
from masking.transforms import TRANSFORMS, ColumnStats, Compiled, TransformContext

REJECT_REASON = "_reject_reason"


@dataclass
class ColumnPlan:
    name: str
    dtype: pl.DataType
    policy: ColumnPolicy
    unlisted: bool
    compiled: Compiled
    stats: ColumnStats = field(default_factory=ColumnStats)


@dataclass
class MaskedChunk:
    masked: pl.DataFrame
    rejected: pl.DataFrame  # the rows no action could process, masked, with a reason


class CompiledPolicy:
    """A policy bound to one schema. Apply it to each chunk of that schema; stats add up across chunks."""

    def __init__(self, policy: Policy, schema: pl.Schema, ctx: TransformContext, dataset: str) -> None:
        self.policy = policy
        self.schema = schema
        unknown = [c for c in policy.columns if c not in schema]
        if unknown:
            names = list(schema)
            hints = [f"'{c}'" + (f" (did you mean '{s}'?)" if (s := suggest(c, names)) else "") for c in unknown]
            raise PolicyError(
                f"dataset '{dataset}': the policy names columns the source does not have: {', '.join(hints)}"
            )
        unlisted = [c for c in schema if c not in policy.columns]
        if policy.strict and unlisted:
            raise PolicyError(
                f"dataset '{dataset}': strict policy, and these source columns are not listed: {', '.join(unlisted)}"
            )
        self.plans: list[ColumnPlan] = []
        for name, dtype in schema.items():
            column_policy = policy.columns.get(name) or ColumnPolicy(action=policy.default)
            stats = ColumnStats()
            compiled = TRANSFORMS.get(column_policy.action)(name, dtype, column_policy, ctx, stats)
            self.plans.append(ColumnPlan(name, dtype, column_policy, name not in policy.columns, compiled, stats))

    def apply(self, frame: pl.DataFrame) -> MaskedChunk:
        for plan in self.plans:
            if plan.compiled.counts_non_null and plan.compiled.expr is not None:
                plan.stats.values_masked += frame.height - frame[plan.name].null_count()
        rejects = [
            pl.when(plan.compiled.reject).then(pl.lit(f"{plan.policy.action}:{plan.name}"))
            for plan in self.plans
            if plan.compiled.reject is not None
        ]
        reason = pl.coalesce(rejects) if rejects else pl.lit(None, dtype=pl.String)
        outputs = [plan.compiled.expr for plan in self.plans if plan.compiled.expr is not None]
        masked = frame.lazy().with_columns(reason.alias(REJECT_REASON)).select(*outputs, REJECT_REASON).collect()
        bad = masked[REJECT_REASON].is_not_null()
        return MaskedChunk(masked.filter(~bad).drop(REJECT_REASON), masked.filter(bad))

    def output_schema(self) -> pl.Schema:
        empty = pl.DataFrame(schema=self.schema)
        return self.apply(empty).masked.schema

    def column_reports(self, output_schema: pl.Schema) -> list[ColumnReport]:
        return [
            ColumnReport(
                name=plan.name,
                source_column=plan.name,
                action=plan.policy.action,
                input_type=str(plan.dtype),
                output_type=str(output_schema[plan.name]) if plan.name in output_schema else None,
                values_masked=plan.stats.values_masked,
                entities=dict(sorted(plan.stats.entities.items())),
                unlisted=plan.unlisted,
            )
            for plan in self.plans
        ]
