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
     ("licen[cs]e", "[lL][iI][cC][eE][nN][cCsS][eE]"), ("[a-z_ ]", "[a-zA-Z_ ]"), ("[^a]", "[^aA]"), ("#1", "#1")],
)  # fmt: skip
def test_nocase(source: str, expected: str) -> None:
    assert nocase(source) == expected


def test_nocase_refuses_other_groups() -> None:
    with pytest.raises(ValueError):
        nocase("(?P<value>x)")


@pytest.mark.parametrize(
    ("source", "expected"),
    [("password|passwd|pwd", "p(?:assword|asswd|wd)"), ("(?:dx|diag|icd)", "d(?:x|iag)|icd"),
     ("a(?:b|c)|ad", "a(?:(?:b|c)|d)"), ("(?:from|to)x|y", "(?:from|to)x|y"), ("single", "single")],
)  # fmt: skip
def test_by_first_letter(source: str, expected: str) -> None:
    assert by_first_letter(source) == expected
    for word in ("password", "passwd", "pwd", "dx", "diag", "icd", "ab", "ad", "fromx", "y", "single"):
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
