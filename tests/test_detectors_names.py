"""Person names read from their context: greetings, sign-offs, introductions, roles, display names."""

from __future__ import annotations

import re
import time

import polars as pl
import pytest

from masking.detectors import default_detectors
from masking.detectors.names import (
    NAME_DETECTORS,
    PERSON_DISPLAY_NAME,
    PERSON_GREETING,
    PERSON_HERE,
    PERSON_INTRODUCED,
    PERSON_ITS,
    PERSON_ROLE,
    PERSON_SIGNOFF,
    person_name,
    person_name_valid,
)
from masking.scan import TOKEN_PATTERN, TextScanner

# The sensitive part of each documented example (the context words stay readable).
VALUES = {
    "Thanks Riley, your record is updated.": "Riley",
    "Dear Zachary, your refund of $887.81 is on its way": "Zachary",
    "Hi Hans-Christian!": "Hans-Christian",
    "Hello, Mr. O'Brien.": "O'Brien",
    "Dear Dr. Anna van der Berg,": "Anna van der Berg",
    "Good morning Ngọc Ánh,": "Ngọc Ánh",
    "thank you Émile - that helps": "Émile",
    "you can also reach me at 555-0100.\n\nThanks,\nConnor": "Connor",
    "before it ships. Regards, Dino Cherubini": "Dino Cherubini",
    "Best regards,\n\nAna Júlia Santos\nAcme Corp": "Ana Júlia Santos",
    "Cheers - Tom": "Tom",
    '"content": "See you then.\\n\\nKind regards,\\nMarie-Claire Dubois"': "Marie-Claire Dubois",
    "My name is Paulina Adinolfi and I can't log in": "Paulina Adinolfi",
    "Hi, I'm Marguerite Grenier. My email is": "Marguerite Grenier",
    "you can call me Łukasz.": "Łukasz",
    "I am Davi Lucas da Rocha, the account owner": "Davi Lucas da Rocha",
    "please ask Mrs. Nakamura to sign": "Nakamura",
    '{\\"full_name\\":\\"Emir \'s Gravensande\\",\\"phone\\":\\"+1 312\\"}': "Emir 's Gravensande",
    "Patient Name: Senn Bud": "Senn Bud",
    "first_name=Zoë": "Zoë",
    "customer Alphons Scarponi changed billing address": "Alphons Scarponi",
    "Wire details for the contractor Leanne Leach: IBAN": "Leanne Leach",
    "plan pro, referred by Rebeca Albuquerque.": "Rebeca Albuquerque",
    "account holder Fabiënne de Bruyn. My login": "Fabiënne de Bruyn",
    "Patient: Senn Bud, born 04/16/1952": "Senn Bud",
    '"name": "Mathijs van Beeck"': "Mathijs van Beeck",
    "Assigned to Katharina Preiß": "Katharina Preiß",
    "Hi, this is Jean-Luc Picard from Acme": "Jean-Luc Picard",
    "hey it's Olivia - can u text me at 555-0100?": "Olivia",
    "Hi, this is Anna from Acme": "Anna",
    "It's Carlos speaking": "Carlos",
    "it\u2019s Cauã \u2013 call me back": "Cauã",
    '{"role":"user","content":"Armin here, my session token expired"}': "Armin",
    '"Hi all, Jane Doe here."': "Jane Doe",
    "Hey team,\nBenício here - can you help?": "Benício",
    "New signup: Cristian Prieto <dguarana@yahoo.com>, SSN on file": "Cristian Prieto",
    '"Doe, Jane" <jane.doe@example.com>': "Doe, Jane",
    "From: Ana Belén da Silva <ana@example.org>": "Ana Belén da Silva",
    "Cc: Zoë O'Neill-Hart<zoe@example.co.uk>": "Zoë O'Neill-Hart",
    "Subject: refund\nFrom: Jane Doe\nTo: support@example.com": "Jane Doe",
    "Subject: refund\ncc: Ravi Shankar Iyer; billing": "Ravi Shankar Iyer",
    "Intake form\nName: Jane Doe": "Jane Doe",
    "Visit note\nPt: Jane Doe, DOB 01/31/1990": "Jane Doe",
    "Ward 3\nPatient: Priya": "Priya",
    '"text": "To: Dr. Chen\\nRe: results"': "Chen",
    "Agent: hello\nJane Doe: hi, my card was charged twice": "Jane Doe",
    "Agent: how can I help?\nPriya: thanks, that worked": "Priya",
    "[10:41] Agent: ok?\n[10:42] Mateusz Wójcik: yes please": "Mateusz Wójcik",
    "can you ask Priya about the refund?": "Priya",
    "ping Ravi when it lands": "Ravi",
    "per Jane, the card was replaced": "Jane",
    "according to Siobhán, it failed twice": "Siobhán",
    "please cc Mateusz.": "Mateusz",
    "let Zoë know": "Zoë",
    "I updated Jane's account yesterday": "Jane",
    "refund Ana Ponce's order": "Ana Ponce",
    "Mateusz\u2019s phone is off": "Mateusz",
    "Thanks for the quick fix.\n-- \nJane Doe\nAcme Corp": "Jane Doe",
    "see you then\n-- Priya": "Priya",
    "Agent: hi\nRegina Verdugo: oops, I pasted my token": "Regina Verdugo",
    "Patient Ugolino Civaschi, born 09/07/2001": "Ugolino Civaschi",
    "Tenant Ana Belén Ponce (unit 4) called": "Ana Belén Ponce",
}


