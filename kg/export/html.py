"""A look without Gephi: one self-contained interactive HTML page of an export view.

The page (``static/page.html`` + ``static/graph.js``, shipped in the package) embeds the
graph as JSON and draws it on a canvas with vanilla JavaScript: no CDN, no library, so
the file works offline and carries no third-party licence.

Layout: each connected component gets its own seeded spring layout, scaled by the square
root of its size, and the components are packed in rows (largest first) into a block of
the screen's proportions, which the page then fits to the window. A single layout of the
whole graph lets two isolated nodes set the scale and squeezes everything else into a
small patch in the middle; packing fills the view. Graphs above
:data:`kg.export.attributes.LAYOUT_LIMIT` nodes are laid out in the page.

In the page: labels are placed greedily, biggest nodes first, and a label that would
overlap one already drawn is left out (zooming in makes room for more); drag pans, the
wheel zooms; the legend's family boxes and the place menu filter (a place shows itself,
the places inside it and their neighbours); clicking an edge shows its evidence
sentences with the two names marked, the file and offsets, and a link that opens the
source text at that place in a running ``kg serve GRAPH --sources DIR``
(:data:`SOURCE_BASE`).
"""
from __future__ import annotations

import html
import json
import math
from importlib import resources
from string import Template
from typing import IO, Any

import networkx as nx
from threadpoolctl import threadpool_limits

from kg.export.attributes import FAMILY_COLOURS, LAYOUT_LIMIT, hex_colour, node_sizes
from kg.search.find import highlight_spans

__all__ = ["write_html", "page_data", "packed_layout", "edge_evidence", "SOURCE_BASE"]

#: Where the page's source links point: ``kg serve``'s default address (loopback).
SOURCE_BASE = "http://127.0.0.1:7878"

_EVIDENCE_QUERY = """PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?p ?o ?sentence ?start ?end ?fileName ?title WHERE {
  GRAPH ?g { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gov:sentence ?sentence ;
                 gov:startOffset ?start ; gov:endOffset ?end .
             OPTIONAL { ?ev prov:wasDerivedFrom ?a . ?a dcterms:title ?title }
             ?g gov:fileName ?fileName } }"""


def packed_layout(G: nx.Graph, aspect: float = 1.5, unit: float = 60.0) -> dict[Any, tuple[float, float]] | None:
    """Positions with each connected component laid out alone and the components packed in rows.

    Returns ``None`` above :data:`LAYOUT_LIMIT` nodes. Deterministic: seeded layouts,
    components in a fixed order, positions rounded to 0.1.

    >>> G = nx.Graph([(1, 2), (2, 3)]); G.add_nodes_from([4, 5])
    >>> pos = packed_layout(G)
    >>> sorted(pos) == [1, 2, 3, 4, 5] and len(set(pos.values())) == 5
    True
    """
    n = G.number_of_nodes()
    if n == 0 or n > LAYOUT_LIMIT:
        return None
    simple = nx.Graph(G)  # one edge per pair, no loops: only connectivity matters here
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    boxes = []  # (nodes' local positions, width, height)
    for comp in comps:
        if len(comp) == 1:
            boxes.append(({comp[0]: (0.0, 0.0)}, unit, unit))
            continue
        # a graph of its own with the nodes in sorted order: a subgraph view of a small
        # component iterates the set of its nodes, whose order changes with the hash seed
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from(simple.subgraph(comp).edges)
        with threadpool_limits(limits=1):  # OpenBLAS sums by free threads: one thread, one result
            local = nx.spring_layout(sub, seed=0, scale=unit * math.sqrt(len(comp)) / 2, iterations=80)
        xs = [float(p[0]) for p in local.values()]
        ys = [float(p[1]) for p in local.values()]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        boxes.append(({k: (float(p[0]) - cx, float(p[1]) - cy) for k, p in local.items()},
                      max(xs) - min(xs) + unit, max(ys) - min(ys) + unit))
    area = sum(w * h for _, w, h in boxes)
    row_width = max(math.sqrt(area * aspect), max(w for _, w, _ in boxes))
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for local, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for k, (px, py) in local.items():
            pos[k] = (round(x + w / 2 + px, 1), round(y + h / 2 + py, 1))
        x += w
        row_h = max(row_h, h)
    return pos


