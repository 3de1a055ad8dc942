"""Detector tables: documented fake examples, near misses, hard negatives, validators, Polars parity."""

from __future__ import annotations

import hashlib
import re

import polars as pl
import pytest
from test_detectors_crypto import VALUES as CRYPTO_VALUES
from test_detectors_ids import VALUES as ID_VALUES
from test_detectors_names import VALUES as NAME_VALUES
from test_detectors_people import VALUES as PEOPLE_VALUES
from test_detectors_secrets import VALUES as SECRET_VALUES

from masking.detectors import DETECTORS, Detector, default_detectors
from masking.detectors import validators as v
from masking.errors import UnknownNameError

DETECTOR_LIST = default_detectors()
BY_NAME = {d.name: d for d in DETECTOR_LIST}
COMBINED = "|".join(f"(?:{d.polars_pattern})" for d in DETECTOR_LIST)
ENTITIES = {
    "EMAIL", "PHONE", "US_SSN", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "AWS_ACCESS_KEY", "GITHUB_TOKEN", "JWT",
    "PRIVATE_KEY", "PASSWORD", "BEARER_TOKEN",
    "STREET_ADDRESS", "POSTCODE", "DATE_OF_BIRTH", "AGE", "USERNAME", "UK_NINO", "US_PASSPORT", "US_DRIVER_LICENSE",
    "SWIFT_BIC", "ABA_ROUTING", "CRYPTO_WALLET", "US_NPI", "MEDICAL_RECORD_NUMBER", "ICD10_CODE", "DEA_NUMBER",
    "MAC_ADDRESS", "AWS_SECRET_KEY", "GOOGLE_API_KEY", "AZURE_KEY", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK",
    "STRIPE_KEY", "TWILIO_KEY", "SENDGRID_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "HUGGINGFACE_TOKEN", "NPM_TOKEN",
    "PYPI_TOKEN", "CONNECTION_STRING", "SECRET", "PERSON",
}  # fmt: skip
PRIORITY = [
    # blocks and vendor tokens
    "private_key", "jwt", "anthropic_key", "openai_key", "github_token", "gitlab_token", "slack_token", "stripe_key",
    "sendgrid_key", "google_api_key", "huggingface_token", "npm_token", "pypi_token", "aws_access_key",
    # URLs and connection strings
    "slack_webhook", "azure_sas", "jdbc_url", "oracle_jdbc_url", "ado_connection_string", "url_credentials",
    # headers, named secrets, key=value rules
    "authorization_header", "bearer_token", "aws_secret_key", "azure_storage_key", "twilio_key",
    "quoted_password", "password", "password_loose", "password_in_prose", "pgpass", "api_token", "high_entropy_secret",
    # wallets, email, payment, government, medical, personal
    "ethereum_in_context", "ethereum_address", "bitcoin_bech32", "bitcoin_address", "email", "iban",
    "credit_card_19", "credit_card", "swift_bic", "aba_routing", "us_ssn", "us_ssn_in_context", "uk_nino",
    "us_passport",
    "us_driver_license", "us_npi", "dea_number", "medical_record_number", "icd10_code", "date_of_birth", "age",
    "age_in_years", "username", "street_address", "street_address_in_context", "uk_postcode",
    "person_introduced", "person_role", "person_role_title", "person_greeting", "person_signoff", "person_its",
    "person_here", "person_display_name", "person_header", "person_speaker", "person_mention", "person_possessive",
    "person_signature",
    # phones and network addresses
    "phone", "phone_europe", "phone_in_context", "ipv6", "mac_address", "ipv4",
]  # fmt: skip


def _params(attribute: str) -> list[object]:
    return [
        pytest.param(d, text, id=f"{d.name}-{i}")
        for d in DETECTOR_LIST
        for i, text in enumerate(getattr(d, attribute))
    ]


