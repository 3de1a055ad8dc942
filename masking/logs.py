"""Masking nested log records: every string leaf is scanned, the structure and the types are kept.

Leaves are gathered per JSON path (``request.messages[].content``) into one Polars frame and scanned with
the same vectorized scanner as table columns, over *distinct* values only, with a bounded per-run memo so
that a text seen before (a system prompt, a template) is never scanned twice. A string that holds JSON
(tool-call ``arguments``) is parsed, its own leaves are masked, and it is written back as JSON.

Paths: ``a.b`` for keys, ``a[]`` for list items, ``{json}`` for JSON inside a string, ``attributes[k]`` for
OpenTelemetry ``{key, value}`` attribute items, ``*`` for a key that is not a field name (such keys are
scanned as text too, and renamed when they hold something sensitive). Numeric key segments read ``#``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
import polars as pl

from masking.context import context_key
from masking.logmemo import LeafMemo, regex_only
from masking.logshapes import rules_for
from masking.logshapes.rules import Mode, Rules, mode_value
from masking.scan import TOKEN_PATTERN, TextScanner

_BIG_INT = 1_000_000  # integers this large can be phone or card numbers; smaller ones are counts
_FIELD_KEY = re.compile(r"[a-z_$][A-Za-z0-9_.$\-]{0,127}|[A-Z][A-Z0-9_]{0,63}")
_INDEX = re.compile(r"(?<=\.)\d+(?=\.|$)")  # gen_ai.prompt.0.content -> gen_ai.prompt.#.content
MAX_PATHS = 10_000  # report entries; past this, paths are counted together (keys used as data)
OTHER_PATHS = "(other paths)"
Renames = dict[int, tuple[dict[Any, Any], dict[str, str]]]  # id(dict) -> (dict, old key -> masked key)


_SEGMENTS: dict[str, str | None] = {}  # key -> path segment: keys repeat in every record


def key_segment(key: str) -> str | None:
    """How a key appears in a path; None when it is not a field name (it is then scanned as text)."""
    try:
        return _SEGMENTS[key]
    except KeyError:
        segment = _INDEX.sub("#", key) if _FIELD_KEY.fullmatch(key) else None
        if len(_SEGMENTS) < 100_000:  # bounded: keys used as data must not grow it without end
            _SEGMENTS[key] = segment
        return segment


@dataclass
class Leaves:
    """The leaves to scan, as (holder, key, path, value, mode, is_key) tuples: ``is_key`` when the leaf is a
    dict key rather than a value. ``ops``: ("embed"|"rename", holder, key, parsed), in discovery order."""

    items: list[tuple[Any, Any, str, str, str, bool]] = field(default_factory=list)
    ops: list[tuple[str, Any, Any, Any]] = field(default_factory=list)

    @property
    def values(self) -> list[str]:
        return [item[3] for item in self.items]


def _parse_embedded(text: str) -> Any:
    stripped = text.lstrip()
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        parsed = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return parsed if isinstance(parsed, dict | list) and parsed else None


def _list_children(node: list[Any], path: str) -> list[tuple[Any, Any, str]]:
    found = []
    for index, value in enumerate(node):
        segment = "[]"
        if isinstance(value, dict) and isinstance(value.get("key"), str) and "value" in value:
            segment = f"[{key_segment(value['key']) or '*'}]"  # an OpenTelemetry attribute
        found.append((index, value, path + segment))
    return found


def _dict_children(node: dict[Any, Any], path: str, leaves: Leaves) -> list[tuple[Any, Any, str]]:
    """(key, value, child path); keys that are not field names become leaves, and their dict is renamed."""
    items, odd, prefix = [], False, f"{path}." if path else ""
    for key, value in node.items():
        name = _SEGMENTS.get(key) or key_segment(key)
        if name is None:
            odd = True
            leaves.items.append((node, key, prefix + "*{key}", key, _FULL, True))
        items.append((key, value, prefix + (name or "*")))
    if odd:
        leaves.ops.append(("rename", node, None, None))
    return items


_FULL, _KEEP = Mode.FULL.value, Mode.KEEP.value


def collect(root: Any, leaves: Leaves, rules: Rules) -> None:
    """Gather the leaves of one record to scan, depth first. Operational values proven harmless are skipped."""
    stack: list[tuple[Any, str]] = [(root, "")]
    add, kind_of, push = leaves.items.append, rules.kind, stack.append
    while stack:
        node, path = stack.pop()
        children = _dict_children(node, path, leaves) if type(node) is dict else _list_children(node, path)
        for key, value, child in children:
            kind_type = type(value)
            if kind_type is dict or kind_type is list:
                push((value, child))
                continue
            kind = kind_of(child)
            mode = _FULL if kind is None else mode_value(kind, value)
            if kind_type is str:
                parsed = _parse_embedded(value) if mode == _FULL else None
                if parsed is not None:
                    leaves.ops.append(("embed", node, key, parsed))
                    push((parsed, child + "{json}"))
                elif mode != _KEEP:
                    add((node, key, child, value, mode, False))
            elif kind_type is int and mode == _FULL and abs(value) >= _BIG_INT:
                add((node, key, child, str(value), _FULL, False))


_ATTRIBUTE_VALUE = re.compile(r".*\[([^\]]+)\]\.value\.\w+")  # attributes[user.email].value.stringValue


def context_field(path: str) -> str | None:
    """The field whose name tells the scanner what a leaf holds: the last key, the attribute's key for an
    OpenTelemetry ``{key, value}`` item, none for a key itself."""
    if path.endswith("{key}"):
        return None
    attribute = _ATTRIBUTE_VALUE.fullmatch(path)
    return attribute.group(1) if attribute else path


def _with_context(leaves: Leaves) -> pl.DataFrame:
    """The leaves as a frame with ``ctx``: what a value's scan depends on besides the value itself."""
    _, _, paths, values, modes, _ = zip(*leaves.items, strict=True)
    frame = pl.DataFrame({"path": paths, "value": values, "mode": modes},
                         schema={"path": pl.String, "value": pl.String, "mode": pl.String}).with_row_index("i")
    pairs = frame.select("path", "mode").unique().rows()
    ctx = ["regex" if mode == Mode.REGEX else f"full:{context_key(context_field(path))}" for path, mode in pairs]
    keys = pl.DataFrame({"path": [p for p, _ in pairs], "mode": [m for _, m in pairs], "ctx": ctx},
                        schema={"path": pl.String, "mode": pl.String, "ctx": pl.String})
    return frame.join(keys, on=["path", "mode"], how="left", maintain_order="left")