def edge_evidence(graph: Any) -> dict[tuple[str, str, str], list[dict]]:
    """Evidence sentences by (subject, relation local name, object) IRIs, read from ``graph``.

    ``graph`` is a path or an opened graph (:func:`kg.store.open.open_graph`).
    """
    from kg.store.open import open_graph

    g = open_graph(graph) if isinstance(graph, (str, bytes)) or hasattr(graph, "__fspath__") else graph
    try:
        rows = g.query(_EVIDENCE_QUERY).dicts()
    finally:
        if g is not graph:
            g.close()
    out: dict[tuple[str, str, str], list[dict]] = {}
    for r in rows:
        key = (str(r["s"]), str(r["p"]).rsplit("#", 1)[-1], str(r["o"]))
        out.setdefault(key, []).append({"sentence": str(r["sentence"]), "file": str(r["fileName"]),
                                        "start": int(r["start"]), "end": int(r["end"]),
                                        "title": str(r.get("title", ""))})
    for items in out.values():
        items.sort(key=lambda e: (e["file"], e["start"], e["end"]))
    return out


def _names(d: dict) -> list[str]:
    return [d.get("label", "")] + [a for a in d.get("aliases", "").split("|") if a]


def page_data(G: nx.Graph, evidence: dict[tuple[str, str, str], list[dict]] | None = None) -> dict:
    """The JSON the page draws: nodes with positions, edges as index pairs, and edge evidence."""
    index = {n: i for i, n in enumerate(G.nodes)}
    pos = packed_layout(G)
    sizes = node_sizes(G)
    nodes = []
    for n, d in G.nodes(data=True):
        item = {"id": n, "label": d.get("label", str(n)), "pinyin": d.get("pinyin", ""),
                "type": d.get("type", ""), "family": d.get("family", ""),
                "documents": d.get("documents", 0), "size": sizes[n],
                "parent": index.get(d.get("parent"), -1)}
        if pos is not None:
            item["x"], item["y"] = pos[n]
        if "start_year" in d:   # first year it runs / is run (docs/time.md), for a time slider
            item["start"] = d["start_year"]
        nodes.append(item)
    if G.is_multigraph():
        edge_iter = ((u, v, d) for u, v, _k, d in G.edges(keys=True, data=True))
    else:
        edge_iter = G.edges(data=True)
    edges, ev_out = [], []
    for u, v, d in edge_iter:
        rel = d.get("relation", "")
        # [source, target, weight, relation, start year or null] (docs/time.md)
        edges.append([index[u], index[v], d.get("weight", 1), rel, d.get("start_year")])
        names = _names(G.nodes[u]) + _names(G.nodes[v])
        ev_out.append([{**e, "highlights": [list(h) for h in highlight_spans(e["sentence"], names)]}
                       for e in (evidence or {}).get((str(u), rel, str(v)), [])])
    return {"view": G.graph.get("view", ""), "positioned": pos is not None, "nodes": nodes,
            "edges": edges, "evidence": ev_out, "sourceBase": SOURCE_BASE,
            "colours": {f: hex_colour(f) for f in FAMILY_COLOURS}}


def _static(name: str) -> str:
    return (resources.files("kg.export") / "static" / name).read_text(encoding="utf-8")


def write_html(G: nx.Graph, fh: IO[str], graph: Any = None) -> None:
    """Write the page for ``G`` to a text handle.

    ``graph`` (the dataset or store ``G`` was built from) supplies the evidence sentences
    shown when an edge is clicked; without it the page has none.

    The embedded JSON has ``<``, ``>`` and ``&`` escaped as ``\\u003c`` etc., so no label
    can close the ``<script>`` element it sits in.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.Graph(view="full"); G.add_node("a", label="赤峰市", family="place", type="Prefecture")
    >>> buf = io.StringIO(); write_html(G, buf)
    >>> "赤峰市" in buf.getvalue() and "<script src" not in buf.getvalue()
    True
    """
    data = page_data(G, edge_evidence(graph) if graph is not None else None)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    families: dict[str, int] = {}
    for item in data["nodes"]:
        families[item["family"]] = families.get(item["family"], 0) + 1
    legend = " ".join(
        f'<label class="key"><input type="checkbox" class="family" value="{html.escape(f)}" checked>'
        f'<span class="dot" style="background:{hex_colour(f)}"></span>'
        f"{html.escape(f)} ({families[f]})</label>" for f in sorted(families))
    title = f"govkg · {data['view'] or 'graph'}"
    page = Template(_static("page.html")).substitute(
        title=html.escape(title), counts=f"{G.number_of_nodes()} nodes · {G.number_of_edges()} edges",
        legend=legend, data=payload, script=_static("graph.js"))
    fh.write(page)
