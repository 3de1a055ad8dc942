"""The per-run memo of masked log leaves, and the regex-only scanner used for operational identifiers."""

from __future__ import annotations

import copy
from collections import OrderedDict

from masking.scan import TextScanner

DEFAULT_MEMO_CHARS = 8_000_000  # ~8-32 MB of text, whatever the input size
_ENTRY_OVERHEAD = 64  # characters counted per entry for the tuple, the dict slot and the object headers
_UNCHANGED = ""  # stored for a text the scan left as it was: the memo then holds each text once


class LeafMemo:
    """Masked text per (scan context, text), first in first out, bounded by the characters it holds.

    Repeated texts (system prompts, templates, tool schemas) are scanned once per run; the bound keeps the
    memory of a long run flat. A text longer than 1/64 of the bound is never kept: it would evict the rest.
    """

    def __init__(self, max_chars: int = DEFAULT_MEMO_CHARS) -> None:
        self.max_chars = max_chars
        self._data: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._chars = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    @property
    def chars(self) -> int:
        return self._chars

    def get(self, ctx: str, text: str) -> str | None:
        stored = self._data.get((ctx, text))
        if stored is None:
            self.misses += 1
            return None
        self.hits += 1
        return text if stored == _UNCHANGED else stored

    def put(self, ctx: str, text: str, masked: str) -> None:
        stored = _UNCHANGED if masked == text else masked
        size = len(text) + len(stored) + _ENTRY_OVERHEAD
        if size > self.max_chars // 64 or (ctx, text) in self._data:
            return
        self._data[(ctx, text)] = stored
        self._chars += size
        while self._chars > self.max_chars:
            (_, old), value = self._data.popitem(last=False)
            self._chars -= len(old) + len(value) + _ENTRY_OVERHEAD


def regex_only(scanner: TextScanner) -> TextScanner:
    """The same scanner (detectors, key, candidate cache) without NER, for operational identifiers: a model
    name or a run id is one token, which the regex detectors check, and which NER would misread as a name."""
    plain = copy.copy(scanner)
    plain.ner = None
    return plain
