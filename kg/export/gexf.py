"""GEXF 1.2 of an export view, written as a stream: networkx's bytes without its element tree.

The file is the one :class:`networkx.readwrite.gexf.GEXFWriter` writes (pretty-printed,
``version="1.2draft"``) for the view with govkg's extras — ``viz`` colour by family,
size by degree and, for small graphs, positions; node ``start``/``end`` where the
sources are dated, or an open-ended ``spell`` from ``start_year``; edge ids ``e0, e1, …``
labelled with the relation — with a ``meta`` that carries no date and no version, so the
same graph gives the same bytes. networkx builds an ElementTree of the whole file on a
copy of the graph before writing a byte: at a million quads that took longer and held
more memory than reading the graph. Here each node and edge is formatted and written as
it is reached. The edges are read once, written to a temporary file and copied after
the nodes: the attribute declarations (first in the file) and the nodes' sizes depend
on every edge, and a streamed view (:class:`~kg.export.stream.GraphStream`: the
place–place view of a large graph) produces its edges only once.

Attributes follow :mod:`kg.export.attributes` (one type per key: ``string`` or ``long``);
a key outside the schema, or a value of another type, is an :class:`~kg.errors.ExportError`.
``tests/export/test_gexf.py`` compares the bytes with ``GEXFWriter``'s on every view.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from typing import IO, Iterable

import networkx as nx

from kg.errors import ExportError
from kg.export.attributes import (EDGE_ATTRIBUTES, LAYOUT_LIMIT, NODE_ATTRIBUTES, family_colour, layout_of,
                                  sizes_from_degrees)
from kg.export.stream import GraphStream, from_networkx

__all__ = ["write_gexf"]

_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<gexf {viz}xmlns="http://www.gexf.net/1.2draft" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
         "  <meta>\n    <creator>govkg</creator>\n  </meta>\n")
_VIZ_NS = 'xmlns:viz="http://www.gexf.net/1.2draft/viz" '
_XML_TYPES = {str: "string", int: "long"}
_BUFFER = 1 << 16  # characters gathered before each write
_SPECIAL = re.compile('[&<>"\r\n\t]')
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
            ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))  # in ElementTree's order


def _esc(text: str) -> str:
    """An attribute value escaped as ElementTree escapes it (so the bytes are networkx's)."""
    if _SPECIAL.search(text) is None:
        return text
    for char, entity in _ESCAPES:
        text = text.replace(char, entity)
    return text


def _declare(items: Iterable[dict], schema: dict[str, type], skip: frozenset[str],
             ids: dict[str, str], start: int) -> tuple[list[tuple[str, str, str]], int]:
    """Attribute ids in order of first appearance, as ``GEXFWriter.get_attr_id`` numbers them."""
    declared = []
    for d in items:
        for key, value in d.items():
            if key in ids or key in skip:
                continue
            want = schema.get(key)
            if want is None or type(value) is not want:
                raise ExportError(f"GEXF: attribute {key!r} = {value!r} is not in the export schema")
            ids[key] = str(start)
            declared.append((str(start), key, _XML_TYPES[want]))
            start += 1
    return declared, start


def _attributes_block(cls: str, declared: list[tuple[str, str, str]]) -> str:
    if not declared:
        return ""
    lines = "".join(f'      <attribute id="{i}" title="{_esc(t)}" type="{ty}" />\n' for i, t, ty in declared)
    return f'    <attributes mode="static" class="{cls}">\n{lines}    </attributes>\n'


def _attvalues(d: dict, ids: dict[str, str], skip: frozenset[str], pad: str) -> str:
    values = "".join(f'{pad}  <attvalue for="{ids[k]}" value="{_esc(str(v))}" />\n'
                     for k, v in d.items() if k not in skip)
    return f"{pad}<attvalues>\n{values}{pad}</attvalues>\n" if values else ""


def _spell(year: int, pad: str) -> str:
    return f'{pad}<spells>\n{pad}  <spell start="{year:04d}-01-01" />\n{pad}</spells>\n'


class _Buffer:
    """Text gathered and written to a binary handle in blocks of :data:`_BUFFER` characters."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.parts, self.size = fh, [], 0

    def out(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > _BUFFER:
            self.flush()

    def flush(self) -> None:
        self.fh.write("".join(self.parts).encode("utf-8", "xmlcharrefreplace"))
        self.parts, self.size = [], 0


class _Writer:
    """Writes one view: the edges first, to a spool file, as they come (their attribute
    declarations and the nodes' degrees are known only then); then the head, the
    declarations, the nodes, and the spooled edges copied after them."""

    _NODE_SKIP = frozenset({"label"})
    _EDGE_SKIP = frozenset({"weight"})
    _EDGE_SCHEMA = dict(EDGE_ATTRIBUTES, networkx_key=str)

    def __init__(self, view: GraphStream, fh: IO[bytes]) -> None:
        self.view, self.fh = view, fh
        self.node_ids: dict[str, str] = {}
        self.edge_ids: dict[str, str] = {}
        self.edges = 0

    def write(self) -> None:
        view, out = self.view, _Buffer(self.fh)
        degrees: dict = {}
        dated = []

        def attributes() -> Iterable[dict]:  # one pass over nodes that may be made as they are read
            for node, d in view.nodes:
                degrees[node] = 0
                if not dated and ("start_year" in d or "first_year" in d):
                    dated.append(True)
                yield d

        node_decl, n = _declare(attributes(), NODE_ATTRIBUTES, self._NODE_SKIP, self.node_ids, 0)
        pairs: list[tuple] | None = [] if 0 < len(degrees) <= LAYOUT_LIMIT else None
        with tempfile.TemporaryFile() as spool:
            edge_decl, timed = self._edges(_Buffer(spool), n, degrees, pairs)
            timed = timed or bool(dated)
            kind = "directed" if view.directed else "undirected"
            name = _esc(f"govkg {view.view}".strip())
            out.out(_HEAD.format(viz=_VIZ_NS if view.nodes else ""))
            mode, times = ("dynamic", ' timeformat="date"') if timed else ("static", "")
            out.out(f'  <graph defaultedgetype="{kind}" mode="{mode}" name="{name}"{times}>\n')
            out.out(_attributes_block("edge", edge_decl))
            out.out(_attributes_block("node", node_decl))
            self._nodes(out, sizes_from_degrees(degrees),
                        None if pairs is None else layout_of(degrees, pairs))
            if not self.edges:
                out.out("    <edges />\n")
            else:
                out.out("    <edges>\n")
                out.flush()
                spool.seek(0)
                shutil.copyfileobj(spool, self.fh)
                out.out("    </edges>\n")
        out.out("  </graph>\n</gexf>\n")
        out.flush()

    def _nodes(self, out: _Buffer, sizes: dict, pos: dict | None) -> None:
        if not self.view.nodes:
            out.out("    <nodes />\n")
            return
        ids, skip = self.node_ids, self._NODE_SKIP
        out.out("    <nodes>\n")
        for n, d in self.view.nodes:
            r, g, b = family_colour(d.get("family"))
            times = ""
            if "start_year" not in d and "first_year" in d:
                times = f' start="{d["first_year"]:04d}-01-01" end="{d["last_year"]:04d}-12-31"'
            node = [f'      <node id="{_esc(str(n))}" label="{_esc(str(d.get("label", n)))}"{times}>\n']
            if "start_year" in d:
                node.append(_spell(d["start_year"], "        "))
            node.append(f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
                        f'        <viz:size value="{sizes[n]}" />\n')
            if pos is not None:
                x, y = pos[n]
                node.append(f'        <viz:position x="{x}" y="{y}" z="0.0" />\n')
            node.append(_attvalues(d, ids, skip, "        "))
            node.append("      </node>\n")
            out.out("".join(node))
        out.out("    </nodes>\n")

    def _edges(self, out: _Buffer, first_id: int, degrees: dict, pairs: list | None
               ) -> tuple[list[tuple[str, str, str]], bool]:
        """Every edge written to ``out``; the edge attributes declared in order of first
        appearance, and whether any edge is timed. Counts degrees (and keeps the pairs
        of a graph small enough to lay out)."""
        ids, skip, schema = self.edge_ids, self._EDGE_SKIP, self._EDGE_SCHEMA
        declared: list[tuple[str, str, str]] = []
        timed, next_id, i = False, first_id, -1
        for i, (u, v, k, d) in enumerate(self.view.edges):
            if k is not None:
                d = dict(d, networkx_key=k)
            if not ids.keys() >= d.keys() - skip:
                new, next_id = _declare((d,), schema, skip, ids, next_id)
                declared += new
            degrees[u] += 1
            degrees[v] += 1
            if pairs is not None:
                pairs.append((u, v))
            weight = f' weight="{_esc(str(d["weight"]))}"' if "weight" in d else ""
            head = (f'      <edge source="{_esc(str(u))}" target="{_esc(str(v))}" id="e{i}" '
                    f'label="{_esc(str(d.get("relation", "")))}"{weight}')
            body = ""
            if "start_year" in d:
                timed = True
                body = _spell(d["start_year"], "        ")
            body += _attvalues(d, ids, skip, "        ")
            out.out(f"{head}>\n{body}      </edge>\n" if body else f"{head} />\n")
        out.flush()
        self.edges = i + 1
        return declared, timed


def write_gexf(G: nx.Graph | GraphStream, fh: IO[bytes]) -> tuple[int, int]:
    """Write a view as GEXF 1.2 to a binary handle, with no date or version in ``meta``.

    Parameters
    ----------
    G
        A graph of :mod:`kg.export.views` (attributes of :data:`NODE_ATTRIBUTES` and
        :data:`EDGE_ATTRIBUTES`), or the same view as a
        :class:`~kg.export.stream.GraphStream` (its edges are read once).
    fh
        Binary handle; written in blocks as the nodes and edges are reached. The edges
        go through a temporary file first (they come after the nodes in the file, but
        the nodes' sizes and the edges' declarations are known only once every edge is
        read), so a view is never held whole.

    Returns
    -------
    (int, int)
        Nodes and edges written.

    Raises
    ------
    ExportError
        An attribute outside the export schema.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.Graph(); G.add_node("a", label="赤峰市", family="place")
    >>> buf = io.BytesIO(); write_gexf(G, buf)
    (1, 0)
    >>> b"lastmodifieddate" in buf.getvalue(), b"NetworkX" in buf.getvalue()
    (False, False)
    """
    writer = _Writer(G if isinstance(G, GraphStream) else from_networkx(G), fh)
    writer.write()
    return len(writer.view.nodes), writer.edges
