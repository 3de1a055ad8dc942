"""The held-out corpus: labeled items from templates written apart from the detection rules (``--corpus heldout``).

The main corpus (``texts.py``, ``records.py``, ``negatives.py``) is read while the detection rules are tuned, so
its leak rates may flatter the rules on text nobody looked at. This corpus measures that gap. It has the main
corpus's categories, proportions, entity types and labeling (``Draft.plant``, ``label``), but everything else
is its own: templates (mail threads, chat, tickets, clinical and HR notes, tables, CSV, stack traces, SQL, HTTP
logs, configs and code, several AI-log shapes, varied column names, technical hard negatives), value formats on
top of ``Values`` (more name locales, national phone formats, more IBAN countries, other date, card and
credential shapes), non-sensitive noise and a seed stream that never meets the main corpus's.

Rule of use: tune detectors on the main corpus; read only this corpus's totals, never its items or leaks (once
a template has been looked at to fix a rule, it is no longer held out: write new ones instead).

Labels are exact: a drawn item is kept only if every planted value occurs exactly as often as it was planted
(occurrences inside a longer planted value aside) and no two planted values overlap otherwise. A value that
also turns up by chance in the surrounding text (a first name that is an English word, a surname inside a
street name) makes the builder draw the item again rather than keep a wrong label.
"""

from __future__ import annotations

import ipaddress
import random
import string
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote, quote_plus

import orjson
from faker import Faker

from masking.evaluation.corpus import (
    AI_CHAT_LOG,
    CONFIG_SECRETS,
    DB_CELLS,
    FREE_TEXT,
    HARD_NEGATIVES,
    JSON_CATEGORIES,
    LOG_LINES,
    Draft,
    Item,
    category_counts,
    label,
    occurrences,
)
from masking.evaluation.values import ALNUM, B64, BBAN_ALPHABETS, URLSAFE, Values, iban_check_digits, luhn_check_digit

SEED_SALT = 0x484F4C44  # "HOLD": the held-out Faker seeds are far from the main corpus's (seed * 31 + locale)
MAX_DRAWS = 40
START = datetime(2026, 4, 6, 7, 30, tzinfo=UTC)
HEX = "0123456789abcdef"
DIGITS = string.digits
UPPER = string.ascii_uppercase

# ---- values -------------------------------------------------------------------------------------------------

EXTRA_LOCALES = ("en_IN", "pl_PL", "sv_SE", "es_MX", "en_AU", "en_IE", "da_DK", "en_CA")
NAME_LOCALES = ("en_US", "en_US", "en_GB", "en_IN", "pl_PL", "sv_SE", "es_MX", "en_AU", "en_IE", "da_DK", "de_DE",
                "fr_FR", "it_IT", "pt_BR", "nl_NL", "en_CA")  # fmt: skip
EMAIL_DOMAINS = ("hotmail.com", "gmx.de", "ymail.com", "me.com", "fastmail.com", "hey.com", "tutanota.com",
                 "northwind-traders.com", "contoso.io", "btinternet.com", "free.fr", "libero.it", "uol.com.br",
                 "students.uni-mannheim.de", "cs.example.edu", "globex.co")  # fmt: skip
AREA_CODES = (202, 214, 267, 310, 323, 347, 412, 480, 510, 615, 619, 704, 773, 808, 818, 858, 972)
BBAN_LAYOUT = {
    "BE": (("n", 12),), "AT": (("n", 16),), "CH": (("n", 5), ("c", 12)), "IE": (("a", 4), ("n", 14)),
    "PL": (("n", 24),), "SE": (("n", 20),), "PT": (("n", 21),), "DK": (("n", 14),),
}  # fmt: skip
PASSWORD_WORDS = ("Bluebird", "coffee", "Harbor", "winter", "Rocket", "maple", "Jazz", "pepper", "Cobalt", "Lemon")


