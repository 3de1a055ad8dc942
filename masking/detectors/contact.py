"""Contact details: email addresses and phone numbers."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.validators import digits_only, phone_digits, url_decoded_lowercase

# The domain needs a dot and an alphabetic TLD, so `user@localhost` and `pkg@1.2.3` are not addresses. The
# address may only start where a run of local-part characters starts (the character before it is matched, not
# masked): with `\b`, a new attempt would start after every dot or dash inside the run, which costs Python's
# backtracking quadratic time on long dotted runs without a bound, and Polars' lazy DFA a state per count with
# one (see patterns.py).
# The `@` may be percent-encoded, as in query strings and access logs (`?email=jane.doe%40example.com`;
# `%2B` for `+` is already a local-part character); the normalizer decodes it, so both spellings of one
# address get one pseudonym.
EMAIL = Detector(
    name="email",
    entity="EMAIL",
    pattern=(
        r"(?:^|[^A-Za-z0-9._%+-])[._%+-]*"
        r"(?P<value>[A-Za-z0-9][A-Za-z0-9._%+-]*(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b)"
    ),
    normalize=url_decoded_lowercase,
    context=("email", "e-mail", "mail", "contact", "address"),
    examples=(
        "jane.doe@example.com",
        "JANE.DOE+billing@Example.ORG",
        "j_o-e%1@mail.example.co.uk",
        "x@example.io",
        "jane.doe+shop%40example.co.uk",
        "jane.doe%2Bshop%40Example.ORG",
    ),
    near_misses=(
        "user@localhost",
        "@example.com",
        "jane.doe@",
        "pkg@1.2.3",
        "user at example dot com",
        "<EMAIL:5f2a9c1e>",
        "image@sha256:9f86d081884c7d65",
        "user%40localhost",
        "%40example.com",
        "50%40 off",
        "pkg%401.2.3",
    ),
)

# Two shapes, both anchored on separators so bare digit runs (epoch seconds, ids) never qualify:
# - international: `+` then 8 to 15 digits with at most one separator (space, dash, dot or a parenthesis)
#   between digits (E.164 allows 15 digits);
# - North American: optional `1-`, area code and exchange starting 2-9 (NANP never issues 0 or 1 there),
#   written `(415) 555-0100`, `415-555-0100`, `415.555.0100` or `415 555 0100`.
_INTERNATIONAL = r"\+[0-9](?:(?:[-. ]|[ ]?\(|\)[ ]?)?[0-9]){7,14}\b"
_NANP = r"(?:\b1[-. ])?(?:\([2-9][0-9]{2}\)[ ]?|\b[2-9][0-9]{2}[-. ])[2-9][0-9]{2}[-. ][0-9]{4}\b"

PHONE = Detector(
    name="phone",
    entity="PHONE",
    pattern=f"{_INTERNATIONAL}|{_NANP}",
    normalize=phone_digits,
    context=("phone", "tel", "telephone", "mobile", "cell", "call", "fax", "sms", "whatsapp"),
    examples=(
        "+14155550100",
        "+1 415-555-0100",
        "+1 (415) 555-0100",
        "(415) 555-0100",
        "415-555-0100",
        "415.555.0100",
        "1-415-555-0100",
        "+44 20 7946 0958",
        "+44 7700 900123",
        "+49 30 901820",
        "+33 1 09 75 83 51",
        "+33 1 23 45 67 89",
    ),
    near_misses=(
        "+1234567",
        "555-0100",
        "123-456-7890",
        "415-555-010",
        "1732733291",
        "14155550100",
        "2026-11-27",
        "2026-11-27 18:48:11",
        "ORD-2026-000123",
        "3.8.18",
        "+00:00",
        "<PHONE:12345678>",
    ),
)


def phone_international(value: str) -> str:
    """Digits with a leading ``+``, also for the ``00`` prefix: ``0049 30 901820`` is ``+4930901820``."""
    digits = phone_digits(value)
    return "+" + digits[2:] if digits.startswith("00") else digits


def national_phone_valid(value: str) -> bool:
    """9 to 15 digits after any ``00``: fewer is a time range (``0900 1700``), more an id."""
    digits = digits_only(value)
    return 9 <= len(digits.removeprefix("00")) <= 15


# Written with spaces as in the UK, France and Germany, always with a leading 0 (trunk prefix) or 00
# (international prefix), so dates, times, versions and bare digit runs never qualify:
# - UK: `020 7946 0958`, `(020) 7946 0958`, `0161 496 0000`, `07700 900123`, `01632 960000`;
# - France: `01 23 45 67 89`, `01.23.45.67.89`;
# - Germany: `030 901820`, `030/901820`, `0170 1234567`;
# - international with 00: `0049 30 901820`, `0033 1 23 45 67 89`.
_UK = r"(?:\b0|\(0)(?:2[0-9]\)? [0-9]{4} [0-9]{4}|[13589][0-9]{2}\)? [0-9]{3} [0-9]{4}|[1-9][0-9]{3}\)? [0-9]{6})\b"
_FR = r"\b0[1-9](?:(?: [0-9]{2}){4}|(?:\.[0-9]{2}){4})\b"
_DE = r"\b0[1-9][0-9]{1,4}(?: ?/ ?| )[0-9]{4,8}\b"
_00 = r"\b00[1-9][0-9]{0,2}(?: [0-9]{1,4}){1,4} [0-9]{2,8}\b"

PHONE_EUROPE = Detector(
    name="phone_europe",
    entity="PHONE",
    pattern=f"{_00}|{_UK}|{_FR}|{_DE}",
    validator=national_phone_valid,
    normalize=phone_international,
    context=PHONE.context,
    examples=(
        "020 7946 0958",
        "(020) 7946 0958",
        "07700 900123",
        "0161 496 0000",
        "01632 960000",
        "01 23 45 67 89",
        "01.23.45.67.89",
        "030 901820",
        "030/901820",
        "0049 30 901820",
        "0033 1 23 45 67 89",
    ),
    near_misses=(
        "0900 1700",
        "01.02.2026",
        "05/11/2026 14:00",
        "2026-11-27 18:48:11",
        "00:00:05.123",
        "0.123 s",
        "007 12345",
        "07700900123",
        "v1.02.03.04",
        "TCK-01234",
        "ORD-2026-000123",
    ),
)
