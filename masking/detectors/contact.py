"""Contact details: email addresses and phone numbers."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.patterns import KEY_START, SEPARATOR, nocase
from masking.detectors.validators import digits_only, phone_digits, phone_in_context_valid, url_decoded_lowercase

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
#   written `(415) 555-0100`, `415-555-0100`, `415.555.0100` or `415 555 0100`. After an area code in
#   parentheses the exchange may be any digits: `(555) 123-4567` is how fictional and test numbers are written,
#   and the parenthesized area code alone says phone.
# Either may end in an extension (`ext. 123`, `x123`, `#123`), masked with the number.
_EXTENSION = rf"(?:[ ]?(?:{nocase('ext(?:ension)?')}\.?|x|#)[ ]?[0-9]{{1,6}})?"
_INTERNATIONAL = rf"\+[0-9](?:(?:[-. ]|[ ]?\(|\)[ ]?)?[0-9]){{7,14}}{_EXTENSION}\b"
_NANP = (
    r"(?:\b(?:00)?1[-. ])?(?:\([2-9][0-9]{2}\)[ ]?[0-9]|\b[2-9][0-9]{2}[-. ][2-9])[0-9]{2}[-. ][0-9]{4}"
    rf"{_EXTENSION}\b"
)

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
        "(415) 555-0100 ext. 123",
        "415-555-0100 x123",
        "+1 415 555 0100 Ext 12",
        "001 415 555 0100",
        "+55 11 91234-5678",
        "+91 98765 43210",
        "+81 3-1234-5678",
        "+7 (495) 123-45-67",
        "(555) 123-4567",
    ),
    near_misses=(
        "+1234567",
        "415-555-0100x",
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


def _clock_time(group: str) -> bool:
    return len(group) == 4 and int(group[:2]) < 24 and int(group[2:]) < 60


def national_phone_valid(value: str) -> bool:
    """9 to 15 digits after any ``00``: fewer is a time range (``0900 1700``), more an id. Groups that are all
    24-hour clock times (``0830 1200 1330``) are a schedule."""
    digits = digits_only(value)
    groups = value.replace("-", " ").split()
    if len(groups) > 2 and all(g.isdigit() and _clock_time(g) for g in groups):
        return False
    return 9 <= len(digits.removeprefix("00")) <= 15


# Written with spaces as in the UK, France and Germany, always with a leading 0 (trunk prefix) or 00
# (international prefix), so dates, times, versions and bare digit runs never qualify:
# - UK: `020 7946 0958`, `(020) 7946 0958`, `0161 496 0000`, `07700 900123`, `01632 960000`;
# - France: `01 23 45 67 89`, `01.23.45.67.89`;
# - Germany: `030 901820`, `030/901820`, `0170 1234567`;
# - international with 00: `0049 30 901820`, `0033 1 23 45 67 89`.
_UK = r"(?:\b0|\(0)(?:2[0-9]\)? [0-9]{4} [0-9]{4}|[13589][0-9]{2}\)? [0-9]{3} [0-9]{4}|[1-9][0-9]{3}\)? [0-9]{6})\b"
_FR = r"\b0[1-9](?:(?: [0-9]{2}){4}|(?:\.[0-9]{2}){4}|(?:-[0-9]{2}){4})\b"
_DE = r"\b0[1-9][0-9]{0,4}(?: ?/ ?| |-)[0-9]{4,8}\b"
# Outside Europe, with the same trunk 0 and the validator's 9 to 15 digits:
# - Japan: `03-1234-5678`, `090-1234-5678`, `0120-123-456`;
# - Australia: `0412 345 678`, `(02) 9876 5432`;
# - Brazil (no trunk 0 written, so only the dashed subscriber number): `(11) 91234-5678`, `(21) 3456-7890`.
_JP = r"\b0[1-9][0-9]{0,3}-[0-9]{2,4}-[0-9]{3,4}\b"
_AU = r"\b0[1-9][0-9]{2} [0-9]{3} [0-9]{3}\b|\(0[1-9]\) ?[0-9]{4}[ -]?[0-9]{4}\b"
_BR = r"\([1-9][0-9]\) ?9?[0-9]{4}-[0-9]{4}\b"
_00 = r"\b00[1-9][0-9]{0,2}(?: [0-9]{1,4}){1,4} [0-9]{2,8}\b"

PHONE_EUROPE = Detector(
    name="phone_europe",
    entity="PHONE",
    pattern=f"{_00}|{_JP}|{_AU}|{_BR}|{_UK}|{_FR}|{_DE}",
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
        "030-12345678",
        "0151 23456789",
        "06-12345678",
        "06-12-34-56-78",
        "03-1234-5678",
        "090-1234-5678",
        "0412 345 678",
        "(02) 9876 5432",
        "(11) 91234-5678",
        "(21) 3456-7890",
    ),
    near_misses=(
        "0900 1700",
        "Mon-Fri 0900-1700",
        "slots 0830 1200 1330",
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
        "05-11-2026",
        "01-02-03",
        "0001-01-01",
        "(10) 2026-11-27",
        "v0.12.3-1234",
    ),
)

# Digits right after a phone key, in the shapes no rule above takes: undivided (`phone: 4155550100`,
# `mobile: 07700900123`), national forms without a trunk 0 (`tel: 612 345 678`) and `tel:` URIs.
_PHONE_KEYS = (
    r"(?:(?:mobile|cell|home|work|office|contact|primary)[ _-]?)?"
    r"(?:phone|tel(?:ephone)?|mobile|cell|fax|whatsapp|mob)(?:[ _-]?(?:no|num(?:ber)?|#))?\.?"
    r"|(?:call|text|reach|ring|dial|sms)(?: (?:me|us))? (?:at|on)|(?:my|our) (?:number|digits)"
)

PHONE_IN_CONTEXT = Detector(
    name="phone_in_context",
    entity="PHONE",
    pattern=(
        rf"(?:\b{nocase('tel')}:|{KEY_START}(?:{nocase(_PHONE_KEYS)}){SEPARATOR})"
        r"(?P<value>\+?[0-9](?:[ ./-]?[0-9]|[ ]?\([0-9]+\)[ ]?[0-9])*)"
    ),
    validator=phone_in_context_valid,
    normalize=phone_international,
    context=PHONE.context,
    examples=(
        "phone: 4155550100",
        "mobile: 07700900123",
        '"phoneNumber": "0612345678"',
        "tel: 612 345 678",
        "Tel. 0612345678",
        "tel:0612345678",
        "contact_phone=919876543210",
        "call me at 4155550100",
        "text us on 07700900123",
        "my number is 07700900123",
    ),
    near_misses=(
        "phone: 12345",
        "phone: 2026-11-27",
        "cell: 27.11.2026",
        "phone: 1732733291123456789",
        "phone: <PHONE:12345678>",
        "telemetry: 4155550100",
        "fax: n/a",
        "call me at 10",
        "reach us on 2026-11-27",
        "my number is 42",
    ),
)
