"""Masking nested log records: every string leaf is scanned, the structure is kept.

Leaves are gathered per JSON path (``request.messages[].content``) into one column each and scanned
with the same vectorized scanner as table columns. A string that holds JSON (tool-call ``arguments``) is
parsed, its own leaves are masked, and it is written back as JSON.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import orjson
import polars as pl

from masking.scan import TextScanner

_BIG_INT = 1_000_000  # integers this large can be phone or card numbers; smaller ones are counts


@dataclass
class Leaves:
    holders: list[Any] = field(default_factory=list)  # dict or list holding the leaf
    keys: list[Any] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    embedded: list[tuple[Any, Any, Any]] = field(default_factory=list)  # (holder, key, parsed JSON)


def _parse_embedded(text: str) -> Any:
    stripped = text.lstrip()
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        parsed = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return parsed if isinstance(parsed, dict | list) and parsed else None


def collect(root: Any, leaves: Leaves) -> None:
    """Gather the string (and large integer) leaves of one record, depth first."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            child = (f"{path}.{key}" if path else str(key)) if isinstance(node, dict) else f"{path}[]"
            if isinstance(value, dict | list):
                stack.append((value, child))
            elif isinstance(value, str):
                parsed = _parse_embedded(value)
                if parsed is not None:
                    leaves.embedded.append((node, key, parsed))
                    stack.append((parsed, child + "{json}"))
                else:
                    _add(leaves, node, key, child, value)
            elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _BIG_INT:
                _add(leaves, node, key, child, str(value))


def _add(leaves: Leaves, holder: Any, key: Any, path: str, value: str) -> None:
    leaves.holders.append(holder)
    leaves.keys.append(key)
    leaves.paths.append(path)
    leaves.values.append(value)


def _by_path(leaves: Leaves) -> list[tuple[str, pl.Series, pl.Series]]:
    """(path, row indexes, values) per path, in a stable order."""
    frame = pl.DataFrame({"path": leaves.paths, "value": leaves.values}, schema={"path": pl.String, "value": pl.String})
    frame = frame.with_row_index("i")
    return [
        (str(key[0]), group["i"], group["value"])
        for key, group in sorted(frame.group_by("path", maintain_order=True), key=lambda kv: str(kv[0][0]))
    ]


@dataclass
class PathStats:
    values: int = 0
    values_masked: int = 0
    entities: Counter[str] = field(default_factory=Counter)


def mask_records(records: list[Any], scanner: TextScanner, stats: dict[str, PathStats]) -> list[str]:
    """Mask records in place and return them as compact JSON text, one per record."""
    leaves = Leaves()
    for record in records:
        collect(record, leaves)
    for path, indexes, values in _by_path(leaves):
        result = scanner.mask(values, field=path)
        path_stats = stats.setdefault(path, PathStats())
        path_stats.values += len(values)
        path_stats.values_masked += result.changed
        path_stats.entities.update(result.entities)
        if result.changed:
            for i, old, new in zip(indexes.to_list(), values.to_list(), result.masked.to_list(), strict=True):
                if new != old:
                    leaves.holders[i][leaves.keys[i]] = new
    for holder, key, parsed in reversed(leaves.embedded):  # innermost first
        holder[key] = orjson.dumps(parsed).decode()
    return [orjson.dumps(record).decode() for record in records]


def find_in_records(texts: pl.Series, scanner: TextScanner) -> dict[str, Counter[str]]:
    """Re-scan masked records (JSON text): sensitive spans left, per path. Counts only."""
    leaves = Leaves()
    for text in texts.drop_nulls().to_list():
        collect(orjson.loads(text), leaves)
    findings: dict[str, Counter[str]] = {}
    for path, _, values in _by_path(leaves):
        found = scanner.find(values, field=path)
        if found:
            findings[path] = found
    return findings
