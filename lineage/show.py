"""``maskline lineage``: find the event files, pick the runs, print the tree and write the HTML page."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from lineage.browse import DatasetRun, LineageBrowseError, dataset_runs, read_events, select
from lineage.html import write_html
from lineage.tree import console_for, print_tree


def show_lineage(
    events: list[Path] | None = None,
    config: Path | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    html: Path | None = None,
    out: IO[str] | None = None,
) -> list[DatasetRun]:
    """Print the chosen dataset runs as a tree to ``out`` and, with ``html``, write the page too."""
    files = event_files(events, config)
    runs = select(dataset_runs(read_events(files)), dataset=dataset, run_id=run_id)
    console = console_for(out or sys.stdout)
    print_tree(runs, console, title=f"Maskline lineage from {', '.join(str(f) for f in files)}")
    if html is not None:
        write_html(runs, html, files)
        console.print(f"HTML page: {html}", markup=False, highlight=False)
    return runs


def event_files(events: list[Path] | None, config: Path | None) -> list[Path]:
    """``--events``, else the config's file transport and its sibling JSONL files: under Airflow, Maskline's
    step events travel the provider's transport, which the demo writes beside it."""
    if events:
        return list(events)
    if config is None:
        if not Path("maskline.yaml").is_file():
            raise LineageBrowseError("pass --events FILE or --config FILE (there is no maskline.yaml here)")
        config = Path("maskline.yaml")
    from masking.config import load_config

    settings = load_config(config)
    transport = settings.lineage.transport
    if transport.type != "file":
        raise LineageBrowseError(
            f"{config} sends lineage to the {transport.type} transport; pass --events FILE to read a file"
        )
    main = settings.output_root / transport.path
    siblings = sorted(p for p in main.parent.glob("*.jsonl") if p != main) if main.parent.is_dir() else []
    files = ([main] if main.is_file() else []) + siblings
    if not files:
        raise LineageBrowseError(f"no lineage events yet: {main} does not exist")
    return files
