"""High-entropy strings after secret-like words: the catch-all for credentials no vendor prefix names.

``password=``, ``api_key=`` and ``token=`` values are taken by the password and API-token detectors before
this one; it adds keys ending in ``key``, ``secret``, ``credential(s)``, ``auth`` or ``signature`` and the
prose form ``the signing key is ...``. Only values that look random are masked: at least 20 characters,
capitals, small letters and digits mixed, and a Shannon entropy of 3.5 bits per character or more.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from masking.detectors.base import Detector
from masking.detectors.patterns import ASSIGN, key_name, nocase
from masking.detectors.validators import not_placeholder

MIN_LENGTH = 20
MIN_BITS_PER_CHAR = 3.5

_HEX = re.compile(r"(?:0x)?[0-9a-fA-F]+")  # digests, UUIDs (dashes removed), ids
_WORD = re.compile(r"[A-Z]?[a-z]{3,}")
_FILE_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
_PATH_PART = re.compile(r"[a-z0-9_.~-]*")


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value``'s own character distribution."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(k / n * math.log2(k / n) for k in Counter(value).values())


def looks_like_path(value: str) -> bool:
    """A file path or URL: rooted, relative or home paths, a scheme, backslashes, a file extension, or
    lowercase segments joined by slashes."""
    if value.startswith(("/", "./", "../", "~")) or "://" in value or "\\" in value:
        return True
    if _FILE_EXTENSION.search(value):
        return True
    return "/" in value and all(_PATH_PART.fullmatch(part) for part in value.split("/"))


def _mostly_words(value: str) -> bool:
    """CamelCase or snake_case identifiers (`AppSettingsV2ProductionOverride`) are spelled, not random."""
    return sum(len(w) for w in _WORD.findall(value)) >= 0.6 * len(value)


def high_entropy_secret(value: str) -> bool:
    """Random-looking: long, mixed classes, high entropy; not a UUID, hex digest, path or identifier."""
    if len(value) < MIN_LENGTH or not not_placeholder(value) or _HEX.fullmatch(value.replace("-", "")):
        return False
    if not (any(c.isdigit() for c in value) and any(c.isupper() for c in value) and any(c.islower() for c in value)):
        return False
    if looks_like_path(value) or _mostly_words(value):
        return False
    return shannon_entropy(value) >= MIN_BITS_PER_CHAR


_KEYS = key_name("secret", "token", "key", "credentials?", "auth", "signature")

HIGH_ENTROPY_SECRET = Detector(
    name="high_entropy_secret",
    entity="SECRET",
    pattern=rf"{_KEYS}(?:{ASSIGN}|[ \t]+(?:{nocase('is')}[ \t]+)?)(?P<value>[A-Za-z0-9+/_~.=@-]{{{MIN_LENGTH},}})",
    validator=high_entropy_secret,
    context=("secret", "key", "token", "credential", "signing", "encryption"),
    examples=(
        "signing_key=kP9xQ2mN7vR4tL8wZ3yBq6Hd",
        '{"encryptionKey": "Zx81Qm/3LpR+7Tnw0VbK5yHs2Ud9Eg=="}',
        "credentials: gH4kL9mQ2rT7vX1zB6nD3pW8",
        "the webhook secret is Qm9vN3Xk7Lp2Rt8Zs4Wb1Yc6",
    ),
    near_misses=(
        "cache_key=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "idempotency_key: 3f2b8c1e-9a4d-4e2f-8b1a-2c3d4e5f6a7b",
        "key=/usr/local/lib/python3.11/site-packages",
        "ssh_key: ~/.ssh/id_ed25519",
        "credentials: AWSCredentialsProviderChainV2Default",
        "key: my_setting_name_here_long",
        "primary key constraint violated",
        "key=${SIGNING_KEY_FROM_VAULT_2026}",
        "auth: ./config/Settings2.yaml",
    ),
)
