"""Pure checks and normalizers for detector candidates.

A regex proposes; a validator decides. Each validator takes the sensitive part exactly as matched (with its
spaces or dashes) and never raises: a malformed candidate is simply not sensitive.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import re
from urllib.parse import unquote

# ---- normalizers ----------------------------------------------------------------------------------------


def digits_only(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def phone_digits(value: str) -> str:
    """Digits, with the leading ``+`` kept: ``+1 415-555-0100`` and ``+14155550100`` are one number."""
    digits = digits_only(value)
    return "+" + digits if value.lstrip().startswith("+") else digits


def lowercase(value: str) -> str:
    return value.lower()


def url_decoded_lowercase(value: str) -> str:
    """Percent-decoded, then lowercase: ``Jane%40Example.com``, ``jane%40example.com`` and ``jane@example.com``
    are one address. ``+`` stays a plus (``unquote``, not ``unquote_plus``): in an address it is a sub-address."""
    return unquote(value).lower()


def strip_spaces(value: str) -> str:
    return "".join(value.split())


def iban_compact(value: str) -> str:
    return strip_spaces(value).upper()


def ipv6_canonical(value: str) -> str:
    """The compressed lowercase form, so ``2001:0DB8::1`` and ``2001:db8::1`` get one token."""
    try:
        return str(ipaddress.IPv6Address(value))
    except ValueError:
        return value.lower()


# ---- checksums ------------------------------------------------------------------------------------------


def luhn(value: str) -> bool:
    """Luhn mod-10 check over the digits; spaces and dashes are ignored, any other character fails."""
    digits = value.replace(" ", "").replace("-", "")
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_number_valid(value: str) -> bool:
    """13 to 19 digits (payment card lengths) passing Luhn."""
    return 13 <= len(digits_only(value)) <= 19 and luhn(value)


# Countries that issue IBANs (SWIFT registry): a random uppercase id rarely starts with one *and* passes
# mod-97.
_IBAN_COUNTRIES = frozenset(
    {
        "AD", "AE", "AL", "AT", "AZ", "BA", "BE", "BG", "BH", "BI", "BR", "BY", "CH", "CR", "CY", "CZ", "DE",
        "DJ", "DK", "DO", "EE", "EG", "ES", "FI", "FK", "FO", "FR", "GB", "GE", "GI", "GL", "GR", "GT", "HN",
        "HR", "HU", "IE", "IL", "IQ", "IS", "IT", "JO", "KW", "KZ", "LB", "LC", "LI", "LT", "LU", "LV", "LY",
        "MC", "MD", "ME", "MK", "MN", "MR", "MT", "MU", "NI", "NL", "NO", "OM", "PK", "PL", "PS", "PT", "QA",
        "RO", "RS", "RU", "SA", "SC", "SD", "SE", "SI", "SK", "SM", "SO", "ST", "SV", "TL", "TN", "TR", "UA",
        "VA", "VG", "XK", "YE",
    }
)  # fmt: skip
# ISO 13616 IBAN length per country (SWIFT IBAN registry): fixes how many groups of four a printed IBAN
# has and how long its last group is, so the pattern can take letters anywhere in the BBAN without running
# on into the next word.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29,
    "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    "YE": 30,
}  # fmt: skip
_IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")


def iban_mod97(value: str) -> bool:
    """ISO 13616: known country, 15-34 characters, and the rearranged number is 1 modulo 97."""
    iban = iban_compact(value)
    if not _IBAN_SHAPE.fullmatch(iban) or iban[:2] not in _IBAN_COUNTRIES:
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


# ---- identifiers ----------------------------------------------------------------------------------------

_SSN = re.compile(r"([0-9]{3})-?([0-9]{2})-?([0-9]{4})")


def ssn_valid(value: str) -> bool:
    """SSA rules: area 000, 666 and 900-999 are never issued, nor group 00 or serial 0000."""
    match = _SSN.fullmatch(value.strip())
    if match is None:
        return False
    area, group, serial = match.groups()
    return area != "000" and area != "666" and area[0] != "9" and group != "00" and serial != "0000"


def ipv4_valid(value: str) -> bool:
    """Four decimal octets 0-255; a leading zero (``010``) is refused: some parsers read it as octal."""
    parts = value.split(".")
    if len(parts) != 4:
        return False
    for part in parts:
        if not (part.isascii() and part.isdigit()) or len(part) > 3 or (len(part) > 1 and part[0] == "0"):
            return False
        if int(part) > 255:
            return False
    return True


def ipv6_valid(value: str) -> bool:
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def _b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def jwt_valid(value: str) -> bool:
    """Three base64url parts whose header decodes to a JSON object naming its ``alg``."""
    parts = value.split(".")
    if len(parts) != 3 or not all(parts):
        return False
    try:
        header = json.loads(_b64url_decode(parts[0]))
    except (binascii.Error, ValueError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return False
    return isinstance(header, dict) and "alg" in header


# ---- secrets in key=value form --------------------------------------------------------------------------

# Values that stand in for a secret rather than being one: templates, env references, masks, empty markers.
# Weak real passwords (``password``, ``changeme``) are not on the list: they are still passwords.
_PLACEHOLDER = re.compile(
    r"\$\{[^}]*\}|(?-i:\$[A-Z_][A-Z0-9_]*)|\{\{.*\}\}|\{[^}]*\}|<[^>]*>|\[[^\]]*\]|%\(?[a-z_]*\)?s"
    r"|[*x.•]+|null|none|nil|undefined|true|false|empty|redacted|masked|hidden|placeholder|todo|tbd|n/?a"
    r"|your[_-].*|.*[_-]here",
    re.IGNORECASE,
)


def not_placeholder(value: str) -> bool:
    """True unless ``value`` is a template, a mask or an empty marker (``${API_KEY}``, ``***``, ``null``)."""
    value = value.strip()
    return bool(value) and _PLACEHOLDER.fullmatch(value) is None


# A value blanked out in groups, as documentation and masked logs write keys: `xxxx-xxxx-xxxx`, `****-****`,
# `XXXX_XXXX_XXXX`. (A single run, `xxxx` or `****`, is already a placeholder.)
_GROUPED_FILLER = re.compile(r"[*x\u2022#]+(?:[-_ :/.][*x\u2022#]+)+", re.IGNORECASE)


def not_filler(value: str) -> bool:
    """``not_placeholder``, and not a value blanked out in groups (``xxxx-xxxx-xxxx``)."""
    return not_placeholder(value) and _GROUPED_FILLER.fullmatch(value.strip()) is None


def credential_valid(value: str) -> bool:
    """A token-like value: not a placeholder and not a plain word (``Authorization: required``).

    Issued tokens mix cases or digits; a value that is only lowercase, only uppercase or Capitalized letters
    is prose or a scheme name.
    """
    if not not_placeholder(value):
        return False
    return not (value.isalpha() and (value.islower() or value.isupper() or value.istitle()))


def credential_not_filler(value: str) -> bool:
    """``credential_valid``, and not a value blanked out in groups (``Bearer xxxx-xxxx-xxxx``)."""
    return credential_valid(value) and not_filler(value)


def token_like(value: str) -> bool:
    """An issued token rather than documentation filler: not a placeholder, and its last 20 characters (the
    random part, after any vendor prefix) are not one or two characters repeated (``hf_xxxxxxxx...``,
    ``T00000000/B00000000/XXXXXXXX`` in vendors' docs). Test fixtures' ``Zq8Zq8...`` still counts."""
    return not_placeholder(value) and len(set(value[-20:])) >= 3


# ---- passwords written in more shapes --------------------------------------------------------------------

_PROSE_END = (".", "?", ":")


def quoted_password_valid(value: str) -> bool:
    """A quoted value that may hold spaces (``"correct horse battery staple"``): not a placeholder, and not a
    sentence (``"This field is required."``, more than five words): a message in a ``password`` field is no
    password."""
    if not not_filler(value):
        return False
    words = value.split()
    return len(words) == 1 or (len(words) <= 5 and not value.rstrip().endswith(_PROSE_END))


def password_like(value: str) -> bool:
    """After weaker keys (``pass:``, ``pw=``, ``the password is``): ``credential_not_filler`` (not a plain word,
    ``pass: ok``, ``password is required``), and not a short count (``pass: 120 fail: 3``)."""
    return credential_not_filler(value) and not (value.isdigit() and len(value) < 6)


def pgpass_password_valid(value: str) -> bool:
    """The last field of a ``.pgpass`` line, not four hex digits closing an IPv6 address."""
    return not_filler(value) and not (len(value) <= 4 and all(c in "0123456789abcdefABCDEF" for c in value))


_DATE_SHAPED = re.compile(r"[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4}")


def phone_in_context_valid(value: str) -> bool:
    """Digits after a phone key: 7 to 15 of them (E.164; after any ``00``), not written as a date."""
    digits = digits_only(value)
    return 7 <= len(digits.removeprefix("00")) <= 15 and _DATE_SHAPED.fullmatch(value.strip()) is None


def ssn_digits_valid(value: str) -> bool:
    """``ssn_valid`` for nine digits written with any separators (``536 22 1234``, ``536.22.1234``)."""
    digits = digits_only(value)
    return len(digits) == 9 and ssn_valid(digits)
