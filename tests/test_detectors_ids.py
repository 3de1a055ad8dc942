"""Government, financial and medical identifiers: check digits, prefix rules and context words."""

from __future__ import annotations

import polars as pl
import pytest

from masking.detectors import checksums as c
from masking.detectors.financial import CREDIT_CARD, CREDIT_CARD_19
from masking.detectors.government import US_DRIVER_LICENSE, licence_number_valid
from masking.detectors.medical import ICD10_CODE, record_number_valid

# The sensitive part of each example of a detector that keeps its context words.
VALUES = {
    "SWIFT: DEUTDEFF": "DEUTDEFF",
    "BIC DEUTDEFF500": "DEUTDEFF500",
    "swift code: NWBKGB2L": "NWBKGB2L",
    '{"bic": "BOFAUS3N"}': "BOFAUS3N",
    "SWIFT/BIC: COBADEFFXXX": "COBADEFFXXX",
    "routing number: 021000021": "021000021",
    "ABA 011000015": "011000015",
    '"routing_number": "122105155"': "122105155",
    "RTN# 026009593": "026009593",
    "passport no. 123456789": "123456789",
    "Passport Number: A12345678": "A12345678",
    '"passport_number": "C03005988"': "C03005988",
    "driver's license: D1234567": "D1234567",
    "DL# 123 456 789": "123 456 789",
    "Driver License No. A123-456-78-901-0": "A123-456-78-901-0",
    "DL No. WDLABCD456DG": "WDLABCD456DG",
    "NPI: 1234567893": "1234567893",
    '"npi": "1245319599"': "1245319599",
    "NPI# 1234567893": "1234567893",
    "prescriber npi 1245319599": "1245319599",
    "MRN: 00123456": "00123456",
    "medical record number MR-2024-0042": "MR-2024-0042",
    '"patient_id": "P-778812"': "P-778812",
    "Chart # 55123": "55123",
    "Diagnosis: E11.9": "E11.9",
    "ICD-10: J45.909": "J45.909",
    "dx I10, E78.5": "I10, E78.5",
    "diagnosed with S72.001A": "S72.001A",
    '"icd10_code": "F32.A"': "F32.A",
    "ICD-10: U07.1": "U07.1",
}


@pytest.mark.parametrize(
    ("value", "ok"),
    [("021000021", True), ("011000015", True), ("122105155", True), ("322271627", True), ("021000022", False),
     ("131000015", False), ("991000017", False), ("02100002", False), ("02100002a", False), ("", False)],
)  # fmt: skip
def test_aba_routing_valid(value: str, ok: bool) -> None:
    assert c.aba_routing_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("1234567893", True), ("1245319599", True), ("1234567890", False), ("3234567893", False),
     ("123456789", False), ("12345678931", False)],
)  # fmt: skip
def test_npi_valid(value: str, ok: bool) -> None:
    assert c.npi_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("AB1234563", True), ("BJ6125341", True), ("F91234563", True), ("AB1234564", False), ("IB1234563", False),
     ("Ab1234563", False), ("AB123456", False), ("AB12345X3", False)],
)  # fmt: skip
def test_dea_valid(value: str, ok: bool) -> None:
    assert c.dea_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("AB 12 34 56 C", True), ("ab123456c", True), ("JG103759A", True), ("GB 12 34 56 A", False),
     ("BG123456A", False), ("NK123456B", False), ("KN123456B", False), ("NT123456C", False), ("TN123456A", False),
     ("ZZ123456D", False), ("AB12345C", False)],
)  # fmt: skip
def test_nino_valid(value: str, ok: bool) -> None:
    assert c.nino_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("DEUTDEFF", True), ("DEUTDEFF500", True), ("NWBKGB2L", True), ("deutdeff", True), ("DEUTXXFF", False),
     ("DEUTDEF", False), ("DEUTDEFF5", False), ("DE1TDEFF", False), ("DEUTDEFF50!", False)],
)  # fmt: skip
def test_bic_valid(value: str, ok: bool) -> None:
    assert c.bic_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("D1234567", True), ("123 456 789", True), ("WDLABCD456DG", True), ("NONE", False), ("A1", False),
     ("A123-456-78-901-0-999-999", False), ("${DL}", False)],
)  # fmt: skip
def test_licence_number_valid(value: str, ok: bool) -> None:
    assert licence_number_valid(value) is ok


@pytest.mark.parametrize(("value", "ok"), [("00123456", True), ("P-778812", True), ("pending", False),
                                           ("ab12", False), ("[REDACTED]", False)])  # fmt: skip
def test_record_number_valid(value: str, ok: bool) -> None:
    assert record_number_valid(value) is ok


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        ("paid with 6205 5000 0000 0000 004 today", ["6205 5000 0000 0000 004"]),
        ("card 4111 1111 1111 1111 123 USD", ["4111 1111 1111 1111"]),  # the 19-digit reading fails Luhn
        ("Diners 3056 930902 5904 and 36227206271667", ["3056 930902 5904", "36227206271667"]),
        ("JCB 3530 1113 3330 0000", ["3530 1113 3330 0000"]),
    ],
)
def test_cards_of_every_length(text: str, cards: list[str]) -> None:
    found = CREDIT_CARD_19.find(text)
    taken = [(a, b) for a, b, _ in found]
    found += [s for s in CREDIT_CARD.find(text) if not any(s[0] < b and a < s[1] for a, b in taken)]
    assert sorted(v for _, _, v in found) == sorted(cards)


def test_icd10_list_is_one_span_and_normalized() -> None:
    [(_, _, value)] = ICD10_CODE.find("dx: e11.9, i10 and J45.909; follow up")
    assert value == "e11.9, i10 and J45.909"
    assert ICD10_CODE.normalize(value) == "E11.9, I10 AND J45.909"


@pytest.mark.parametrize("text", ["DL: 45 ms", "dl=0", "download DL 2 files", "DL#"])
def test_bare_dl_is_not_a_licence(text: str) -> None:
    assert US_DRIVER_LICENSE.find(text) == []


def test_the_documented_national_id_recipe_works() -> None:
    """The example in masking/detectors/government.py's docstring, as written there."""
    from masking.detectors import Detector
    from masking.detectors.patterns import keyed
    from masking.detectors.validators import luhn

    ca_sin = Detector(
        name="ca_sin",
        entity="CA_SIN",
        pattern=keyed(r"sin|social insurance(?: number)?", r"[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}\b"),
        validator=luhn,
        context=("sin", "social insurance"),
        examples=("SIN: 046 454 286",),
        near_misses=("SIN: 046 454 287",),
    )
    assert [v for _, _, v in ca_sin.find("my SIN: 046 454 286, thanks")] == ["046 454 286"]
    assert ca_sin.find("SIN: 046 454 287") == [] and ca_sin.find("046 454 286") == []
    assert pl.Series(["Social Insurance Number 046-454-286"]).str.contains(ca_sin.polars_pattern).item()
