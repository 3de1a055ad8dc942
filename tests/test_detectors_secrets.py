"""Credentials: vendor tokens, cloud keys, connection strings and the high-entropy catch-all."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from masking.detectors import DETECTORS
from masking.detectors.entropy import HIGH_ENTROPY_SECRET, high_entropy_secret, looks_like_path, shannon_entropy
from masking.detectors.secrets import PRIVATE_KEY
from masking.detectors.validators import token_like

_AZURITE = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
_SENDGRID = "SG.MasklineFake-012345678.Fake_Secret-0123456789abcdefghijKLMNOPQRSTU"
_GOOGLE = "AIzaSyMaskline-Fake_Key0123456789abcdef"
_AWS_DOC = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

VALUES = {
    _SENDGRID: _SENDGRID,
    f"SENDGRID_API_KEY='{_SENDGRID}'": _SENDGRID,
    _GOOGLE: _GOOGLE,
    f"https://maps.googleapis.com/maps/api/geocode/json?key={_GOOGLE}&address=x": _GOOGLE,
    "https://hooks.slack.com/services/T0FAKE001/B0FAKE002/MasklineFake0123456789ab":
        "T0FAKE001/B0FAKE002/MasklineFake0123456789ab",
    "https://acct.blob.core.windows.net/c/report.pdf?sv=2022-11-02&se=2026-12-31T00%3A00Z&sr=b&sp=r"
    "&sig=MasklineFakeSig0123456789abcdEFGH%3D": "MasklineFakeSig0123456789abcdEFGH%3D",
    "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco"
    "&sp=rl&sig=Fake%2BSignature0123456789abcdefGH%3D": "Fake%2BSignature0123456789abcdefGH%3D",
    "jdbc:postgresql://db.internal:5432/prod?user=app&password=s3cr3t-Pa55&ssl=true": "s3cr3t-Pa55",
    "jdbc:mysql://db/shop?user=x&password=P@ssw0rd": "P@ssw0rd",
    "jdbc:sqlserver://db:1433;databaseName=crm;user=sa;password=Fake!Pass1;": "Fake!Pass1",
    "jdbc:oracle:thin:scott/Fake-Tiger9@//db.internal:1521/ORCL": "Fake-Tiger9",
    "jdbc:oracle:thin:app/s3cr3t@db:1521:XE": "s3cr3t",
    "Server=db.internal;Database=crm;User Id=sa;Password=Fake Pass 42;": "Fake Pass 42",
    "Data Source=tcp:db,1433;Initial Catalog=crm;Uid=app;Pwd=P@ssw0rd;Encrypt=yes": "P@ssw0rd",
    "Host=db;Username=app;Password='s3cr3t;x'": "'s3cr3t;x'",
    f"aws_secret_access_key = {_AWS_DOC}": _AWS_DOC,
    f'"SecretAccessKey": "{_AWS_DOC}"': _AWS_DOC,
    "AWS_SECRET_ACCESS_KEY=Zm9vYmFyMaskline+Fake/Secret0123456789ab": "Zm9vYmFyMaskline+Fake/Secret0123456789ab",
    f"DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey={_AZURITE};": _AZURITE,
    f"AZURE_STORAGE_KEY={_AZURITE}": _AZURITE,
    "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;"
    "SharedAccessKey=MasklineFakeKey0123456789abcdefGHIJKLMNOPqr=": "MasklineFakeKey0123456789abcdefGHIJKLMNOPqr=",
    "TWILIO_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef": "AC0123456789abcdef0123456789abcdef",
    '"account_sid": "AC0123456789abcdef0123456789abcdef"': "AC0123456789abcdef0123456789abcdef",
    "twilio api key: SKfedcba9876543210fedcba9876543210": "SKfedcba9876543210fedcba9876543210",
    "TWILIO_AUTH_TOKEN=9f8e7d6c5b4a39281716a5b4c3d2e1f0": "9f8e7d6c5b4a39281716a5b4c3d2e1f0",
    "signing_key=kP9xQ2mN7vR4tL8wZ3yBq6Hd": "kP9xQ2mN7vR4tL8wZ3yBq6Hd",
    '{"encryptionKey": "Zx81Qm/3LpR+7Tnw0VbK5yHs2Ud9Eg=="}': "Zx81Qm/3LpR+7Tnw0VbK5yHs2Ud9Eg==",
    "credentials: gH4kL9mQ2rT7vX1zB6nD3pW8": "gH4kL9mQ2rT7vX1zB6nD3pW8",
    "the webhook secret is Qm9vN3Xk7Lp2Rt8Zs4Wb1Yc6": "Qm9vN3Xk7Lp2Rt8Zs4Wb1Yc6",
    # passwords in more shapes: quoted values, XML, SQL, weaker keys, .netrc, Redis, .pgpass
    '"password": "correct horse battery staple"': "correct horse battery staple",
    "password='p@ss w0rd'": "p@ss w0rd",
    '{"passwd": "Fake,Pass;42"}': "Fake,Pass;42",
    "password: 'Fake&Pass(42)'": "Fake&Pass(42)",
    "define('DB_PASSWORD', 'Fake-Pass-42');": "Fake-Pass-42",
    "<password>Fake-Pass-42</password>": "Fake-Pass-42",
    "<db-password>Fake Pass</db-password>": "Fake Pass",
    '<add key="SmtpPassword" value="Fake-Pass-42" />': "Fake-Pass-42",
    '<property name="password" value="Fake-Pass-42"/>': "Fake-Pass-42",
    "CREATE ROLE app LOGIN PASSWORD 'Fake-Pass-42';": "Fake-Pass-42",
    "CREATE USER 'bob'@'%' IDENTIFIED BY 'Fake-Pass-42';": "Fake-Pass-42",
    "export DB_PASS=Fake-Pass-42": "Fake-Pass-42",
    "SMTP_PASS: Fake-Pass-42": "Fake-Pass-42",
    '{"user": "bob", "pass": "Fake-Pass-42"}': "Fake-Pass-42",
    "rabbitmq default_pass = Fake-Pass-42": "Fake-Pass-42",
    "login: bob / pw: Fake-Pass-42": "Fake-Pass-42",
    "requirepass Fake-Pass-42": "Fake-Pass-42",
    "masterauth Fake-Pass-42": "Fake-Pass-42",
    "machine api.example.com login bob password Fake-Pass-42": "Fake-Pass-42",
    "my password is Fake-Pass-42": "Fake-Pass-42",
    "db.example.com:5432:shop:app:Fake-Pass-42": "Fake-Pass-42",
    "localhost:*:*:postgres:Fake-Pass-42": "Fake-Pass-42",
    "SET PASSWORD FOR 'bob'@'%' = PASSWORD('Fake-Pass-42');": "Fake-Pass-42",
    "Password: `Fake Pass 42`": "Fake Pass 42",
    "new_password1='Fake-Pass-42'": "Fake-Pass-42",
    "passcode: '493817'": "493817",
    "**Password:** Fake-Pass-42": "Fake-Pass-42",
    "| password | `Fake-Pass-42` |": "Fake-Pass-42",
    "login bob password:Fake-Pass-42": "Fake-Pass-42",
    "ENV POSTGRES_PASSWORD Fake-Pass-42": "Fake-Pass-42",
    "redis-cli -h cache -p 6379 -a Fake-Pass-42 ping": "Fake-Pass-42",
    "psk=Fake-Pass-42": "Fake-Pass-42",
    "log in with the temporary password Fake-Pass-42 and change it": "Fake-Pass-42",
    "password -> Fake-Pass-42": "Fake-Pass-42",
    "Password\tfake4242": "fake4242",
    "your password has been reset to Fake-Pass-42": "Fake-Pass-42",
    "I changed the password to Fake-Pass-42": "Fake-Pass-42",
    "the admin password was reset to Fake-Pass-42": "Fake-Pass-42",
    "password for bob@example.com: Fake-Pass-42": "Fake-Pass-42",
    "Passwort: Geheim-2026": "Geheim-2026",
    "mot de passe : Secret-2026": "Secret-2026",
    "senha=Fake-Pass-42": "Fake-Pass-42",
    "The password for the admin account is Fake-Pass-42": "Fake-Pass-42",
    "the password is now fake4242": "fake4242",
    "Password is: Fake-Pass-42": "Fake-Pass-42",
    'login failed for bob with password "Fake Pass 42"': "Fake Pass 42",
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "ok"),
    [("kP9xQ2mN7vR4tL8wZ3yBq6Hd", True), ("Zx81Qm/3LpR+7Tnw0VbK5yHs2Ud9Eg==", True), (_AWS_DOC, True),
     (str(uuid.UUID(int=0x3F2B8C1E9A4D4E2F8B1A2C3D4E5F6A7B)), False),  # UUID
     (hashlib.sha256(b"maskline").hexdigest(), False), (hashlib.sha1(b"maskline").hexdigest(), False),
     (hashlib.md5(b"maskline").hexdigest().upper(), False), ("0x" + "ab12" * 10, False),  # hex digests
     ("/usr/local/lib/python3.11/site-packages", False), ("./config/Settings2.yaml", False),
     ("C:\\Users\\Build2\\AppData\\Local", False), ("src/components/app2/index", False),
     ("https://example.com/Abc123XyZ789", False), ("~/.ssh/id_ed25519Ab", False),  # paths and URLs
     ("AWSCredentialsProviderChainV2Default", False), ("ThisIsMyVeryLongSecret123", False),  # spelled words
     ("kP9xQ2mN7vR4tL8wZ3y", False), ("kp9xq2mn7vr4tl8wz3ybq6hd", False), ("KP9XQ2MN7VR4TL8WZ3YBQ6HD", False),
     ("aaaaaaaaaaaaaaaaaaaaaaaaa1A", False), ("${SIGNING_KEY_FROM_VAULT_2026}", False)],
)  # fmt: skip
def test_high_entropy_secret(value: str, ok: bool) -> None:
    assert high_entropy_secret(value) is ok


def test_shannon_entropy() -> None:
    assert shannon_entropy("") == 0.0
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == 2.0
    assert shannon_entropy("0123456789abcdef" * 2) == 4.0


@pytest.mark.parametrize(
    ("value", "is_path"),
    [("/etc/ssl/private/server.key", True), ("../x", True), ("docs/readme", True), ("a.tar.gz", True),
     ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", False), ("Zx81Qm/3LpR+7Tnw0VbK5yHs2Ud9Eg==", False)],
)  # fmt: skip
def test_looks_like_path(value: str, is_path: bool) -> None:
    assert looks_like_path(value) is is_path


@pytest.mark.parametrize(
    ("value", "ok"),
    [("xoxb-123456789012-MasklineFakeBotTok3n", True), ("hf_" + "x" * 34, False),
     ("T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", False), ("sk-proj-your-key-here", False), ("${TOKEN}", False)],
)  # fmt: skip
def test_token_like(value: str, ok: bool) -> None:
    assert token_like(value) is ok


@pytest.mark.parametrize(
    "text",
    [
        "primary key constraint violated on table users",
        "the key takeaway is that /usr/local/share/maskline/config.yaml wins",
        "cache_key=user:42:profile:v2 token_count=512 max_tokens=4096",
        "monkey business with a Xk9Lm2Pq7Rt4Vw8Yz3Bn6C",
        '"private_key_id": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"',
    ],
)
def test_entropy_catch_all_stays_quiet_on_ordinary_text(text: str) -> None:
    assert HIGH_ENTROPY_SECRET.find(text) == []


def test_google_service_account_key_is_one_private_key_span() -> None:
    pem = "-----BEGIN PRIVATE KEY-----\\nTUFTS0xJTkUtRkFLRS1LRVk=\\nTUFTS0xJTkU=\\n-----END PRIVATE KEY-----\\n"
    record = (
        '{"type": "service_account", "project_id": "maskline-fake", "private_key": "' + pem + '", '
        '"client_email": "svc@maskline-fake.iam.gserviceaccount.com"}'
    )
    [(_, _, value)] = PRIVATE_KEY.find(record)
    assert value == pem.removesuffix("\\n")


@pytest.mark.parametrize(
    "name", ["github_token", "gitlab_token", "slack_token", "stripe_key", "openai_key", "anthropic_key",
             "huggingface_token", "npm_token", "pypi_token", "sendgrid_key", "google_api_key"],
)  # fmt: skip
def test_vendor_tokens_skip_documentation_fillers(name: str) -> None:
    detector = DETECTORS.get(name)
    for example in detector.examples:
        _, _, value = detector.find(example)[0]
        filler = value[: len(value) - 20] + "x" * 20
        assert detector.find(example.replace(value, filler)) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("curl -u admin:pT55J06QkjZj*_a24w https://jenkins.internal:8443/api/json", ["pT55J06QkjZj*_a24w"]),
        ('"content":"```\\ncurl -u admin:qBk!Ngh!e9a5.Sxfkv https://ci/api/json\\n```"', ["qBk!Ngh!e9a5.Sxfkv"]),
        (
            "curl -s -X POST --user 'api:key-3ax6xnjp29jd6fds4gc373sgvjxteol0' https://api.example.com",
            ["key-3ax6xnjp29jd6fds4gc373sgvjxteol0"],
        ),
        ("curl -u jane@example.com:Fake-Pass-42 https://api.example.com", ["Fake-Pass-42"]),
        ("wget --user=bob --password=s3cr3t-Pa55 --ftp-password 'Fake!1' ftp://x", ["s3cr3t-Pa55", "Fake!1"]),
        ("curl -u elastic:changeme http://localhost:9200", ["changeme"]),  # default credentials are credentials
        # not passwords: no colon, templates, ids, URLs, prose, paths
        ("curl -u root https://ci.example.com; sudo -u postgres psql", []),
        ('curl -u "$CI_USER:$CI_TOKEN" https://ci.example.com', []),
        ('docker run -u 1000:1000 --user "$(id -u):$(id -g)" alpine', []),
        ("sqlmap -u http://target.example.com/item?id=1 --batch", []),
        ("Use the --password option, or --password flag.", []),
        ("mysql -u root -p shop < dump.sql", []),
        ("mkdir -p'/tmp/build dir' && mkdir -p /tmp/x", []),
        ("python -u -m app; git push -u origin main", []),
    ],
)
def test_passwords_on_a_command_line(text: str, found: list[str]) -> None:
    assert [v for _, _, v in DETECTORS.get("password").find(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "Set OPENAI_API_KEY=xxxx-xxxx-xxxx and api_key: xxxx-xxxx-xxxx before running make deploy.",
        "Authorization: Bearer xxxx-xxxx-xxxx is sent by the SDK; password: xxxx-xxxx-xxxx",
        "Bearer xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        "password=****-****-**** token: XXXX_XXXX_XXXX_XXXX",
        "postgresql://app:xxxx-xxxx@db.internal/prod",
    ],
)
def test_blanked_out_secrets_are_documentation(text: str) -> None:
    names = ("password", "api_token", "authorization_header", "bearer_token", "url_credentials")
    assert {name: DETECTORS.get(name).find(text) for name in names if DETECTORS.get(name).find(text)} == {}
