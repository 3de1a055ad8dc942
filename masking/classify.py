"""Column classification: sample each column (and each JSON path of logs), say what sensitive data it holds,
and suggest a policy. Reports entity types, shares and reasons; never a value."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import polars as pl

from masking.config import PipelineConfig
from masking.context import is_negative, rules_for
from masking.logs import PathStats, mask_records
from masking.scan import TOKEN_PATTERN, TextScanner
from masking.sources import open_source

_TOKEN_TYPE = TOKEN_PATTERN.replace("<[A-Z][A-Z0-9_]*:", "<([A-Z][A-Z0-9_]*):")
_WHOLE_TOKEN = rf"^\s*{TOKEN_PATTERN}\s*$"
# Whole-value identifiers that joins need: a keyed pseudonym keeps them joinable.
_JOINABLE = {"EMAIL", "PHONE", "PERSON", "USERNAME", "IP_ADDRESS"}
_DATES = {"DATE_OF_BIRTH"}


@dataclass
class ColumnClass:
    name: str
    type: str
    rows: int  # non-null values sampled
    entities: dict[str, float] = field(default_factory=dict)  # entity -> share of sampled values holding it
    confidence: str = "none"
    action: dict[str, Any] = field(default_factory=lambda: {"action": "keep"})
    why: str = ""


def _entity_shares(masked: pl.Series, rows: int) -> tuple[dict[str, float], float]:
    """Per entity, the share of values holding one of its tokens; and the share that are one token whole."""
    if rows == 0:
        return {}, 0.0
    types = masked.str.extract_all(_TOKEN_TYPE).list.eval(pl.element().str.extract(_TOKEN_TYPE, 1).unique())
    exploded = types.explode().drop_nulls()
    shares = {str(e): n / rows for e, n in exploded.value_counts().iter_rows()}
    whole = float(masked.str.contains(_WHOLE_TOKEN).fill_null(False).sum()) / rows
    return dict(sorted(shares.items(), key=lambda kv: -kv[1])), whole


def _suggest(name: str, dtype: pl.DataType, shares: dict[str, float], whole: float) -> tuple[str, dict[str, Any], str]:
    if not shares:
        if dtype.is_temporal() and any(r.entity in _DATES for r in rules_for(name)):
            return "high", {"action": "generalize", "to": "year"}, "a date of birth by its name"
        if is_negative(name) or dtype != pl.String:
            return "high", {"action": "keep"}, "no sensitive value found; an identifier or a typed value"
        return "medium", {"action": "scan"}, "no sensitive value found in the sample; scanned in case"
    top, share = next(iter(shares.items()))
    confidence = "high" if share >= 0.5 or rules_for(name) else ("medium" if share >= 0.05 else "low")
    found = ", ".join(f"{e} in {s:.0%}" for e, s in shares.items())
    if whole >= 0.8 and len(shares) == 1:
        if top in _JOINABLE:
            return confidence, {"action": "hash"}, f"{found}; whole values: a keyed pseudonym keeps joins"
        if top == "CREDIT_CARD":
            return confidence, {"action": "partial", "keep_last": 4}, f"{found}; the last 4 digits stay useful"
        return confidence, {"action": "redact"}, f"{found}; whole values with no analytic use"
    return confidence, {"action": "scan"}, f"{found}; free text: spans are replaced, the rest is kept"


def classify_table(frame: pl.DataFrame, scanner: TextScanner) -> list[ColumnClass]:
    result = []
    for name, dtype in frame.schema.items():
        values = frame[name].drop_nulls()
        if dtype == pl.String or dtype.is_integer():
            masked = scanner.mask(values.cast(pl.String), field=name).masked
            shares, whole = _entity_shares(masked, values.len())
        else:
            shares, whole = {}, 0.0
        confidence, action, why = _suggest(name, dtype, shares, whole)
        result.append(ColumnClass(name, str(dtype), values.len(), shares, confidence, action, why))
    return result


def classify_logs(records: list[Any], scanner: TextScanner) -> list[ColumnClass]:
    stats: dict[str, PathStats] = {}
    mask_records(records, scanner, stats)
    result = []
    for path, s in sorted(stats.items()):
        shares = {e: min(1.0, n / s.values) for e, n in s.entities.most_common()} if s.values else {}
        confidence, _, why = _suggest(path, pl.String(), shares, 0.0)
        result.append(ColumnClass(f"record.{path}", "string", s.values, shares, confidence, {"action": "scan"},
                                  why if shares else "no sensitive value found in the sample; scanned anyway"))
    return result


def classify_dataset(config: PipelineConfig, dataset: str, scanner: TextScanner, sample: int) -> list[ColumnClass]:
    """Read at most ``sample`` rows (the first ones) of a dataset's source and classify them."""
    source = open_source(config, dataset)
    if source.kind == "jsonl":
        records: list[Any] = []
        for chunk in source.chunks():
            records.extend(islice(chunk.records or [], sample - len(records)))
            if len(records) >= sample:
                break
        return classify_logs(records, scanner)
    frames = []
    rows = 0
    for chunk in source.chunks():
        frames.append(chunk.frame.head(sample - rows))
        rows += frames[-1].height
        if rows >= sample:
            break
    return classify_table(pl.concat(frames), scanner)


def suggested_policy(classes: dict[str, list[ColumnClass]], config: PipelineConfig) -> dict[str, Any]:
    """The datasets section of a config with the suggested policies (log datasets are scanned whole)."""
    datasets: dict[str, Any] = {}
    for dataset, columns in classes.items():
        spec = config.datasets[dataset]
        entry: dict[str, Any] = {"source": spec.source}
        if spec.table:
            entry["table"] = spec.table
            entry["policy"] = {"default": "scan", "columns": {
                c.name: c.action["action"] if len(c.action) == 1 else c.action for c in columns}}
        datasets[dataset] = entry
    return {"datasets": datasets}
