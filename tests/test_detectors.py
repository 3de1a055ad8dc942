"""Detector tables: documented fake examples, near misses, hard negatives, validators, Polars parity."""

from __future__ import annotations

import hashlib
import re

import polars as pl
import pytest

from masking.detectors import DETECTORS, Detector, default_detectors
from masking.detectors import validators as v
from masking.errors import UnknownNameError

DETECTOR_LIST = default_detectors()
BY_NAME = {d.name: d for d in DETECTOR_LIST}
COMBINED = "|".join(f"(?:{d.polars_pattern})" for d in DETECTOR_LIST)
ENTITIES = {
    "EMAIL", "PHONE", "US_SSN", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "JWT",
    "PRIVATE_KEY", "PASSWORD", "BEARER_TOKEN",
}  # fmt: skip
PRIORITY = [
    "private_key", "jwt", "url_credentials", "authorization_header", "bearer_token", "password", "api_token",
    "aws_access_key", "github_token", "email", "iban", "credit_card", "us_ssn", "phone", "ipv6", "ipv4",
]  # fmt: skip


def _has_value_group(detector: Detector) -> bool:
    return "value" in re.compile(detector.pattern).groupindex


def _params(attribute: str) -> list[object]:
    return [
        pytest.param(d, text, id=f"{d.name}-{i}")
        for d in DETECTOR_LIST
        for i, text in enumerate(getattr(d, attribute))
    ]


# The sensitive part expected for each example of a detector that keeps its context (key=value, headers).
VALUE_OF = {
    "postgresql://app:s3cr3t-Pa55@db.internal:5432/prod": "s3cr3t-Pa55",
    "redis://:hunter2hunter2@cache:6379/0": "hunter2hunter2",
    "https://deploy:ghp-not-a-token@git.example.com/org/repo.git": "ghp-not-a-token",
    "Authorization: Bearer 9f8e7d6c5b4a39281716aBcDeF": "9f8e7d6c5b4a39281716aBcDeF",
    'curl -H "Authorization: Basic dXNlcjpwYXNz" https://api.example.com': "dXNlcjpwYXNz",
    "{'Authorization': 'Token 0123abcdEFGH4567'}": "0123abcdEFGH4567",
    '"authorization":"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln"':
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln",
    "Bearer 9f8e7d6c5b4a39281716aBcDeF": "9f8e7d6c5b4a39281716aBcDeF",
    "bearer abcDEF1234567890xyz": "abcDEF1234567890xyz",
    "Bearer dGhpcyBpcyBhIGZha2UgdG9rZW4=": "dGhpcyBpcyBhIGZha2UgdG9rZW4=",
    "password=hunter2": "hunter2",
    "user=bob password=Tr0ub4dor!3x": "Tr0ub4dor!3x",
    '{"password": "correct-horse"}': "correct-horse",
    "DB_PASSWORD: s3cr3t!": "s3cr3t!",
    "client_secret = 'AbC123xYz'": "AbC123xYz",
    '{\\"passwd\\": \\"qwerty123\\"}': "qwerty123",
    "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY":
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "Server=db;Uid=sa;Pwd=P@ssw0rd;": "P@ssw0rd",
    "login?user=bob&password=letmein42&next=/": "letmein42",
    "api_key=sk_test_4eC39HqLyjWDarjtT1zdp7dc": "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    '{"apiKey": "AIzaSyA-fake-0123456789"}': "AIzaSyA-fake-0123456789",
    "X-API-Key: 0123456789abcdefABCDEF": "0123456789abcdefABCDEF",
    "access_token=ya29.a0AfH6SMBfake123": "ya29.a0AfH6SMBfake123",
    "refresh_token: 1//0gFakeRefreshToken99": "1//0gFakeRefreshToken99",
    '"token": "tok_9f8e7d6c5b4a"': "tok_9f8e7d6c5b4a",
}  # fmt: skip

HARD_NEGATIVES = [
    "3f2b8c1e-9a4d-4e2f-8b1a-2c3d4e5f6a7b",
    "123e4567-e89b-12d3-a456-426614174000",
    "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
    hashlib.sha256(b"maskline").hexdigest(),
    "sha256:" + hashlib.sha256(b"image").hexdigest(),
    "2026-11-27T18:48:11Z",
    "2026-11-27 18:48:11.123456+00:00",
    "2026-11-27",
    "11/27/2026",
    "27.11.2026",
    "18:48:11",
    "v1.2.3",
    "3.8.18",
    "2.1.0-rc.1",
    "1234 ms",
    "latency_ms=1234",
    '"prompt_tokens": 1234, "completion_tokens": 56, "total_tokens": 1290',
    "max_tokens=4096",
    "ORD-2026-000123",
    "TCK-01234",
    "<EMAIL:5f2a9c1e>",
    "<PHONE:12345678>",
    "<PERSON:00000000>",
    "<PASSWORD:5f2a9c1e>",
    "<BEARER_TOKEN:0badc0de>",
    "<GITHUB_TOKEN:12345678>",
    "9f86d081884c7d65",
    "gpt-4o-2024-08-06",
    "claude-3-5-sonnet-20241022",
    "1732733291",
    "1732733291123",
    "${API_KEY}",
    "<your-key>",
    "chatcmpl-AbC123xyzDEF456ghiJKL789mnoPQ",
    "std::vector<int> and Foo::Bar::baz",
    "HTTP/1.1 200 OK",
]


