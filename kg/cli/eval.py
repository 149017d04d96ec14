"""``kg eval GRAPH GOLD_DIR``: precision, recall and F1 against gold annotations."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import app, errors_to_exit

__all__ = ["eval_command"]


@app.command("eval")
def eval_command(
    graph: Path = typer.Argument(..., help="A dataset file written by kg build, or a store."),
    gold_dir: Path = typer.Argument(..., help="A folder of gold JSON files (gold/GUIDE.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores and misses as JSON."),
    misses: bool = typer.Option(False, "--misses", help="List false positives and negatives first."),
    files: Optional[str] = typer.Option(None, "--files", help="Comma-separated source files to score."),
) -> None:
    """Score GRAPH against the gold files in GOLD_DIR by the rules of gold/GUIDE.md.

    Prints a table: entities by family, entities by strict type, relations by name,
    and overall precision, recall and F1 (micro-averaged over files).

    Example: kg eval out/seeds.trig ../shared/gold/seeds --misses
    """
    from kg.eval.report import evaluate, format_misses, format_table

    only = [f for f in files.split(",") if f] if files else None
    with errors_to_exit():
        result = evaluate(graph, gold_dir, only)
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
        return
    if misses and result.misses:
        print(format_misses(result))
    print(format_table(result))
