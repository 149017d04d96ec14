"""resolve_query / parse_value / bind_values: parameters are terms, never query text."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.store.bind import bind_values, where_brace
from kg.store.query import parse_params, parse_value, resolve_query, run_query

GOV = "https://w3id.org/govkg/ontology#"


@pytest.mark.parametrize("value, term", [
    ("锡林郭勒盟", Literal("锡林郭勒盟", lang="zh")),
    ("Abaga Qi", Literal("Abaga Qi")),
    ("<https://w3id.org/govkg/id/p15>", URIRef("https://w3id.org/govkg/id/p15")),
    ("https://w3id.org/govkg/ontology#implementedIn", URIRef(GOV + "implementedIn")),
    ("gov:County", URIRef(GOV + "County")),
    ('"Abaga Qi"@zh-Latn-pinyin', Literal("Abaga Qi", lang="zh-Latn-pinyin")),
    ("7", Literal(7)),
    ('x" } ; DROP ALL ; #', Literal('x" } ; DROP ALL ; #')),
])
def test_query_parse_value(value, term):
    assert parse_value(value) == term


@pytest.mark.parametrize("pair", ["novalue", "1x=3", "a b=c"])
def test_query_parse_params_rejects(pair):
    with pytest.raises(QueryError, match="expected NAME=VALUE"):
        parse_params([pair])


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("evil", [
    'x" } ; DROP ALL ; #',
    "x' } } SELECT * WHERE { ?a ?b ?c } #",
    '锡林郭勒盟"@zh } UNION { ?root ?p ?o',
    'a\\" } ; DROP GRAPH <urn:x> ; """',
])
def test_query_param_injection_is_inert(crafted_trig, engine, evil):
    q = "SELECT ?root WHERE { ?root rdfs:label ?name }"
    r = run_query(crafted_trig, expr=q, params=[f"name={evil}"], engine=engine)
    assert r.rows == []
    assert run_query(crafted_trig, expr=q, params=["name=锡林郭勒盟"], engine=engine).rows == [
        (URIRef("https://w3id.org/govkg/id/p1525"),)]


def test_query_param_not_projected_and_in_aggregate(crafted_trig):
    q = ("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?root rdfs:label ?place . "
         "?root ^gov:partOf* ?p . ?s gov:implementedIn ?p }")
    assert run_query(crafted_trig, expr=q, params=["place=内蒙古自治区"]).rows == [(Literal(2),)]


def test_query_where_brace_skips_strings_iris_comments():
    q = '# { comment\nPREFIX x: <http://e/{}>\nSELECT ?s (CONCAT("{", "}") AS ?c) WHERE {\n ?s ?p "}" }'
    assert q[where_brace(q)] == "{" and q[where_brace(q) - 6:where_brace(q)] == "WHERE "
    bound = bind_values(q, {"s": URIRef("urn:a")})
    assert bound.count("\n") == q.count("\n")  # line numbers of errors stay right
    assert "VALUES (?s) { (<urn:a>) }" in bound


def test_query_construct_where_form_needs_template():
    with pytest.raises(QueryError, match="CONSTRUCT \\{ template \\} WHERE"):
        bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": URIRef("urn:a")})


def test_query_resolve(tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("ASK {}")
    assert resolve_query(str(f)) == "ASK {}"
    assert resolve_query(expr="ASK {}") == "ASK {}"
    assert "gov:implementedIn" in resolve_query("rollup_schemes")
    with pytest.raises(QueryError, match="no query named 'nope' in the library; known: "):
        resolve_query("nope")
    with pytest.raises(QueryError, match="give exactly one of QUERY"):
        resolve_query("rollup_schemes", "ASK {}")


def test_bind_values_reaches_subselects_that_project_the_variable():
    q = ("SELECT ?a (COUNT(?x) AS ?n) WHERE { { SELECT ?a ?x WHERE { ?x <urn:p> ?a } ORDER BY ?x } "
         "{ SELECT ?x WHERE { ?x <urn:q> ?a } } { SELECT ?a WHERE { BIND(1 AS ?a) } } } GROUP BY ?a")
    bound = bind_values(q, {"a": URIRef("urn:v")})
    block = 'VALUES (?a) { (<urn:v>) }'
    # the outer group and the sub-select projecting ?a; not where ?a is local or assigned
    assert bound.count(block) == 2
    assert f"WHERE {{ {block} ?x <urn:p> ?a }}" in bound
    assert "{ SELECT ?x WHERE { ?x <urn:q> ?a } }" in bound
    assert "{ SELECT ?a WHERE { BIND(1 AS ?a) } }" in bound


def test_bind_values_in_subselect_keeps_the_answer():
    from kg.store.engines import OxigraphGraph
    import pyoxigraph as ox

    store = ox.Store()
    for s, o in [("a", "x"), ("b", "x"), ("c", "y")]:
        store.add(ox.Quad(ox.NamedNode(f"urn:{s}"), ox.NamedNode("urn:p"), ox.NamedNode(f"urn:{o}")))
    g = OxigraphGraph(Path("mem"), store, union_materialised=False)
    q = ("SELECT ?o (GROUP_CONCAT(STR(?s); separator=' ') AS ?ss) WHERE { "
         "{ SELECT ?o ?s WHERE { ?s <urn:p> ?o } ORDER BY DESC(?s) } } GROUP BY ?o")
    assert [tuple(map(str, r)) for r in g.query(q, {"o": URIRef("urn:x")}).rows] == [("urn:x", "urn:b urn:a")]


def test_bind_values_guard_is_written_only_for_a_given_parameter():
    q = ("SELECT ?s ?n WHERE {\n  { SELECT ?s (COUNT(?o) AS ?n) WHERE {\n"
         "    # if name is bound: ?s <urn:label> ?name .\n"
         '    # if name" } ; DROP ALL is bound: ?s ?p ?o .\n'
         "    ?s <urn:p> ?o } GROUP BY ?s }\n  ?s <urn:label> ?name }")
    bound = bind_values(q, {"name": Literal('x" } ;')})
    assert '    VALUES (?name) { ("x\\" } ;") } ?s <urn:label> ?name .\n' in bound
    assert '# if name" } ; DROP ALL is bound' in bound          # not a guard: left as it was
    assert "# if name is bound" in bind_values(q, {"s": URIRef("urn:a")})