# ---- the catalog ----------------------------------------------------------------------------------------


def test_priority_order() -> None:
    assert [d.name for d in DETECTOR_LIST] == PRIORITY


def test_registry_holds_every_default_detector() -> None:
    assert DETECTORS.names() == sorted(PRIORITY)
    assert all(DETECTORS.get(d.name) is d for d in DETECTOR_LIST)


def test_registry_suggests_a_close_name() -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'email'"):
        DETECTORS.get("emial")


@pytest.mark.parametrize("detector", DETECTOR_LIST, ids=lambda d: d.name)
def test_detector_is_documented(detector: Detector) -> None:
    assert detector.entity in ENTITIES
    assert detector.examples and detector.near_misses and detector.context


@pytest.mark.parametrize("detector", DETECTOR_LIST, ids=lambda d: d.name)
def test_pattern_uses_the_shared_regex_subset(detector: Detector) -> None:
    for construct in ("(?=", "(?!", "(?<=", "(?<!", "(?>", "(?P=", "*+", "++", "?+"):
        assert construct not in detector.pattern
    assert not re.search(r"\\[1-9]", detector.pattern)
    pl.Series(["x"]).str.contains(detector.polars_pattern)  # raises if Rust's regex rejects it


def test_combined_alternation_compiles_in_polars() -> None:
    assert pl.Series(["mail jane.doe@example.com"]).str.contains(COMBINED).item()


# ---- examples and near misses ---------------------------------------------------------------------------


@pytest.mark.parametrize(("detector", "example"), _params("examples"))
def test_example_is_found(detector: Detector, example: str) -> None:
    expected = VALUE_OF[example] if _has_value_group(detector) else example
    assert [value for _, _, value in detector.find(example)] == [expected]


@pytest.mark.parametrize(("detector", "example"), _params("examples"))
def test_example_is_found_inside_a_log_line(detector: Detector, example: str) -> None:
    expected = VALUE_OF[example] if _has_value_group(detector) else example
    line = f"2026-11-27T18:48:11Z INFO req=ORD-2026-000123 {example}\n"
    start = line.index(example) + example.index(expected)
    assert detector.find(line) == [(start, start + len(expected), expected)]


@pytest.mark.parametrize(("detector", "text"), _params("examples") + _params("near_misses"))
def test_polars_matches_like_python(detector: Detector, text: str) -> None:
    """Rust's regex (ASCII boundaries, no named groups) must cut the same candidates as Python's ``re``."""
    text = f"seen: {text}"
    python = [m.group(0) for m in re.finditer(detector.pattern, text)]
    polars = pl.Series([text]).str.extract_all(detector.polars_pattern).item().to_list()
    assert polars == python


@pytest.mark.parametrize(("detector", "near_miss"), _params("near_misses"))
def test_near_miss_is_not_found(detector: Detector, near_miss: str) -> None:
    assert detector.find(near_miss) == []


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negative_is_found_by_no_detector(text: str) -> None:
    assert {d.name: d.find(text) for d in DETECTOR_LIST if d.find(text)} == {}


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negative_is_not_even_a_polars_candidate(text: str) -> None:
    """No candidate reaches Python: the scanner's cost stays in the regex engine."""
    assert pl.Series([text]).str.extract_all(COMBINED).item().to_list() == []


# ---- the combined alternation: which detector wins -----------------------------------------------------

_JWT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln"
_PEM = BY_NAME["private_key"].examples[0]


def _winners(text: str) -> list[tuple[str, str]]:
    """(detector, value) per Polars candidate, the way the scanner resolves it: first detector wins."""
    found = []
    for candidate in pl.Series([text]).str.extract_all(COMBINED).item().to_list():
        for detector in DETECTOR_LIST:
            spans = detector.find(candidate)
            if spans:
                found.append((detector.name, spans[0][2]))
                break
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"private_key": "' + _PEM.replace("\n", "\\n") + '"}',
            [("private_key", _PEM.replace("\n", "\\n"))],
        ),
        (f'curl -H "Authorization: Bearer {_JWT}"', [("jwt", _JWT)]),
        ("dsn=postgresql://app:s3cr3t@db.internal/prod", [("url_credentials", "s3cr3t")]),
        ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", [("aws_access_key", "AKIAIOSFODNN7EXAMPLE")]),
        ("uses token ghp_" + "Ex4mpleT0ken" * 3, [("github_token", "ghp_" + "Ex4mpleT0ken" * 3)]),
        ("client ::ffff:10.0.0.1 connected", [("ipv4", "10.0.0.1")]),
        ("via 64:ff9b::192.0.2.33", [("ipv6", "64:ff9b::192.0.2.33")]),
        ("call +4915112345678 now", [("phone", "+4915112345678")]),
        ("db at 127.0.0.1:5432", [("ipv4", "127.0.0.1")]),
        (
            "user=bob password=Abc123xyz!9 mail bob@example.com card 4111 1111 1111 1111",
            [
                ("password", "Abc123xyz!9"),
                ("email", "bob@example.com"),
                ("credit_card", "4111 1111 1111 1111"),
            ],
        ),
    ],
)
def test_combined_alternation_priority(text: str, expected: list[tuple[str, str]]) -> None:
    assert _winners(text) == expected


