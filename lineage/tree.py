"""The terminal view: parent run -> dataset run -> step jobs with their datasets, then a table of columns
and the masking proof. Colours on a terminal, plain text otherwise; event strings are never markup."""

from __future__ import annotations

import sys
from typing import IO

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from lineage.browse import DatasetRun, DatasetUse, StepRun, by_parent
from lineage.columns import Proof

STATE_STYLES = {"COMPLETE": "green", "FAIL": "bold red", "ABORT": "yellow", "RUNNING": "cyan"}


def console_for(file: IO[str] | None = None, width: int | None = None) -> Console:
    """A console that styles only on a terminal; a pipe or file gets plain text, wide enough not to wrap."""
    out = file or sys.stdout
    terminal = out.isatty()
    return Console(file=out, force_terminal=terminal, no_color=not terminal, highlight=False,
                   width=width or (None if terminal else 200), soft_wrap=False)


def print_tree(runs: list[DatasetRun], console: Console, title: str = "Maskline lineage") -> None:
    if console.is_terminal:
        console.print(lineage_tree(runs, title))
        return
    with console.capture() as captured:  # tables pad every cell: drop the trailing blanks a file would keep
        console.print(lineage_tree(runs, title))
    console.file.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")


def lineage_tree(runs: list[DatasetRun], title: str) -> Tree:
    tree = Tree(Text(f"{title}: {len(runs)} dataset run(s)", style="bold"))
    for parent, members in by_parent(runs):
        label = Text.assemble(("parent run ", "dim"), (parent.job, "bold"), f"  {parent.run_id}")
        if parent.root_run_id and parent.root_run_id != parent.run_id:
            label.append(f"  (root {parent.root_job} {parent.root_run_id})", style="dim")
        branch = tree.add(label)
        for run in members:
            _run_branch(branch, run)
    return tree


def _run_branch(parent: Tree, run: DatasetRun) -> None:
    label = Text.assemble(("dataset ", "dim"), (run.dataset, "bold"), "  ", _state(run.state),
                          (f"  run date {run.run_date or '?'}  pipeline {run.pipeline}  namespace {run.namespace}",
                           "dim"))
    branch = parent.add(label)
    for step in run.steps:
        _step_branch(branch, step)
    if run.columns:
        branch.add(Group(Text("columns", style="bold"), _columns_table(run)))
    if run.proof is not None:
        branch.add(Group(Text("masking proof", style="bold"), _proof_table(run.proof)))
    else:
        branch.add(Text("masking proof: none (the verify step did not complete)", style="yellow"))


def _step_branch(parent: Tree, step: StepRun) -> None:
    label = Text.assemble((step.step, "bold"), "  ", (step.job, "cyan"), "  ", _state(step.state),
                          (f"  {step.timing}  run {step.run_id}", "dim"))
    branch = parent.add(label)
    for use in step.inputs:
        branch.add(_use("in ", use))
    for use in step.outputs:
        branch.add(_use("out", use))
    if step.error:
        branch.add(Text(f"error: {step.error}", style="red"))


def _use(direction: str, use: DatasetUse) -> Text:
    rows = f"  ({use.rows:,} rows)" if use.rows is not None else ""
    return Text.assemble((f"{direction} ", "dim"), f"{use.id.namespace}:", (use.id.name, "blue"), rows)


def _state(state: str) -> Text:
    return Text(state, style=STATE_STYLES.get(state, ""))


def _columns_table(run: DatasetRun) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for header in ("column", "how (action: what it does)", "masking", "values masked", "entities replaced", "re-scan"):
        table.add_column(header, justify="right" if header == "values masked" else "left")
    for column in run.columns:
        flag = Text("yes", style="green") if column.masking else Text("no" if column.masking is False else "-")
        name = column.name + (" (not in policy)" if column.unlisted else "")
        entities = ", ".join(f"{k}={v:,}" for k, v in sorted(column.entities.items()))
        masked = "" if column.values_masked is None else f"{column.values_masked:,}"
        rescan = Text(column.rescan, style="bold red" if column.rescan.startswith("FOUND") else "")
        table.add_row(Text(name), Text(column.how), flag, masked, Text(entities), rescan)
    return table


def _proof_table(proof: Proof) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="dim")
    table.add_column()
    rows = [
        ("policy sha256", proof.policy_sha256),
        ("key id", proof.key_id),
        ("model", proof.model),
        ("maskline version", proof.maskline_version),
        ("rows", f"in {proof.rows_in:,} = out {proof.rows_out:,} + rejected {proof.rows_rejected:,}"),
        ("reject reasons", ", ".join(f"{k}: {v:,}" for k, v in proof.reject_reasons.items()) or "-"),
        ("residual re-scan", proof.rescan_summary),
        ("detectors", f"{len(proof.detectors)}: " + ", ".join(proof.detectors)),
    ]
    for label, value in rows:
        style = "bold red" if label == "residual re-scan" and not proof.residual_passed else ""
        table.add_row(label, Text(value, style=style))
    return table