# The sensitive part expected for each example of a detector that keeps its context (key=value, headers);
# the newer families keep their tables in their own test modules.
VALUE_OF = {
    "postgresql://app:s3cr3t-Pa55@db.internal:5432/prod": "s3cr3t-Pa55",
    "redis://:hunter2hunter2@cache:6379/0": "hunter2hunter2",
    "https://deploy:ghp-not-a-token@git.example.com/org/repo.git": "ghp-not-a-token",
    "Authorization: Bearer 9f8e7d6c5b4a39281716aBcDeF": "9f8e7d6c5b4a39281716aBcDeF",
    'curl -H "Authorization: Basic dXNlcjpwYXNz" https://api.example.com': "dXNlcjpwYXNz",
    "{'Authorization': 'Token 0123abcdEFGH4567'}": "0123abcdEFGH4567",
    '"authorization":"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln"':
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln",
    "Bearer 9f8e7d6c5b4a39281716aBcDeF": "9f8e7d6c5b4a39281716aBcDeF",
    "bearer abcDEF1234567890xyz": "abcDEF1234567890xyz",
    "Bearer dGhpcyBpcyBhIGZha2UgdG9rZW4=": "dGhpcyBpcyBhIGZha2UgdG9rZW4=",
    "password=hunter2": "hunter2",
    "user=bob password=Tr0ub4dor!3x": "Tr0ub4dor!3x",
    '{"password": "correct-horse"}': "correct-horse",
    "DB_PASSWORD: s3cr3t!": "s3cr3t!",
    "client_secret = 'AbC123xYz'": "AbC123xYz",
    '{\\"passwd\\": \\"qwerty123\\"}': "qwerty123",
    "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY":
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "Server=db;Uid=sa;Pwd=P@ssw0rd;": "P@ssw0rd",
    "login?user=bob&password=letmein42&next=/": "letmein42",
    # passwords on a command line: the user name stays readable
    "curl -u admin:pT55J06QkjZj*_a24w https://jenkins.internal:8443/api/json": "pT55J06QkjZj*_a24w",
    "curl --user 'deploy:lt-M*EJUXJL!L9v' https://ci.example.com": "lt-M*EJUXJL!L9v",
    "curl --user=admin:qWxeCpLFzsQsef. https://ci.example.com": "qWxeCpLFzsQsef.",
    "wget --user=bob --password=s3cr3t-Pa55 https://files.example.com/a.zip": "s3cr3t-Pa55",
    "wget --user bob --password 'Fake!Pass1' https://files.example.com/a.zip": "Fake!Pass1",
    "wget --http-password hunter2 https://files.example.com": "hunter2",
    "mysql -u root -pS3cr3t_42 shop": "S3cr3t_42",
    "mysql -uroot -p'Fake!Pass1' -h db shop": "Fake!Pass1",
    "sshpass -p Fake!Pass1 ssh deploy@build-01": "Fake!Pass1",
    "docker login -u bob --password Fake-Pass-42 registry.example.com": "Fake-Pass-42",
    "openssl pkcs12 -in cert.p12 -passin pass:Fake-Pass-42": "Fake-Pass-42",
    "api_key=sk_test_4eC39HqLyjWDarjtT1zdp7dc": "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    '{"apiKey": "AIzaSyA-fake-0123456789"}': "AIzaSyA-fake-0123456789",
    "X-API-Key: 0123456789abcdefABCDEF": "0123456789abcdefABCDEF",
    "access_token=ya29.a0AfH6SMBfake123": "ya29.a0AfH6SMBfake123",
    "refresh_token: 1//0gFakeRefreshToken99": "1//0gFakeRefreshToken99",
    '"token": "tok_9f8e7d6c5b4a"': "tok_9f8e7d6c5b4a",
    # IPv4 addresses in context (versions are near misses of the same detector)
    "client 10.0.0.5 connected": "10.0.0.5",
    "from 192.168.1.20:443": "192.168.1.20",
    "ip=8.8.8.8": "8.8.8.8",
    "ip.src==10.0.0.1": "10.0.0.1",
    "ip.addr == 10.0.0.1": "10.0.0.1",
    "IP 10.0.0.5.443 > proxy.51234: Flags [S]": "10.0.0.5",
    "ssh root@10.0.0.5": "10.0.0.5",
    "server version 2.1, peer 10.1.2.3": "10.1.2.3",
    # phone numbers after a phone key
    "phone: 4155550100": "4155550100",
    "mobile: 07700900123": "07700900123",
    '"phoneNumber": "0612345678"': "0612345678",
    "tel: 612 345 678": "612 345 678",
    "Tel. 0612345678": "0612345678",
    "tel:0612345678": "0612345678",
    "contact_phone=919876543210": "919876543210",
    "call me at 4155550100": "4155550100",
    "text us on 07700900123": "07700900123",
    "my number is 07700900123": "07700900123",
    # SSNs after their key
    "SSN: 536 22 1234": "536 22 1234",
    "SSN 536221234": "536221234",
    '"ssn": "536221234"': "536221234",
    "Social Security No. 536.22.1234": "536.22.1234",
    "social security number: 536 22 1234": "536 22 1234",
    "TIN: 536221234": "536221234",
    **PEOPLE_VALUES, **ID_VALUES, **CRYPTO_VALUES, **SECRET_VALUES, **NAME_VALUES,
}  # fmt: skip

