"""The maskers under evaluation: Maskline, and Presidio when it is installed (``pip install maskline[bench]``).

Each runner masks a whole corpus in one call, timed after a warm-up that loads its model, and says how its
replacement tokens look so that over-masking can blank them out before aligning tokens.

- Maskline masks free texts with ``masking.mask_texts``, database cells as one column per column name (the
  name is context, as in the batch job), and JSON records leaf by leaf with ``masking.logs.mask_records``.
- Presidio runs as it is commonly used: ``AnalyzerEngine`` with every predefined recognizer and the same spaCy
  model, through ``BatchAnalyzerEngine``, then ``AnonymizerEngine``'s default ``replace`` (``<ENTITY>``), on
  every text as is, JSON records included. Its e-mail recognizer asks ``tldextract`` for the public-suffix
  list, which goes to the network on first use: here it reads the snapshot bundled with ``tldextract``.
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Protocol

import orjson
import polars as pl

from masking import DEFAULT_MODEL
from masking.evaluation.corpus import Item
from masking.keys import MaskingKey

EVAL_KEY = MaskingKey(b"maskline-evaluation-key-not-a-secret")


class Runner(Protocol):
    name: str
    version: str
    token_pattern: re.Pattern[str]

    def warm_up(self) -> None: ...

    def mask(self, items: list[Item]) -> list[str]: ...


@dataclass(frozen=True)
class Timed:
    masked: list[str]
    seconds: float


def run_timed(runner: Runner, items: list[Item]) -> Timed:
    runner.warm_up()
    start = time.perf_counter()
    masked = runner.mask(items)
    return Timed(masked, time.perf_counter() - start)


class MasklineRunner:
    name = "Maskline"

    def __init__(self, key: MaskingKey = EVAL_KEY, model: str = DEFAULT_MODEL) -> None:
        from masking.detectors import default_detectors
        from masking.ner import NerModel
        from masking.scan import TOKEN_PATTERN, TextScanner

        self.key, self.model = key, model
        self.version = _package_version("maskline")
        self.token_pattern = re.compile(TOKEN_PATTERN)
        self.scanner = TextScanner(default_detectors(), key, NerModel(model, ["PERSON"]))

    def warm_up(self) -> None:
        from masking import mask_texts

        mask_texts(["Warm-up call for Jordan Example <warm.up@example.org>."], self.key, model=self.model)

    def mask(self, items: list[Item]) -> list[str]:
        from masking import mask_texts
        from masking.logs import mask_records

        out = [item.text for item in items]
        texts = [i for i, item in enumerate(items) if not item.is_json and item.field is None]
        for i, masked in zip(texts, mask_texts([items[i].text for i in texts], self.key, model=self.model),
                             strict=True):  # fmt: skip
            out[i] = masked
        columns: dict[str, list[int]] = defaultdict(list)
        for i, item in enumerate(items):
            if item.field is not None:
                columns[item.field].append(i)
        for column, rows in columns.items():
            values = pl.Series([items[i].text for i in rows], dtype=pl.String)
            for i, masked in zip(rows, self.scanner.mask(values, field=column).masked.to_list(), strict=True):
                out[i] = masked
        records = [i for i, item in enumerate(items) if item.is_json]
        parsed = [orjson.loads(items[i].text) for i in records]
        for i, masked in zip(records, mask_records(parsed, self.scanner, {}), strict=True):
            out[i] = masked
        return out


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "0+unknown"


def presidio_available() -> bool:
    try:
        import presidio_analyzer  # noqa: F401
        import presidio_anonymizer  # noqa: F401
    except ImportError:
        return False
    return True


def _offline_email_recognizer() -> Any:
    import tldextract
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    # No URL to fetch and no cache directory: the public-suffix snapshot shipped inside tldextract is used.
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmailRecognizer(EmailRecognizer):  # type: ignore[misc]
        def validate_result(self, pattern_text: str) -> bool:
            return extract(pattern_text).fqdn != ""

    return OfflineEmailRecognizer()


class PresidioRunner:
    name = "Presidio"

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        import spacy.util
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        self.version = _package_version("presidio-analyzer")
        config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
        if not spacy.util.is_package(model):  # Presidio would try to download it: refuse instead
            raise RuntimeError(f"spaCy model '{model}' is not installed; install its package first")
        analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=config).create_engine(),
                                  supported_languages=["en"])  # fmt: skip
        analyzer.registry.remove_recognizer("EmailRecognizer")
        analyzer.registry.add_recognizer(_offline_email_recognizer())
        self.batch = BatchAnalyzerEngine(analyzer)
        self.anonymizer = AnonymizerEngine()
        self.batch_size = batch_size
        entities = sorted(analyzer.get_supported_entities(language="en"), key=len, reverse=True)
        self.token_pattern = re.compile("<(?:" + "|".join(map(re.escape, entities)) + ")>")

    def warm_up(self) -> None:
        self.mask_texts(["Warm-up call for Jordan Example <warm.up@example.org>."])

    def mask_texts(self, texts: list[str]) -> list[str]:
        results = self.batch.analyze_iterator(texts, language="en", batch_size=self.batch_size)
        # The analyzer's and the anonymizer's RecognizerResult are two classes with the same fields.
        return [self.anonymizer.anonymize(text=t, analyzer_results=r).text  # type: ignore[arg-type]
                for t, r in zip(texts, results, strict=True)]  # fmt: skip

    def mask(self, items: list[Item]) -> list[str]:
        return self.mask_texts([item.text for item in items])
