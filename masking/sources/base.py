"""What every source gives the job: a dataset reference, a schema and chunks of rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import polars as pl

from masking.report import DatasetRef, FieldInfo


@dataclass
class Chunk:
    """A slice of the source. ``rejected`` holds records that could not be read, already described."""

    frame: pl.DataFrame
    rejected: list[dict[str, object]] = field(default_factory=list)
    files_done: int = 0
    records: list[Any] | None = None  # parsed log records, aligned with ``frame`` rows


class SourceReader(Protocol):
    kind: str

    def dataset_refs(self) -> list[DatasetRef]:
        """The input datasets, as OpenLineage names them (one per table, or per log file)."""
        ...

    def chunks(self) -> Iterator[Chunk]: ...


def fields_of(schema: pl.Schema) -> list[FieldInfo]:
    """Schema fields for lineage, nested for structs and lists."""
    return [_field(name, dtype) for name, dtype in schema.items()]


def _field(name: str, dtype: Any) -> FieldInfo:
    if isinstance(dtype, pl.Struct):
        return FieldInfo(name=name, type="struct", fields=[_field(f.name, f.dtype) for f in dtype.fields])
    if isinstance(dtype, pl.List | pl.Array):
        inner = dtype.inner
        assert inner is not None
        return FieldInfo(name=name, type="list", fields=[_field("_element", inner)])
    return FieldInfo(name=name, type=_type_name(dtype))


def _type_name(dtype: pl.DataType) -> str:
    return str(dtype).lower().replace("string", "varchar")
