"""Contact details: email addresses and phone numbers."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.validators import lowercase, phone_digits

# The local part is bounded at 64 characters (RFC 5321) so Python's backtracking stays linear on long
# runs of word characters; the domain needs a dot and an alphabetic TLD, so `user@localhost` and
# `pkg@1.2.3` are not addresses.
EMAIL = Detector(
    name="email",
    entity="EMAIL",
    pattern=r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b",
    normalize=lowercase,
    context=("email", "e-mail", "mail", "contact", "address"),
    examples=(
        "jane.doe@example.com",
        "JANE.DOE+billing@Example.ORG",
        "j_o-e%1@mail.example.co.uk",
        "x@example.io",
    ),
    near_misses=(
        "user@localhost",
        "@example.com",
        "jane.doe@",
        "pkg@1.2.3",
        "user at example dot com",
        "<EMAIL:5f2a9c1e>",
        "image@sha256:9f86d081884c7d65",
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
        "+49 30 901820",
        "+33 1 09 75 83 51",
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