def ascii_fold(text: str) -> str:
    """Letters without accents (``Łukasz`` keeps ``ukasz``), as systems that only take ASCII write names."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii() and c.isalpha())


class HeldoutValues(Values):
    """``Values`` with other formats mixed in: every value is still valid where its type has a rule."""

    def __init__(self, seed: int, rng: random.Random) -> None:
        super().__init__(seed, rng)
        for offset, locale in enumerate(EXTRA_LOCALES, start=50):
            fake = Faker(locale)
            fake.seed_instance(seed * 31 + offset)
            self._fakers[locale] = fake

    def faker(self, locale: str) -> Faker:
        return self._fakers[locale]

    # ---- people ----------------------------------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        fake = self._fakers[self.rng.choice(NAME_LOCALES)]
        return str(fake.first_name()), str(fake.last_name())

    def email(self, first: str | None = None, last: str | None = None) -> str:
        if first is None or last is None:
            first, last = self.person()
        f, l_ = ascii_fold(first).lower() or "hello", ascii_fold(last).lower() or "inbox"
        rng = self.rng
        local = rng.choice([f"{f}{l_}", f"{f}.{l_}{rng.randint(1, 9)}", f"{f[0]}.{l_}", f"{l_}{f[0]}", f"{f}-{l_}",
                            f"{f}{rng.randint(70, 99)}", f"{f}.{l_}", f"{l_}.{f}"])  # fmt: skip
        return f"{local}@{rng.choice(EMAIL_DOMAINS)}"

    def phone_e164(self) -> str:
        area, exchange, line = self.rng.choice(AREA_CODES), self.rng.randrange(200, 1000), self.rng.randrange(10_000)
        if exchange % 100 == 11:
            exchange += 1
        return f"+1{area}{exchange}{line:04d}"

    def phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.35:
            return super().phone()
        area, exchange, line = rng.choice(AREA_CODES), rng.randrange(200, 1000), rng.randrange(10_000)
        if exchange % 100 == 11:
            exchange += 1

        def two() -> str:
            return f"{rng.randrange(100):02d}"

        return rng.choice([
            f"{area} {exchange} {line:04d}", f"+1{area}{exchange}{line:04d}", f"({area}){exchange}-{line:04d}",
            f"+1 {area} {exchange} {line:04d}", f"{area}/{exchange}-{line:04d}",
            f"+44 7{rng.choice('45789')}{rng.randrange(10, 100)} {rng.randrange(10**6):06d}",
            f"07{rng.choice('45789')}{rng.randrange(10, 100)} {rng.randrange(10**6):06d}",
            f"+49 15{rng.randrange(10)} {rng.randrange(10**7, 10**8)}", f"+49 (0)30 {rng.randrange(10**6, 10**7)}",
            f"06 {two()} {two()} {two()} {two()}", f"+33 7 {two()} {two()} {two()} {two()}",
            f"+91 9{rng.randrange(1000, 10000)} {rng.randrange(10**5):05d}",
            f"+61 4{rng.randrange(10, 100)} {rng.randrange(100, 1000)} {rng.randrange(100, 1000)}",
            f"+31 6 {rng.randrange(10**7, 10**8)}",
            f"+48 {rng.randrange(500, 900)} {rng.randrange(100, 1000)} {rng.randrange(100, 1000)}",
        ])  # fmt: skip

    def card(self) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            return super().card()
        prefix, groups = rng.choice([(str(rng.randint(3528, 3589)), (4, 4, 4, 4)), ("36", (4, 6, 4)),
                                     ("62", (4, 4, 4, 4)), ("4", (4, 4, 4, 4)), ("53", (4, 4, 4, 4)),
                                     ("2720", (4, 4, 4, 4))])  # fmt: skip
        body = prefix + "".join(rng.choices(DIGITS, k=sum(groups) - len(prefix) - 1))
        digits = body + luhn_check_digit(body)
        style = rng.random()
        if style < 0.4:
            return digits
        cuts = [sum(groups[:i]) for i in range(len(groups) + 1)]
        return (" " if style < 0.85 else "-").join(digits[a:b] for a, b in zip(cuts, cuts[1:], strict=False))

    def iban(self, grouped: bool | None = None) -> str:
        if self.rng.random() < 0.5:
            return super().iban(grouped)
        country = self.rng.choice(list(BBAN_LAYOUT))
        bban = "".join(self.token(n, BBAN_ALPHABETS[kind]) for kind, n in BBAN_LAYOUT[country])
        compact = country + iban_check_digits(country, bban) + bban
        if grouped is None:
            grouped = self.rng.random() < 0.5
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if grouped else compact

    def ip(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return super().ip()
        if roll < 0.55:
            return f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        if roll < 0.65:
            return f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        if roll < 0.85:
            head = rng.choice([0x2A02, 0x2A01, 0x2600, 0x2607, 0x2001, 0x2C0F, 0x2804])
            groups = [head, rng.randrange(0x100, 0x10000), rng.randrange(0x10000), 0, 0, 0, rng.randrange(0x10000),
                      rng.randrange(1, 0x10000)]  # fmt: skip
            if head == 0x2001:
                groups[1] = rng.choice([0x4860, 0x67C, 0x1C00, 0xB000])
            return str(ipaddress.IPv6Address(sum(g << (16 * (7 - i)) for i, g in enumerate(groups))))
        return str(self.fake.ipv4_public())

    def street_address(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return super().street_address()
        if roll < 0.55:
            us = self._fakers["en_US"]
            unit = rng.choice(["Apt", "Unit", "Apt.", "Suite"])
            unit += f" {rng.randint(1, 40)}{rng.choice(['', 'B', 'C'])}"
            return f"{us.building_number()} {us.street_name()} {unit}, {us.city()}, {us.state_abbr()} {us.zipcode()}"
        if roll < 0.72:
            gb = self._fakers["en_GB"]
            return f"{gb.building_number()} {gb.street_name()}, {gb.city()} {gb.postcode()}"
        if roll < 0.86:
            de = self._fakers["de_DE"]
            return f"{de.street_name()} {de.building_number()}, {de.postcode()} {de.city()}"
        locale = rng.choice(["fr_FR", "en_AU", "en_CA"])
        fake = self._fakers[locale]
        return f"{fake.building_number()} {fake.street_name()}, {fake.postcode()} {fake.city()}"

    def born(self) -> date:
        return date(1941, 1, 1) + timedelta(days=self.rng.randrange(64 * 365))

    def birth_date(self) -> str:
        rng = self.rng
        if rng.random() < 0.35:
            return super().birth_date()
        born = self.born()
        return rng.choice([f"{born:%d/%m/%Y}", f"{born:%d.%m.%Y}", f"{born.day} {born:%B %Y}",
                           f"{born:%b} {born.day}, {born.year}", f"{born:%d-%b-%Y}".upper(),
                           f"{born.month}/{born.day}/{born.year}"])  # fmt: skip

    # ---- secrets ---------------------------------------------------------------------------------------

    def github_token(self) -> str:
        return super().github_token() if self.rng.random() < 0.7 else self.rng.choice(["ghu_", "ghr_"]) + self.token(36)

    def openai_key(self) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            return super().openai_key()
        return rng.choice(["sk-svcacct-" + self.token(rng.choice([64, 124]), URLSAFE), "sk-" + self.token(48),
                           "sk-admin-" + self.token(64, URLSAFE)])  # fmt: skip

    def bearer_token(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return super().bearer_token()
        return rng.choice(["ya29.a0" + self.token(rng.randint(140, 180), URLSAFE), self.token(64, HEX),
                           self.token(1, ALNUM) + self.token(rng.choice([27, 35]), ALNUM + "~-_")])  # fmt: skip

    def password(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return super().password()
        w1, w2 = rng.choice(PASSWORD_WORDS), rng.choice(PASSWORD_WORDS)
        return rng.choice([
            f"P@ssw0rd{rng.randint(10, 99)}{rng.choice('!$#')}", f"{w1}{w2.capitalize()}{rng.randint(1, 999)}",
            f"{w1.lower()}_{w2.lower()}{rng.choice('!?&')}{rng.randint(1, 9)}",
            self.token(1, UPPER) + self.token(rng.randint(7, 11), ALNUM + "$&%+=") + str(rng.randint(0, 9)),
            f"{w1[0]}{self.token(3, DIGITS)}{w2.lower()}{rng.choice('#$')}",
        ])  # fmt: skip

    def stripe_key(self) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            return super().stripe_key()
        return rng.choice(["sk_live_51" + self.token(97), "rk_test_51" + self.token(97), "sk_live_" + self.token(34)])

    def slack_token(self) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            return super().slack_token()
        return rng.choice([
            f"xapp-1-A{self.token(10, UPPER + DIGITS)}-{self.token(13, DIGITS)}-{self.token(64, HEX)}",
            f"xoxb-{self.token(rng.randint(10, 13), DIGITS)}-{self.token(rng.randint(11, 13), DIGITS)}-"
            + self.token(24),
        ])  # fmt: skip


_MAKERS: dict[str, Callable[[Values], str]] = {
    "PERSON": lambda v: " ".join(v.person()), "EMAIL": lambda v: v.email(), "PHONE": lambda v: v.phone(),
    "US_SSN": lambda v: v.ssn(), "CREDIT_CARD": lambda v: v.card(), "IBAN": lambda v: v.iban(),
    "IP_ADDRESS": lambda v: v.ip(), "STREET_ADDRESS": lambda v: v.street_address(),
    "DATE_OF_BIRTH": lambda v: v.birth_date(), "AWS_ACCESS_KEY": lambda v: v.aws_access_key(),
    "AWS_SECRET_KEY": lambda v: v.aws_secret_key(), "GITHUB_TOKEN": lambda v: v.github_token(),
    "JWT": lambda v: v.jwt(), "PRIVATE_KEY": lambda v: v.private_key(), "PASSWORD": lambda v: v.password(),
    "BEARER_TOKEN": lambda v: v.bearer_token(), "OPENAI_KEY": lambda v: v.openai_key(),
    "SLACK_TOKEN": lambda v: v.slack_token(), "STRIPE_KEY": lambda v: v.stripe_key(),
    "GOOGLE_API_KEY": lambda v: v.google_api_key(),
}  # fmt: skip


def new(d: Draft, entity: str) -> str:
    """A fresh value of ``entity`` in the held-out formats, planted."""
    return d.plant(_MAKERS[entity](d.values), entity)


def hv(d: Draft) -> HeldoutValues:
    assert isinstance(d.values, HeldoutValues)
    return d.values


class Person:
    """Somebody in a text: each accessor plants what it writes, so call it once per place the text shows it."""

    def __init__(self, d: Draft) -> None:
        self.d = d
        self.first, self.last = d.values.person()
        self.address = d.values.email(self.first, self.last)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def name(self) -> str:
        return self.d.plant(self.full, "PERSON")

    def given(self) -> str:
        return self.d.plant(self.first, "PERSON")

    def surname(self) -> str:
        return self.d.plant(self.last, "PERSON")

    def email(self) -> str:
        return self.d.plant(self.address, "EMAIL")

    def written(self, form: str) -> str:
        """The name written some other way (``SMITH, Jane``, lowercase, ...): planted as written."""
        return self.d.plant(form, "PERSON")


def dob_iso(d: Draft) -> str:
    return d.plant(hv(d).born().isoformat(), "DATE_OF_BIRTH")


def e164(d: Draft) -> str:
    return d.plant(hv(d).phone_e164(), "PHONE")


def dsn_password(d: Draft) -> str:
    """The password of a connection string, labeled as the main corpus labels it (``DATABASE_URL``)."""
    return d.plant(d.values.url_password(), "DATABASE_URL")


# ---- non-sensitive noise --------------------------------------------------------------------------------

COMPANIES = ("Northwind Traders", "Contoso Ltd", "Globex", "Initech", "Umbrella Health", "Blue Harbor Dental",
             "Fabrikam", "Tailspin Toys", "Lakeside Pediatrics", "Wide World Importers")  # fmt: skip
CLINICS = ("Riverside Family Practice", "Lakeside Pediatrics", "Northgate Orthopaedics", "St. Aldric Medical Centre")
BICS = ("DEUTDEFFXXX", "COBADEFFXXX", "BNPAFRPPXXX", "INGBNL2A", "BARCGB22", "ABNANL2A", "UBSWCHZH80A")
CITIES = ("Lagos", "Sao Paulo", "Warsaw", "Jakarta", "Frankfurt am Main", "Ashburn", "Singapore", "Dublin")
MODELS = ("gpt-4.1-mini", "gpt-4.1", "gpt-4o-2024-11-20", "o4-mini", "claude-sonnet-4-20250514",
          "claude-3-7-sonnet-20250219", "claude-3-5-haiku-20241022", "gemini-2.0-flash", "gemini-2.5-pro")  # fmt: skip


def hexs(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(HEX, k=n))


def uuid(rng: random.Random) -> str:
    h = hexs(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def ticket(rng: random.Random) -> str:
    return rng.choice([f"ZD-{rng.randrange(10**4, 10**5)}", f"HELP-{rng.randrange(10**4)}",
                       f"CS-2026-{rng.randrange(10**4):04d}", f"#{rng.randrange(10**5, 10**6)}"])  # fmt: skip


def order_no(rng: random.Random) -> str:
    return rng.choice([f"NW-{rng.randrange(10**6):06d}-{rng.choice(UPPER)}", f"SO{rng.randrange(10**7, 10**8)}",
                       f"A{rng.randrange(100, 1000)}-{rng.randrange(10**4):04d}"])  # fmt: skip


def invoice(rng: random.Random) -> str:
    return f"INV/{rng.randint(2025, 2026)}/{rng.randrange(10**5):05d}"


def money(rng: random.Random) -> str:
    return f"{rng.randrange(5, 3000)}.{rng.randrange(100):02d}"


def when(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.randrange(40 * 86_400), microseconds=rng.randrange(10**6))


def iso(rng: random.Random) -> str:
    return when(rng).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def version(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(0, 4)}.{rng.randint(0, 40)}.{rng.randint(0, 15)}",
                       f"v{rng.randint(1, 3)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}",
                       f"{rng.randint(2024, 2026)}.{rng.randint(1, 12)}.{rng.randint(0, 4)}"])  # fmt: skip


# ---- free text and chat -----------------------------------------------------------------------------------


def ft_support_email(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Good morning,\n\nI ordered a standing desk last week (order {order_no(r)}) and the tracking page still "
            f"says 'label created'. Could someone look into it? The phone number on the order is {new(d, 'PHONE')}.\n\n"
            f"Kind regards,\n{p.name()}\n{new(d, 'STREET_ADDRESS')}")  # fmt: skip


def ft_reply_thread(d: Draft) -> str:
    r, cust, agent = d.rng, Person(d), Person(d)
    day = when(r)
    return (f"Hi {cust.given()},\n\nThanks for your patience. I've asked our billing team to reverse the duplicate "
            f"charge; it usually shows up within 5-7 business days.\n\nBest,\n{agent.name()}\nCustomer Care, "
            f"{r.choice(COMPANIES)}\n\nOn {day:%a, %d %b %Y} at {day:%H:%M}, {cust.name()} <{cust.email()}> wrote:\n"
            f"> Hello,\n> I was billed twice for {invoice(r)}. The card is {new(d, 'CREDIT_CARD')}.\n"
            f"> Please sort this out.\n> {cust.given()}")  # fmt: skip


def ft_forwarded(d: Draft) -> str:
    r, sender, me = d.rng, Person(d), Person(d)
    return (f"---------- Forwarded message ---------\nFrom: {sender.name()} <{sender.email()}>\n"
            f"Date: {when(r):%a, %b %d, %Y at %I:%M %p}\nSubject: Re: lease renewal\nTo: {me.name()} <{me.email()}>\n\n"
            f"Hi {me.given()}, attached is the signed renewal. If anything is missing you can call me on "
            f"{new(d, 'PHONE')} after 5pm.\n\n{sender.given()}")  # fmt: skip


def ft_slack_thread(d: Draft) -> str:
    r, a, b, cust = d.rng, Person(d), Person(d), Person(d)
    t = when(r)
    return (f"{a.name()}  {t:%I:%M %p}\nanyone know why the CSV export keeps timing out for {cust.name()}? account "
            f"{r.randrange(10**5, 10**6)}\n{b.name()}  {t + timedelta(minutes=2):%I:%M %p}\nlooking. is their login "
            f"{cust.email()}?\n{a.name()}  {t + timedelta(minutes=3):%I:%M %p}\nyep. they're on a call with me now, "
            f"{new(d, 'PHONE')} if you need them")  # fmt: skip


def ft_slack_secret(d: Draft) -> str:
    r, a, b = d.rng, Person(d), Person(d)
    key = new(d, r.choice(["OPENAI_KEY", "STRIPE_KEY", "SLACK_TOKEN", "GITHUB_TOKEN", "GOOGLE_API_KEY"]))
    return (f"#eng-oncall\n{a.name()}: staging returns 401 again. I'm using `{key}` from the vault, is that the old "
            f"one?\n{b.name()}: pls don't paste keys in here :sweat_smile: rotate it and ping me\n"
            f"{a.given()}: done, rotated. sorry!")  # fmt: skip


def ft_hr_review(d: Draft) -> str:
    r, emp, mgr = d.rng, Person(d), Person(d)
    return (f"CONFIDENTIAL - Performance review {r.randint(2025, 2026)}\nEmployee: {emp.name()} "
            f"(ID E{r.randrange(10**5):05d})\nManager: {mgr.name()}\nRating: {r.choice(['Meets', 'Exceeds'])} "
            f"expectations\n\n{emp.given()} led the warehouse migration and mentored two new hires. We discussed the "
            f"relocation package; the home address on file is {new(d, 'STREET_ADDRESS')}. Next check-in with "
            f"{mgr.given()} in Q3.")  # fmt: skip


def ft_hr_payroll(d: Draft) -> str:
    emp, hr = Person(d), Person(d)
    return (f"Hi {hr.given()},\n\nAs requested for the payroll setup:\n\nLegal name: {emp.name()}\n"
            f"SSN: {new(d, 'US_SSN')}\nDate of birth: {new(d, 'DATE_OF_BIRTH')}\nBank (IBAN): {new(d, 'IBAN')}\n\n"
            f"Let me know if you also need a voided check.\n{emp.given()}")  # fmt: skip


def ft_clinic_note(d: Draft) -> str:
    r, pt, doc = d.rng, Person(d), Person(d)
    ehr = pt.written(f"{pt.last.upper()}, {pt.first}")
    return (f"PROGRESS NOTE\nPatient: {ehr}   DOB: {new(d, 'DATE_OF_BIRTH')}   MRN: {r.randrange(10**7, 10**8)}\n"
            f"S: {r.randint(19, 84)}yo presents with intermittent chest tightness x3 days, worse on exertion. "
            f"Denies fever.\nO: BP {r.randint(105, 160)}/{r.randint(60, 100)}, HR {r.randint(55, 110)}, "
            f"SpO2 {r.randint(93, 100)}%.\nA/P: r/o angina; ECG ordered, f/u in 2 wks. Pt prefers contact by phone "
            f"at {new(d, 'PHONE')}.\nSigned: {doc.name()}, MD")  # fmt: skip


def ft_referral(d: Draft) -> str:
    r, pt, doc, gp = d.rng, Person(d), Person(d), Person(d)
    return (f"Dear Dr {doc.surname()},\n\nRe: {pt.name()}, DOB {new(d, 'DATE_OF_BIRTH')}\n"
            f"{new(d, 'STREET_ADDRESS')}\n\nThank you for seeing this pleasant {r.randint(30, 80)}-year-old with "
            f"worsening right knee pain despite six weeks of physiotherapy. X-ray from {when(r):%d/%m} attached.\n\n"
            f"Yours sincerely,\n\nDr {gp.name()}\n{r.choice(CLINICS)}")  # fmt: skip


def ft_ticket(d: Draft) -> str:
    r, cust = d.rng, Person(d)
    return (f"Ticket {ticket(r)} | Priority: {r.choice(['High', 'Normal', 'Urgent'])} | Channel: "
            f"{r.choice(['Email', 'Web', 'Chat'])}\nRequester: {cust.name()} ({cust.email()})\n"
            f"Subject: Can't update payment method\n\nCustomer reports the card {new(d, 'CREDIT_CARD')} is declined "
            f"when added under Settings > Billing, although it works elsewhere. Safari 17.4 on macOS. Tried twice "
            f"since {when(r):%b %d}.")  # fmt: skip


def ft_contact_form(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"New submission from 'Contact sales'\n\nFirst name: {p.given()}\nLast name: {p.surname()}\n"
            f"Work email: {p.email()}\nPhone: {new(d, 'PHONE')}\nCompany: {r.choice(COMPANIES)}\n"
            f"Team size: {r.choice(['1-10', '11-50', '51-200'])}\nMessage: We'd like a demo of the enterprise plan "
            f"next week.\n\nSubmitted {when(r):%Y-%m-%d %H:%M} UTC from {new(d, 'IP_ADDRESS')}")  # fmt: skip


def ft_meeting_notes(d: Draft) -> str:
    r, a, b, c = d.rng, Person(d), Person(d), Person(d)
    return (f"Weekly ops sync, {when(r):%d %b}\nAttendees: {a.name()}, {b.name()}, {c.name()}\n\n"
            f"- {a.given()} owns the vendor migration, due end of month\n- {b.given()} is out next week, "
            f"{c.given()} covers on-call\n- The vendor wants the payout account confirmed: {new(d, 'IBAN')} "
            f"(holder: {b.name()})\n- AI: {c.given()} to follow up with legal")  # fmt: skip


def ft_markdown_table(d: Draft) -> str:
    r = d.rng
    rows = []
    for _ in range(r.randint(2, 4)):
        p = Person(d)
        rows.append(f"| {p.name()} | {p.email()} | {new(d, 'PHONE')} | {r.choice(['Admin', 'Viewer', 'Billing'])} |")
    head = "Here are the users who still haven't turned on MFA:\n\n| Name | Email | Phone | Role |\n|---|---|---|---|\n"
    return head + "\n".join(rows) + "\n\nCan you nudge them before Friday?"


def ft_csv_rows(d: Draft) -> str:
    r = d.rng
    rows = ["customer_id,full_name,email,phone,signup_ip,date_of_birth"]
    for _ in range(r.randint(2, 4)):
        p = Person(d)
        name = p.written(f"{p.last}, {p.first}") if r.random() < 0.4 else p.name()
        rows.append(f'{r.randrange(10**5, 10**6)},"{name}",{p.email()},"{new(d, "PHONE")}",{new(d, "IP_ADDRESS")},'
                    f'"{new(d, "DATE_OF_BIRTH")}"')  # fmt: skip
    return "Export attached, first rows below:\n\n" + "\n".join(rows)


def ft_sms(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Hi, it's {p.given()} from {r.choice(['Blue Harbor Dental', 'Lakeside Pediatrics', 'the front desk'])}. "
            f"Your appointment moved to Thu {r.randint(8, 16)}:{r.choice(['00', '30'])}. Reply C to confirm or call us "
            f"back on {new(d, 'PHONE')}.")  # fmt: skip


def ft_casual_lowercase(d: Draft) -> str:
    p = Person(d)
    return (f"hey, can u send the receipt to my other email {p.email()}? the work one blocks attachments lol. "
            f"also my new number is {new(d, 'PHONE')}\n- {p.written(p.first.lower())}")  # fmt: skip


def ft_address_change(d: Draft) -> str:
    r = d.rng
    return (f"I moved! Please change the address on my account from {new(d, 'STREET_ADDRESS')} to "
            f"{new(d, 'STREET_ADDRESS')}. If you need to verify it's me, my date of birth is "
            f"{new(d, 'DATE_OF_BIRTH')} and my last order was {order_no(r)}.")  # fmt: skip


def ft_card_in_chat(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Agent: For your security, please don't share your full card number in this chat.\nCustomer: oh sorry, "
            f"already did in my first message: {new(d, 'CREDIT_CARD')} exp {r.randint(1, 12):02d}/{r.randint(26, 31)}, "
            f"can you delete that?\nAgent: Done, I've flagged it for removal, {p.given()}.")  # fmt: skip


def ft_bank_details(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Please pay the deposit of EUR {money(r)} by {when(r):%d.%m.%Y} to:\n\nAccount holder: {p.name()}\n"
            f"IBAN: {new(d, 'IBAN')}\nBIC: {r.choice(BICS)}\nReference: {order_no(r)}\n\nThanks, {p.given()}")


def ft_password_help(d: Draft) -> str:
    p = Person(d)
    return (f"I can't get into my account. Username is {p.email()} and I'm pretty sure the password is "
            f"{new(d, 'PASSWORD')} because that's what I wrote down. Did something change in the last update? "
            f"- {p.name()}")  # fmt: skip


def ft_dev_help(d: Draft) -> str:
    r = d.rng
    return (f"Getting AccessDenied from S3 with this setup, any idea?\n\n```\n$ aws configure set aws_access_key_id "
            f"{new(d, 'AWS_ACCESS_KEY')}\n$ aws configure set aws_secret_access_key {new(d, 'AWS_SECRET_KEY')}\n"
            f"$ aws s3 ls s3://nw-exports-{r.randrange(100, 1000)}/daily/\nAn error occurred (AccessDenied) when "
            f"calling the ListObjectsV2 operation: Access Denied\n```\n\nThe bucket policy is attached below.")


def ft_rental_application(d: Draft) -> str:
    r, p, ref = d.rng, Person(d), Person(d)
    return (f"RENTAL APPLICATION\nApplicant: {p.name()}\nCurrent address: {new(d, 'STREET_ADDRESS')}\n"
            f"Date of birth: {new(d, 'DATE_OF_BIRTH')}\nSSN: {new(d, 'US_SSN')}\nPhone: {new(d, 'PHONE')}\n"
            f"Employer: {r.choice(COMPANIES)} (since {r.randint(2012, 2025)})\nMonthly income: "
            f"${r.randrange(2500, 14000):,}\nPrevious landlord: {ref.name()}, {new(d, 'PHONE')}")  # fmt: skip


def ft_insurance_claim(d: Draft) -> str:
    r, p, adj = d.rng, Person(d), Person(d)
    return (f"Claim CLM-{r.randrange(10**6):06d} opened for policyholder {p.name()} (policy HO-{r.randrange(10**7)}). "
            f"Water damage reported on {when(r):%B %d} at {new(d, 'STREET_ADDRESS')}. Adjuster {adj.name()} will "
            f"call {new(d, 'PHONE')} or write to {p.email()} within 48 hours.")  # fmt: skip


def ft_out_of_office(d: Draft) -> str:
    r, me, cover = d.rng, Person(d), Person(d)
    return (f"Automatic reply: {r.choice(['Q2 forecast', 'Invoice question', 'Re: onboarding'])}\n\nThank you for "
            f"your message. I'm out of the office until {when(r):%A %d %B} with limited access to email. For "
            f"anything urgent please contact {cover.name()} ({cover.email()}, {new(d, 'PHONE')}).\n\n{me.name()}")


def ft_recruiter(d: Draft) -> str:
    r, cand, rec = d.rng, Person(d), Person(d)
    company = r.choice(COMPANIES)
    return (f"Hi {cand.given()},\n\nI came across your profile and think you'd be a great fit for a Staff Data "
            f"Engineer role at {company}. Would you be open to a 20-minute call this week? You can reach me "
            f"directly at {new(d, 'PHONE')}.\n\nBest,\n{rec.name()}\nTalent Partner | {company}")  # fmt: skip


def ft_security_alert(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"[Security] Unusual sign-in for {p.email()}\nWhen: {iso(r)}\nIP: {new(d, 'IP_ADDRESS')}\n"
            f"Location: {r.choice(CITIES)} (approximate)\nDevice: Chrome 124 on Windows 11\n\n{p.given()}, if this "
            f"wasn't you, reset your password and review your active sessions.")  # fmt: skip


def ft_delivery_note(d: Draft) -> str:
    r, p, n = d.rng, Person(d), Person(d)
    return (f"Delivery instructions for parcel 1Z{hexs(r, 16).upper()}: if no answer, leave it with the neighbour "
            f"{n.name()} at {new(d, 'STREET_ADDRESS')}. Recipient {p.name()}, tel {new(d, 'PHONE')}. "
            f"Dog in the garden, please ring twice.")  # fmt: skip


def ft_school_note(d: Draft) -> str:
    r, parent, teacher, child = d.rng, Person(d), Person(d), Person(d)
    return (f"Hi {r.choice(['Ms', 'Mr', 'Mrs'])} {teacher.surname()},\n\n{child.given()} won't be in school tomorrow, "
            f"there's a dentist appointment in the morning. I'll drop them off around 11. If anything comes up my "
            f"mobile is {new(d, 'PHONE')}.\n\nThanks,\n{parent.name()}")  # fmt: skip


def ft_signature(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Thanks, that works for us. I'll send the PO on Monday.\n\n--\n{p.name()}\n"
            f"{r.choice(['Senior Accountant', 'Head of Operations', 'Procurement Lead'])}, {r.choice(COMPANIES)}\n"
            f"M: {new(d, 'PHONE')} | {p.email()}\n{new(d, 'STREET_ADDRESS')}")  # fmt: skip


def ft_github_issue(d: Draft) -> str:
    r = d.rng
    return (f"Still happening on {version(r)}. Minimal repro:\n\n```python\nfrom ghapi.all import GhApi\n"
            f"api = GhApi(token=\"{new(d, 'GITHUB_TOKEN')}\")\napi.repos.list_for_org('northwind', per_page=100)\n"
            f"```\n\nFull stack trace in the gist. (yes the token is live, I'll rotate it after)")  # fmt: skip


def ft_jwt_paste(d: Draft) -> str:
    p = Person(d)
    return (f"my app keeps logging me out after 5 min. this is the token from localStorage if it helps:\n"
            f"{new(d, 'JWT')}\naccount is {p.email()}")


def ft_vendor_w9(d: Draft) -> str:
    r, p = d.rng, Person(d)
    ssn = d.values.ssn()
    ssn = d.plant(ssn.replace("-", "") if r.random() < 0.3 else ssn, "US_SSN")
    return (f"Vendor setup for freelance work: {p.name()}, sole proprietor, TIN/SSN {ssn}, mailing address "
            f"{new(d, 'STREET_ADDRESS')}. Pay by ACH, net 30.")


def ft_german(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Sehr geehrte Damen und Herren,\n\nbitte überweisen Sie die Erstattung für Bestellung {order_no(r)} auf "
            f"mein Konto {new(d, 'IBAN')}. Bei Rückfragen erreichen Sie mich unter {new(d, 'PHONE')} oder "
            f"{p.email()}.\n\nMit freundlichen Grüßen\n{p.name()}")  # fmt: skip


def ft_spanish(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Hola, soy {p.name()}. Mi pedido {order_no(r)} llegó dañado. Mi correo es {p.email()} y mi teléfono "
            f"{new(d, 'PHONE')}. La dirección de envío es {new(d, 'STREET_ADDRESS')}. ¡Gracias!")


def ft_voicemail(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Voicemail from {new(d, 'PHONE')} (0:{r.randint(12, 59)}) - transcript: \"hi um this is {p.name()} "
            f"calling about my prescription refill, my date of birth is {new(d, 'DATE_OF_BIRTH')}, please call me "
            f"back at this number, thanks\"")  # fmt: skip


def ft_airline(d: Draft) -> str:
    r, p = d.rng, Person(d)
    pnr = p.written(f"{ascii_fold(p.last).upper() or 'X'}/{ascii_fold(p.first).upper() or 'X'}")
    day = f"{when(r):%d%b}".upper()
    return (f"Booking ref {''.join(r.choices(UPPER + DIGITS, k=6))}\n 1. {pnr} {r.choice(['MR', 'MS', 'MRS'])}\n"
            f" 1 LH {r.randrange(400, 999)} Y {day} FRAJFK HK1 1025 1330\n"
            f"CTCM {new(d, 'PHONE')}\nCTCE {p.email()}\nFOP CC {new(d, 'CREDIT_CARD')}")  # fmt: skip


def ft_third_person(d: Draft) -> str:
    r, a, b = d.rng, Person(d), Person(d)
    return (f"FYI: {a.name()} from {r.choice(COMPANIES)} called again about the late payment. She says {b.name()} "
            f"in their AP team approved it on the 3rd. I said we'd check with finance. Her direct line is "
            f"{new(d, 'PHONE')}.")  # fmt: skip


def ft_chat_transcript(d: Draft) -> str:
    r, cust, agent = d.rng, Person(d), Person(d)
    t = when(r)

    def at(minutes: int) -> str:
        return f"{t + timedelta(minutes=minutes):%H:%M}"

    return (f"[{at(0)}] Visitor: hi\n[{at(0)}] Bot: Hi there! What's your email so I can find your account?\n"
            f"[{at(1)}] Visitor: {cust.email()}\n[{at(1)}] Bot: Thanks! Connecting you to an agent.\n"
            f"[{at(4)}] {agent.given()} (agent): Hi {cust.given()}, I see two accounts on that email. Can you confirm "
            f"your date of birth?\n[{at(5)}] Visitor: {new(d, 'DATE_OF_BIRTH')}")  # fmt: skip


def ft_notes_app(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"things to do before the move\n- cancel gym (membership {r.randrange(10**5, 10**6)})\n- new address: "
            f"{new(d, 'STREET_ADDRESS')}\n- landlord {p.name()} {new(d, 'PHONE')}\n- wifi pw {new(d, 'PASSWORD')}\n"
            f"- transfer deposit to {new(d, 'IBAN')}")  # fmt: skip


def ft_key_paste(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"{p.given()}: can someone add my key to bastion-{r.randint(1, 3)}? here it is\n{new(d, 'PRIVATE_KEY')}\n"
            f"{p.given()}: wait no that's the private one, ignore!! regenerating")


def ft_bot_alert(d: Draft) -> str:
    r = d.rng
    entity = r.choice(["SLACK_TOKEN", "STRIPE_KEY", "GOOGLE_API_KEY", "JWT"])
    return (f"Secret scanning alert #{r.randrange(10, 400)} in northwind/{r.choice(['web', 'infra', 'mobile'])}\n"
            f"A secret was detected in {r.choice(['config/dev.js', 'scripts/seed.py', '.env.example'])} at commit "
            f"{hexs(r, 7)}:\n\n    {new(d, entity)}\n\nRevoke it, then close this alert.")


FREE_TEXT_TEMPLATES = (
    ft_support_email, ft_reply_thread, ft_forwarded, ft_slack_thread, ft_slack_secret, ft_hr_review, ft_hr_payroll,
    ft_clinic_note, ft_referral, ft_ticket, ft_contact_form, ft_meeting_notes, ft_markdown_table, ft_csv_rows,
    ft_sms, ft_casual_lowercase, ft_address_change, ft_card_in_chat, ft_bank_details, ft_password_help, ft_dev_help,
    ft_rental_application, ft_insurance_claim, ft_out_of_office, ft_recruiter, ft_security_alert, ft_delivery_note,
    ft_school_note, ft_signature, ft_github_issue, ft_jwt_paste, ft_vendor_w9, ft_german, ft_spanish, ft_voicemail,
    ft_airline, ft_third_person, ft_chat_transcript, ft_notes_app, ft_key_paste, ft_bot_alert,
)  # fmt: skip


# ---- logs -------------------------------------------------------------------------------------------------


def _pg_stamp(r: random.Random) -> str:
    return f"{when(r):%Y-%m-%d %H:%M:%S.%f}"[:-3] + f" UTC [{r.randrange(1000, 60000)}]"


def _nginx_stamp(r: random.Random) -> str:
    return f"{when(r):%d/%b/%Y:%H:%M:%S} +0000"


def _syslog_stamp(r: random.Random) -> str:
    t = when(r)
    return f"{t:%b} {t.day:>2} {t:%H:%M:%S}"


def log_python_traceback(d: Draft) -> str:
    r = d.rng
    return (f"{iso(r)} ERROR billing.worker: unhandled exception while charging customer\n"
            f"Traceback (most recent call last):\n  File \"/srv/app/billing/tasks.py\", line {r.randrange(40, 300)}, "
            f"in charge_customer\n    result = gateway.charge(card_number=card, amount=amount)\n  File "
            f"\"/srv/app/billing/gateway.py\", line {r.randrange(40, 300)}, in charge\n    raise CardDeclined("
            f"f\"declined for {{email}}: {{card_number}}\")\nbilling.gateway.CardDeclined: declined for "
            f"{new(d, 'EMAIL')}: {new(d, 'CREDIT_CARD')}")  # fmt: skip


def log_python_locals(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"Traceback (most recent call last):\n  File \"/app/accounts/views.py\", line {r.randrange(20, 400)}, in "
            f"verify_identity\n    check = kyc.verify(ssn=ssn, dob=dob)\nkyc.errors.MismatchError: identity check "
            f"failed (score 0.{r.randrange(10, 60)})\n\nLocal variables:\n  customer_id = {r.randrange(10**6)}\n"
            f"  full_name = {p.name()!r}\n  ssn = '{new(d, 'US_SSN')}'\n  dob = '{dob_iso(d)}'\n"
            f"  retries = {r.randint(0, 3)}")  # fmt: skip


def log_java_exception(d: Draft) -> str:
    r = d.rng
    return (f"{when(r):%Y-%m-%d %H:%M:%S.%f}"[:-3] + f" ERROR {r.randrange(1000, 9999)} --- [nio-8443-exec-"
            f"{r.randint(1, 20)}] c.n.users.SignupController : Signup failed\n"
            f"com.northwind.users.DuplicateAccountException: An account with email '{new(d, 'EMAIL')}' already exists "
            f"(phone {new(d, 'PHONE')})\n\tat com.northwind.users.UserService.create(UserService.java:"
            f"{r.randrange(50, 400)})\n\tat com.northwind.users.SignupController.signup(SignupController.java:"
            f"{r.randrange(30, 200)})\n\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke("
            f"DirectMethodHandleAccessor.java:103)")  # fmt: skip


def log_sql_insert(d: Draft) -> str:
    r, p = d.rng, Person(d)
    name = p.written(p.full.replace("'", "''"))
    return (f"{_pg_stamp(r)} LOG:  statement: INSERT INTO customers (full_name, email, phone, created_at) VALUES "
            f"('{name}', '{p.email()}', '{new(d, 'PHONE')}', now()) RETURNING id")


def log_sql_slow(d: Draft) -> str:
    r = d.rng
    return (f"{_pg_stamp(r)} LOG:  duration: {r.randrange(1000, 9000)}.{r.randrange(1000):03d} ms  execute "
            f"<unnamed>: SELECT id, balance, currency FROM accounts WHERE iban = '{new(d, 'IBAN')}' AND "
            f"status = 'active' LIMIT 1")  # fmt: skip


def log_sql_update_mysql(d: Draft) -> str:
    r = d.rng
    return (f"{when(r):%Y-%m-%dT%H:%M:%S.%fZ}\t   {r.randrange(10, 900)} Query\tUPDATE patients SET date_of_birth = "
            f"'{dob_iso(d)}', ssn = '{new(d, 'US_SSN')}', updated_by = 'intake-app' WHERE mrn = "
            f"{r.randrange(10**7, 10**8)}")  # fmt: skip


def log_access_query(d: Draft) -> str:
    r, p = d.rng, Person(d)
    name = p.written(quote_plus(p.full))
    email = d.plant(quote(p.address, safe=""), "EMAIL")
    return (f'{new(d, "IP_ADDRESS")} - - [{_nginx_stamp(r)}] "GET /api/v2/customers/search?name={name}&email={email}'
            f'&limit=20 HTTP/2.0" 200 {r.randrange(300, 9000)} "https://admin.northwind.io/customers" '
            f'"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15"')  # fmt: skip


def log_access_otp(d: Draft) -> str:
    r = d.rng
    phone = d.plant(quote(hv(d).phone_e164(), safe=""), "PHONE")
    return (f'{new(d, "IP_ADDRESS")} - - [{_nginx_stamp(r)}] "POST /v1/otp/send?phone={phone}&channel=sms HTTP/1.1" '
            f'202 {r.randrange(20, 90)} "-" "okhttp/4.12.0" rt={r.randrange(5, 900) / 1000:.3f}')  # fmt: skip


def log_http_dump(d: Draft) -> str:
    r, p = d.rng, Person(d)
    token = new(d, r.choice(["BEARER_TOKEN", "JWT"]))
    password = d.plant(quote(d.values.url_password(), safe=""), "PASSWORD")
    body = f"grant_type=password&username={d.plant(quote(p.address, safe=''), 'EMAIL')}&password={password}"
    return (f"{iso(r)} DEBUG urllib3.connectionpool >>> POST /oauth/token HTTP/1.1\nHost: auth.northwind.io\n"
            f"Authorization: Bearer {token}\nX-Forwarded-For: {new(d, 'IP_ADDRESS')}, {new(d, 'IP_ADDRESS')}\n"
            f"Content-Type: application/x-www-form-urlencoded\nUser-Agent: python-requests/2.32.3\n"
            f"X-Request-ID: {uuid(r)}\n\n{body}")  # fmt: skip


def log_sshd(d: Draft) -> str:
    r = d.rng
    pid, t = r.randrange(1000, 60000), when(r)
    first, second = (f"{x:%b} {x.day:>2} {x:%H:%M:%S}" for x in (t, t + timedelta(seconds=r.randrange(1, 90))))
    return (f"{first} bastion-01 sshd[{pid}]: Failed password for invalid user "
            f"{r.choice(['admin', 'oracle', 'test', 'ubuntu'])} from {new(d, 'IP_ADDRESS')} port "
            f"{r.randrange(30000, 65000)} ssh2\n{second} bastion-01 sshd[{pid + 3}]: Accepted publickey for "
            f"deploy from {new(d, 'IP_ADDRESS')} port {r.randrange(30000, 65000)} ssh2: ED25519 SHA256:"
            f"{''.join(r.choices(ALNUM + '+/', k=43))}")  # fmt: skip


def log_logfmt(d: Draft) -> str:
    r = d.rng
    return (f'time="{iso(r)}" level=error msg="webhook delivery failed" customer_email={new(d, "EMAIL")} '
            f'customer_phone="{new(d, "PHONE")}" attempt={r.randint(1, 5)} endpoint=https://hooks.northwind.io/orders '
            "status=504")  # fmt: skip


def log_audit(d: Draft) -> str:
    r, admin, target = d.rng, Person(d), Person(d)
    return (f'{iso(r)} AUDIT actor={admin.email()} action=customer.update target="{target.name()}" '
            f'changes={{address: "{new(d, "STREET_ADDRESS")}", dob: "{new(d, "DATE_OF_BIRTH")}"}} '
            f"ip={new(d, 'IP_ADDRESS')} reason=\"customer request {ticket(r)}\"")  # fmt: skip


def log_node_axios(d: Draft) -> str:
    r = d.rng
    return (f"{iso(r)} error: Request failed with status code 401\n    at createError "
            f"(/app/node_modules/axios/lib/core/createError.js:16:15)\n    at settle "
            f"(/app/node_modules/axios/lib/core/settle.js:17:12)\n  config: {{ url: 'https://api.openai.com/v1/"
            f"embeddings', method: 'post', headers: {{ Authorization: 'Bearer {new(d, 'OPENAI_KEY')}', "
            f"'Content-Type': 'application/json' }}, timeout: {r.choice([10000, 30000])} }}")  # fmt: skip


def log_celery(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f"[{when(r):%Y-%m-%d %H:%M:%S},{r.randrange(1000):03d}: INFO/MainProcess] Task "
            f"notifications.send_invoice[{uuid(r)}] received: args=({p.email()!r}, {p.name()!r}) "
            f"kwargs={{'iban': {new(d, 'IBAN')!r}, 'amount': '{money(r)}', 'currency': 'EUR'}}")  # fmt: skip


def log_rails(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f'Started POST "/users" for {new(d, "IP_ADDRESS")} at {when(r):%Y-%m-%d %H:%M:%S} +0000\n'
            f"Processing by UsersController#create as HTML\n  Parameters: {{\"authenticity_token\"=>\"[FILTERED]\", "
            f"\"user\"=>{{\"name\"=>\"{p.name()}\", \"email\"=>\"{p.email()}\", \"password\"=>\"[FILTERED]\", "
            f"\"phone\"=>\"{new(d, 'PHONE')}\"}}, \"commit\"=>\"Sign up\"}}\nCompleted 302 Found in "
            f"{r.randrange(20, 400)}ms (ActiveRecord: {r.randrange(1, 30)}.{r.randrange(10)}ms)")  # fmt: skip


def log_go_body(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f'{when(r):%Y/%m/%d %H:%M:%S} signup: decode failed for body {{"name":"{p.name()}","ssn":'
            f'"{new(d, "US_SSN")}","birthdate":"{dob_iso(d)}"}}: json: unknown field "birthdate"\n'
            f"goroutine {r.randrange(10, 5000)} [running]:\nmain.(*SignupHandler).ServeHTTP(0xc000{hexs(r, 6)}, "
            f"{{0x1a2b3c0, 0xc0001}})\n\t/app/cmd/api/signup.go:{r.randrange(20, 300)} +0x{hexs(r, 3)}")


def log_postfix(d: Draft) -> str:
    r = d.rng
    return (f"{_syslog_stamp(r)} mx1 postfix/smtp[{r.randrange(1000, 60000)}]: {hexs(r, 10).upper()}: "
            f"to=<{new(d, 'EMAIL')}>, relay=mx.{r.choice(['gmx.net', 'outlook.com', 'me.com'])}"
            f"[{new(d, 'IP_ADDRESS')}]:25, delay=0.{r.randrange(10, 99)}, dsn=2.0.0, status=sent "
            f"(250 2.0.0 OK {r.randrange(10**9, 10**10)} - gsmtp)")  # fmt: skip


def log_breadcrumbs(d: Draft) -> str:
    r = d.rng
    t = when(r)

    def at(seconds: int) -> str:
        return f"{t + timedelta(seconds=seconds):%H:%M:%S}"

    return (f"Sentry breadcrumbs (event {hexs(r, 32)}):\n  {at(0)} ui.click     button#checkout\n"
            f"  {at(2)} ui.input     input[name=cardnumber] value=\"{new(d, 'CREDIT_CARD')}\"\n"
            f"  {at(3)} http         POST https://api.northwind.io/v1/checkout [402]\n"
            f"  {at(3)} console      payment failed for {new(d, 'EMAIL')}")  # fmt: skip


def log_sms_gateway(d: Draft) -> str:
    r = d.rng
    return (f"{iso(r)} INFO sms.dispatch sid=SM{hexs(r, 32)} to={e164(d)} from={e164(d)} "
            f'body="Your Northwind code is {r.randrange(10**5, 10**6)}" status=queued segments=1')


def log_k8s_json_line(d: Draft) -> str:
    r, p = d.rng, Person(d)
    return (f'{{"ts":"{iso(r)}","level":"warn","logger":"checkout","msg":"address verification failed",'
            f'"customer":"{p.name()}","address":"{new(d, "STREET_ADDRESS")}","client_ip":"{new(d, "IP_ADDRESS")}",'
            f'"pod":"checkout-7d9f8b6c5-{"".join(r.choices(string.ascii_lowercase + DIGITS, k=5))}"}}')


def log_wsgi_headers(d: Draft) -> str:
    r = d.rng
    return (f"{iso(r)} DEBUG middleware.request_logger headers={{'HTTP_HOST': 'api.northwind.io', "
            f"'HTTP_AUTHORIZATION': 'Bearer {new(d, r.choice(['JWT', 'BEARER_TOKEN']))}', 'HTTP_COOKIE': "
            f"'session={new(d, 'JWT')}; theme=dark', 'REMOTE_ADDR': '{new(d, 'IP_ADDRESS')}', "
            f"'HTTP_USER_AGENT': 'Dart/3.3 (dart:io)'}}")


LOG_TEMPLATES = (
    log_python_traceback, log_python_locals, log_java_exception, log_sql_insert, log_sql_slow, log_sql_update_mysql,
    log_access_query, log_access_otp, log_http_dump, log_sshd, log_logfmt, log_audit, log_node_axios, log_celery,
    log_rails, log_go_body, log_postfix, log_breadcrumbs, log_sms_gateway, log_k8s_json_line, log_wsgi_headers,
)  # fmt: skip


def _log_noise(r: random.Random) -> str:
    return r.choice([
        lambda: f"{iso(r)} INFO kube-probe GET /readyz 200 {r.randint(1, 9)}ms",
        lambda: f"{iso(r)} DEBUG gc: collected {r.randrange(100, 9000)} objects in {r.randrange(1, 40)}ms (gen2)",
        lambda: f"{iso(r)} INFO scheduler: job reconcile-invoices finished run_id={uuid(r)} rows={r.randrange(10**4)}",
        lambda: f"{iso(r)} WARN pool: {r.randint(8, 20)}/20 connections in use, wait_ms={r.randrange(100)}",
        lambda: f"{iso(r)} INFO release {version(r)} commit {hexs(r, 12)} serving on :{r.choice([8080, 8443, 9000])}",
    ])()  # fmt: skip


# ---- configs and code -------------------------------------------------------------------------------------


def cfg_env_exports(d: Draft) -> str:
    r = d.rng
    lines = [
        lambda: f'export OPENAI_API_KEY="{new(d, "OPENAI_KEY")}"',
        lambda: f"export STRIPE_API_KEY='{new(d, 'STRIPE_KEY')}'",
        lambda: (f"export AWS_ACCESS_KEY_ID={new(d, 'AWS_ACCESS_KEY')}\n"
                 f"export AWS_SECRET_ACCESS_KEY={new(d, 'AWS_SECRET_KEY')}"),
        lambda: f"export GH_TOKEN={new(d, 'GITHUB_TOKEN')}  # for the release script",
        lambda: f"export PGPASSWORD='{new(d, 'PASSWORD')}'",
        lambda: f"export SLACK_WEBHOOK_TOKEN={new(d, 'SLACK_TOKEN')}",
    ]  # fmt: skip
    chosen = [line() for line in r.sample(lines, r.randint(2, 3))]
    return "\n".join(["# ~/.zshrc.local - do not commit", "export EDITOR=nvim", *chosen, "export PATH=$HOME/bin:$PATH"])


def cfg_docker_compose(d: Draft) -> str:
    r = d.rng
    pw = new(d, "PASSWORD")
    return (f"services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_USER: orders\n"
            f"      POSTGRES_PASSWORD: \"{pw}\"\n    ports:\n      - \"5432:5432\"\n  api:\n    build: .\n"
            f"    environment:\n      - DATABASE_URL=postgres://orders:{dsn_password(d)}@db:5432/orders\n"
            f"      - OPENAI_API_KEY={new(d, 'OPENAI_KEY')}\n      - WORKERS={r.randint(2, 8)}\n"
            f"    depends_on: [db]\n")  # fmt: skip


def cfg_k8s_secret(d: Draft) -> str:
    r = d.rng
    return (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: payments-{r.choice(['prod', 'staging'])}\n"
            f"  namespace: payments\ntype: Opaque\nstringData:\n  STRIPE_SECRET_KEY: {new(d, 'STRIPE_KEY')}\n"
            f"  GOOGLE_MAPS_KEY: {new(d, 'GOOGLE_API_KEY')}\n  SMTP_PASSWORD: \"{new(d, 'PASSWORD')}\"\n")


def cfg_spring_yaml(d: Draft) -> str:
    r = d.rng
    return (f"spring:\n  datasource:\n    url: jdbc:postgresql://pg-{r.randint(1, 3)}.internal:5432/inventory\n"
            f"    username: inventory_rw\n    password: '{new(d, 'PASSWORD')}'\n  jpa:\n    open-in-view: false\n"
            "server:\n  port: 8081\nmanagement:\n  endpoints:\n    web:\n      exposure:\n"
            "        include: health,info\n")


def cfg_github_actions(d: Draft) -> str:
    return ("name: nightly-export\non:\n  schedule:\n    - cron: '15 2 * * *'\njobs:\n  export:\n"
            "    runs-on: ubuntu-24.04\n    env:\n      AWS_REGION: eu-central-1\n"
            f"      AWS_ACCESS_KEY_ID: {new(d, 'AWS_ACCESS_KEY')}\n"
            f"      AWS_SECRET_ACCESS_KEY: {new(d, 'AWS_SECRET_KEY')}\n"
            "    steps:\n      - uses: actions/checkout@v4\n      - run: make export\n")  # fmt: skip


def cfg_streamlit_toml(d: Draft) -> str:
    r = d.rng
    return (f"# .streamlit/secrets.toml\n[connections.warehouse]\n"
            f"account = \"xy{r.randrange(10**4, 10**5)}.eu-west-1\"\n"
            f"user = \"ANALYTICS_RO\"\npassword = \"{new(d, 'PASSWORD')}\"\nwarehouse = \"REPORTING_XS\"\n\n"
            f"[openai]\napi_key = \"{new(d, 'OPENAI_KEY')}\"\nmodel = \"{r.choice(MODELS)}\"\n")  # fmt: skip


def cfg_bot_toml(d: Draft) -> str:
    r = d.rng
    return (f"[bot]\nname = \"deploy-bot\"\nchannel = \"C0{''.join(r.choices(UPPER + DIGITS, k=9))}\"\n\n[slack]\n"
            f"bot_token = \"{new(d, 'SLACK_TOKEN')}\"\n\n[github]\ntoken = \"{new(d, 'GITHUB_TOKEN')}\"\n"
            f"repo = \"northwind/platform\"\n\n[database]\nurl = \"mysql://bot:{dsn_password(d)}@mysql.internal:3306/bot\"\n")


def cfg_ini_database(d: Draft) -> str:
    r = d.rng
    return (f"; legacy reporting service\n[server]\nlisten = 0.0.0.0:{r.choice([8000, 8088])}\nthreads = "
            f"{r.randint(4, 32)}\n\n[database]\ndriver = ODBC Driver 18 for SQL Server\n"
            f"host = sql-reporting.internal\nuser = rpt_service\npassword = {new(d, 'PASSWORD')}\n\n"
            "[mail]\nsmtp_host = smtp.internal\nsmtp_port = 587\n")


def cfg_alembic_ini(d: Draft) -> str:
    return ("[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql+psycopg2://etl:"
            f"{dsn_password(d)}@warehouse.internal:5432/dwh\n\n[loggers]\nkeys = root,sqlalchemy,alembic\n")


def cfg_git_credentials(d: Draft) -> str:
    return (f"https://x-access-token:{new(d, 'GITHUB_TOKEN')}@github.com\n"
            f"https://ci-bot:{d.plant(d.values.url_password(), 'PASSWORD')}@gitlab.internal.northwind.io\n")


def cfg_terraform(d: Draft) -> str:
    r = d.rng
    return (f"provider \"aws\" {{\n  region     = \"{r.choice(['us-east-1', 'eu-west-1', 'ap-southeast-2'])}\"\n"
            f"  access_key = \"{new(d, 'AWS_ACCESS_KEY')}\"\n  secret_key = \"{new(d, 'AWS_SECRET_KEY')}\"\n}}\n\n"
            f"resource \"aws_s3_bucket\" \"exports\" {{\n  bucket = \"nw-exports-{r.randrange(1000)}\"\n}}\n")


def code_node_stripe(d: Draft) -> str:
    return (f"const express = require('express');\nconst stripe = require('stripe')('{new(d, 'STRIPE_KEY')}');\n\n"
            "app.post('/checkout', async (req, res) => {\n  const session = await stripe.checkout.sessions.create("
            "{ mode: 'payment', line_items: req.body.items });\n  res.json({ url: session.url });\n});\n")


def code_go_github(d: Draft) -> str:
    return ("package main\n\nimport \"github.com/google/go-github/v62/github\"\n\nfunc newClient() *github.Client {\n"
            f"\treturn github.NewClient(nil).WithAuthToken(\"{new(d, 'GITHUB_TOKEN')}\")\n}}\n")


def code_java_constants(d: Draft) -> str:
    return ("public final class DbConfig {\n    public static final String URL = \"jdbc:mysql://mysql-prod:3306/shop\";\n"
            f"    public static final String USER = \"shop_app\";\n    public static final String PASSWORD = "
            f"\"{new(d, 'PASSWORD')}\";\n    private DbConfig() {{}}\n}}\n")  # fmt: skip


def code_django_settings(d: Draft) -> str:
    r = d.rng
    return (f"DATABASES = {{\n    \"default\": {{\n        \"ENGINE\": \"django.db.backends.postgresql\",\n"
            f"        \"NAME\": \"crm\",\n        \"USER\": \"crm\",\n        \"PASSWORD\": \"{new(d, 'PASSWORD')}\",\n"
            f"        \"HOST\": \"db\",\n        \"PORT\": {r.choice([5432, 6432])},\n    }}\n}}\n"
            f"EMAIL_BACKEND = \"django.core.mail.backends.smtp.EmailBackend\"\n")  # fmt: skip


def code_python_genai(d: Draft) -> str:
    r = d.rng
    return r.choice([
        lambda: (f"import google.generativeai as genai\n\ngenai.configure(api_key=\"{new(d, 'GOOGLE_API_KEY')}\")\n"
                 f"model = genai.GenerativeModel(\"{r.choice(MODELS)}\")\n"),
        lambda: (f"import os\nos.environ.setdefault(\"OPENAI_API_KEY\", \"{new(d, 'OPENAI_KEY')}\")  # TODO remove\n"
                 "from langchain_openai import ChatOpenAI\n"
                 f"llm = ChatOpenAI(model=\"{r.choice(MODELS)}\", temperature=0)\n"),
        lambda: (f"from slack_sdk import WebClient\n\nclient = WebClient(token=\"{new(d, 'SLACK_TOKEN')}\")\n"
                 f"client.chat_postMessage(channel=\"#deploys\", text=\"release {version(r)} is out\")\n"),
    ])()  # fmt: skip


def code_csharp_connection(d: Draft) -> str:
    return ("var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddDbContext<ShopContext>(o =>\n"
            "    o.UseNpgsql(\"Host=pg.internal;Port=5432;Database=shop;Username=shop_api;"
            f"Password={new(d, 'PASSWORD')};SSL Mode=Require\"));\n")


def code_shell_script(d: Draft) -> str:
    r = d.rng
    return (f"#!/usr/bin/env bash\nset -euo pipefail\n# nightly dump, runs on backup-{r.randint(1, 4)}\n"
            f"mysqldump -h mysql-prod -u backup -p'{new(d, 'PASSWORD')}' --single-transaction shop | gzip > "
            f"/backups/shop-$(date +%F).sql.gz\ncurl -s -H \"Authorization: Bearer {new(d, 'BEARER_TOKEN')}\" "
            f"-X POST https://status.northwind.io/api/heartbeat/backup\n")  # fmt: skip


def code_notebook_cell(d: Draft) -> str:
    return ("In [3]: import requests\n"
            f"In [4]: r = requests.get(\"https://api.github.com/user/repos\", headers={{\"Authorization\": \"token "
            f"{new(d, 'GITHUB_TOKEN')}\"}})\nIn [5]: r.status_code\nOut[5]: 200\n")  # fmt: skip


def cfg_dockerfile(d: Draft) -> str:
    r = d.rng
    return (f"FROM python:3.12-slim\nWORKDIR /app\nENV SLACK_BOT_TOKEN={new(d, 'SLACK_TOKEN')}\n"
            f"ENV STRIPE_KEY={new(d, 'STRIPE_KEY')}\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r "
            f"requirements.txt\nCOPY . .\nEXPOSE {r.choice([8000, 8080])}\nCMD [\"gunicorn\", \"app:app\"]\n")


def cfg_kubeconfig(d: Draft) -> str:
    r = d.rng
    return ("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n"
            f"    server: https://k8s-{r.randint(1, 9)}.northwind.io:6443\n"
            f"  name: prod\nusers:\n- name: ci-deployer\n  user:\n    token: {new(d, 'BEARER_TOKEN')}\n"
            f"contexts:\n- context: {{cluster: prod, user: ci-deployer}}\n  name: prod\ncurrent-context: prod\n")


def cfg_ssh_key_file(d: Draft) -> str:
    r = d.rng
    return (f"# deploy key for {r.choice(['prod-web', 'backup', 'ci'])}, added {when(r):%Y-%m-%d}\n"
            f"{new(d, 'PRIVATE_KEY')}\n")


def code_wp_config(d: Draft) -> str:
    return ("<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp_admin' );\n"
            f"define( 'DB_PASSWORD', '{new(d, 'PASSWORD')}' );\ndefine( 'DB_HOST', 'localhost' );\n"
            "$table_prefix = 'wp_';\n")


def cfg_redis_conf(d: Draft) -> str:
    r = d.rng
    return (f"bind 127.0.0.1\nport 6379\nmaxmemory {r.choice([256, 512, 1024])}mb\nmaxmemory-policy allkeys-lru\n"
            f"requirepass {new(d, 'PASSWORD')}\nappendonly yes\n")


def cfg_appsettings_json(d: Draft) -> str:
    r = d.rng
    return (f'{{\n  "Logging": {{ "LogLevel": {{ "Default": "Information" }} }},\n  "ConnectionStrings": {{\n'
            f'    "Default": "Server=sql-{r.randint(1, 5)}.internal;Database=Orders;User Id=orders_app;'
            f'Password={new(d, "PASSWORD")};TrustServerCertificate=True"\n  }},\n  "OpenAI": {{ "ApiKey": '
            f'"{new(d, "OPENAI_KEY")}", "Model": "{r.choice(MODELS)}" }}\n}}\n')  # fmt: skip


def cfg_rabbitmq_url(d: Draft) -> str:
    r = d.rng
    return (f"CELERY_BROKER_URL=amqp://worker:{dsn_password(d)}@rabbitmq.internal:5672/{r.choice(['jobs', 'prod'])}\n"
            f"CELERY_RESULT_BACKEND=redis://:{dsn_password(d)}@redis.internal:6379/1\nCELERY_TASK_TIME_LIMIT=300\n")


def cfg_ansible_vars(d: Draft) -> str:
    r = d.rng
    key = d.values.private_key().replace("\n", "\n  ")
    return (f"# group_vars/bastion.yml\nansible_user: deploy\nansible_port: {r.choice([22, 2222])}\n"
            f"ssh_private_key: |\n  {d.plant(key, 'PRIVATE_KEY')}\nfail2ban_maxretry: 5\n")


def code_firebase_config(d: Draft) -> str:
    r = d.rng
    project = f"northwind-{r.choice(['app', 'mobile', 'web'])}-{r.randrange(100, 1000)}"
    return (f"// src/firebase.ts\nimport {{ initializeApp }} from \"firebase/app\";\n\nconst firebaseConfig = {{\n"
            f"  apiKey: \"{new(d, 'GOOGLE_API_KEY')}\",\n  authDomain: \"{project}.firebaseapp.com\",\n"
            f"  projectId: \"{project}\",\n  appId: \"1:{r.randrange(10**11, 10**12)}:web:{hexs(r, 22)}\",\n}};\n"
            "export const app = initializeApp(firebaseConfig);\n")  # fmt: skip


def code_maps_script_tag(d: Draft) -> str:
    return ("<div id=\"map\" style=\"height: 420px\"></div>\n<script async src=\"https://maps.googleapis.com/maps/api/"
            f"js?key={new(d, 'GOOGLE_API_KEY')}&callback=initMap&libraries=places\"></script>\n")


def cfg_http_file(d: Draft) -> str:
    r = d.rng
    token = new(d, r.choice(["JWT", "BEARER_TOKEN"]))
    return (f"### list orders (staging)\nGET https://staging-api.northwind.io/v1/orders?limit={r.choice([10, 50])}\n"
            f"Authorization: Bearer {token}\nAccept: application/json\n\n### health\n"
            "GET https://staging-api.northwind.io/healthz\n")


def cfg_postman_env(d: Draft) -> str:
    r = d.rng
    return _json({
        "id": uuid(r), "name": r.choice(["Northwind Prod", "Billing staging"]),
        "_postman_variable_scope": "environment",
        "values": [{"key": "base_url", "value": "https://api.northwind.io", "enabled": True},
                   {"key": "access_token", "value": new(d, "JWT"), "enabled": True},
                   {"key": "stripe_key", "value": new(d, "STRIPE_KEY"), "enabled": r.random() < 0.5}],
    })  # fmt: skip


def cfg_stripe_cli_toml(d: Draft) -> str:
    r = d.rng
    account = "acct_1" + "".join(r.choices(ALNUM, k=15))
    return (f"[default]\ndevice_name = \"dev-laptop-{r.randrange(100)}\"\n"
            f"live_mode_api_key = \"{new(d, 'STRIPE_KEY')}\"\n"
            f"live_mode_key_expires_at = \"{when(r):%Y-%m-%d}\"\naccount_id = \"{account}\"\n")


CONFIG_TEMPLATES = (
    cfg_env_exports, cfg_docker_compose, cfg_k8s_secret, cfg_spring_yaml, cfg_github_actions, cfg_streamlit_toml,
    cfg_bot_toml, cfg_ini_database, cfg_alembic_ini, cfg_git_credentials, cfg_terraform, code_node_stripe,
    code_go_github, code_java_constants, code_django_settings, code_python_genai, code_csharp_connection,
    code_shell_script, code_notebook_cell, cfg_dockerfile, cfg_kubeconfig, cfg_ssh_key_file, code_wp_config,
    cfg_redis_conf, cfg_appsettings_json, cfg_rabbitmq_url, cfg_ansible_vars, code_firebase_config,
    code_maps_script_tag, cfg_http_file, cfg_postman_env, cfg_stripe_cli_toml,
)  # fmt: skip


# ---- AI logs (JSON) ---------------------------------------------------------------------------------------


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _user_request(d: Draft, p: Person) -> str:
    """What a user types to an assistant: each branch plants what it writes."""
    r = d.rng
    return r.choice([
        lambda: (f"hi, I'm {p.name()} and I need to move my delivery to {new(d, 'STREET_ADDRESS')}. order "
                 f"{order_no(r)}, you can text me at {new(d, 'PHONE')}"),
        lambda: f"Can you check why my card {new(d, 'CREDIT_CARD')} was declined? Account email {p.email()}.",
        lambda: (f"I need a copy of my tax form. My SSN is {new(d, 'US_SSN')} and I was born "
                 f"{new(d, 'DATE_OF_BIRTH')}."),
        lambda: f"Refund to this account please: {new(d, 'IBAN')} (holder {p.name()})",
        lambda: (f"Summarize this thread for me:\n\nFrom: {p.name()} <{p.email()}>\nHi, can we move our call? "
                 f"My cell is {new(d, 'PHONE')}."),
        lambda: (f"why doesn't this work\n\n```\nclient = OpenAI(api_key=\"{new(d, 'OPENAI_KEY')}\")\n"
                 f"client.models.list()\n```\nAuthenticationError: 401"),
        lambda: f"Book me a follow-up with Dr {p.surname()} next week, anytime after 3pm.",
        lambda: f"Please update my email to {p.email()} and my phone to {new(d, 'PHONE')}. Thanks, {p.given()}",
    ])()  # fmt: skip


def _tool_args(d: Draft, p: Person) -> tuple[str, dict[str, Any]]:
    r = d.rng
    calls: list[Callable[[], tuple[str, dict[str, Any]]]] = [
        lambda: ("create_ticket", {"requester_email": p.email(), "subject": "Delivery address change",
                                   "priority": r.choice(["normal", "high"]), "order_id": order_no(r)}),
        lambda: ("search_customers", {"query": p.name(), "limit": 5}),
        lambda: ("send_email", {"to": p.email(), "subject": "Your refund",
                                "body": f"Hi {p.given()}, your refund of {money(r)} EUR is on its way."}),
        lambda: ("update_profile", {"user_id": f"usr_{hexs(r, 12)}", "phone": new(d, "PHONE"),
                                    "address": new(d, "STREET_ADDRESS")}),
        lambda: ("verify_identity", {"full_name": p.name(), "dob": dob_iso(d),
                                     "ssn_last4": f"{r.randrange(10**4):04d}"}),
        lambda: ("issue_refund", {"iban": new(d, "IBAN"), "amount_cents": r.randrange(500, 90000),
                                  "currency": "EUR"}),
    ]  # fmt: skip
    return r.choice(calls)()


def _tool_result(d: Draft, p: Person) -> dict[str, Any]:
    r = d.rng
    return {"found": 1, "customer": {"id": f"cus_{''.join(r.choices(ALNUM, k=14))}", "name": p.name(),
                                     "email": p.email(), "phone": new(d, "PHONE"), "tier": r.choice(["gold", "basic"]),
                                     "last_order": order_no(r)}}  # fmt: skip


def ai_openai_chat(d: Draft) -> str:
    """An LLM-gateway log of an OpenAI chat completion with parallel tool calls."""
    r, p = d.rng, Person(d)
    calls = []
    for _ in range(r.randint(1, 2)):
        name, args = _tool_args(d, p)
        calls.append({"id": "call_" + d.values.token(24), "type": "function",
                      "function": {"name": name, "arguments": _json(args)}})  # fmt: skip
    return _json({
        "timestamp": iso(r), "provider": "openai", "route": "/v1/chat/completions", "status": 200,
        "latency_ms": r.randrange(300, 9000), "cost_usd": round(r.random() / 100, 6),
        "request": {"model": r.choice(MODELS[:4]), "temperature": 0.2, "messages": [
            {"role": "system", "content": "You are the Northwind help desk agent. Be brief."},
            {"role": "user", "content": _user_request(d, p)}]},
        "response": {"id": "chatcmpl-" + d.values.token(29), "object": "chat.completion",
                     "choices": [{"index": 0, "finish_reason": "tool_calls",
                                  "message": {"role": "assistant", "content": None, "tool_calls": calls}}],
                     "usage": {"prompt_tokens": r.randrange(80, 2000), "completion_tokens": r.randrange(10, 300)}},
    })  # fmt: skip


def ai_anthropic_messages(d: Draft) -> str:
    """An Anthropic Messages request with a tool_use round trip, and its response."""
    r, p = d.rng, Person(d)
    tool_id = "toolu_01" + d.values.token(22)
    name, args = _tool_args(d, p)
    user_content: Any = _user_request(d, p)
    if r.random() < 0.5:
        user_content = [{"type": "text", "text": user_content}]
    result = _json(_tool_result(d, p)) if r.random() < 0.6 else f"No customer matched ({r.randrange(3)} similar)."
    return _json({
        "id": "msg_01" + d.values.token(22), "type": "message", "model": r.choice(MODELS[4:7]),
        "request": {"max_tokens": 1024, "system": "You help Northwind staff with customer records.",
                    "tools": [{"name": name, "input_schema": {"type": "object"}}],
                    "messages": [
                        {"role": "user", "content": user_content},
                        {"role": "assistant", "content": [
                            {"type": "text", "text": "Let me look that up."},
                            {"type": "tool_use", "id": tool_id, "name": name, "input": args}]},
                        {"role": "user", "content": [
                            {"type": "tool_result", "tool_use_id": tool_id, "content": result}]}]},
        "response": {"content": [{"type": "text", "text": f"Done - {p.given()}'s record is up to date."}],
                     "stop_reason": "end_turn",
                     "usage": {"input_tokens": r.randrange(200, 4000), "output_tokens": r.randrange(10, 400)}},
    })  # fmt: skip


def ai_agent_trace(d: Draft) -> str:
    """A ReAct-style agent trace: thought, action, observation, final answer."""
    r, p = d.rng, Person(d)
    name, args = _tool_args(d, p)
    return _json({
        "trace_id": hexs(r, 32), "agent": "support-agent", "version": version(r), "started_at": iso(r),
        "input": _user_request(d, p),
        "steps": [
            {"step": 1, "type": "thought", "content": "They want an account change; verify who they are first."},
            {"step": 2, "type": "action", "tool": name, "input": args},
            {"step": 3, "type": "observation",
             "output": f"Found 1 customer: {p.name()}, phone {new(d, 'PHONE')}, DOB {new(d, 'DATE_OF_BIRTH')}"},
            {"step": 4, "type": "final", "content": f"Thanks {p.given()}, that's done."}],
        "duration_ms": r.randrange(500, 30000),
        "tokens": {"input": r.randrange(500, 9000), "output": r.randrange(50, 900)},
    })  # fmt: skip


def ai_openai_responses(d: Draft) -> str:
    """An OpenAI Responses API object: input items, a function call with JSON-string arguments, a message."""
    r, p = d.rng, Person(d)
    name, args = _tool_args(d, p)
    return _json({
        "id": "resp_" + hexs(r, 48), "object": "response", "created_at": int(when(r).timestamp()),
        "model": r.choice(MODELS[:4]), "status": "completed",
        "input": [{"role": "user", "content": [{"type": "input_text", "text": _user_request(d, p)}]}],
        "output": [
            {"type": "function_call", "id": "fc_" + hexs(r, 40), "call_id": "call_" + d.values.token(24),
             "name": name, "arguments": _json(args), "status": "completed"},
            {"type": "message", "role": "assistant", "content": [
                {"type": "output_text", "text": f"I've started that for you, {p.given()}.", "annotations": []}]}],
        "usage": {"input_tokens": r.randrange(100, 3000), "output_tokens": r.randrange(10, 300),
                  "total_tokens": r.randrange(3000, 4000)},
    })  # fmt: skip


def ai_langchain_run(d: Draft) -> str:
    """A LangChain/LangSmith-style run tree: a retrieval chain whose retrieved CRM note holds personal data."""
    r, p, agent = d.rng, Person(d), Person(d)
    note = (f"Call note {when(r):%Y-%m-%d}: spoke with {p.name()} about the overdue invoice. New billing address "
            f"{new(d, 'STREET_ADDRESS')}; prefers email ({p.email()}). Logged by {agent.name()}.")
    question = f"What did we agree with {p.name()} last time?"
    return _json({
        "id": uuid(r), "name": "RetrievalQA", "run_type": "chain", "start_time": iso(r),
        "inputs": {"question": question},
        "outputs": {"answer": f"{p.given()} asked to switch to email billing; the address was updated."},
        "child_runs": [
            {"id": uuid(r), "run_type": "retriever", "name": "crm_notes",
             "outputs": {"documents": [{"page_content": note,
                                        "metadata": {"source": f"crm/notes/{r.randrange(10**5)}.md", "score": 0.83}}]}},
            {"id": uuid(r), "run_type": "llm", "name": "ChatOpenAI",
             "inputs": {"prompts": [f"System: Answer from the notes.\nHuman: {p.name()}: status?"]},
             "extra": {"metadata": {"ls_model_name": r.choice(MODELS[:4]), "ls_temperature": 0}}}],
        "tags": ["prod", "crm-assistant"],
    })  # fmt: skip


def ai_gemini(d: Draft) -> str:
    """A Gemini generateContent exchange whose answer is a function call with object args."""
    r, p = d.rng, Person(d)
    return _json({
        "modelVersion": r.choice(MODELS[7:]), "responseId": d.values.token(22),
        "contents": [{"role": "user", "parts": [{"text": _user_request(d, p)}]}],
        "candidates": [{"content": {"role": "model", "parts": [{"functionCall": {
            "name": "book_appointment",
            "args": {"patient_name": p.name(), "date_of_birth": new(d, "DATE_OF_BIRTH"), "phone": new(d, "PHONE"),
                     "slot": f"{when(r):%Y-%m-%dT%H:00}"}}}]}, "finishReason": "STOP"}],
        "usageMetadata": {"promptTokenCount": r.randrange(50, 900), "candidatesTokenCount": r.randrange(10, 90)},
    })  # fmt: skip


def ai_coding_agent(d: Draft) -> str:
    """A coding agent's transcript: a shell tool call and its output, which prints a .env file."""
    r = d.rng
    tool_id = "toolu_01" + d.values.token(22)
    if r.random() < 0.3:
        command, env = "cat ~/.ssh/id_ed25519", new(d, "PRIVATE_KEY") + "\n"
    else:
        command = r.choice(["cat .env", "cat .env.local", "grep -v '^#' .env"])
        env = (f"DATABASE_URL=postgres://app:{dsn_password(d)}@localhost:5432/app\n"
               f"OPENAI_API_KEY={new(d, 'OPENAI_KEY')}\nAWS_SECRET_ACCESS_KEY={new(d, 'AWS_SECRET_KEY')}\n")
    return _json({
        "session_id": uuid(r), "cwd": f"/home/dev/src/{r.choice(['billing', 'checkout', 'crm'])}",
        "model": r.choice(MODELS[4:7]),
        "events": [
            {"type": "user", "text": "tests fail with 401 against the staging API, can you check the config?"},
            {"type": "assistant", "content": [{"type": "tool_use", "id": tool_id, "name": "bash",
                                               "input": {"command": command, "timeout": 30}}]},
            {"type": "tool_result", "tool_use_id": tool_id, "is_error": False, "content": env},
            {"type": "assistant", "content": [{"type": "text", "text": "That key is production's, not staging's."}]}],
    })  # fmt: skip


