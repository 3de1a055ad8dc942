"""Pure check-digit and format rules for identifiers: ABA routing, NPI, DEA, UK NINO, SWIFT/BIC.

Each takes the sensitive part as matched and never raises: a malformed candidate is simply not sensitive.
"""

from __future__ import annotations

from masking.detectors.validators import digits_only, luhn

# ISO 3166-1 alpha-2, plus XK (Kosovo), which SWIFT also uses.
_COUNTRY_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW "
    "BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI "
    "FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN "
    "IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME "
    "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF "
    "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK "
    "YE YT ZA ZM ZW"
)
_COUNTRIES = frozenset(_COUNTRY_CODES.split())


def bic_valid(value: str) -> bool:
    """ISO 9362: 4 letters (bank), a real country code, 2 characters (location), optionally 3 (branch).

    A location code whose second character is ``0`` marks a test BIC, which is still a BIC.
    """
    bic = value.strip().upper()
    return len(bic) in (8, 11) and bic[:4].isalpha() and bic[4:6] in _COUNTRIES and bic.isalnum()


# Federal Reserve routing symbols: 00-12 (banks), 21-32 (thrifts), 61-72 (electronic), 80 (travellers' cheques).
_ABA_PREFIXES = frozenset([*range(0, 13), *range(21, 33), *range(61, 73), 80])


def aba_routing_valid(value: str) -> bool:
    """Nine digits, a Federal Reserve prefix, and 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) = 0 mod 10."""
    if len(value) != 9 or not (value.isascii() and value.isdigit()) or int(value[:2]) not in _ABA_PREFIXES:
        return False
    d = [int(c) for c in value]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def npi_valid(value: str) -> bool:
    """CMS: ten digits starting 1 or 2 whose Luhn check runs over the card-issuer prefix 80840 first."""
    return len(value) == 10 and value[0] in "12" and luhn("80840" + value)


# DEA registrant types: practitioners (A, B, F, G), mid-levels (M), distributors, manufacturers and others.
_DEA_TYPES = frozenset("ABCDEFGHJKLMPRSTUX")


def dea_valid(value: str) -> bool:
    """Two letters and seven digits; the last digit is (d1+d3+d5 + 2*(d2+d4+d6)) mod 10."""
    if len(value) != 9 or value[0] not in _DEA_TYPES or not (value[1].isupper() or value[1] == "9"):
        return False
    digits = value[2:]
    if not (digits.isascii() and digits.isdigit()):
        return False
    d = [int(c) for c in digits]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


# Never issued as a NINO prefix (HMRC NIM39110); the first letters D F I Q U V and second letters D F I O Q U V
# are excluded by the pattern itself.
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def nino_valid(value: str) -> bool:
    """A UK National Insurance number whose prefix HMRC allocates: not BG, GB, KN, NK, NT, TN or ZZ."""
    compact = "".join(value.split()).upper()
    return len(compact) == 9 and compact[:2] not in _NINO_BAD_PREFIXES and len(digits_only(compact)) == 6
