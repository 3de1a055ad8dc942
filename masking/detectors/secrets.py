"""Credentials: private keys, tokens, and secrets written as ``key=value``.

Every example below is a documented fake (AWS's ``AKIAIOSFODNN7EXAMPLE``, jwt.io's sample token) or text
made up here; the PEM body is base64 of a sentence, not a key.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.patterns import ASSIGN, QUOTE, WS, key_name, nocase
from masking.detectors.validators import (
    credential_not_filler,
    jwt_valid,
    not_filler,
    password_like,
    pgpass_password_valid,
    quoted_password_valid,
    token_like,
)

# A truncated log line can cut a key before its END line: the block then runs to the end of the text, so
# the part that was logged is still masked. `(?s:.)` crosses both real newlines and JSON-escaped `\n`.
_PEM_LABEL = r"[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
_FAKE_PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "TUFTS0xJTkUtRkFLRS1LRVktRk9SLVRFU1RTLU9OTFktTk9ULUEtUkVBTC1LRVktMDEy\n"
    "TUFTS0xJTkUtRkFLRS1LRVktRk9SLVRFU1RTLU9OTFk=\n"
    "-----END RSA PRIVATE KEY-----"
)

PRIVATE_KEY = Detector(
    name="private_key",
    entity="PRIVATE_KEY",
    pattern=rf"-----BEGIN{_PEM_LABEL}(?s:.)*?(?:-----END{_PEM_LABEL}|$)",
    context=("key", "pem", "rsa", "ssh", "private", "cert"),
    examples=(
        _FAKE_PEM,
        _FAKE_PEM.replace("RSA PRIVATE", "PRIVATE").replace("\n", "\\n"),
        _FAKE_PEM.replace("RSA", "OPENSSH"),
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nTUFTS0xJTkU=\n-----END PGP PRIVATE KEY BLOCK-----",
        "-----BEGIN EC PRIVATE KEY-----\nTUFTS0xJTkUtRkFLRQ==",  # truncated by the logger
    ),
    near_misses=(
        "-----BEGIN CERTIFICATE-----\nTUFTS0xJTkU=\n-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nTUFTS0xJTkU=\n-----END PUBLIC KEY-----",
        "PRIVATE KEY",
    ),
)

JWT = Detector(
    name="jwt",
    entity="JWT",
    pattern=r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+",
    validator=jwt_valid,
    context=("jwt", "token", "bearer", "authorization", "id_token", "session"),
    examples=(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2"
        "MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln",
    ),
    near_misses=(
        "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2ln",  # header without "alg"
        "eyJhbGciOiJIUzI1NiIs.eyJzdWIiOiIx.c2ln",  # header is not complete JSON
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0",  # two parts
        "eyJhbGciOiJIUzI1NiJ9",
    ),
)

# `scheme://user:password@host`: only the password is masked; the user and host stay readable. The scheme
# starts after a character that cannot be part of it (matched, not masked), as in the email detector.
URL_CREDENTIALS = Detector(
    name="url_credentials",
    entity="PASSWORD",
    pattern=rf"(?:^|[^A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^{WS}:/@?#]*:(?P<value>[^{WS}/@?#$<*{{\[%][^{WS}/@?#]*)@",
    validator=not_filler,
    context=("dsn", "url", "uri", "database", "connection", "conn"),
    examples=(
        "postgresql://app:s3cr3t-Pa55@db.internal:5432/prod",
        "redis://:hunter2hunter2@cache:6379/0",
        "https://deploy:ghp-not-a-token@git.example.com/org/repo.git",
    ),
    near_misses=(
        "https://example.com:8443/path",
        "postgresql://app@db.internal/prod",
        "postgresql://app:${DB_PASSWORD}@db.internal/prod",
        "postgresql://app:***@db.internal/prod",
        "postgresql://app:xxxx-xxxx@db.internal/prod",
        "mysql://app:<password>@db/prod",
        "https://example.com:8443/a?b=c@d",
    ),
)

# Credential schemes a header may name before the credential; listing them keeps a scheme word from
# being taken for the credential itself.
_SCHEMES = nocase("(?:bearer|basic|token|digest|negotiate|ntlm|apikey)")
_TOKEN_CHARS = r"[A-Za-z0-9_~+/-][A-Za-z0-9._~+/-]"  # RFC 6750 token68, first character not a dot
_HEADER_ASSIGN = rf"{QUOTE}?[ \t]*[:=][ \t]*{QUOTE}?"

AUTHORIZATION_HEADER = Detector(
    name="authorization_header",
    entity="BEARER_TOKEN",
    pattern=rf"\b{nocase('authorization')}{_HEADER_ASSIGN}(?:{_SCHEMES}[ \t]+)?(?P<value>{_TOKEN_CHARS}{{7,}}=*)",
    validator=credential_not_filler,
    context=("authorization", "header", "curl", "http", "request"),
    examples=(
        "Authorization: Bearer 9f8e7d6c5b4a39281716aBcDeF",
        'curl -H "Authorization: Basic dXNlcjpwYXNz" https://api.example.com',
        "{'Authorization': 'Token 0123abcdEFGH4567'}",
        '"authorization":"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzQyIn0.c2ln"',
    ),
    near_misses=(
        "Authorization: Bearer ${API_TOKEN}",
        "Authorization: Bearer <your-token>",
        "Authorization: Bearer <BEARER_TOKEN:5f2a9c1e>",
        "Authorization: required",
        "authorization: Negotiate",
        "Authorization: Bearer ***",
        "Authorization: Bearer xxxx-xxxx-xxxx",
    ),
)

BEARER_TOKEN = Detector(
    name="bearer_token",
    entity="BEARER_TOKEN",
    pattern=rf"\b{nocase('bearer')}[ \t]+(?P<value>{_TOKEN_CHARS}{{15,}}=*)",
    validator=credential_not_filler,
    context=("bearer", "token", "authorization", "auth"),
    examples=(
        "Bearer 9f8e7d6c5b4a39281716aBcDeF",
        "bearer abcDEF1234567890xyz",
        "Bearer dGhpcyBpcyBhIGZha2UgdG9rZW4=",
    ),
    near_misses=(
        "Bearer short123",
        "bearer authentication",
        "Bearer tokens are documented",
        "Bearer ${TOKEN}",
        "Bearer YOUR_API_TOKEN_HERE",
        "Bearer xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    ),
)

# Key names are matched with a prefix (`db_password`, `x-api-key`, `refresh_token`; see key_name) but no
# suffix, so `password_length` or `max_tokens` are not keys. The value stops at whitespace, quotes and the
# delimiters of query strings, connection strings and repr() output. It may not start with `$ < * { [ %`
# (templates and masks) nor `-` (a PEM block is left whole to the private key detector). Password keys include
# `password2` (`new_password1` in form posts), `passcode`, `pswd`, and the word in German, Dutch, Spanish,
# Portuguese and French (`Passwort`, `wachtwoord`, `contrasena`, `senha`, `mot de passe`).
_VALUE_FIRST = rf"""[^{WS}"'`\\<>$*{{}}\[\]()%,;&-]"""
_VALUE_REST = rf"""[^{WS}"'`\\<>{{}}\[\](),;&]"""
_PASSWORD_KEYS = key_name(
    "password[0-9]?",
    "passwd",
    "passphrase",
    "passcode",
    "pswd",
    "passwort",
    "wachtwoord",
    "contrasena",
    "senha",
    "mot[ _-]?de[ _-]?passe",
    "pwd",
    "secret(?:[_-]?(?:access[_-]?)?key)?",
)
_TOKEN_KEYS = key_name("api[_-]?key", "access[_-]?token", "token")

# Passwords given on a command line. The user name stays readable, as in URL credentials; only the password
# after it is masked:
# - `curl -u admin:s3cret`, `--user admin:s3cret`, `--user=admin:s3cret` (the name starts with a letter, so
#   `docker run -u 1000:1000` and `-u $USER:$PASS` are left alone);
# - `wget --password s3cret`, `--http-password 's3cret'`, `docker login --password s3cret` (`--password=` is a
#   key=value and taken by the key rule);
# - `mysql -u root -ps3cret`, `-p's3cret'`, `sshpass -p s3cret`, `openssl ... -passin pass:s3cret`.
# Three shapes of the same options hold no password; like the version branches of the IPv4 detector they are
# matched first by branches without a `value` group, so that nothing is masked there: a URL after `-u`
# (`sqlmap -u https://...`, `pip install --user git+https://...`), a plain lowercase word after `--password`
# (prose: `pass the --password flag`) and a path after `-p'` (`mkdir -p'/tmp/x'`).
# The options share one leading `-` after the start of a shell word, which keeps the lazy DFA's states small
# (see patterns.py): whitespace is everywhere, and each branch starting there would widen every state.
_OPT = rf"(?:^|[{WS}\"'`])-"  # an option starts a shell word
_CLI_USER = rf"(?:u|-user)(?:[ \t]+|=)(?:{QUOTE})?[A-Za-z][A-Za-z0-9_.@+-]*:"
_CLI_PASSWORD_OPTION = r"-(?:[a-z]+-)?passw(?:or)?d[ \t]+"
_CLI_NOT_A_PASSWORD = (
    rf"{_OPT}(?:{_CLI_USER}/|{_CLI_PASSWORD_OPTION}[a-z]+(?:[{WS},;:)!?]|\.(?:[{WS}]|$)|$)|p{QUOTE}[./~])"
)
_CLI_PASSWORD = (
    rf"{_OPT}(?:{_CLI_USER}|{_CLI_PASSWORD_OPTION}(?:{QUOTE})?|p{QUOTE}"
    rf"|u[ \t]*[A-Za-z0-9_.@-]+[ \t]+-p(?:{QUOTE})?|pass(?:in|out)?[ \t]+(?:{QUOTE})?pass:)"
    rf"|\bsshpass[ \t]+-p[ \t]*(?:{QUOTE})?"
)

PASSWORD = Detector(
    name="password",
    entity="PASSWORD",
    pattern=(
        rf"{_CLI_NOT_A_PASSWORD}"
        rf"|(?:{_PASSWORD_KEYS}{ASSIGN}|{_CLI_PASSWORD})(?P<value>{_VALUE_FIRST}{_VALUE_REST}*)"
    ),
    validator=not_filler,
    context=("password", "secret", "login", "credential"),
    examples=(
        "password=hunter2",
        "user=bob password=Tr0ub4dor!3x",
        '{"password": "correct-horse"}',
        "DB_PASSWORD: s3cr3t!",
        "client_secret = 'AbC123xYz'",
        '{\\"passwd\\": \\"qwerty123\\"}',
        "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "Server=db;Uid=sa;Pwd=P@ssw0rd;",
        "login?user=bob&password=letmein42&next=/",
        "curl -u admin:pT55J06QkjZj*_a24w https://jenkins.internal:8443/api/json",
        "curl --user 'deploy:lt-M*EJUXJL!L9v' https://ci.example.com",
        "curl --user=admin:qWxeCpLFzsQsef. https://ci.example.com",
        "wget --user=bob --password=s3cr3t-Pa55 https://files.example.com/a.zip",
        "wget --user bob --password 'Fake!Pass1' https://files.example.com/a.zip",
        "wget --http-password hunter2 https://files.example.com",
        "mysql -u root -pS3cr3t_42 shop",
        "mysql -uroot -p'Fake!Pass1' -h db shop",
        "sshpass -p Fake!Pass1 ssh deploy@build-01",
        "docker login -u bob --password Fake-Pass-42 registry.example.com",
        "openssl pkcs12 -in cert.p12 -passin pass:Fake-Pass-42",
        "Passwort: Geheim-2026",
        "mot de passe : Secret-2026",
        "senha=Fake-Pass-42",
    ),
    near_misses=(
        "password=",
        'password=""',
        "password=${DB_PASSWORD}",
        '{"password": "<your-password>"}',
        "password: ***",
        "password: ********",
        '"password": null',
        "password=[REDACTED]",
        "password={password}",
        "password_length=12",
        "password=<PASSWORD:5f2a9c1e>",
        "password: xxxx-xxxx-xxxx",
        "password=****-****",
        "curl -u root https://ci.example.com",
        "curl -u $USER:$PASS https://ci.example.com",
        'curl -u "${CI_USER}:${CI_TOKEN}" https://ci.example.com',
        "curl -u admin:${ADMIN_PASSWORD} https://ci.example.com",
        "curl -u admin:*** https://ci.example.com",
        "docker run -u 1000:1000 alpine",
        'docker run --user "$(id -u):$(id -g)" alpine',
        "git push -u origin main",
        "sqlmap -u https://target.example.com/item?id=1",
        "pip install --user git+https://github.com/org/repo.git",
        "pass it with the --password flag",
        "wget --password $WGET_PASSWORD https://files.example.com",
        "docker login -u bob --password-stdin",
        "mysql -u root -p shop",
        "mkdir -p'/tmp/build dir'",
        "openssl rsa -in key.pem -passin env:KEY_PASS",
    ),
)

# Quoted values, which may hold what ends an unquoted one (spaces, `, ; & ( )`): the value runs to the next
# quote, backslash (a JSON-escaped quote) or `<`, and a closing quote or `</` must follow. The key is a password
# key written as
# - key=value with the value quoted: `password: "correct horse"`, `{"passwd": "a,b;c"}`, `PASSWORD := 'x y'`;
# - a PHP constant or a call with a default: `define('DB_PASSWORD', 'x')`, `os.getenv("DB_PASSWORD", "x")`;
# - an XML element or a key/value attribute pair: `<password>x</password>`, `<db-password>x</db-password>`,
#   `<add key="SmtpPassword" value="x"/>`, `<property name="password" value="x"/>`;
# - SQL: `CREATE ROLE app LOGIN PASSWORD 'x'`, `IDENTIFIED BY 'x'`, `SET PASSWORD = PASSWORD('x')`;
# - Markdown code: password: `x`.
# Placeholders and sentences (a validation message in a password field) are left to the unquoted rule.
_QUOTED_VALUE = r"""[^"'`\\<\r\n]*"""
_OPEN = rf"(?:{QUOTE}|`)"
_QUOTED_PREFIX = (
    rf"(?:{_PASSWORD_KEYS}(?:(?:{QUOTE}[ \t]*(?:=>|:=|[:=,])|[ \t]*(?:=>|:=|[:=]))[ \t]*{_OPEN}"
    rf"|{QUOTE}[ \t]+{nocase('value')}[ \t]*=[ \t]*{QUOTE}|(?:[ \t]+|\(){QUOTE})"
    rf"|<(?:[A-Za-z][A-Za-z0-9_.:-]*)?{_PASSWORD_KEYS}>|\b{nocase('identified')}[ \t]+{nocase('by')}[ \t]+')"
)

QUOTED_PASSWORD = Detector(
    name="quoted_password",
    entity="PASSWORD",
    pattern=rf"{_QUOTED_PREFIX}(?P<value>{_VALUE_FIRST}{_QUOTED_VALUE})(?:{_OPEN}|</)",
    validator=quoted_password_valid,
    context=PASSWORD.context,
    examples=(
        '"password": "correct horse battery staple"',
        "password='p@ss w0rd'",
        '{"passwd": "Fake,Pass;42"}',
        "password: 'Fake&Pass(42)'",
        "define('DB_PASSWORD', 'Fake-Pass-42');",
        "<password>Fake-Pass-42</password>",
        "<db-password>Fake Pass</db-password>",
        '<add key="SmtpPassword" value="Fake-Pass-42" />',
        '<property name="password" value="Fake-Pass-42"/>',
        "CREATE ROLE app LOGIN PASSWORD 'Fake-Pass-42';",
        'login failed for bob with password "Fake Pass 42"',
        "CREATE USER 'bob'@'%' IDENTIFIED BY 'Fake-Pass-42';",
        "SET PASSWORD FOR 'bob'@'%' = PASSWORD('Fake-Pass-42');",
        "Password: `Fake Pass 42`",
        "new_password1='Fake-Pass-42'",
        "passcode: '493817'",
    ),
    near_misses=(
        '"password": "This field is required."',
        '"password": "${DB_PASSWORD}"',
        "<password>${DB_PASSWORD}</password>",
        '<add key="SmtpPassword" value="" />',
        "password: '***'",
        '"password": "must be at least eight characters long"',
        "password: 'unterminated",
        "IDENTIFIED BY PASSWORD '*6C8989366EAF75BB670AD8EA7A7FC1176A95CEF4'",
        "the password field",
    ),
)

# Weaker keys and shapes, where a plain word is more often prose than a password, so the value must look
# like a credential (digits or mixed case) and not be a short count (`pass: 120`):
# - `pass` and `pw` keys: `DB_PASS=x`, `SMTP_PASS: x`, `"pass": "x"`, `default_pass = x`, `pw: x`;
# - Redis: `requirepass x`, `masterauth x`;
# - `.netrc`: `machine h login bob password x`;
# - prose: `the password is x`, `passphrase was x`;
# - Markdown: `**Password:** x`, `| password | x |`; lowercase keys without a blank, `password:x`, `pwd:x`
#   (Maskline's own tokens spell the entity in capitals: `<PASSWORD:5f2a9c1e>`);
# - a Dockerfile's `ENV DB_PASSWORD x`, `redis-cli -h cache -a x`, Wi-Fi `psk=x`.
# `is`, `was`, `is now`, `is:`, `to`, `as`, `has been reset to`, `changed to`.
_PROSE_ASSIGN = (
    rf"[ \t]+(?:(?:{nocase('is|was|to|as')})(?:[ \t]+{nocase('now')})?:?"
    rf"|(?:(?:{nocase('has')}[ \t]+{nocase('been')}|{nocase('was|is')})[ \t]+)?"
    rf"{nocase('(?:changed|reset|set|updated)')}[ \t]+{nocase('to')})"
    rf"[ \t]+(?:{QUOTE})?"
)
# `password for bob: x`, `password for the admin account is x`.
_FOR_WHOM = rf"[ \t]+{nocase('for')}[ \t][A-Za-z0-9_.@' \t-]*(?::|[ \t]{nocase('is')})[ \t]+(?:{QUOTE})?"
_LOOSE_KEYS = key_name("password[0-9]?", "passwd", "passphrase", "pwd")
_MARKDOWN_ASSIGN = r"(?::\*\*|\*\*[ \t]*:|[ \t]*\|)[ \t]*`?"
_LOOSE_PREFIX = (
    rf"{key_name('pass', 'pw', 'psk')}{ASSIGN}"
    rf"|\b(?:requirepass|masterauth)[ \t]+(?:{QUOTE})?"
    rf"|\b(?:login|user)[ \t]+[^{WS}]+[ \t]+password[ \t]+"
    rf"|{_LOOSE_KEYS}(?:{_PROSE_ASSIGN}|{_MARKDOWN_ASSIGN}|{_FOR_WHOM})"
    r"|\b[Pp](?:ass(?:wor)?d|wd):"
    rf"|\bENV[ \t]+[A-Z0-9_]*PASSWORD[ \t]+"
    rf"|\bredis-cli[ \t][^\r\n]*[ \t]-a[ \t]+(?:{QUOTE})?"
)

PASSWORD_LOOSE = Detector(
    name="password_loose",
    entity="PASSWORD",
    pattern=rf"(?:{_LOOSE_PREFIX})(?P<value>{_VALUE_FIRST}{_VALUE_REST}*)",
    validator=password_like,
    context=PASSWORD.context,
    examples=(
        "export DB_PASS=Fake-Pass-42",
        "SMTP_PASS: Fake-Pass-42",
        '{"user": "bob", "pass": "Fake-Pass-42"}',
        "rabbitmq default_pass = Fake-Pass-42",
        "login: bob / pw: Fake-Pass-42",
        "requirepass Fake-Pass-42",
        "masterauth Fake-Pass-42",
        "machine api.example.com login bob password Fake-Pass-42",
        "my password is Fake-Pass-42",
        "**Password:** Fake-Pass-42",
        "| password | `Fake-Pass-42` |",
        "login bob password:Fake-Pass-42",
        "ENV POSTGRES_PASSWORD Fake-Pass-42",
        "redis-cli -h cache -p 6379 -a Fake-Pass-42 ping",
        "psk=Fake-Pass-42",
    ),
    near_misses=(
        "pass: 120 fail: 3",
        "pass: ok",
        "first_pass: done",
        "bypass=Fake-Pass-42",
        "the password is incorrect",
        "password is Required",
        "requirepass ${REDIS_PASSWORD}",
        "pass=xxxx-xxxx",
        "user bob password reset requested",
        "| password | string | yes |",
        "<PASSWORD:5f2a9c1e>",
        "redis-cli -a $REDIS_PASSWORD ping",
        "Password:",
    ),
)


def spelled_password(value: str) -> bool:
    """A password named in a sentence (`use the password Fake-Pass-42`): 6+ characters, small letters and a
    digit or symbol, and not a path, URL or address (`password /etc/shadow`)."""
    if len(value) < 6 or not not_filler(value) or value.startswith(("/", "~", ".", "http")) or "://" in value:
        return False
    if "@" in value and "." in value.rsplit("@", 1)[-1]:
        return False
    return any(c.islower() for c in value) and any(c.isdigit() or not c.isalnum() for c in value)


# A password right after the word in a sentence or a two-column listing: `the new password Fake-Pass-42`,
# `password -> Fake-Pass-42`, `password<TAB>Fake-Pass-42`. Ordinary words follow `password` far more often, so
# only values that mix small letters with digits or symbols count.
PASSWORD_IN_PROSE = Detector(
    name="password_in_prose",
    entity="PASSWORD",
    pattern=rf"\b{nocase('pass(?:word|phrase)')}(?:[ \t]+|[ \t]*->[ \t]*)(?P<value>{_VALUE_FIRST}{_VALUE_REST}*)",
    validator=spelled_password,
    context=PASSWORD.context,
    examples=(
        "log in with the temporary password Fake-Pass-42 and change it",
        "password -> Fake-Pass-42",
        "Password\tfake4242",
    ),
    near_misses=(
        "password reset requested",
        "password is now required",
        "the password was changed to comply with policy",
        "password for bob expired at 12:30",
        "Password Manager",
        "password SHA256",
        "password /etc/shadow",
        "password 123456",
        "password xxxx-xxxx",
        "password jane@example.com",
        "password-protected",
    ),
)


# `.pgpass` lines, `host:port:database:user:password`: the port (4 or 5 digits, or `*`) anchors the shape,
# database and user start with a letter, `_` or `*` (so IPv6 groups and times do not qualify).
PGPASS = Detector(
    name="pgpass",
    entity="PASSWORD",
    pattern=(
        r":(?:[0-9]{4,5}|\*):[A-Za-z_*][A-Za-z0-9_.*$-]*:[A-Za-z_*][A-Za-z0-9_.@*$-]*:"
        rf"(?P<value>[^{WS}:\\]+)"
    ),
    validator=pgpass_password_valid,
    context=("pgpass", "postgres", "password"),
    examples=("db.example.com:5432:shop:app:Fake-Pass-42", "localhost:*:*:postgres:Fake-Pass-42"),
    near_misses=(
        "fe80:0000:abcd:ef01:1234",
        "2026-11-27 18:48:11",
        "db:5432:shop:app:*",
        "00:1A:2B:3C:4D:5E",
    ),
)

# Token-like keys need an 8+ character, token-shaped value: AI logs carry `"token": "Hello"` (logprobs)
# and `"token": "</s>"` (tokenizer configs), which are text, not credentials.
API_TOKEN = Detector(
    name="api_token",
    entity="PASSWORD",
    pattern=rf"{_TOKEN_KEYS}{ASSIGN}(?P<value>{_VALUE_FIRST}{_VALUE_REST}{{7,}})",
    validator=credential_not_filler,
    context=("api", "key", "token", "credential"),
    examples=(
        "api_key=sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        '{"apiKey": "AIzaSyA-fake-0123456789"}',
        "X-API-Key: 0123456789abcdefABCDEF",
        "access_token=ya29.a0AfH6SMBfake123",
        "refresh_token: 1//0gFakeRefreshToken99",
        '"token": "tok_9f8e7d6c5b4a"',
    ),
    near_misses=(
        '"token": "Hello"',
        '"token": "understanding"',
        '"eos_token": "</s>"',
        "max_tokens=4096",
        '"total_tokens": 1234',
        "token_count=512",
        "api_key=${API_KEY}",
        "API_KEY=<your-key>",
        "api_key=YOUR_API_KEY_HERE",
        "OPENAI_API_KEY=xxxx-xxxx-xxxx",
        "api_key: XXXX_XXXX_XXXX_XXXX",
    ),
)

AWS_ACCESS_KEY = Detector(
    name="aws_access_key",
    entity="AWS_ACCESS_KEY",
    pattern=r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b",
    context=("aws", "access_key", "access key", "iam", "amazon"),
    examples=("AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "AKIAZ2345ABCDEFGHIJK"),
    near_misses=(
        "AKIAIOSFODNN7EXAMPL",
        "AKIAIOSFODNN7EXAMPLEX",
        "akiaiosfodnn7example",
        "AIDAIOSFODNN7EXAMPLE",
    ),
)

_FAKE_36 = "Ex4mpleT0ken" * 3

GITHUB_TOKEN = Detector(
    name="github_token",
    entity="GITHUB_TOKEN",
    pattern=r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b",
    validator=token_like,
    context=("github", "token", "gh", "pat"),
    examples=(
        f"ghp_{_FAKE_36}",
        f"gho_{_FAKE_36}",
        f"ghu_{_FAKE_36}",
        f"ghs_{_FAKE_36}",
        f"ghr_{_FAKE_36}",
        "github_pat_11EXAMPLE0123456789abc_" + "Ex4mple" * 8 + "abc",
    ),
    near_misses=(
        f"ghp_{_FAKE_36[:35]}",
        f"ghx_{_FAKE_36}",
        f"xghp_{_FAKE_36}",
        "github_pat_short",
        "ghp_",
        "ghp_" + "x" * 36,
    ),
)
