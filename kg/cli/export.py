"""``kg export GRAPH --format F --out FILE [--view V] [filters]``: one thin command."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli._app import app, errors_to_exit

__all__ = ["export_command"]

_HELP = """Export GRAPH (a dataset file or store) for Gephi, networkx or the browser.

Views: full (every entity and relation), scheme-place (bipartite: programmes and
initiatives to the places that run them), place-place (places linked by the schemes
they share, weighted by how many). CSV writes two files: --out g.csv gives g.nodes.csv
and g.edges.csv (Gephi: Import Spreadsheet).

Examples:

  kg export out/seeds.trig --format gexf --out seeds.gexf

  kg export out/seeds.trig --format csv --out pp.csv --view place-place --within 赤峰市

  kg export out/seeds.trig --format html --out seeds.html --family scheme --family place
"""


@app.command("export", help=_HELP)
def export_command(
    graph: Path = typer.Argument(..., help="Dataset file (.trig .nq .ttl .nt) or store directory."),
    format: str = typer.Option(..., "--format", "-f", help="gexf | graphml | csv | json | html"),
    out: Path = typer.Option(..., "--out", "-o", help="Output file (for csv: stem of the two files)."),
    view: str = typer.Option("full", "--view", help="full | scheme-place | place-place"),
    family: Optional[List[str]] = typer.Option(None, "--family", help="Keep this family (place, organisation, scheme, award); repeatable."),
    type_: Optional[List[str]] = typer.Option(None, "--type", help="Keep this class (County, Programme, …); repeatable."),
    within: Optional[str] = typer.Option(None, "--within", help="Only the gov:partOf subtree of this place (IRI, Chinese label or pinyin)."),
    document: Optional[List[str]] = typer.Option(None, "--document", help="Only what this source file states (gov:fileName); repeatable."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing on success."),
) -> None:
    from kg.export.writers import export

    with errors_to_exit():
        result = export(graph, out, format, view, families=family or (), types=type_ or (),
                        within=within, documents=document or ())
    if not quiet:
        files = ", ".join(str(p) for p in result.paths)
        print(f"{view}: {result.nodes} nodes, {result.edges} edges -> {files}", file=sys.stderr)