AI_LOG_TEMPLATES = (ai_openai_chat, ai_anthropic_messages, ai_agent_trace, ai_openai_responses, ai_langchain_run,
                    ai_gemini, ai_coding_agent)  # fmt: skip


# ---- database cells ---------------------------------------------------------------------------------------

CELL_COLUMNS: dict[str, tuple[str, ...]] = {
    "PERSON": ("cust_nm", "contact_person", "holder", "assigned_to", "patient", "emp_name", "display_name", "signer",
               "ContactName", "beneficiary"),
    "EMAIL": ("e_mail", "user_email", "EmailAddress", "login", "notify_to", "username", "reply_to"),
    "PHONE": ("tel", "cell", "contact_no", "whatsapp", "PhoneNumber", "emergency_contact", "fax_or_phone"),
    "US_SSN": ("social_security_no", "national_id", "tin", "SSN_NUM"),
    "CREDIT_CARD": ("cc_number", "card_no", "payment_card", "cardNumber"),
    "IBAN": ("account_iban", "payout_account", "iban_number", "bank_details", "IBAN_CODE"),
    "STREET_ADDRESS": ("addr_line1", "home_address", "mailing_address", "billing_addr", "location", "AddressLine"),
    "DATE_OF_BIRTH": ("birthdate", "d_o_b", "born_on", "dateOfBirth", "BIRTH_DT"),
    "IP_ADDRESS": ("client_ip", "remote_addr", "x_forwarded_for", "source_ip", "ip_addr"),
}
SECRET_COLUMNS: dict[str, tuple[str, ...]] = {
    "GITHUB_TOKEN": ("gh_token", "api_token"), "OPENAI_KEY": ("openai_key", "llm_api_key"),
    "PASSWORD": ("password", "pwd", "plain_pw"), "JWT": ("refresh_token", "id_token"),
    "STRIPE_KEY": ("stripe_secret",), "SLACK_TOKEN": ("slack_bot_token",), "BEARER_TOKEN": ("access_token",),
}  # fmt: skip
GENERIC_COLUMNS = ("value", "col_7", "field3", "data", "attr_value", "extra", "c12")


