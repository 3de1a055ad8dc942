"""Keep secrets and data values out of lineage events.

Error messages are the leak: a driver error quotes its DSN, a Polars error quotes a value. Two layers:
credential rules that always run (URL passwords, ``password=`` pairs, bearer tokens), then an optional
scanner the masking package installs with ``set_text_scrubber`` (its full detector scan), so lineage needs
no knowledge of detectors.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import attr
from openlineage.client.transport.transform import EventTransformer

log = logging.getLogger(__name__)

MASK = "***"
# Written instead of a text when the installed scanner fails: failing closed beats leaking.
WITHHELD = "[withheld: text scrubber failed]"

TextScrubber = Callable[[list[str]], list[str]]

# scheme://user:password@host: greedy to the last "@" of the token, so a password holding "@" is covered
# (over-masking a later "@" in a path is the safe way to be wrong).
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@'\"<>]*:)[^\s'\"<>]+(?=@)")
# libpq conninfo, URL query strings, JSON/YAML-ish pairs: password=x, "pwd": "x", token: x
_KEY_VALUE = re.compile(
    r"(?P<head>\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)[\"']?\s*[:=]\s*)"
    r"(?P<value>'[^']*'|\"[^\"]*\"|[^\s&;,'\"]+)",
    re.IGNORECASE,
)
_BEARER = re.compile(r"(?P<head>\bbearer\s+)[A-Za-z0-9._~+/=\-]+", re.IGNORECASE)

# Facet fields holding free text from the observed system (errorMessage, extractionError, sql).
FREE_TEXT_KEYS = frozenset({"message", "stackTrace", "errorMessage", "query"})

_scrubber: TextScrubber | None = None


def set_text_scrubber(scrubber: TextScrubber | None) -> None:
    """Install (or with None remove) the scanner applied after the credential rules.

    It receives a batch of texts and returns them masked, same length and order.
    """
    global _scrubber
    _scrubber = scrubber


def strip_url_password(text: str) -> str:
    """Mask the password of ``scheme://user:password@host``."""
    return _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)


def strip_credentials(text: str) -> str:
    """Mask passwords in URLs and key=value DSNs, and bearer tokens."""
    text = strip_url_password(text)
    text = _KEY_VALUE.sub(lambda m: m.group("head") + MASK, text)
    return _BEARER.sub(lambda m: m.group("head") + MASK, text)


def scrub_texts(texts: list[str]) -> list[str]:
    """Credential rules, then the installed scanner over the whole batch (one call, not one per text)."""
    stripped = [strip_credentials(text) for text in texts]
    if _scrubber is None or not stripped:
        return stripped
    try:
        scanned = list(_scrubber(stripped))
    except Exception:  # noqa: BLE001 - any scanner bug must not let the raw text through
        log.warning("lineage text scrubber failed; error texts withheld from the event")
        return [WITHHELD] * len(stripped)
    if len(scanned) != len(stripped):
        log.warning("lineage text scrubber returned %d texts for %d; withheld", len(scanned), len(stripped))
        return [WITHHELD] * len(stripped)
    return scanned


def scrub_text(text: str) -> str:
    return scrub_texts([text])[0]


def scrub_event(event: Any) -> Any:
    """Scrub an OpenLineage event (attrs objects) in place and return it.

    Free-text fields (``FREE_TEXT_KEYS``) get the full scrub. Every other string (names, ids, URLs) only
    loses a URL password: the key=value rule would rewrite a partition path like ``.../token=7/`` and break
    the dataset's identity.
    """
    _scrub_node(event, key=None)
    return event


def _scrub_node(node: Any, key: str | None) -> Any:
    if isinstance(node, str):
        return scrub_text(node) if key in FREE_TEXT_KEYS else strip_url_password(node)
    if isinstance(node, dict):
        for child_key, value in node.items():
            node[child_key] = _scrub_node(value, str(child_key))
    elif isinstance(node, list):
        node[:] = [_scrub_node(value, key) for value in node]
    elif attr.has(type(node)):
        for field in attr.fields(type(node)):
            value = getattr(node, field.name)
            cleaned = _scrub_node(value, field.name.lstrip("_"))
            if cleaned != value:  # setattr re-runs attrs validators: only on a real change
                setattr(node, field.name, cleaned)
    return node


class ScrubTransformer(EventTransformer):
    """For the client's ``transform`` transport, e.g. in Airflow's OpenLineage config::

        {"type": "transform", "transformer_class": "lineage.scrub.ScrubTransformer",
         "transport": {"type": "http", "url": "http://marquez:5000"}}

    so the provider's own task events (whose errorMessage quotes our exceptions) are scrubbed too.
    """

    def transform(self, event: Any) -> Any:
        return scrub_event(event)