# ---- validators and normalizers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ok"),
    [("4111111111111111", True), ("4111 1111 1111 1111", True), ("4111-1111-1111-1112", False),
     ("79927398713", True), ("79927398710", False), ("", False), ("4111x1111", False), ("٤١١١١١١١", False)],
)  # fmt: skip
def test_luhn(value: str, ok: bool) -> None:
    assert v.luhn(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("4111111111111111", True), ("4222222222222", True), ("42", False), ("41111111111111111111", False)],
)
def test_card_number_valid(value: str, ok: bool) -> None:
    assert v.card_number_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("GB82 WEST 1234 5698 7654 32", True), ("gb82west12345698765432", True),
     ("DE89370400440532013000", True), ("GB82WEST12345698765433", False),
     ("ZZ82WEST12345698765432", False), ("GB82WEST", False), ("GB82-WEST-1234-5698-7654-32", False)],
)  # fmt: skip
def test_iban_mod97(value: str, ok: bool) -> None:
    assert v.iban_mod97(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("123-45-6789", True), ("123456789", True), ("899-01-0001", True), ("000-45-6789", False),
     ("666-45-6789", False), ("900-45-6789", False), ("999-45-6789", False), ("123-00-6789", False),
     ("123-45-0000", False), ("12-345-6789", False)],
)  # fmt: skip
def test_ssn_valid(value: str, ok: bool) -> None:
    assert v.ssn_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("0.0.0.0", True), ("255.255.255.255", True), ("192.168.1.1", True), ("256.1.1.1", False),
     ("1.2.3", False), ("01.2.3.4", False), ("1.2.3.4.5", False), ("a.b.c.d", False), ("1..2.3", False)],
)  # fmt: skip
def test_ipv4_valid(value: str, ok: bool) -> None:
    assert v.ipv4_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2001:db8::1", True), ("::1", True), ("64:ff9b::192.0.2.33", True), ("1:2:3:4:5:6:7:8", True),
     ("1:2:3:4:5:6:7", False), ("2001:db8::1::2", False), ("12345::1", False), ("18:48:11", False)],
)  # fmt: skip
def test_ipv6_valid(value: str, ok: bool) -> None:
    assert v.ipv6_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [(BY_NAME["jwt"].examples[0], True), (_JWT, True), ("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2ln", False),
     ("bm90IGpzb24.eyJzdWIiOiIxIn0.c2ln", False), ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.", False),
     ("eyJhbGciOiJub25lIn0", False), ("W10.e30.c2ln", False), ("e!!.a.b", False)],
)  # fmt: skip
def test_jwt_valid(value: str, ok: bool) -> None:
    assert v.jwt_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("hunter2", True), ("$ecret", True), ("password", True), ("${DB_PASSWORD}", False),
     ("$DB_PASSWORD", False), ("<your-key>", False), ("***", False), ("xxxx", False), ("null", False),
     ("None", False), ("", False), ("[REDACTED]", False), ("{{ vault_password }}", False),
     ("%(password)s", False), ("YOUR_API_KEY", False), ("insert-key-here", False)],
)  # fmt: skip
def test_not_placeholder(value: str, ok: bool) -> None:
    assert v.not_placeholder(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("dXNlcjpwYXNz", True), ("tok_9f8e7d6c5b4a", True), ("understanding", False), ("Negotiate", False),
     ("REQUIRED", False), ("${TOKEN}", False)],
)  # fmt: skip
def test_credential_valid(value: str, ok: bool) -> None:
    assert v.credential_valid(value) is ok


@pytest.mark.parametrize(
    ("name", "raw", "normalized"),
    [("email", "JANE.DOE+billing@Example.ORG", "jane.doe+billing@example.org"),
     ("phone", "+1 (415) 555-0100", "+14155550100"), ("phone", "(415) 555-0100", "4155550100"),
     ("credit_card", "4111-1111 1111-1111", "4111111111111111"), ("us_ssn", "123-45-6789", "123456789"),
     ("iban", "gb82 west 1234 5698 7654 32", "GB82WEST12345698765432"),
     ("ipv6", "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"), ("ipv4", "10.0.0.1", "10.0.0.1")],
)  # fmt: skip
def test_normalize(name: str, raw: str, normalized: str) -> None:
    assert BY_NAME[name].normalize(raw) == normalized


def test_small_normalizers() -> None:
    assert v.digits_only("+1 (415) 555-0100") == "14155550100"
    assert v.lowercase("AbC") == "abc"
    assert v.strip_spaces(" GB82 WEST\t12 ") == "GB82WEST12"
    assert v.ipv6_canonical("not-an-address") == "not-an-address"
