"""`kg search GRAPH TEXT [--format table|csv|json|ids]`: entities and evidence sentences containing TEXT."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app, errors_to_exit
from kg.errors import UsageError

__all__ = ["search_command"]


@app.command("search")
def search_command(
    graph: Path = typer.Argument(..., help="Store directory (uses its index) or dataset file (indexed in memory)."),
    text: str = typer.Argument(..., help="Chinese text, an alias, or pinyin (tone-less; case and spaces ignored)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | json | ids (entity IRIs for search_entities)."),
    limit: int = typer.Option(50, "--limit", min=1, help="Most entities and most sentences shown (each)."),
) -> None:
    """Find entities whose label, alias or pinyin contains TEXT, and evidence sentences containing it.

    Entities come first (exact name, then prefix, then contains; label before alias before
    pinyin), then sentences, each with its file, article and character offsets.

    Examples:

      kg search out/seeds.store wulatehouqi

      kg search out/seeds.trig 一村一警 --format json

      kg query out/seeds.store search_entities --param entities="$(kg search out/seeds.store 综治 --format ids)"
    """
    from kg.search import open_index
    from kg.search.output import FORMATS, format_hits
    from kg.store.load import is_store_dir

    with errors_to_exit():
        if fmt not in FORMATS:
            raise UsageError(f"unknown --format {fmt!r}; expected one of {', '.join(FORMATS)}")
        if not text.strip():
            raise UsageError("TEXT is empty")
        with open_index(graph) as idx:
            if idx.built and is_store_dir(graph):
                typer.echo(f"note: {graph} has no current search index; built one in memory "
                           "(kg load writes it)", err=True)
            hits = idx.find(text, limit=limit)
    out = format_hits(hits, fmt, text)
    typer.echo(out, nl=not out.endswith("\n"))
