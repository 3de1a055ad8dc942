"""The evaluation corpus, its metrics, and the quality gate: Maskline on a fixed slice must meet the targets."""

from __future__ import annotations

import re
import time

import orjson
import pytest

from masking.detectors.validators import iban_mod97, luhn, ssn_valid
from masking.evaluation.corpus import (
    AI_CHAT_LOG,
    DB_CELLS,
    HARD_NEGATIVES,
    Item,
    build_corpus,
    category_counts,
    label,
)
from masking.evaluation.metrics import (
    Scores,
    json_still_valid,
    kept_tokens,
    leaked_spans,
    score_corpus,
    score_item,
    word_tokens,
)
from masking.evaluation.negatives import invalid_ssn, luhn_invalid_number, mod97_invalid_iban
from masking.evaluation.targets import FAMILIES, OTHER, TARGETS, Target, family_of

MASKLINE_TOKENS = re.compile(r"<[A-Z][A-Z0-9_]*:[0-9a-f]{8}>")
GATE_SEED, GATE_SIZE = 0, 300


@pytest.fixture(scope="module")
def corpus() -> list[Item]:
    return build_corpus(GATE_SEED, GATE_SIZE)


# ---- the corpus -----------------------------------------------------------------------------------------


def test_corpus_is_reproducible_from_its_seed() -> None:
    assert build_corpus(7, 120) == build_corpus(7, 120)
    assert build_corpus(7, 120) != build_corpus(8, 120)


def test_corpus_has_every_category_in_proportion(corpus: list[Item]) -> None:
    counts = category_counts(GATE_SIZE)
    assert sum(counts.values()) == GATE_SIZE
    assert {c: sum(1 for i in corpus if i.category == c) for c in counts} == counts
    assert len({i.id for i in corpus}) == GATE_SIZE


def test_labels_point_at_the_sensitive_substrings(corpus: list[Item]) -> None:
    for item in corpus:
        ends = [0]
        for span in item.spans:
            value = item.value(span)
            assert value and value == value.strip(), (item.id, span)
            assert span.start >= ends[-1], f"{item.id}: overlapping spans"
            ends.append(span.end)
            assert family_of(span.entity) != OTHER, span.entity
        if item.category == HARD_NEGATIVES:
            assert not item.spans
        if item.category == DB_CELLS:
            assert item.field
        if item.category == AI_CHAT_LOG:
            assert isinstance(orjson.loads(item.text), dict)


def test_values_are_valid_where_their_type_has_a_rule(corpus: list[Item]) -> None:
    rules = {"CREDIT_CARD": luhn, "IBAN": iban_mod97, "US_SSN": ssn_valid}
    checked = 0
    for item in corpus:
        for span in item.spans:
            if span.entity in rules:
                assert rules[span.entity](item.value(span)), (span.entity, item.id)
                checked += 1
            elif span.entity == "EMAIL":
                assert "@" in item.value(span) or "%40" in item.value(span)
            elif span.entity == "PRIVATE_KEY":
                assert item.value(span).startswith("-----BEGIN ")
    assert checked > 50


def test_hard_negative_look_alikes_fail_their_checksums() -> None:
    import random

    rng = random.Random(3)
    for _ in range(200):
        assert not luhn(luhn_invalid_number(rng))
        assert not iban_mod97(mod97_invalid_iban(rng))
        assert not ssn_valid(invalid_ssn(rng))


def test_label_finds_whole_occurrences_and_json_escaped_forms() -> None:
    text = "Ann met Ann Lee at Annex; key=-----BEGIN X-----\\nAAA"
    spans = label(text, [("Ann", "PERSON"), ("Ann Lee", "PERSON"), ("-----BEGIN X-----\nAAA", "PRIVATE_KEY")],
                  json_text=True)  # fmt: skip
    assert [text[s.start : s.end] for s in spans] == ["Ann", "Ann Lee", "-----BEGIN X-----\\nAAA"]
    with pytest.raises(ValueError, match="not found"):
        label("no value here", [("4111111111111111", "CREDIT_CARD")])


# ---- metrics on hand-made cases -------------------------------------------------------------------------


def _item(text: str, *values: tuple[str, str], category: str = "free_text") -> Item:
    return Item("t-1", category, text, label(text, list(values), json_text=category == AI_CHAT_LOG))


def test_a_value_left_in_the_output_leaks_and_a_masked_one_does_not() -> None:
    item = _item("Call Jane Doe at 415-555-0100 today", ("Jane Doe", "PERSON"), ("415-555-0100", "PHONE"))
    score = score_item(item, "Call <PERSON:0123abcd> at 415-555-0100 today", MASKLINE_TOKENS)
    assert score.leaked == [False, True]
    assert (score.plain_tokens, score.destroyed_tokens) == (3, 0)


def test_a_half_masked_value_is_a_partial_leak() -> None:
    item = _item("ship to 12 Main Street, Springfield", ("12 Main Street, Springfield", "STREET_ADDRESS"))
    score = score_item(item, "ship to 12 Main Street, <PERSON:0123abcd>", MASKLINE_TOKENS)
    assert score.leaked == [False] and score.partial == [True]


def test_occurrences_are_counted_one_by_one() -> None:
    item = _item("a@x.io wrote; reply to a@x.io. Thanks Ann, Ann Lee", ("a@x.io", "EMAIL"), ("Ann", "PERSON"),
                 ("Ann Lee", "PERSON"))  # fmt: skip
    masked = "<EMAIL:11111111> wrote; reply to a@x.io. Thanks <PERSON:22222222>, Ann Lee"
    assert leaked_spans(item, masked) == [True, False, False, True]  # "Ann" inside the leaked "Ann Lee" is not two


