"""Reproducible demo data: a production-like DuckDB table of fake people and AI chat activity logs.

Everything comes from one seed (Faker instances and a ``random.Random``; never the clock), so the same seed
gives byte-identical JSONL files and identical table content. The values are plausible for detectors:
Luhn-valid cards, mod-97-valid IBANs, SSNs in valid ranges, NANP phone numbers, realistic secrets.

``DemoData.planted`` lists raw sensitive values that occur in the table or the valid log lines, so tests can
search masked artifacts for them. The two malformed log lines use a person who is in neither the table nor
``planted``, so keeping rejects raw does not trip such a canary.
"""

from __future__ import annotations

import base64
import random
import string
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pyarrow as pa
from faker import Faker

MODEL = "gpt-4o-2024-08-06"
SYSTEM_PROMPT = (
    "You are the Acme Cloud support assistant. Answer briefly and politely. Use the tools to look up "
    "or update customer records. Never ask for full card numbers or passwords. Policy version 2026.03."
)
LOG_START = datetime(2026, 3, 2, tzinfo=UTC)
LOG_DAYS = 3
MALFORMED_LINES = 2
PLANTED_PER_SOURCE = 10  # per entity kind: up to this many from the table and as many from the logs
AREA_CODES = (212, 213, 206, 303, 312, 305, 404, 415, 512, 617, 646, 702, 718, 801, 917)
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "gmail.com", "yahoo.com", "outlook.com")
ALNUM = string.ascii_letters + string.digits
TOPICS = ("email", "phone", "card", "ssn", "iban", "aws", "github", "password", "bearer", "order")

CUSTOMERS_DDL = """
CREATE TABLE main.customers (
    id BIGINT PRIMARY KEY, full_name VARCHAR, email VARCHAR, phone VARCHAR, ssn VARCHAR,
    card_number VARCHAR, iban VARCHAR, birth_date DATE, address VARCHAR, signup_ip VARCHAR,
    plan VARCHAR, notes VARCHAR, created_at TIMESTAMP
)"""
CUSTOMERS_SCHEMA = pa.schema(
    [("id", pa.int64()), ("full_name", pa.string()), ("email", pa.string()), ("phone", pa.string()),
     ("ssn", pa.string()), ("card_number", pa.string()), ("iban", pa.string()), ("birth_date", pa.date32()),
     ("address", pa.string()), ("signup_ip", pa.string()), ("plan", pa.string()), ("notes", pa.string()),
     ("created_at", pa.timestamp("us"))]
)  # fmt: skip


@dataclass(frozen=True)
class DemoData:
    root: Path
    duckdb_path: Path
    logs_glob: str
    customers: int
    log_records: int  # valid JSON lines
    malformed_lines: int
    planted: dict[str, list[str]]


@dataclass(frozen=True)
class _Person:
    id: int
    first: str
    full_name: str
    email: str
    phone_parts: tuple[int, int, int]
    card_digits: str
    ssn: str
    iban: str


