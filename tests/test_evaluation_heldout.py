"""The held-out corpus (``maskline eval --corpus heldout``): reproducible, in proportion, exactly labeled.

Only the corpus is checked here (no masking, no model): the numbers come from ``maskline eval``. Keep this file
about the generators, never about which items leak: that would turn held-out templates into tuning data.
"""

from __future__ import annotations

import random
from collections import Counter

import orjson
import pytest
from typer.testing import CliRunner

from masking.cli import app
from masking.detectors.validators import iban_mod97, luhn, ssn_valid
from masking.evaluation import heldout
from masking.evaluation.corpus import (
    AI_CHAT_LOG,
    CATEGORY_WEIGHTS,
    DB_CELLS,
    HARD_NEGATIVES,
    Draft,
    Item,
    build_corpus,
    category_counts,
)
from masking.evaluation.targets import FAMILIES, OTHER, family_of

SEED, SIZE = 0, 300


@pytest.fixture(scope="module")
def built() -> heldout.Built:
    return heldout.build_with_planted(SEED, SIZE)


@pytest.fixture(scope="module")
def corpus(built: heldout.Built) -> list[Item]:
    return built.items


# ---- selecting the corpus -------------------------------------------------------------------------------


def test_heldout_corpus_is_reproducible_from_its_seed() -> None:
    assert build_corpus(7, 40, "heldout") == build_corpus(7, 40, "heldout")
    assert build_corpus(7, 40, "heldout") != build_corpus(8, 40, "heldout")


def test_main_corpus_stays_the_default() -> None:
    assert build_corpus(3, 60) == build_corpus(3, 60, "main")
    with pytest.raises(ValueError, match="unknown corpus"):
        build_corpus(3, 60, "other")
    with pytest.raises(ValueError, match="at least one item"):
        build_corpus(3, 0, "heldout")


def test_heldout_shares_no_text_and_no_distinctive_value_with_the_main_corpus(corpus: list[Item]) -> None:
    main = build_corpus(SEED, SIZE)
    assert not {i.text for i in main} & {i.text for i in corpus}
    distinctive = {"EMAIL", "CREDIT_CARD", "IBAN", "US_SSN", *FAMILIES["secrets"]}

    def values(items: list[Item]) -> set[str]:
        return {i.value(s) for i in items for s in i.spans if s.entity in distinctive}

    assert not values(main) & values(corpus)


def test_eval_command_takes_the_corpus_option() -> None:
    result = CliRunner().invoke(app, ["eval", "--corpus", "nope", "--no-presidio"])
    assert result.exit_code == 2


# ---- shape and labels -----------------------------------------------------------------------------------


def test_heldout_corpus_has_every_category_in_proportion(corpus: list[Item]) -> None:
    counts = category_counts(SIZE)
    assert {c: sum(1 for i in corpus if i.category == c) for c in CATEGORY_WEIGHTS} == counts
    assert len({i.id for i in corpus}) == SIZE


def test_labels_are_the_planted_values_and_nothing_else(built: heldout.Built) -> None:
    for item, planted in zip(built.items, built.planted, strict=True):
        entity_of = dict(planted)
        forms = {f: entity_of[v] for v in entity_of for f in heldout._forms(v, item.is_json)}
        ends = [0]
        for span in item.spans:
            value = item.value(span)
            assert value and value == value.strip(), (item.id, span)
            assert forms.get(value) == span.entity, (item.id, value, span.entity)
            assert span.start >= ends[-1], f"{item.id}: overlapping spans"
            ends.append(span.end)
            assert family_of(span.entity) != OTHER, span.entity
        # every planted value is labeled, as often as it was planted (a first name inside a full name aside)
        labeled = {item.value(s) for s in item.spans}
        assert all(heldout._forms(v, item.is_json) & labeled for v in entity_of), item.id
        assert heldout.labels_exact(item.text, planted, json_text=item.is_json), item.id
        if item.category == HARD_NEGATIVES:
            assert not item.spans and not planted
        if item.category == DB_CELLS:
            assert item.field
        if item.category == AI_CHAT_LOG:
            assert isinstance(orjson.loads(item.text), dict)


def test_every_entity_type_of_the_main_corpus_is_labeled(corpus: list[Item]) -> None:
    seen = Counter(s.entity for i in corpus for s in i.spans)
    expected = {e for family in FAMILIES.values() for e in family}
    assert set(seen) == expected, expected ^ set(seen)


def test_values_are_valid_where_their_type_has_a_rule(corpus: list[Item]) -> None:
    rules = {"CREDIT_CARD": luhn, "IBAN": iban_mod97, "US_SSN": ssn_valid}
    checked: Counter[str] = Counter()
    for item in corpus:
        for span in item.spans:
            value = item.value(span)
            if span.entity in rules:
                assert rules[span.entity](value), (span.entity, value, item.id)
                checked[span.entity] += 1
            elif span.entity == "EMAIL":
                assert "@" in value or "%40" in value
            elif span.entity == "PRIVATE_KEY":
                assert value.startswith("-----BEGIN ")
    assert min(checked.values()) > 8, checked


def test_every_template_labels_exactly_nearly_always() -> None:
    """A template that plants a value it does not write (or writes one twice) would be thrown away on every
    draw, silently: each must pass the exact-label check on most draws."""
    values = heldout.HeldoutValues(11, random.Random(11))
    groups = [(heldout.FREE_TEXT_TEMPLATES, False), (heldout.LOG_TEMPLATES, False),
              (heldout.CONFIG_TEMPLATES, False), (heldout.AI_LOG_TEMPLATES, True),
              (tuple(kind for kind, _ in heldout.DB_CELL_KINDS), False)]  # fmt: skip
    for templates, json_text in groups:
        for template in templates:
            exact = 0
            for _ in range(15):
                draft = Draft(values)
                made = template(draft)
                text = made if isinstance(made, str) else made[0]
                exact += heldout.labels_exact(text, draft.planted, json_text=json_text)
            assert exact >= 13, f"{template.__name__}: exact labels on {exact}/15 draws"


def test_redraws_are_rare(built: heldout.Built) -> None:
    assert built.redraws <= SIZE * 0.02


def test_hard_negatives_look_alikes_fail_their_checksums() -> None:
    rng = random.Random(5)
    for _ in range(200):
        assert not luhn(heldout._luhn_invalid(rng))


def test_exact_label_check_rejects_stray_occurrences() -> None:
    assert heldout.labels_exact("Hi Will, Will Ames here", [("Will", "PERSON"), ("Will Ames", "PERSON")])
    assert not heldout.labels_exact("Will you call? Thanks, Will. -- Will Ames",
                                    [("Will Ames", "PERSON"), ("Will", "PERSON")])  # fmt: skip
    assert not heldout.labels_exact("a@b.io", [("a@b.io", "EMAIL"), ("a@b.io", "PERSON")])
    assert not heldout.labels_exact("Ann Lee Smith", [("Ann Lee", "PERSON"), ("Lee Smith", "PERSON")])


def test_template_counts() -> None:
    counts = heldout.template_counts()
    assert counts["free_text"] >= 30 and counts["ai_chat_log"] >= 5 and counts["hard_negatives"] >= 20
    assert min(counts.values()) >= 7
