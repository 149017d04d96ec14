"""Views and filters on the crafted dataset, with counts checked against SPARQL."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import ExportError
from kg.export.views import export_view

ID = "https://w3id.org/govkg/id/"


@pytest.mark.parametrize("view, cls, nodes, edges", [
    ("full", nx.MultiDiGraph, 10, 13),
    ("scheme-place", nx.Graph, 5, 5),
    ("place-place", nx.Graph, 3, 3),
])
def test_views_counts_agree_with_sparql(crafted_graph, sparql_counts, view, cls, nodes, edges):
    G = export_view(crafted_graph, view)
    assert type(G) is cls
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges)
    assert sparql_counts(crafted_graph, view) == (nodes, edges)


def test_views_path_and_rdflib_engine_agree(crafted_path):
    from kg.store.open import open_graph

    a = export_view(crafted_path, "full")
    b = export_view(open_graph(crafted_path, engine="rdflib"), "full")
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_views_node_attributes(crafted_graph):
    G = export_view(crafted_graph, "full")
    assert G.nodes[ID + "p150402"] == {
        "label": "红山区", "pinyin": "Hongshan Qu", "type": "County", "family": "place", "level": 3,
        "division_code": "150402000000", "parent": ID + "p150400", "parent_label": "赤峰市",
        "documents": 2, "first_year": 2019, "last_year": 2021,
    }
    assert G.nodes[ID + "s1"]["aliases"] == "书屋工程"
    assert "level" not in G.nodes[ID + "s1"]  # dropped, not None


def test_views_edge_attributes(crafted_graph):
    G = export_view(crafted_graph, "full")
    assert G.edges[ID + "s1", ID + "p150402", "implementedIn"] == {"relation": "implementedIn", "weight": 2, "sources": 2}
    assert G.edges[ID + "p150402", ID + "p150400", "partOf"] == {"relation": "partOf", "weight": 1, "sources": 0}


def test_views_place_place_weight_is_shared_schemes(crafted_graph):
    G = export_view(crafted_graph, "place-place")
    assert G.edges[ID + "p150429", ID + "p150502"] == {
        "relation": "sharedScheme", "weight": 2, "sources": 2, "shared": "牧区议事会机制|草原书屋工程"}
    assert G.nodes[ID + "p150402"]["schemes"] == 1
    assert G.edges[ID + "p150402", ID + "p150502"]["weight"] == 1


def test_views_scheme_place_is_bipartite(crafted_graph):
    G = export_view(crafted_graph, "scheme-place")
    top = {n for n, d in G.nodes(data=True) if d["bipartite"] == 0}
    assert top == {ID + "s1", ID + "s2"}
    assert nx.is_bipartite(G)


@pytest.mark.parametrize("view, filters, nodes, edges", [
    ("full", {"within": "赤峰市"}, 7, 9),
    ("full", {"within": ID + "p150400"}, 7, 9),
    ("full", {"within": "chifeng shi"}, 7, 9),
    ("full", {"within": "科尔沁区"}, 3, 2),          # the place, and the schemes run there
    ("full", {"documents": "b.txt"}, 5, 3),
    ("full", {"documents": ["a.txt", "b.txt"]}, 10, 10),  # register partOf edges are in no document
    ("full", {"families": "place"}, 5, 3),
    ("full", {"types": ["County", "Programme"]}, 4, 3),
    ("full", {"families": "scheme", "types": "Award"}, 3, 0),
    ("scheme-place", {"types": "Programme"}, 4, 3),
    ("scheme-place", {"within": "赤峰市"}, 4, 3),
    ("scheme-place", {"documents": "b.txt"}, 3, 2),
    ("place-place", {"types": "Initiative"}, 2, 1),
    ("place-place", {"within": "赤峰市"}, 2, 1),
    ("place-place", {"families": "place", "types": "Programme"}, 3, 3),
])
def test_views_filters(crafted_graph, view, filters, nodes, edges):
    G = export_view(crafted_graph, view, **filters)
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges)


@pytest.mark.parametrize("view, filters, message", [
    ("tree", {}, "unknown view 'tree': expected one of full, scheme-place, place-place"),
    ("full", {"families": "people"}, "unknown family 'people': expected one of award, organisation, place, scheme"),
    ("full", {"types": "City"}, "unknown type 'City': expected one of Province, Prefecture"),
    ("full", {"within": "四子王旗"}, "unknown place '四子王旗' for --within: no place has this IRI or label"),
    ("full", {"documents": "z.txt"}, "unknown document 'z.txt': not a gov:fileName in the graph (e.g. a.txt, b.txt)"),
    ("place-place", {"families": "award"}, "--family award does not apply to view place-place"),
    ("scheme-place", {"types": "Organisation"}, "--type Organisation does not apply to view scheme-place"),
])
def test_views_errors(crafted_graph, view, filters, message):
    with pytest.raises(ExportError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        export_view(crafted_graph, view, **filters)


def test_views_merged_turtle_without_graph_names(crafted_path, tmp_path):
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(crafted_path, format="trig")
    merged = rdflib.Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    ttl = tmp_path / "merged.ttl"
    merged.serialize(ttl, format="turtle")
    G = export_view(ttl, "full")
    assert (G.number_of_nodes(), G.number_of_edges()) == (10, 13)
    assert G.nodes[ID + "s1"]["documents"] == 2  # gov:mentionedIn still names the articles
    assert G.edges[ID + "s1", ID + "p150402", "implementedIn"]["sources"] == 0  # no graph names


@pytest.mark.parametrize("which", ["crafted", "seeds", "synth"])
def test_views_scheme_place_is_the_full_views_implemented_in_edges(which, crafted_path, seeds_graph, synth_path):
    """Built on its own (resolving only its nodes and their parents), the scheme-place view
    has the nodes, attributes and edges the full view (which resolves every entity) gives
    its scheme–place ``implementedIn`` facts."""
    path = {"crafted": crafted_path, "seeds": seeds_graph, "synth": synth_path}[which]
    full, sp = export_view(path, "full"), export_view(path, "scheme-place")
    fam = nx.get_node_attributes(full, "family")
    links = {(s, o): d for s, o, k, d in full.edges(keys=True, data=True)
             if k == "implementedIn" and fam[s] == "scheme" and fam[o] == "place"}
    assert links and set(sp.nodes) == {x for pair in links for x in pair}
    for n, d in sp.nodes(data=True):
        own = {k: v for k, v in d.items() if k not in ("bipartite", "start_year")}
        assert own == full.nodes[n], n
        assert d["bipartite"] == (0 if fam[n] == "scheme" else 1)
    assert {tuple(sorted(e)) for e in sp.edges} == {tuple(sorted(e)) for e in links}
    for (s, o), d in links.items():
        assert sp.edges[s, o] == d, (s, o)
