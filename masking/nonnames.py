"""What spaCy's NER tags as a PERSON in logs and is not one: ``Retrying Grafana``, ``Kafka``, ``Request``,
``checksum mismatch``.

A PERSON span is dropped when its cased letters are all lowercase (names in logs are capitalized; a
lowercase name that NER finds is rare, and the small English model hardly ever does), or when every one of
its words is a known non-name: software, infrastructure and AI products, and the English words that start log
lines (``data/not_names.txt``). One word that is not listed keeps the span: ``Grace Hopper``, ``Will Smith``
and ``Kafka Jones`` stay names. So does a listed word after a title: ``Mr. Jenkins``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

_WORD = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_TITLE = re.compile(
    r"\b(?:mr|mrs|ms|mx|miss|dr|prof|sir|dame|lord|lady|mister|madam|herr|frau|sr|sra|srta|mme|mlle|monsieur|madame"
    r"|signor|signora|sig|sig\.ra)\.?\s*$",
    re.IGNORECASE,
)


@cache
def not_names() -> frozenset[str]:
    """The shipped list of non-names, casefolded."""
    text = files("masking").joinpath("data", "not_names.txt").read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip().casefold() for line in text.splitlines())
    return frozenset(word for word in words if word)


def not_a_name(span: str, before: str = "") -> bool:
    """Whether a PERSON span found by NER is not a person. ``before``: the text just before the span."""
    if any(c.islower() for c in span) and not any(c.isupper() for c in span):
        return True  # `checksum mismatch`; text in scripts without case (`李明`) is not dropped
    words = _WORD.findall(_POSSESSIVE.sub("", span))
    if not words or _TITLE.search(before[-12:]):
        return False
    known = not_names()
    return all(word.casefold() in known for word in words)
