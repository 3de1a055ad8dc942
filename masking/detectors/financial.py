"""Payment data: IBANs, payment cards, SWIFT/BIC codes and US routing numbers, each confirmed by its checksum
or country list. Card examples are the test numbers card networks and payment processors publish."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.checksums import aba_routing_valid, bic_valid
from masking.detectors.patterns import keyed
from masking.detectors.validators import IBAN_LENGTHS, card_number_valid, digits_only, iban_compact, iban_mod97


def _grouped_iban_shapes() -> str:
    """One branch per registered IBAN length: the country codes, then exactly as many groups of four and as
    long a last group as that length needs (`FR76 3000 6000 0112 3456 7890 189`: five groups and three)."""
    by_length: dict[int, list[str]] = {}
    for country, length in sorted(IBAN_LENGTHS.items()):
        by_length.setdefault(length, []).append(country)
    branches = []
    for length, countries in sorted(by_length.items()):
        groups, tail = divmod(length - 4, 4)
        last = f" [A-Z0-9]{{{tail}}}" if tail else ""
        branches.append(rf"(?:{'|'.join(countries)})[0-9]{{2}}(?: [A-Z0-9]{{4}}){{{groups}}}{last}")
    return "|".join(branches)


# Compact (`GB82WEST12345698765432`) or printed in groups of four (`GB82 WEST 1234 5698 7654 32`). BBANs are
# alphanumeric in every position (ISO 13616: `FR57 5187 9717 18Y0 S124 ZAQ6 H43`), so a printed IBAN is read
# with its country's registered length: the number of groups is then fixed and the match cannot run on into a
# following word (`... 7034 EUR`), which would make the checksum fail and leave the IBAN unmasked. An IBAN
# whose grouping does not fit its country's length falls back to two to seven groups and a digits-only tail.
IBAN = Detector(
    name="iban",
    entity="IBAN",
    pattern=(
        rf"\b(?:{_grouped_iban_shapes()}"
        r"|[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [0-9]{1,3})?))\b"
    ),
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
        "FR57 5187 9717 18Y0 S124 ZAQ6 H43",
        "FR575187971718Y0S124ZAQ6H43",
        "IT37 K365 4634 359D WG73 O8CV M29",
        "IT37K3654634359DWG73O8CVM29",
        "IT60 X054 2811 1010 0000 0123 456",
        "NO93 8601 1117 947",
    ),
    near_misses=(
        "GB82 WEST 1234 5698 7654 33",
        "GB83WEST12345698765432",
        "ZZ82WEST12345698765432",
        "gb82west12345698765432",
        "DE89 3704",
        "ORD-2026-000123",
        "FR57 5187 9717 18Y0 S124 ZAQ6 H44",
        "IT37 K365 4634 359D WG73 O8CV M2",
    ),
)

# Visa, Mastercard, Discover/UnionPay/Maestro, JCB
_ISSUER_4 = r"(?:4[0-9]{3}|5[1-5][0-9]{2}|2[2-7][0-9]{2}|6[0-9]{3}|35[0-9]{2})"
_DINERS = r"3(?:0[0-5]|[689][0-9])[0-9]"  # 300-305, 36, 38, 39

# Shapes: 4-4-4-4 groups, Amex 4-6-5 and Diners 4-6-4 groups, or compact 13-19 digits (Diners 14, JCB 16-19).
# Each shape fixes where the separators go, so the match cannot run on into a following number and then fail
# Luhn.
# A leading `+` is taken into the match so that the validator refuses it: `+4915112345678` is a phone
# number even when its digits happen to pass Luhn (one in ten do), and the card detector comes first.
CREDIT_CARD = Detector(
    name="credit_card",
    entity="CREDIT_CARD",
    pattern=(
        rf"\+?\b(?:{_ISSUER_4}(?:[ -][0-9]{{4}}){{3}}"
        r"|3[47][0-9]{2}[ -][0-9]{6}[ -][0-9]{5}"
        rf"|{_DINERS}[ -][0-9]{{6}}[ -][0-9]{{4}}"
        r"|[46][0-9]{12,18}|(?:5[1-5]|2[2-7]|3[47])[0-9]{11,17}"
        rf"|{_DINERS}[0-9]{{10}}|35[0-9]{{14,17}})\b"
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
        "30569309025904",
        "3056 930902 5904",
        "36227206271667",
        "38520000023237",
        "3530 1113 3330 0000",
        "3566002020360505",
        "6205500000000000004",
        "4000000000000000006",
    ),
    near_misses=(
        "4111 1111 1111 1112",
        "1234 5678 9012 3456",
        "4111-1111-1111",
        "7111111111111111",
        "1732733291000",
        "ORD-2026-000123",
        "+4915112345678",  # a German mobile number whose digits pass Luhn
        "30569309025905",
        "3056 930902 59041",
        "62055000000000000041",
    ),
)

# A 19-digit card printed 4-4-4-4-3. Its own detector, placed before the card detector: if the last group is
# not part of the card (`4111 1111 1111 1111 123`), Luhn fails here and the card detector, which runs over
# the same candidate span, still finds the 16 digits.
CREDIT_CARD_19 = Detector(
    name="credit_card_19",
    entity="CREDIT_CARD",
    pattern=rf"\+?\b{_ISSUER_4}(?:[ -][0-9]{{4}}){{3}}[ -][0-9]{{3}}\b",
    validator=card_number_valid,
    normalize=digits_only,
    context=CREDIT_CARD.context,
    examples=("6205 5000 0000 0000 004", "4000-0000-0000-0000-006"),
    near_misses=("6205 5000 0000 0000 005", "4111 1111 1111 1111 123", "4111 1111 1111 1111"),
)

SWIFT_BIC = Detector(
    name="swift_bic",
    entity="SWIFT_BIC",
    pattern=keyed(r"(?:swift|bic)(?:[ _/-]?(?:bic|code|swift))?", r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b"),
    validator=bic_valid,
    context=("swift", "bic", "bank", "wire", "transfer"),
    examples=(
        "SWIFT: DEUTDEFF",
        "BIC DEUTDEFF500",
        "swift code: NWBKGB2L",
        '{"bic": "BOFAUS3N"}',
        "SWIFT/BIC: COBADEFFXXX",
    ),
    near_misses=("SWIFT: DEUTXXFF", "swift 5.9", "BIC: DEUT DE FF", "Swift UI", "DEUTDEFF", "bic: deutdeff"),
)

ABA_ROUTING = Detector(
    name="aba_routing",
    entity="ABA_ROUTING",
    pattern=keyed(
        r"routing(?:[ _-]?(?:transit)?[ _-]?(?:number|no|num|#))?\.?|aba(?:[ _-]?(?:routing|number|no|#))?\.?|rtn",
        r"[0-9]{9}\b",
    ),
    validator=aba_routing_valid,
    context=("routing", "aba", "ach", "bank", "account", "wire"),
    examples=("routing number: 021000021", "ABA 011000015", '"routing_number": "122105155"', "RTN# 026009593"),
    near_misses=("routing number: 021000022", "routing: 131000015", "021000021", "ABA 0210000210", "routing: 1234"),
)
