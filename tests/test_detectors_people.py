"""People: street addresses, postcodes, dates of birth, ages and usernames (context-only where ambiguous)."""

from __future__ import annotations

import pytest

from masking.detectors.people import (
    AGE,
    AGE_IN_YEARS,
    DATE_OF_BIRTH,
    STREET_ADDRESS,
    USERNAME,
    age_plausible,
    birth_date_plausible,
    username_valid,
)

# The sensitive part of each example of a detector that keeps its context words.
VALUES = {
    "postcode: SW1A 1AA": "SW1A 1AA",
    "Postcode EC1A 1BB": "EC1A 1BB",
    '"postal_code": "M1 1AE"': "M1 1AE",
    "post code B33 8TH": "B33 8TH",
    "DOB: 1990-01-31": "1990-01-31",
    "date of birth 31/01/1990": "31/01/1990",
    "born on 31 January 1990": "31 January 1990",
    '"dob": "1985-07-04T00:00:00Z"': "1985-07-04",
    "Birthday: March 3rd, 1972": "March 3rd, 1972",
    "patient_dob=07/04/85": "07/04/85",
    "age: 34": "34",
    '{"age": 34}': "34",
    "Aged 71": "71",
    "Age 9": "9",
    "I am 34 years old": "34",
    "a 7-year-old": "7",
    "patient is 58 yo": "58",
    "82 y/o male": "82",
    "42 yrs old": "42",
    "username: jdoe": "jdoe",
    "user=jdoe42": "jdoe42",
    '{"user_name": "jane.doe"}': "jane.doe",
    "my twitter handle is @JaneDoe_": "JaneDoe_",
    "IG: @jane.doe": "jane.doe",
    "DB_USER=admin": "admin",
}


@pytest.mark.parametrize(
    ("value", "ok"),
    [("1990-01-31", True), ("31/01/1990", True), ("01/31/1990", True), ("07/04/85", True),
     ("31 January 1990", True), ("March 3rd, 1972", True), ("1990-13-01", False), ("1990-01-32", False),
     ("13/13/1990", False), ("00/12/1990", False), ("31/01/1850", False), ("31 Jan 2150", False),
     ("32 January 1990", False), ("1990", False)],
)  # fmt: skip
def test_birth_date_plausible(value: str, ok: bool) -> None:
    assert birth_date_plausible(value) is ok


@pytest.mark.parametrize(("value", "ok"), [("1", True), ("34", True), ("125", True), ("0", False), ("126", False),
                                           ("300", False), ("3a", False)])  # fmt: skip
def test_age_plausible(value: str, ok: bool) -> None:
    assert age_plausible(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("jdoe", True), ("jane.doe", True), ("admin", True), ("x", False), ("required", False), ("Invalid", False),
     ("null", False), ("your_username", False)],
)  # fmt: skip
def test_username_valid(value: str, ok: bool) -> None:
    assert username_valid(value) is ok


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ship it to 221B Baker Street, London NW1 6XE by Friday.", "221B Baker Street, London NW1 6XE"),
        ("I moved to 1600 Pennsylvania Ave NW last year", "1600 Pennsylvania Ave NW"),
        ("billing: 350 Fifth Ave, Suite 3300, New York, NY 10118", "350 Fifth Ave, Suite 3300, New York, NY 10118"),
        ("12 Main St, Springfield (no state)", "12 Main St"),
        ("the 3 Musketeers met in 1844", None),
        ("it's a 2 hour drive", None),
    ],
)
def test_street_address_in_a_sentence(text: str, found: str | None) -> None:
    assert [v for _, _, v in STREET_ADDRESS.find(text)] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("User: Hi, my username is jdoe and I can't log in", ["jdoe"]),
        ("Assistant: sure. User: thanks", []),
        ("GET /login?user=jdoe&next=/home", ["jdoe"]),
        ("follow us on twitter @acme_support", ["acme_support"]),
        ("email me @ home", []),
        ("username: jdoe@example.com", ["jdoe@example.com"]),  # the email detector comes first and takes it
        ("max_user=5", []),
    ],
)
def test_username_only_after_its_words(text: str, found: list[str]) -> None:
    assert [v for _, _, v in USERNAME.find(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Cache-Control: max-age=60, s-maxage=300", []),
        ('{"age": 42, "page": 3, "usage": 17}', ["42"]),
        ("Age: 120", ["120"]),
        ("storage age: 34", ["34"]),
    ],
)
def test_age_needs_its_own_key(text: str, found: list[str]) -> None:
    assert [v for _, _, v in AGE.find(text)] == found


def test_age_in_years_and_date_of_birth_mask_only_the_value() -> None:
    text = "I'm 34 years old, DOB 1990-01-31."
    assert [v for _, _, v in AGE_IN_YEARS.find(text)] == ["34"]
    assert [v for _, _, v in DATE_OF_BIRTH.find(text)] == ["1990-01-31"]


@pytest.mark.parametrize("text", ["created 1990-01-31", "released on 31 January 1990", "born to run 1975-08-25"])
def test_dates_without_birth_words_are_not_dates_of_birth(text: str) -> None:
    assert DATE_OF_BIRTH.find(text) == []