HARD_NEGATIVES = [
    "3f2b8c1e-9a4d-4e2f-8b1a-2c3d4e5f6a7b",
    "123e4567-e89b-12d3-a456-426614174000",
    "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
    hashlib.sha256(b"maskline").hexdigest(),
    "sha256:" + hashlib.sha256(b"image").hexdigest(),
    "2026-11-27T18:48:11Z",
    "2026-11-27 18:48:11.123456+00:00",
    "2026-11-27",
    "11/27/2026",
    "27.11.2026",
    "18:48:11",
    "v1.2.3",
    "3.8.18",
    "2.1.0-rc.1",
    "1234 ms",
    "latency_ms=1234",
    '"prompt_tokens": 1234, "completion_tokens": 56, "total_tokens": 1290',
    "max_tokens=4096",
    "ORD-2026-000123",
    "TCK-01234",
    "<EMAIL:5f2a9c1e>",
    "<PHONE:12345678>",
    "<PERSON:00000000>",
    "<PASSWORD:5f2a9c1e>",
    "<BEARER_TOKEN:0badc0de>",
    "<GITHUB_TOKEN:12345678>",
    "9f86d081884c7d65",
    "gpt-4o-2024-08-06",
    "claude-3-5-sonnet-20241022",
    "1732733291",
    "1732733291123",
    "${API_KEY}",
    "<your-key>",
    "chatcmpl-AbC123xyzDEF456ghiJKL789mnoPQ",
    "std::vector<int> and Foo::Bar::baz",
    "HTTP/1.1 200 OK",
    # trace and span ids (W3C trace context), request ids
    "4bf92f3577b34da6a3ce929d0e0e4736",
    "00f067aa0ba902b7",
    "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
    "x-request-id: 7f3c2a1b-0d4e-4f5a-9b8c-1d2e3f4a5b6c",
    # Kubernetes pod and node names
    "api-gateway-7d9f8b6c5d-x2k9p",
    "payments-worker-5f6d7c8b9-abcde",
    "pod/checkout-6b8d9f7c4-qz7xw restarted on ip-10-0-12-34.ec2.internal",
    # semver ranges and dependency pins
    "^1.2.3",
    "~2.0.0",
    ">=1.26,<2.0",
    "1.x || 2.x",
    "react@^18.2.0",
    "numpy>=1.26.4,!=1.26.0",
    # file paths
    "/usr/local/lib/python3.11/site-packages/masking/scan.py",
    "C:\\Users\\build\\AppData\\Local\\Temp\\run-2026.log",
    "./src/components/App.tsx",
    "~/.ssh/id_ed25519.pub",
    # base64 image data
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDAsKCwwMDAwM",
    # more Maskline tokens, placeholders and durations
    "<STREET_ADDRESS:5f2a9c1e>",
    "<CRYPTO_WALLET:0badc0de>",
    "<DATE_OF_BIRTH:12345678>",
    "username: <USERNAME:5f2a9c1e>",
    "DOB: <DATE_OF_BIRTH:5f2a9c1e>",
    "aws_secret_access_key=${AWS_SECRET_ACCESS_KEY}",
    "OPENAI_API_KEY=<your-key>",
    "took 00:01:23.456, retry in 30s",
    "Cache-Control: max-age=3600",
]


# ---- the catalog ----------------------------------------------------------------------------------------


def test_priority_order() -> None:
    assert [d.name for d in DETECTOR_LIST] == PRIORITY


def test_registry_holds_every_default_detector() -> None:
    assert DETECTORS.names() == sorted(PRIORITY)
    assert all(DETECTORS.get(d.name) is d for d in DETECTOR_LIST)


