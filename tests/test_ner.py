"""The NER model runs only the pipes its entities need, and finds exactly what the full pipeline finds."""

from __future__ import annotations

import spacy

from masking import DEFAULT_MODEL
from masking.ner import NerModel

TEXTS = [
    "Hi, I'm Marguerite Grenier and my colleague Tomás Ortega will call you on Monday.",
    "Ticket escalated by Priya Raman; Jordan from billing approved the refund for Hans-Christian Wolf.",
    '{"role":"user","content":"Send the contract to Anna Liz Casa Grande in Lisbon."}',
    "Deployed build 4.17.8 to prod; Grafana and Kafka are healthy.",
]


def test_only_the_ner_pipe_runs() -> None:
    model = NerModel(DEFAULT_MODEL, ["PERSON"])
    assert model.load().pipe_names == ["ner"]


def test_pruned_pipeline_finds_what_the_full_pipeline_finds() -> None:
    full = spacy.load(DEFAULT_MODEL)
    expected = [
        tuple((e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ == "PERSON")
        for doc in full.pipe(TEXTS)
    ]
    assert any(expected), "the texts must hold names the model finds"
    assert NerModel(DEFAULT_MODEL, ["PERSON"]).spans(TEXTS) == expected
