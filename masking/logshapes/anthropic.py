"""Anthropic Messages logs: ``system``, ``messages`` of content blocks (text, tool_use, tool_result), responses."""

from __future__ import annotations

from typing import Any

from masking.logshapes.common import WRAPPER_FIELDS, WRAPPER_PREFIX, Message, Normalized, parts, text_of, tool_call
from masking.logshapes.rules import Kind, Rules, as_count, as_ident

_BLOCK = r"(?:type|id|name|tool_use_id|cache_control\.type)"

RULES = Rules("anthropic", WRAPPER_PREFIX, [
    *WRAPPER_FIELDS,
    (r"id|model|type|role|stop_reason|anthropic_version|tool_choice\.type", Kind.IDENT),
    (r"usage\.[a-z_]+(?:\.[a-z_]+)?|max_tokens|temperature|top_p|top_k", Kind.COUNT),
    (rf"(?:content\[\]|system\[\]|messages\[\]\.content\[\])\.{_BLOCK}", Kind.IDENT),
    (r"messages\[\]\.role|messages\[\]\.content\[\]\.content\[\]\.type|tools\[\]\.(?:name|type)", Kind.IDENT),
])  # fmt: skip


def _blocks(role: str | None, content: Any) -> list[Message]:
    """One message for the text and tool_use blocks, one ``tool`` message per tool_result block."""
    if not isinstance(content, list):
        return [Message(role, text_of(content))]
    calls = [tool_call(b.get("id"), b.get("name"), b.get("input"))
             for b in content if isinstance(b, dict) and b.get("type") == "tool_use"]
    text = text_of(content)
    found = [Message(role, text, None, calls)] if text is not None or calls else []
    for block in content:
        if isinstance(block, dict) and block.get("type") == "tool_result":
            found.append(Message("tool", text_of(block.get("content")), as_ident(block.get("tool_use_id"))))
    return found


def normalize(record: dict[str, Any]) -> Normalized:
    row = Normalized()
    for part in parts(record):
        system = part.get("system")
        if system is not None and (text := text_of(system)) is not None:
            row.messages.append(Message("system", text))
        for message in part.get("messages") or []:
            if isinstance(message, dict):
                row.messages += _blocks(as_ident(message.get("role")), message.get("content"))
    for part in reversed(parts(record)):  # the response payload before the request
        if part.get("type") == "message" and isinstance(part.get("content"), list):
            row.messages += _blocks(as_ident(part.get("role")) or "assistant", part["content"])
            row.request_id = row.request_id or as_ident(part.get("id"))
            row.finish_reason = row.finish_reason or as_ident(part.get("stop_reason"))
            usage = part.get("usage")
            if isinstance(usage, dict) and row.input_tokens is None:
                row.input_tokens = as_count(usage.get("input_tokens"))
                row.output_tokens = as_count(usage.get("output_tokens"))
        row.model = row.model or as_ident(part.get("model"))
    row.fill_wrapper(record)
    return row
