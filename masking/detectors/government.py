"""Government identifiers: US Social Security numbers."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.validators import digits_only, ssn_valid

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
