"""``kg build SOURCE... --out FILE``: build a dataset from source pages."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli._app import app, errors_to_exit

__all__ = ["build_command"]


@app.command("build")
def build_command(
    sources: List[Path] = typer.Argument(..., help="Source .txt files or folders of them."),
    out: Path = typer.Option(..., "--out", "-o",
                             help="Output file: .trig or .nq (named graphs), .ttl or .nt (merged)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                          help="Worker processes (default: this process)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no summary line."),
) -> None:
    """Build a knowledge graph from SOURCE pages into FILE, atomically.

    Prints a one-line summary. A source that cannot be read is reported as
    ``Error: <path>: <reason>`` on stderr; the others are still written and the exit
    status is 1.

    Example: kg build seeds/ --out out/seeds.trig
    """
    from kg.build import build

    with errors_to_exit():
        try:
            summary = build(sources, out, workers=workers)
        except ValueError as err:
            print(f"Error: {err}", file=sys.stderr)
            raise typer.Exit(2) from err
        except OSError as err:
            print(f"Error: {out}: {err.strerror or err}", file=sys.stderr)
            raise typer.Exit(1) from err
    for err in summary.errors:
        print(f"Error: {err}", file=sys.stderr)
    if not quiet:
        print(summary.line())
    if summary.errors:
        raise typer.Exit(1)