def cell_entity(d: Draft) -> tuple[str, str]:
    """One value under a column name that says (in some spelling) what it is."""
    r = d.rng
    entity = r.choice(list(CELL_COLUMNS))
    column = r.choice(CELL_COLUMNS[entity])
    if entity == "PERSON":
        p = Person(d)
        forms = [p.name, lambda: p.written(f"{p.last.upper()}, {p.first}"),
                 lambda: p.written(f"{p.first[0]}. {p.last}"), lambda: p.written(f"{p.last} {p.first}")]  # fmt: skip
        return r.choice(forms)(), column
    return new(d, entity), column


def cell_generic(d: Draft) -> tuple[str, str]:
    """A value under a column name that says nothing (EAV tables, imports)."""
    r = d.rng
    value = new(d, r.choice(["EMAIL", "PHONE", "US_SSN", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "STREET_ADDRESS"]))
    return value, r.choice(GENERIC_COLUMNS)


def cell_secret(d: Draft) -> tuple[str, str]:
    r = d.rng
    entity = r.choice(list(SECRET_COLUMNS))
    return new(d, entity), r.choice(SECRET_COLUMNS[entity])


def cell_note(d: Draft) -> tuple[str, str]:
    """A free-text column: agents' notes with the personal data they wrote down."""
    r, p = d.rng, Person(d)
    text = r.choice([
        lambda: f"Called back {p.given()}, confirmed new number {new(d, 'PHONE')}. Closing.",
        lambda: f"cust says card {new(d, 'CREDIT_CARD')} was stolen, blocked + reissued",
        lambda: f"Spoke w/ {p.name()} re: refund. Sent to {p.email()}.",
        lambda: f"address corrected to {new(d, 'STREET_ADDRESS')} per customer",
        lambda: f"DOB on file wrong, should be {new(d, 'DATE_OF_BIRTH')} (verified w/ ID)",
        lambda: f"Escalated - {p.name()} threatened chargeback. IBAN for refund: {new(d, 'IBAN')}",
    ])()  # fmt: skip
    return text, r.choice(["notes", "comment", "agent_notes", "description", "remarks"])


