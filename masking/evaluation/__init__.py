"""Measured masking quality: a labeled, seeded corpus, leak and over-masking metrics, and runners that mask
it with Maskline and, when installed, with Presidio for comparison (``maskline eval``)."""

from __future__ import annotations

from masking.evaluation.corpus import Item, Span, build_corpus

__all__ = ["Item", "Span", "build_corpus"]
