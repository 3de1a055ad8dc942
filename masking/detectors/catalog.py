"""Every built-in detector, registered by name, and the order in which they compete for a span.

The scanner joins the patterns into one alternation, ``(?:p1)|(?:p2)|...``, which is leftmost-first:
where two detectors could start at the same character the earlier one wins, and overlapping spans go to
the earlier detector too. So longer and more specific shapes come first: a PEM block before anything
inside it, a JWT before the bearer header that carries it, credentials before the email-like
``user:pass@host``, and IPv6 (which can end in an IPv4 address) before IPv4.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.contact import EMAIL, PHONE
from masking.detectors.financial import CREDIT_CARD, IBAN
from masking.detectors.government import US_SSN
from masking.detectors.network import IPV4, IPV6
from masking.detectors.secrets import (
    API_TOKEN,
    AUTHORIZATION_HEADER,
    AWS_ACCESS_KEY,
    BEARER_TOKEN,
    GITHUB_TOKEN,
    JWT,
    PASSWORD,
    PRIVATE_KEY,
    URL_CREDENTIALS,
)
from masking.registry import Registry

_PRIORITY: tuple[Detector, ...] = (
    PRIVATE_KEY,
    JWT,
    URL_CREDENTIALS,
    AUTHORIZATION_HEADER,
    BEARER_TOKEN,
    PASSWORD,
    API_TOKEN,
    AWS_ACCESS_KEY,
    GITHUB_TOKEN,
    EMAIL,
    IBAN,
    CREDIT_CARD,
    US_SSN,
    PHONE,
    IPV6,
    IPV4,
)

DETECTORS: Registry[Detector] = Registry("detector")
for _detector in _PRIORITY:
    DETECTORS.register(_detector.name, _detector)


def default_detectors() -> list[Detector]:
    """All built-in detectors, most specific first (the order the scanner's alternation relies on)."""
    return list(_PRIORITY)
