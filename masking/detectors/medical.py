"""Health identifiers: US NPI, DEA registration numbers, medical record numbers and ICD-10 codes.

NPI ``1234567893`` is the example CMS publishes; the DEA numbers are made up and only satisfy the checksum.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.checksums import dea_valid, npi_valid
from masking.detectors.patterns import keyed
from masking.detectors.validators import digits_only, not_placeholder

_NUMBER_WORD = r"(?:[ _-]?(?:no|num(?:ber)?|#|id))?\.?"

# Ten digits are also phone numbers and ids, so an NPI needs its name in front.
US_NPI = Detector(
    name="us_npi",
    entity="US_NPI",
    pattern=keyed(rf"npi{_NUMBER_WORD}|national provider identifier", r"[12][0-9]{9}\b"),
    validator=npi_valid,
    context=("npi", "provider", "prescriber", "physician", "clinician"),
    examples=("NPI: 1234567893", '"npi": "1245319599"', "NPI# 1234567893", "prescriber npi 1245319599"),
    near_misses=("NPI: 1234567890", "1234567893", "NPI: 3234567893", "NPI: 12345678931"),
)

# Registrant type, then the registrant's last initial (or 9 for businesses), then six digits and a check
# digit. Shape plus checksum are specific enough without context words.
DEA_NUMBER = Detector(
    name="dea_number",
    entity="DEA_NUMBER",
    pattern=r"\b[ABCDEFGHJKLMPRSTUX][A-Z9][0-9]{7}\b",
    validator=dea_valid,
    context=("dea", "prescriber", "controlled", "registration"),
    examples=("AB1234563", "BJ6125341", "F91234563"),
    near_misses=("AB1234564", "IB1234563", "ab1234563", "AB12345638", "TCK-0123456"),
)


def record_number_valid(value: str) -> bool:
    return not_placeholder(value) and len(digits_only(value)) >= 3


# Hospitals format MRNs as they like (`00123456`, `MR-2024-0042`); what they share is the word in front and
# a few digits.
MEDICAL_RECORD_NUMBER = Detector(
    name="medical_record_number",
    entity="MEDICAL_RECORD_NUMBER",
    pattern=keyed(
        rf"mrn{_NUMBER_WORD}|medical[ _-]?record(?:[ _-]?(?:no|num(?:ber)?|#|id))?\.?"
        rf"|patient[ _-]?(?:id|no|number|#)\.?|chart[ _-]?(?:no|num(?:ber)?|#)\.?",
        r"[A-Za-z]*-?[0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?",  # a digit early: `number` is no record number
    ),
    validator=record_number_valid,
    context=("mrn", "medical record", "patient", "chart", "hospital"),
    examples=("MRN: 00123456", "medical record number MR-2024-0042", '"patient_id": "P-778812"', "Chart # 55123"),
    near_misses=("MRN: pending", "MRN: ${MRN}", "patient id: ABC", "mrn"),
)

_ICD10 = r"[A-Za-z][0-9][0-9AB](?:\.[0-9A-Za-z]{1,4})?\b"

# A letter, two digits, then an optional subcategory: `E11.9`, `S72.001A`. Codes also look like model and
# part numbers, so they count only after diagnosis words; a list after them is masked as one span.
ICD10_CODE = Detector(
    name="icd10_code",
    entity="ICD10_CODE",
    pattern=keyed(
        r"icd[ -]?10(?:[ -]?cm)?(?:[ _-]?codes?)?|diagnos(?:is|es|ed with)(?:[ _-]?codes?)?|dx|diag",
        rf"{_ICD10}(?:(?:, ?| and | ?/ ?){_ICD10})*",
    ),
    normalize=str.upper,
    context=("diagnosis", "icd", "dx", "condition", "billing code"),
    examples=(
        "Diagnosis: E11.9",
        "ICD-10: J45.909",
        "dx I10, E78.5",
        "diagnosed with S72.001A",
        '"icd10_code": "F32.A"',
        "ICD-10: U07.1",
    ),
    near_misses=("Diagnosis: pending", "E11.9", "dx: 2026", "diagnosis: A1", "dx: ABC.1"),
)
