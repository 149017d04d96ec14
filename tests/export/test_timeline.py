"""GEXF spells: the scheme–place and place–place views carry start times Gephi plays."""
from __future__ import annotations

import networkx as nx

from kg.export.writers import export
from kg.store.open import open_graph
from tests.store.test_library import run


def _read(timeline_graph, tmp_path, view: str) -> nx.Graph:
    out = tmp_path / f"{view}.gexf"
    export(timeline_graph, out, "gexf", view=view)
    return nx.read_gexf(out)


def _spell(d: dict) -> str | None:
    spells = d.get("spells")
    return spells[0][0][:4] if spells else None


def test_timeline_scheme_place_spells_match_query(timeline_graph, tmp_path):
    G = _read(timeline_graph, tmp_path, "scheme-place")
    got = set()
    for u, v, d in G.edges(data=True):
        place, scheme = (u, v) if G.nodes[u]["family"] == "place" else (v, u)
        got.add((G.nodes[place]["label"], G.nodes[scheme]["label"], _spell(d)))
    with open_graph(timeline_graph) as g:
        rows = run(g, "first_year_by_place")
    expected = {(r["place"], r["scheme"], r["firstYear"]) for r in rows}
    assert {x for x in got if x[2] is not None} == expected
    assert ("永定区", "“云岭议事”工作法", None) in got   # undated page, no stated year: no spell


def test_timeline_place_place_spells(timeline_graph, tmp_path):
    G = _read(timeline_graph, tmp_path, "place-place")
    label = {n: d["label"] for n, d in G.nodes(data=True)}
    edges = {frozenset((label[u], label[v])): _spell(d) for u, v, d in G.edges(data=True)}
    assert edges[frozenset(("慈利县", "桑植县"))] == "2023"     # both run it from 2023 on
    assert edges[frozenset(("慈利县", "武陵源区"))] == "2024"
    assert edges[frozenset(("慈利县", "永定区"))] is None
    assert {label[n]: _spell(d) for n, d in G.nodes(data=True)} == {
        "慈利县": "2019", "桑植县": "2023", "武陵源区": "2022", "永定区": None}


def test_timeline_html_data_exposes_start(timeline_graph):
    """The HTML page's data carries the start years a time slider reads (docs/time.md)."""
    from kg.export.html import page_data
    from kg.export.views import export_view

    data = page_data(export_view(timeline_graph, "place-place"))
    starts = {n["label"]: n.get("start") for n in data["nodes"]}
    assert starts == {"慈利县": 2019, "桑植县": 2023, "武陵源区": 2022, "永定区": None}
    pairs = {frozenset((data["nodes"][a]["label"], data["nodes"][b]["label"])): start
             for a, b, _w, _r, start in data["edges"]}
    assert pairs[frozenset(("慈利县", "桑植县"))] == 2023
    assert pairs[frozenset(("慈利县", "永定区"))] is None
