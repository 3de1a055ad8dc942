"""The log shapes Maskline knows: how to recognize each, which of its fields are operational, and how its
masked records become the typed output columns.

Each record is classified on its own (``auto``) unless the source declares one shape for all its records.
Classification only reads keys and a few ``type`` values, which masking never changes, and the result is
stored in the ``shape`` column, so the re-scan applies exactly the rules the masking applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from masking.logshapes import anthropic, langchain, openai, otel
from masking.logshapes.common import Normalized, parts
from masking.logshapes.rules import NO_RULES, Rules
from masking.registry import suggest

Normalizer = Callable[[dict[str, Any]], Normalized]

SHAPES: dict[str, tuple[Rules, Normalizer]] = {
    "openai_chat": (openai.CHAT_RULES, openai.normalize_chat),
    "openai_responses": (openai.RESPONSES_RULES, openai.normalize_responses),
    "anthropic": (anthropic.RULES, anthropic.normalize),
    "otel_genai": (otel.RULES, otel.normalize),
    "langchain": (langchain.RULES, langchain.normalize),
    "generic": (NO_RULES, lambda record: Normalized()),
}
SHAPE_NAMES = ["auto", *SHAPES]


def check_shape(name: str) -> str:
    if name not in SHAPE_NAMES:
        hint = suggest(name, SHAPE_NAMES)
        did_you_mean = f" Did you mean '{hint}'?" if hint else ""
        raise ValueError(f"unknown log shape '{name}'.{did_you_mean} Valid: {', '.join(SHAPE_NAMES)}")
    return name


def rules_for(shape: str) -> Rules:
    return SHAPES.get(shape, SHAPES["generic"])[0]


def normalize(record: Any, shape: str) -> Normalized:
    if not isinstance(record, dict):
        return Normalized()
    return SHAPES.get(shape, SHAPES["generic"])[1](record)


def _is_otel(record: dict[str, Any]) -> bool:
    if "resourceSpans" in record:
        return True
    context = record.get("context")
    has_ids = ("traceId" in record and "spanId" in record) or (isinstance(context, dict) and "span_id" in context)
    return has_ids and "attributes" in record


def _block_types(part: dict[str, Any]) -> set[Any]:
    messages = part.get("messages")
    if not isinstance(messages, list):
        return set()
    return {b.get("type") for m in messages if isinstance(m, dict) and isinstance(m.get("content"), list)
            for b in m["content"] if isinstance(b, dict)}  # fmt: skip


def _shape_of_part(part: dict[str, Any]) -> str | None:
    content = part.get("content")
    if (part.get("type") == "message" and isinstance(content, list)) or "stop_reason" in part \
            or "anthropic_version" in part or ("system" in part and "messages" in part) \
            or _block_types(part) & {"tool_use", "tool_result"}:
        return "anthropic"
    output = part.get("output")
    if part.get("object") == "response" or (isinstance(output, list) and output and isinstance(output[0], dict)
                                            and "type" in output[0]) \
            or ("input" in part and "model" in part and "messages" not in part):
        return "openai_responses"
    if isinstance(part.get("messages"), list) or isinstance(part.get("choices"), list) \
            or str(part.get("object", "")).startswith("chat.completion"):
        return "openai_chat"
    return None


def detect(record: Any) -> str:
    """The shape of one parsed record; ``generic`` when none fits."""
    if not isinstance(record, dict):
        return "generic"
    if _is_otel(record):
        return "otel_genai"
    if "run_type" in record and ("inputs" in record or "outputs" in record or "child_runs" in record):
        return "langchain"
    for part in reversed(parts(record)):  # the innermost payload tells more than the wrapper
        shape = _shape_of_part(part)
        if shape is not None:
            return shape
    return "generic"


def documented_rules() -> dict[str, list[tuple[str, str]]]:
    """Every shape's operational paths (regex) and kinds, for the docs and reviews."""
    return {name: rules.documented() for name, (rules, _) in SHAPES.items()}
