"""Validate OpenLineage events against the official JSON schemas (and Maskline's own facet schema), offline.

Every schema file is registered under its ``$id`` so no ``$ref`` is fetched. The event is checked against
``RunEvent`` directly (the root ``oneOf`` gives useless errors), then each facet against the file its
``_schemaURL`` names, because the core schema checks facets only generically.

    from olschema import assert_valid_run_event  # conftest puts tests/ on sys.path
    assert_valid_run_event(Serde.to_dict(event))
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIR = ROOT.parent / "shared" / "openlineage-spec" / "spec"
OWN_SCHEMAS = ROOT / "lineage" / "schemas"

FacetAt = tuple[str, str, dict[str, Any]]  # (where in the event, facet key, facet)


@functools.cache
def _schemas() -> tuple[Registry, str, dict[str, tuple[str, frozenset[str]]]]:
    """(registry, core $id, facet file name -> ($id, facet keys it defines)), loaded once per process."""
    files = [SPEC_DIR / "OpenLineage.json", *sorted((SPEC_DIR / "facets").glob("*.json"))]
    files += sorted(OWN_SCHEMAS.glob("*.json"))
    registry: Registry = Registry()
    by_file: dict[str, tuple[str, frozenset[str]]] = {}
    for file in files:
        contents = json.loads(file.read_text(encoding="utf-8"))
        registry = registry.with_resource(contents["$id"], Resource.from_contents(contents, DRAFT202012))
        by_file[file.name] = (contents["$id"], frozenset(contents.get("properties", {})))
    core_id, _ = by_file.pop("OpenLineage.json")
    return registry.crawl(), core_id, by_file


@functools.cache
def _validator(schema_id: str, definition: str | None) -> Draft202012Validator:
    registry, _, _ = _schemas()
    ref = f"{schema_id}#/$defs/{definition}" if definition else schema_id
    return Draft202012Validator(
        {"$ref": ref}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def run_event_problems(event: dict[str, Any]) -> list[str]:
    """Every problem found, as readable lines; empty when the event is valid."""
    _, core_id, by_file = _schemas()
    problems = [_describe("event", e) for e in _validator(core_id, "RunEvent").iter_errors(event)]
    for where, key, facet in _facets(event):
        url = facet.get("_schemaURL") if isinstance(facet, dict) else None
        if not isinstance(url, str):
            problems.append(f"{where}.{key}: no _schemaURL")
            continue
        file_name = url.split("#", 1)[0].rsplit("/", 1)[-1]
        if file_name == "OpenLineage.json":
            continue  # a generic facet: the core schema has checked it
        if file_name not in by_file:
            problems.append(f"{where}.{key}: no schema file {file_name!r} for _schemaURL {url}")
            continue
        schema_id, keys = by_file[file_name]
        if key not in keys:  # validating {key: facet} would then check nothing
            problems.append(f"{where}.{key}: {file_name} defines facet key(s) {sorted(keys)}, not {key!r}")
            continue
        problems += [_describe(where, e) for e in _validator(schema_id, None).iter_errors({key: facet})]
    return problems


def assert_valid_run_event(event: dict[str, Any]) -> None:
    problems = run_event_problems(event)
    if problems:
        job = event.get("job", {})
        header = (
            f"{event.get('eventType')} {job.get('namespace')}/{job.get('name')}: {len(problems)} problem(s)"
        )
        raise AssertionError("\n  ".join([header, *problems]))


def _facets(event: dict[str, Any]) -> Iterator[FacetAt]:
    yield from _facets_in("run.facets", event.get("run", {}).get("facets"))
    yield from _facets_in("job.facets", event.get("job", {}).get("facets"))
    for side, extra in (("inputs", "inputFacets"), ("outputs", "outputFacets")):
        for index, dataset in enumerate(event.get(side) or []):
            yield from _facets_in(f"{side}[{index}].facets", dataset.get("facets"))
            yield from _facets_in(f"{side}[{index}].{extra}", dataset.get(extra))


def _facets_in(where: str, facets: dict[str, Any] | None) -> Iterator[FacetAt]:
    for key, facet in (facets or {}).items():
        yield where, key, facet


def _describe(where: str, error: Any) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    message = error.message if len(error.message) <= 300 else error.message[:300] + "..."
    return f"{where}{path}: {message}"
