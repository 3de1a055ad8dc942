"""The lineage graph of some dataset runs, laid out for drawing: one band per parent run, and inside it
columns by depth (source datasets | step jobs | masked datasets | verify ...), so edges run left to right.

Pure geometry, no SVG: ``lineage.html`` draws what ``layout`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lineage.browse import STEPS, DatasetRun, ParentRef, by_parent

NodeKind = Literal["source", "output", "job", "more"]

NODE_W, NODE_H = 250, 46
COLUMN_GAP, ROW_GAP = 84, 14
PAD, HEADER, BAND_GAP = 18, 34, 16
MAX_PER_COLUMN = 8  # a source read as hundreds of files would make a band as tall as a wall


@dataclass
class Node:
    key: str
    kind: NodeKind
    label: str
    detail: str
    title: str  # the full name, as a tooltip
    state: str = ""
    column: int = 0
    x: float = 0
    y: float = 0


@dataclass
class Band:
    parent: ParentRef
    runs: list[DatasetRun]
    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[Node, Node]] = field(default_factory=list)
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0


@dataclass
class Layout:
    bands: list[Band]
    width: float
    height: float


def layout(runs: list[DatasetRun]) -> Layout:
    bands = [_band(parent, members) for parent, members in by_parent(runs)]
    y = 0.0
    for band in bands:
        _place(band, y)
        y += band.height + BAND_GAP
    width = max((band.width for band in bands), default=NODE_W + 2 * PAD)
    for band in bands:
        band.width = width
    return Layout(bands, width, max(y - BAND_GAP, 0))


def short_name(name: str, limit: int = 34) -> str:
    """The last two path segments of a dataset name, left-truncated to fit a node."""
    tail = "/".join(name.rstrip("/").split("/")[-2:]) or name
    return tail if len(tail) <= limit else "…" + tail[-(limit - 1) :]


def _band(parent: ParentRef, runs: list[DatasetRun]) -> Band:
    band = Band(parent, runs)
    nodes: dict[str, Node] = {}
    written = {use.id for run in runs for step in run.steps for use in step.outputs}
    for run in runs:
        for step in run.steps:
            job = nodes.setdefault(f"job:{step.run_id}", Node(
                f"job:{step.run_id}", "job", step.step, short_name(step.job), step.job, step.state))
            for use, is_input in [(u, True) for u in step.inputs] + [(u, False) for u in step.outputs]:
                key = f"dataset:{use.id.namespace}:{use.id.name}"
                rows = f" · {use.rows:,} rows" if use.rows is not None else ""
                kind: NodeKind = "output" if use.id in written else "source"
                node = nodes.setdefault(key, Node(
                    key, kind, short_name(use.id.name), use.id.namespace + rows, f"{use.id.namespace}:{use.id.name}"))
                band.edges.append((node, job) if is_input else (job, node))
    band.nodes = list(nodes.values())
    _assign_columns(band)
    _collapse_tall_columns(band)
    return band


def _assign_columns(band: Band) -> None:
    """Longest-path depth: a job sits right of everything it reads, a dataset right of its writers."""
    incoming: dict[str, list[Node]] = {node.key: [] for node in band.nodes}
    for source, target in band.edges:
        incoming[target.key].append(source)
    for _ in range(len(band.nodes)):  # bounded: a cycle in foreign events must not loop forever
        changed = False
        for node in band.nodes:
            depth = max((s.column + 1 for s in incoming[node.key]), default=0)
            if depth != node.column:
                node.column, changed = depth, True
        if not changed:
            break


def _collapse_tall_columns(band: Band) -> None:
    for column in {node.column for node in band.nodes}:
        members = [n for n in band.nodes if n.column == column]
        if len(members) <= MAX_PER_COLUMN:
            continue
        hidden = members[MAX_PER_COLUMN - 1 :]
        more = Node(f"more:{column}", "more", f"… {len(hidden)} more datasets", "", "", column=column)
        gone = {n.key for n in hidden}
        band.nodes = [n for n in band.nodes if n.key not in gone] + [more]
        edges = [(more if s.key in gone else s, more if t.key in gone else t) for s, t in band.edges]
        band.edges = list({(s.key, t.key): (s, t) for s, t in edges}.values())


def _place(band: Band, top: float) -> None:
    columns: dict[int, list[Node]] = {}
    for node in band.nodes:
        columns.setdefault(node.column, []).append(node)
    rows = max((len(members) for members in columns.values()), default=1)
    inner = rows * NODE_H + (rows - 1) * ROW_GAP
    band.y, band.height = top, HEADER + inner + 2 * PAD
    band.width = 2 * PAD + len(columns) * NODE_W + max(len(columns) - 1, 0) * COLUMN_GAP
    index: dict[str, float] = {}
    for position, column in enumerate(sorted(columns)):
        members = sorted(columns[column], key=lambda n: _order(n, band, index))
        height = len(members) * NODE_H + (len(members) - 1) * ROW_GAP
        for row, node in enumerate(members):
            node.x = PAD + position * (NODE_W + COLUMN_GAP)
            node.y = top + HEADER + PAD + (inner - height) / 2 + row * (NODE_H + ROW_GAP)
            index[node.key] = row - (len(members) - 1) / 2


def _order(node: Node, band: Band, index: dict[str, float]) -> tuple[float, int, str]:
    """Barycentre of the already placed neighbours (fewer crossings), then step order, then name."""
    placed = [index[s.key] for s, t in band.edges if t is node and s.key in index]
    placed += [index[t.key] for s, t in band.edges if s is node and t.key in index]
    centre = sum(placed) / len(placed) if placed else 0.0
    step = STEPS.index(node.label) if node.kind == "job" and node.label in STEPS else len(STEPS)
    return centre, step, node.title
