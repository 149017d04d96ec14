"""Write an export view as GEXF, GraphML, Gephi CSV, node-link JSON or an HTML page.

Each ``write_*`` function takes a networkx graph from :mod:`kg.export.views` and an open
handle (binary for the XML formats, text otherwise) and never touches the file system;
:func:`export` is the one function that opens files, through :mod:`kg.io.atomic`, so a
failed export leaves no partial file.

Formats
-------
``gexf``
    GEXF 1.2 as networkx's ``GEXFWriter`` writes it, streamed by :mod:`kg.export.gexf`
    (every view from :func:`~kg.export.views.view_stream`, never built whole):
    ``viz`` colour by family, size by degree and, for small graphs, positions; node
    ``start``/``end`` (GEXF time attributes, ``timeformat="date"``) where the sources are
    dated. The ``meta`` element carries no date and no version, so the same graph gives
    the same bytes.
``graphml``
    GraphML through :func:`networkx.write_graphml` with readable key ids, plus the
    ``r``/``g``/``b``/``size``/``x``/``y`` node keys Gephi's GraphML importer reads.
``csv``
    Two files in the shape of Gephi's spreadsheet import (Data Laboratory → Import
    Spreadsheet): ``<stem>.nodes.csv`` (``Id, Label, …``) and ``<stem>.edges.csv``
    (``Source, Target, Type, Id, Label, Weight, …``), UTF-8 without BOM.
``json``
    networkx node-link JSON (``nodes``/``edges``; read with
    ``networkx.node_link_graph(data, edges="edges")``).
``html``
    One self-contained interactive page, see :mod:`kg.export.html`.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable

import networkx as nx

from kg.errors import ExportError
from kg.export.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, family_colour, layout, node_sizes
from kg.export.gexf import write_gexf
from kg.export.views import build_view, load_facts, view_stream
from kg.io.atomic import atomic_write

__all__ = ["FORMATS", "ExportResult", "export", "output_paths", "write_graphml", "write_csv", "write_json"]

FORMATS = ("gexf", "graphml", "csv", "json", "html")


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export` wrote: the files, and the view's node and edge counts."""

    paths: tuple[Path, ...]
    nodes: int
    edges: int


def _edges(G: nx.Graph) -> Iterable[tuple[Any, Any, Any, dict]]:
    """``(u, v, key, data)`` for every edge, key ``None`` for simple graphs."""
    if G.is_multigraph():
        yield from G.edges(keys=True, data=True)
    else:
        for u, v, d in G.edges(data=True):
            yield u, v, None, d


# --- GraphML ---------------------------------------------------------------------------

def _graphml_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with Gephi's visual keys and edge keys made unique ids."""
    H = G.__class__(view=G.graph.get("view", ""))
    sizes = node_sizes(G)
    pos = layout(G)
    for n, d in G.nodes(data=True):
        r, g, b = family_colour(d.get("family"))
        extra: dict[str, Any] = {"r": r, "g": g, "b": b, "size": float(sizes[n])}
        if pos is not None:
            extra.update(x=float(pos[n][0]), y=float(pos[n][1]))
        H.add_node(n, **d, **extra)
    for i, (u, v, k, d) in enumerate(_edges(G)):
        if k is None:
            H.add_edge(u, v, **d)
        else:
            H.add_edge(u, v, key=f"e{i}", **d)
    return H


def write_graphml(G: nx.Graph, fh: IO[bytes]) -> None:
    """Write ``G`` as GraphML to a binary handle (key ids are the attribute names)."""
    nx.write_graphml(_graphml_graph(G), fh, encoding="utf-8", prettyprint=True, named_key_ids=True)


# --- CSV -------------------------------------------------------------------------------

def _columns(present: set[str], schema: dict[str, type], skip: set[str]) -> list[str]:
    return [k for k in schema if k in present and k not in skip]


