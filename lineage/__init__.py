"""OpenLineage events for Maskline: dataset naming, standard facets, the ``maskingProof`` facet, and an
observer that emits one START/COMPLETE/FAIL per step through the transport the config names."""

from __future__ import annotations

from lineage.events import PRODUCER, ParentRun, pipeline_event, step_event
from lineage.facets import MaskingProofRunFacet, masking_proof
from lineage.naming import duckdb_dataset, file_dataset, postgres_dataset, valid_namespace
from lineage.observer import LineageObserver, airflow_parent, build_transport
from lineage.scrub import ScrubTransformer, scrub_event, scrub_text, set_text_scrubber

__all__ = [
    "PRODUCER",
    "LineageObserver",
    "MaskingProofRunFacet",
    "ParentRun",
    "ScrubTransformer",
    "airflow_parent",
    "build_transport",
    "duckdb_dataset",
    "file_dataset",
    "masking_proof",
    "pipeline_event",
    "postgres_dataset",
    "scrub_event",
    "scrub_text",
    "set_text_scrubber",
    "step_event",
    "valid_namespace",
]
