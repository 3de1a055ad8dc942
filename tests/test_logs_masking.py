"""Masking log records by shape: operational fields kept and typed, everything else scanned, keys too,
the per-run memo, schema drift, and shape detection."""

from __future__ import annotations

import re

import orjson
import polars as pl
import pytest

from masking.detectors import default_detectors
from masking.logmemo import LeafMemo
from masking.logs import RecordMasker, find_in_records
from masking.logshapes import detect, normalize
from masking.scan import TextScanner


class CapitalizedWordsAreNames:
    """A stand-in for spaCy: every capitalized word is a PERSON. Deterministic, fast, and greedy, so that a
    value NER never read is easy to tell from one it did."""

    model_name, version = "stub", "stub-1"

    def __init__(self) -> None:
        self.texts_read: list[str] = []

    def spans(self, texts: list[str]) -> list[tuple[tuple[int, int, str], ...]]:
        self.texts_read += texts
        return [tuple((m.start(), m.end(), "PERSON") for m in re.finditer(r"\b[A-Z][a-z]+\b", t)) for t in texts]


@pytest.fixture
def ner() -> CapitalizedWordsAreNames:
    return CapitalizedWordsAreNames()


@pytest.fixture
def masker(key, ner) -> RecordMasker:
    return RecordMasker(TextScanner(default_detectors(), key, ner))  # type: ignore[arg-type]


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


LUHN_MICROS = next(str(n) for n in range(1772409600123456, 1772409600123556) if _luhn_ok(str(n)))


def test_operational_fields_stay_raw_and_typed_everything_else_is_scanned(masker):
    record = {
        "traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "startTimeUnixNano": LUHN_MICROS,
        "attributes": [
            {"key": "gen_ai.request.model", "value": {"stringValue": "Claude-Sonnet"}},
            {"key": "gen_ai.response.model", "value": {"stringValue": "AKIAIOSFODNN7EXAMPLE"}},
            {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "1234"}},
            {"key": "gen_ai.prompt", "value": {"stringValue": "Claude, tell Ursula the time is " + LUHN_MICROS}},
            {"key": "user.id", "value": {"stringValue": "Ursula"}},
        ],
    }  # fmt: skip
    assert detect(record) == "otel_genai"
    masked = orjson.loads(masker.mask([record], ["otel_genai"])[0])
    values = {a["key"]: a["value"] for a in masked["attributes"]}
    assert masked["startTimeUnixNano"] == LUHN_MICROS, "a time field is kept (never scanned), digits and all"
    assert values["gen_ai.request.model"] == {"stringValue": "Claude-Sonnet"}, "identifiers skip NER"
    assert values["gen_ai.response.model"]["stringValue"].startswith("<AWS_ACCESS_KEY:"), "...not the detectors"
    assert values["gen_ai.usage.input_tokens"] == {"intValue": "1234"}
    prompt = values["gen_ai.prompt"]["stringValue"]
    assert "Ursula" not in prompt and "Claude" not in prompt, "free text: full scan"
    assert values["user.id"]["stringValue"].startswith("<PERSON:"), "ids of people are not operational"
    row = normalize(masked, "otel_genai")
    assert (row.model, row.input_tokens, row.trace_id) == ("Claude-Sonnet", 1234, "5b8efff798038103d269b633813fc60c")
    assert row.timestamp is not None and row.timestamp.year == 2026


