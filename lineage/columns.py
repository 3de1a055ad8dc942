"""What a dataset run did to each column and what it proved, read back from its events: the mask step's
``columnLineage`` facet (how each column was produced, masking or not) joined with the verify step's
``maskingProof`` facet (action, counts, entities, residual re-scan). Names and counts only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lineage.datasets import ACTION_DESCRIPTIONS

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def text(value: object, limit: int = 400) -> str:
    """A string from an event, safe to print: no control characters, bounded length."""
    cleaned = _CONTROL.sub("?", str(value))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


@dataclass
class ColumnView:
    name: str
    action: str
    how: str
    masking: bool | None  # None: the events do not say (no column lineage for a dropped column)
    sources: list[str] = field(default_factory=list)
    values_masked: int | None = None
    entities: dict[str, int] = field(default_factory=dict)
    unlisted: bool = False
    rescan: str = ""


@dataclass
class Proof:
    policy_sha256: str
    key_id: str
    model: str
    maskline_version: str
    detectors: list[str]
    rows_in: int
    rows_out: int
    rows_rejected: int
    reject_reasons: dict[str, int] = field(default_factory=dict)
    residual_passed: bool | None = None
    rows_scanned: int | None = None
    columns_scanned: list[str] = field(default_factory=list)
    columns_skipped: dict[str, str] = field(default_factory=dict)
    findings: dict[str, dict[str, int]] = field(default_factory=dict)
    columns: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def rescan_summary(self) -> str:
        if self.residual_passed is None:
            return "not run"
        found = sum(sum(counts.values()) for counts in self.findings.values())
        verdict = "clean" if self.residual_passed else f"FAILED: {found} findings"
        return f"{verdict} ({self.rows_scanned or 0:,} rows, {len(self.columns_scanned)} columns scanned)"


def proof_from_facet(facet: dict[str, Any]) -> Proof:
    model = _dict(facet.get("model"))
    residual = _dict(facet.get("residual"))
    return Proof(
        policy_sha256=text(facet.get("policySha256", "")),
        key_id=text(facet.get("keyId", "")),
        model=_model(model),
        maskline_version=text(facet.get("masklineVersion", "")),
        detectors=[text(d) for d in facet.get("detectors") or []],
        rows_in=_int(facet.get("rowsIn")),
        rows_out=_int(facet.get("rowsOut")),
        rows_rejected=_int(facet.get("rowsRejected")),
        reject_reasons=_counts(facet.get("rejectReasons")),
        residual_passed=bool(residual["passed"]) if "passed" in residual else None,
        rows_scanned=_int(residual.get("rowsScanned")) if residual else None,
        columns_scanned=[text(c) for c in residual.get("columnsScanned") or []],
        columns_skipped={text(k): text(v) for k, v in _dict(residual.get("columnsSkipped")).items()},
        findings={text(k): _counts(v) for k, v in _dict(residual.get("findings")).items()},
        columns={text(k): _dict(v) for k, v in _dict(facet.get("columns")).items()},
    )


def column_views(column_lineage: dict[str, Any] | None, proof: Proof | None) -> list[ColumnView]:
    """One row per output column: the proof's columns in report order, then any only the lineage names."""
    fields = _dict((column_lineage or {}).get("fields"))
    names = list(proof.columns) if proof else []
    names += [text(n) for n in fields if text(n) not in names]
    return [_column(name, _dict(fields.get(name)), proof) for name in names]


def _column(name: str, lineage: dict[str, Any], proof: Proof | None) -> ColumnView:
    inputs = [_dict(f) for f in lineage.get("inputFields") or []]
    transformations = [_dict(t) for f in inputs for t in f.get("transformations") or []]
    reported = proof.columns.get(name, {}) if proof else {}
    description = next((text(t["description"]) for t in transformations if t.get("description")), "")
    action = text(reported.get("action") or description.split(":", 1)[0] or "?")
    masking = any(bool(t.get("masking")) for t in transformations) if transformations else None
    if masking is None and reported:
        masking = action != "keep"
    sources = sorted({text(f.get("field", "")) for f in inputs} or {text(reported.get("sourceColumn", name))})
    return ColumnView(
        name=name,
        action=action,
        how=description or ACTION_DESCRIPTIONS.get(action, "dropped" if action == "drop" else action),
        masking=masking,
        sources=sources,
        values_masked=_int(reported["valuesMasked"]) if "valuesMasked" in reported else None,
        entities=_counts(reported.get("entities")),
        unlisted=bool(reported.get("unlisted", False)),
        rescan=_rescan(name, action, proof),
    )


def _rescan(column: str, action: str, proof: Proof | None) -> str:
    if proof is None or proof.residual_passed is None:
        return ""
    found = proof.findings.get(column, {})
    if sum(found.values()):
        return "FOUND " + ", ".join(f"{entity}={n}" for entity, n in sorted(found.items()))
    if column in proof.columns_skipped:
        return f"skipped: {proof.columns_skipped[column]}"
    if column in proof.columns_scanned:
        return "clean"
    return "not in output" if action == "drop" else "not scanned"


def _model(model: dict[str, Any]) -> str:
    name, version = text(model.get("name", "?")), text(model.get("version", ""))
    return version if version.startswith(name) else f"{name} {version}".strip()


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _counts(value: Any) -> dict[str, int]:
    return {text(k): _int(v) for k, v in _dict(value).items()}
