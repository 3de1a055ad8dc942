"""A local stand-in for Marquez's ingestion endpoint, following its documented contract (Marquez itself cannot
run here): 201 when stored, 422 when a required field is missing, 400 for a namespace outside its pattern."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

MARQUEZ_NAMESPACE = re.compile(r"^[a-zA-Z:;=/0-9_\-\.@+]{1,1024}$")


def marquez_status(event: dict[str, Any]) -> int:
    """Marquez's documented ingestion answers: 422 for missing fields, 400 for a bad namespace, else 201."""
    required = [
        event.get("eventTime"),
        event.get("producer"),
        event.get("run", {}).get("runId"),
        event.get("job", {}).get("namespace"),
        event.get("job", {}).get("name"),
    ]
    datasets = (event.get("inputs") or []) + (event.get("outputs") or [])
    required += [d.get(key) for d in datasets for key in ("namespace", "name")]
    facets = [
        *event.get("run", {}).get("facets", {}).values(),
        *event.get("job", {}).get("facets", {}).values(),
    ]
    for dataset in datasets:
        for group in ("facets", "inputFacets", "outputFacets"):
            facets += (dataset.get(group) or {}).values()
    required += [f.get(key) for f in facets for key in ("_producer", "_schemaURL")]
    if any(value in (None, "") for value in required):
        return 422
    namespaces = [event["job"]["namespace"], *(d["namespace"] for d in datasets)]
    return 201 if all(MARQUEZ_NAMESPACE.fullmatch(ns) for ns in namespaces) else 400


@dataclass
class Received:
    status: int
    event: dict[str, Any]
    authorization: str | None


@pytest.fixture
def marquez() -> Iterator[tuple[str, list[Received]]]:
    """A local stand-in for Marquez's ingestion endpoint (Marquez itself cannot run here)."""
    received: list[Received] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server hook name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            try:
                event = json.loads(body)
                status = marquez_status(event) if self.path == "/api/v1/lineage" else 404
            except ValueError:
                event, status = {}, 500
            received.append(Received(status, event, self.headers.get("Authorization")))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
