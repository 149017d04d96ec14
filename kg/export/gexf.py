"""GEXF 1.2 of an export view, written as a stream: networkx's bytes without its element tree.

The file is the one :class:`networkx.readwrite.gexf.GEXFWriter` writes (pretty-printed,
``version="1.2draft"``) for the view with govkg's extras — ``viz`` colour by family,
size by degree and, for small graphs, positions; node ``start``/``end`` where the
sources are dated, or an open-ended ``spell`` from ``start_year``; edge ids ``e0, e1, …``
labelled with the relation — with a ``meta`` that carries no date and no version, so the
same graph gives the same bytes. networkx builds an ElementTree of the whole file on a
copy of the graph before writing a byte: at a million quads that took longer and held
more memory than reading the graph. Here each node and edge is formatted and written as
it is reached; only the attribute declarations, which come first in the file, need a
look at every key beforehand.

Attributes follow :mod:`kg.export.attributes` (one type per key: ``string`` or ``long``);
a key outside the schema, or a value of another type, is an :class:`~kg.errors.ExportError`.
``tests/export/test_gexf.py`` compares the bytes with ``GEXFWriter``'s on every view.
"""
from __future__ import annotations

import re
from typing import IO, Iterable

import networkx as nx

from kg.errors import ExportError
from kg.export.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, family_colour, layout, node_sizes

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


class _Writer:
    """Writes one graph: declarations first, then every node and edge as it comes."""

    _NODE_SKIP = frozenset({"label"})
    _EDGE_SKIP = frozenset({"weight"})

    def __init__(self, G: nx.Graph, fh: IO[bytes]) -> None:
        self.G, self.fh = G, fh
        self.multi = G.is_multigraph()
        self.node_ids: dict[str, str] = {}
        self.edge_ids: dict[str, str] = {}
        self.parts: list[str] = []
        self.size = 0

    def _out(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > _BUFFER:
            self.flush()

    def flush(self) -> None:
        self.fh.write("".join(self.parts).encode("utf-8", "xmlcharrefreplace"))
        self.parts, self.size = [], 0

    def _edge_data(self) -> Iterable[dict]:
        if self.multi:
            for *_, k, d in self.G.edges(keys=True, data=True):
                yield dict(d, networkx_key=k)
        else:
            for *_, d in self.G.edges(data=True):
                yield d

    def write(self) -> None:
        G = self.G
        node_decl, n = _declare((d for _, d in G.nodes(data=True)), NODE_ATTRIBUTES,
                                self._NODE_SKIP, self.node_ids, 0)
        edge_schema = dict(EDGE_ATTRIBUTES, networkx_key=str)
        edge_decl, _ = _declare(self._edge_data(), edge_schema, self._EDGE_SKIP, self.edge_ids, n)
        timed = (any("start_year" in d or "first_year" in d for _, d in G.nodes(data=True))
                 or any("start_year" in d for *_, d in G.edges(data=True)))
        kind = "directed" if G.is_directed() else "undirected"
        name = _esc(f"govkg {G.graph.get('view', '')}".strip())
        self._out(_HEAD.format(viz=_VIZ_NS if len(G) else ""))
        mode, times = ("dynamic", ' timeformat="date"') if timed else ("static", "")
        self._out(f'  <graph defaultedgetype="{kind}" mode="{mode}" name="{name}"{times}>\n')
        self._out(_attributes_block("edge", edge_decl))
        self._out(_attributes_block("node", node_decl))
        self._nodes()
        self._edges()
        self._out("  </graph>\n</gexf>\n")
        self.flush()

    def _nodes(self) -> None:
        G = self.G
        if not len(G):
            self._out("    <nodes />\n")
            return
        sizes, pos = node_sizes(G), layout(G)
        ids, skip = self.node_ids, self._NODE_SKIP
        self._out("    <nodes>\n")
        for n, d in G.nodes(data=True):
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
            self._out("".join(node))
        self._out("    </nodes>\n")

    def _edges(self) -> None:
        G = self.G
        if not G.number_of_edges():
            self._out("    <edges />\n")
            return
        ids, skip = self.edge_ids, self._EDGE_SKIP
        edges = (G.edges(keys=True, data=True) if self.multi
                 else ((u, v, None, d) for u, v, d in G.edges(data=True)))
        self._out("    <edges>\n")
        for i, (u, v, k, d) in enumerate(edges):
            if k is not None:
                d = dict(d, networkx_key=k)
            weight = f' weight="{_esc(str(d["weight"]))}"' if "weight" in d else ""
            head = (f'      <edge source="{_esc(str(u))}" target="{_esc(str(v))}" id="e{i}" '
                    f'label="{_esc(str(d.get("relation", "")))}"{weight}')
            body = (_spell(d["start_year"], "        ") if "start_year" in d else "") + \
                _attvalues(d, ids, skip, "        ")
            self._out(f"{head}>\n{body}      </edge>\n" if body else f"{head} />\n")
        self._out("    </edges>\n")


def write_gexf(G: nx.Graph, fh: IO[bytes]) -> None:
    """Write a view as GEXF 1.2 to a binary handle, with no date or version in ``meta``.

    Parameters
    ----------
    G
        A graph of :mod:`kg.export.views` (attributes of :data:`NODE_ATTRIBUTES` and
        :data:`EDGE_ATTRIBUTES`).
    fh
        Binary handle; written in blocks as the nodes and edges are reached.

    Raises
    ------
    ExportError
        An attribute outside the export schema.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.Graph(); G.add_node("a", label="赤峰市", family="place")
    >>> buf = io.BytesIO(); write_gexf(G, buf)
    >>> b"lastmodifieddate" in buf.getvalue(), b"NetworkX" in buf.getvalue()
    (False, False)
    """
    _Writer(G, fh).write()