def cell_json(d: Draft) -> tuple[str, str]:
    """A JSON document stored in a text column."""
    r, p = d.rng, Person(d)
    doc = r.choice([
        lambda: {"contact": {"name": p.name(), "phone": new(d, "PHONE")}, "tier": r.choice(["gold", "basic"])},
        lambda: {"shipping": {"to": p.name(), "line1": new(d, "STREET_ADDRESS")}, "gift": r.random() < 0.3},
        lambda: {"kyc": {"ssn": new(d, "US_SSN"), "dob": dob_iso(d)}, "status": "verified"},
    ])()  # fmt: skip
    return _json(doc), r.choice(["metadata", "profile_json", "payload", "attributes"])


def cell_plain(d: Draft) -> tuple[str, str]:
    """A non-sensitive cell (it counts for over-masking)."""
    r = d.rng
    column, value = r.choice([
        lambda: ("tracking_no", f"1Z{''.join(r.choices(UPPER + DIGITS, k=16))}"),
        lambda: ("currency", r.choice(["EUR", "USD", "GBP", "CHF"])),
        lambda: ("country_code", r.choice(["DE", "US", "FR", "PL", "BR", "IN"])),
        lambda: ("invoice_no", invoice(r)),
        lambda: ("user_agent", f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/{r.randint(110, 125)}.0.0.0"),
        lambda: ("checksum", hexs(r, 64)),
        lambda: ("app_version", version(r)),
        lambda: ("flags", _json({"beta": r.random() < 0.5, "max_seats": r.randrange(1, 500)})),
        lambda: ("status_reason", r.choice(["Payment failed", "Awaiting Review", "Closed - Duplicate", "On Hold"])),
        lambda: ("updated_at", iso(r)),
    ])()  # fmt: skip
    return value, column


DB_CELL_KINDS: tuple[tuple[Callable[[Draft], tuple[str, str]], float], ...] = (
    (cell_entity, 0.5), (cell_generic, 0.08), (cell_secret, 0.07), (cell_note, 0.1), (cell_json, 0.07),
    (cell_plain, 0.18),
)  # fmt: skip


def db_cell(d: Draft) -> tuple[str, str]:
    kinds, weights = zip(*DB_CELL_KINDS, strict=True)
    return d.rng.choices(kinds, weights)[0](d)


# ---- hard negatives ---------------------------------------------------------------------------------------


def _luhn_invalid(r: random.Random) -> str:
    body = r.choice("3456") + "".join(r.choices(DIGITS, k=14))
    return body + str((int(luhn_check_digit(body)) + r.randint(1, 9)) % 10)


def _b64(r: random.Random, n: int) -> str:
    return "".join(r.choices(B64, k=n))


def hn_lockfile(r: random.Random) -> str:
    pkg = r.choice(["requests", "urllib3", "pydantic-core", "orjson", "cryptography"])
    return (f"{pkg}=={version(r).lstrip('v')} \\\n    --hash=sha256:{hexs(r, 64)} \\\n    --hash=sha256:{hexs(r, 64)}")


def hn_git_log(r: random.Random) -> str:
    return (f"commit {hexs(r, 40)}\nMerge: {hexs(r, 7)} {hexs(r, 7)}\nDate:   {when(r):%a %b %d %H:%M:%S %Y} +0000\n\n"
            f"    Bump {r.choice(['Django', 'Flask', 'Celery'])} from {version(r)} to {version(r)} "
            f"(#{r.randrange(10**4)})")


def hn_docker_build(r: random.Random) -> str:
    image = hexs(r, 12)
    return (f"Step {r.randint(2, 9)}/12 : RUN pip install -r requirements.txt\n ---> Using cache\n ---> {image}\n"
            f"Successfully built {image}\nSuccessfully tagged registry.northwind.io/api:{version(r)}")


def hn_prometheus(r: random.Random) -> str:
    return "\n".join(f'http_requests_total{{method="{m}",code="{c}",handler="/api/v1/orders"}} {r.randrange(10**6)} '
                     f"{r.randrange(1_775_000_000_000, 1_776_000_000_000)}"
                     for m, c in (("GET", 200), ("POST", 201), ("POST", 409)))  # fmt: skip


def hn_changelog(r: random.Random) -> str:
    return (f"## [{version(r).lstrip('v')}] - {when(r):%Y-%m-%d}\n### Fixed\n- `OrderService` no longer retries on "
            f"HTTP 409 (#{r.randrange(1000, 9999)})\n- Bumped OpenSSL to 3.0.{r.randint(10, 16)} and Node.js to "
            f"20.{r.randint(10, 18)}.0\n### Changed\n- Default `max_retries` is now {r.randint(2, 6)}")


def hn_tech_prose(r: random.Random) -> str:
    return r.choice([
        "We migrated from Apache Kafka to Redpanda, moved Postgres 15 to Aurora and replaced Jenkins with GitHub "
        "Actions. Terraform state lives in S3; Grafana dashboards were exported to JSON.",
        "Thanks to Rust and Tokio the Envoy filter now handles gRPC streams; Sentry and Datadog both see the spans, "
        "and Celery beat still schedules the nightly Spark job on EMR.",
        "Phoenix LiveView talks to Elixir services over NATS, Keycloak issues the tokens, Traefik terminates TLS "
        "and Vault rotates the database credentials every 24 hours.",
        "The Jupyter kernel crashed under Dask; Ray on Kubernetes with Karpenter fixed it. Next: Airflow to Dagster, "
        "Looker to Metabase, and Snowflake stays.",
    ])  # fmt: skip


def hn_placeholders(r: random.Random) -> str:
    return r.choice([
        "Set `STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx` and `OPENAI_API_KEY=<paste-your-key>` in .env.local "
        "before running `npm run dev`.",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = <your-secret-access-key>\n"
        "region = us-east-1",
        "password: ${{ secrets.DB_PASSWORD }}\ntoken: ${GITHUB_TOKEN:?missing}\napi_key: !vault |\n"
        "  secret/data/ci#key",
        "Authorization: Bearer <token>\nX-Api-Key: {{api_key}}\nCookie: session=REDACTED",
        "DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME (replace the capitalized parts)",
    ])  # fmt: skip


def hn_timestamps(r: random.Random) -> str:
    t = when(r)
    return (f"{t.isoformat(timespec='milliseconds')} -> {(t + timedelta(seconds=r.randrange(1, 9))).isoformat()} "
            f"({r.randrange(1, 9)}.{r.randrange(1000):03d} s); cron '{r.randint(0, 59)} */6 * * *', TTL "
            f"{r.choice([3600, 86400, 604800])}, epoch {int(t.timestamp())}, retry-after {r.randint(1, 120)}")


def hn_numbers(r: random.Random) -> str:
    return (f"Build #{when(r):%Y%m%d}.{r.randint(1, 40)}, PID {r.randrange(1000, 99999)}, inode "
            f"{r.randrange(10**6, 10**8)}, offset 0x{hexs(r, 12)}, port range 32768-60999, OID 1.3.6.1.4.1."
            f"{r.randrange(100, 60000)}.1.2, ISBN 978-{r.randint(0, 1)}-{r.randrange(100, 999)}-"
            f"{r.randrange(10000, 99999)}-{r.randint(0, 9)}")


def hn_stripe_ids(r: random.Random) -> str:
    return (f"Charge ch_3{''.join(r.choices(ALNUM, k=23))} for customer cus_{''.join(r.choices(ALNUM, k=14))} "
            f"succeeded (payment_intent pi_3{''.join(r.choices(ALNUM, k=23))}, idempotency key {uuid(r)}).")


def hn_ai_config(r: random.Random) -> str:
    return (f"Routing: {r.choice(MODELS)} for summaries, {r.choice(MODELS)} for classification; embeddings "
            f"text-embedding-3-small (dim 1536). max_tokens={r.choice([1024, 4096])}, top_p=0.9, "
            f"temperature=0.{r.randint(0, 9)}, request_id req_{hexs(r, 24)}.")


def hn_code(r: random.Random) -> str:
    return r.choice([
        "def get_user_by_email(email: str) -> User | None:\n"
        "    return session.scalar(select(User).where(User.email == email))",
        "if (!/^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$/.test(iban)) { throw new Error('invalid IBAN'); }",
        "const SSN_RE = /^\\d{3}-\\d{2}-\\d{4}$/; // validated again on the server",
        "password = getpass.getpass(\"Password: \")\ntoken = os.environ[\"GITHUB_TOKEN\"]",
    ])  # fmt: skip


def hn_schema(r: random.Random) -> str:
    return ("CREATE TABLE customers (\n  id bigserial PRIMARY KEY,\n  full_name text NOT NULL,\n"
            "  email citext UNIQUE,\n  phone text,\n  ssn_encrypted bytea,\n  date_of_birth date,\n"
            "  created_at timestamptz DEFAULT now()\n);\n"
            f"CREATE INDEX idx_customers_email ON customers (email); -- migration {when(r):%Y%m%d%H%M}")


def hn_validation_error(r: random.Random) -> str:
    return ("pydantic_core._pydantic_core.ValidationError: 2 validation errors for SignupRequest\nemail\n"
            "  value is not a valid email address: An email address must have an @-sign. [type=value_error, "
            "input_value='not-an-email', input_type=str]\npassword\n  String should have at least 12 characters "
            f"[type=string_too_short, input_value=..., input_type=str]\n    For further information visit "
            f"https://errors.pydantic.dev/2.{r.randint(5, 11)}/v/string_too_short")


def hn_already_masked(r: random.Random) -> str:
    return (f"Card ending in {r.randrange(10**4):04d}, **** **** **** {r.randrange(10**4):04d}, SSN ***-**-"
            f"{r.randrange(10**4):04d}, email j***@g***.com, phone +1 (***) ***-{r.randrange(10**4):04d}, "
            f"IBAN DE** **** **** **** **{r.randrange(100):02d}")


def hn_infra(r: random.Random) -> str:
    return (f"Region eu-west-1, 3 AZs, p99 {r.randrange(100, 900)}ms, {r.randint(1, 9)}.{r.randint(0, 9)}e6 req/day, "
            f"{r.choice([512, 2048, 4096])} MiB, 99.95% SLA, instance m7g.{r.choice(['large', 'xlarge', '2xlarge'])}, "
            f"AMI ami-{hexs(r, 17)}, subnet subnet-{hexs(r, 17)}")


def hn_lookalikes(r: random.Random) -> str:
    card = _luhn_invalid(r)
    return (f"Order confirmation {card[:4]} {card[4:8]} {card[8:12]} {card[12:]} is a reference, not a card (it fails "
            f"Luhn). Case no. {r.randint(2024, 2026)}-CV-{r.randrange(10**5):05d}; tracking "
            f"{r.randrange(10**11, 10**12)}; SKU 9{r.randrange(10**9, 10**10)}.")


def hn_headers(r: random.Random) -> str:
    return (f"Accept-Encoding: gzip, br\nX-Request-ID: {uuid(r)}\ntraceparent: 00-{hexs(r, 32)}-{hexs(r, 16)}-01\n"
            f"User-Agent: okhttp/4.12.0\nETag: W/\"{hexs(r, 27)}\"\nContent-MD5: {_b64(r, 22)}==")


def hn_data_uri(r: random.Random) -> str:
    return (f'<img alt="logo" width="{r.choice([32, 64])}" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAg'
            f'CAYAAABzenr0AAAA{_b64(r, 40)}AAAAAElFTkSuQmCC">')


def hn_ulids(r: random.Random) -> str:
    crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    return (f"events: 01J{''.join(r.choices(crockford, k=23))}, 01J{''.join(r.choices(crockford, k=23))}; "
            f"ksuid {''.join(r.choices(ALNUM, k=27))}; snowflake {r.randrange(10**17, 10**18)}")


def hn_k8s(r: random.Random) -> str:
    suffix = "".join(r.choices(string.ascii_lowercase + DIGITS, k=5))
    return ("NAME                          READY   STATUS    RESTARTS   AGE\n"
            f"api-7d9f8b6c5-{suffix}   1/1     Running   "
            f"{r.randint(0, 3)}          {r.randint(1, 9)}d{r.randint(1, 23)}h\nworker-{hexs(r, 9)}-{suffix}  "
            f"0/1     CrashLoopBackOff   {r.randint(4, 40)}   {r.randint(5, 59)}m")


def hn_semver_ranges(r: random.Random) -> str:
    return (f'"dependencies": {{"react": "^18.{r.randint(0, 3)}.0", "next": "14.{r.randint(0, 2)}.{r.randint(0, 30)}", '
            f'"@sentry/nextjs": "~8.{r.randint(0, 40)}.0"}}, "engines": {{"node": ">=20.11"}}, '
            f'"packageManager": "pnpm@9.{r.randint(0, 9)}.0+sha512.{hexs(r, 32)}"')


HARD_NEGATIVE_BLOCKS: tuple[Callable[[random.Random], str], ...] = (
    hn_lockfile, hn_git_log, hn_docker_build, hn_prometheus, hn_changelog, hn_tech_prose, hn_placeholders,
    hn_timestamps, hn_numbers, hn_stripe_ids, hn_ai_config, hn_code, hn_schema, hn_validation_error,
    hn_already_masked, hn_infra, hn_lookalikes, hn_headers, hn_data_uri, hn_ulids, hn_k8s, hn_semver_ranges,
)  # fmt: skip


# ---- building -----------------------------------------------------------------------------------------------

Template = Callable[[Draft], "str | tuple[str, str]"]


def _free_text(d: Draft) -> str:
    return d.rng.choice(FREE_TEXT_TEMPLATES)(d)


def _log_lines(d: Draft) -> str:
    r = d.rng
    lines = [_log_noise(r) for _ in range(r.randint(0, 2))]
    lines.insert(r.randint(0, len(lines)), r.choice(LOG_TEMPLATES)(d))
    return "\n".join(lines)


def _config(d: Draft) -> str:
    return d.rng.choice(CONFIG_TEMPLATES)(d)


def _ai_log(d: Draft) -> str:
    return d.rng.choice(AI_LOG_TEMPLATES)(d)


def _hard_negative(d: Draft) -> str:
    r = d.rng
    return "\n\n".join(block(r) for block in r.sample(HARD_NEGATIVE_BLOCKS, r.randint(1, 3)))


CATEGORY_MAKERS: dict[str, Template] = {
    FREE_TEXT: _free_text, AI_CHAT_LOG: _ai_log, LOG_LINES: _log_lines, DB_CELLS: db_cell,
    CONFIG_SECRETS: _config, HARD_NEGATIVES: _hard_negative,
}  # fmt: skip


def _forms(value: str, json_text: bool) -> set[str]:
    if not json_text:
        return {value}
    once = orjson.dumps(value).decode()[1:-1]
    return {value, once, orjson.dumps(once).decode()[1:-1]}


def labels_exact(text: str, planted: list[tuple[str, str]], *, json_text: bool = False) -> bool:
    """Whether ``label`` will find exactly the planted occurrences: each value as often as it was planted (not
    counting occurrences inside a longer planted value), one entity per value, no two values half-overlapping."""
    entity_of: dict[str, str] = {}
    for value, entity in planted:
        if entity_of.setdefault(value, entity) != entity:
            return False
    spots = {v: [s for f in _forms(v, json_text) for s in occurrences(text, f)] for v in entity_of}
    every = [(s, e, v) for v, found in spots.items() for s, e in found]
    for s1, e1, v1 in every:
        for s2, e2, v2 in every:
            if v1 != v2 and s1 < e2 and s2 < e1 and not (s1 <= s2 and e2 <= e1) and not (s2 <= s1 and e1 <= e2):
                return False
    wanted = Counter(v for v, _ in planted)
    for value, n in wanted.items():
        own = [(s, e) for s, e in spots[value]
               if not any(v != value and a <= s and e <= b and (a, b) != (s, e) for a, b, v in every)]  # fmt: skip
        if len(own) != n:
            return False
    return True


def _streams(seed: int) -> tuple[random.Random, int]:
    """The held-out ``random.Random`` (string-seeded: no integer seed of the main corpus gives it) and Faker seed."""
    return random.Random(f"maskline-heldout:{seed}"), SEED_SALT + seed * 1_000_003


@dataclass(frozen=True)
class Built:
    """A held-out corpus with what its generators planted in each item, and how many drawn items were thrown
    away because a label would not have been exact."""

    items: list[Item]
    planted: list[list[tuple[str, str]]]
    redraws: int


def build_with_planted(seed: int = 0, size: int = 2000) -> Built:
    if size < 1:
        raise ValueError(f"the corpus needs at least one item, got size={size}")
    rng, faker_seed = _streams(seed)
    values = HeldoutValues(faker_seed, rng)
    deck = [c for c, n in category_counts(size).items() for _ in range(n)]
    rng.shuffle(deck)
    built = Built([], [], 0)
    redraws = 0
    for i, category in enumerate(deck):
        json_text = category in JSON_CATEGORIES
        for _ in range(MAX_DRAWS):
            draft = Draft(values)
            made = CATEGORY_MAKERS[category](draft)
            text, column = (made, None) if isinstance(made, str) else made
            if labels_exact(text, draft.planted, json_text=json_text):
                break
            redraws += 1
        else:  # pragma: no cover - a template that never labels exactly is a bug
            raise RuntimeError(f"no exactly labeled {category} item in {MAX_DRAWS} draws")
        spans = label(text, draft.planted, json_text=json_text)
        built.items.append(Item(f"heldout-{category}-{i:05d}", category, text, spans, column))
        built.planted.append(draft.planted)
    return Built(built.items, built.planted, redraws)


def build_heldout(seed: int = 0, size: int = 2000) -> list[Item]:
    """``size`` held-out items in the main corpus's category proportions, in a seeded shuffled order."""
    return build_with_planted(seed, size).items


def template_counts() -> dict[str, int]:
    """How many templates (or shapes, cell kinds, blocks) each category draws from."""
    cells = sum(len(c) for c in (*CELL_COLUMNS.values(), *SECRET_COLUMNS.values())) + len(GENERIC_COLUMNS)
    return {FREE_TEXT: len(FREE_TEXT_TEMPLATES), AI_CHAT_LOG: len(AI_LOG_TEMPLATES),
            LOG_LINES: len(LOG_TEMPLATES), DB_CELLS: cells, CONFIG_SECRETS: len(CONFIG_TEMPLATES),
            HARD_NEGATIVES: len(HARD_NEGATIVE_BLOCKS)}  # fmt: skip