def test_registry_suggests_a_close_name() -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'email'"):
        DETECTORS.get("emial")


@pytest.mark.parametrize("detector", DETECTOR_LIST, ids=lambda d: d.name)
def test_detector_is_documented(detector: Detector) -> None:
    assert detector.entity in ENTITIES
    assert detector.examples and detector.near_misses and detector.context


@pytest.mark.parametrize("detector", DETECTOR_LIST, ids=lambda d: d.name)
def test_pattern_uses_the_shared_regex_subset(detector: Detector) -> None:
    for construct in ("(?=", "(?!", "(?<=", "(?<!", "(?>", "(?P=", "*+", "++", "?+"):
        assert construct not in detector.pattern
    assert not re.search(r"\\[1-9]", detector.pattern)
    pl.Series(["x"]).str.contains(detector.polars_pattern)  # raises if Rust's regex rejects it


@pytest.mark.parametrize("detector", DETECTOR_LIST, ids=lambda d: d.name)
def test_pattern_is_ascii_only(detector: Detector) -> None:
    """Unicode classes and case folding widen every state of Polars' lazy DFA (see patterns.py)."""
    assert detector.pattern.isascii() or detector.name == "us_driver_license"  # `driver’s`
    for construct in ("(?i", r"\s", r"\S", r"\w", r"\W", r"\d", r"\D"):
        assert construct not in detector.pattern.replace("\\\\", "")


def test_combined_alternation_compiles_in_polars() -> None:
    assert pl.Series(["mail jane.doe@example.com"]).str.contains(COMBINED).item()


# ---- examples and near misses ---------------------------------------------------------------------------


@pytest.mark.parametrize(("detector", "example"), _params("examples"))
def test_example_is_found(detector: Detector, example: str) -> None:
    expected = VALUE_OF.get(example, example)  # the whole example, unless context words stay readable
    assert [value for _, _, value in detector.find(example)] == [expected]


@pytest.mark.parametrize(("detector", "example"), _params("examples"))
def test_example_is_found_inside_a_log_line(detector: Detector, example: str) -> None:
    expected = VALUE_OF.get(example, example)  # the whole example, unless context words stay readable
    line = f"2026-11-27T18:48:11Z INFO req=ORD-2026-000123 {example}\n"
    start = line.index(example) + example.index(expected)
    assert detector.find(line) == [(start, start + len(expected), expected)]


@pytest.mark.parametrize(("detector", "text"), _params("examples") + _params("near_misses"))
def test_polars_matches_like_python(detector: Detector, text: str) -> None:
    """Rust's regex (ASCII boundaries, no named groups) must cut the same candidates as Python's ``re``."""
    text = f"seen: {text}"
    python = [m.group(0) for m in re.finditer(detector.pattern, text)]
    polars = pl.Series([text]).str.extract_all(detector.polars_pattern).item().to_list()
    assert polars == python


@pytest.mark.parametrize(("detector", "near_miss"), _params("near_misses"))
def test_near_miss_is_not_found(detector: Detector, near_miss: str) -> None:
    assert detector.find(near_miss) == []


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negative_is_found_by_no_detector(text: str) -> None:
    assert {d.name: d.find(text) for d in DETECTOR_LIST if d.find(text)} == {}


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negative_is_not_even_a_polars_candidate(text: str) -> None:
    """No candidate reaches Python: the scanner's cost stays in the regex engine."""
    assert pl.Series([text]).str.extract_all(COMBINED).item().to_list() == []


@pytest.mark.parametrize("entity", sorted(ENTITIES | {"PERSON"}))
def test_maskline_tokens_are_never_candidates(entity: str) -> None:
    """A token's entity name can be a context word (`<USERNAME:...>`, `<MEDICAL_RECORD_NUMBER:...>`): the
    masked output must stay out of every detector, after its own key too, whatever the digest's digits."""
    for digest in ("5f2a9c1e", "12345678", "abcdefab", "0badc0de", "99999999"):
        token = f"<{entity}:{digest}>"
        text = f"{token} and {entity.lower().replace('_', ' ')}: {token}, {entity.lower()}={token}"
        assert pl.Series([text]).str.extract_all(COMBINED).item().to_list() == []


