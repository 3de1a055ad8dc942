"""The regex helpers detectors are built from: ASCII case folding, factoring, key names, context keys."""

from __future__ import annotations

import re

import polars as pl
import pytest

from masking.detectors import Detector
from masking.detectors.patterns import by_first_letter, key_name, keyed, nocase, word_forms


@pytest.mark.parametrize(
    ("source", "expected"),
    [("pwd", "[pP][wW][dD]"), ("a[_-]?b", "[aA][_-]?[bB]"), ("(?:x|y)", "(?:[xX]|[yY])"), (r"n\.?o", r"[nN]\.?[oO]"),
     ("licen[cs]e", "[lL][iI][cC][eE][nN][cCsS][eE]"), ("[a-z_ ]", "[a-zA-Z_ ]"), ("[^a]", "[^aA]"), ("#1", "#1"),
     ("(?:rc|beta)", "(?:[rR][cC]|[bB][eE][tT][aA])")],
)  # fmt: skip
def test_nocase(source: str, expected: str) -> None:
    assert nocase(source) == expected


def test_nocase_refuses_other_groups() -> None:
    with pytest.raises(ValueError):
        nocase("(?P<value>x)")


@pytest.mark.parametrize(
    ("source", "expected"),
    [("password|passwd|pwd", "p(?:assword|asswd|wd)"), ("(?:dx|diag|icd)", "d(?:x|iag)|icd"),
     ("a(?:b|c)|ad", "a(?:(?:b|c)|d)"), ("(?:from|to)x|y", "(?:from|to)x|y"), ("single", "single"),
     ("version|ver|build|revision|rev", "v(?:ersion|er)|build|r(?:evision|ev)")],
)  # fmt: skip
def test_by_first_letter(source: str, expected: str) -> None:
    assert by_first_letter(source) == expected
    words = "password passwd pwd dx diag icd ab ad fromx y single version ver build revision rev verb"
    for word in words.split():
        assert bool(re.fullmatch(source, word)) == bool(re.fullmatch(expected, word))


@pytest.mark.parametrize(
    ("text", "key"),
    [("password=", "password"), ("db_password=", "_password"), ("x-api-key=", "-api-key"), ("clientSecret=", "tSecret"),
     ("PGPASSWORD=", "GPASSWORD"), ("Password=", "Password"), ("monkey=", None), ("mypassword=", None)],
)  # fmt: skip
def test_key_name_starts_where_a_name_part_starts(text: str, key: str | None) -> None:
    pattern = key_name("password", "secret", "api[_-]?key", "key")
    match = re.search(pattern, text)
    assert (match.group(0) if match else None) == key


def test_keyed_masks_only_the_value_and_matches_keys_in_any_case() -> None:
    detector = Detector(name="t", entity="T", pattern=keyed(r"passport(?:[ _-]?(?:no|number))?\.?", r"[0-9]{9}\b"))
    for text in ("Passport No. 123456789", '{"PASSPORT_NUMBER": "123456789"}', "passport is 123456789"):
        assert [v for _, _, v in detector.find(text)] == ["123456789"]
    assert detector.find("passport 12345678") == []
    polars = pl.Series(['{"passport_number": "123456789"}']).str.extract_all(detector.polars_pattern).item()
    assert polars.to_list() == ['passport_number": "123456789']


def test_word_forms() -> None:
    assert word_forms("St", "Street") == "STREET|Street|ST|St"


def test_a_branch_without_value_keeps_its_match_unmasked() -> None:
    """Context that rules a candidate out (a version pin, a URL after `-u`) is matched by a branch placed first
    and holding no `value` group: Detector.find skips the empty value, and the later branch never runs there."""
    detector = Detector(name="t", entity="T", pattern=r"==[0-9.]+|\b(?P<value>[0-9]+(?:\.[0-9]+){3})\b")
    assert detector.find("pin==1.2.3.4") == []
    assert [v for _, _, v in detector.find("host 10.0.0.1")] == ["10.0.0.1"]
    polars = pl.Series(["pin==1.2.3.4 host 10.0.0.1"]).str.extract_all(detector.polars_pattern).item()
    assert polars.to_list() == ["==1.2.3.4", "10.0.0.1"]  # both are candidates; only one has a value