def _token_entities(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    return (frame.select("path", pl.col(column).str.extract_all(TOKEN_PATTERN).alias("token"))
            .explode("token").drop_nulls("token")
            .select("path", pl.col("token").str.extract(r"^<([A-Z][A-Z0-9_]*):", 1).alias("entity"))
            .group_by("path", "entity").len())  # fmt: skip


@dataclass
class PathStats:
    values: int = 0
    values_masked: int = 0
    entities: Counter[str] = field(default_factory=Counter)


class RecordMasker:
    """Masks chunks of parsed records in place; keeps per-path statistics and the memo for the whole run."""

    def __init__(self, scanner: TextScanner, memo: LeafMemo | None = None) -> None:
        self._full = scanner
        self._regex = regex_only(scanner)
        self.memo = memo or LeafMemo()
        self.paths: dict[str, PathStats] = {}

    def mask(self, records: Sequence[Any], shapes: Sequence[str]) -> list[str]:
        """Mask ``records`` in place and return them as compact JSON text, one per record."""
        leaves = Leaves()
        for record, shape in zip(records, shapes, strict=True):
            collect(record, leaves, rules_for(shape))
        if leaves.items:
            frame = self._scan(_with_context(leaves))
            changed = frame.filter(pl.col("masked") != pl.col("value"))
            renames = _write_back(leaves, changed["i"].to_list(), changed["masked"].to_list())
            self._count(frame, changed)
        else:
            renames = {}
        _finish(leaves.ops, renames)
        return [orjson.dumps(record).decode() for record in records]

    def _scan(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add ``masked``: memo hits first, then one scan per context over the distinct misses."""
        distinct = frame.group_by("ctx", "value").agg(pl.col("path").first())
        results: list[str] = []
        misses: dict[str, tuple[list[int], list[str], str]] = {}
        for n, (ctx, value, path) in enumerate(distinct.iter_rows()):
            known = self.memo.get(ctx, value)
            results.append(known if known is not None else value)
            if known is None:
                positions, values, _ = misses.setdefault(ctx, ([], [], path))
                positions.append(n)
                values.append(value)
        for ctx, (positions, values, path) in misses.items():
            scanner, context = (self._regex, None) if ctx == "regex" else (self._full, context_field(path))
            masked = scanner.mask(pl.Series(values, dtype=pl.String), field=context).masked.to_list()
            for position, value, new in zip(positions, values, masked, strict=True):
                results[position] = new
                self.memo.put(ctx, value, new)
        mapping = distinct.select("ctx", "value", pl.Series("masked", results, dtype=pl.String))
        return frame.join(mapping, on=["ctx", "value"], how="left", maintain_order="left")

    def _count(self, frame: pl.DataFrame, changed: pl.DataFrame) -> None:
        totals = frame.group_by("path").agg(pl.len().alias("n"), (pl.col("masked") != pl.col("value")).sum().alias("c"))
        for path, n, c in totals.iter_rows():
            stats = self._stats(path)
            stats.values += n
            stats.values_masked += c
        if changed.height:
            new, old = _token_entities(changed, "masked"), _token_entities(changed, "value")
            added = new.join(old, on=["path", "entity"], how="left").with_columns(
                (pl.col("len") - pl.col("len_right").fill_null(0)).alias("n"))
            for path, entity, n in added.filter(pl.col("n") > 0).select("path", "entity", "n").iter_rows():
                self._stats(path).entities[entity] += n

    def _stats(self, path: str) -> PathStats:
        stats = self.paths.get(path)
        if stats is None:
            key = path if len(self.paths) < MAX_PATHS else OTHER_PATHS
            stats = self.paths.setdefault(key, PathStats())
        return stats


def _write_back(leaves: Leaves, indexes: list[int], masked: list[str]) -> Renames:
    """Put masked values in their holders; return the key renames, per dict (by identity)."""
    renames: Renames = {}
    for i, new in zip(indexes, masked, strict=True):
        holder, key, _, _, _, is_key = leaves.items[i]
        if is_key:
            renames.setdefault(id(holder), (holder, {}))[1][key] = new
        else:
            holder[key] = new
    return renames


def _finish(ops: list[tuple[str, Any, Any, Any]], renames: Renames) -> None:
    """Re-serialize JSON-in-strings and rename keys, innermost first (the reverse of discovery)."""
    for op, holder, key, parsed in reversed(ops):
        if op == "embed":
            holder[key] = orjson.dumps(parsed).decode()
        elif id(holder) in renames:
            mapping = renames[id(holder)][1]
            items = [(mapping.get(k, k), v) for k, v in holder.items()]
            holder.clear()
            holder.update(items)


def mask_records(records: list[Any], scanner: TextScanner, stats: dict[str, PathStats]) -> list[str]:
    """Mask generic records in place (every leaf scanned) and return them as JSON text. Kept for callers of
    the first version; the job uses ``RecordMasker`` with shapes and a run-wide memo."""
    masker = RecordMasker(scanner)
    masker.paths = stats
    return masker.mask(records, ["generic"] * len(records))


def find_in_records(texts: pl.Series | Sequence[Any], scanner: TextScanner,
                    shapes: Sequence[str] | None = None) -> dict[str, Counter[str]]:
    """Re-scan masked records (JSON text, or already parsed): sensitive spans left, per path. Counts only.
    With ``shapes``, operational values get the same treatment as when masking (kept, or regex only)."""
    leaves = Leaves()
    rows = texts.to_list() if isinstance(texts, pl.Series) else texts
    for n, row in enumerate(rows):
        if row is not None:
            record = orjson.loads(row) if isinstance(row, str) else row
            collect(record, leaves, rules_for(shapes[n] if shapes is not None else "generic"))
    if not leaves.items:
        return {}
    frame = _with_context(leaves)
    findings: dict[str, Counter[str]] = {}
    regex = regex_only(scanner)
    for (ctx,), group in frame.group_by("ctx"):
        scan, context = (regex, None) if ctx == "regex" else (scanner, context_field(str(group["path"][0])))
        if not scan.find(group["value"].unique(), field=context):
            continue  # the common case: nothing left, no need to attribute per path
        for (path,), by_path in group.group_by("path"):
            found = scan.find(by_path["value"], field=None if ctx == "regex" else context_field(str(path)))
            if found:
                findings.setdefault(str(path), Counter()).update(found)
    return findings
