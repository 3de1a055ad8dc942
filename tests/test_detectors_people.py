"""People: street addresses, postcodes, dates of birth, ages and usernames (context-only where ambiguous)."""

from __future__ import annotations

import re

import pytest

from masking.detectors.people import (
    AGE,
    AGE_IN_YEARS,
    BIRTH_DATE,
    DATE_OF_BIRTH,
    STREET_ADDRESS,
    STREET_ADDRESS_IN_CONTEXT,
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
    "D.O.B. 31.01.1990": "31.01.1990",
    "Pt: J. Doe, DOB 01/31/1990": "01/31/1990",
    "b. 31-Jan-1990": "31-Jan-1990",
    "Geburtsdatum: 31.01.1990": "31.01.1990",
    "geb. 31.01.1990": "31.01.1990",
    "fecha de nacimiento: 31/01/1990": "31/01/1990",
    "n\u00e9e le 31/01/1990": "31/01/1990",
    "data di nascita 31/01/1990": "31/01/1990",
    '"birthDate": "1990/01/31"': "1990/01/31",
    "date_naissance=1990-01-31": "1990-01-31",
    "birth_dt: 19900131": "19900131",
    "born Jan 31 1990": "Jan 31 1990",
    "born in 1985 in Lyon": "1985",
    "year of birth: 1985": "1985",
    "DOB:1990-01-31": "1990-01-31",
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
    "lives at 782 Dawn Radial": "782 Dawn Radial",
    "please update my shipping address to 505 Matthew Oval before it ships": "505 Matthew Oval",
    '"address": "65812 Dana Point"': "65812 Dana Point",
    "Address: 12 Park View, Springfield, IL": "12 Park View, Springfield, IL",
}


@pytest.mark.parametrize(
    ("value", "ok"),
    [("1990-01-31", True), ("31/01/1990", True), ("01/31/1990", True), ("07/04/85", True),
     ("31 January 1990", True), ("March 3rd, 1972", True), ("1990-13-01", False), ("1990-01-32", False),
     ("13/13/1990", False), ("00/12/1990", False), ("31/01/1850", False), ("31 Jan 2150", False),
     ("32 January 1990", False), ("1990", True), ("1850", False), ("19900131", True), ("19901331", False),
     ("31-Jan-1990", True)],
)  # fmt: skip
def test_birth_date_plausible(value: str, ok: bool) -> None:
    assert birth_date_plausible(value) is ok


@pytest.mark.parametrize(
    "value",
    ["1990-01-31", "1990-1-9", "1990.12.01", "31/01/1990", "01/31/1990", "07/04/85", "1.2.1990", "31 January 1990",
     "3rd of Jan. 1990", "January 31, 1990", "March 3rd, 1972", "Sept 9 2001", "1990-13-01", "1990-01-32",
     "1990-00-10", "13/13/1990", "00/12/1990", "31/01/1850", "31/01/2150", "31 Jan 2150", "32 January 1990",
     "0 May 1990", "May 32, 1990", "0000-00-00", "99/99/99", "31-Jan-1990", "31-JAN-90", "32-Jan-1990"],
)  # fmt: skip
def test_birth_date_pattern_accepts_what_the_validator_accepts(value: str) -> None:
    """Field rules run BIRTH_DATE alone, without the validator: the pattern itself must be plausible only."""
    assert (re.fullmatch(BIRTH_DATE, value) is not None) is birth_date_plausible(value)


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
        # suffixes that are everyday words, confirmed by a unit or a `City, ST 12345` tail
        ("Patient X, lives at 9387 Grimes Green Apt. 801. Emergency contact", "9387 Grimes Green Apt. 801"),
        ("update my address to 142 Warner View Suite 460, North Leslie, WA 33217?",
         "142 Warner View Suite 460, North Leslie, WA 33217"),
        ("ship to 024 Cook Park, Sherriport, WI 53987 before", "024 Cook Park, Sherriport, WI 53987"),
        ("40704 Kathryn Lights Suite 609", "40704 Kathryn Lights Suite 609"),
        ("60669 Dawson Dam, Williamside, MO 10075", "60669 Dawson Dam, Williamside, MO 10075"),
        ("974 Keith Course Apt. 064, Jeffreyshire, MH 45102", "974 Keith Course Apt. 064, Jeffreyshire, MH 45102"),
        ("32244 Jackson Station Suite 811", "32244 Jackson Station Suite 811"),
        ("6659 Valerie Point Suite 210", "6659 Valerie Point Suite 210"),
        # the suffixes the list lacked, and the territories, freely associated and military states
        ("298 Christopher Freeway, East Sonya, AS 22631", "298 Christopher Freeway, East Sonya, AS 22631"),
        ("65812 Dana Fort", "65812 Dana Fort"),
        ("2272 Willis Wall, North Brian, MH 79731", "2272 Willis Wall, North Brian, MH 79731"),
        ("33928 Miller Parkway, Haleychester, GU 41681", "33928 Miller Parkway, Haleychester, GU 41681"),
        ("1 Main St, Hagatna, GU 96910", "1 Main St, Hagatna, GU 96910"),
        ("7 Oak Lane, Fort Hood, AP 96201", "7 Oak Lane, Fort Hood, AP 96201"),
        ("12 McDonald Street", "12 McDonald Street"),
        # ... and not without a unit or a tail (STREET_ADDRESS_IN_CONTEXT takes them after address words)
        ("782 Dawn Radial", None),
        ("Figure 2 Main View", None),
        ("Step 3 Click Run", None),
        ("3 Key Points", None),
        ("Section 4 Park Rules", None),
        ("Step 3 Click Run Unit Tests", None),  # `Unit Tests` is not a unit: units need a digit here
        ("we served 1000 Page Views", None),
        ("Figure 2 Main View, Top Panel, OK", None),  # a tail needs its ZIP code here
        ("Chapter 12 Data Center Floor plan", None),
    ],
)
def test_street_address_in_a_sentence(text: str, found: str | None) -> None:
    assert [v for _, _, v in STREET_ADDRESS.find(text)] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hello, please update my shipping address to 782 Dawn Radial before PO-0545-0928 ships.", "782 Dawn Radial"),
        ("Can you update my address to 505 Matthew Oval?", "505 Matthew Oval"),
        ("she lives at 927 Hannah Path, I think", "927 Hannah Path"),
        ("Mailing address: 12 Park View", "12 Park View"),
        ("please ship it to 1438 Clay Camp today", "1438 Clay Camp"),
        ("located at 997 Ortega Rest, Springfield, IL", "997 Ortega Rest, Springfield, IL"),
        ('{"home_address": "710 Lindsey Pass"}', "710 Lindsey Pass"),
        ("Figure 2 Main View", None),
        ("address 3 key points", None),
        ("the IP address is 10 Main View", "10 Main View"),  # context words are only a hint
        ("lives at the 3 Key Points", None),
        ("Step 3 Click Run", None),
    ],
)
def test_street_address_after_address_words(text: str, found: str | None) -> None:
    assert [v for _, _, v in STREET_ADDRESS_IN_CONTEXT.find(text)] == ([found] if found else [])


def test_street_address_in_context_keeps_to_the_shared_regex_subset() -> None:
    import polars as pl

    detector = STREET_ADDRESS_IN_CONTEXT
    assert detector.pattern.isascii() and "(?=" not in detector.pattern and "(?<" not in detector.pattern
    for text in (*detector.examples, *detector.near_misses):
        python = [m.group(0) for m in re.finditer(detector.pattern, f"seen: {text}")]
        assert pl.Series([f"seen: {text}"]).str.extract_all(detector.polars_pattern).item().to_list() == python


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
