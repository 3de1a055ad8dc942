"""Detectors of sensitive values, registered by name."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.catalog import DETECTORS, default_detectors

__all__ = ["DETECTORS", "Detector", "default_detectors"]
