"""LangChain / LangSmith run traces: ``run_type``, nested ``inputs``/``outputs`` dicts, ``child_runs``."""

from __future__ import annotations

from typing import Any

from masking.logshapes.common import Message, Normalized, as_dict, dig, first_time, text_of, tool_call
from masking.logshapes.rules import Kind, Rules, as_count, as_ident

_GEN = r"outputs\.generations\[\]\[\]"
_MSG = r"(?:inputs\.messages\[\](?:\[\])?|outputs\.output|" + _GEN + r"\.message)"

RULES = Rules("langchain", r"(?:child_runs\[\]\.)*", [
    (r"id|trace_id|parent_run_id|session_id|reference_example_id|dotted_order|run_type|status|name", Kind.IDENT),
    (r"child_run_ids\[\]|serialized\.(?:lc|type|id\[\]|name)", Kind.IDENT),
    (r"start_time|end_time|first_token_time|events\[\]\.time", Kind.TIME),
    (r"events\[\]\.name", Kind.IDENT),
    (r"prompt_tokens|completion_tokens|total_tokens", Kind.COUNT),
    (r"extra\.invocation_params\.(?:model|model_name|_type|stream)", Kind.IDENT),
    (r"extra\.invocation_params\.(?:temperature|max_tokens|n|top_p)", Kind.COUNT),
    (r"extra\.metadata\.ls_(?:provider|model_name|model_type)", Kind.IDENT),
    (r"extra\.metadata\.ls_(?:temperature|max_tokens)", Kind.COUNT),
    (r"outputs\.llm_output\.(?:model_name|system_fingerprint)", Kind.IDENT),
    (r"outputs\.llm_output\.token_usage\.[a-z_]+(?:\.[a-z_]+)?", Kind.COUNT),
    (_GEN + r"\.(?:generation_info\.finish_reason|type)", Kind.IDENT),
    (_MSG + r"\.(?:lc|type|id\[\]|role|kwargs\.(?:type|id|tool_call_id|tool_calls\[\]\.(?:id|name|type)))",
     Kind.IDENT),
    (_MSG + r"\.kwargs\.response_metadata\.(?:model_name|finish_reason|system_fingerprint)", Kind.IDENT),
    (_MSG + r"\.kwargs\.(?:usage_metadata|response_metadata\.token_usage)\.[a-z_]+(?:\.[a-z_]+)?", Kind.COUNT),
])  # fmt: skip

_ROLES = {"human": "user", "ai": "assistant", "system": "system", "tool": "tool", "function": "tool",
          "humanmessage": "user", "aimessage": "assistant", "systemmessage": "system", "toolmessage": "tool",
          "aimessagechunk": "assistant", "chat": None}


def _message(raw: Any, default_role: str) -> Message | None:
    if isinstance(raw, str):
        return Message(default_role, raw)
    if not isinstance(raw, dict):
        return None
    body = raw.get("kwargs") or raw.get("data") or raw
    kind = body.get("type") or raw.get("type")
    if kind == "constructor" and isinstance(raw.get("id"), list) and raw["id"]:
        kind = raw["id"][-1]
    role = raw.get("role") or _ROLES.get(str(kind).lower(), default_role)
    calls = [tool_call(c.get("id"), c.get("name"), c.get("args", c.get("arguments")))
             for c in body.get("tool_calls") or [] if isinstance(c, dict)]
    return Message(as_ident(role), text_of(body.get("content")), as_ident(body.get("tool_call_id")), calls)


def _flat(items: Any) -> list[Any]:
    out: list[Any] = []
    for item in items if isinstance(items, list) else []:
        out += item if isinstance(item, list) else [item]
    return out


def _run_messages(run: dict[str, Any]) -> list[Message]:
    inputs, outputs = as_dict(run.get("inputs")), as_dict(run.get("outputs"))
    found = [_message(m, "user") for m in _flat(inputs.get("messages")) + _flat(inputs.get("prompts"))]
    for key in ("input", "question", "query"):
        if isinstance(inputs.get(key), str):
            found.append(Message("user", inputs[key]))
    for generation in _flat(outputs.get("generations")):
        if isinstance(generation, dict):
            found.append(_message(generation.get("message") or generation.get("text"), "assistant"))
    if "output" in outputs:
        found.append(_message(outputs["output"], "assistant"))
    return [m for m in found if m is not None]


def _fill(row: Normalized, run: dict[str, Any]) -> None:
    generation = next((g for g in _flat(dig(run, "outputs", "generations")) if isinstance(g, dict)), {})
    kwargs = dig(generation, "message", "kwargs") or {}
    row.model = row.model or next(filter(None, (as_ident(v) for v in (
        dig(run, "extra", "invocation_params", "model"), dig(run, "extra", "invocation_params", "model_name"),
        dig(run, "extra", "metadata", "ls_model_name"), dig(run, "outputs", "llm_output", "model_name"),
        dig(kwargs, "response_metadata", "model_name")))), None)  # fmt: skip
    usage = dig(run, "outputs", "llm_output", "token_usage") or {}
    metadata = kwargs.get("usage_metadata") or {}
    if row.input_tokens is None:
        row.input_tokens = as_count(run.get("prompt_tokens", usage.get("prompt_tokens", metadata.get("input_tokens"))))
        row.output_tokens = as_count(run.get("completion_tokens",
                                             usage.get("completion_tokens", metadata.get("output_tokens"))))
        row.total_tokens = as_count(run.get("total_tokens", usage.get("total_tokens", metadata.get("total_tokens"))))
    reason = dig(generation, "generation_info", "finish_reason") or dig(kwargs, "response_metadata", "finish_reason")
    row.finish_reason = row.finish_reason or as_ident(reason)


def _walk(run: dict[str, Any]) -> list[dict[str, Any]]:
    """The run and its descendants, depth first, in order."""
    found, stack = [], [run]
    while stack:
        node = stack.pop()
        found.append(node)
        stack += reversed([c for c in node.get("child_runs") or [] if isinstance(c, dict)])
    return found


def normalize(record: dict[str, Any]) -> Normalized:
    """Ids and times of the root run; messages of the root run, else of its first descendants that have some;
    model and tokens from the first run (root first) that names them."""
    row = Normalized(span_id=as_ident(record.get("id")), trace_id=as_ident(record.get("trace_id")),
                     parent_id=as_ident(record.get("parent_run_id")))
    start, end = first_time(record, "start_time"), first_time(record, "end_time")
    row.timestamp = start
    row.latency_ms = (end - start).total_seconds() * 1000 if start and end else None
    for run in _walk(record):
        if not row.messages:
            row.messages = _run_messages(run)
        _fill(row, run)
    return row
