"""Operational fields: the narrow allow-list of log fields that keep their raw, typed value.

A shape lists the JSON paths of its operational fields (model, token counts, latency, timestamps, ids of
runs and spans) with a *kind*. A value at such a path is kept only when its own form proves it harmless:

- ``count``: a number, or a string of at most 7 digits (OTLP writes int64 as strings). Never scanned.
- ``time``: a number or digit string that reads as a time between 2000 and 2100 (s, ms, us or ns since the
  epoch), or an ISO-8601 date-time. Never scanned (a 19-digit nanosecond time can pass Luhn).
- ``ident``: one token of ``[A-Za-z0-9_.:/+-]`` (no spaces, no ``@``), at most 128 characters. Still
  passes the regex detectors (an AWS key is one token too); only NER and field-name rules are skipped.

Anything else, at any path, is scanned like free text (fail-closed). Paths inside JSON-in-a-string
(``{json}``) or under keys that are not field names (``*``) are never operational.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    COUNT = "count"
    TIME = "time"
    IDENT = "ident"


class Mode(StrEnum):
    KEEP = "keep"  # operational, proven harmless by its form: not scanned
    REGEX = "regex"  # operational identifier: regex detectors only
    FULL = "full"  # everything else: regex detectors, field-name context, NER


_IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/+\-]{0,127}")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_DIGITS = re.compile(r"\d{1,19}")
_COUNT_DIGITS = re.compile(r"\d{1,7}")
_MIN_S, _MAX_S = 946_684_800, 4_102_444_800  # 2000-01-01 .. 2100-01-01 (UTC)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def epoch_seconds(value: int | float) -> float | None:
    """Seconds since the epoch for a time in s, ms, us or ns (the ranges do not overlap), else None."""
    for scale in (1, 1_000, 1_000_000, 1_000_000_000):
        seconds = value / scale
        if _MIN_S <= seconds < _MAX_S:
            return seconds
    return None


def mode_of(kind: Kind, value: Any) -> Mode:
    """How a value at an operational path is treated."""
    if kind is Kind.COUNT:
        if _is_number(value) or (isinstance(value, str) and _COUNT_DIGITS.fullmatch(value)):
            return Mode.KEEP
    elif kind is Kind.TIME:
        if as_time(value) is not None:
            return Mode.KEEP
    elif isinstance(value, str) and _IDENT.fullmatch(value):
        return Mode.REGEX
    return Mode.FULL


_MODES: dict[tuple[Kind, str], str] = {}


def mode_value(kind: Kind, value: Any) -> str:
    """``mode_of(kind, value).value``, memoized for short strings: roles, types, models repeat in every record."""
    if not isinstance(value, str) or len(value) > 64:
        return mode_of(kind, value).value
    key = (kind, value)
    found = _MODES.get(key)
    if found is None:
        if len(_MODES) >= 100_000:  # unique ids fill it: start again rather than grow
            _MODES.clear()
        found = _MODES[key] = mode_of(kind, value).value
    return found


def as_time(value: Any) -> datetime | None:
    """The time a ``time`` field holds, when it is one (else None)."""
    if isinstance(value, str):
        if _DIGITS.fullmatch(value):
            value = int(value)
        elif _ISO.fullmatch(value):
            try:
                parsed = datetime.fromisoformat(value.replace(",", "."))
            except ValueError:
                return None
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        else:
            return None
    if not _is_number(value):
        return None
    seconds = epoch_seconds(value)
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def as_count(value: Any) -> int | None:
    if _is_number(value):
        return int(value)
    if isinstance(value, str) and _COUNT_DIGITS.fullmatch(value):
        return int(value)
    return None


def as_ident(value: Any) -> str | None:
    """An identifier field's value, when it is still a bare identifier (a masked value is not)."""
    return value if isinstance(value, str) and _IDENT.fullmatch(value) else None


class Rules:
    """The operational paths of one shape: ``prefix`` (wrappers) + one of ``fields`` (path regex -> kind)."""

    def __init__(self, name: str, prefix: str, fields: Iterable[tuple[str, Kind]]) -> None:
        self.name = name
        self._patterns = [(re.compile(f"(?:{prefix})(?:{path})"), kind) for path, kind in fields]
        self._cache: dict[str, Kind | None] = {}

    def kind(self, path: str) -> Kind | None:
        try:
            return self._cache[path]
        except KeyError:
            pass
        found = None
        if "{json}" not in path and "*" not in path:
            found = next((k for p, k in self._patterns if p.fullmatch(path)), None)
        if len(self._cache) < 100_000:  # paths are few; the bound only guards against pathological input
            self._cache[path] = found
        return found

    def documented(self) -> list[tuple[str, str]]:
        return [(p.pattern, k.value) for p, k in self._patterns]


NO_RULES = Rules("generic", "", [])
