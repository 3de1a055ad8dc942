"""Hard negatives: text full of values that look sensitive and are not, and must come out unchanged.

Identifiers (UUIDs, git SHAs, digests, trace and span ids, order and ticket numbers), versions and
timestamps, checksum-invalid look-alikes (16-digit numbers that fail Luhn, IBAN-shaped strings that fail
mod-97, SSN-shaped numbers in never-issued ranges), placeholders (``${API_KEY}``, ``<your-key>``), model names,
file paths and ports. Items of this category have no labeled span: every token in them counts for over-masking.
"""

from __future__ import annotations

import random
import string

from masking.evaluation.corpus import Draft
from masking.evaluation.values import BBAN_ALPHABETS, BBAN_LAYOUT, iban_check_digits, luhn_check_digit

HEX = "0123456789abcdef"
MODELS = ("gpt-4o-2024-08-06", "gpt-4o-mini", "claude-3-5-sonnet-20241022", "text-embedding-3-large",
          "llama-3.1-70b-instruct", "mistral-large-2407", "o3-mini-2025-01-31", "gemini-1.5-pro-002")  # fmt: skip
SERVICES = ("checkout", "billing-api", "Kafka", "Redis", "Grafana", "Jenkins", "Airflow", "Postgres", "Envoy")
PATHS = ("/var/log/nginx/access.log", "/etc/ssl/certs/ca-bundle.crt", "src/app/services/payment_service.py",
         "~/.config/gcloud/configurations/config_default", "C:\\Program Files\\Acme\\agent.exe",
         "/usr/lib/python3.11/site-packages/requests/adapters.py", "charts/api/values-prod.yaml")  # fmt: skip
PLACEHOLDERS = ("${API_KEY}", "<your-key>", "${OPENAI_API_KEY}", "YOUR_API_KEY_HERE", "<YOUR_TOKEN>", "********",
                "{{ secrets.GITHUB_TOKEN }}", "$DB_PASSWORD", "<password>", "xxxx-xxxx-xxxx", "[REDACTED]")  # fmt: skip


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(HEX, k=n))


def uuid4(rng: random.Random) -> str:
    h = _hex(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def order_id(rng: random.Random) -> str:
    return rng.choice([f"ORD-2026-{rng.randrange(10**6):06d}", f"#{rng.randrange(10**7, 10**8)}",
                       f"PO-{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}"])  # fmt: skip


def ticket_id(rng: random.Random) -> str:
    return rng.choice([f"SUP-{rng.randrange(10**5)}", f"JIRA-{rng.randrange(10**4)}", f"INC{rng.randrange(10**7):07d}"])


def version(rng: random.Random) -> str:
    major, minor, patch = rng.randint(1, 9), rng.randint(0, 30), rng.randint(0, 20)
    return rng.choice([f"v{major}.{minor}.{patch}", f"{major}.{minor}.{patch}-rc.{rng.randint(1, 4)}",
                       f"{major}.{minor % 10}.{patch}.{rng.randint(0, 9)}"])  # fmt: skip


def luhn_invalid_number(rng: random.Random) -> str:
    body = rng.choice("45") + "".join(rng.choices(string.digits, k=14))
    digits = body + str((int(luhn_check_digit(body)) + rng.randint(1, 9)) % 10)
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4)) if rng.random() < 0.5 else digits


def mod97_invalid_iban(rng: random.Random) -> str:
    country = rng.choice(list(BBAN_LAYOUT))
    bban = "".join("".join(rng.choices(BBAN_ALPHABETS[kind], k=n)) for kind, n in BBAN_LAYOUT[country])
    good = int(iban_check_digits(country, bban))
    compact = f"{country}{rng.choice([c for c in range(2, 99) if c != good]):02d}{bban}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if rng.random() < 0.5 else compact


def invalid_ssn(rng: random.Random) -> str:
    area = rng.choice(["000", "666", f"9{rng.randrange(100):02d}"])
    return f"{area}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _sentence(rng: random.Random) -> str:
    ts = f"2026-03-{rng.randint(1, 28):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"
    svc, path = rng.choice(SERVICES), rng.choice(PATHS)
    secret, other = rng.choice(PLACEHOLDERS), rng.choice(PLACEHOLDERS)
    port, n = rng.choice([443, 3000, 5432, 6379, 8080, 8443, 9090]), rng.randrange(1, 2000)
    return rng.choice([
        lambda: f"Deployed {_hex(rng, 40)} ({version(rng)}) to prod at {ts}; image sha256:{_hex(rng, 64)}",
        lambda: (f"trace_id={_hex(rng, 32)} span_id={_hex(rng, 16)} parent_id={_hex(rng, 16)} service={svc} "
                 f"duration_ms={n}"),
        lambda: f"Request {uuid4(rng)} completed in {n}ms on port {port}.",
        lambda: (f"Order {order_id(rng)} was merged into ticket {ticket_id(rng)}; invoice "
                 f"INV-2026-{rng.randrange(10**5):05d} is unchanged."),
        lambda: f"Test card {luhn_invalid_number(rng)} was rejected by the gateway: checksum mismatch.",
        lambda: f"Reference {mod97_invalid_iban(rng)} failed IBAN validation, please re-check the account number.",
        lambda: f"Set OPENAI_API_KEY={secret} and api_key: {other} before running make deploy.",
        lambda: f"Authorization: Bearer {secret} is sent by the SDK; password: {other}",
        lambda: "DATABASE_URL=postgresql://app:${DB_PASSWORD}@db.internal:5432/app?sslmode=require",
        lambda: f"Switched the summarizer from {rng.choice(MODELS)} to {rng.choice(MODELS)}, temperature 0.{n % 10}.",
        lambda: f'File "{path}", line {n}, in handle_request',
        lambda: f"{svc} is listening on localhost:{port} with {rng.randint(2, 64)} workers.",
        lambda: f"md5 {_hex(rng, 32)}  sha1 {_hex(rng, 40)}  {path}",
        lambda: (f"Build {version(rng)} started {ts}, epoch {rng.randrange(1_700_000_000, 1_800_000_000)}, "
                 f"took 00:{rng.randrange(60):02d}:{rng.randrange(60):02d}."),
        lambda: f"Form field SSN must not be {invalid_ssn(rng)}: that range is never issued.",
        lambda: f'Retrying {svc} in {n % 30}s (attempt {rng.randint(2, 5)}/5), status 503, etag W/"{_hex(rng, 16)}".',
        lambda: (f"Mon, {rng.randint(1, 28):02d} Mar 2026 {rng.randrange(24):02d}:{rng.randrange(60):02d}:00 GMT - "
                 f"cache-control: max-age={rng.randrange(60, 86400)}"),
        lambda: f"pip install polars=={version(rng).lstrip('v')} numpy>=2.{n % 5} && git checkout {_hex(rng, 7)}",
    ])()


def hard_negative(d: Draft) -> tuple[str, None]:
    rng = d.rng
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 3))), None
