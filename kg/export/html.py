"""A look without Gephi: one self-contained interactive HTML page of an export view.

The page (``static/page.html`` + ``static/graph.js``, shipped in the package) embeds the
graph as JSON and draws it on a canvas with a few dozen lines of vanilla JavaScript: no
CDN, no library, so the file works offline and carries no third-party licence. Nodes
are coloured by family and sized by degree; labels are Chinese, hovering shows the
pinyin, type and number of source documents; drag pans, the wheel zooms, the search
box highlights by Chinese or pinyin.

Positions come from the same seeded layout as the GEXF file when the graph is small
(:data:`kg.export.attributes.LAYOUT_LIMIT`); larger graphs are laid out in the page by a
seeded force layout.
"""
from __future__ import annotations

import html
import json
from importlib import resources
from string import Template
from typing import IO

import networkx as nx

from kg.export.attributes import FAMILY_COLOURS, hex_colour, layout, node_sizes

__all__ = ["write_html", "page_data"]


def page_data(G: nx.Graph) -> dict:
    """The JSON the page draws: nodes with positions/colours and edges as index pairs."""
    index = {n: i for i, n in enumerate(G.nodes)}
    pos = layout(G)
    sizes = node_sizes(G)
    nodes = []
    for n, d in G.nodes(data=True):
        item = {"id": n, "label": d.get("label", str(n)), "pinyin": d.get("pinyin", ""),
                "type": d.get("type", ""), "family": d.get("family", ""),
                "documents": d.get("documents", 0), "size": sizes[n]}
        if pos is not None:
            item["x"], item["y"] = pos[n]
        if "start_year" in d:   # first year it runs / is run (docs/time.md), for a time slider
            item["start"] = d["start_year"]
        nodes.append(item)
    if G.is_multigraph():
        edge_iter = ((u, v, d) for u, v, _k, d in G.edges(keys=True, data=True))
    else:
        edge_iter = G.edges(data=True)
    # [source, target, weight, relation, start year or null] (docs/time.md)
    edges = [[index[u], index[v], d.get("weight", 1), d.get("relation", ""), d.get("start_year")]
             for u, v, d in edge_iter]
    return {"view": G.graph.get("view", ""), "positioned": pos is not None, "nodes": nodes,
            "edges": edges, "colours": {f: hex_colour(f) for f in FAMILY_COLOURS}}


def _static(name: str) -> str:
    return (resources.files("kg.export") / "static" / name).read_text(encoding="utf-8")


def write_html(G: nx.Graph, fh: IO[str]) -> None:
    """Write the page for ``G`` to a text handle.

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
    data = page_data(G)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    families: dict[str, int] = {}
    for item in data["nodes"]:
        families[item["family"]] = families.get(item["family"], 0) + 1
    legend = " ".join(
        f'<span class="key"><span class="dot" style="background:{hex_colour(f)}"></span>'
        f"{html.escape(f)} ({families[f]})</span>" for f in sorted(families))
    title = f"govkg · {data['view'] or 'graph'}"
    page = Template(_static("page.html")).substitute(
        title=html.escape(title), counts=f"{G.number_of_nodes()} nodes · {G.number_of_edges()} edges",
        legend=legend, data=payload, script=_static("graph.js"))
    fh.write(page)