# ---- the combined alternation: which detector wins -----------------------------------------------------

_JWT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln"
_PEM = BY_NAME["private_key"].examples[0]
_SA_PEM = "-----BEGIN PRIVATE KEY-----\\nTUFTS0xJTkUtRkFLRS1LRVk=\\n-----END PRIVATE KEY-----\\n"
_OPENAI = BY_NAME["openai_key"].examples[1]
_HF = BY_NAME["huggingface_token"].examples[0]
_NPM = BY_NAME["npm_token"].examples[0]
_PYPI = BY_NAME["pypi_token"].examples[0]
_AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
_STRIPE = "sk_live_51MasklineFake0123456789abcdEFGH"


def _winners(text: str) -> list[tuple[str, str]]:
    """(detector, value) per span, the way the scanner resolves them: Polars cuts candidate spans, then every
    detector in priority order runs over each candidate and earlier detectors win overlaps."""
    found = []
    for candidate in pl.Series([text]).str.extract_all(COMBINED).item().to_list():
        taken: list[tuple[int, int, str, str]] = []
        for detector in DETECTOR_LIST:
            for start, end, value in detector.find(candidate):
                if not any(start < b and a < end for a, b, _, _ in taken):
                    taken.append((start, end, detector.name, value))
        found += [(name, value) for _, _, name, value in sorted(taken)]
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"private_key": "' + _PEM.replace("\n", "\\n") + '"}',
            [("private_key", _PEM.replace("\n", "\\n"))],
        ),
        (f'curl -H "Authorization: Bearer {_JWT}"', [("jwt", _JWT)]),
        ("dsn=postgresql://app:s3cr3t@db.internal/prod", [("url_credentials", "s3cr3t")]),
        ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", [("aws_access_key", "AKIAIOSFODNN7EXAMPLE")]),
        ("uses token ghp_" + "Ex4mpleT0ken" * 3, [("github_token", "ghp_" + "Ex4mpleT0ken" * 3)]),
        ("client ::ffff:10.0.0.1 connected", [("ipv4", "10.0.0.1")]),
        ("via 64:ff9b::192.0.2.33", [("ipv6", "64:ff9b::192.0.2.33")]),
        ("call +4915112345678 now", [("phone", "+4915112345678")]),
        ("db at 127.0.0.1:5432", [("ipv4", "127.0.0.1")]),
        (
            "user=bob password=Abc123xyz!9 mail bob@example.com card 4111 1111 1111 1111",
            [
                ("username", "bob"),
                ("password", "Abc123xyz!9"),
                ("email", "bob@example.com"),
                ("credit_card", "4111 1111 1111 1111"),
            ],
        ),
        # a Google service-account key file: the PEM block with JSON-escaped newlines, then the account email
        (
            '{"type": "service_account", "private_key_id": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", '
            '"private_key": "' + _SA_PEM + '", "client_email": "svc@maskline-fake.iam.gserviceaccount.com"}',
            [("private_key", _SA_PEM.removesuffix("\\n")), ("email", "svc@maskline-fake.iam.gserviceaccount.com")],
        ),
        # vendor tokens win over the header, key=value and entropy rules that carry them
        (f'curl -H "Authorization: Bearer {_OPENAI}"', [("openai_key", _OPENAI)]),
        (f"OPENAI_API_KEY={_OPENAI}", [("openai_key", _OPENAI)]),
        (f"HF_TOKEN={_HF}", [("huggingface_token", _HF)]),
        (f"//registry.npmjs.org/:_authToken={_NPM}", [("npm_token", _NPM)]),
        (f"[pypi]\npassword = {_PYPI}", [("pypi_token", _PYPI)]),
        (f"stripe_key={_STRIPE}", [("stripe_key", _STRIPE)]),
        ("api_key=sk_test_4eC39HqLyjWDarjtT1zdp7dc", [("stripe_key", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")]),
        ("token=ghp_" + "Ex4mpleT0ken" * 3, [("github_token", "ghp_" + "Ex4mpleT0ken" * 3)]),
        (f"aws_secret_access_key={_AWS_SECRET}", [("aws_secret_key", _AWS_SECRET)]),
        # named and generic secrets: the generic key rules before the entropy catch-all
        ("api_key=kP9xQ2mN7vR4tL8wZ3yBq6Hd", [("api_token", "kP9xQ2mN7vR4tL8wZ3yBq6Hd")]),
        ("signing_key=kP9xQ2mN7vR4tL8wZ3yBq6Hd", [("high_entropy_secret", "kP9xQ2mN7vR4tL8wZ3yBq6Hd")]),
        # connection strings: the password gets the connection-string entity, the user stays readable
        ("Server=db;User Id=sa;Password=Fake Pass 42;", [("ado_connection_string", "Fake Pass 42")]),
        (
            "jdbc:postgresql://db/prod?user=app&password=s3cr3t",
            [("username", "app"), ("jdbc_url", "s3cr3t")],
        ),
        # an email after a username key is an email
        ("username: jdoe@example.com", [("email", "jdoe@example.com")]),
        # cards: a 19-digit reading that fails Luhn leaves the 16-digit card to the card detector
        ("card 4111 1111 1111 1111 123", [("credit_card", "4111 1111 1111 1111")]),
        ("card 6205 5000 0000 0000 004", [("credit_card_19", "6205 5000 0000 0000 004")]),
        # dates of birth before the phone shapes their digits resemble
        ("DOB: 01.02.1990, tel 0049 30 901820", [("date_of_birth", "01.02.1990"), ("phone_europe", "0049 30 901820")]),
        ("call +44 7700 900123 or 020 7946 0958", [("phone", "+44 7700 900123"), ("phone_europe", "020 7946 0958")]),
        # wallets: context or checksum, never a bare hash
        (
            "ETH address: 0xde709f2102306220921060314715629080e2fb77, tx 0x27b1fdb04752bbc536007a920d24acb045561c26",
            [("ethereum_in_context", "0xde709f2102306220921060314715629080e2fb77")],
        ),
        ("tip jar 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", [("bitcoin_address", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")]),
        # network: eight pairs are IPv6, six are a MAC address, a time is neither
        ("HWaddr 00:1A:2B:3C:4D:5E at 18:48:11", [("mac_address", "00:1A:2B:3C:4D:5E")]),
        ("via 00:1a:2b:3c:4d:5e:6f:70", [("ipv6", "00:1a:2b:3c:4d:5e:6f:70")]),
        # people
        (
            "I'm 34 years old, born on 31 January 1990, and live at 221B Baker Street, London NW1 6XE",
            [("age_in_years", "34"), ("date_of_birth", "31 January 1990"),
             ("street_address", "221B Baker Street, London NW1 6XE")],
        ),
        ("NPI: 1234567893, DEA AB1234563", [("us_npi", "1234567893"), ("dea_number", "AB1234563")]),
        # an address percent-encoded in a query string is one email, with its sub-address
        (
            'GET /api/v1/orders/103309?email=rachel.sutton+shop%40orange.fr HTTP/1.1" 200',
            [("email", "rachel.sutton+shop%40orange.fr")],
        ),
        # a password on a command line; the user name and the URL stay readable
        (
            "curl -u admin:pT55J06QkjZj*_a24w https://jenkins.internal:8443/api/json",
            [("password", "pT55J06QkjZj*_a24w")],
        ),
        ("mysql -h 10.0.0.5 -u root -pS3cret shop", [("ipv4", "10.0.0.5"), ("password", "S3cret")]),
        # letters late in a BBAN, and the next word left out
        (
            "Send the payout to IBAN FR57 5187 9717 18Y0 S124 ZAQ6 H43, account holder",
            [("iban", "FR57 5187 9717 18Y0 S124 ZAQ6 H43")],
        ),
        ("refund to IT37 K365 4634 359D WG73 O8CV M29 EUR", [("iban", "IT37 K365 4634 359D WG73 O8CV M29")]),
        ("wire BE68 5390 0754 7034 EUR", [("iban", "BE68 5390 0754 7034")]),
        # four-part versions are not addresses; the address after them still is
        ("pip install polars==2.4.16.0 numpy>=2.1 && git checkout de893b6", []),
        ("Build 8.5.2.7 started, agent 10.0.0.5", [("ipv4", "10.0.0.5")]),
        # blanked-out keys are documentation, not secrets
        ("Set OPENAI_API_KEY=xxxx-xxxx-xxxx and api_key: xxxx-xxxx-xxxx before running make deploy.", []),
        ("Authorization: Bearer xxxx-xxxx-xxxx is sent by the SDK; password: xxxx-xxxx-xxxx", []),
    ],
)
def test_combined_alternation_priority(text: str, expected: list[tuple[str, str]]) -> None:
    assert _winners(text) == expected


# ---- validators and normalizers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ok"),
    [("4111111111111111", True), ("4111 1111 1111 1111", True), ("4111-1111-1111-1112", False),
     ("79927398713", True), ("79927398710", False), ("", False), ("4111x1111", False), ("٤١١١١١١١", False)],
)  # fmt: skip
def test_luhn(value: str, ok: bool) -> None:
    assert v.luhn(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("4111111111111111", True), ("4222222222222", True), ("42", False), ("41111111111111111111", False)],
)
def test_card_number_valid(value: str, ok: bool) -> None:
    assert v.card_number_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("GB82 WEST 1234 5698 7654 32", True), ("gb82west12345698765432", True),
     ("DE89370400440532013000", True), ("GB82WEST12345698765433", False),
     ("ZZ82WEST12345698765432", False), ("GB82WEST", False), ("GB82-WEST-1234-5698-7654-32", False)],
)  # fmt: skip
def test_iban_mod97(value: str, ok: bool) -> None:
    assert v.iban_mod97(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("FR57 5187 9717 18Y0 S124 ZAQ6 H43", True), ("IT37K3654634359DWG73O8CVM29", True),
     ("FR57 5187 9717 18Y0 S124 ZAQ6 H44", False), ("IT38K3654634359DWG73O8CVM29", False)],
)  # fmt: skip
def test_iban_mod97_with_letters_anywhere_in_the_bban(value: str, ok: bool) -> None:
    assert v.iban_mod97(value) is ok


