"""Free-text scanning: find sensitive spans and replace each with a keyed, typed token.

The regex stage runs as Polars expressions over the whole column: the detectors, in priority order, are joined
into a few alternations of ``GROUP_SIZE`` patterns each; each marks its candidate spans, and only the *distinct*
candidates reach Python, where validators (Luhn, mod-97...) and pseudonyms are computed. The results are mapped
back with a hash join (``replace``), never row by row, before the next group runs, so a later group sees the
earlier groups' tokens (and skips them: every group also matches a token as a whole, which it keeps).
Small groups keep the regex engine on its lazy DFA: one alternation of all 64 detectors ran 25x slower
than 8 groups of 8 over the same texts (its DFA cache thrashed).
NER then runs over the distinct texts that can hold a name, repeated until the text is stable, so that a
re-scan of the output with the same model finds nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import polars as pl

from masking.context import PLACEHOLDER, WEAK_ENTITIES, FieldRule, is_negative, rules_for
from masking.detectors.base import Detector
from masking.detectors.validators import digits_only, phone_digits, url_decoded_lowercase
from masking.keys import MaskingKey, Pseudonymizer
from masking.ner import NerModel, Span
from masking.nonnames import not_a_name

TOKEN_LENGTH = 8
TOKEN_PATTERN = r"<[A-Z][A-Z0-9_]*:[0-9a-f]{8}>"
_TOKEN = re.compile(TOKEN_PATTERN)
_FOUND = "<FOUND:00000000>"  # stands for a counted finding during a re-scan (a token: later groups skip it)
_MARK = "\x00"  # delimits candidate spans; a NUL already in the text is replaced first
_MAY_HOLD_NAME = r"\p{Lu}\p{Ll}"  # a capitalized word: the only texts NER needs to read
_NER_ROUNDS = 4
GROUP_SIZE = 8  # detectors per alternation
# As the detectors normalize, so that a value gets one token whether a field rule or a detector found it.
_SECRET_RULES = frozenset({"PASSWORD"})
_NORMALIZE_WHOLE = {"EMAIL": url_decoded_lowercase, "PHONE": phone_digits, "US_SSN": digits_only}


@dataclass(frozen=True)
class Allow:
    """Values never masked (a support address, a test card): exact values and whole-value regexes."""

    values: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()

    def __call__(self, value: str) -> bool:
        stripped = value.strip()
        return stripped in self.values or any(p.fullmatch(stripped) for p in self.patterns)


@dataclass
class ScanResult:
    masked: pl.Series
    entities: Counter[str] = field(default_factory=Counter)  # entity -> spans replaced
    changed: int = 0  # non-null values that changed


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


class TextScanner:
    """Masks or re-scans text columns with the regex detectors and, if given, an NER model."""

    def __init__(
        self, detectors: list[Detector], key: MaskingKey | None, ner: NerModel | None, allow: Allow | None = None
    ) -> None:
        if not detectors:
            raise ValueError("a scanner needs at least one detector")
        self.detectors = detectors
        self.ner = ner
        self._key = key
        # (index of the group's first detector, its alternation); every group also matches a token whole
        self._groups = [
            (i, "|".join([f"(?:{TOKEN_PATTERN})", *(f"(?:{d.polars_pattern})" for d in detectors[i : i + GROUP_SIZE])]))
            for i in range(0, len(detectors), GROUP_SIZE)
        ]
        self._hashers: dict[str, Pseudonymizer] = {}
        self.allow = allow or Allow()
        self._classified: dict[tuple[str, bool, int], tuple[str, tuple[str, ...]]] = {}

    # ---- tokens ------------------------------------------------------------------------------------

    def token(self, entity: str, value: str) -> str:
        if self._key is None:
            raise ValueError("this scanner has no key: it can re-scan but not mask")
        hasher = self._hashers.get(entity)
        if hasher is None:
            hasher = self._hashers[entity] = self._key.hasher(f"token:{entity}")
        return f"<{entity}:{hasher.hexdigest(value)[:TOKEN_LENGTH]}>"

    # ---- regex stage -------------------------------------------------------------------------------

    def _find_spans(self, text: str, weak_ok: bool = True, first: int = 0) -> list[tuple[int, int, Detector, str]]:
        """Validated, non-overlapping spans; earlier detectors win overlaps. ``weak_ok`` False (a field named
        like an id or a version) drops detectors that digits alone can fool. ``first``: the detectors before
        it have already run over the whole text this candidate comes from (earlier groups), so they are not
        run again over the candidate, where, cut from its context, they could match what they did not."""
        taken: list[tuple[int, int]] = _token_spans(text)  # our own tokens are never re-masked
        found = []
        for detector in self.detectors[first:] if first else self.detectors:
            if not weak_ok and detector.entity in WEAK_ENTITIES:
                continue
            for start, end, value in detector.find(text):
                if not _overlaps(start, end, taken) and not self.allow(value):
                    taken.append((start, end))
                    found.append((start, end, detector, value))
        return sorted(found, key=lambda item: item[0])

    def _classify(self, candidate: str, weak_ok: bool = True, first: int = 0) -> tuple[str, tuple[str, ...]]:
        """(replacement, entities) for one distinct candidate span."""
        cached = self._classified.get((candidate, weak_ok, first))
        if cached is None:
            spans = self._find_spans(candidate, weak_ok, first)
            if self._key is None:
                cached = (candidate, tuple(d.entity for _, _, d, _ in spans))
            else:
                pieces, last = [], 0
                for start, end, detector, value in spans:
                    pieces += [candidate[last:start], self.token(detector.entity, detector.normalize(value))]
                    last = end
                cached = ("".join(pieces) + candidate[last:], tuple(d.entity for _, _, d, _ in spans))
            if len(self._classified) < 1_000_000:
                self._classified[(candidate, weak_ok, first)] = cached
        return cached

    def _regex_stage(self, text: pl.Series, weak_ok: bool) -> ScanResult:
        masked, entities = text, Counter[str]()
        for first, pattern in self._groups:
            masked = self._group_pass(masked, pattern, first, weak_ok, entities)
        return ScanResult(masked, entities, int((masked != text).sum()))

    def _group_pass(
        self,
        text: pl.Series,
        pattern: str,
        first: int,
        weak_ok: bool,
        entities: Counter[str],
        count_only: bool = False,
    ) -> pl.Series:
        """Mark one group's candidate spans, classify the distinct ones, and replace them in place. With
        ``count_only`` (the re-scan), a candidate that holds a finding becomes a neutral token instead, so
        that later groups do not count it again."""
        marked = text.str.replace_all(pattern, _MARK + "$0" + _MARK)
        hit = marked.str.contains(_MARK, literal=True).fill_null(False)
        if not hit.any():
            return text
        segments = marked.filter(hit).str.split(_MARK)
        counts = segments.list.gather_every(2, offset=1).explode().drop_nulls().value_counts()
        old, new = [], []
        for candidate, n in counts.iter_rows():
            if candidate[0] == "<" and _TOKEN.fullmatch(candidate):
                continue  # a token matched whole: matched only so that no detector reads inside it
            replacement, found = self._classify(candidate, weak_ok, first)
            for entity in found:
                entities[entity] += n
            if count_only:
                replacement = _FOUND if found else candidate
            if replacement != candidate:
                old.append(candidate)
                new.append(replacement)
        if not old:
            return text
        joined = segments.list.eval(pl.element().replace(old, new)).list.join("")
        return text.clone().scatter(hit.arg_true(), joined)  # scatter writes in place

    # ---- field-context stage ---------------------------------------------------------------------

    def _whole_values(self, text: pl.Series, rule: FieldRule) -> pl.Series:
        """The values a field rule claims: matching its pattern, not placeholders, not already tokens."""
        hit = (
            text.str.contains(rule.pattern)
            & ~text.str.contains(TOKEN_PATTERN)
            & ~text.str.to_lowercase().str.contains(PLACEHOLDER)
        ).fill_null(False)
        return text.filter(hit)

    def _field_stage(self, text: pl.Series, rules: list[FieldRule]) -> ScanResult:
        entities: Counter[str] = Counter()
        for rule in rules:
            claimed = self._whole_values(text, rule)
            distinct = [v for v in claimed.unique().to_list() if not self.allow(v)]
            if not distinct:
                continue
            normalize = _NORMALIZE_WHOLE.get(rule.entity, lambda v: " ".join(v.split()).casefold())
            tokens = [self.token(rule.entity, normalize(v.strip())) for v in distinct]
            text = text.replace(distinct, tokens)
            entities[rule.entity] += int(claimed.is_in(distinct).sum())
        return ScanResult(text, entities)

    # ---- NER stage ---------------------------------------------------------------------------------

    def _names(self, text: str, spans: tuple[Span, ...]) -> list[tuple[int, int, str]]:
        tokens = _token_spans(text)
        return [
            (start, end, label)
            for start, end, label in spans
            if not _overlaps(start, end, tokens)
            and _name_like(text[start:end], label, text[max(0, start - 12) : start])
            and not self.allow(text[start:end])
        ]

    def _replace_names(self, text: str, names: list[tuple[int, int, str]]) -> str:
        pieces, last = [], 0
        for start, end, label in sorted(names):
            if start < last:
                continue
            entity = "PERSON" if label == "PERSON" else label
            pieces += [text[last:start], self.token(entity, " ".join(text[start:end].split()).casefold())]
            last = end
        return "".join(pieces) + text[last:]

    def _ner_candidates(self, text: pl.Series) -> list[str]:
        need = text.str.contains(_MAY_HOLD_NAME).fill_null(False)
        return text.filter(need).unique(maintain_order=True).to_list()

    def _ner_stage(self, text: pl.Series) -> ScanResult:
        assert self.ner is not None
        current = {t: t for t in self._ner_candidates(text)}  # original -> current text
        found: dict[str, Counter[str]] = {}
        pending = list(current)
        for _ in range(_NER_ROUNDS):
            if not pending:
                break
            by_current = {current[o]: o for o in pending}
            spans = self.ner.spans(list(by_current))
            pending = []
            for now, sp in zip(by_current, spans, strict=True):
                names = self._names(now, sp)
                if names:
                    origin = by_current[now]
                    current[origin] = self._replace_names(now, names)
                    found.setdefault(origin, Counter()).update(label for _, _, label in names)
                    pending.append(origin)
        changed = {o: c for o, c in current.items() if o != c}
        if not changed:
            return ScanResult(text)
        entities = Counter[str]()
        frequency = dict(text.filter(text.is_in(list(changed))).value_counts().iter_rows())
        for origin, labels in found.items():
            for label, n in labels.items():
                entities["PERSON" if label == "PERSON" else label] += n * frequency.get(origin, 0)
        masked = text.replace(list(changed), list(changed.values()))
        return ScanResult(masked, entities, int((masked != text).sum()))

    # ---- public ------------------------------------------------------------------------------------

    def mask(self, values: pl.Series, field: str | None = None) -> ScanResult:
        """Replace every sensitive span in a text column with its token. ``field`` (a column name or JSON key)
        is context: ``ssn`` or ``full_name`` claims whole values, ``order_id`` silences digit-only detectors."""
        text = values.cast(pl.String).str.replace_all(_MARK, "\ufffd", literal=True)
        # Personal-data rules first: a value the field name claims whole (an address in `address`) is one token,
        # not pieces left around what a detector took from it (a state code the pattern lacks). Secret rules
        # last: a detector keeps the readable shape (`Bearer <BEARER_TOKEN:...>`), the rule takes what is left.
        rules = rules_for(field)
        claimed = self._field_stage(text, [r for r in rules if r.entity not in _SECRET_RULES])
        regex = self._regex_stage(claimed.masked, weak_ok=not is_negative(field))
        last = self._field_stage(regex.masked, [r for r in rules if r.entity in _SECRET_RULES])
        result = ScanResult(last.masked, claimed.entities + regex.entities + last.entities)
        if self.ner is not None:
            names = self._ner_stage(result.masked)
            result = ScanResult(names.masked, result.entities + names.entities)
        return ScanResult(result.masked, result.entities, int((result.masked != text).sum()))

    def mask_text(self, text: str, *, ner: bool = True) -> str:
        """Mask one short text (an error message) in plain Python: no Polars, so it is safe in a forked process
        (the OpenLineage provider emits from a process pool), where Polars' thread pool would deadlock."""
        masked = self._classify(text)[0]
        if not ner or self.ner is None or not _may_hold_name(masked):
            return masked
        for _ in range(_NER_ROUNDS):
            names = self._names(masked, self.ner.spans([masked])[0])
            if not names:
                break
            masked = self._replace_names(masked, names)
        return masked

    def find(self, values: pl.Series, field: str | None = None) -> Counter[str]:
        """Count the sensitive spans left in a text column (the residual re-scan). Never returns values."""
        text = values.cast(pl.String)
        entities = Counter[str]()
        for rule in rules_for(field):
            claimed = [v for v in self._whole_values(text, rule).to_list() if not self.allow(v)]
            if claimed:
                entities[rule.entity] += len(claimed)
        weak_ok = not is_negative(field)
        rest = text.str.replace_all(_MARK, "\ufffd", literal=True)
        for first, pattern in self._groups:
            rest = self._group_pass(rest, pattern, first, weak_ok, entities, count_only=True)
        if self.ner is not None:
            distinct = self._ner_candidates(text)
            frequency: dict[str, int] | None = None
            for value, spans in zip(distinct, self.ner.spans(distinct), strict=True):
                names = self._names(value, spans)
                if names:
                    if frequency is None:
                        frequency = dict(text.value_counts().iter_rows())
                    for _, _, label in names:
                        entities[label] += frequency.get(value, 0)
        return entities


def _name_like(span: str, label: str = "PERSON", before: str = "") -> bool:
    """NER also tags ids, hashes and variables as people: a name has letters, and no digits or code symbols.
    Nor is a PERSON all lowercase or made only of known non-names (``Retrying Grafana``, see nonnames)."""
    return (
        any(c.isalpha() for c in span)
        and not any(c.isdigit() or c in "_$/=@#{}[]<>|\\" for c in span)
        and (label != "PERSON" or not not_a_name(span, before))
    )


def _may_hold_name(text: str) -> bool:
    """The plain-Python twin of ``_MAY_HOLD_NAME``: an upper-case letter followed by a lower-case one."""
    return any(a.isupper() and b.islower() for a, b in zip(text, text[1:], strict=False))


def _token_spans(text: str) -> list[tuple[int, int]]:
    if "<" not in text:
        return []
    return [m.span() for m in _TOKEN.finditer(text)]
