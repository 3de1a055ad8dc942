"""Sources: each one yields Polars chunks and names itself as an OpenLineage dataset."""

from __future__ import annotations

from masking.sources.base import Chunk, SourceReader
from masking.sources.factory import open_source

__all__ = ["Chunk", "SourceReader", "open_source"]