def test_openai_numbers_keep_their_type(masker):
    record = {"id": "chatcmpl-1", "created": 1772409600, "model": "gpt-4o", "seed": 4111111111111111,
              "messages": [{"role": "user", "content": "call 4111 1111 1111 1111"}],
              "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}, "latency_ms": 2500}
    masked = orjson.loads(masker.mask([record], ["openai_chat"])[0])
    assert masked["created"] == 1772409600 and masked["usage"]["total_tokens"] == 15 and masked["latency_ms"] == 2500
    assert masked["seed"] == 4111111111111111, "seed is a request parameter: a number, kept"
    assert "4111" not in masked["messages"][0]["content"]


def test_an_opentelemetry_attribute_key_is_the_field_context_of_its_value(masker):
    record = {"traceId": "a1", "spanId": "b2", "attributes": [
        {"key": "enduser.phone", "value": {"stringValue": "4155550123"}},
        {"key": "http.status_code", "value": {"stringValue": "4155550123"}},
    ]}  # fmt: skip
    masked = orjson.loads(masker.mask([record], ["otel_genai"])[0])
    phone, status = (a["value"]["stringValue"] for a in masked["attributes"])
    assert phone.startswith("<PHONE:") and status == "4155550123", "bare digits are a phone only in a phone field"


def test_keys_that_are_not_field_names_are_scanned_and_renamed(masker):
    record = {"scores": {"jane.doe@example.com": 3, "quality": 4}, "meta": {"Anna Berg": {"x": "y"}}}
    masked = orjson.loads(masker.mask([record], ["generic"])[0])
    assert list(masked["scores"]) [1] == "quality" and masked["scores"]["quality"] == 4
    assert list(masked["scores"])[0].startswith("<EMAIL:") and list(masked["scores"].values())[0] == 3
    assert list(masked["meta"])[0].startswith("<PERSON:") and list(masked["meta"].values())[0] == {"x": "y"}
    assert not any("@" in path or "Anna" in path for path in masker.paths), "data never becomes a report path"
    assert "scores.*{key}" in masker.paths and masker.paths["scores.*{key}"].entities == {"EMAIL": 1}


def test_json_inside_strings_is_masked_and_written_back_as_json(masker):
    arguments = '{"email": "jane.doe@example.com", "nested": {"note": "call +1 415-555-0100"}}'
    record = {"messages": [{"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                                                                 "function": {"name": "f", "arguments": arguments}}]}]}
    masked = orjson.loads(masker.mask([record], ["openai_chat"])[0])
    parsed = orjson.loads(masked["messages"][0]["tool_calls"][0]["function"]["arguments"])
    assert parsed["email"].startswith("<EMAIL:") and "<PHONE:" in parsed["nested"]["note"]
    assert masker.paths["messages[].tool_calls[].function.arguments{json}.email"].entities == {"EMAIL": 1}


def test_identical_texts_are_scanned_once_per_run(masker, ner):
    system = "You are Acme's assistant. Policy v2."
    for _ in range(2):  # two chunks of fresh records (masking works in place)
        chunk = [{"messages": [{"role": "system", "content": system}, {"role": "user", "content": f"Hi {n}"}]}
                 for n in range(20)]
        masker.mask(chunk, ["openai_chat"] * 20)
    assert ner.texts_read.count(system) == 1, "NER read the system prompt once, over two chunks and 40 records"
    assert masker.memo.hits >= 21 and masker.paths["messages[].content"].values == 80


def test_the_memo_is_bounded_by_characters():
    memo = LeafMemo(max_chars=10_000)
    for n in range(1_000):
        memo.put("full:", f"text number {n} " * 3, f"masked {n}")
    assert memo.chars <= 10_000 and 0 < len(memo) < 1_000
    assert memo.get("full:", "text number 999 " * 3) == "masked 999", "the newest entries stay"
    memo.put("full:", "x" * 5_000, "y")  # larger than 1/64 of the bound: never kept
    assert memo.get("full:", "x" * 5_000) is None


def test_the_rescan_finds_what_masking_left_and_skips_what_the_rules_keep(key):
    scanner = TextScanner(default_detectors(), key, None)
    texts = pl.Series([orjson.dumps({"startTimeUnixNano": LUHN_MICROS, "note": "jane.doe@example.com",
                                     "attributes": {"gen_ai.request.model": "gpt-4o"}}).decode()])
    assert find_in_records(texts, scanner, ["otel_genai"]) == {"note": {"EMAIL": 1}}
    assert find_in_records(texts, scanner, ["generic"]) == {"note": {"EMAIL": 1}}


@pytest.mark.parametrize("record, shape", [
    ({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}, "openai_chat"),
    ({"response": {"body": {"object": "chat.completion", "choices": []}}, "custom_id": "r1"}, "openai_chat"),
    ({"model": "gpt-4.1", "input": "hi"}, "openai_responses"),
    ({"object": "response", "output": [{"type": "message", "content": []}]}, "openai_responses"),
    ({"model": "claude-x", "system": "s", "messages": []}, "anthropic"),
    ({"type": "message", "role": "assistant", "content": [{"type": "text", "text": "hi"}]}, "anthropic"),
    ({"messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t"}]}]}, "anthropic"),
    ({"traceId": "a", "spanId": "b", "attributes": []}, "otel_genai"),
    ({"context": {"trace_id": "0x1", "span_id": "0x2"}, "attributes": {}}, "otel_genai"),
    ({"resourceSpans": []}, "otel_genai"),
    ({"run_type": "llm", "inputs": {}, "outputs": {}}, "langchain"),
    ({"event": "x", "payload": {"messages": "not a list"}}, "generic"),
])  # fmt: skip
def test_detection(record, shape):
    assert detect(record) == shape


@pytest.mark.parametrize("first", ["full_name", "name"])
def test_fields_with_different_rules_for_one_entity_are_scanned_apart(key, first):
    # `full_name` claims one capitalized word as a person, `name` (tools, runs, products) needs two or more;
    # whichever path comes first in a chunk, each keeps its own rule
    masker = RecordMasker(TextScanner(default_detectors(), key, None))
    records = [{"customer": {"full_name": "Ingrid"}}, {"run": {"name": "ChatOpenAI"}}]
    if first == "name":
        records.reverse()
    masked = [orjson.loads(text) for text in masker.mask(records, ["generic", "generic"])]
    by_key = {next(iter(r)): r for r in masked}
    assert by_key["run"]["run"]["name"] == "ChatOpenAI"
    assert by_key["customer"]["customer"]["full_name"].startswith("<PERSON:")


def test_masking_does_not_depend_on_the_process_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from masking.evaluation.corpus import build_corpus\n"
        "from masking.evaluation.runners import MasklineRunner\n"
        "items = build_corpus(0, 120, 'heldout') + build_corpus(0, 120)\n"
        "json.dump(MasklineRunner().mask(items), open(sys.argv[1], 'w'))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"masked-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out)], env=env, check=True, timeout=300)
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]
