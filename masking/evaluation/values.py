"""Realistic sensitive values for the evaluation corpus, all drawn from one seeded ``random.Random`` and Faker.

Values are valid where their type has a rule: cards pass Luhn (Visa, Mastercard, Amex, Discover), IBANs pass
mod-97 (six countries, compact or printed in groups), SSNs avoid the never-issued areas, groups and serials,
phones are NANP numbers with valid area codes and exchanges or E.164 numbers. Secrets have their issuers'
published shapes (prefixes, lengths, alphabets) with random bodies: none of them is a real credential.
"""

from __future__ import annotations

import base64
import random
import string
from datetime import date, timedelta

import orjson
from faker import Faker

ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
NAME_LOCALES = ("en_US", "en_US", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL")
AREA_CODES = (201, 206, 212, 213, 303, 305, 312, 404, 415, 503, 512, 602, 617, 646, 702, 713, 718, 801, 917)
EMAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "proton.me", "icloud.com", "acme-corp.com",
                 "example.org", "mail.example.co.uk", "web.de", "orange.fr")  # fmt: skip
# Country -> BBAN layout: (kind, length) runs, where kind is "n" digits, "a" uppercase letters, "c" either.
BBAN_LAYOUT = {
    "DE": (("n", 18),),
    "GB": (("a", 4), ("n", 14)),
    "FR": (("n", 10), ("c", 11), ("n", 2)),
    "NL": (("a", 4), ("n", 10)),
    "ES": (("n", 20),),
    "IT": (("a", 1), ("n", 10), ("c", 12)),
}
BBAN_ALPHABETS = {"n": string.digits, "a": string.ascii_uppercase, "c": string.ascii_uppercase + string.digits}
_PASSWORD_WORDS = ("summer", "dragon", "Monkey", "sunshine", "Welcome", "falcon", "Pineapple", "orange", "tiger")


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        d = int(char)
        if i % 2 == 0:  # doubled: these become the odd positions from the right once the check digit is added
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str(-total % 10)


def iban_check_digits(country: str, bban: str) -> str:
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(numeric) % 97:02d}"