def test_every_example_has_its_value() -> None:
    assert sorted(VALUES) == sorted(e for d in NAME_DETECTORS for e in d.examples)


@pytest.mark.parametrize(("detector", "example"), [(d, e) for d in NAME_DETECTORS for e in d.examples])
def test_example_gives_its_value(detector, example: str) -> None:
    assert [value for _, _, value in detector.find(example)] == [VALUES[example]]


@pytest.mark.parametrize(("detector", "text"), [(d, t) for d in NAME_DETECTORS for t in d.near_misses])
def test_near_miss_is_not_found(detector, text: str) -> None:
    assert detector.find(text) == []


# ---- the whole catalog, through the scanner (Polars candidates, then Python) -----------------------------

# text, the names it holds (each masked, everything else kept)
FOUND = [
    # greetings and addressing
    ("Thanks Riley, your record is updated.", ["Riley"]),
    ("Thank you, Sigmund!", ["Sigmund"]),
    ("Dear Ms. Nguyễn Thị Lan,\nyour refund", ["Nguyễn Thị Lan"]),
    ("Hi Seán, Hi Chloé, Hi Søren.", ["Seán", "Chloé", "Søren"]),
    ("Hello Siobhán O'Sullivan-Murphy.", ["Siobhán O'Sullivan-Murphy"]),
    ("Hey DeShawn - quick one", ["DeShawn"]),
    ("Good evening Dr. J. R. Smith;", ["J. R. Smith"]),
    # sign-offs
    ("Please advise.\n\nBest regards,\nJane Doe\nHead of Ops", ["Jane Doe"]),
    ("Sincerely\nŁukasz Żółkiewski", ["Łukasz Żółkiewski"]),
    ("thanks again for your help. Cheers, Mathijs van Beeck", ["Mathijs van Beeck"]),
    ("Thanks,\r\nGérard", ["Gérard"]),
    # introductions
    ("Hi, my name's Ana Belén Ponce and I need help", ["Ana Belén Ponce"]),
    ("I'm Jürgen.", ["Jürgen"]),
    ("please call me Mohammed bin Salman.", ["Mohammed bin Salman"]),
    ("Mr. Hashimoto called", ["Hashimoto"]),
    ("full_name=Pietra da Cunha phone=", ["Pietra da Cunha"]),
    ('{"display_name": "Ioannis Häring"}', ["Ioannis Häring"]),
    ("Card holder: Marleen Pärtzelt", ["Marleen Pärtzelt"]),
    # roles and `by` phrases
    ("2026-03-23T17:24:42Z INFO customer Ana Belén Ponce changed billing address", ["Ana Belén Ponce"]),
    ("the cardholder Jean-Baptiste Lefèvre disputed", ["Jean-Baptiste Lefèvre"]),
    ("Patient: Evy van Ochten, room 12", ["Evy van Ochten"]),
    ("signed by Heinz-Joachim Barth on 3 March", ["Heinz-Joachim Barth"]),
    ("escalated to Ravi Shankar Iyer", ["Ravi Shankar Iyer"]),
    ("This is Marie Curie.", ["Marie Curie"]),
    # cues
    ("it's Sven from billing", ["Sven"]),
    ("Olivia here - can u text me", ["Olivia"]),
    ('{"content": "Hello, Ana Belén here. Is my order late?"}', ["Ana Belén"]),
    # display names: the address goes to the email detector
    ("From: Tomás Ó Briain <tomas@example.ie>", ["Tomás Ó Briain"]),
    ('To: "García, María" <maria@example.es>', ["García, María"]),
    # headers, speakers, mentions, possessives, signatures; Polish, Turkish, Czech, Greek and Cyrillic letters
    ("Subject: refund\nFrom: Łukasz Żółkiewski\nTo: Şükrü Öztürk", ["Łukasz Żółkiewski", "Şükrü Öztürk"]),
    ("Agent: hello\nJiří Dvořák: hi, my card was charged twice", ["Jiří Dvořák"]),
    ("please ask Nguyễn about it", ["Nguyễn"]),
    ("I updated Γιώργος Παπαδόπουλος's account", ["Γιώργος Παπαδόπουλος"]),
    ("Dear Иван Петров,", ["Иван Петров"]),
    ("Thanks.\n--\nНаталья", ["Наталья"]),
]

