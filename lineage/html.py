"""A self-contained HTML page of some dataset runs: an inline SVG of the graph, a table of columns per
dataset, and the masking proof. No script, font, image or stylesheet is fetched (the page's own
Content-Security-Policy forbids it), and every string from the events is escaped."""

from __future__ import annotations

from html import escape
from pathlib import Path

from lineage.browse import DatasetRun, DatasetUse, by_parent
from lineage.columns import ColumnView, Proof
from lineage.graph import NODE_H, NODE_W, PAD, Band, Layout, Node, layout

# Node fills appear only in the graph and its legend: the browser test counts them in a screenshot.
FILLS = {"source": "#cfe3fb", "output": "#c5ecd2", "job": "#fbe0a6", "more": "#e4e7eb"}
STROKES = {"source": "#3d7fd9", "output": "#2e9b57", "job": "#c58a12", "more": "#9aa3ad"}
STATE_COLORS = {"COMPLETE": "#2e9b57", "FAIL": "#d64545", "ABORT": "#8a6d3b", "RUNNING": "#3d7fd9"}

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2933;
  margin:0;background:#fff}
main{max-width:1360px;margin:0 auto;padding:18px 20px 40px;box-sizing:border-box}
h1{font-size:22px;margin:0 0 2px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:16px;margin:18px 0 6px}
h4{font-size:14px;margin:14px 0 6px}.sub,.meta{color:#52606d;margin:0 0 10px}
code{font:12.5px ui-monospace,"DejaVu Sans Mono",monospace;background:#f1f3f5;padding:1px 4px;border-radius:3px}
.legend{display:flex;gap:18px;margin:6px 0 10px;color:#52606d;font-size:13px}
.legend span::before{content:"";display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;
  vertical-align:-1px;background:var(--fill);border:1px solid var(--stroke)}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:system-ui,"DejaVu Sans",sans-serif}
.label{font-size:13px;font-weight:600;fill:#1f2933}.detail{font-size:11px;fill:#52606d}
.band-title{font-size:13px;font-weight:600;fill:#323f4b}.band-sub{font-size:12px;fill:#616e7c}
.edge{fill:none;stroke:#8794a1;stroke-width:1.4}
table{border-collapse:collapse;margin:6px 0 12px;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e4e7eb;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f5f7fa;font-weight:600;color:#323f4b}small{color:#7b8794}
.steps code{word-break:break-all}.columns code{white-space:nowrap}
.badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;color:#fff}
.chip{display:inline-block;padding:0 6px;margin:1px 3px 1px 0;border-radius:4px;background:#eef0f3;
  font-size:12px}
.yes{color:#1d6f42;font-weight:600}.no{color:#7b8794}.bad{color:#c53030;font-weight:600}
dl{display:grid;grid-template-columns:190px 1fr;gap:4px 12px;margin:0}dt{color:#52606d}dd{margin:0}
article{border:1px solid #e4e7eb;border-radius:8px;padding:4px 16px 12px;margin:10px 0}
"""


def write_html(runs: list[DatasetRun], path: Path, sources: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(runs, sources), encoding="utf-8")


def render_html(runs: list[DatasetRun], sources: list[Path]) -> str:
    groups = by_parent(runs)
    files = ", ".join(f"<code>{escape(str(p))}</code>" for p in sources)
    legend = "".join(
        f'<span style="--fill:{FILLS[k]};--stroke:{STROKES[k]}">{label}</span>'
        for k, label in (("source", "source dataset"), ("output", "masked dataset"), ("job", "step job"))
    )
    body = [
        "<header><h1>Maskline lineage</h1>",
        f'<p class="sub">{len(runs)} dataset run(s) in {len(groups)} parent run(s) · events: {files}</p></header>',
        f'<section class="graph"><div class="legend">{legend}</div>{render_svg(layout(runs))}</section>',
    ]
    for parent, members in groups:
        root = f" · root <code>{escape(parent.root_job or '')}</code> {escape(parent.root_run_id or '')}"
        distinct_root = parent.root_run_id and parent.root_run_id != parent.run_id
        body.append(f"<section><h2>Parent run <code>{escape(parent.job)}</code></h2>"
                    f'<p class="meta">run {escape(parent.run_id)}{root if distinct_root else ""}</p>')
        body.extend(_run_html(run) for run in members)
        body.append("</section>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Maskline lineage</title><style>{CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def render_svg(graph: Layout) -> str:
    width, height = graph.width, graph.height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-label="Lineage graph: datasets and step jobs">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#8794a1"/></marker></defs>',
    ]
    for band in graph.bands:
        parts.append(_band_svg(band))
    parts.append("</svg>")
    return "".join(parts)


def _band_svg(band: Band) -> str:
    names = ", ".join(f"{run.dataset} · {run.run_date or '?'} · {run.state}" for run in band.runs)
    title = f"parent {band.parent.job} · run {band.parent.run_id}"
    parts = [
        f'<g class="band"><rect x="0.5" y="{band.y + 0.5:.1f}" width="{band.width - 1:.0f}" '
        f'height="{band.height - 1:.0f}" rx="10" fill="#f7f8fa" stroke="#d9dde3"/>',
        f'<text class="band-title" x="{PAD}" y="{band.y + 22:.1f}">{escape(title)}</text>',
        f'<text class="band-sub" x="{band.width - PAD:.0f}" y="{band.y + 22:.1f}" text-anchor="end">'
        f"dataset: {escape(names)}</text>",
    ]
    for source, target in band.edges:
        x1, y1 = source.x + NODE_W, source.y + NODE_H / 2
        x2, y2 = target.x - 2, target.y + NODE_H / 2
        bend = max((x2 - x1) / 2, 30)
        parts.append(f'<path class="edge" d="M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} '
                     f'{x2:.1f},{y2:.1f}" marker-end="url(#arrow)"/>')
    parts.extend(_node_svg(node) for node in band.nodes)
    parts.append("</g>")
    return "".join(parts)


def _node_svg(node: Node) -> str:
    kind = "dataset" if node.kind in ("source", "output") else node.kind
    stroke = STATE_COLORS["FAIL"] if node.state == "FAIL" else STROKES[node.kind]
    parts = [
        f'<g class="node {kind}" data-kind="{node.kind}"><title>{escape(node.title or node.label)}</title>',
        f'<rect x="{node.x:.1f}" y="{node.y:.1f}" width="{NODE_W}" height="{NODE_H}" rx="{8 if kind == "job" else 4}" '
        f'fill="{FILLS[node.kind]}" stroke="{stroke}" stroke-width="{2.5 if node.state == "FAIL" else 1.2}"/>',
        f'<text class="label" x="{node.x + 12:.1f}" y="{node.y + 19:.1f}">{escape(node.label)}</text>',
        f'<text class="detail" x="{node.x + 12:.1f}" y="{node.y + 36:.1f}">{escape(node.detail)}</text>',
    ]
    if node.state:
        color = STATE_COLORS.get(node.state, "#7b8794")
        parts.append(f'<text class="detail" x="{node.x + NODE_W - 12:.1f}" y="{node.y + 19:.1f}" '
                     f'text-anchor="end" style="fill:{color};font-weight:600">{escape(node.state)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _run_html(run: DatasetRun) -> str:
    color = STATE_COLORS.get(run.state, "#7b8794")
    steps = "".join(
        f"<tr><td>{escape(s.step)}</td><td><code>{escape(s.job)}</code><br><small>{escape(s.run_id)}</small></td>"
        f'<td style="color:{STATE_COLORS.get(s.state, "#52606d")}">{escape(s.state)}</td>'
        f"<td>{escape(s.timing)}</td><td>{_uses(s.inputs)}</td><td>{_uses(s.outputs)}</td></tr>"
        + (f'<tr><td></td><td colspan="5" class="bad">{escape(s.error)}</td></tr>' if s.error else "")
        for s in run.steps
    )
    return (
        f'<article class="run" data-dataset="{escape(run.dataset)}"><h3>{escape(run.dataset)} '
        f'<span class="badge" style="background:{color}">{escape(run.state)}</span></h3>'
        f'<p class="meta">pipeline <code>{escape(run.pipeline)}</code> · namespace <code>{escape(run.namespace)}'
        f"</code> · run date {escape(run.run_date or '?')}</p>"
        '<h4>Steps</h4><table class="steps"><tr><th>step</th><th>job and run id</th><th>state</th>'
        f"<th>started (duration)</th><th>inputs</th><th>outputs</th></tr>{steps}</table>"
        f"<h4>Columns</h4>{_columns_table(run)}<h4>Masking proof</h4>{_proof_html(run.proof)}</article>"
    )


def _uses(uses: list[DatasetUse]) -> str:
    return "<br>".join(
        f'<code title="{escape(u.id.namespace)}:{escape(u.id.name)}">{escape(u.id.name)}</code>'
        + (f" ({u.rows:,} rows)" if u.rows is not None else "")
        for u in uses
    )


def _columns_table(run: DatasetRun) -> str:
    if not run.columns:
        return '<p class="meta">No column lineage or proof in the events (the run did not reach mask).</p>'
    rows = "".join(_column_row(c) for c in run.columns)
    return (f'<table class="columns" data-dataset="{escape(run.dataset)}"><tr><th>column</th><th>from</th>'
            "<th>action</th><th>how</th><th>masking</th><th>values masked</th><th>entities replaced</th>"
            f"<th>re-scan</th></tr>{rows}</table>")


def _column_row(column: ColumnView) -> str:
    flag = '<span class="yes">yes</span>' if column.masking else '<span class="no">no</span>'
    if column.masking is None:
        flag = "—"
    entities = "".join(f'<span class="chip">{escape(k)} {v:,}</span>' for k, v in sorted(column.entities.items()))
    rescan = escape(column.rescan)
    if column.rescan.startswith("FOUND"):
        rescan = f'<span class="bad">{rescan}</span>'
    unlisted = ' <span class="chip">not in policy</span>' if column.unlisted else ""
    masked = "" if column.values_masked is None else f"{column.values_masked:,}"
    return (f"<tr><td><code>{escape(column.name)}</code>{unlisted}</td><td>{escape(', '.join(column.sources))}"
            f"</td><td>{escape(column.action)}</td><td>{escape(column.how)}</td><td>{flag}</td><td>{masked}</td>"
            f"<td>{entities}</td><td>{rescan}</td></tr>")


def _proof_html(proof: Proof | None) -> str:
    if proof is None:
        return '<p class="meta">No maskingProof facet: the verify step did not complete.</p>'
    rows = [
        ("policy sha256", f"<code>{escape(proof.policy_sha256)}</code>"),
        ("key id", f"<code>{escape(proof.key_id)}</code>"),
        ("model", escape(proof.model)),
        ("maskline version", escape(proof.maskline_version)),
        ("rows", f"in {proof.rows_in:,} = out {proof.rows_out:,} + rejected {proof.rows_rejected:,}"),
        ("reject reasons", escape(", ".join(f"{k}: {v:,}" for k, v in proof.reject_reasons.items())) or "—"),
        ("residual re-scan", f'<span class="{"yes" if proof.residual_passed else "bad"}">'
                             f"{escape(proof.rescan_summary)}</span>"),
        ("columns re-scanned", escape(", ".join(proof.columns_scanned)) or "—"),
        ("detectors", f"{len(proof.detectors)}: " + escape(", ".join(proof.detectors))),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="proof">{items}</dl>'
