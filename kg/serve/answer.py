"""One SPARQL request → one HTTP answer (status, media type, body): content negotiation.

Runs inside a query worker (:mod:`kg.serve.pool`). The media-type tables are constants;
results are written by :mod:`kg.store.results`. Errors become explicit JSON bodies:
400 with line and column for a bad query, 406 when no acceptable format exists.
"""
from __future__ import annotations

import json
import sys
from typing import Sequence

from kg.errors import KgError, QueryError
from kg.store.engines import KGraph
from kg.store.query import parse_params
from kg.store.results import format_result

__all__ = ["TABLE_TYPES", "GRAPH_TYPES", "FORMAT_NAMES", "parse_accept", "choose", "answer",
           "error_body"]

#: Media type → writer for SELECT/ASK results (first is the default).
TABLE_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Media type → writer for CONSTRUCT/DESCRIBE results (first is the default).
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
#: ``format=`` names (download links) → media type.
FORMAT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
}


def parse_accept(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (by q, then by order).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    ['application/sparql-results+json', 'text/csv']
    """
    if not header:
        return ["*/*"]
    items = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((-q, i, media))
    return [m for _, _, m in sorted(items)]


def choose(kind: str, accept: Sequence[str]) -> tuple[str, str] | None:
    """(media type, writer) for a result kind and an Accept list; None when nothing fits."""
    table = GRAPH_TYPES if kind in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES
    default = next(iter(table.items()))
    for media in accept:
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*", "text/html", "application/javascript",
                     "text/javascript"):
            if media == "text/*":
                for m, w in table.items():
                    if m.startswith("text/"):
                        return m, w
            return default
    return None


def error_body(message: str, **extra: object) -> bytes:
    """The JSON body of an error answer."""
    return (json.dumps({"error": message, **extra}, ensure_ascii=False) + "\n").encode("utf-8")


def answer(graph: KGraph, query: str, accept: Sequence[str] = ("*/*",),
           params: Sequence[str] = (), limit: int | None = None, base: str | None = None,
           default_graphs: Sequence[str] | None = None,
           named_graphs: Sequence[str] | None = None) -> tuple[str | int, ...]:
    """Run ``query`` on ``graph`` and render it for ``accept``.

    ``default_graphs``/``named_graphs`` are the protocol's ``default-graph-uri`` and
    ``named-graph-uri``; ``base`` resolves relative IRIs (the endpoint's URL).

    Returns
    -------
    tuple
        ``(status, media_type, body, truncated)``, picklable for the pool's pipe. A
        store failure is logged here with its detail; the body names no server path.
    """
    try:
        bindings = parse_params(params)
        result = graph.query(query, bindings, limit=limit, base=base,
                             default_graphs=default_graphs, named_graphs=named_graphs)
    except QueryError as err:
        status = 403 if str(err).startswith("updates are not accepted") else 400
        return (status, "application/json", error_body(str(err), line=err.line, column=err.col), False)
    except KgError as err:
        print(f"kg serve: {err}", file=sys.stderr, flush=True)
        return (500, "application/json",
                error_body("the store failed to answer; the server's log says why"), False)
    chosen = choose(result.kind, accept)
    if chosen is None:
        offered = ", ".join(GRAPH_TYPES if result.kind in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES)
        return (406, "application/json",
                error_body(f"no acceptable result format; offered: {offered}"), False)
    media, writer = chosen
    body = format_result(result, writer).encode("utf-8")
    return (200, f"{media}; charset=utf-8", body, result.truncated)
