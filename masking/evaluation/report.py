"""``maskline eval``: build the corpus, mask it with every available runner, score it, print and save the results.

The tables are Markdown, so the output can be pasted into the README as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from masking.evaluation.corpus import CATEGORY_WEIGHTS, MAIN, Item, build_corpus
from masking.evaluation.metrics import LeakTally, Ratio, Scores, score_corpus
from masking.evaluation.runners import MasklineRunner, PresidioRunner, Runner, presidio_available, run_timed
from masking.evaluation.targets import FAMILIES, OTHER, TARGETS, family_of

Echo = Callable[[str], None]


@dataclass(frozen=True)
class RunnerResult:
    name: str
    version: str
    seconds: float
    items: int
    scores: Scores

    @property
    def texts_per_second(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")


@dataclass(frozen=True)
class EvalReport:
    seed: int
    size: int
    categories: dict[str, int]
    results: list[RunnerResult]
    notes: list[str]
    corpus: str = MAIN


def evaluate(
    seed: int, size: int, *, presidio: bool = True, progress: Echo = lambda _: None, corpus: str = MAIN
) -> EvalReport:
    progress(f"building the {corpus} corpus: seed {seed}, {size} items")
    items = build_corpus(seed, size, corpus)
    runners: list[Callable[[], Runner]] = [MasklineRunner]
    notes = []
    if not presidio:
        notes.append("Presidio skipped (--no-presidio).")
    elif not presidio_available():
        notes.append("Presidio is not installed (pip install 'maskline[bench]'): Maskline only.")
    else:
        runners.append(PresidioRunner)
    results = [_run(make, items, progress) for make in runners]
    counts = Counter(i.category for i in items)
    return EvalReport(seed, size, {c: counts[c] for c in CATEGORY_WEIGHTS if counts[c]}, results, notes, corpus)


def _run(make: Callable[[], Runner], items: list[Item], progress: Echo) -> RunnerResult:
    runner = make()
    progress(f"masking with {runner.name} {runner.version}")
    timed = run_timed(runner, items)
    progress(f"{runner.name}: {len(items)} texts in {timed.seconds:.1f} s; scoring")
    scores = score_corpus(items, timed.masked, runner.token_pattern)
    return RunnerResult(runner.name, runner.version, timed.seconds, len(items), scores)


# ---- text ---------------------------------------------------------------------------------------------


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.1%}"


def _leak(tally: LeakTally | None) -> str:
    return "-" if tally is None or not tally.n else f"{_pct(tally.rate)} ({tally.leaked})"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows), ""]


def _leak_rows(report: EvalReport) -> list[list[str]]:
    first = report.results[0].scores
    entities = sorted(first.by_entity, key=lambda e: (list(FAMILIES).index(f) if (f := family_of(e)) in FAMILIES
                                                      else len(FAMILIES), e))  # fmt: skip
    rows = []
    for entity in entities:
        tallies = [r.scores.by_entity.get(entity) for r in report.results]
        rows.append([entity, family_of(entity), str(first.by_entity[entity].n),
                     *(c for t in tallies for c in (_leak(t), _pct(t.partial_rate if t else None)))])  # fmt: skip
    for family in [*FAMILIES, OTHER]:
        if family in first.by_family:
            tallies = [r.scores.by_family.get(family) for r in report.results]
            rows.append([f"**{family}**", "", str(first.by_family[family].n),
                         *(c for t in tallies for c in (_leak(t), _pct(t.partial_rate if t else None)))])  # fmt: skip
    overall = [r.scores.overall for r in report.results]
    rows.append(["**overall**", "", str(first.overall.n),
                 *(c for t in overall for c in (_leak(t), _pct(t.partial_rate)))])  # fmt: skip
    return rows


def _ratio(ratio: Ratio) -> str:
    return f"{_pct(ratio.rate)} ({ratio.part}/{ratio.total})"


def render(report: EvalReport) -> str:
    names = [f"{r.name} {r.version}" for r in report.results]
    which = "" if report.corpus == MAIN else f"{report.corpus} (held out from rule tuning), "
    lines = [f"Corpus: {which}seed {report.seed}, {report.size} items ("
             + ", ".join(f"{c} {n}" for c, n in report.categories.items()) + ")", *report.notes, ""]
    lines += ["Leak rate per entity type (leaked values; 'any piece': some 3+ character token of the value survived)"]
    lines += _table(["entity", "family", "n", *(f"{n} {col}" for n in names for col in ("leak", "any piece"))],
                    _leak_rows(report))  # fmt: skip
    categories = list(report.categories)
    lines += ["Per category: leak / over-masking (non-sensitive tokens destroyed)"]
    lines += _table(["category", *names], [
        [c, *(f"{_pct(r.scores.by_category[c].rate) if c in r.scores.by_category else '-'} / "
              f"{_pct(r.scores.over_masking_by_category[c].rate)}" for r in report.results)] for c in categories])
    lines += ["Over-masking, JSON validity, speed"]
    lines += _table(["measure", *names], [
        ["over-masking, all tokens outside labels", *(_ratio(r.scores.over_masking) for r in report.results)],
        ["over-masking, hard negatives", *(_ratio(r.scores.hard_negative_over_masking) for r in report.results)],
        ["JSON records still valid, same structure", *(_ratio(r.scores.json_valid) for r in report.results)],
        ["masking time (s), after model load", *(f"{r.seconds:.1f}" for r in report.results)],
        ["texts/s", *(f"{r.texts_per_second:.0f}" for r in report.results)],
    ])  # fmt: skip
    lines += ["Targets"]
    rows = []
    for target in TARGETS:
        cells = []
        for result in report.results:
            value, ok = target.check(result.scores)
            cells.append(f"{_pct(value)} {'PASS' if ok else 'FAIL'}")
        rows.append([target.describe(), *cells])
    lines += _table(["target", *names], rows)
    return "\n".join(lines)


# ---- JSON ---------------------------------------------------------------------------------------------


def _tally(t: LeakTally) -> dict[str, Any]:
    return {"n": t.n, "leaked": t.leaked, "partial": t.partial, "leak_rate": t.rate, "partial_rate": t.partial_rate}


def _ratio_json(r: Ratio) -> dict[str, Any]:
    return {"part": r.part, "total": r.total, "rate": r.rate}


def to_json(report: EvalReport) -> dict[str, Any]:
    runners = {}
    for r in report.results:
        s = r.scores
        targets = []
        for target in TARGETS:
            value, ok = target.check(s)
            targets.append({"target": target.describe(), "value": value, "pass": ok})
        runners[r.name] = {
            "version": r.version, "seconds": r.seconds, "texts_per_second": r.texts_per_second,
            "by_entity": {e: _tally(t) for e, t in sorted(s.by_entity.items())},
            "by_family": {f: _tally(t) for f, t in sorted(s.by_family.items())},
            "by_category": {c: _tally(t) for c, t in sorted(s.by_category.items())},
            "overall": _tally(s.overall), "over_masking": _ratio_json(s.over_masking),
            "hard_negative_over_masking": _ratio_json(s.hard_negative_over_masking),
            "over_masking_by_category": {c: _ratio_json(v) for c, v in sorted(s.over_masking_by_category.items())},
            "json_valid": _ratio_json(s.json_valid), "targets": targets,
        }  # fmt: skip
    return {"corpus": report.corpus, "seed": report.seed, "size": report.size, "categories": report.categories,
            "notes": report.notes, "families": {f: list(e) for f, e in FAMILIES.items()},
            "runners": runners}  # fmt: skip
