"""Streaming logs: peak memory must not grow with the input, and time stays a small multiple of the floor.

Writes mixed-shape AI-log JSONL (every shape of tests/golden, with distinct fake names, emails and phones
per record and repeated system prompts), then runs each measurement in its own subprocess so that
``ru_maxrss`` is that run's peak alone:

- ``floor``: plain JSONL -> Parquet (Polars reads the lines, writes them as one string column, zstd);
- ``mask``: the real job (``run_dataset``: detect shapes, mask, typed columns, write row groups, re-scan,
  report) on 1x and 5x the records. NER is a no-op stand-in unless ``--ner`` is given (spaCy reads ~10k
  tokens/s per core, which would only measure spaCy; see FACTS.md).

    .venv/bin/python bench/bench_logs_memory.py              # 40k and 200k records, batch_rows 10k
    .venv/bin/python bench/bench_logs_memory.py --records 4000 --ner

Passes (exit 0) when peak RSS at 5x is at most 20% above 1x.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SHAPES = ["openai_chat", "openai_responses", "anthropic", "otel_genai", "langchain", "generic"]
FIRST = ["Maria", "James", "Priya", "Tom", "Lena", "Daniel", "Sofia", "Ahmed", "Yuki", "Olga", "Kwame", "Ines"]
LAST = ["Gonzalez", "Whitfield", "Raman", "Becker", "Fischer", "Okafor", "Marchetti", "Haddad", "Sato", "Ivanova"]
KEY_HEX = "6d61736b6c696e652d746573742d6b65792d6e6f742d612d7265616c2d6f6e65"  # the tests' fake key


def write_logs(path: Path, records: int) -> None:
    """Golden records with per-record fake people and numbers, so that most texts are distinct."""
    templates = [line for s in SHAPES for line in (GOLDEN / s / "input.jsonl").read_text().splitlines()]
    swaps = [("Maria Gonzalez", "{first} {last}"), ("maria.gonzalez", "{first_l}.{last_l}{n}"),
             ("James Whitfield", "{first} {last}"), ("Priya Raman", "{first} {last}"), ("Tom Becker", "{first} {last}"),
             ("Lena Fischer", "{first} {last}"), ("Daniel Okafor", "{first} {last}"), ("ORD-20931", "ORD-{n}"),
             ("415-555-0100", "415-555-{n4}"), ("4155550100", "415555{n4}"),
             ("invoice 7741", "invoice {n}")]  # fmt: skip
    with path.open("w", encoding="utf-8") as out:
        for n in range(records):
            first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
            values = {"first": first, "last": last, "first_l": first.lower(), "last_l": last.lower(), "n": n,
                      "n4": f"{n % 10_000:04d}"}
            line = templates[n % len(templates)]
            for old, new in swaps:
                line = line.replace(old, new.format(**values))
            out.write(line + "\n")


def child_floor(path: Path, out: Path) -> None:
    import polars as pl

    lines = pl.scan_csv(path, has_header=False, separator="\x1f", quote_char=None, new_columns=["record"],
                        schema={"record": pl.String})
    lines.with_row_index("line", 1).sink_parquet(out / "floor.parquet", compression="zstd")


class _NoNer:
    """Stands in for spaCy when NER is not measured."""

    model_name, version = "none", "none"
    labels = frozenset({"PERSON"})

    def spans(self, texts: list[str]) -> list[tuple[tuple[int, int, str], ...]]:
        return [() for _ in texts]


def child_mask(path: Path, out: Path, batch_rows: int, ner: bool) -> dict[str, object]:
    from datetime import date

    from masking.config import parse_config
    from masking.detectors import default_detectors
    from masking.job import Resources, run_dataset
    from masking.keys import MaskingKey
    from masking.scan import TextScanner

    config = parse_config({"output": str(out), "lineage": {"enabled": False},
                           "sources": {"logs": {"kind": "jsonl", "paths": [str(path)], "batch_rows": batch_rows}},
                           "datasets": {"logs": {"source": "logs"}}}, "bench.yaml", out)  # fmt: skip
    resources = Resources.for_config(config, MaskingKey(bytes.fromhex(KEY_HEX)))
    if not ner:
        resources.ner = _NoNer()  # type: ignore[assignment]
        resources.scanner = TextScanner(default_detectors(), resources.key, None)
    else:
        resources.ner.load()
    report = run_dataset(config, "logs", date(2026, 3, 3), resources=resources)
    return {"rows_out": report.rows_out, "residual_passed": bool(report.residual and report.residual.passed)}


def run_child(args: list[str]) -> dict[str, object]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def child_main(argv: list[str]) -> None:
    mode, path, out = argv[0], Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    import polars  # noqa: F401  (imports are not the work measured)

    if mode == "mask":
        import masking.job  # noqa: F401
    started = time.perf_counter()
    extra: dict[str, object] = {}
    if mode == "floor":
        child_floor(path, out)
    else:
        extra = child_mask(path, out, int(argv[3]), argv[4] == "ner")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "work_seconds": round(time.perf_counter() - started, 2),
                      "peak_rss_mb": round(peak_mb, 1), **extra}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000, help="records at 1x (5x is measured too)")
    parser.add_argument("--batch-rows", type=int, default=10_000)
    parser.add_argument("--ner", action="store_true", help="run the real spaCy model (slow)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="maskline-bench-") as tmp:
        for factor in (1, 5):
            logs = Path(tmp) / f"logs-{factor}x.jsonl"
            write_logs(logs, args.records * factor)
            floor = run_child(["floor", str(logs), f"{tmp}/floor-{factor}x"])
            masked = run_child(["mask", str(logs), f"{tmp}/out-{factor}x", str(args.batch_rows),
                                "ner" if args.ner else "no-ner"])
            rows.append((factor, args.records * factor, logs.stat().st_size, floor, masked))
    print(f"{'size':>4} {'records':>8} {'MB in':>6} {'floor s':>8} {'mask s':>7} {'x floor':>7} "
          f"{'floor RSS':>9} {'mask RSS':>8}")
    for factor, records, size, floor, masked in rows:
        ratio = float(masked["work_seconds"]) / max(float(floor["work_seconds"]), 1e-3)  # type: ignore[arg-type]
        print(f"{factor:>3}x {records:>8} {size / 2**20:>6.0f} {floor['work_seconds']:>8} {masked['work_seconds']:>7} "
              f"{ratio:>7.1f} {floor['peak_rss_mb']:>9} {masked['peak_rss_mb']:>8}")
    growth = float(rows[1][4]["peak_rss_mb"]) / float(rows[0][4]["peak_rss_mb"]) - 1  # type: ignore[arg-type]
    print(f"peak RSS growth 1x -> 5x: {growth:+.1%} (limit +20%); residual re-scan passed: "
          f"{all(r[4]['residual_passed'] for r in rows)}")
    sys.exit(0 if growth <= 0.20 else 1)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    else:
        main()
