"""``kg validate GRAPH``: check a built graph against the SHACL shapes."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app, errors_to_exit

__all__ = ["validate_command"]


@app.command("validate")
def validate_command(
    graph: Path = typer.Argument(..., help="A dataset file written by kg build (.trig, .nq, .ttl, .nt)."),
) -> None:
    """Validate GRAPH against ontology/shapes.ttl with pySHACL.

    Prints "Conforms: …" and exits 0, or one line per violation (node, label, property,
    value, message) and exits 1.

    Example: kg validate out/seeds.trig
    """
    from kg.rdf.validate import validate_file

    with errors_to_exit():
        report = validate_file(graph)
    print(report.text())
    if not report.conforms:
        raise typer.Exit(1)
