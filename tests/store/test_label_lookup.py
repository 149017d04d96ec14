"""label_lookup by index: the key kg build writes finds what a scan of every label finds."""
from __future__ import annotations

import pytest

from kg.rdf.graph import GraphAssembler
from kg.rdf.write import write_graphs
from kg.records import Entity, FileRecord
from kg.store.library import load_query
from kg.store.load import load_store
from kg.store.open import open_graph
from kg.store.query import parse_params

# made-up names: a county with a pinyin spelling, a township whose name has a middle dot
COUNTY = Entity("division:159901000000", "County", "康泰旗", ("康泰",), (0,),
                code="159901000000", pinyin="Kangtai Qi")
TOWN = Entity("division:159901001000", "Township", "乐林·新丰镇", (), (0,),
              code="159901001000", parent="division:159901000000")

#: label_lookup as a scan of every name (the query's text before the index): the answers
#: the lookup must give.
SCAN = """
SELECT DISTINCT ?entity ?label ?type ?matched WHERE {
  ?entity rdfs:label|skos:altLabel ?matched .
  FILTER(LCASE(REPLACE(STR(?matched), "[\\\\s·・]", "")) = LCASE(REPLACE(STR(?name), "[\\\\s·・]", "")))
  ?entity rdfs:label ?label ; a ?type .
} ORDER BY ?label ?type
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The made-up entities as kg build writes them, as a file and as a store."""
    tmp = tmp_path_factory.mktemp("lookup")
    asm = GraphAssembler()
    graphs = [asm.add(FileRecord("990_x.txt", "c" * 64, 10, entities=(COUNTY, TOWN)))]
    write_graphs(graphs + [asm.reference()], tmp / "made.trig")
    load_store(tmp / "made.trig", tmp / "made.store")
    return tmp


def _lookup(graph, name: str) -> list[tuple[str, ...]]:
    res = graph.query(load_query("label_lookup").text, parse_params([f"name={name}"]))
    return [tuple(str(t) for t in row) for row in res.rows]


@pytest.mark.parametrize("where, engine", [("made.trig", "oxigraph"), ("made.trig", "rdflib"),
                                           ("made.store", "oxigraph")])
def test_label_lookup_finds_a_spelling_only_the_key_matches(built, where, engine):
    with open_graph(built / where, engine=engine) as g:
        (row,) = _lookup(g, "KANGTAIQI")        # no stored name is spelled so
        assert row[1:] == ("康泰旗", "https://w3id.org/govkg/ontology#County", "Kangtai Qi")
        (row,) = _lookup(g, "乐林新丰镇")        # the label has a middle dot
        assert row[1:] == ("乐林·新丰镇", "https://w3id.org/govkg/ontology#Township", "乐林·新丰镇")
        assert [r[3] for r in _lookup(g, "康泰")] == ["康泰"]     # an alias, its own key
        assert _lookup(g, "kangtai") == []


def test_label_lookup_answers_as_the_scan_on_the_seeds(seeds_graph):
    """Every name of the seeds, typed three ways: the same rows as a scan of every name."""
    with open_graph(seeds_graph) as g:
        names = sorted({str(r[0]) for r in g.query(
            "SELECT DISTINCT ?n WHERE { ?e rdfs:label|skos:altLabel ?n }").rows})
        assert len(names) > 100
        for name in names[::3]:
            for typed in (name, name.upper(), " ".join(name).lower()):
                bindings = parse_params([f"name={typed}"])
                want = g.query(SCAN, bindings).rows
                assert want and g.query(load_query("label_lookup").text, bindings).rows == want, typed
