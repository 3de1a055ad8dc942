"""What every shape shares: the normalized row, the wrappers logging tools put around API payloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from masking.logshapes.rules import Kind, as_count, as_ident, as_time

# Logging proxies and batch files wrap the API payloads: {"request": {...}, "response": {"body": {...}}}.
WRAPPER_PREFIX = r"(?:(?:request|response|body)\.)?(?:body\.)?"
_WRAPPER_KEYS = (("request",), ("response",), ("body",), ("request", "body"), ("response", "body"))

# Fields a logging wrapper adds around any payload (root level only).
WRAPPER_FIELDS: list[tuple[str, Kind]] = [
    (r"latency_ms|duration_ms|latency|duration|status_code", Kind.COUNT),
    (r"timestamp|created_at|created|start_time|end_time|time", Kind.TIME),
    (r"request_id|trace_id|span_id|model", Kind.IDENT),
]


@dataclass
class Message:
    role: str | None
    content: str | None
    tool_call_id: str | None = None
    tool_calls: list[dict[str, str | None]] = field(default_factory=list)  # id, name, arguments

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "content": self.content, "tool_call_id": self.tool_call_id,
                "tool_calls": self.tool_calls}


@dataclass
class Normalized:
    """The typed columns of one record. Values come from the *masked* record only."""

    model: str | None = None
    request_id: str | None = None
    trace_id: str | None = None
    span_id: str | None = None
    parent_id: str | None = None
    timestamp: datetime | None = None
    latency_ms: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    finish_reason: str | None = None
    messages: list[Message] = field(default_factory=list)

    def fill_wrapper(self, record: dict[str, Any]) -> None:
        """Root-level wrapper fields, where the payload left a column empty."""
        self.model = self.model or as_ident(record.get("model"))
        self.request_id = self.request_id or as_ident(record.get("request_id")) or as_ident(record.get("id"))
        self.trace_id = self.trace_id or as_ident(record.get("trace_id"))
        self.span_id = self.span_id or as_ident(record.get("span_id"))
        if self.timestamp is None:
            self.timestamp = first_time(record, "timestamp", "created_at", "created", "start_time", "time")
        if self.latency_ms is None:
            latency = as_count(record.get("latency_ms", record.get("duration_ms")))
            self.latency_ms = float(latency) if latency is not None else None
        if self.total_tokens is None and self.input_tokens is not None and self.output_tokens is not None:
            self.total_tokens = self.input_tokens + self.output_tokens


def parts(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record and the API payloads a wrapper holds, outermost first."""
    found = [record]
    for keys in _WRAPPER_KEYS:
        node: Any = record
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            found.append(node)
    return found


def first_time(node: dict[str, Any], *keys: str) -> datetime | None:
    for key in keys:
        value = as_time(node.get(key))
        if value is not None:
            return value
    return None


def text_of(content: Any, text_types: tuple[str, ...] = ("text", "input_text", "output_text")) -> str | None:
    """A message's text: a string, or the text parts of a content array joined by newlines."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return None
    texts = [str(p.get("text")) for p in content if isinstance(p, dict) and p.get("type") in text_types
             and isinstance(p.get("text"), str)]
    texts += [p for p in content if isinstance(p, str)]
    return "\n".join(texts) if texts else None


def json_text(value: Any) -> str | None:
    """Tool arguments as JSON text: kept when already a string, serialized when structured."""
    if value is None or isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


def tool_call(call_id: Any, name: Any, arguments: Any) -> dict[str, str | None]:
    return {"id": as_ident(call_id), "name": as_ident(name), "arguments": json_text(arguments)}


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def dig(node: Any, *keys: str) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node
