"""Leak rate, over-masking and JSON validity of a masked corpus.

Leak: a labeled value leaks when its exact text is still in the masked output. Each occurrence is one
labeled value; when a value occurs k times in an item and m times in its output, min(k, m) of its labels
leak (occurrences inside a longer labeled value that survived, such as a first name inside the full name,
are not counted twice). *Partial* leak is reported beside it: some piece of the value (a token of three or
more characters, see below) survived in place, e.g. the street of an address whose city was masked.

Over-masking: both texts are cut into word tokens (runs of ``\\w``: letters, digits, underscore), after the
runner's own replacement tokens (``<EMAIL:5f2a9c1e>``, ``<PERSON>``) are blanked out of the output. The two
token sequences are aligned with ``difflib.SequenceMatcher`` (``autojunk=False``, so frequent tokens are not
ignored); an original token is *kept* when it falls in a matching block, i.e. the same token survives in the
same order. Over-masking is the share of tokens outside every labeled span that were not kept.

JSON validity: the output of a JSON record parses, and has the same structure: the same keys in every object,
the same length for every list, at every level, including JSON held in a string (tool-call ``arguments``).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import orjson

from masking.evaluation.corpus import HARD_NEGATIVES, Item, Span, occurrences
from masking.evaluation.targets import family_of

_WORD = re.compile(r"\w+")
PARTIAL_MIN_CHARS = 3


# ---- per item -------------------------------------------------------------------------------------------


def word_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def kept_tokens(original: list[tuple[int, int, str]], masked: str, token_pattern: re.Pattern[str]) -> set[int]:
    """Indexes of the original tokens that survive, in order, in the masked text."""
    survived = [t for _, _, t in word_tokens(token_pattern.sub(" ", masked))]
    matcher = difflib.SequenceMatcher(None, [t for _, _, t in original], survived, autojunk=False)
    return {a + k for a, _, size in matcher.get_matching_blocks() for k in range(size)}


def leaked_spans(item: Item, masked: str) -> list[bool]:
    """For each labeled span of ``item``, whether its value (as written) still occurs in ``masked``."""
    values = [item.value(s) for s in item.spans]
    found = {v: occurrences(masked, v) for v in set(values)}
    leaked = []
    remaining = {}
    for value, spots in found.items():
        longer = [spot for other, o_spots in found.items() if value in other and other != value for spot in o_spots]
        remaining[value] = sum(1 for s, e in spots if not any(a <= s and e <= b for a, b in longer))
    for value in values:
        leaked.append(remaining[value] > 0)
        remaining[value] -= 1
    return leaked


def partial_spans(item: Item, original: list[tuple[int, int, str]], kept: set[int]) -> list[bool]:
    return [
        any(i in kept for i, (s, e, t) in enumerate(original) if s < span.end and span.start < e
            and len(t) >= PARTIAL_MIN_CHARS)
        for span in item.spans
    ]  # fmt: skip


def _inside(start: int, end: int, spans: tuple[Span, ...]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


def _embedded(value: str) -> Any:
    if not value.lstrip().startswith(("{", "[")):
        return None
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    return parsed if isinstance(parsed, dict | list) else None


def same_structure(original: Any, masked: Any) -> bool:
    if isinstance(original, dict):
        return (isinstance(masked, dict) and original.keys() == masked.keys()
                and all(same_structure(v, masked[k]) for k, v in original.items()))  # fmt: skip
    if isinstance(original, list):
        return (isinstance(masked, list) and len(original) == len(masked)
                and all(same_structure(a, b) for a, b in zip(original, masked, strict=True)))  # fmt: skip
    if isinstance(original, str) and (inner := _embedded(original)) is not None:
        return isinstance(masked, str) and (masked_inner := _embedded(masked)) is not None and same_structure(
            inner, masked_inner
        )
    return not isinstance(masked, dict | list)


def json_still_valid(original: str, masked: str) -> bool:
    try:
        parsed = orjson.loads(masked)
    except orjson.JSONDecodeError:
        return False
    return same_structure(orjson.loads(original), parsed)


@dataclass(frozen=True)
class ItemScore:
    leaked: list[bool]  # per labeled span
    partial: list[bool]  # per labeled span
    plain_tokens: int  # tokens outside labeled spans
    destroyed_tokens: int  # of those, not kept
    json_valid: bool | None  # None for texts that are not JSON records


def score_item(item: Item, masked: str, token_pattern: re.Pattern[str]) -> ItemScore:
    original = word_tokens(item.text)
    kept = kept_tokens(original, masked, token_pattern)
    plain = [i for i, (s, e, _) in enumerate(original) if not _inside(s, e, item.spans)]
    return ItemScore(
        leaked=leaked_spans(item, masked),
        partial=partial_spans(item, original, kept),
        plain_tokens=len(plain),
        destroyed_tokens=sum(1 for i in plain if i not in kept),
        json_valid=json_still_valid(item.text, masked) if item.is_json else None,
    )


# ---- over a corpus --------------------------------------------------------------------------------------


@dataclass
class Ratio:
    part: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        return self.part / self.total if self.total else None


@dataclass
class LeakTally:
    n: int = 0
    leaked: int = 0
    partial: int = 0

    @property
    def rate(self) -> float | None:
        return self.leaked / self.n if self.n else None

    @property
    def partial_rate(self) -> float | None:
        return self.partial / self.n if self.n else None

    def add(self, leaked: bool, partial: bool) -> None:
        self.n += 1
        self.leaked += leaked
        self.partial += partial or leaked


@dataclass
class Scores:
    """Everything measured for one runner over one corpus."""

    by_entity: dict[str, LeakTally] = field(default_factory=lambda: defaultdict(LeakTally))
    by_family: dict[str, LeakTally] = field(default_factory=lambda: defaultdict(LeakTally))
    by_category: dict[str, LeakTally] = field(default_factory=lambda: defaultdict(LeakTally))
    overall: LeakTally = field(default_factory=LeakTally)
    over_masking: Ratio = field(default_factory=Ratio)
    hard_negative_over_masking: Ratio = field(default_factory=Ratio)
    over_masking_by_category: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    json_valid: Ratio = field(default_factory=Ratio)

    def family_leak(self, family: str) -> float | None:
        tally = self.by_family.get(family)
        return tally.rate if tally else None

    def add(self, item: Item, score: ItemScore) -> None:
        for span, leaked, partial in zip(item.spans, score.leaked, score.partial, strict=True):
            for tally in (self.by_entity[span.entity], self.by_family[family_of(span.entity)],
                          self.by_category[item.category], self.overall):  # fmt: skip
                tally.add(leaked, partial)
        ratios = [self.over_masking, self.over_masking_by_category[item.category]]
        if item.category == HARD_NEGATIVES:
            ratios.append(self.hard_negative_over_masking)
        for ratio in ratios:
            ratio.part += score.destroyed_tokens
            ratio.total += score.plain_tokens
        if score.json_valid is not None:
            self.json_valid.part += score.json_valid
            self.json_valid.total += 1


def score_corpus(items: list[Item], masked: list[str], token_pattern: re.Pattern[str]) -> Scores:
    if len(items) != len(masked):
        raise ValueError(f"{len(items)} items but {len(masked)} masked texts")
    scores = Scores()
    for item, text in zip(items, masked, strict=True):
        scores.add(item, score_item(item, text, token_pattern))
    return scores
