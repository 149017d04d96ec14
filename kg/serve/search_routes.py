"""``kg serve`` routes beyond the SPARQL Protocol: search, evidence, and the source texts.

Routes
------
``GET /search?text=T[&limit=N][&format=json|csv]``  what ``kg search`` answers (:mod:`kg.search`)
``GET /evidence?s=IRI[&p=IRI][&o=IRI]``             the evidence sentences of a relation, JSON,
                                                    each with the names' highlight spans
``GET /source?file=NAME[&start=S&end=E]``           a source file as a read-only HTML page,
                                                    the span ``[S, E)`` highlighted and scrolled
                                                    to (``format=text``: the decoded text)

Source files: only the files the graph was built from are served. The server is given
folders (``kg serve --sources DIR``); a file in them is served when its name *and its
SHA-256* are those of a ``gov:Document`` of the graph (``gov:fileName``, ``gov:sha256``).
The ``file`` parameter is looked up in that table by name, never joined to a path, so
``../``, absolute paths and names of other files get a 404. Offsets index the decoded
text (:func:`kg.io.decode.read_source`), the same text ``kg build`` read.

The search index is the store's ``search.sqlite`` (or, for a dataset file, one built
into a temporary file at start, removed at stop).
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from kg.errors import SourceError
from kg.io.decode import read_source
from kg.search import SearchIndex, open_index
from kg.search.output import format_hits

__all__ = ["ROUTES", "ExtraRoutes", "attach"]

#: Paths these routes answer (``kg.serve.app`` dispatches them here).
ROUTES = ("/search", "/evidence", "/source")

_MAX_LIMIT = 500


class ExtraRoutes:
    """The search index and the table of servable source files of one served graph."""

    def __init__(self, graph: str | Path, sources: tuple[str | Path, ...] = ()) -> None:
        self.index: SearchIndex = open_index(graph, on_disk=True)
        wanted = self.index.documents()
        self.files: dict[str, Path] = {}
        for folder in sources:
            for path in sorted(Path(folder).rglob("*")):
                if path.name in wanted and path.name not in self.files and path.is_file():
                    try:
                        src = read_source(path)
                    except SourceError:
                        continue
                    if src.sha256 == wanted[path.name]:
                        self.files[path.name] = path

    def close(self) -> None:
        self.index.close()

    def handle(self, handler, path: str) -> None:
        """Answer GET ``path`` (one of :data:`ROUTES`) on a ``kg.serve.app`` request handler."""
        fields = parse_qs(urlsplit(handler.path).query, keep_blank_values=True)
        one = {k: v[0] for k, v in fields.items() if v}
        route: Callable = {"/search": self._search, "/evidence": self._evidence, "/source": self._source}[path]
        route(handler, one)

    def _search(self, handler, q: dict[str, str]) -> None:
        text = q.get("text", "").strip()
        if not text:
            handler._error(400, "expected a non-empty 'text' parameter")
            return
        try:
            limit = max(1, min(_MAX_LIMIT, int(q.get("limit", "50"))))
        except ValueError:
            handler._error(400, f"limit must be a number, not {q['limit']!r}")
            return
        fmt = q.get("format", "json")
        if fmt not in ("json", "csv"):
            handler._error(400, f"unknown format {fmt!r}; expected json or csv")
            return
        body = format_hits(self.index.find(text, limit=limit), fmt, text).encode("utf-8")
        media = "application/json; charset=utf-8" if fmt == "json" else "text/csv; charset=utf-8"
        handler._send(200, media, body)

    def _evidence(self, handler, q: dict[str, str]) -> None:
        if not q.get("s"):
            handler._error(400, "expected the subject IRI as 's' (and optionally 'p', 'o')")
            return
        rows = self.index.evidence(q["s"], q.get("p"), q.get("o"))
        for r in rows:
            r["source"] = r["file"] in self.files
        handler._send(200, "application/json; charset=utf-8",
                      json.dumps(rows, ensure_ascii=False).encode("utf-8"))

    def _source(self, handler, q: dict[str, str]) -> None:
        name = q.get("file", "")
        path = self.files.get(name)
        if path is None:
            why = ("kg serve was started without --sources" if not self.files
                   else "not a source file of this graph")
            handler._error(404, f"{name!r}: {why}")
            return
        try:
            text = read_source(path).text
        except SourceError as err:
            handler._error(404, f"{name!r}: cannot read: {err.reason}")
            return
        if q.get("format") == "text":
            handler._send(200, "text/plain; charset=utf-8", text.encode("utf-8"))
            return
        try:
            start, end = int(q.get("start", "-1")), int(q.get("end", "-1"))
        except ValueError:
            handler._error(400, "start and end must be numbers")
            return
        handler._send(200, "text/html; charset=utf-8", source_page(name, text, start, end).encode("utf-8"),
                      {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})


def source_page(name: str, text: str, start: int, end: int) -> str:
    """A source text as an HTML page with ``text[start:end]`` marked (``id="hit"``), everything escaped.

    >>> "<mark id=\\"hit\\">b&lt;</mark>" in source_page("x.txt", "ab<c", 1, 3)
    True
    """
    ok = 0 <= start < end <= len(text)
    body = (html.escape(text[:start]) + '<mark id="hit">' + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:])) if ok else html.escape(text)
    where = f" · characters {start}–{end}" if ok else ""
    return ("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(name)}</title><style>body{{margin:1em 2em;font:15px/1.7 "
            "'Noto Sans CJK SC','Noto Sans SC','WenQuanYi Zen Hei','Droid Sans Fallback',sans-serif}"
            "pre{white-space:pre-wrap}mark{background:#ffe08a}</style></head><body>"
            f"<h1 style=\"font-size:1.1em\">{html.escape(name)}{where}</h1><pre>{body}</pre></body></html>")


def attach(server, graph: str | Path, sources: tuple[str | Path, ...] = ()) -> ExtraRoutes:
    """Give a ``kg.serve.app.SparqlServer`` these routes (``kg serve`` does it before serving)."""
    server.extra_routes = ExtraRoutes(graph, sources)
    return server.extra_routes
