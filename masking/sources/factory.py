"""Build the reader for a dataset's source from the config."""

from __future__ import annotations

from masking.config import DuckDBSource, JsonlSource, PipelineConfig, PostgresSource
from masking.errors import SourceError
from masking.sources.base import SourceReader
from masking.sources.jsonl import JsonlSource as JsonlReader
from masking.sources.jsonl import expand
from masking.sources.sql import duckdb_source, password_from_env, postgres_source


def _postgres_from_airflow(conn_id: str, source: str) -> tuple[str, int, str | None, str | None, str | None]:
    try:
        from airflow.sdk import BaseHook

        conn = BaseHook.get_connection(conn_id)
    except Exception:
        raise SourceError(source, f"Airflow connection '{conn_id}' is not available") from None
    return conn.host or "127.0.0.1", conn.port or 5432, conn.schema or None, conn.login, conn.password


def open_source(config: PipelineConfig, dataset: str) -> SourceReader:
    spec = config.dataset(dataset)
    settings = config.sources[spec.source]
    if isinstance(settings, PostgresSource):
        host, port, database = settings.host, settings.port, settings.database
        user, password = settings.user, password_from_env(settings.password_env)
        if settings.airflow_conn_id:
            from_conn = _postgres_from_airflow(settings.airflow_conn_id, spec.source)
            host, port, db_from_conn, login, conn_password = from_conn
            database = db_from_conn or database
            user, password = login or user, conn_password or password
        assert spec.table is not None
        return postgres_source(spec.source, host, port, database, user, password, spec.table, settings.batch_rows)
    if isinstance(settings, DuckDBSource):
        assert spec.table is not None
        return duckdb_source(spec.source, config.resolve(settings.path), spec.table, settings.batch_rows)
    assert isinstance(settings, JsonlSource)
    files = expand(settings.paths, config.base_dir, spec.source)
    return JsonlReader(spec.source, files, settings.batch_rows, config.base_dir)
