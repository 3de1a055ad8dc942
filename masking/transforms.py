"""Column actions. Each one turns a column into a Polars expression; none loops over rows in Python.

``hash`` and ``scan`` need keyed HMACs, which Polars cannot compute, so they run on the column's *distinct*
values only (through ``map_batches``) and join the results back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from masking.config import ColumnPolicy
from masking.errors import PolicyError
from masking.keys import MaskingKey
from masking.registry import Registry
from masking.scan import TextScanner


@dataclass
class ColumnStats:
    """What one action did to one column, summed over chunks."""

    values_masked: int = 0
    entities: Counter[str] = field(default_factory=Counter)


@dataclass
class TransformContext:
    key: MaskingKey
    scanner: TextScanner


@dataclass
class Compiled:
    """An output column (None when dropped) and, optionally, a test for rows the action cannot process."""

    expr: pl.Expr | None
    reject: pl.Expr | None = None
    counts_non_null: bool = True  # values_masked = non-null values (else the transform counts itself)


Transform = Callable[[str, pl.DataType, ColumnPolicy, TransformContext, ColumnStats], Compiled]
TRANSFORMS: Registry[Transform] = Registry("transform")

_TEXT = (pl.String, pl.Categorical, pl.Enum)
_SCANNABLE_AS_TEXT = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)


def transform(name: str) -> Callable[[Transform], Transform]:
    def register(function: Transform) -> Transform:
        return TRANSFORMS.register(name, function)

    return register


def _as_text(column: str, dtype: pl.DataType) -> pl.Expr:
    if isinstance(dtype, pl.Binary):
        return pl.col(column).bin.encode("hex")
    return pl.col(column).cast(pl.String)


@transform("keep")
def keep(column: str, dtype: pl.DataType, _: ColumnPolicy, __: TransformContext, ___: ColumnStats) -> Compiled:
    return Compiled(pl.col(column), counts_non_null=False)


@transform("drop")
def drop(column: str, dtype: pl.DataType, _: ColumnPolicy, __: TransformContext, ___: ColumnStats) -> Compiled:
    return Compiled(None, counts_non_null=False)


@transform("redact")
def redact(column: str, _: pl.DataType, policy: ColumnPolicy, __: TransformContext, ___: ColumnStats) -> Compiled:
    # A null carries nothing, so it stays null: analysts can still count missing values.
    return Compiled(pl.when(pl.col(column).is_null()).then(None).otherwise(pl.lit(policy.value)).alias(column))


@transform("hash")
def hash_(column: str, dtype: pl.DataType, policy: ColumnPolicy, ctx: TransformContext, _: ColumnStats) -> Compiled:
    # One domain for every column by default, so the same value hashes alike in every table and joins hold.
    hasher = ctx.key.hasher(f"hash:{policy.domain}")
    length = policy.length

    def pseudonyms(values: pl.Series) -> pl.Series:
        distinct = values.drop_nulls().unique()
        digests = hasher.many(distinct.to_list(), length)
        return values.replace_strict(distinct, digests, default=None, return_dtype=pl.String)

    return Compiled(_as_text(column, dtype).map_batches(pseudonyms, return_dtype=pl.String).alias(column))


@transform("partial")
def partial(column: str, dtype: pl.DataType, policy: ColumnPolicy, _: TransformContext, __: ColumnStats) -> Compiled:
    text = _as_text(column, dtype)
    length = text.str.len_chars()
    kept = text.str.tail(policy.keep_last).str.pad_start(length, "*")
    # A value no longer than what would be kept is hidden whole: keeping it all would leak it.
    hidden = pl.lit("").str.pad_start(length, "*")
    return Compiled(pl.when(length > policy.keep_last).then(kept).otherwise(hidden).alias(column))


@transform("generalize")
def generalize(column: str, dtype: pl.DataType, policy: ColumnPolicy, _: TransformContext, __: ColumnStats) -> Compiled:
    every = "1y" if policy.to == "year" else "1mo"
    if isinstance(dtype, pl.Date | pl.Datetime):
        return Compiled(pl.col(column).dt.truncate(every).cast(pl.Date).alias(column))
    if isinstance(dtype, _TEXT):
        parsed = pl.col(column).cast(pl.String).str.strip_chars().str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
        unparseable = pl.col(column).is_not_null() & parsed.is_null()
        return Compiled(parsed.dt.truncate(every).alias(column), reject=unparseable)
    raise PolicyError(f"column '{column}': generalize needs a date, datetime or ISO date text column, not {dtype}")


@transform("scan")
def scan(column: str, dtype: pl.DataType, _: ColumnPolicy, ctx: TransformContext, stats: ColumnStats) -> Compiled:
    def masked(values: pl.Series) -> pl.Series:
        result = ctx.scanner.mask(values, field=column)
        stats.values_masked += result.changed
        stats.entities.update(result.entities)
        return result.masked

    if isinstance(dtype, _TEXT):
        expr = pl.col(column).cast(pl.String).map_batches(masked, return_dtype=pl.String)
        return Compiled(expr.alias(column), counts_non_null=False)
    if isinstance(dtype, _SCANNABLE_AS_TEXT):
        # An integer can be a phone or card number: a value with a finding becomes null, the type is kept.
        def nulled(values: pl.Series) -> pl.Series:
            text = values.cast(pl.String)
            hit = (masked(text) != text).fill_null(False)
            return pl.select(pl.when(hit).then(None).otherwise(values)).to_series().alias(values.name)

        return Compiled(pl.col(column).map_batches(nulled, return_dtype=dtype).alias(column), counts_non_null=False)
    if dtype.is_numeric() or dtype.is_temporal() or isinstance(dtype, pl.Boolean | pl.Null):
        return Compiled(pl.col(column), counts_non_null=False)  # no detector can match a float, date or bool
    raise PolicyError(
        f"column '{column}': type {dtype} cannot be scanned; give it an explicit action (drop, redact, hash)"
    )
