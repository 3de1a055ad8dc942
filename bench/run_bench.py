"""Maskline throughput benchmark: seconds, rows/s and a ratio to a plain copy measured in the same run.

The machine is shared and noisy, so absolute seconds mean little from one run to the next. Every Maskline
number is therefore reported next to a baseline that does the least work a masking job could do on the same
data ("read it, write zstd Parquet"), measured in the same process and interleaved with the Maskline
repetitions, as ``ratio = baseline_seconds / maskline_seconds`` (1.0x = as fast as the plain copy).

Run from the project root::

    .venv/bin/python bench/run_bench.py                                  # default scale, ~5-6 min on 2 cores
    .venv/bin/python bench/run_bench.py --customers 2000 --conversations 500 --json /tmp/bench.json

This is a benchmark, not a test: it asserts nothing about speed. See bench/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import copy
import gc
import glob
import json
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow.parquet as pq
import yaml

from masking.config import PipelineConfig, parse_config
from masking.demo import DEMO_CONFIG
from masking.demo_data import DemoData, build_demo_data
from masking.detectors import default_detectors
from masking.job import Resources, column_actions, run_dataset
from masking.keys import MaskingKey
from masking.ner import NerModel
from masking.report import MaskingReport, StepRecord
from masking.scan import TextScanner
from masking.sink import DATA_FILE
from masking.verify import verify_files

RUN_DATE = date(2026, 3, 4)
KEY = MaskingKey(b"b" * 32)
TABLE = "main.customers"
BASELINE_RUNS_PER_REPETITION = 3  # the copies take ~0.1 s: run them a few times so their median is stable

# The demo's customers policy: every column is listed, and ``notes`` is the only one the scanner reads.
CUSTOMER_POLICY: dict[str, Any] = yaml.safe_load(DEMO_CONFIG)["datasets"]["customers"]["policy"]


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


# ---- results ------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the results table."""

    name: str
    rows: int
    baseline: str | None = None  # name of the row this one is compared with
    part_of: str | None = None  # for in-run stages: the whole run they are part of
    note: str = ""
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