# text kept as it is: greeting objects, teams, products, lowercase words
KEPT = [
    "From: Support Team\nTo: All Staff\nName: Production\nPatient: unknown",
    "Error: I/O timeout\nRoot Cause: the cache expired",
    "compatible with Visual Studio Code",
    "ask Google about it, per Month, according to Wikipedia,",
    "Amazon's account page and Today's order count",
    "Thanks Again, see you",
    "Thanks for the update!",
    "Hi Team, the deploy is done.",
    "Hi All,",
    "Dear Customer,",
    "Dear Valued Customer,",
    "Dear Hiring Manager,",
    "Hello World!",
    "Hello, World.",
    "Thank You!",
    "Regards, The Support Team",
    "Best,\nThe Acme Team",
    "Thanks,\nAcme Support",
    "Best Practices\nOverview\n",
    "This is Kafka",
    "This is Kafka.",
    "This is Apache Kafka.",
    "It's Monday - again",
    "It's Friday!",
    "I'm Sorry, I can't.",
    "I am Happy to help.",
    "call me Back later",
    "customer Support changed the plan",
    "the customer Success Manager",
    "contact Customer Support",
    "user Settings Page",
    "created by GitHub Actions",
    "assigned to Platform Team",
    "talked to support on the phone today",
    "talked to christelle toussaint on the phone",  # lower case: no context tells it from ordinary words
    "Click here, then Save.",
    "Done. Override here, not in the base class.",
    "Sign here:",
    "Acme <noreply@acme.com>",
    "Acme Billing <billing@acme.com>",
    '"name": "billing-api"',
    "Retrying Grafana in 10s (attempt 2/5)",
    "Grafana is listening on localhost:3000 with 26 workers.",
    "Mr. Robot",
    "Hey Siri, set a timer",
]


@pytest.fixture
def scanner(key) -> TextScanner:
    return TextScanner(default_detectors(), key, None)


def _masked_like(scanner: TextScanner, text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, scanner.token("PERSON", person_name(name)), 1)
    return text


@pytest.mark.parametrize(("text", "names"), FOUND)
def test_names_are_masked_in_context(scanner: TextScanner, text: str, names: list[str]) -> None:
    masked = scanner.mask(pl.Series([text])).masked.item()
    expected = re.sub(r"[^<> ]+@[^<> ]+", "EMAIL", _masked_like(scanner, text, names))
    assert re.sub(r"<EMAIL:[0-9a-f]{8}>", "EMAIL", masked) == expected
    assert scanner.mask_text(text, ner=False) == masked


@pytest.mark.parametrize("text", KEPT)
def test_text_without_a_name_is_kept(scanner: TextScanner, text: str) -> None:
    masked = scanner.mask(pl.Series([text])).masked.item()
    assert "<PERSON:" not in masked


def test_display_name_keeps_the_email_for_the_email_detector(scanner: TextScanner) -> None:
    masked = scanner.mask(pl.Series(["New signup: Cristian Prieto <dguarana@yahoo.com>, SSN"])).masked.item()
    assert re.fullmatch(r"New signup: <PERSON:[0-9a-f]{8}> <<EMAIL:[0-9a-f]{8}>>, SSN", masked)


def test_masked_output_is_not_found_again(scanner: TextScanner) -> None:
    texts = [text for text, _ in FOUND]
    once = scanner.mask(pl.Series(texts)).masked
    assert scanner.find(once) == {}
    assert scanner.mask(once).masked.to_list() == once.to_list()


# ---- one person, one token: the same pseudonym as spaCy's ------------------------------------------------


class NerFinds:
    """A stand-in for spaCy that tags the given names as PERSON wherever they stand."""

    model_name, version = "stub", "stub-1"

    def __init__(self, *names: str) -> None:
        self.names = names

    def spans(self, texts: list[str]) -> list[tuple[tuple[int, int, str], ...]]:
        return [
            tuple((m.start(), m.end(), "PERSON") for n in self.names for m in re.finditer(re.escape(n), t))
            for t in texts
        ]


