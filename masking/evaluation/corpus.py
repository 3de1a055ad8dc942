"""The labeled evaluation corpus: items of text with the spans of every sensitive value they hold.

Everything comes from one seed (a ``random.Random`` and seeded Faker instances; no clock, no network), so
``build_corpus(seed, size)`` returns the same items on every machine with the same package versions.

Each category's generator writes a text and *plants* the sensitive values it used; labeling then finds every
occurrence of each planted value (whole words only, and in its JSON-escaped forms inside JSON records) and
keeps the longest span where two overlap. A planted value that cannot be found is a generator bug and raises.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

from masking.evaluation.values import Values

FREE_TEXT = "free_text"
AI_CHAT_LOG = "ai_chat_log"
LOG_LINES = "log_lines"
DB_CELLS = "db_cells"
CONFIG_SECRETS = "config_secrets"
HARD_NEGATIVES = "hard_negatives"
# Share of the corpus per category, in generation order.
CATEGORY_WEIGHTS: dict[str, float] = {
    FREE_TEXT: 0.20, AI_CHAT_LOG: 0.15, LOG_LINES: 0.15, DB_CELLS: 0.15, CONFIG_SECRETS: 0.15, HARD_NEGATIVES: 0.20,
}  # fmt: skip
JSON_CATEGORIES = frozenset({AI_CHAT_LOG})


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entity: str


@dataclass(frozen=True)
class Item:
    """One text to mask. ``field`` is the column name of a database cell (context the pipeline has)."""

    id: str
    category: str
    text: str
    spans: tuple[Span, ...]
    field: str | None = None

    @property
    def is_json(self) -> bool:
        return self.category in JSON_CATEGORIES

    def value(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "category": self.category, "field": self.field, "text": self.text,
                "spans": [{"start": s.start, "end": s.end, "entity": s.entity, "value": self.value(s)}
                          for s in self.spans]}  # fmt: skip


@dataclass
class Draft:
    """A text being written: generators plant each sensitive value they put into it."""

    values: Values
    planted: list[tuple[str, str]] = field(default_factory=list)  # (value as written, entity)

    @property
    def rng(self) -> random.Random:
        return self.values.rng

    def plant(self, value: str, entity: str) -> str:
        self.planted.append((value, entity))
        return value

    def new(self, entity: str) -> str:
        """A fresh value of ``entity``, planted."""
        return self.plant(_GENERATORS[entity](self.values), entity)


_GENERATORS: dict[str, Callable[[Values], str]] = {
    "PERSON": lambda v: " ".join(v.person()),
    "EMAIL": lambda v: v.email(),
    "PHONE": Values.phone,
    "US_SSN": Values.ssn,
    "CREDIT_CARD": Values.card,
    "IBAN": lambda v: v.iban(),
    "IP_ADDRESS": Values.ip,
    "STREET_ADDRESS": Values.street_address,
    "DATE_OF_BIRTH": Values.birth_date,
    "AWS_ACCESS_KEY": Values.aws_access_key,
    "AWS_SECRET_KEY": Values.aws_secret_key,
    "GITHUB_TOKEN": Values.github_token,
    "JWT": Values.jwt,
    "PRIVATE_KEY": Values.private_key,
    "PASSWORD": Values.password,
    "BEARER_TOKEN": Values.bearer_token,
    "OPENAI_KEY": Values.openai_key,
    "SLACK_TOKEN": Values.slack_token,
    "STRIPE_KEY": Values.stripe_key,
    "GOOGLE_API_KEY": Values.google_api_key,
}


# ---- labeling -------------------------------------------------------------------------------------------


def _json_escaped(value: str) -> str:
    return orjson.dumps(value).decode()[1:-1]


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    """Where ``value`` occurs as a whole: not glued to a word character on a side where it has one."""
    left = r"(?<!\w)" if re.match(r"\w", value) else ""
    right = r"(?!\w)" if re.search(r"\w$", value) else ""
    return [m.span() for m in re.finditer(left + re.escape(value) + right, text)]


def label(text: str, planted: list[tuple[str, str]], *, json_text: bool = False) -> tuple[Span, ...]:
    """Spans of every occurrence of every planted value; longest first where two overlap."""
    found: list[Span] = []
    for value, entity in dict.fromkeys(planted):
        forms = {value}
        if json_text:  # a value in a JSON string, or in JSON inside a JSON string (tool-call arguments)
            forms |= {_json_escaped(value), _json_escaped(_json_escaped(value))}
        spans = [Span(s, e, entity) for form in forms for s, e in occurrences(text, form)]
        if not spans:
            raise ValueError(f"planted {entity} value not found in the generated text")
        found += spans
    kept: list[Span] = []
    for span in sorted(found, key=lambda s: (s.start - s.end, s.start)):
        if all(span.end <= k.start or k.end <= span.start for k in kept):
            kept.append(span)
    return tuple(sorted(kept, key=lambda s: s.start))


# ---- the corpus -----------------------------------------------------------------------------------------

Generator = Callable[[Draft], tuple[str, str | None]]  # -> (text, field)


def _generators() -> dict[str, Generator]:
    from masking.evaluation import negatives, records, texts

    return {
        FREE_TEXT: texts.free_text, AI_CHAT_LOG: records.chat_log, LOG_LINES: texts.log_lines,
        DB_CELLS: records.db_cell, CONFIG_SECRETS: texts.config_secrets, HARD_NEGATIVES: negatives.hard_negative,
    }  # fmt: skip


def category_counts(size: int) -> dict[str, int]:
    counts = {c: int(size * w) for c, w in CATEGORY_WEIGHTS.items()}
    for category in list(CATEGORY_WEIGHTS)[: size - sum(counts.values())]:
        counts[category] += 1
    return counts


MAIN = "main"
HELDOUT = "heldout"
VARIANTS = (MAIN, HELDOUT)  # heldout: templates kept away from rule tuning (``masking/evaluation/heldout.py``)


def build_corpus(seed: int = 0, size: int = 2000, variant: str = MAIN) -> list[Item]:
    """``size`` labeled items in the categories' proportions, in a seeded shuffled order.

    ``variant`` picks the templates: ``main`` (the corpus rules are tuned on) or ``heldout`` (other templates,
    value formats and seed stream, for numbers on text nobody tuned toward)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown corpus '{variant}': expected one of {', '.join(VARIANTS)}")
    if size < 1:
        raise ValueError(f"the corpus needs at least one item, got size={size}")
    if variant == HELDOUT:
        from masking.evaluation.heldout import build_heldout

        return build_heldout(seed, size)
    rng = random.Random(seed)
    values = Values(seed, rng)
    deck = [c for c, n in category_counts(size).items() for _ in range(n)]
    rng.shuffle(deck)
    generators = _generators()
    items = []
    for i, category in enumerate(deck):
        draft = Draft(values)
        text, column = generators[category](draft)
        spans = label(text, draft.planted, json_text=category in JSON_CATEGORIES)
        items.append(Item(f"{category}-{i:05d}", category, text, spans, column))
    return items
