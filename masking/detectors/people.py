"""About a person: street addresses, postcodes, dates of birth, ages and usernames.

Dates, small numbers and short words are everywhere in logs, so all but the street address count only
after context words (``DOB:``, ``age:``, ``username:``), and only the value after them is masked.
"""

from __future__ import annotations

import re

from masking.detectors.base import Detector
from masking.detectors.patterns import (
    KEY_START,
    QUOTE,
    SEPARATOR,
    STRICT_SEPARATOR,
    by_first_letter,
    keyed,
    nocase,
    word_forms,
)
from masking.detectors.validators import lowercase, not_placeholder, strip_spaces

# ---- street addresses -----------------------------------------------------------------------------------

# USPS street suffixes (Publication 28, appendix C1, and the usual abbreviations). A trailing `s` is allowed
# (`Mountains`, `Lakes`, `Gardens`). Those that are also everyday words after a number (`Step 3 Click Run`,
# `Figure 2 Main View`, `3 Key Points`, `Section 4 Park Rules`) count only when something else confirms the
# address: a unit (`Apt. 801`), a `City, ST 12345` tail, or, with STREET_ADDRESS_IN_CONTEXT, words like
# `lives at` before it.
_SUFFIX = word_forms(
    "Alley", "Avenue", "Ave", "Bayou", "Beach", "Bluff", "Boulevard", "Blvd", "Branch", "Bridge", "Brook",
    "Burg", "Bypass", "Canyon", "Cape", "Causeway", "Cswy", "Circle", "Cir", "Cliff", "Close", "Corner", "Court",
    "Ct", "Cove", "Creek", "Crescent", "Cres", "Crest", "Crossroad", "Curve", "Dale", "Drive", "Dr", "Estate",
    "Expressway", "Expy", "Extension", "Ferry", "Flat", "Forest", "Forge", "Fort", "Freeway", "Fwy", "Garden",
    "Gateway", "Glen", "Grove", "Harbor", "Haven", "Heights", "Hts", "Highway", "Hwy", "Hill", "Hollow", "Inlet",
    "Island", "Isle", "Junction", "Jct", "Knoll", "Lake", "Landing", "Lane", "Ln", "Loaf", "Lodge", "Loop",
    "Manor", "Meadow", "Mews", "Mission", "Motorway", "Mountain", "Mtn", "Orchard", "Overpass", "Parkway",
    "Pkwy", "Pike", "Pine", "Place", "Pl", "Plain", "Plaza", "Plz", "Port", "Prairie", "Ranch", "Rapid", "Ridge",
    "River", "Road", "Rd", "Route", "Rte", "Row", "Shoal", "Shore", "Skyway", "Square", "Sq", "Stravenue",
    "Stream", "Street", "St", "Summit", "Terrace", "Ter", "Throughway", "Trafficway", "Trail", "Trl", "Tunnel",
    "Turnpike", "Tpke", "Underpass", "Valley", "Viaduct", "Village", "Ville", "Vista", "Walk", "Way", "Xing",
) + "|street|avenue|road|lane|blvd|ave|st|rd|ln"  # fmt: skip
# (and the commonest in lower case: `123 Main st`, `9 Oak ave`)
# Also everyday words: an address only with a unit, a `City, ST 12345` tail or context words.
_EVERYDAY_SUFFIX = word_forms(
    "Anex", "Annex", "Arcade", "Bend", "Bottom", "Camp", "Center", "Centre", "Ctr", "Club", "Common", "Course",
    "Crossing", "Dam", "Divide", "Field", "Fall", "Ford", "Fork", "Green", "Key", "Land", "Light", "Lock", "Mall",
    "Mill", "Mount", "Neck", "Oval", "Park", "Pass", "Passage", "Path", "Point", "Pt", "Radial", "Ramp", "Rest",
    "Rue", "Run", "Spring", "Spur", "Station", "Trace", "Track", "Trailer", "Union", "Via", "View", "Wall",
    "Well",
)  # fmt: skip
_UNIT = word_forms("Apartment", "Apt", "Suite", "Ste", "Unit", "Floor", "Fl", "Room", "Rm", "Building", "Bldg")
# States, DC, the territories (AS GU MP PR VI), the freely associated states (FM MH PW) and the military
# "states" (AA AE AP).
_STATE = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND"
    "|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AS|GU|MP|PR|VI|FM|MH|PW|AA|AE|AP"
)
_UK_POSTCODE = r"(?:[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|GIR ?0AA)\b"
_CAPITALIZED = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:['-][A-Za-z]+)?"  # Baker, McDonald, O'Neil, Smith-Jones
_PLACE = rf"{_CAPITALIZED}(?: {_CAPITALIZED}){{0,2}}"
_NUMBERED_NAME = (
    r"\b[0-9]{1,6}(?:-[0-9]{1,6})?[A-Za-z]?"  # 1600, 221B, 12-14
    r"(?: (?:[NSEW]|N[EW]|S[EW]|North|South|East|West)\.?)?"
    rf"(?: (?:{_CAPITALIZED}|[A-Z]{{2,}}|[0-9]{{1,3}}(?:st|nd|rd|th))){{1,4}} "
)
_AFTER_SUFFIX = r"[sS]?\b\.?(?: (?:N[EW]?|S[EW]?|[EW])\b)?"
_UNIT_PART = rf",? (?:(?:{_UNIT})\.? ?#?|#) ?"
_ANY_UNIT = rf"{_UNIT_PART}[A-Za-z0-9-]{{1,6}}\b"
_NUMBERED_UNIT = rf"{_UNIT_PART}[A-Za-z]?[0-9]{{1,5}}[A-Za-z]?\b"  # `Unit Tests` is not a unit
# `Flat 3, 12 High St`, `Apt 4B, 55 Main St`
_FLAT = r"(?:\b(?:Flat|FLAT|Apartment|Apt\.?|Unit|Suite) [0-9]{1,4}[A-Za-z]?,? )?"
# A city on the same line or the next one: `123 Main St, Springfield, IL` or `123 Main St\nSpringfield, IL`.
_TAIL_GAP = r"(?:,? |,?[ \t]*(?:\r?\n|\\n)[ \t]*)"
# Canadian provinces with a postal code (`Toronto, ON M5V 2T6`), Australian states with a postcode (`Sydney NSW
# 2000`).
_CA_AU = (
    r"(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT) [A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]\b"
    r"|(?:NSW|VIC|QLD|SA|TAS|ACT|NT|WA) [0-9]{4}\b"
)
_ZIP_TAIL = rf"{_TAIL_GAP}{_PLACE},? (?:(?:{_STATE}) [0-9]{{5}}(?:-[0-9]{{4}})?\b|{_UK_POSTCODE}|{_CA_AU})"
_TAIL = rf"{_TAIL_GAP}{_PLACE},? (?:{_CA_AU}|(?:{_STATE})\b(?: [0-9]{{5}}(?:-[0-9]{{4}})?\b)?|{_UK_POSTCODE})"
_STREET = (
    rf"{_NUMBERED_NAME}(?:(?:{_SUFFIX}){_AFTER_SUFFIX}(?:{_ANY_UNIT})?(?:{_TAIL})?"
    rf"|(?:{_EVERYDAY_SUFFIX}){_AFTER_SUFFIX}(?:{_NUMBERED_UNIT}(?:{_ZIP_TAIL})?|{_ZIP_TAIL}))"
)

# A post-office box, a rural route or highway contract box: `PO Box 1234`, `P.O. Box 12`, `Post Office Box 7`,
# `RR 2 Box 15`, `HC 1 Box 5`.
_PO_BOX = (
    nocase(r"(?:p\.? ?o\.?|post office) box") + r" [0-9]{1,6}\b|\b(?:R\.?R\.?|HC) ?[0-9]{1,3},? [Bb]ox [0-9]{1,5}\b"
)

# ---- European street addresses --------------------------------------------------------------------------

# A capitalized word with Latin-1 letters: `Élysées`, `Mayor`, `Müller`, `Champs-Élysées`, `D'Azeglio`.
_EU_LOWER = r"a-z\u00df-\u00f6\u00f8-\u017f"  # and Latin Extended-A, both cases: `Długa`, `Łódź`
_EU_WORD = rf"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f][{_EU_LOWER}]+(?:['-][A-Za-z\u00c0-\u00d6\u00d8-\u017f]+)?"
_EU_PARTICLE = r"(?:de la|de las|de los|de l'|del|dei|degli|della|delle|dello|de|di|da|du|des|d'|la|le|les|y|e)"
_EU_NAME = rf"{_EU_WORD}(?: (?:{_EU_PARTICLE} ?)?{_EU_WORD}){{0,3}}"
_HOUSE = r"[0-9]{1,4}(?: ?[a-zA-Z]\b|(?:[-/][0-9]{1,4}))?"  # 5, 5a, 12-14, 10/2
# `, 10115 Berlin`, `, 1015 CJ Amsterdam`, `, D-10115 Berlin`, `, 00184 Roma`, `\n75002 Paris`
_EU_TAIL = rf"(?:,? |,?\n)(?:[A-Z]{{1,2}}-)?[0-9]{{4,5}}(?: [A-Z]{{2}})? {_EU_WORD}(?:[ -]{_EU_WORD})?"
# Germanic and Nordic street names end in a street word: `Hauptstraße 5`, `Keizersgracht 123`, `Kirchweg 3`,
# `Drottninggatan 12`; or a separate one follows an adjective: `Berliner Straße 5`, `Alte Allee 3`.
_GERMANIC_END = (
    r"stra(?:ss|\u00df)e|str\.|gasse|weg|allee|platz|damm|ufer|chaussee|gracht|straat|laan|plein|singel|steeg"
    r"|dijk|gatan|v\u00e4gen|vej|veien|gata"
)
_GERMANIC = (
    rf"\b(?:{_EU_WORD} )?[A-Z\u00c0-\u00de][{_EU_LOWER}]*(?:{_GERMANIC_END})"
    rf"|\b{_EU_WORD} (?:Stra(?:ss|\u00df)e|Str\.|Weg|Allee|Platz|Damm|Ufer|Gasse)"
)
# Romance and Slavic street names start with their street word and end with the number: `Calle Mayor 10`,
# `Via Roma, 1`, `Carrer de Balmes 12`, `ul. Długa 5`. `Via`, `Plaza`, `Corso` are also English words: they need
# the postal tail.
_LATIN_START = (
    r"Calle|Avenida|Avda\.|Carrer|Paseo|Passeig|Rua|Travessa|Viale|Piazza|Piazzale|Vicolo|Ulica|ul\.|Aleja|al\."
    r"|Ulice|Caddesi|Sokak"
)
_LATIN_WEAK = r"Via|Plaza|Corso|Largo|Strada|Avenue|Boulevard|Place"
# French order, number first: `12 rue de la Paix`, `5 bis avenue des Champs-Élysées`. `rue`, `chemin`,
# `impasse`, `quai`, `allée` suffice; `avenue`, `boulevard`, `place`, `route` need a particle or the tail.
_FRENCH_NUMBER = r"\b[0-9]{1,4}(?: ?(?:bis|ter|[a-zA-Z]\b))?,? "
_FRENCH_STRONG = r"[Rr]ue|[Cc]hemin|[Ii]mpasse|[Qq]uai|[Aa]ll\u00e9e|[Bb]d\.?"
_FRENCH_WEAK = r"[Aa]venue|[Bb]oulevard|[Pp]lace|[Rr]oute|[Cc]ours|[Ss]quare"
_EUROPEAN = (
    rf"(?:{_GERMANIC}) {_HOUSE}(?:{_EU_TAIL})?"
    rf"|\b(?:{_LATIN_START}) (?:{_EU_PARTICLE} )?{_EU_NAME},? {_HOUSE}(?:{_EU_TAIL})?"
    rf"|\b(?:{_LATIN_WEAK}) (?:{_EU_PARTICLE} )?{_EU_NAME},? {_HOUSE}{_EU_TAIL}"
    rf"|{_FRENCH_NUMBER}(?:(?:{_FRENCH_STRONG}) (?:{_EU_PARTICLE} ?)?{_EU_NAME}"
    rf"|(?:{_FRENCH_WEAK}) {_EU_PARTICLE} ?{_EU_NAME})(?:{_EU_TAIL})?"
    rf"|{_FRENCH_NUMBER}(?:{_FRENCH_WEAK}) {_EU_NAME}{_EU_TAIL}"
)

# US style: a house number, one to four capitalized words and a street suffix, then optionally a unit and
# `City, ST 12345` (or a UK town and postcode). Lowercase street names are not taken: `3 hours on the road`.
STREET_ADDRESS = Detector(
    name="street_address",
    entity="STREET_ADDRESS",
    pattern=rf"{_FLAT}{_STREET}|\b(?:{_PO_BOX})(?:{_TAIL})?|{_EUROPEAN}",
    context=("address", "street", "live", "ship", "deliver", "mail", "billing", "shipping", "residence"),
    examples=(
        "1600 Pennsylvania Ave NW, Washington, DC 20500",
        "742 Evergreen Terrace",
        "221B Baker Street",
        "123 Main St, Apt 4B, Springfield, IL 62704",
        "350 Fifth Avenue, New York, NY 10118-0110",
        "1 Infinite Loop Way Suite 200",
        "10 Downing Street, London SW1A 2AA",
        "55 W 42nd St.",
        "PO Box 1234",
        "91634 Strong Mountains Apt. 302, West Alyssa, DE 78723",
        "321 Callahan Haven",
        "9387 Grimes Green Apt. 801",
        "142 Warner View Suite 460, North Leslie, WA 33217",
        "024 Cook Park, Sherriport, WI 53987",
        "2272 Willis Wall, North Brian, MH 79731",
        "12 McDonald Street",
        "Flat 3, 12 High St",
        "P.O. Box 77, Austin, TX 78701",
        "RR 2 Box 15",
        "123 Main st",
        "500 N Elm Ave #12",
        "42 Oak Road\nSpringfield, IL 62704",
        "Hauptstraße 5, 10115 Berlin",
        "Berliner Straße 12a",
        "Keizersgracht 123, 1015 CJ Amsterdam",
        "Calle Mayor 10, 28013 Madrid",
        "12 rue de la Paix, 75002 Paris",
        "Via Roma 1, 00184 Roma",
        "5 bis avenue des Champs-Élysées",
        "ul. Długa 5",
        "Drottninggatan 12",
        "100 Queen St W, Toronto, ON M5H 2N2",
        "1 Martin Place, Sydney NSW 2000",
    ),
    near_misses=(
        "took 3 hours on the road",
        "Section 3 of the Terms",
        "2026 Main",
        "version 2 Release",
        "ORD-2026-000123 St",
        "main street",
        "Step 3 Click Run",
        "Figure 2 Main View",
        "3 Key Points",
        "Section 4 Park Rules",
        "Step 3 Click Run Unit Tests",
        "1000 Page Views",
        "Figure 2 Main View, Top Panel, OK",
        "Spring 5",
        "via Email 2",
        "Via Slack 3 times",
        "In 2 place settings",
        "3 Place Holders",
        "Python 3",
        "Arcade 2",
        "see Figure 2, 2024 Report",
    ),
)

# Everyday suffixes without a unit or a tail, after words that say an address follows: `lives at 782 Dawn
# Radial`, `ship to 505 Matthew Oval`. Only the address is masked. A detector of its own: one pattern cannot
# tie the context words (kept) to the suffix it allows.
_ADDRESS_CONTEXT = (
    r"(?:(?:home|mailing|billing|shipping|postal|delivery|street|new|current)[ _-]?)?address(?:e?s)?"
    r"(?: (?:is|was|to|at))?|(?:lives?|living|resides?|residing|located|situated) at"
    r"|(?:ship(?:ped|ping)?|deliver(?:ed|y)?|send|sent|mail(?:ed)?|moved?) (?:it |them )?to"
)
STREET_ADDRESS_IN_CONTEXT = Detector(
    name="street_address_in_context",
    entity="STREET_ADDRESS",
    pattern=keyed(
        _ADDRESS_CONTEXT,
        rf"{_NUMBERED_NAME}(?:{_SUFFIX}|{_EVERYDAY_SUFFIX}){_AFTER_SUFFIX}(?:{_ANY_UNIT})?(?:{_TAIL})?",
        start=r"\b",
    ),
    context=("address", "live", "ship", "deliver", "located"),
    examples=(
        "lives at 782 Dawn Radial",
        "please update my shipping address to 505 Matthew Oval before it ships",
        '"address": "65812 Dana Point"',
        "Address: 12 Park View, Springfield, IL",
    ),
    near_misses=("Figure 2 Main View", "3 Key Points", "address 3 key points", "lives at the 3 Key Points"),
)

UK_POSTCODE = Detector(
    name="uk_postcode",
    entity="POSTCODE",
    pattern=keyed(r"post[ _-]?code|postal[ _-]?code|zip(?:[ _-]?code)?", _UK_POSTCODE),
    normalize=strip_spaces,
    context=("postcode", "postal", "address", "zip"),
    examples=("postcode: SW1A 1AA", "Postcode EC1A 1BB", '"postal_code": "M1 1AE"', "post code B33 8TH"),
    near_misses=("postcode: 12345", "SW1A 1AA", "postcode: required", "zip: SW1A1"),
)

# ---- dates of birth -------------------------------------------------------------------------------------

_MONTH = nocase(
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DD = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MM = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)[0-9]{2}"
_DAY = rf"{_DD}(?:st|nd|rd|th)?"
# Only plausible dates (what birth_date_plausible accepts): day 1-31, month 1-12 (day and month either way
# round when both are numbers), a year 1900-2099 or two digits. Also for field rules: a whole
# `date_of_birth` value, where no validator runs.
BIRTH_DATE = (
    rf"{_YEAR}[-/.]{_MM}[-/.]{_DD}"  # 1990-01-31
    rf"|(?:{_MM}[-/.]{_DD}|{_DD}[-/.]{_MM})[-/.](?:19|20)?[0-9]{{2}}"  # 31/01/1990, 01.31.90
    rf"|{_DAY}(?: of)? {_MONTH},? {_YEAR}"  # 31 January 1990, 3rd of Jan. 1990
    rf"|{_MONTH} {_DAY},? {_YEAR}"  # January 31, 1990
    rf"|{_DD}[- ]{_MONTH}[- ](?:19|20)?[0-9]{{2}}"  # 31-Jan-1990, 31-JAN-90
)
# `19900131`: only as a whole field value or right after a birth key, never in running text.
COMPACT_BIRTH_DATE = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_NUMBER = re.compile(r"[0-9]+")


def birth_date_plausible(value: str) -> bool:
    """A calendar date a person alive could be born on: day 1-31, month 1-12 (either order when both
    are numbers), four-digit year 1900-2099."""
    if re.fullmatch(COMPACT_BIRTH_DATE, value):
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    numbers = [int(n) for n in _NUMBER.findall(value)]
    year = numbers[-1] if len(numbers) in (2, 3) else 0  # one number: a year alone
    if len(numbers) == 3 and numbers[0] > 999:  # year first
        year, month, day = numbers
        day_month_ok = 1 <= month <= 12 and 1 <= day <= 31
    elif len(numbers) == 3:
        a, b = numbers[0], numbers[1]
        day_month_ok = (1 <= a <= 12 and 1 <= b <= 31) or (1 <= a <= 31 and 1 <= b <= 12)
    elif len(numbers) == 1:
        return 1900 <= numbers[0] <= 2099
    elif len(numbers) == 2:
        day_month_ok = 1 <= numbers[0] <= 31
    else:
        return False
    return day_month_ok and (year < 100 or 1900 <= year <= 2099)


# The words that say a birth date follows, in English and in the languages of European forms: `DOB`,
# `D.O.B.`, `b.` (`b. 1990-01-31`), `birthDate`, `birth_dt`, `Geburtsdatum`, `geb.`, `fecha de nacimiento`,
# `né le`, `née le`, `data di nascita`, `date_naissance`, `geboortedatum`.
_BIRTH_KEYS = (
    r"born(?: on| in)?|b\.|d\.?o\.?b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?(?:date|day|dt)|birthday"
    r"|geburtsdatum|geb\.|geboren(?: am)?|fecha[ _-]?(?:de[ _-]?)?nacimiento|nacid[oa](?: el)?"
    r"|date[ _-]?(?:de[ _-]?)?naissance|data[ _-]?(?:di[ _-]?)?nascita|nat[oa](?: il)?"
    r"|geboortedatum|geboren op|year[ _-]?of[ _-]?birth|birth[ _-]?year|yob"
)

DATE_OF_BIRTH = Detector(
    name="date_of_birth",
    entity="DATE_OF_BIRTH",
    # nocase() spells out ASCII letters only: `né le` is added as it is. `T`: `1985-07-04T00:00:00Z`.
    # Also `DOB:1990-01-31`, a colon without a blank: no value ends with `>` as Maskline's tokens do.
    pattern=rf"{KEY_START}(?:{nocase(by_first_letter(_BIRTH_KEYS))}|[nN]\u00e9e?(?: le)?)(?:{SEPARATOR}|:)"
    # A year alone (`born in 1985`, `b. 1990`) only where no more of a date follows it (`1990-13-45`).
    rf"(?P<value>{BIRTH_DATE}|{COMPACT_BIRTH_DATE}|{_YEAR})(?:[^-/.0-9A-Za-z_>]|[-/.](?:[^0-9]|$)|T|$)",
    validator=birth_date_plausible,
    context=("born", "birth", "dob", "birthday", "age"),
    examples=(
        "DOB: 1990-01-31",
        "date of birth 31/01/1990",
        "born on 31 January 1990",
        '"dob": "1985-07-04T00:00:00Z"',
        "Birthday: March 3rd, 1972",
        "patient_dob=07/04/85",
        "D.O.B. 31.01.1990",
        "Pt: J. Doe, DOB 01/31/1990",
        "b. 31-Jan-1990",
        "Geburtsdatum: 31.01.1990",
        "geb. 31.01.1990",
        "fecha de nacimiento: 31/01/1990",
        "n\u00e9e le 31/01/1990",
        "data di nascita 31/01/1990",
        '"birthDate": "1990/01/31"',
        "date_naissance=1990-01-31",
        "birth_dt: 19900131",
        "born Jan 31 1990",
        "born in 1985 in Lyon",
        "year of birth: 1985",
        "DOB:1990-01-31",
    ),
    near_misses=(
        "born on time",
        "DOB: 1990-13-45",
        "created 2026-11-27",
        "DOB: ${PATIENT_DOB}",
        "date of birth: 99/99/1990",
        "dobby 1990-01-31",
        "build 19900131",
        "DOB: 19901331",
        "web. 31.01.1990",
        "renate 31.01.1990",
        "born in 1850",
        "DOB: 1990-13",
        "born in 19850",
        "<DATE_OF_BIRTH:19900131>",
    ),
)

# ---- ages -----------------------------------------------------------------------------------------------


def age_plausible(value: str) -> bool:
    return value.isdigit() and 1 <= int(value) <= 125


# `age` must not end a longer key: `max-age=60` (HTTP caching) and `max_age` are durations. Without
# look-behind, the character before the key is taken into the match (it is outside the value).
AGE = Detector(
    name="age",
    entity="AGE",
    pattern=keyed(r"aged?", r"[0-9]{1,3}\b", start=r"(?:^|[^A-Za-z0-9_-])"),
    validator=age_plausible,
    context=("age", "aged", "years", "old"),
    examples=("age: 34", '{"age": 34}', "Aged 71", "Age 9"),
    near_misses=("max-age=60", "max_age: 60", "page: 34", "age: 300", "age: 0", "storage 34"),
)

AGE_IN_YEARS = Detector(
    name="age_in_years",
    entity="AGE",
    pattern=rf"\b(?P<value>[0-9]{{1,3}})[ -]?{nocase('(?:years?[ -]old|yrs?[ -]old|y/?o)')}\b",
    validator=age_plausible,
    context=("age", "aged", "years", "old"),
    examples=("I am 34 years old", "a 7-year-old", "patient is 58 yo", "82 y/o male", "42 yrs old"),
    near_misses=("34 years ago", "300 years old", "0 years old", "5 years of experience", "v2-year-old"),
)

# ---- usernames ------------------------------------------------------------------------------------------

_SITES = r"twitter|x|ig|insta(?:gram)?|tiktok|threads|telegram|discord|reddit|github|gitlab|mastodon|bluesky"
_NOT_USERNAMES = frozenset(
    {
        "required", "invalid", "missing", "taken", "empty", "unknown", "incorrect", "wrong", "available",
        "unavailable", "optional", "mandatory", "already", "not", "must", "cannot", "should", "and", "or", "the",
        "a", "an", "field", "too",
    }
)  # fmt: skip


def username_valid(value: str) -> bool:
    return len(value) > 1 and not_placeholder(value) and value.lower() not in _NOT_USERNAMES


_ASSIGNED = rf"[ \t]*=[ \t]*{QUOTE}?"
_AT_AFTER = rf"[ \t]*(?::|{nocase('is')}\b)?[ \t]*@"
_USERNAME_CONTEXT = (
    # `username: jdoe`, `"login_name": "jdoe"`; `user=jdoe`, `--login=jdoe`, `DB_USER=admin` (`user:` alone
    # starts chat transcripts: `User: Hi`)
    r"(?:\b|_)(?:"
    + nocase(r"user(?:[ _-]?name")
    + rf"{STRICT_SEPARATOR}@?|{_ASSIGNED})|"
    + nocase(r"login(?:[ _-]?(?:name|id)")
    + rf"{STRICT_SEPARATOR}@?|{_ASSIGNED})|"
    + nocase(r"(?:screen|nick)[ _-]?name")
    + rf"{STRICT_SEPARATOR}@?)"
    # `twitter handle: @jdoe`, `ig_username=jdoe`; `my twitter is @jdoe`, `IG: @jane.doe`, `handle @jdoe`: the @
    # is required after the bare words
    + rf"|\b(?:{nocase(by_first_letter(_SITES))})(?:{nocase('[ _-]?(?:handle|user(?:name)?|account)')}"
    + rf"{STRICT_SEPARATOR}@?|{_AT_AFTER})|\b{nocase('handle')}{_AT_AFTER}"
)

USERNAME = Detector(
    name="username",
    entity="USERNAME",
    # The name may run on into `@domain`: an email address there is then inside the candidate span, where
    # the email detector, which comes first, takes it whole.
    pattern=rf"(?:{_USERNAME_CONTEXT})(?P<value>[A-Za-z0-9_](?:[A-Za-z0-9_.@+-]*[A-Za-z0-9_])?)",
    validator=username_valid,
    normalize=lowercase,
    context=("user", "username", "login", "handle", "account"),
    examples=(
        "username: jdoe",
        "user=jdoe42",
        '{"user_name": "jane.doe"}',
        "my twitter handle is @JaneDoe_",
        "IG: @jane.doe",
        "DB_USER=admin",
    ),
    near_misses=(
        "User: Hi, I need help",
        "username is required",
        "username: ${USER}",
        "user_id=42",
        "follow @jdoe",
        "user=",
    ),
)
