"""OpenAI request/response logs: Chat Completions (``messages``/``choices``) and Responses (``input``/``output``)."""

from __future__ import annotations

from typing import Any

from masking.logshapes.common import (
    WRAPPER_FIELDS,
    WRAPPER_PREFIX,
    Message,
    Normalized,
    first_time,
    parts,
    text_of,
    tool_call,
)
from masking.logshapes.rules import Kind, Rules, as_count, as_ident

_USAGE = (r"usage\.[a-z_]+(?:\.[a-z_]+)?", Kind.COUNT)  # usage.prompt_tokens_details.cached_tokens
_PARAMS = (r"max_tokens|max_completion_tokens|max_output_tokens|n|seed|temperature|top_p", Kind.COUNT)

CHAT_RULES = Rules("openai_chat", WRAPPER_PREFIX, [
    *WRAPPER_FIELDS, _USAGE, _PARAMS,
    (r"id|model|object|system_fingerprint|service_tier|tool_choice", Kind.IDENT),
    (r"messages\[\]\.(?:role|tool_call_id|content\[\]\.type)", Kind.IDENT),
    (r"(?:messages\[\]|choices\[\]\.(?:message|delta))\.tool_calls\[\]\.(?:id|type|function\.name)", Kind.IDENT),
    (r"choices\[\]\.(?:finish_reason|message\.role|delta\.role)", Kind.IDENT),
    (r"choices\[\]\.index", Kind.COUNT),
    (r"tools\[\]\.(?:type|function\.name)", Kind.IDENT),
])  # fmt: skip

RESPONSES_RULES = Rules("openai_responses", WRAPPER_PREFIX, [
    *WRAPPER_FIELDS, _USAGE, _PARAMS,
    (r"id|model|object|status|previous_response_id|service_tier|tool_choice|reasoning\.effort", Kind.IDENT),
    (r"created_at|completed_at", Kind.TIME),
    (r"(?:input|output)\[\]\.(?:type|id|role|status|call_id|name)", Kind.IDENT),
    (r"(?:input|output)\[\]\.content\[\]\.type", Kind.IDENT),
    (r"tools\[\]\.(?:type|name)", Kind.IDENT),
])  # fmt: skip


def _chat_message(message: dict[str, Any]) -> Message:
    calls = [tool_call(c.get("id"), (c.get("function") or {}).get("name"), (c.get("function") or {}).get("arguments"))
             for c in message.get("tool_calls") or [] if isinstance(c, dict)]
    legacy = message.get("function_call")
    if isinstance(legacy, dict):
        calls.append(tool_call(None, legacy.get("name"), legacy.get("arguments")))
    return Message(as_ident(message.get("role")), text_of(message.get("content")),
                   as_ident(message.get("tool_call_id")), calls)


def _usage(row: Normalized, usage: Any, names: tuple[str, str]) -> None:
    if isinstance(usage, dict):
        row.input_tokens = as_count(usage.get(names[0]))
        row.output_tokens = as_count(usage.get(names[1]))
        row.total_tokens = as_count(usage.get("total_tokens"))


def normalize_chat(record: dict[str, Any]) -> Normalized:
    row = Normalized()
    for part in parts(record):
        row.messages += [_chat_message(m) for m in part.get("messages") or [] if isinstance(m, dict)]
    for part in reversed(parts(record)):  # the response payload before the request
        choices = part.get("choices")
        if isinstance(choices, list):
            for choice in choices:
                message = choice.get("message") or choice.get("delta") if isinstance(choice, dict) else None
                if isinstance(message, dict):
                    row.messages.append(_chat_message(message))
            first = choices[0] if choices and isinstance(choices[0], dict) else {}
            row.finish_reason = row.finish_reason or as_ident(first.get("finish_reason"))
            row.request_id = row.request_id or as_ident(part.get("id"))
            row.timestamp = row.timestamp or first_time(part, "created")
            if row.input_tokens is None:
                _usage(row, part.get("usage"), ("prompt_tokens", "completion_tokens"))
        row.model = row.model or as_ident(part.get("model"))
    row.fill_wrapper(record)
    return row


def _response_item(item: dict[str, Any]) -> Message | None:
    kind = item.get("type")
    if kind == "function_call":
        return Message("assistant", None, None, [tool_call(item.get("call_id"), item.get("name"),
                                                           item.get("arguments"))])
    if kind == "function_call_output":
        return Message("tool", text_of(item.get("output")), as_ident(item.get("call_id")))
    if kind in (None, "message") and "content" in item:
        return Message(as_ident(item.get("role")), text_of(item.get("content")))
    return None


def _response_items(items: Any) -> list[Message]:
    if isinstance(items, str):
        return [Message("user", items)]
    found = [_response_item(i) for i in items or [] if isinstance(i, dict)]
    return [m for m in found if m is not None]


def normalize_responses(record: dict[str, Any]) -> Normalized:
    row = Normalized()
    for part in parts(record):
        if isinstance(part.get("instructions"), str):
            row.messages.append(Message("system", part["instructions"]))
        row.messages += _response_items(part.get("input"))
    for part in reversed(parts(record)):
        if isinstance(part.get("output"), list):
            row.messages += _response_items(part["output"])
            row.request_id = row.request_id or as_ident(part.get("id"))
            row.timestamp = row.timestamp or first_time(part, "created_at")
            if row.input_tokens is None:
                _usage(row, part.get("usage"), ("input_tokens", "output_tokens"))
            details = part.get("incomplete_details")
            reason = details.get("reason") if isinstance(details, dict) else part.get("status")
            row.finish_reason = row.finish_reason or as_ident(reason)
        row.model = row.model or as_ident(part.get("model"))
    row.fill_wrapper(record)
    return row