def test_destroyed_non_sensitive_tokens_are_over_masking() -> None:
    item = _item("Deploy 3f9a2c1 by Jane Doe", ("Jane Doe", "PERSON"), category=HARD_NEGATIVES)
    score = score_item(item, "Deploy <PHONE:0123abcd> by <PERSON:0123abcd>", MASKLINE_TOKENS)
    assert (score.plain_tokens, score.destroyed_tokens) == (3, 1)
    scores = score_corpus([item], ["Deploy <PHONE:0123abcd> by <PERSON:0123abcd>"], MASKLINE_TOKENS)
    assert scores.hard_negative_over_masking.rate == pytest.approx(1 / 3)


def test_alignment_keeps_order_and_ignores_replacement_tokens() -> None:
    original = word_tokens("EMAIL me at jo@x.io or EMAIL support")
    kept = kept_tokens(original, "EMAIL me at <EMAIL:0123abcd> or EMAIL support", MASKLINE_TOKENS)
    assert [t for i, (_, _, t) in enumerate(original) if i not in kept] == ["jo", "x", "io"]


def test_json_validity_needs_the_same_structure_at_every_level() -> None:
    record = orjson.dumps({"a": "Jane", "n": 1772400000, "args": orjson.dumps({"name": "Jane"}).decode()}).decode()
    assert json_still_valid(record, record.replace("Jane", "<PERSON:0123abcd>"))
    assert not json_still_valid(record, record.replace("1772400000", "<PHONE_NUMBER>"))  # not JSON any more
    assert not json_still_valid(record, record.replace('"a"', '"b"'))  # a key changed
    assert not json_still_valid(record, record.replace('{\\"name\\"', '{\\"name'))  # the embedded JSON broke


def test_targets_check_their_limits() -> None:
    scores = Scores()
    scores.json_valid.part, scores.json_valid.total = 9, 10
    target = next(t for t in TARGETS if t.at_least)
    assert target.check(scores) == (0.9, False)
    assert next(t for t in TARGETS if "hard negatives" in t.name).check(scores) == (None, True)
    assert set(FAMILIES) == {"structured", "secrets", "personal"}


# ---- the quality gate -----------------------------------------------------------------------------------

# Targets not met yet on this slice (seed 0, 300 items): the measured value recorded as a ceiling, and why.
# The gate fails if a value rises above its ceiling (a regression), and fails too once the target is met, so
# that its line here is deleted and the plain target guards it from then on. Never raise a ceiling to pass.
# `maskline eval --size 300 --no-presidio` shows the numbers; ceilings are leaked / labeled counts.
NOT_MET_YET: dict[str, tuple[float, str]] = {}


@pytest.fixture(scope="module")
def gate_scores(corpus: list[Item]) -> Scores:
    from masking.evaluation.runners import MasklineRunner, run_timed

    start = time.perf_counter()
    runner = MasklineRunner()
    timed = run_timed(runner, corpus)
    scores = score_corpus(corpus, timed.masked, runner.token_pattern)
    print(f"quality gate: {len(corpus)} items masked and scored in {time.perf_counter() - start:.1f} s")
    return scores


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_quality_gate(gate_scores: Scores, target: Target) -> None:
    value, ok = target.check(gate_scores)
    assert value is not None, f"nothing measured for {target.name}"
    if target.name in NOT_MET_YET:
        ceiling, why = NOT_MET_YET[target.name]
        assert value <= ceiling, f"{target.name} regressed: {value:.2%} > {ceiling:.2%} recorded ({why})"
        assert not ok, f"{target.describe()} is met ({value:.2%}): delete its NOT_MET_YET line"
    else:
        assert ok, f"{target.describe()}: measured {value:.2%}"


# ---- the held-out corpus: a regression guard, never a tuning target -----------------------------------------

# Measured on the held-out corpus (seed 0, 600 items), whose templates no detector author reads. Its targets
# are not all met: the values recorded here are ceilings that a change may lower (then lower them here too) but
# never raise. Only these totals are looked at, never which held-out items leak.
HELDOUT_SIZE = 600
HELDOUT_CEILINGS: dict[str, float] = {
    "leak, structured identifiers": 0.0115,
    "leak, secrets": 0.0165,
    "leak, names, addresses, birth dates": 0.1842,
    "leak, overall": 0.0904,
    "over-masking, hard negatives": 0.0157,
}


@pytest.fixture(scope="module")
def heldout_scores() -> Scores:
    from masking.evaluation.runners import MasklineRunner, run_timed

    items = build_corpus(GATE_SEED, HELDOUT_SIZE, "heldout")
    runner = MasklineRunner()
    return score_corpus(items, run_timed(runner, items).masked, runner.token_pattern)


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_heldout_quality_does_not_regress(heldout_scores: Scores, target: Target) -> None:
    value, ok = target.check(heldout_scores)
    assert value is not None, f"nothing measured for {target.name}"
    if target.name in HELDOUT_CEILINGS:
        assert value <= HELDOUT_CEILINGS[target.name], (
            f"held-out {target.name} regressed: {value:.2%} > {HELDOUT_CEILINGS[target.name]:.2%}"
        )
    else:
        assert ok, f"held-out {target.describe()}: measured {value:.2%}"
