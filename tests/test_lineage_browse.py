"""``maskline lineage``: the terminal tree and the HTML page built from real events of real runs, and a real
headless Chromium that must draw the graph."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import orjson
import pytest
from conftest import TEST_KEY_HEX
from pipeline import demo_datasets, demo_sources, leaks, write_config
from typer.testing import CliRunner

from lineage.browse import (
    DatasetId,
    DatasetRun,
    DatasetUse,
    LineageBrowseError,
    StepRun,
    dataset_runs,
    read_events,
    select,
)
from lineage.graph import MAX_PER_COLUMN, NODE_H, NODE_W, layout
from lineage.html import FILLS, render_html
from lineage.observer import observer_for
from lineage.show import show_lineage
from masking.cli import app
from masking.errors import SourceError
from masking.job import Resources, run_dataset
from masking.keys import MaskingKey
from masking.report import MaskingReport

RUN_DATE = date(2026, 11, 27)
CHROMIUM_INSTALL = "apt-get update && apt-get install -y chromium"


@dataclass
class Ran:
    config_path: Path
    events: Path
    reports: dict[str, MaskingReport]
    key_id: str
    planted: list[str]


@pytest.fixture(scope="module")
def ran(tmp_path_factory, demo_data) -> Ran:
    """customers twice (an older and a latest run), chat_logs once, and a dataset whose source is missing."""
    sources = demo_sources(demo_data.duckdb_path, demo_data.logs_glob)
    sources["missing"] = {"kind": "jsonl", "paths": ["nowhere/*.jsonl"]}
    datasets = {**demo_datasets(), "broken": {"source": "missing"}}
    config = write_config(tmp_path_factory.mktemp("browse"), sources, datasets)
    key = MaskingKey(bytes.fromhex(TEST_KEY_HEX))
    resources = Resources.for_config(config, key)
    observer = observer_for(config)
    reports = {}
    for name in ("customers", "chat_logs", "customers"):
        reports[name] = run_dataset(config, name, RUN_DATE, resources=resources, observer=observer)
    with pytest.raises(SourceError):
        run_dataset(config, "broken", RUN_DATE, resources=resources, observer=observer)
    observer.close()
    planted = [v for values in demo_data.planted.values() for v in values]
    return Ran(config.config_path, config.output_root / "lineage/events.jsonl", reports, key.key_id, planted)


@pytest.fixture(scope="module")
def runs(ran) -> list[DatasetRun]:
    return dataset_runs(read_events([ran.events]))


def tree_text(**options) -> str:
    out = io.StringIO()
    show_lineage(out=out, **options)
    return out.getvalue()


def test_tree_lists_datasets_steps_masked_columns_and_proof(ran):
    text = tree_text(config=ran.config_path)

    assert "\x1b[" not in text and all(line == line.rstrip() for line in text.splitlines())  # plain text
    for dataset in ("customers", "chat_logs", "broken"):
        assert f"dataset {dataset}" in text
    for dataset in ("customers", "chat_logs"):
        for step in ("extract", "mask", "verify"):
            assert f"maskline.{dataset}.{step}  COMPLETE" in text
    assert re.search(r"email +hash: keyed HMAC-SHA256 pseudonym +yes +120", text)
    assert re.search(r"ssn +redact: replaced by a constant +yes", text)
    assert re.search(r"id +keep: copied unchanged +no +0", text)
    assert re.search(r"notes +scan: .* yes .*PERSON=\d+.* clean", text)
    assert re.search(r"record +scan: .* yes .*EMAIL=\d+", text)
    customers = ran.reports["customers"]
    assert customers.policy_sha256 in text and f"key id            {ran.key_id}" in text
    assert "rows              in 120 = out 120 + rejected 0" in text
    assert "residual re-scan  clean (120 rows" in text
    assert "maskline.broken.extract  FAIL" in text and "no file matches 'nowhere/*.jsonl'" in text
    assert "masking proof: none" in text


def test_default_is_the_latest_run_and_any_run_id_picks_its_run(runs):
    older, latest = [r for r in runs if r.dataset == "customers"]
    assert older.parent.run_id != latest.parent.run_id and older.last_time < latest.last_time

    assert [r.parent.run_id for r in select(runs, dataset="customers")] == [latest.parent.run_id]
    assert sorted(r.dataset for r in select(runs)) == ["broken", "chat_logs", "customers"]
    assert select(runs, run_id=older.parent.run_id) == [older]
    assert select(runs, run_id=older.steps[1].run_id.upper()) == [older]  # a step run id picks its dataset run
    masked_output = latest.steps[1].outputs[0].id.name
    assert select(runs, dataset=masked_output) == [latest]  # an OpenLineage dataset name works too
    with pytest.raises(LineageBrowseError, match="Datasets in the events: broken, chat_logs, customers"):
        select(runs, dataset="custmers")
    with pytest.raises(LineageBrowseError, match="no dataset run with run id 'nope'. Recent runs: "):
        select(runs, run_id="nope")


def test_graph_columns_follow_the_data(runs):
    customers = select(runs, dataset="customers")
    [band] = layout(customers).bands
    column = {(n.kind, n.label): n.column for n in band.nodes}
    assert column == {("source", "prod.duckdb/main.customers"): 0, ("job", "extract"): 1, ("job", "mask"): 1,
                      ("output", "out/customers"): 2, ("output", "_rejects/customers"): 2, ("job", "verify"): 3}
    extract, mask = (n for n in band.nodes if n.label in ("extract", "mask"))
    assert extract.x == mask.x and extract.y < mask.y


def test_a_wide_source_collapses_into_one_node(runs):
    [chat] = select(runs, dataset="chat_logs")
    files = [DatasetUse(DatasetId("file", f"/logs/{day:03}.jsonl")) for day in range(30)]
    extract = StepRun("extract", "maskline.chat_logs.extract", "r-1", "COMPLETE", inputs=files)
    wide = DatasetRun(chat.dataset, chat.pipeline, chat.namespace, chat.parent, steps=[extract])
    [band] = layout([wide]).bands
    sources = [n for n in band.nodes if n.column == 0]
    assert len(sources) == MAX_PER_COLUMN and sources[-1].label == f"… {30 - MAX_PER_COLUMN + 1} more datasets"
    assert len(band.edges) == MAX_PER_COLUMN  # the hidden files share one edge


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def having(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


def test_html_page_has_the_graph_and_a_table_per_dataset(ran, runs, tmp_path):
    out = tmp_path / "lineage.html"
    shown = show_lineage(config=ran.config_path, html=out, out=io.StringIO())
    page = PageParser()
    page.feed(out.read_text(encoding="utf-8"))

    assert len(page.having("svg")) == 1
    steps = [s for run in shown for s in run.steps]
    datasets = {(run.parent, use.id) for run in shown for s in run.steps for use in (*s.inputs, *s.outputs)}
    assert len(page.having("g", class_="node job")) == len(steps) == 7
    assert len(page.having("g", class_="node dataset")) == len(datasets)
    assert len(page.having("path", class_="edge")) == sum(len(s.inputs) + len(s.outputs) for s in steps)
    assert {a["data-dataset"] for a in page.having("table", class_="columns")} == {"customers", "chat_logs"}
    assert not [t for t, _ in page.tags if t in ("script", "link", "img", "iframe", "object")]
    assert not [a for _, a in page.tags if "src" in a or "href" in a]
    assert "default-src 'none'" in page.having("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]


def test_event_strings_are_escaped_and_never_drive_the_terminal(ran, tmp_path):
    hostile = "<script>alert(1)</script>\x1b[31m"
    raw = ran.events.read_text(encoding="utf-8").replace('"notes"', orjson.dumps(hostile).decode())
    events = tmp_path / "events.jsonl"
    events.write_text(raw, encoding="utf-8")
    html = render_html(select(dataset_runs(read_events([events])), dataset="customers"), [events])
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;?[31m" in html
    assert "\x1b" not in tree_text(events=[events], dataset="customers")


def test_no_planted_value_in_tree_or_page(ran, tmp_path):
    out = tmp_path / "page.html"
    text = tree_text(config=ran.config_path, html=out)
    assert leaks({"tree": text, "page": out.read_text(encoding="utf-8")}, ran.planted) == []


def test_cli_command(ran, tmp_path):
    out = tmp_path / "chat.html"
    runner = CliRunner()
    arguments = ["lineage", "--config", str(ran.config_path), "--dataset", "chat_logs", "--html", str(out)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "dataset chat_logs" in result.output and "dataset customers" not in result.output
    assert f"HTML page: {out}" in result.output and out.stat().st_size > 0
    missing = runner.invoke(app, ["lineage", "--events", str(ran.events), "--run", "nope"])
    assert missing.exit_code == 2 and "no dataset run with run id 'nope'" in missing.output


def test_chromium_draws_the_graph(ran, tmp_path):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail(f"Chromium is needed for this test; install it with: {CHROMIUM_INSTALL}")
    page, png = tmp_path / "lineage.html", tmp_path / "lineage.png"
    shown = show_lineage(config=ran.config_path, html=page, out=io.StringIO())
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000", f"--screenshot={png}",
         page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    colours = png_colours(png)
    kinds = Counter(node.kind for band in layout(shown).bands for node in band.nodes)
    assert kinds["job"] == 7 and kinds["source"] >= 2 and kinds["output"] == 4  # masked datasets and their rejects
    for kind, nodes in kinds.items():
        # Each node's fill, minus its text, must be on screen: the SVG was laid out and drawn, not just parsed.
        assert colours[rgb(FILLS[kind])] > 0.6 * nodes * NODE_W * NODE_H, (kind, nodes, colours[rgb(FILLS[kind])])


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def png_colours(path: Path) -> Counter[tuple[int, int, int]]:
    """Pixel counts per RGB colour of an 8-bit, non-interlaced RGB(A) PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = data[pos + 8 : pos + 8 + length] if kind == b"IHDR" else header
        chunks += [data[pos + 8 : pos + 8 + length]] if kind == b"IDAT" else []
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, (depth, colour_type, interlace)
    bpp = 3 if colour_type == 2 else 4
    stride, raw = width * bpp, zlib.decompress(b"".join(chunks))
    previous, counts = bytearray(stride), Counter[tuple[int, int, int]]()
    for row in range(height):
        start = row * (stride + 1)
        previous = unfilter(raw[start], raw[start + 1 : start + 1 + stride], previous, bpp)
        counts.update(zip(previous[0::bpp], previous[1::bpp], previous[2::bpp], strict=True))
    return counts


def unfilter(kind: int, line: bytes, above: bytearray, bpp: int) -> bytearray:
    """PNG filter types 0-4 (None, Sub, Up, Average, Paeth) undone for one scanline."""
    if kind == 2:
        return bytearray((x + b) & 255 for x, b in zip(line, above, strict=True))
    row = bytearray(line)
    for i in range(len(row) if kind in (1, 3, 4) else 0):
        a = row[i - bpp] if i >= bpp else 0
        b, c = above[i], above[i - bpp] if i >= bpp else 0
        if kind == 1:
            row[i] = (row[i] + a) & 255
        elif kind == 3:
            row[i] = (row[i] + ((a + b) >> 1)) & 255
        else:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return row