class Results:
    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}

    def add(self, name: str, rows: int, *, baseline: str | None = None, part_of: str | None = None,
            note: str = "") -> str:
        assert name not in self.rows, name
        self.rows[name] = Row(name, rows, baseline, part_of, note)
        return name

    def record(self, name: str, seconds: float) -> None:
        self.rows[name].seconds.append(seconds)

    def timed(self, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        gc.collect()
        start = time.perf_counter()
        result = fn(*args)
        self.record(name, time.perf_counter() - start)
        return result

    def as_list(self) -> list[dict[str, Any]]:
        out = []
        for row in self.rows.values():
            if not row.seconds:
                continue
            median = row.median
            item: dict[str, Any] = {
                "name": row.name, "rows": row.rows, "seconds_median": round(median, 4),
                "seconds_all": [round(s, 4) for s in row.seconds],
                "rows_per_s": round(row.rows / median, 1) if median > 0 else None,
                "baseline": row.baseline, "part_of": row.part_of, "note": row.note,
            }  # fmt: skip
            if row.baseline and median > 0:
                item["ratio"] = round(self.rows[row.baseline].median / median, 5)
            if row.part_of and self.rows[row.part_of].seconds:
                item["share_of_run"] = round(median / self.rows[row.part_of].median, 4)
            out.append(item)
        return out


# ---- in-run stage timing ------------------------------------------------------------------------------


class StageClock:
    """Times the stages inside one ``run_dataset`` call, without touching Maskline's code.

    It is the run's step observer (extract/mask and verify are steps), and it wraps methods of the run's own
    ``TextScanner`` and ``NerModel`` *instances* (never the classes), so other objects are unaffected.
    """

    def __init__(self, resources: Resources) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._step_start: dict[str, float] = {}
        self.step = "other"
        scanner, ner = resources.scanner, resources.ner
        for obj, method in ((scanner, "mask"), (scanner, "find"), (scanner, "_regex_stage"),
                            (scanner, "_ner_stage"), (ner, "spans")):  # fmt: skip
            if hasattr(obj, method):  # private names may change: then that part of the breakdown is missing
                setattr(obj, method, self._wrap(method, getattr(obj, method)))

    def _wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                key = f"{self.step}:{name}"
                self.totals[key] += time.perf_counter() - start
                self.calls[key] += 1

        return timed

    # StepObserver
    def step_started(self, step: StepRecord) -> None:
        self._step_start[step.step] = time.perf_counter()
        if step.step in ("mask", "verify"):
            self.step = step.step

    def step_completed(self, step: StepRecord) -> None:
        start = self._step_start.pop(step.step, None)  # an observer must never raise
        if start is not None:
            self.totals[f"step:{step.step}"] += time.perf_counter() - start
        if step.step == self.step:
            self.step = "other"

    def step_failed(self, step: StepRecord, error: BaseException) -> None:
        self.step_completed(step)


# ---- the benchmark ------------------------------------------------------------------------------------


class Bench:
    def __init__(self, work: Path, data: DemoData) -> None:
        self.work = work
        self.data = data
        self._outputs = 0

    def fresh_dir(self, label: str) -> Path:
        self._outputs += 1
        path = self.work / "runs" / f"{label}-{self._outputs:03d}"
        path.mkdir(parents=True)
        return path

    def config(self, output: Path) -> PipelineConfig:
        data = {
            "version": 1, "output": str(output),
            "sources": {"production": {"kind": "duckdb", "path": str(self.data.duckdb_path)},
                        "chat_logs": {"kind": "jsonl", "paths": [self.data.logs_glob]}},
            "datasets": {"customers": {"source": "production", "table": TABLE,
                                       "policy": copy.deepcopy(CUSTOMER_POLICY)},
                         "chat_logs": {"source": "chat_logs"}},
            "lineage": {"enabled": False},
        }  # fmt: skip
        return parse_config(data, str(output / "maskline.yaml"), output)

    @staticmethod
    def resources(config: PipelineConfig) -> Resources:
        """Fresh resources (cold NER memo and candidate caches), as a new job process has them."""
        return Resources(KEY, NerModel(config.ner.model, config.ner.entities, config.ner.batch_size))

    # baselines
    def table_copy(self) -> None:
        out = self.fresh_dir("copy") / "customers.parquet"
        con = duckdb.connect(str(self.data.duckdb_path), read_only=True)
        try:
            table = con.sql(f"SELECT * FROM {TABLE}").to_arrow_table()
        finally:
            con.close()
        pq.write_table(table, out, compression="zstd")
        shutil.rmtree(out.parent, ignore_errors=True)

    def logs_copy(self) -> None:
        out = self.fresh_dir("logcopy") / "logs.parquet"
        _read_lines(self.data.logs_glob).write_parquet(out, compression="zstd")
        shutil.rmtree(out.parent, ignore_errors=True)

    # Maskline
    def maskline(self, dataset: str) -> tuple[MaskingReport, StageClock, Resources, Path]:
        """One ``run_dataset`` into a fresh output dir, with fresh resources. Returns what the caller cleans up."""
        output = self.fresh_dir(dataset)
        config = self.config(output)
        resources = self.resources(config)
        clock = StageClock(resources)
        gc.collect()
        start = time.perf_counter()
        report = run_dataset(config, dataset, RUN_DATE, resources=resources, observer=clock)
        clock.totals["run"] = time.perf_counter() - start
        return report, clock, resources, output


def _read_lines(pattern: str) -> pl.DataFrame:
    reader = getattr(pl, "read_lines", None)  # unstable in Polars 2.x: fall back to plain Python
    if reader is not None:
        return reader(pattern, name="record")
    lines: list[str] = []
    for path in sorted(glob.glob(pattern)):
        lines += Path(path).read_text(encoding="utf-8").splitlines()
    return pl.DataFrame({"record": lines}, schema={"record": pl.String})


def _notes(path: Path) -> pl.Series:
    con = duckdb.connect(str(path), read_only=True)
    try:
        frame = pl.from_arrow(con.sql(f"SELECT notes FROM {TABLE} ORDER BY id").to_arrow_table())
    finally:
        con.close()
    assert isinstance(frame, pl.DataFrame)
    return frame["notes"]


def _residual_files(report: MaskingReport) -> list[Path]:
    return [Path(p) / DATA_FILE for p in (report.output_path, report.rejects_path) if p]


def _warm_up(root: Path) -> None:
    """Run every timed code path once on a tiny data set: imports, regex compilation, spaCy's first batches."""
    tiny = Bench(root, build_demo_data(root / "data", seed=1, customers=300, conversations=60))
    tiny.table_copy()
    tiny.logs_copy()
    for dataset in ("customers", "chat_logs"):
        out = tiny.maskline(dataset)[3]  # run_dataset includes its verify step
        shutil.rmtree(out, ignore_errors=True)
    TextScanner(default_detectors(), KEY, None).mask(_notes(tiny.data.duckdb_path))
    shutil.rmtree(root, ignore_errors=True)


def _add_rows(results: Results, table_rows: int, log_rows: int, standalone: bool) -> dict[str, str]:
    r: dict[str, str] = {}
    r["copy"] = results.add("baseline: table -> Parquet (duckdb, pyarrow)", table_rows,
                            note="duckdb SELECT * -> Arrow -> pyarrow zstd Parquet")
    r["logcopy"] = results.add("baseline: JSONL -> Parquet, 1 string column", log_rows,
                               note="pl.read_lines -> zstd Parquet; no JSON parsing")
    for ds, rows, base in (("customers", table_rows, r["copy"]), ("chat_logs", log_rows, r["logcopy"])):
        run = r[ds] = results.add(f"maskline: {ds} run_dataset", rows, baseline=base,
                                  note="extract + mask + write + verify + publish, fresh Resources")
        r[f"{ds}:mask"] = results.add(f"  {ds} in-run: extract+mask+write", rows, baseline=base, part_of=run,
                                      note="the extract step, which encloses mask and write (observer)")
        r[f"{ds}:regex"] = results.add(f"  {ds} in-run: regex stage", rows, baseline=base, part_of=run,
                                       note="TextScanner._regex_stage during the mask step")
        r[f"{ds}:ner"] = results.add(f"  {ds} in-run: NER stage", rows, baseline=base,
                                     part_of=run, note="TextScanner._ner_stage during the mask step")
        r[f"{ds}:spacy"] = results.add(f"  {ds} in-run:   spaCy (NerModel.spans)", rows, baseline=base,
                                       part_of=run, note="NerModel.spans during the mask step")
        r[f"{ds}:verify"] = results.add(f"  {ds} in-run: verify+publish", rows, baseline=base,
                                        part_of=run, note="the verify step (observer): verify_files + publish")
    r["regex_only"] = results.add("stage: notes regex scan only", table_rows, baseline=r["copy"],
                                  note="TextScanner(default_detectors(), key, None).mask(notes), fresh scanner")
    if standalone:
        r["full"] = results.add("stage: notes regex+NER, fresh NerModel", table_rows, baseline=r["copy"],
                                note="TextScanner(default_detectors(), key, NerModel(...)).mask(notes)")
        r["verify_cold"] = results.add("stage: customers verify_files, cold memo", table_rows,
                                       baseline=r["copy"], note="verify_files with a fresh scanner and NerModel")
    return r


def _record_run(results: Results, r: dict[str, str], ds: str, clock: StageClock) -> None:
    t = clock.totals
    results.record(r[ds], t["run"])
    results.record(r[f"{ds}:mask"], t["step:extract"])  # encloses the mask step
    results.record(r[f"{ds}:verify"], t["step:verify"])
    for suffix, key in (("regex", "mask:_regex_stage"), ("ner", "mask:_ner_stage"), ("spacy", "mask:spans")):
        if key in t:  # missing when Maskline renamed the method (see StageClock) or never called it
            results.record(r[f"{ds}:{suffix}"], t[key])


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = datetime.now(UTC)
    wall = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="maskline-bench-", dir=args.workdir))
    try:
        say(f"building demo data: {args.customers} customers, {args.conversations} conversations in {work}")
        t0 = time.perf_counter()
        data = build_demo_data(work / "data", seed=args.seed, customers=args.customers,
                               conversations=args.conversations)  # fmt: skip
        build_s = time.perf_counter() - t0
        say(f"demo data built in {build_s:.1f} s (not counted)")
        bench = Bench(work, data)
        log_rows = data.log_records + data.malformed_lines
        log_bytes = sum(Path(p).stat().st_size for p in glob.glob(data.logs_glob))
        notes = _notes(data.duckdb_path)
        rss_before_spacy = peak_rss_mb()

        # The spaCy model loads once per process (cached by NerModel): reported apart, never inside a timing.
        say("loading the spaCy model")
        config = bench.config(bench.fresh_dir("probe"))
        t0 = time.perf_counter()
        model = NerModel(config.ner.model, config.ner.entities, config.ner.batch_size)
        model.load()
        spacy_load_s = time.perf_counter() - t0
        say(f"spaCy {model.version} loaded in {spacy_load_s:.1f} s (not counted)")

        say("warm-up on a tiny data set (not counted)")
        t0 = time.perf_counter()
        _warm_up(work / "warm-up")
        bench.table_copy()  # and the real files into the page cache
        bench.logs_copy()
        warmup_s = time.perf_counter() - t0
        say(f"warm-up done in {warmup_s:.1f} s")

        results = Results()
        r = _add_rows(results, args.customers, log_rows, args.standalone)
        extra: dict[str, Any] = {}
        # Baselines and Maskline alternate in every repetition, so drift in the machine's load hits both.
        for rep in range(1, args.repeat + 1):
            tag = f"repetition {rep}/{args.repeat}"
            say(f"{tag}: baselines")
            for _ in range(BASELINE_RUNS_PER_REPETITION):
                results.timed(r["copy"], bench.table_copy)
                results.timed(r["logcopy"], bench.logs_copy)
            for ds in ("customers", "chat_logs"):
                say(f"{tag}: maskline {ds}")
                report, clock, resources, out = bench.maskline(ds)
                _record_run(results, r, ds, clock)
                say(f"{tag}: maskline {ds} took {clock.totals['run']:.1f} s")
                extra.setdefault(ds, {
                    "output_bytes": report.output.bytes, "rows_out": report.rows_out,
                    "rows_rejected": report.rows_rejected,
                    "residual_passed": bool(report.residual and report.residual.passed),
                    "ner_texts_read": len(getattr(resources.ner, "_cache", ())),
                    "first_run_seconds": {k: round(v, 3) for k, v in sorted(clock.totals.items())},
                    "first_run_calls": dict(sorted(clock.calls.items())),
                })  # fmt: skip
                if args.standalone and ds == "customers":
                    say(f"{tag}: customers verify_files with a cold memo")
                    fresh = bench.resources(config)
                    actions = column_actions(report.columns)
                    results.timed(r["verify_cold"], verify_files, _residual_files(report), actions, fresh.scanner)
                shutil.rmtree(out, ignore_errors=True)
            say(f"{tag}: notes column stages")
            results.timed(r["regex_only"], TextScanner(default_detectors(), KEY, None).mask, notes)
            if args.standalone:
                ner = NerModel(config.ner.model, config.ner.entities, config.ner.batch_size)  # cold memo
                results.timed(r["full"], TextScanner(default_detectors(), KEY, ner).mask, notes)

        return {
            "started_at": started.isoformat(timespec="seconds"),
            "wall_s": round(time.perf_counter() - wall, 1),
            "host": {"python": platform.python_version(), "machine": platform.machine(), "cpus": _cpus(),
                     "polars": pl.__version__, "duckdb": duckdb.__version__},
            "scale": {"customers": args.customers, "notes_non_null": notes.len() - notes.null_count(),
                      "conversations": args.conversations, "log_lines": log_rows, "log_bytes": log_bytes,
                      "seed": args.seed, "repeat": args.repeat, "standalone": args.standalone},
            "not_counted": {"demo_build_s": round(build_s, 2), "spacy_load_s": round(spacy_load_s, 2),
                            "warmup_s": round(warmup_s, 2), "spacy_model": model.version},
            "memory": {"peak_rss_mb_before_spacy": round(rss_before_spacy, 1), "peak_rss_mb": round(peak_rss_mb(), 1)},
            "runs": extra,
            "results": results.as_list(),
        }  # fmt: skip
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def render(report: dict[str, Any]) -> str:
    scale, nc, host, mem = report["scale"], report["not_counted"], report["host"], report["memory"]
    width = 46
    lines = [
        f"Maskline benchmark {report['started_at']}: {host['cpus']} CPUs, Python {host['python']}, "
        f"Polars {host['polars']}, DuckDB {host['duckdb']}",
        f"scale: {scale['customers']} customers ({scale['notes_non_null']} non-null notes), {scale['conversations']} "
        f"conversations ({scale['log_lines']} log lines, {scale['log_bytes'] / 1e6:.1f} MB); "
        f"median of {scale['repeat']} repetitions",
        "",
        f"{'what':<{width}} {'rows':>7} {'median s':>9} {'rows/s':>9} {'ratio':>8} {'of run':>7}",
        "-" * (width + 45),
    ]
    for item in report["results"]:
        ratio = f"{item['ratio']:.3g}x" if "ratio" in item else "ref"
        share = f"{item['share_of_run']:.0%}" if "share_of_run" in item else ""
        rate = f"{item['rows_per_s']:,.0f}" if item["rows_per_s"] is not None else "-"
        lines.append(f"{item['name']:<{width}} {item['rows']:>7} {item['seconds_median']:>9.3f} {rate:>9} "
                     f"{ratio:>8} {share:>7}")
    lines += [
        "-" * (width + 45),
        "ratio = baseline median s / this row's median s (1.0x = as fast as the plain copy; higher is better)",
        f"not counted: demo build {nc['demo_build_s']:.1f} s, spaCy load {nc['spacy_load_s']:.1f} s "
        f"({nc['spacy_model']}), warm-up {nc['warmup_s']:.1f} s; whole benchmark {report['wall_s']:.0f} s",
        f"peak RSS: {mem['peak_rss_mb']:.0f} MB ({mem['peak_rss_mb_before_spacy']:.0f} MB before spaCy loaded)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maskline throughput, as a ratio to a plain Parquet copy.")
    parser.add_argument("--customers", type=int, default=20_000, help="rows of main.customers (default 20000)")
    parser.add_argument("--conversations", type=int, default=5_000, help="chat log records (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions; medians are reported (default 3)")
    parser.add_argument("--standalone", action="store_true",
                        help="also time the notes regex+NER scan and a cold-memo verify on their own "
                             "(adds ~95 s per repetition at default scale)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=7, help="demo data seed (default 7)")
    parser.add_argument("--json", type=Path, help="also write every number to this JSON file")
    parser.add_argument("--workdir", type=Path, help="parent of the temp dir (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (demo data) for inspection")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.customers < 1 or args.conversations < 1:
        parser.error("--repeat, --customers and --conversations must be at least 1")
    report = run(args)
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        say(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
