"""The ``maskline`` command: run the job without Airflow, or build and run the demo."""

from __future__ import annotations

import logging
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from masking.errors import MasklineError

if TYPE_CHECKING:
    from masking.config import PipelineConfig
    from masking.job import Resources

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
log = logging.getLogger("maskline")


def _setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("openlineage", "urllib3", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _fail(exc: MasklineError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


def _open_run(config: Path, datasets: list[str] | None) -> tuple[PipelineConfig, list[str], Resources]:
    """Load the config, check the dataset names (before any data is read) and load the key and model."""
    from masking.config import load_config
    from masking.job import Resources

    cfg = load_config(config)
    names = datasets or list(cfg.datasets)
    for name in names:
        cfg.dataset(name)
    return cfg, names, Resources.for_config(cfg)


@app.command()
def run(
    config: Annotated[Path, typer.Option("--config", "-c", help="Pipeline config (YAML)")],
    dataset: Annotated[list[str] | None, typer.Option("--dataset", "-d", help="Dataset to run (repeatable)")] = None,
    run_date: Annotated[str | None, typer.Option("--date", help="Partition date YYYY-MM-DD (default: today)")] = None,
) -> None:
    """Mask datasets into Parquet, verify them and emit lineage, without Airflow."""
    from lineage.observer import observer_for
    from masking.job import run_dataset
    from masking.progress import progress_reporter

    _setup_logging()
    try:
        when = date.fromisoformat(run_date) if run_date else date.today()
    except ValueError:
        _fail(MasklineError(f"--date must be YYYY-MM-DD, got '{run_date}'"))
    try:
        cfg, names, resources = _open_run(config, dataset)
        observer = observer_for(cfg, resources.scrub_many)
        with progress_reporter() as progress:
            reports = [run_dataset(cfg, n, when, resources=resources, observer=observer, progress=progress)
                       for n in names]
    except MasklineError as exc:
        _fail(exc)
    for report in reports:
        typer.echo(f"{report.dataset}: {report.rows_in} rows in, {report.rows_out} out, "
                   f"{report.rows_rejected} rejected -> {report.output_path}")


@app.command()
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Where to build the demo")] = Path("demo"),
    run_date: Annotated[str | None, typer.Option("--date", help="Partition date YYYY-MM-DD")] = None,
) -> None:
    """Build demo data (a table of fake people, AI chat logs) and run the nightly DAG through Airflow."""
    from masking.demo import run_demo

    _setup_logging()
    try:
        run_demo(directory.resolve(), date.fromisoformat(run_date) if run_date else date.today())
    except MasklineError as exc:
        _fail(exc)


@app.command("lineage")
def lineage(
    events: Annotated[list[Path] | None, typer.Option("--events", "-e", help="Events file, JSONL (repeatable)")] = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="Read the config's file transport")] = None,
    dataset: Annotated[str | None, typer.Option("--dataset", "-d", help="Only this dataset")] = None,
    run_id: Annotated[str | None, typer.Option("--run", help="A DAG, parent or step run id")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a self-contained HTML page")] = None,
) -> None:
    """Browse lineage without Marquez: graph, masked columns and masking proof of the latest runs."""
    from lineage.show import show_lineage

    try:
        show_lineage(events, config, dataset, run_id, html)
    except MasklineError as exc:
        _fail(exc)


class Corpus(StrEnum):
    """Which labeled corpus ``maskline eval`` measures."""

    main = "main"
    heldout = "heldout"


@app.command("eval")
def eval_quality(
    seed: Annotated[int, typer.Option("--seed", help="Seed of the labeled corpus")] = 0,
    size: Annotated[int, typer.Option("--size", min=1, help="Number of corpus items")] = 2000,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write every number as JSON")] = None,
    no_presidio: Annotated[bool, typer.Option("--no-presidio", help="Measure Maskline only")] = False,
    corpus: Annotated[Corpus, typer.Option(help="heldout: templates kept away from rule tuning")] = Corpus.main,
) -> None:
    """Measure masking quality on a seeded labeled corpus: leaks, over-masking, JSON validity, vs Presidio."""
    import json

    from masking.evaluation.report import evaluate, render, to_json

    report = evaluate(seed, size, presidio=not no_presidio, progress=lambda m: typer.echo(m, err=True),
                      corpus=corpus.value)
    typer.echo(render(report))
    if json_out is not None:
        json_out.write_text(json.dumps(to_json(report), indent=2) + "\n", encoding="utf-8")
        typer.echo(f"results written to {json_out}", err=True)


@app.command("scan")
def scan(
    config: Annotated[Path, typer.Option("--config", "-c", help="Pipeline config (YAML)")],
    dataset: Annotated[list[str] | None, typer.Option("--dataset", "-d", help="Dataset (repeatable)")] = None,
    sample: Annotated[int, typer.Option("--sample", min=1, help="Rows (or records) sampled per dataset")] = 1000,
    write: Annotated[Path | None, typer.Option("--write", help="Write the suggested policies as YAML")] = None,
) -> None:
    """Classify columns (and JSON paths of logs): entity types, shares, confidence, suggested action, why."""
    import yaml
    from rich.console import Console
    from rich.table import Table

    from masking.classify import classify_dataset, suggested_policy

    _setup_logging()
    try:
        cfg, names, resources = _open_run(config, dataset)
        found = {name: classify_dataset(cfg, name, resources.scanner, sample) for name in names}
    except MasklineError as exc:
        _fail(exc)
    console = Console(soft_wrap=False, width=200 if not sys.stdout.isatty() else None)
    for name, columns in found.items():
        table = Table(title=f"{name}: {max((c.rows for c in columns), default=0)} values sampled per column")
        for heading in ("column", "type", "entities (share of sampled values)", "confidence", "suggested", "why"):
            table.add_column(heading)
        for c in columns:
            entities = ", ".join(f"{e} {s:.0%}" for e, s in c.entities.items()) or "-"
            action = " ".join(f"{k}={v}" for k, v in c.action.items() if k != "action")
            table.add_row(c.name, c.type, entities, c.confidence, f"{c.action['action']} {action}".strip(), c.why)
        console.print(table)
    if write is not None:
        write.write_text(yaml.safe_dump(suggested_policy(found, cfg), sort_keys=False), encoding="utf-8")
        typer.echo(f"suggested policies written to {write}")


if __name__ == "__main__":
    app()