def test_iban_lengths_cover_every_iban_country() -> None:
    assert set(v.IBAN_LENGTHS) == v._IBAN_COUNTRIES
    assert all(15 <= length <= 34 for length in v.IBAN_LENGTHS.values())
    for example in BY_NAME["iban"].examples:
        compact = v.iban_compact(example)
        assert len(compact) == v.IBAN_LENGTHS[compact[:2]], example


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("IBAN FR57 5187 9717 18Y0 S124 ZAQ6 H43, holder", ["FR57 5187 9717 18Y0 S124 ZAQ6 H43"]),
        ("IBAN IT06 K365 4634 359D WG73 O8CV MZX. Thanks", ["IT06 K365 4634 359D WG73 O8CV MZX"]),
        ("pay BE68 5390 0754 7034 EUR now", ["BE68 5390 0754 7034"]),
        ("pay BE68 5390 0754 7034 SEPA now", ["BE68 5390 0754 7034"]),
        ("GB82 WEST 1234 5698 7654 32 GBP", ["GB82 WEST 1234 5698 7654 32"]),
        ("DE89 3704 0044 0532 0130 00 1234", ["DE89 3704 0044 0532 0130 00"]),
    ],
)
def test_printed_iban_stops_at_its_country_length(text: str, found: list[str]) -> None:
    """The last group may hold letters, and the word after the IBAN is never taken into it."""
    assert [value for _, _, value in BY_NAME["iban"].find(text)] == found


