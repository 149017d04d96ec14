"""Lookup keys: the build writes ``skos:hiddenLabel`` where ``label_lookup`` needs one."""
from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from kg.rdf.graph import GraphAssembler
from kg.rdf.iris import entity_iri
from kg.rdf.lookup import hidden_labels, lookup_key
from kg.records import Entity, FileRecord
from kg.store.library import load_query
from kg.store.open import open_graph

# made-up names: a county with a pinyin spelling, a township whose name has a middle dot
COUNTY = Entity("division:159901000000", "County", "康泰旗", ("康泰",), (0,),
                code="159901000000", pinyin="Kangtai Qi")
TOWN = Entity("division:159901001000", "Township", "乐林·新丰镇", (), (0,),
              code="159901001000", parent="division:159901000000")
PLAIN = Entity("org:康泰旗综治中心", "Organisation", "康泰旗综治中心", (), (0,))

#: The normalisation written in queries/label_lookup.rq, for the parameter and each name.
QUERY_KEY = 'LCASE(REPLACE(STR(?name), "[\\\\s·・]", ""))'


def _hidden(graph, key: str) -> set[str]:
    node = entity_iri(key)
    return {str(o) for s, p, o in graph.triples if s == node and p == SKOS.hiddenLabel}


def test_build_writes_the_key_of_a_pinyin_spelling_and_of_a_dotted_name():
    asm = GraphAssembler()
    graph = asm.add(FileRecord("990_x.txt", "c" * 64, 10, entities=(COUNTY, TOWN, PLAIN)))
    assert _hidden(graph, COUNTY.key) == {"kangtaiqi"}
    assert _hidden(graph, TOWN.key) == {"乐林新丰镇"}
    assert _hidden(graph, PLAIN.key) == set()            # its own key: found as "…"@zh
    keys = [o for s, p, o in graph.triples if p == SKOS.hiddenLabel]
    assert all(type(o) is Literal and o.language is None and o.datatype is None for o in keys)
    assert _hidden(asm.reference(), COUNTY.key) == {"kangtaiqi"}   # the divisions graph too


def test_hidden_labels_key_every_pinyin_and_only_names_that_differ():
    assert hidden_labels(["康泰旗"], "kangtaiqi") == ["kangtaiqi"]
    assert hidden_labels(["康泰旗", "ＡＢ 康泰"]) == ["ａｂ康泰"]
    assert hidden_labels([]) == []


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_lookup_key_is_the_query_expression(engine, tmp_path):
    assert QUERY_KEY.replace("?name", "?matched") in load_query("label_lookup").text
    names = ["Kangtai Qi", "乐林·新丰镇", "乐林・新丰 镇", "KANG\ttai\u3000QI", "Ärzte Straße", "ΣΑΣ"]
    path = tmp_path / "empty.nt"
    path.write_text("", encoding="utf-8")
    with open_graph(path, engine=engine) as g:
        for name in names:
            res = g.query(f"SELECT ({QUERY_KEY} AS ?k) WHERE {{}}", {"name": Literal(name)})
            assert str(res.rows[0][0]) == lookup_key(name), name
