"""Cost guards: Python matching stays linear on adversarial text; the Polars alternation can be timed.

Only distinct candidate spans reach Python, but a candidate can be long (a PEM block runs to the end of a
truncated text), and every detector then runs over it. The benchmark of the combined alternation builds demo
chat logs and takes a minute, so it runs on request::

    MASKLINE_BENCH=1 .venv/bin/python -m pytest tests/test_detectors_perf.py -s -k alternation
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import orjson
import polars as pl
import pytest

from masking.detectors import default_detectors
from masking.scan import TextScanner

ADVERSARIAL = {
    "dotted run": "a." * 20_000,
    "dashed run": "a-" * 20_000,
    "key then dotted run": "signing key " + "a." * 20_000,
    "user then dotted run": "user=" + "a." * 20_000,
    "numbers and dots": "1." * 20_000,
    "colon groups": "a:" * 20_000,
    "connection string settings": "host=a;" * 6_000,
    "truncated PEM": "-----BEGIN PRIVATE KEY-----\\n" + "a.b-" * 10_000,
    "house numbers": "1 A " * 10_000,
    "long token": "Bearer " + "a" * 40_000,
    "JSON keys": '"age": "dob": "npi": ' * 2_000,
}


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_python_matching_stays_linear(text: str) -> None:
    for detector in default_detectors():
        start = time.process_time()
        detector.find(text)
        assert time.process_time() - start < 1.0, detector.name  # linear is ~0.01 s here; quadratic is minutes


@pytest.mark.skipif(not os.environ.get("MASKLINE_BENCH"), reason="set MASKLINE_BENCH=1 to time the alternation")
def test_alternation_timing_on_chat_logs(tmp_path: Path) -> None:
    from masking.demo_data import build_demo_data

    demo = build_demo_data(tmp_path, customers=300, conversations=15_000)
    texts: list[str] = []
    for path in sorted(Path(demo.logs_glob).parent.glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            texts.append(line.decode())
            with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError):
                texts += [m["content"] for m in orjson.loads(line)["request"]["messages"]]
    column = pl.Series(texts)
    scanner = TextScanner(default_detectors(), None, None)
    combined = "|".join(f"(?:{d.polars_pattern})" for d in default_detectors())
    groups = [pattern for _, pattern in scanner._groups]
    timings = {}
    for label, patterns in (("one alternation", [combined]), (f"{len(groups)} groups", groups)):
        for pattern in patterns:
            column.str.replace_all(pattern, "x")  # compile
        start = time.perf_counter()
        for pattern in patterns:
            column.str.replace_all(pattern, "\x00$0\x00")
        timings[label] = time.perf_counter() - start
    print(
        f"\n{len(default_detectors())} detectors, {column.len()} texts, {column.str.len_bytes().sum() / 1e6:.1f} MB: "
        + ", ".join(f"{label} {seconds:.2f} s" for label, seconds in timings.items())
    )