@pytest.mark.parametrize(
    ("value", "ok"),
    [("123-45-6789", True), ("123456789", True), ("899-01-0001", True), ("000-45-6789", False),
     ("666-45-6789", False), ("900-45-6789", False), ("999-45-6789", False), ("123-00-6789", False),
     ("123-45-0000", False), ("12-345-6789", False)],
)  # fmt: skip
def test_ssn_valid(value: str, ok: bool) -> None:
    assert v.ssn_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("0.0.0.0", True), ("255.255.255.255", True), ("192.168.1.1", True), ("256.1.1.1", False),
     ("1.2.3", False), ("01.2.3.4", False), ("1.2.3.4.5", False), ("a.b.c.d", False), ("1..2.3", False)],
)  # fmt: skip
def test_ipv4_valid(value: str, ok: bool) -> None:
    assert v.ipv4_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2001:db8::1", True), ("::1", True), ("64:ff9b::192.0.2.33", True), ("1:2:3:4:5:6:7:8", True),
     ("1:2:3:4:5:6:7", False), ("2001:db8::1::2", False), ("12345::1", False), ("18:48:11", False)],
)  # fmt: skip
def test_ipv6_valid(value: str, ok: bool) -> None:
    assert v.ipv6_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [(BY_NAME["jwt"].examples[0], True), (_JWT, True), ("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2ln", False),
     ("bm90IGpzb24.eyJzdWIiOiIxIn0.c2ln", False), ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.", False),
     ("eyJhbGciOiJub25lIn0", False), ("W10.e30.c2ln", False), ("e!!.a.b", False)],
)  # fmt: skip
def test_jwt_valid(value: str, ok: bool) -> None:
    assert v.jwt_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("hunter2", True), ("$ecret", True), ("password", True), ("${DB_PASSWORD}", False),
     ("$DB_PASSWORD", False), ("<your-key>", False), ("***", False), ("xxxx", False), ("null", False),
     ("None", False), ("", False), ("[REDACTED]", False), ("{{ vault_password }}", False),
     ("%(password)s", False), ("YOUR_API_KEY", False), ("insert-key-here", False)],
)  # fmt: skip
def test_not_placeholder(value: str, ok: bool) -> None:
    assert v.not_placeholder(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("dXNlcjpwYXNz", True), ("tok_9f8e7d6c5b4a", True), ("understanding", False), ("Negotiate", False),
     ("REQUIRED", False), ("${TOKEN}", False)],
)  # fmt: skip
def test_credential_valid(value: str, ok: bool) -> None:
    assert v.credential_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("hunter2", True), ("x-ray-42", True), ("Fake-Pass-42", True), ("xxxx-xxxx-xxxx", False),
     ("XXXX_XXXX_XXXX", False), ("****-****", False), ("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", False),
     ("xxxx", False), ("${TOKEN}", False)],
)  # fmt: skip
def test_not_filler(value: str, ok: bool) -> None:
    assert v.not_filler(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("dXNlcjpwYXNz", True), ("xxxx-xxxx-xxxx", False), ("understanding", False), ("••••-••••", False)],
)
def test_credential_not_filler(value: str, ok: bool) -> None:
    assert v.credential_not_filler(value) is ok


