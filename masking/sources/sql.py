"""Database tables read as Arrow record batches over ADBC: PostgreSQL, and DuckDB for the embedded default.

Both go through the same DB-API cursor and ``fetch_record_batch``: rows never become Python objects.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa

from masking.errors import SourceError
from masking.report import DatasetRef
from masking.sources.base import Chunk, fields_of

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*$")


def split_table(table: str, default_schema: str, source: str) -> tuple[str, str]:
    parts = table.split(".")
    if len(parts) == 1:
        parts = [default_schema, parts[0]]
    if len(parts) != 2 or not all(_IDENTIFIER.match(p) for p in parts):
        raise SourceError(source, f"table must be 'schema.table' or 'table' with plain identifiers, got '{table}'")
    return parts[0], parts[1]


def _quoted(schema: str, table: str) -> str:
    return f'"{schema}"."{table}"'


def _normalize(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Make driver-specific Arrow types plain: PostgreSQL numeric and json arrive as extension types."""
    columns, fields = [], []
    for column, field in zip(batch.columns, batch.schema, strict=True):
        if isinstance(field.type, pa.BaseExtensionType):
            storage = column.storage
            metadata = field.metadata or {}
            if metadata.get(b"POSTGRESQL:type") == b"numeric":
                storage = storage.cast(_numeric_type(int(metadata.get(b"POSTGRESQL:typmod", b"-1"))))
            column, field = storage, pa.field(field.name, storage.type)
        columns.append(column)
        fields.append(field.remove_metadata())
    return pa.RecordBatch.from_arrays(columns, schema=pa.schema(fields))


def _numeric_type(typmod: int) -> pa.DataType:
    if typmod < 4:
        return pa.float64()  # unconstrained numeric: no fixed scale to keep
    precision, scale = ((typmod - 4) >> 16) & 0xFFFF, (typmod - 4) & 0xFFFF
    return pa.decimal128(min(precision, 38), scale)


class SqlSource:
    """One table of a database reached through an ADBC DB-API connection."""

    def __init__(self, name: str, kind: str, connect: Any, schema: str, table: str, ref: DatasetRef,
                 batch_rows: int, secrets: list[str], primary_key_sql: str) -> None:
        self.name = name
        self.kind = kind
        self._connect = connect
        self._schema = schema
        self._table = table
        self._ref = ref
        self._batch_rows = batch_rows
        self._secrets = [s for s in secrets if s]
        self._primary_key_sql = primary_key_sql
        self.schema: pl.Schema | None = None

    def _fail(self, what: str, exc: BaseException, retryable: bool) -> SourceError:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        for secret in self._secrets:
            detail = detail.replace(secret, "***")
        return SourceError(self.name, f"{what}: {type(exc).__name__}: {detail[:300]}", retryable=retryable)

    def dataset_refs(self) -> list[DatasetRef]:
        return [self._ref]

    def chunks(self) -> Iterator[Chunk]:
        try:
            connection = self._connect()
        except Exception as exc:
            raise self._fail("cannot connect", exc, retryable=True) from None
        try:
            cursor = connection.cursor()
            order = self._order_by(cursor)
            try:
                cursor.execute(f"SELECT * FROM {_quoted(self._schema, self._table)}{order}")
            except Exception as exc:
                raise self._fail(f"cannot read table {self._schema}.{self._table}", exc, retryable=False) from None
            reader = cursor.fetch_record_batch()
            pending: list[pa.RecordBatch] = []
            rows = 0
            for batch in reader:
                pending.append(_normalize(batch))
                rows += batch.num_rows
                if rows >= self._batch_rows:
                    yield self._chunk(pending)
                    pending, rows = [], 0
            if pending or self.schema is None:
                yield self._chunk(pending, reader.schema)
        finally:
            connection.close()

    def _chunk(self, batches: list[pa.RecordBatch], empty_schema: pa.Schema | None = None) -> Chunk:
        if batches:
            frame = pl.from_arrow(pa.Table.from_batches(batches))
        else:
            assert empty_schema is not None
            empty = pa.RecordBatch.from_pylist([], schema=empty_schema)
            frame = pl.from_arrow(pa.Table.from_batches([_normalize(empty)]))
        assert isinstance(frame, pl.DataFrame)
        if self.schema is None:
            self.schema = frame.schema
            self._ref.fields = fields_of(frame.schema)
        return Chunk(frame)

    def _order_by(self, cursor: Any) -> str:
        """Order by the primary key, so that re-running a date writes identical files."""
        try:
            cursor.execute(self._primary_key_sql.format(schema=self._schema, table=self._table))
            keys = [row[0] for row in cursor.fetchall()]
        except Exception:
            keys = []
        if not all(_IDENTIFIER.match(k) for k in keys):
            keys = []
        return (" ORDER BY " + ", ".join(f'"{k}"' for k in keys)) if keys else ""


_PG_PRIMARY_KEY = """
SELECT a.attname FROM pg_index i
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
WHERE i.indrelid = '"{schema}"."{table}"'::regclass AND i.indisprimary
ORDER BY array_position(i.indkey, a.attnum)
"""

_DUCKDB_PRIMARY_KEY = """
SELECT unnest(constraint_column_names) FROM duckdb_constraints()
WHERE schema_name = '{schema}' AND table_name = '{table}' AND constraint_type = 'PRIMARY KEY'
"""


def postgres_source(name: str, host: str, port: int, database: str, user: str, password: str | None,
                    table: str, batch_rows: int) -> SqlSource:
    import adbc_driver_postgresql.dbapi as adbc_pg

    schema, table_name = split_table(table, "public", name)
    auth = f"{user}:{password}" if password else user
    uri = f"postgresql://{auth}@{host}:{port}/{database}"
    ref = DatasetRef(namespace=f"postgres://{host}:{port}", name=f"{database}.{schema}.{table_name}")
    return SqlSource(name, "postgres", lambda: adbc_pg.connect(uri), schema, table_name, ref, batch_rows,
                     [password or "", uri], _PG_PRIMARY_KEY)


def duckdb_source(name: str, path: Path, table: str, batch_rows: int) -> SqlSource:
    import adbc_driver_duckdb
    import adbc_driver_manager
    import adbc_driver_manager.dbapi

    if not path.is_file():
        raise SourceError(name, f"DuckDB file not found: {path}")
    schema, table_name = split_table(table, "main", name)
    ref = DatasetRef(namespace="file", name=f"{path.resolve()}/{schema}.{table_name}")

    def connect() -> Any:
        # Read-only, so a run never changes the production copy it reads.
        database = adbc_driver_manager.AdbcDatabase(
            driver=adbc_driver_duckdb.driver_path(), entrypoint="duckdb_adbc_init", path=str(path),
            access_mode="READ_ONLY",
        )
        return adbc_driver_manager.dbapi.Connection(database, adbc_driver_manager.AdbcConnection(database))

    return SqlSource(name, "duckdb", connect, schema, table_name, ref, batch_rows, [], _DUCKDB_PRIMARY_KEY)


def password_from_env(variable: str | None) -> str | None:
    return os.environ.get(variable) if variable else None
