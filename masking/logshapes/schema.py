"""The masked log output: one fixed Arrow schema for every chunk, run and shape (never inferred)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
import pyarrow as pa

from masking.logshapes.common import Normalized

TOOL_CALL = pl.Struct({"id": pl.String(), "name": pl.String(), "arguments": pl.String()})
MESSAGE = pl.Struct({"role": pl.String(), "content": pl.String(), "tool_call_id": pl.String(),
                     "tool_calls": pl.List(TOOL_CALL)})  # fmt: skip

_TYPED: dict[str, pl.DataType] = {
    "model": pl.String(), "request_id": pl.String(), "trace_id": pl.String(), "span_id": pl.String(),
    "parent_id": pl.String(), "timestamp": pl.Datetime("us", "UTC"), "latency_ms": pl.Float64(),
    "input_tokens": pl.Int64(), "output_tokens": pl.Int64(), "total_tokens": pl.Int64(), "finish_reason": pl.String(),
    "messages": pl.List(MESSAGE),
}  # fmt: skip
TYPED_COLUMNS = pl.Schema(_TYPED)
_ARROW = pl.DataFrame(schema=TYPED_COLUMNS).to_arrow().schema
_HEAD: dict[str, pl.DataType] = {"source_file": pl.String(), "line": pl.Int64(), "shape": pl.String(),
                                 "record": pl.String()}
LOG_OUTPUT_SCHEMA = pl.Schema({**_HEAD, **_TYPED})

# What each column holds, for the docs (README) and lineage readers.
COLUMN_DOCS = {
    "source_file": "input file, relative to the config when below it",
    "line": "line number in that file (1-based)",
    "shape": "openai_chat | openai_responses | anthropic | otel_genai | langchain | generic",
    "record": "the whole masked record as compact JSON text, structure and key order kept",
    "model": "model name (response model first, else request model)",
    "request_id": "provider id of the call (chatcmpl-..., resp_..., msg_..., gen_ai.response.id)",
    "trace_id": "OpenTelemetry trace id / LangSmith trace id / wrapper trace_id",
    "span_id": "OpenTelemetry span id / LangSmith run id / wrapper span_id",
    "parent_id": "parent span id / parent run id",
    "timestamp": "start (or creation) time, UTC",
    "latency_ms": "end - start, or the wrapper's latency_ms / duration_ms",
    "input_tokens": "prompt / input tokens",
    "output_tokens": "completion / output tokens",
    "total_tokens": "total tokens (input + output when the log has no total)",
    "finish_reason": "first choice's finish reason / stop_reason / status",
    "messages": "the conversation, masked: system, inputs, then outputs; tool results have role 'tool'",
}


def typed_rows(rows: Sequence[Normalized]) -> pl.DataFrame:
    """The typed columns of a chunk, in the fixed schema. Built through Arrow: nested lists of dicts convert
    several times faster there than in Polars' Python constructor."""
    columns: dict[str, list[Any]] = {name: [] for name in TYPED_COLUMNS}
    for row in rows:
        for name in TYPED_COLUMNS:
            if name == "messages":
                columns[name].append([m.as_dict() for m in row.messages])
            else:
                columns[name].append(getattr(row, name))
    table = pa.table({name: pa.array(values, type=_ARROW.field(name).type) for name, values in columns.items()})
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame.cast(TYPED_COLUMNS)  # type: ignore[arg-type]
