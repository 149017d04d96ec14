"""`kg query GRAPH QUERY [--param NAME=VALUE]... [--format table|csv|tsv|json]`."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import app, errors_to_exit
from kg.errors import UsageError

__all__ = ["query_command"]

_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")


@app.command("query")
def query_command(
    graph: Path = typer.Argument(..., help="Dataset file (.trig/.nq/.ttl/.nt) or store directory."),
    query: Optional[str] = typer.Argument(
        None, help="A .rq file or the name of a query in queries/ (without .rq)."),
    expr: Optional[str] = typer.Option(None, "-e", "--expr", help="SPARQL text instead of QUERY."),
    param: list[str] = typer.Option(
        [], "--param", "-p", help="NAME=VALUE, bound to ?NAME as an RDF term (repeatable)."),
    fmt: str = typer.Option("table", "--format", "-f",
                            help="table | csv | tsv | json | xml (SELECT/ASK); turtle | nt (graphs)."),
    engine: str = typer.Option("oxigraph", "--engine", help="oxigraph | rdflib (for a file)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Print at most this many rows."),
    base: Optional[str] = typer.Option(None, "--base", help="Base IRI for relative IRIs in the query."),
    allow_service: list[str] = typer.Option(
        [], "--allow-service", help="A host SERVICE may call (repeatable). None by default."),
) -> None:
    """Run a SPARQL query on GRAPH and print the result.

    Examples:

      kg query out/seeds.trig rollup_schemes --param place=巴彦淖尔市

      kg query out/seeds.trig label_lookup --param name=Wulatehouqi --format json

      kg query out/store -e 'SELECT DISTINCT ?c WHERE { ?c a gov:County }'
    """
    from kg.store.query import write_query

    with errors_to_exit():
        if fmt not in _FORMATS:
            raise UsageError(f"unknown --format {fmt!r}; expected one of {', '.join(_FORMATS)}")
        try:
            write_query(graph, query, out=sys.stdout, fmt=fmt, expr=expr, params=param,
                        engine=engine, limit=limit, base=base, allow_service=allow_service)
            sys.stdout.flush()
        except BrokenPipeError:  # `kg query … | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error at exit