class _Planted:
    """Raw sensitive values per entity kind, deduplicated in insertion order, capped per source."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, None]] = {}
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, source: str, kind: str, value: str) -> None:
        seen = self.values.setdefault(kind, {})
        key = (source, kind)
        if value not in seen and self._counts.get(key, 0) < PLANTED_PER_SOURCE:
            seen[value] = None
            self._counts[key] = self._counts.get(key, 0) + 1

    def as_dict(self) -> dict[str, list[str]]:
        return {kind: list(values) for kind, values in sorted(self.values.items())}


# ---- value generators -----------------------------------------------------------------------------------


def _phone(parts: tuple[int, int, int], rng: random.Random) -> str:
    area, exchange, line = parts
    style = rng.randrange(3)
    if style == 0:
        return f"({area}) {exchange}-{line:04d}"
    if style == 1:
        return f"+1 {area}-{exchange}-{line:04d}"
    return f"{area}-{exchange}-{line:04d}"


def _card(digits: str, rng: random.Random) -> str:
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4)) if rng.random() < 0.3 else digits


def _token(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(rng.choices(alphabet, k=n))


def _order_id(rng: random.Random) -> str:
    return f"ORD-2026-{rng.randrange(1, 1_000_000):06d}"


def _version(rng: random.Random) -> str:
    return f"v{rng.randint(1, 4)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"


def _bearer(rng: random.Random, user_id: str) -> str:
    if rng.random() < 0.5:  # opaque token
        return _token(rng, 40)
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=").decode()
    claims = orjson.dumps({"sub": user_id, "iat": 1772400000 + rng.randrange(10**6)})
    payload = base64.urlsafe_b64encode(claims).rstrip(b"=").decode()
    return f"{header}.{payload}.{_token(rng, 43, ALNUM + '-_')}"


def _person(pid: int, fake: Faker, iban_fakers: list[Faker], rng: random.Random, emails: set[str]) -> _Person:
    first, last = fake.first_name(), fake.last_name()
    local = ".".join("".join(ch for ch in part.lower() if ch.isalnum()) for part in (first, last))
    email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
    while email in emails:
        email = f"{local}{rng.randint(2, 99)}@{rng.choice(EMAIL_DOMAINS)}"
    emails.add(email)
    exchange = rng.randint(200, 999)
    if exchange % 100 == 11:  # N11 exchanges are service codes
        exchange += 1
    card_type = "visa16" if rng.random() < 0.6 else "mastercard"
    return _Person(
        id=pid, first=first, full_name=f"{first} {last}", email=email,
        phone_parts=(rng.choice(AREA_CODES), exchange, rng.randrange(10_000)),
        card_digits=fake.credit_card_number(card_type=card_type), ssn=fake.ssn(),
        iban=rng.choice(iban_fakers).iban(),
    )  # fmt: skip


# ---- the customers table --------------------------------------------------------------------------------


def _note(p: _Person, phone: str, rng: random.Random) -> str | None:
    if rng.random() < 0.4:
        return None
    order, version = _order_id(rng), _version(rng)
    stamp = (LOG_START - timedelta(minutes=rng.randrange(500_000))).strftime("%Y-%m-%d %H:%M:%S")
    return rng.choice(
        [
            f"Called {p.full_name} about {order}; refund issued at {stamp}.",
            f"{p.full_name} asked to confirm the contact email {p.email}. Identity verified.",
            f"Customer {p.full_name} reports a crash in app {version} since {stamp}. Call back at {phone}.",
            f"Escalated {order} for {p.full_name} to billing, ticket TCK-{rng.randrange(10**5):05d}.",
            f"{p.full_name} wants to downgrade the plan after {order}; follow up by {p.email} or {phone}.",
        ]
    )


def _customers_table(people: list[_Person], fake: Faker, rng: random.Random, planted: _Planted) -> pa.Table:
    cols: dict[str, list[Any]] = {name: [] for name in CUSTOMERS_SCHEMA.names}
    for p in people:
        phone, card = _phone(p.phone_parts, rng), _card(p.card_digits, rng)
        row = {
            "id": p.id, "full_name": p.full_name, "email": p.email, "phone": phone, "ssn": p.ssn,
            "card_number": card, "iban": p.iban,
            "birth_date": date(1950, 1, 1) + timedelta(days=rng.randrange(50 * 365)),
            "address": fake.address().replace("\n", ", "), "signup_ip": fake.ipv4_public(),
            "plan": rng.choices(("free", "pro", "enterprise"), weights=(6, 3, 1))[0],
            "notes": _note(p, phone, rng),
            "created_at": datetime(2023, 1, 1) + timedelta(seconds=rng.randrange(3 * 365 * 86_400)),
        }  # fmt: skip
        for name, value in row.items():
            cols[name].append(value)
        for kind, value in (("PERSON", p.full_name), ("EMAIL", p.email), ("PHONE", phone),
                            ("CREDIT_CARD", card), ("US_SSN", p.ssn), ("IBAN", p.iban)):  # fmt: skip
            planted.add("table", kind, value)
    return pa.table(cols, schema=CUSTOMERS_SCHEMA)


def _write_duckdb(path: Path, table: pa.Table) -> None:
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(CUSTOMERS_DDL)
        con.register("customers_src", table)
        con.execute("INSERT INTO main.customers SELECT * FROM customers_src")
    finally:
        con.close()


# ---- the chat logs --------------------------------------------------------------------------------------


def _topic_text(topic: str, p: _Person, rng: random.Random, found: list[tuple[str, str]]) -> str:
    """One user sentence about ``topic``; appends the (kind, raw value) pairs it contains to ``found``."""
    order = _order_id(rng)
    if topic == "email":
        found.append(("EMAIL", p.email))
        return f"My email is {p.email} and the password reset link never arrives."
    if topic == "phone":
        phone = _phone(p.phone_parts, rng)
        found.append(("PHONE", phone))
        return f"Please call me back at {phone}, I'm free after 3pm."
    if topic == "card":
        card = _card(p.card_digits, rng)
        found.append(("CREDIT_CARD", card))
        return f"My card {card} was charged twice for {order}."
    if topic == "ssn":
        found.append(("US_SSN", p.ssn))
        return f"The billing form asked for verification, my SSN is {p.ssn}. Is that safe?"
    if topic == "iban":
        found.append(("IBAN", p.iban))
        return f"Please send the refund for {order} to my account {p.iban}."
    if topic == "aws":
        key = "AKIA" + _token(rng, 16, string.ascii_uppercase + "234567")
        found.append(("AWS_ACCESS_KEY", key))
        return f"Our deploy fails with this config:\naws_access_key_id = {key}\nregion = us-east-1"
    if topic == "github":
        token = "ghp_" + _token(rng, 36)
        found.append(("GITHUB_TOKEN", token))
        return f"The webhook uses token {token} and returns 401 since {_version(rng)}."
    if topic == "password":
        password = _token(rng, rng.randint(10, 14)) + rng.choice("!#%")
        found.append(("PASSWORD", password))
        return f"I log in with user={p.email.split('@')[0]} password={password} but it says invalid."
    if topic == "bearer":
        token = _bearer(rng, f"u_{p.id}")
        found.append(("BEARER_TOKEN", token))
        return f'curl -H "Authorization: Bearer {token}" https://api.example.com/v1/me returns 403.'
    stamp = (LOG_START - timedelta(hours=rng.randrange(1, 400))).isoformat().replace("+00:00", "Z")
    return f"Order {order} placed at {stamp} has not shipped yet (app {_version(rng)})."


def _tool_call(p: _Person, rng: random.Random) -> dict[str, Any]:
    phone, order, amount = _phone(p.phone_parts, rng), _order_id(rng), rng.randrange(500, 20000) / 100
    name, args = rng.choice(
        [
            ("lookup_customer", {"email": p.email, "name": p.full_name}),
            ("update_contact", {"customer_id": p.id, "name": p.full_name, "phone": phone}),
            ("refund_order", {"order_id": order, "email": p.email, "amount": amount}),
        ]
    )
    return {"id": "call_" + _token(rng, 24), "type": "function",
            "function": {"name": name, "arguments": orjson.dumps(args).decode()}}  # fmt: skip


def _mentions(p: _Person, text: str) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value in (("EMAIL", p.email), ("PERSON", p.full_name)) if value in text]


def _conversation(
    p: _Person, topic: str, created: int, rng: random.Random
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    found: list[tuple[str, str]] = []
    intro = rng.choice(["Hi, I'm {}.", "Hello, this is {}.", "{} here.", ""]).format(p.full_name)
    if intro:
        found.append(("PERSON", p.full_name))
    user = " ".join(filter(None, [intro, _topic_text(topic, p, rng, found)]))
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]
    if rng.random() < 0.2:
        messages.append({"role": "assistant", "content": "Sure, could you tell me a bit more?"})
        extra = rng.choice(TOPICS)
        messages.append({"role": "user", "content": "Also: " + _topic_text(extra, p, rng, found)})
    reply = rng.choice(
        [f"Thanks {p.first}, I found the account for {p.email}.", "I have updated your account.",
         "Please never paste secrets or card numbers here; rotate that credential now.",
         f"Sorry about that, {p.full_name}. I've opened a ticket."]
    )  # fmt: skip
    found += _mentions(p, reply)
    message: dict[str, Any] = {"role": "assistant", "content": reply}
    if rng.random() < 0.45:
        message["tool_calls"] = [_tool_call(p, rng)]
        found += _mentions(p, message["tool_calls"][0]["function"]["arguments"])
    prompt = sum(len(str(m["content"])) for m in messages) // 4
    completion = rng.randint(15, 180)
    record = {
        "id": "chatcmpl-" + _token(rng, 29), "created": created, "model": MODEL, "user_id": f"u_{p.id}",
        "request": {"messages": messages},
        "response": {"choices": [{"message": message}],
                     "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                               "total_tokens": prompt + completion}},
        "latency_ms": rng.randint(180, 4200),
    }  # fmt: skip
    return record, found


def _write_logs(
    logs: Path, people: list[_Person], stranger: _Person, n: int, rng: random.Random, planted: _Planted
) -> None:
    logs.mkdir(parents=True, exist_ok=True)
    for stale in logs.glob("chat-*.jsonl"):
        stale.unlink()
    deck: list[str] = []
    days = min(LOG_DAYS, n)
    for day in range(days):
        count = (day + 1) * n // days - day * n // days
        start = LOG_START + timedelta(days=day)
        lines: list[bytes] = []
        for offset in sorted(rng.randrange(86_400) for _ in range(count)):
            if not deck:  # every topic comes up equally often, in shuffled order
                deck = rng.sample(TOPICS, len(TOPICS))
            created = int(start.timestamp()) + offset
            record, found = _conversation(rng.choice(people), deck.pop(), created, rng)
            lines.append(orjson.dumps(record) + b"\n")
            for kind, value in found:
                planted.add("logs", kind, value)
        if day == min(1, days - 1):  # the rejects: a truncated object and a plain-text line with an email
            broken, _ = _conversation(stranger, "email", int(start.timestamp()), rng)
            text = orjson.dumps(broken)
            lines.insert(min(1, len(lines)), text[: len(text) // 2] + b"\n")
            lines.insert(max(len(lines) - 1, 0), f"WARN upstream timeout for {stranger.email}\n".encode())
        (logs / f"chat-{start:%Y-%m-%d}.jsonl").write_bytes(b"".join(lines))


# ---- entry point ----------------------------------------------------------------------------------------


def build_demo_data(
    root: Path, *, seed: int = 7, customers: int = 1000, conversations: int = 300
) -> DemoData:
    """Write ``root/prod.duckdb`` (table ``main.customers``) and ``root/logs/chat-YYYY-MM-DD.jsonl``."""
    if customers < 1 or conversations < 1:
        raise ValueError(f"need at least 1 customer and 1 conversation, got {customers} and {conversations}")
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    fake, gb, de = Faker("en_US"), Faker("en_GB"), Faker("de_DE")
    for offset, instance in enumerate((fake, gb, de)):
        instance.seed_instance(seed + offset)
    emails: set[str] = set()
    people = [_person(i, fake, [gb, de], rng, emails) for i in range(1, customers + 1)]
    names = {p.full_name for p in people}
    stranger = _person(0, fake, [gb, de], rng, emails)
    while stranger.full_name in names:
        stranger = _person(0, fake, [gb, de], rng, emails)

    planted = _Planted()
    db_path = root / "prod.duckdb"
    _write_duckdb(db_path, _customers_table(people, fake, rng, planted))
    _write_logs(root / "logs", people, stranger, conversations, rng, planted)
    return DemoData(
        root=root, duckdb_path=db_path, logs_glob=str(root / "logs" / "*.jsonl"), customers=customers,
        log_records=conversations, malformed_lines=MALFORMED_LINES, planted=planted.as_dict(),
    )  # fmt: skip