def write_csv(G: nx.Graph, nodes_fh: IO[str], edges_fh: IO[str]) -> None:
    """Write Gephi spreadsheet-import CSVs: one nodes table and one edges table.

    Open both handles with ``newline=""``. Columns beyond Gephi's reserved ones are the
    attributes present in the graph, in :data:`NODE_ATTRIBUTES` / ``EDGE_ATTRIBUTES``
    order; an unknown value is an empty cell.
    """
    node_keys = _columns({k for _, d in G.nodes(data=True) for k in d}, NODE_ATTRIBUTES, {"label"})
    w = csv.writer(nodes_fh, lineterminator="\n")
    w.writerow(["Id", "Label", *node_keys])
    for n, d in G.nodes(data=True):
        w.writerow([n, d.get("label", n), *(d.get(k, "") for k in node_keys)])
    edge_keys = _columns({k for *_, d in _edges(G) for k in d}, EDGE_ATTRIBUTES, {"weight"})
    kind = "Directed" if G.is_directed() else "Undirected"
    w = csv.writer(edges_fh, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", *edge_keys])
    for i, (u, v, _k, d) in enumerate(_edges(G)):
        w.writerow([u, v, kind, f"e{i}", d.get("relation", ""), d.get("weight", 1),
                    *(d.get(k, "") for k in edge_keys)])


# --- JSON ------------------------------------------------------------------------------

def write_json(G: nx.Graph, fh: IO[str]) -> None:
    """Write networkx node-link JSON (``edges`` key), UTF-8, keys sorted."""
    data = nx.node_link_data(G, edges="edges")
    json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
    fh.write("\n")


# --- orchestration ---------------------------------------------------------------------

def output_paths(out: str | os.PathLike, fmt: str) -> tuple[Path, ...]:
    """The file(s) :func:`export` writes for ``--out``.

    CSV writes two files beside each other: ``graph.csv`` (or ``graph``) becomes
    ``graph.nodes.csv`` and ``graph.edges.csv``.

    >>> [p.name for p in output_paths("out/graph.csv", "csv")]
    ['graph.nodes.csv', 'graph.edges.csv']
    """
    out = Path(out)
    if fmt != "csv":
        return (out,)
    stem = out.name[:-4] if out.name.lower().endswith(".csv") else out.name
    return (out.with_name(f"{stem}.nodes.csv"), out.with_name(f"{stem}.edges.csv"))


def export(graph: Any, out: str | os.PathLike, fmt: str, view: str = "full", **filters: Any) -> ExportResult:
    """Build one view of ``graph`` and write it to ``out`` in ``fmt``, atomically.

    Parameters
    ----------
    graph
        Path of a dataset file or store, or an opened graph (see
        :func:`kg.export.views.export_view`).
    out
        Target file; for CSV the stem of the two files (see :func:`output_paths`).
    fmt
        One of :data:`FORMATS`.
    view, **filters
        As for :func:`kg.export.views.export_view`.

    Raises
    ------
    ExportError
        Unknown format or view, bad filter, or an output folder that does not exist.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    paths = output_paths(out, fmt)
    for p in paths:
        if not p.parent.is_dir():
            raise ExportError(f"{p}: cannot write: folder {p.parent} does not exist")
    facts = load_facts(graph)
    if fmt == "gexf":  # streamed: the place-place view is never held whole
        stream = view_stream(facts, view, **filters)
        with atomic_write(paths[0], "wb") as fh:
            nodes, edges = write_gexf(stream, fh)
        return ExportResult(paths, nodes, edges)
    G = build_view(facts, view, **filters)
    if fmt == "graphml":
        with atomic_write(paths[0], "wb") as fh:
            write_graphml(G, fh)
    elif fmt == "json":
        with atomic_write(paths[0], "w", newline="\n") as fh:
            write_json(G, fh)
    elif fmt == "html":
        from kg.export.html import write_html

        with atomic_write(paths[0], "w", newline="\n") as fh:
            write_html(G, fh, graph=graph)
    else:
        with atomic_write(paths[0], "w", newline="") as nodes_fh, \
                atomic_write(paths[1], "w", newline="") as edges_fh:
            write_csv(G, nodes_fh, edges_fh)
    return ExportResult(paths, G.number_of_nodes(), G.number_of_edges())