@pytest.mark.parametrize(
    ("regex_text", "ner_text", "regex_name", "ner_name"),
    [
        ("Thanks Riley, your record is updated.", "I met Riley yesterday", "Riley", "Riley"),
        ("customer Ana Belén Ponce changed billing", "Ask ANA BELÉN PONCE about it", "Ana Belén Ponce",
         "ANA BELÉN PONCE"),
        ("Regards, Dino Cherubini", "ticket from Dino  Cherubini today", "Dino Cherubini", "Dino  Cherubini"),
        ("Hi, I'm Katharina Preiß.", "Then I spoke to KATHARINA PREISS", "Katharina Preiß", "KATHARINA PREISS"),
    ],
)  # fmt: skip
def test_regex_and_ner_give_one_person_one_token(key, regex_text, ner_text, regex_name, ner_name) -> None:
    with_ner = TextScanner(default_detectors(), key, NerFinds(ner_name))  # type: ignore[arg-type]
    by_regex, by_ner = with_ner.mask(pl.Series([regex_text, ner_text])).masked.to_list()
    regex_tokens, ner_tokens = re.findall(TOKEN_PATTERN, by_regex), re.findall(TOKEN_PATTERN, by_ner)
    assert regex_name not in by_regex and ner_name not in by_ner
    assert len(regex_tokens) == len(ner_tokens) == 1
    assert regex_tokens == ner_tokens


def test_normalize_is_the_ner_normalization() -> None:
    assert person_name("  Ana\tBelén  PONCE ") == "ana belén ponce"
    assert person_name("Katharina Preiß") == "katharina preiss"
    assert all(d.normalize is person_name and d.entity == "PERSON" for d in NAME_DETECTORS)


# ---- the validator ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ok"),
    [("Riley", True), ("Hans-Christian", True), ("O'Brien", True), ("D'Souza", True), ("Tomás Ó Briain", True),
     ("Anna van der Berg", True), ("Emir 's Gravensande", True), ("J. R. Smith", True), ("Doe, Jane", True),
     ("Łukasz", True), ("Ñandú Pérez", True), ("McDonald", True),
     ("Again", False), ("Team", False), ("Customer Support", False), ("Kafka", False), ("Monday", False),
     ("Jane Doe Team", False), ("No-Reply", False), ("Acme Corp", False), ("ānna", False), ("van der", False),
     ("J. R.", False), ("GitHub", False)],
)  # fmt: skip
def test_person_name_valid(value: str, ok: bool) -> None:
    assert person_name_valid(value) is ok


def test_given_names_that_are_also_months_are_names() -> None:
    assert all(person_name_valid(n) for n in ("April", "May", "June", "August"))
    assert not any(person_name_valid(n) for n in ("January", "March", "October"))


# ---- cost ---------------------------------------------------------------------------------------------

ADVERSARIAL = {
    "capitalized words": "Aaaa " * 20_000,
    "greetings": "Hi " * 20_000,
    "greeting then words": "Thanks " + "Anna " * 20_000,
    "roles": "customer Jane " * 10_000,
    "hyphens": "Aa-" * 20_000,
    "extended letters": "Ł" + "ł" * 40_000,
    "closing then blanks": "Regards," + " " * 40_000,
    "display names without email": "Jane Doe <" * 10_000,
    "here": "Anna Bell here here " * 5_000,
    "initials": "A." * 20_000,
    "greeting then initials": "Hi " + "A. " * 20_000,
}


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
@pytest.mark.parametrize("detector", NAME_DETECTORS, ids=lambda d: d.name)
def test_python_matching_stays_linear(detector, text: str) -> None:
    start = time.process_time()
    detector.find(text)
    assert time.process_time() - start < 1.0


@pytest.mark.parametrize(
    "detector",
    [PERSON_GREETING, PERSON_SIGNOFF, PERSON_INTRODUCED, PERSON_ROLE, PERSON_ITS, PERSON_HERE, PERSON_DISPLAY_NAME],
    ids=lambda d: d.name,
)
def test_polars_reads_the_unicode_names_like_python(detector) -> None:
    texts = [f"seen: {t}" for t in [*detector.examples, *detector.near_misses, *(t for t, _ in FOUND), *KEPT]]
    for text in texts:
        python = [m.group(0) for m in re.finditer(detector.pattern, text)]
        assert pl.Series([text]).str.extract_all(detector.polars_pattern).item().to_list() == python, text
