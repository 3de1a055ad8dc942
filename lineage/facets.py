"""Maskline's own run facet, ``maskingProof``: what the verify step proved about one masked output.

It mirrors ``MaskingReport`` with names, hashes and counts only (the report never holds a data value), in
OpenLineage's camelCase. Its JSON schema is ``lineage/schemas/MaskingProofRunFacet.json``; bump the version
in both ``$id`` and ``SCHEMA_URL`` on any change.
"""

from __future__ import annotations

from pathlib import Path

import attr
from openlineage.client.facet_v2 import RunFacet

from masking.report import ColumnReport, MaskingReport, ResidualResult

FACET_KEY = "maskingProof"
SCHEMA_ID = "https://maskline.dev/spec/facets/1-0-0/MaskingProofRunFacet.json"
SCHEMA_URL = f"{SCHEMA_ID}#/$defs/MaskingProofRunFacet"
SCHEMA_FILE = Path(__file__).parent / "schemas" / "MaskingProofRunFacet.json"


@attr.define
class MaskingModel:
    name: str
    version: str


@attr.define
class MaskedColumn:
    sourceColumn: str  # noqa: N815 - OpenLineage facets are camelCase
    action: str
    valuesMasked: int  # noqa: N815
    entities: dict[str, int] = attr.field(factory=dict)
    unlisted: bool = False


@attr.define
class ResidualCheck:
    passed: bool
    rowsScanned: int  # noqa: N815
    columnsScanned: list[str]  # noqa: N815
    columnsSkipped: dict[str, str] = attr.field(factory=dict)  # noqa: N815
    findings: dict[str, dict[str, int]] = attr.field(factory=dict)


@attr.define
class MaskingProofRunFacet(RunFacet):
    policySha256: str  # noqa: N815
    keyId: str  # noqa: N815
    detectors: list[str]
    model: MaskingModel
    masklineVersion: str  # noqa: N815
    rowsIn: int  # noqa: N815
    rowsOut: int  # noqa: N815
    rowsRejected: int  # noqa: N815
    columns: dict[str, MaskedColumn]
    rejectReasons: dict[str, int] = attr.field(factory=dict)  # noqa: N815
    residual: ResidualCheck | None = None

    @staticmethod
    def _get_schema() -> str:
        return SCHEMA_URL


def masking_proof(report: MaskingReport, producer: str) -> MaskingProofRunFacet:
    return MaskingProofRunFacet(
        policySha256=report.policy_sha256,
        keyId=report.key_id,
        detectors=list(report.detectors),
        model=MaskingModel(name=report.model.name, version=report.model.version),
        masklineVersion=report.maskline_version,
        rowsIn=report.rows_in,
        rowsOut=report.rows_out,
        rowsRejected=report.rows_rejected,
        columns={column.name: _column(column) for column in report.columns},
        rejectReasons=dict(report.reject_reasons),
        residual=_residual(report.residual) if report.residual else None,
        producer=producer,
    )


def _column(column: ColumnReport) -> MaskedColumn:
    return MaskedColumn(
        sourceColumn=column.source_column,
        action=column.action,
        valuesMasked=column.values_masked,
        entities=dict(column.entities),
        unlisted=column.unlisted,
    )


def _residual(residual: ResidualResult) -> ResidualCheck:
    return ResidualCheck(
        passed=residual.passed,
        rowsScanned=residual.rows_scanned,
        columnsScanned=list(residual.columns_scanned),
        columnsSkipped=dict(residual.columns_skipped),
        findings={column: dict(counts) for column, counts in residual.findings.items()},
    )
