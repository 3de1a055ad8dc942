"""The detector unit: an entity type, a regex, context words and at most one validator.

Patterns are written in the subset shared by Rust's `regex` crate (which Polars runs) and Python's `re`:
no look-around, no back-references. Write `\\b` for a word boundary: it becomes the ASCII boundary
`(?-u:\\b)` inside Polars, which keeps the regex engine on its fast path for non-ASCII text.
A named group `(?P<value>...)` marks the sensitive part when the match also holds context that is
kept (the `password=` in `password=hunter2`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Validator = Callable[[str], bool]
Normalizer = Callable[[str], str]

_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def _identity(value: str) -> str:
    return value


@dataclass(frozen=True)
class Detector:
    """One kind of sensitive value found by a pattern.

    name: registry name (lowercase, e.g. ``email``).
    entity: the type shown in tokens and reports (uppercase, e.g. ``EMAIL``).
    pattern: see the module doc. May contain one named group ``value``.
    validator: pure check on the sensitive part (Luhn, mod-97...); a failing candidate is not masked.
    normalize: canonical form of the sensitive part before pseudonymizing, so that ``A@X.COM`` and
        ``a@x.com`` get the same token.
    context: words that make a match more likely when they stand near it (used by classification).
    examples / near_misses: documented fake values the detector must / must not find.
    """

    name: str
    entity: str
    pattern: str
    validator: Validator | None = None
    normalize: Normalizer = _identity
    context: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()
    _python: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_python", re.compile(self.pattern))
        if "value" in self._python.groupindex and len(self._python.groupindex) > 1:
            raise ValueError(f"detector '{self.name}': only one named group, 'value', is allowed")

    @property
    def polars_pattern(self) -> str:
        """The pattern for Polars: ASCII word boundaries, named groups made plain (names must be unique
        across the combined alternation)."""
        return _NAMED_GROUP.sub("(?:", self.pattern).replace(r"\b", r"(?-u:\b)")

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Validated spans of the sensitive part in ``text``: (start, end, value)."""
        if self._python.search(text) is None:  # the usual case: most detectors find nothing in a candidate
            return []
        found = []
        group = "value" if "value" in self._python.groupindex else 0
        for match in self._python.finditer(text):
            start, end = match.span(group)
            value = match.group(group)
            if start == end or (self.validator is not None and not self.validator(value)):
                continue
            found.append((start, end, value))
        return found
