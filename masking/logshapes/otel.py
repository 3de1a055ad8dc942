"""OpenTelemetry GenAI spans exported as JSON.

Three layouts: an OTLP/JSON span (``traceId``, attributes as ``[{key, value: {stringValue: ...}}]``), an
OTLP batch (``resourceSpans[].scopeSpans[].spans[]``), and the Python SDK's ``span.to_json()``
(``context.trace_id``, attributes as a flat object). Prompts and completions come from the older
``gen_ai.prompt``/``gen_ai.completion`` attributes (plain, indexed ``gen_ai.prompt.0.content``, or in
``gen_ai.content.*`` events), from message events (``gen_ai.user.message``, ``gen_ai.choice``...), or from
``gen_ai.input.messages``/``gen_ai.output.messages``.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from masking.logshapes.common import Message, Normalized, as_dict, json_text, tool_call
from masking.logshapes.rules import Kind, Rules, as_count, as_ident, as_time

_IDENTS = (r"gen_ai\.(?:system|provider\.name|operation\.name|request\.model|response\.model|response\.id"
           r"|response\.finish_reasons|output\.type|tool\.name|tool\.call\.id|tool\.type"
           r"|(?:prompt|completion)\.#\.(?:role|finish_reason|tool_call_id))")
_COUNTS = r"gen_ai\.usage\.[a-z_.]+|gen_ai\.request\.(?:max_tokens|temperature|top_p|top_k|seed)"


def _attribute(names: str) -> str:
    otlp = (rf"attributes\[(?:{names})\]\.value\.(?:stringValue|intValue|doubleValue|boolValue"
            r"|arrayValue\.values\[\]\.(?:stringValue|intValue|doubleValue))")
    return rf"(?:events\[\]\.)?(?:{otlp}|attributes\.(?:{names})(?:\[\])?)"


RULES = Rules("otel_genai", r"(?:resourceSpans\[\]\.scopeSpans\[\]\.spans\[\]\.)?", [
    (r"traceId|spanId|parentSpanId|parent_id|context\.(?:trace_id|span_id)|kind|status\.(?:code|status_code)",
     Kind.IDENT),
    (r"startTimeUnixNano|endTimeUnixNano|start_time|end_time|events\[\]\.(?:timeUnixNano|timestamp)", Kind.TIME),
    (r"events\[\]\.name|(?:events\[\]\.)?attributes\[[^\]*]*\]\.key", Kind.IDENT),
    (_attribute(_IDENTS), Kind.IDENT),
    (_attribute(_COUNTS), Kind.COUNT),
])  # fmt: skip

_ROLE_EVENTS = {"gen_ai.system.message": "system", "gen_ai.user.message": "user",
                "gen_ai.assistant.message": "assistant", "gen_ai.tool.message": "tool"}
_INDEXED = re.compile(r"gen_ai\.(prompt|completion)\.(\d+)\.(role|content|tool_call_id)")


def _unwrap(value: Any) -> Any:
    """An OTLP ``AnyValue`` as plain JSON."""
    if not isinstance(value, dict):
        return value
    for key in ("stringValue", "intValue", "doubleValue", "boolValue"):
        if key in value:
            return value[key]
    if "arrayValue" in value:
        return [_unwrap(v) for v in (value["arrayValue"] or {}).get("values") or []]
    if "kvlistValue" in value:
        return attributes((value["kvlistValue"] or {}).get("values"))
    return None


def attributes(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, list):
        return {i["key"]: _unwrap(i.get("value")) for i in raw if isinstance(i, dict) and isinstance(i.get("key"), str)}
    return {}


def spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    if "resourceSpans" not in record:
        return [record]
    return [span for rs in record.get("resourceSpans") or [] if isinstance(rs, dict)
            for ss in rs.get("scopeSpans") or [] if isinstance(ss, dict)
            for span in ss.get("spans") or [] if isinstance(span, dict)]  # fmt: skip


def _parsed(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError:
            return value
    return value


def _from_message(role: str | None, message: dict[str, Any]) -> Message:
    """A message in the chat form (``content``, ``tool_calls``) or the ``parts`` form of input.messages."""
    calls, texts = [], []
    for c in message.get("tool_calls") or []:
        if isinstance(c, dict):
            function = as_dict(c.get("function")) or c
            calls.append(tool_call(c.get("id"), function.get("name"), function.get("arguments")))
    for part in message.get("parts") or []:
        if isinstance(part, dict) and part.get("type") == "tool_call":
            calls.append(tool_call(part.get("id"), part.get("name"), part.get("arguments")))
        elif isinstance(part, dict) and isinstance(part.get("content"), str):
            texts.append(part["content"])
    content = message.get("content")
    text = json_text(content) if content is not None else ("\n".join(texts) if texts else None)
    return Message(as_ident(message.get("role")) or role, text, as_ident(message.get("tool_call_id")), calls)


def _messages(value: Any, role: str) -> list[Message]:
    value = _parsed(value)
    if isinstance(value, dict) and "message" in value:
        value = _parsed(value["message"])
    if isinstance(value, str):
        return [Message(role, value)]
    if isinstance(value, dict):
        value = [value]
    return [_from_message(role, m) for m in value or [] if isinstance(m, dict)]


def _span_messages(attrs: dict[str, Any], events: list[tuple[str, dict[str, Any]]]) -> list[Message]:
    found: list[Message] = []
    indexed: dict[tuple[str, int], dict[str, Any]] = {}
    for key, value in attrs.items():
        match = _INDEXED.fullmatch(key)
        if match:
            indexed.setdefault((match[1], int(match[2])), {})[match[3]] = value
    for (kind, _), fields in sorted(indexed.items(), key=lambda kv: (kv[0][0] != "prompt", kv[0][1])):
        found += _messages(fields, "user" if kind == "prompt" else "assistant")
    for key, role in (("gen_ai.system_instructions", "system"), ("gen_ai.input.messages", "user"),
                      ("gen_ai.prompt", "user"), ("gen_ai.output.messages", "assistant"),
                      ("gen_ai.completion", "assistant")):
        if key in attrs:
            found += _messages(attrs[key], role)
    for name, event in events:
        if name in _ROLE_EVENTS:
            found += _messages(event.get("gen_ai.event.content", event), _ROLE_EVENTS[name])
        elif name == "gen_ai.choice":
            found += _messages(event.get("gen_ai.event.content", event), "assistant")
        elif name in ("gen_ai.content.prompt", "gen_ai.content.completion"):
            found += _span_messages(event, [])
    return found


def _fill(row: Normalized, span: dict[str, Any], attrs: dict[str, Any]) -> None:
    context = as_dict(span.get("context"))
    row.model = as_ident(attrs.get("gen_ai.response.model")) or as_ident(attrs.get("gen_ai.request.model"))
    row.request_id = as_ident(attrs.get("gen_ai.response.id"))
    row.trace_id = as_ident(span.get("traceId", context.get("trace_id")))
    row.span_id = as_ident(span.get("spanId", context.get("span_id")))
    row.parent_id = as_ident(span.get("parentSpanId", span.get("parent_id")))
    start = as_time(span.get("startTimeUnixNano", span.get("start_time")))
    end = as_time(span.get("endTimeUnixNano", span.get("end_time")))
    row.timestamp = start
    row.latency_ms = (end - start).total_seconds() * 1000 if start and end else None
    row.input_tokens = as_count(attrs.get("gen_ai.usage.input_tokens", attrs.get("gen_ai.usage.prompt_tokens")))
    row.output_tokens = as_count(attrs.get("gen_ai.usage.output_tokens",
                                           attrs.get("gen_ai.usage.completion_tokens")))
    reasons = attrs.get("gen_ai.response.finish_reasons")
    row.finish_reason = as_ident(reasons[0] if isinstance(reasons, list) and reasons else reasons)


def normalize(record: dict[str, Any]) -> Normalized:
    """Typed columns from the first span with GenAI attributes; messages from every span, in order."""
    row, filled = Normalized(), False
    for span in spans(record):
        attrs = attributes(span.get("attributes"))
        events = [(str(e.get("name")), attributes(e.get("attributes")))
                  for e in span.get("events") or [] if isinstance(e, dict)]
        row.messages += _span_messages(attrs, events)
        if not filled and (any(k.startswith("gen_ai.") for k in attrs) or span is record):
            _fill(row, span, attrs)
            filled = any(k.startswith("gen_ai.") for k in attrs)
    if row.input_tokens is not None and row.output_tokens is not None:
        row.total_tokens = row.input_tokens + row.output_tokens
    return row
