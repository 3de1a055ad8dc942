"""The pseudonymization key and keyed HMAC-SHA256 pseudonyms.

The key comes from the environment, an Airflow connection, or a key file (the demo writes one). Only its id,
a hash, is ever recorded. Pseudonyms are HMAC-SHA256 over (domain, value), so the same value gets the same
pseudonym in every table and log that uses the same key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from masking.config import PipelineConfig
from masking.errors import KeyMissingError

MIN_KEY_BYTES = 16


@dataclass(frozen=True)
class MaskingKey:
    """A secret key. ``repr`` never shows it."""

    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.secret) < MIN_KEY_BYTES:
            raise KeyMissingError(f"the masking key must be at least {MIN_KEY_BYTES} bytes long")

    @property
    def key_id(self) -> str:
        """A public identifier of the key: safe to record, useless to recover it."""
        return "k-" + hashlib.sha256(b"maskline-key-id\x00" + self.secret).hexdigest()[:16]

    def hasher(self, domain: str) -> Pseudonymizer:
        return Pseudonymizer(self.secret, domain)


class Pseudonymizer:
    """HMAC-SHA256 with the key's inner and outer states computed once, for speed on many values."""

    def __init__(self, secret: bytes, domain: str) -> None:
        self._inner = hmac.new(secret, domain.encode() + b"\x1f", hashlib.sha256)

    def hexdigest(self, value: str) -> str:
        mac = self._inner.copy()
        mac.update(value.encode("utf-8", "surrogatepass"))
        return mac.hexdigest()

    def many(self, values: Iterable[str], length: int) -> list[str]:
        copy = self._inner.copy
        out = []
        for value in values:
            mac = copy()
            mac.update(value.encode("utf-8", "surrogatepass"))
            out.append(mac.hexdigest()[:length])
        return out


def from_text(text: str) -> MaskingKey:
    text = text.strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = text.encode()
    return MaskingKey(secret)


def _from_airflow(conn_id: str) -> MaskingKey | None:
    try:
        from airflow.sdk import BaseHook
    except ImportError:
        return None
    try:
        conn = BaseHook.get_connection(conn_id)
    except Exception:  # an unknown connection is reported as "no key" below, without details
        return None
    return from_text(conn.password) if conn.password else None


def load_key(config: PipelineConfig) -> MaskingKey:
    """Find the key: environment first, then the Airflow connection, then the key file. Refuse without one."""
    settings = config.key
    from_env = os.environ.get(settings.env)
    if from_env:
        return from_text(from_env)
    if settings.airflow_conn_id:
        key = _from_airflow(settings.airflow_conn_id)
        if key is not None:
            return key
    if settings.file:
        path = config.resolve(settings.file)
        if path.is_file():
            return from_text(path.read_text(encoding="utf-8"))
    places = [f"environment variable {settings.env}"]
    if settings.airflow_conn_id:
        places.append(f"Airflow connection '{settings.airflow_conn_id}' (password field)")
    if settings.file:
        places.append(f"key file {config.resolve(settings.file)}")
    raise KeyMissingError("No masking key found; refusing to run. Looked in: " + "; ".join(places))


def create_key_file(path: Path) -> None:
    """Write a new random key (hex) readable by the owner only. Used by the demo."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
