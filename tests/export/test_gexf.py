"""The streamed GEXF is, byte for byte, what networkx's GEXFWriter writes for the same view."""
from __future__ import annotations

import io
from typing import Any

import networkx as nx
import pytest
from networkx.readwrite.gexf import GEXFWriter

from kg.errors import ExportError
from kg.export.attributes import family_colour, layout, node_sizes
from kg.export.gexf import write_gexf
from kg.export.views import VIEWS, build_view, load_facts, view_stream


def _networkx_gexf(G: nx.Graph) -> bytes:
    """The file the exporter wrote before streaming: a copy of ``G`` with the extras, then GEXFWriter."""
    H = G.__class__()
    H.graph["name"] = f"govkg {G.graph.get('view', '')}".strip()
    sizes, pos = node_sizes(G), layout(G)
    for n, d in G.nodes(data=True):
        data: dict[str, Any] = dict(d)
        r, g, b = family_colour(d.get("family"))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": sizes[n]}
        if pos is not None:
            data["viz"]["position"] = {"x": pos[n][0], "y": pos[n][1], "z": 0.0}
        if "start_year" in d:
            data["spells"] = [(f"{d['start_year']:04d}-01-01", None)]
        elif "first_year" in d:
            data.update(start=f"{d['first_year']:04d}-01-01", end=f"{d['last_year']:04d}-12-31")
        H.add_node(n, **data)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for i, (u, v, k, d) in enumerate(edges):
        data = dict(d, id=f"e{i}", label=d.get("relation", ""))
        if "start_year" in d:
            data["spells"] = [(f"{d['start_year']:04d}-01-01", None)]
        if k is None:
            H.add_edge(u, v, **data)
        else:
            H.add_edge(u, v, key=k, **data)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(H)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "govkg"
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _streamed(G: nx.Graph) -> bytes:
    buf = io.BytesIO()
    write_gexf(G, buf)
    return buf.getvalue()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("which", ["crafted", "seeds", "synth"])
def test_gexf_views_are_networkx_bytes(which, view, crafted_path, seeds_graph, synth_path):
    path = {"crafted": crafted_path, "seeds": seeds_graph, "synth": synth_path}[which]
    G = build_view(load_facts(path), view)
    assert G.number_of_edges()
    assert _streamed(G) == _networkx_gexf(G)


@pytest.mark.parametrize("which, filters", [
    ("crafted", {}), ("crafted", {"types": ["Programme"]}), ("crafted", {"documents": ["b.txt"]}),
    ("seeds", {}), ("seeds", {"types": ["County"]}), ("synth", {}), ("synth", {"types": ["Programme"]}),
])
def test_streamed_views_are_the_built_views_bytes(which, filters, crafted_path, seeds_graph, synth_path):
    """The place-place view made edge by edge as it is written gives the file of its
    networkx graph, with the same counts (and so do the views passed through)."""
    facts = load_facts({"crafted": crafted_path, "seeds": seeds_graph, "synth": synth_path}[which])
    for view in VIEWS:
        G = build_view(facts, view, **filters)
        buf = io.BytesIO()
        counts = write_gexf(view_stream(facts, view, **filters), buf)
        assert counts == (G.number_of_nodes(), G.number_of_edges())
        assert buf.getvalue() == _networkx_gexf(G), view
    if not filters:
        assert G.number_of_edges() > 1  # place-place, last: pairs to order


def test_gexf_filtered_views_are_networkx_bytes(crafted_path):
    facts = load_facts(crafted_path)
    for view, filters in [("full", {"families": ["scheme"]}), ("place-place", {"types": ["Programme"]}),
                          ("scheme-place", {"documents": ["b.txt"]})]:
        G = build_view(facts, view, **filters)
        assert _streamed(G) == _networkx_gexf(G), view


@pytest.mark.parametrize("G", [
    nx.Graph(view="empty"),
    nx.MultiDiGraph(),
    nx.Graph([("a", "b")]),
], ids=["empty", "empty-multi", "bare-edge"])
def test_gexf_small_graphs_are_networkx_bytes(G):
    assert _streamed(G) == _networkx_gexf(G)


def test_gexf_escapes_as_elementtree():
    G = nx.MultiDiGraph(view='a&"<b>')
    G.add_node('n&"1', label='甲"<&>\n\t乙\r', family="scheme", documents=3, first_year=2001, last_year=2003)
    G.add_node("x<y>", aliases="丙|丁")
    G.add_edge('n&"1', "x<y>", key="partOf", relation="partOf", weight=2, sources=1, start_year=2020)
    G.add_edge('n&"1', "x<y>", key="awarded", weight=1)
    out = _streamed(G)
    assert out == _networkx_gexf(G)
    assert b"&#10;&#09;" in out and b"&amp;&quot;" in out


def test_gexf_refuses_attributes_outside_the_schema():
    G = nx.Graph()
    G.add_node("a", colour=[1, 2])
    with pytest.raises(ExportError, match="colour"):
        _streamed(G)