@pytest.mark.parametrize(
    ("name", "raw", "normalized"),
    [("email", "JANE.DOE+billing@Example.ORG", "jane.doe+billing@example.org"),
     ("email", "Jane.Doe%2Bbilling%40Example.ORG", "jane.doe+billing@example.org"),
     ("email", "jane.doe+billing%40example.org", "jane.doe+billing@example.org"),
     ("email", "j_o-e%1@mail.example.co.uk", "j_o-e%1@mail.example.co.uk"),
     ("phone", "+1 (415) 555-0100", "+14155550100"), ("phone", "(415) 555-0100", "4155550100"),
     ("credit_card", "4111-1111 1111-1111", "4111111111111111"), ("us_ssn", "123-45-6789", "123456789"),
     ("iban", "gb82 west 1234 5698 7654 32", "GB82WEST12345698765432"),
     ("ipv6", "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"), ("ipv4", "10.0.0.1", "10.0.0.1"),
     ("phone_europe", "0049 30 901820", "+4930901820"), ("mac_address", "00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"),
     ("uk_nino", "AB 12 34 56 C", "AB123456C"), ("uk_postcode", "SW1A 1AA", "SW1A1AA"),
     ("ethereum_address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
     ("bitcoin_bech32", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
     ("username", "JaneDoe_", "janedoe_"), ("us_passport", "a12345678", "A12345678"),
     ("us_driver_license", "123 456 789", "123456789"), ("icd10_code", "e11.9", "E11.9")],
)  # fmt: skip
def test_normalize(name: str, raw: str, normalized: str) -> None:
    assert BY_NAME[name].normalize(raw) == normalized


def test_small_normalizers() -> None:
    assert v.digits_only("+1 (415) 555-0100") == "14155550100"
    assert v.lowercase("AbC") == "abc"
    assert v.url_decoded_lowercase("A%40B.com") == v.url_decoded_lowercase("a@b.COM") == "a@b.com"
    assert v.strip_spaces(" GB82 WEST\t12 ") == "GB82WEST12"
    assert v.ipv6_canonical("not-an-address") == "not-an-address"
