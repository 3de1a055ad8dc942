"""Government identifiers: US SSN, US passport and driver's licence numbers, UK National Insurance numbers.

Adding a national id for one policy
-----------------------------------
A national id is one :class:`~masking.detectors.base.Detector`: a name, an entity, a pattern in the
Python/Rust shared subset, and at most one pure validator. When the id's shape alone is ambiguous (most are
digit runs), put the words that announce it in front with :func:`~masking.detectors.patterns.keyed`, so that
only the value is masked::

    from masking.detectors import Detector
    from masking.detectors.patterns import keyed
    from masking.detectors.validators import luhn

    CA_SIN = Detector(
        name="ca_sin",
        entity="CA_SIN",
        pattern=keyed(r"sin|social insurance(?: number)?", r"[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}\\b"),
        validator=luhn,
        context=("sin", "social insurance"),
        examples=("SIN: 046 454 286",),
        near_misses=("SIN: 046 454 287",),
    )

Pass it to the scanner with the built-ins (``TextScanner(default_detectors() + [CA_SIN], ...)``): anything
after the built-ins only gets spans they leave alone. In a pipeline config the same fields go under
``detection.detectors`` (name, entity, pattern with a ``(?P<value>...)`` group, a validator by name, context).
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.checksums import nino_valid
from masking.detectors.patterns import keyed
from masking.detectors.validators import digits_only, not_placeholder, ssn_digits_valid, ssn_valid, strip_spaces

# Dashed form only: nine bare digits are as likely an id or an amount, and telling them apart needs the
# surrounding words, which a single regex over a whole column does not have.
US_SSN = Detector(
    name="us_ssn",
    entity="US_SSN",
    pattern=r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b",
    validator=ssn_valid,
    normalize=digits_only,
    context=("ssn", "social security", "social", "taxpayer", "tin"),
    examples=(
        "123-45-6789",
        "536-22-1234",
        "001-01-0001",
        "899-99-9999",
    ),
    near_misses=(
        "000-12-3456",
        "666-12-3456",
        "900-12-3456",
        "999-12-3456",
        "123-00-4567",
        "123-45-0000",
        "123456789",
        "123-45-67890",
        "2026-11-27",
        "415-555-0100",
    ),
)

# Two prefix letters (never D F I Q U V; the second never O either), six digits, a suffix A-D; printed
# compact or in pairs. HMRC's own example, QQ 12 34 56 C, uses a prefix that is never issued.
UK_NINO = Detector(
    name="uk_nino",
    entity="UK_NINO",
    pattern=r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b",
    validator=nino_valid,
    normalize=strip_spaces,
    context=("national insurance", "nino", "ni number", "hmrc"),
    examples=("AB 12 34 56 C", "AB123456C", "JG 10 37 59 A", "ZX 98 76 54 D"),
    near_misses=("QQ 12 34 56 C", "GB 12 34 56 A", "TN123456A", "AB 12 34 56 E", "DA123456A", "AO123456B"),
)

_NUMBER_WORD = r"(?:[ _-]?(?:no|num(?:ber)?|#|id))?\.?"

# Nine digits, or a letter and eight digits (passports issued since 2021): only after the word passport.
US_PASSPORT = Detector(
    name="us_passport",
    entity="US_PASSPORT",
    pattern=keyed(rf"passport{_NUMBER_WORD}", r"(?:[0-9]{9}|[A-Za-z][0-9]{8})\b"),
    normalize=str.upper,
    context=("passport", "travel document", "state department"),
    examples=("passport no. 123456789", "Passport Number: A12345678", '"passport_number": "C03005988"'),
    near_misses=("passport: 12345678", "passport: expired", "passport no. 1234567890", "123456789"),
)


def licence_number_valid(value: str) -> bool:
    """5 to 20 characters (states issue 5 to 16, printed with dashes or spaces), at least two digits."""
    return not_placeholder(value) and 5 <= len(value) <= 20 and len(digits_only(value)) >= 2


# Each state has its own format (`A1234567`, `123 456 789`, `WDLABCD456DG`), so the shape is loose and the
# context strict: `driver's license`, `DL#`, `DL No.`. A bare `DL` is also a download or a distribution list.
US_DRIVER_LICENSE = Detector(
    name="us_driver_license",
    entity="US_DRIVER_LICENSE",
    pattern=keyed(
        rf"driver(?:'|’)?s?[ _-]?licen[cs]e{_NUMBER_WORD}|dl(?:#|[ _-]?(?:no|num(?:ber)?)\.?)",
        r"[A-Z0-9][A-Z0-9-]{2,}(?: [0-9]{3,4})*\b",
    ),
    validator=licence_number_valid,
    normalize=strip_spaces,
    context=("driver", "license", "licence", "dl", "dmv"),
    examples=(
        "driver's license: D1234567",
        "DL# 123 456 789",
        "Driver License No. A123-456-78-901-0",
        "DL No. WDLABCD456DG",
    ),
    near_misses=("driver's license: NONE", "DL: 45 ms", "dl=0", "driver license: pending", "DL# ${DL}"),
)


# After the words that announce it, an SSN is also written with spaces or dots, or as nine bare digits
# (`SSN: 536 22 1234`, `"ssn": "536221234"`, `Social Security No. 536.22.1234`). The last four digits alone
# (`ssn_last4: 1234`) are left readable: they identify no one without the rest.
US_SSN_IN_CONTEXT = Detector(
    name="us_ssn_in_context",
    entity="US_SSN",
    pattern=keyed(
        rf"ssn{_NUMBER_WORD}|ss#|social[ _-]?security(?:[ _-]?(?:no|num(?:ber)?|#))?\.?|tin",
        r"[0-9]{3}[ .-]?[0-9]{2}[ .-]?[0-9]{4}\b",
    ),
    validator=ssn_digits_valid,
    normalize=digits_only,
    context=US_SSN.context,
    examples=(
        "SSN: 536 22 1234",
        "SSN 536221234",
        '"ssn": "536221234"',
        "Social Security No. 536.22.1234",
        "social security number: 536 22 1234",
        "TIN: 536221234",
    ),
    near_misses=(
        "ssn_last4: 1234",
        "SSN: 000 12 3456",
        "SSN: 9001 22 1234",
        "order 536221234 shipped",
        "ssn: 5362212345",
        "tin: 12-3456789",
    ),
)
