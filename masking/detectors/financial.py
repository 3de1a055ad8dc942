"""Payment data: IBANs and payment card numbers, each confirmed by its checksum."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.validators import card_number_valid, digits_only, iban_compact, iban_mod97

# Compact (`GB82WEST12345698765432`) or printed in groups of four (`GB82 WEST 1234 5698 7654 32`).
# The short tail of a grouped IBAN is digits only: letters there would also swallow a following
# currency code (`... 7034 EUR`), and a swallowed word makes the checksum fail, leaving the IBAN unmasked.
IBAN = Detector(
    name="iban",
    entity="IBAN",
    pattern=r"\b[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [0-9]{1,3})?)\b",
    validator=iban_mod97,
    normalize=iban_compact,
    context=("iban", "account", "bank", "transfer", "refund", "sepa", "wire"),
    examples=(
        "GB82 WEST 1234 5698 7654 32",
        "GB82WEST12345698765432",
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NL91ABNA0417164300",
        "BE68 5390 0754 7034",
    ),
    near_misses=(
        "GB82 WEST 1234 5698 7654 33",
        "GB83WEST12345698765432",
        "ZZ82WEST12345698765432",
        "gb82west12345698765432",
        "DE89 3704",
        "ORD-2026-000123",
    ),
)

_ISSUER_4 = r"(?:4[0-9]{3}|5[1-5][0-9]{2}|2[2-7][0-9]{2}|6[0-9]{3})"  # Visa, Mastercard, Discover/UnionPay

# Three shapes: 4-4-4-4 groups, Amex 4-6-5 groups, or compact 13-19 digits. Each shape fixes where the
# separators go, so the match cannot run on into a following number and then fail Luhn.
# A leading `+` is taken into the match so that the validator refuses it: `+4915112345678` is a phone
# number even when its digits happen to pass Luhn (one in ten do), and the card detector comes first.
CREDIT_CARD = Detector(
    name="credit_card",
    entity="CREDIT_CARD",
    pattern=(
        rf"\+?\b(?:{_ISSUER_4}(?:[ -][0-9]{{4}}){{3}}"
        r"|3[47][0-9]{2}[ -][0-9]{6}[ -][0-9]{5}"
        r"|[46][0-9]{12,18}|(?:5[1-5]|2[2-7]|3[47])[0-9]{11,17})\b"
    ),
    validator=card_number_valid,
    normalize=digits_only,
    context=("card", "credit", "debit", "visa", "mastercard", "amex", "cc", "pan", "charged"),
    examples=(
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111111111111111",
        "5555 5555 5555 4444",
        "5105105105105100",
        "2223003122003222",
        "378282246310005",
        "3782 822463 10005",
        "6011111111111117",
        "4222222222222",
    ),
    near_misses=(
        "4111 1111 1111 1112",
        "1234 5678 9012 3456",
        "4111-1111-1111",
        "7111111111111111",
        "1732733291000",
        "ORD-2026-000123",
        "+4915112345678",  # a German mobile number whose digits pass Luhn
    ),
)