class Values:
    """Generator of sensitive values. Every call consumes the shared ``rng`` (and Faker's seeded state)."""

    def __init__(self, seed: int, rng: random.Random) -> None:
        self.rng = rng
        self._fakers: dict[str, Faker] = {}
        for offset, locale in enumerate(dict.fromkeys(NAME_LOCALES)):
            fake = Faker(locale)
            fake.seed_instance(seed * 31 + offset)
            self._fakers[locale] = fake
        self.fake = self._fakers["en_US"]

    def token(self, n: int, alphabet: str = ALNUM) -> str:
        return "".join(self.rng.choices(alphabet, k=n))

    # ---- people ----------------------------------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        """(first name, last name) from a random locale, accents and all."""
        fake = self._fakers[self.rng.choice(NAME_LOCALES)]
        return fake.first_name(), fake.last_name()

    def email(self, first: str | None = None, last: str | None = None) -> str:
        if first is None or last is None:
            first, last = self.person()
        clean = [("".join(c for c in part.lower() if c.isascii() and c.isalnum()) or "user") for part in (first, last)]
        local = self.rng.choice([
            f"{clean[0]}.{clean[1]}", f"{clean[0][0]}{clean[1]}", f"{clean[0]}_{clean[1]}{self.rng.randint(1, 99)}",
            f"{clean[0]}.{clean[1]}+{self.rng.choice(['billing', 'shop', 'news'])}", f"{clean[1]}.{clean[0][0]}",
        ])
        return f"{local}@{self.rng.choice(EMAIL_DOMAINS)}"

    def phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            return rng.choice([
                f"+44 20 7{rng.randrange(100, 1000)} {rng.randrange(10_000):04d}",
                f"+49 30 {rng.randrange(100_000, 1_000_000)}{rng.randrange(10)}",
                f"+33 6 {rng.randrange(10, 100)} {rng.randrange(10, 100)} {rng.randrange(10, 100)} "
                f"{rng.randrange(10, 100)}",
                f"+34 6{rng.randrange(10, 100)} {rng.randrange(100, 1000)} {rng.randrange(100, 1000)}",
            ])
        area, exchange, line = rng.choice(AREA_CODES), rng.randrange(200, 1000), rng.randrange(10_000)
        if exchange % 100 == 11:  # N11 exchanges are service codes
            exchange += 1
        return rng.choice([
            f"({area}) {exchange}-{line:04d}", f"{area}-{exchange}-{line:04d}", f"+1 {area}-{exchange}-{line:04d}",
            f"{area}.{exchange}.{line:04d}", f"+1 ({area}) {exchange}-{line:04d}", f"1-{area}-{exchange}-{line:04d}",
        ])

    def ssn(self) -> str:
        area = self.rng.choice([a for a in range(1, 900) if a != 666])
        return f"{area:03d}-{self.rng.randint(1, 99):02d}-{self.rng.randint(1, 9999):04d}"

    def card(self) -> str:
        rng = self.rng
        prefix, length = rng.choice([("4", 16), ("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15),
                                     ("37", 15), ("6011", 16)])  # fmt: skip
        body = prefix + "".join(rng.choices(string.digits, k=length - len(prefix) - 1))
        digits = body + luhn_check_digit(body)
        style = rng.random()
        if style < 0.5:
            return digits
        sep = " " if style < 0.8 else "-"
        if length == 15:
            return sep.join((digits[:4], digits[4:10], digits[10:]))
        return sep.join(digits[i : i + 4] for i in range(0, 16, 4))

    def iban(self, grouped: bool | None = None) -> str:
        country = self.rng.choice(list(BBAN_LAYOUT))
        bban = "".join(self.token(n, BBAN_ALPHABETS[kind]) for kind, n in BBAN_LAYOUT[country])
        compact = country + iban_check_digits(country, bban) + bban
        if grouped is None:
            grouped = self.rng.random() < 0.4
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if grouped else compact

    def ipv4(self) -> str:
        if self.rng.random() < 0.2:
            return f"10.{self.rng.randrange(256)}.{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}"
        return str(self.fake.ipv4_public())

    def ipv6(self) -> str:
        return str(self.fake.ipv6())

    def ip(self) -> str:
        return self.ipv6() if self.rng.random() < 0.2 else self.ipv4()

    def street_address(self) -> str:
        fake = self.fake
        if self.rng.random() < 0.7:
            return f"{fake.street_address()}, {fake.city()}, {fake.state_abbr()} {fake.zipcode()}"
        return str(fake.street_address())

    def birth_date(self) -> str:
        born = date(1945, 1, 1) + timedelta(days=self.rng.randrange(60 * 365))
        return self.rng.choice([born.isoformat(), f"{born:%m/%d/%Y}", f"{born:%B} {born.day}, {born.year}"])

    # ---- secrets ---------------------------------------------------------------------------------------

    def aws_access_key(self) -> str:
        return self.rng.choice(["AKIA", "AKIA", "ASIA"]) + self.token(16, string.ascii_uppercase + "234567")

    def aws_secret_key(self) -> str:
        return self.token(40, B64)

    def github_token(self) -> str:
        if self.rng.random() < 0.2:
            return f"github_pat_{self.token(22)}_{self.token(59)}"
        return self.rng.choice(["ghp_", "ghp_", "gho_", "ghs_"]) + self.token(36)

    def jwt(self) -> str:
        header = {"alg": self.rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
        claims = {"sub": f"user_{self.rng.randrange(10**6)}", "iat": 1_772_400_000 + self.rng.randrange(10**6),
                  "scope": self.rng.choice(["read", "read write", "admin"])}  # fmt: skip
        parts = [base64.urlsafe_b64encode(orjson.dumps(p)).rstrip(b"=").decode() for p in (header, claims)]
        return ".".join([*parts, self.token(self.rng.choice([43, 86]), URLSAFE)])

    def private_key(self) -> str:
        label = self.rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
        lines = [self.token(64, B64) for _ in range(self.rng.randint(3, 6))] + [self.token(28, B64) + "=="]
        return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])

    def password(self) -> str:
        rng = self.rng
        return rng.choice([
            f"{rng.choice(_PASSWORD_WORDS)}{rng.randint(1970, 2026)}{rng.choice('!#?*@')}",
            self.token(1) + self.token(rng.randint(11, 19), ALNUM + "!#%*@^-_."),
            f"{rng.choice(_PASSWORD_WORDS).capitalize()}-{rng.choice(_PASSWORD_WORDS)}-{rng.randint(10, 99)}",
            self.token(rng.randint(10, 16)),
        ])

    def url_password(self) -> str:
        """A password as written inside a URL: characters that would need percent-encoding left out."""
        return self.token(1) + self.token(self.rng.randint(11, 19), ALNUM + "-_.!*")

    def bearer_token(self) -> str:
        return self.token(1) + self.token(self.rng.choice([31, 39, 63]), ALNUM + "-_.")

    def openai_key(self) -> str:
        if self.rng.random() < 0.6:
            return "sk-proj-" + self.token(self.rng.choice([48, 74, 132]), URLSAFE)
        return "sk-" + self.token(20) + "T3BlbkFJ" + self.token(20)

    def slack_token(self) -> str:
        kind = self.rng.choice(["xoxb", "xoxp", "xoxa"])
        digits = string.digits
        tail = self.token(24, string.ascii_lowercase + digits)
        return f"{kind}-{self.token(12, digits)}-{self.token(13, digits)}-{tail}"

    def stripe_key(self) -> str:
        return self.rng.choice(["sk_live_", "rk_live_", "sk_test_"]) + self.token(self.rng.choice([24, 99]))

    def google_api_key(self) -> str:
        return "AIza" + self.token(35, URLSAFE)
