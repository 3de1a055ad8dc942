"""The detectors and allow-list a run uses: the built-in catalog, adjusted by the config's ``detection``."""

from __future__ import annotations

import re

from masking.config import CustomDetector, DenyList, DetectionSettings
from masking.detectors import Detector, default_detectors
from masking.detectors import validators as checks
from masking.scan import Allow


def _custom(spec: CustomDetector) -> Detector:
    validator = getattr(checks, spec.validator) if spec.validator else None
    return Detector(name=spec.name, entity=spec.entity, pattern=spec.pattern, validator=validator,
                    context=tuple(spec.context))


def _deny(index: int, spec: DenyList) -> Detector:
    terms = "|".join(re.escape(t) for t in sorted(spec.terms, key=len, reverse=True))
    flags = "" if spec.case_sensitive else "(?i)"
    return Detector(name=f"deny_{index}", entity=spec.entity, pattern=rf"{flags}\b(?:{terms})\b",
                    normalize=str.casefold)


def build_detectors(settings: DetectionSettings) -> list[Detector]:
    """Deny-lists first (they are the policy's word), then custom detectors, then the built-in catalog."""
    disabled = set(settings.disable)
    return [
        *(_deny(i, spec) for i, spec in enumerate(settings.deny)),
        *(_custom(spec) for spec in settings.detectors),
        *(d for d in default_detectors() if d.name not in disabled),
    ]


def build_allow(settings: DetectionSettings) -> Allow:
    values = frozenset(v.strip() for v in settings.allow if isinstance(v, str))
    patterns = tuple(re.compile(v.pattern) for v in settings.allow if not isinstance(v, str))
    return Allow(values, patterns)
