"""Entity families and the quality targets of the masking-quality issue, checked per runner.

Families group the corpus's entity types (not detector names, which change as the catalog grows): a new
detector moves the numbers without touching this table. A type missing here counts in ``other``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from masking.evaluation.metrics import Scores

STRUCTURED = "structured"
SECRETS = "secrets"
PERSONAL = "personal"
OTHER = "other"

FAMILIES: dict[str, tuple[str, ...]] = {
    # Shapes with a rule or a checksum: a detector can be exact.
    STRUCTURED: ("EMAIL", "PHONE", "US_SSN", "CREDIT_CARD", "IBAN", "IP_ADDRESS"),
    # Credentials, found by issuer prefix or by the key they are assigned to.
    SECRETS: ("AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "JWT", "PRIVATE_KEY", "PASSWORD", "BEARER_TOKEN",
              "OPENAI_KEY", "SLACK_TOKEN", "STRIPE_KEY", "GOOGLE_API_KEY", "DATABASE_URL"),  # fmt: skip
    # Free-form personal details that need context or a model: names, addresses, dates of birth.
    PERSONAL: ("PERSON", "STREET_ADDRESS", "DATE_OF_BIRTH"),
}
_FAMILY_OF = {entity: family for family, entities in FAMILIES.items() for entity in entities}


def family_of(entity: str) -> str:
    return _FAMILY_OF.get(entity, OTHER)


@dataclass(frozen=True)
class Target:
    name: str
    measure: Callable[[Scores], float | None]  # None: nothing to measure (no such item in the corpus)
    limit: float
    at_least: bool = False  # the measure must be >= limit (else <=)

    def check(self, scores: Scores) -> tuple[float | None, bool]:
        value = self.measure(scores)
        if value is None:
            return None, True
        return value, value >= self.limit if self.at_least else value <= self.limit

    def describe(self) -> str:
        return f"{self.name} {'>=' if self.at_least else '<='} {self.limit:.0%}"


TARGETS: tuple[Target, ...] = (
    Target("leak, structured identifiers", lambda s: s.family_leak(STRUCTURED), 0.01),
    Target("leak, secrets", lambda s: s.family_leak(SECRETS), 0.02),
    Target("leak, names, addresses, birth dates", lambda s: s.family_leak(PERSONAL), 0.10),
    Target("leak, overall", lambda s: s.overall.rate, 0.05),
    Target("over-masking, hard negatives", lambda s: s.hard_negative_over_masking.rate, 0.03),
    Target("JSON records still valid JSON", lambda s: s.json_valid.rate, 1.0, at_least=True),
)
