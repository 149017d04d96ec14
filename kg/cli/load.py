"""`kg load GRAPHFILE --store DIR`: a dataset file into a persistent on-disk store."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app, errors_to_exit

__all__ = ["load_command"]


@app.command("load")
def load_command(
    graph_file: Path = typer.Argument(..., help="Dataset file written by kg build (.trig/.nq/.ttl/.nt)."),
    store: Path = typer.Option(..., "--store", "-s", help="Store directory to create or replace."),
) -> None:
    """Load a built graph into an on-disk Oxigraph store that every kg command accepts as GRAPH.

    Also writes the store's search index (search.sqlite, used by kg search and /search)
    and its export summary (export.sqlite: one row per entity, read by kg export).

    Example:

      kg load out/seeds.trig --store out/seeds.store && kg serve out/seeds.store
    """
    from kg.export.summary import write_summary
    from kg.search import build_store_index
    from kg.store.load import load_store

    with errors_to_exit():
        report = load_store(graph_file, store)
        index = build_store_index(report.store, graph_file)
        summary = write_summary(report.store, graph_file)
    typer.echo(f"{index.path}: search index of {index.entities} entities, {index.sentences} sentences",
               err=True)
    if summary is not None:
        typer.echo(f"{summary.path}: export summary of {summary.entities} entities, "
                   f"{summary.relations} relations", err=True)
    typer.echo(f"{report.store}: {report.quads} quads in {report.graphs} named graphs")
