"""Every format read back by real, independent readers; counts agree with SPARQL."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from kg.export.writers import FORMATS, export, output_paths

VIEWS = ("full", "scheme-place", "place-place")


@pytest.fixture(scope="module")
def synth_graph(synth_path):
    from kg.store.open import open_graph

    return open_graph(synth_path)


@pytest.fixture(scope="module", params=["crafted", "synth"])
def graph(request, crafted_graph):
    return crafted_graph if request.param == "crafted" else request.getfixturevalue("synth_graph")


def _export(graph, tmp_path, fmt, view):
    out = tmp_path / f"g.{fmt}"
    result = export(graph, out, fmt, view)
    return result, output_paths(out, fmt)


@pytest.mark.parametrize("view", VIEWS)
def test_writers_gexf_read_by_networkx_and_graphology(graph, sparql_counts, node_reader, tmp_path, view):
    expected = sparql_counts(graph, view)
    result, (path,) = _export(graph, tmp_path, "gexf", view)
    assert (result.nodes, result.edges) == expected
    G = nx.read_gexf(path)
    assert (G.number_of_nodes(), G.number_of_edges()) == expected
    js = node_reader("gexf", path)
    assert (js["nodes"], js["edges"]) == expected
    assert js["type"] == ("directed" if view == "full" else "undirected")


@pytest.mark.parametrize("view", VIEWS)
def test_writers_graphml_read_by_networkx_igraph_and_graphology(graph, sparql_counts, node_reader, tmp_path, view):
    igraph = pytest.importorskip("igraph", reason="python-igraph (test extra) is the second GraphML reader")
    expected = sparql_counts(graph, view)
    _result, (path,) = _export(graph, tmp_path, "graphml", view)
    G = nx.read_graphml(path, force_multigraph=True)
    assert (G.number_of_nodes(), G.number_of_edges()) == expected
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == expected
    assert ig.is_directed() == (view == "full")
    js = node_reader("graphml", path)
    assert (js["nodes"], js["edges"]) == expected


@pytest.mark.parametrize("view", VIEWS)
def test_writers_json_is_networkx_node_link(graph, sparql_counts, tmp_path, view):
    expected = sparql_counts(graph, view)
    _result, (path,) = _export(graph, tmp_path, "json", view)
    G = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert (G.number_of_nodes(), G.number_of_edges()) == expected


@pytest.mark.parametrize("view", VIEWS)
def test_writers_csv_is_gephi_spreadsheet_shape(graph, sparql_counts, tmp_path, view):
    expected = sparql_counts(graph, view)
    _result, (nodes_path, edges_path) = _export(graph, tmp_path, "csv", view)
    assert nodes_path.name == "g.nodes.csv" and edges_path.name == "g.edges.csv"
    with nodes_path.open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with edges_path.open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert (len(nodes), len(edges)) == expected
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    ids = {row["Id"] for row in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    assert {e["Type"] for e in edges} == {"Directed" if view == "full" else "Undirected"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_writers_same_graph_same_bytes(crafted_path, tmp_path, fmt):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    for sub in ("a", "b"):
        export(crafted_path, tmp_path / sub / f"g.{fmt}", fmt, "full")
    for pa, pb in zip(output_paths(tmp_path / "a" / f"g.{fmt}", fmt), output_paths(tmp_path / "b" / f"g.{fmt}", fmt)):
        assert pa.read_bytes() == pb.read_bytes()


def test_writers_gexf_visuals_and_time(crafted_graph, node_reader, tmp_path):
    _result, (path,) = _export(crafted_graph, tmp_path, "gexf", "full")
    text = path.read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text and "NetworkX" not in text
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    G = nx.read_gexf(path)
    red = G.nodes["https://w3id.org/govkg/id/p150402"]
    assert red["label"] == "红山区" and red["pinyin"] == "Hongshan Qu"
    assert red["start"] == "2019-01-01" and red["end"] == "2021-12-31"
    assert red["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    sizes = {n: d["viz"]["size"] for n, d in G.nodes(data=True)}
    assert max(sizes, key=sizes.get) == "https://w3id.org/govkg/id/p150402"  # highest degree
    js = node_reader("gexf", path)["attributes"]["https://w3id.org/govkg/id/s1"]
    assert js["label"] == "草原书屋工程" and js["color"].startswith("rgba(230,159,0")


def test_writers_graphml_keeps_one_type_per_key(crafted_graph, tmp_path):
    _result, (path,) = _export(crafted_graph, tmp_path, "graphml", "full")
    text = path.read_text(encoding="utf-8")
    assert '<key id="documents" for="node" attr.name="documents" attr.type="long"' in text
    assert '<key id="division_code" for="node" attr.name="division_code" attr.type="string"' in text
    assert "None" not in text


@pytest.mark.slow
@pytest.mark.parametrize("view", VIEWS)
def test_writers_seeds_graph_counts_agree(seeds_graph, sparql_counts, node_reader, tmp_path, view):
    from kg.store.open import open_graph

    graph = open_graph(seeds_graph)
    expected = sparql_counts(graph, view)
    assert expected[0] > 0
    _result, (path,) = _export(graph, tmp_path, "gexf", view)
    G = nx.read_gexf(path)
    assert (G.number_of_nodes(), G.number_of_edges()) == expected
    js = node_reader("gexf", path)
    assert (js["nodes"], js["edges"]) == expected


def test_writers_gexf_years_from_front_matter(dated_graph, tmp_path):
    """Pages dated by their front matter give nodes first/last years and GEXF start/end."""
    from kg.store.open import open_graph

    with open_graph(dated_graph) as graph:
        _result, (path,) = _export(graph, tmp_path, "gexf", "full")
    G = nx.read_gexf(path)
    by_label = {d["label"]: d for _, d in G.nodes(data=True)}
    both = by_label["“溪畔议事”工作法"]          # in the 2023 and the 2024 page
    assert (both["first_year"], both["last_year"]) == (2023, 2024)
    assert (both["start"], both["end"]) == ("2023-01-01", "2024-12-31")
    once = by_label["溆浦县"]                      # only in the 2024 page
    assert (once["first_year"], once["last_year"], once["start"]) == (2024, 2024, "2024-01-01")
    undated = by_label["“山茶护航”专项行动"]       # its page's front matter does not parse
    assert "first_year" not in undated and "start" not in undated
