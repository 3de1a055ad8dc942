"""Dataset names as OpenLineage's naming spec defines them, as ``(namespace, name)`` pairs.

The masking job calls these to build ``DatasetRef``s, so every step names a dataset the same way and
Marquez joins the steps into one graph.
"""

from __future__ import annotations

import re
from pathlib import Path

from openlineage.client.naming.dataset import LocalFileSystem, Postgres

# Marquez answers 400 for a namespace outside this pattern; names are not restricted.
MARQUEZ_NAMESPACE = re.compile(r"^[a-zA-Z:;=/0-9_\-\.@+]{1,1024}$")


def postgres_dataset(host: str, port: int | str, database: str, schema: str, table: str) -> tuple[str, str]:
    """``postgres://host:port`` and ``database.schema.table``."""
    naming = Postgres(host=host, port=str(port), database=database, schema=schema, table=table)
    return naming.get_namespace(), naming.get_name()


def duckdb_dataset(path: str | Path, schema: str, table: str) -> tuple[str, str]:
    """Namespace ``file`` and name ``<absolute db path>/<schema>.<table>``.

    The naming spec has no DuckDB entry. A ``duckdb://<path>`` namespace would carry the file path, and any
    path with a space or a non-ASCII letter would make Marquez reject every event with 400. Putting the
    path in the name keeps the namespace fixed and valid, ties the table to the file it lives in, and
    matches ``file_dataset`` for everything else on local disk.
    """
    naming = LocalFileSystem(path=f"{_absolute(path)}/{schema}.{table}")
    return naming.get_namespace(), naming.get_name()


def file_dataset(path: str | Path) -> tuple[str, str]:
    """Namespace ``file`` and the absolute path as the name (the spec's local file system naming)."""
    naming = LocalFileSystem(path=_absolute(path))
    return naming.get_namespace(), naming.get_name()


def valid_namespace(namespace: str) -> bool:
    """Whether Marquez would accept ``namespace`` (its ingestion answers 400 otherwise)."""
    return MARQUEZ_NAMESPACE.fullmatch(namespace) is not None


def _absolute(path: str | Path) -> str:
    # resolve() also removes ".." so the same file always gets the same name
    return str(Path(path).expanduser().resolve())
