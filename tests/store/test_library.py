"""The research-query library: every query is documented and answers right on the seeds.

The seeds graph is built once per session by the real ``kg build`` path
(``seeds_graph`` in tests/conftest.py); the facts asserted are stated in the seed texts.
"""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.store.library import list_queries, load_query
from kg.store.open import open_graph
from kg.store.query import parse_params

GOV = "https://w3id.org/govkg/ontology#"
REQUIRED = {  # at least these research questions (issue 5)
    "rollup_schemes", "scheme_bodies", "bodies_by_place", "adapted_schemes",
    "multi_source_schemes", "relation_evidence", "label_lookup", "awards_by_place",
    "division_tree", "counts_by_family", "places_sharing_scheme", "label_search",
}


def test_library_has_documented_queries():
    queries = {q.name: q for q in list_queries()}
    assert REQUIRED <= set(queries) and len(queries) >= 12
    for q in queries.values():
        assert "?" in q.question, q.name
        assert q.params, q.name
        assert q.examples or q.notes, q.name


@pytest.fixture(scope="module")
def seeds(seeds_graph):
    with open_graph(seeds_graph) as g:
        yield g


def run(g, query_name: str, **params: str) -> list[dict[str, str]]:
    q = load_query(query_name)
    r = g.query(q.text, parse_params(f"{k}={v}" for k, v in params.items()))
    return [{k: str(v) for k, v in row.items()} for row in r.dicts()]


def col(rows, key):
    return {r.get(key) for r in rows}


def test_library_rollup_reaches_counties(seeds):
    rows = run(seeds, "rollup_schemes", place="巴彦淖尔市")
    assert {"乌拉特后旗", "乌拉特中旗"} <= col(rows, "whereLabel")
    assert "“1+3+3”社会治理模式" in col(rows, "label")


def test_library_scheme_bodies(seeds):
    rows = run(seeds, "scheme_bodies")
    assert rows and all(r.get("scheme") and r.get("org") for r in rows)
    some = rows[0]["scheme"]
    one = run(seeds, "scheme_bodies", scheme=some)
    assert col(one, "scheme") == {some}
    assert col(one, "org") == {r["org"] for r in rows if r["scheme"] == some}


def test_library_bodies_by_place(seeds):
    rows = run(seeds, "bodies_by_place", place="乌拉特后旗")
    assert "乌拉特后旗委政法委" in col(rows, "org")
    assert col(rows, "seat") == {"乌拉特后旗"}


def test_library_adapted_schemes(seeds):
    rows = run(seeds, "adapted_schemes")
    assert any(r["origin"] == "乌审旗" and r.get("adoptedIn") == "鄂托克旗" for r in rows)


def test_library_multi_source_schemes(seeds):
    rows = run(seeds, "multi_source_schemes")
    fq = next(r for r in rows if r["scheme"] == "“枫桥经验”")
    assert fq["sources"] == "2"
    assert set(fq["files"].split()) == {"001_95525b8b5975eef3.txt", "003_bcb9f7f058462938.txt"}


def test_library_relation_evidence(seeds):
    rows = run(seeds, "relation_evidence", p=f"<{GOV}implementedIn>")
    assert rows and all(r["p"] == GOV + "implementedIn" for r in rows)
    hit = [r for r in rows if r.get("sLabel") == "“1+3+3”社会治理模式"]
    assert hit and hit[0]["fileName"] == "000_b6e0c8eb3083d629.txt"
    assert "1+3+3" in hit[0]["sentence"] and int(hit[0]["start"]) < int(hit[0]["end"])


def test_library_label_lookup_alias(seeds):
    rows = run(seeds, "label_lookup", name="阿右旗")
    assert col(rows, "label") == {"阿拉善右旗"}
    assert col(rows, "type") == {GOV + "County"}


def test_library_label_lookup_pinyin(seeds):
    py = seeds.query('SELECT ?py WHERE { ?s rdfs:label "乌拉特后旗"@zh ; skos:altLabel ?py '
                     'FILTER(LANGMATCHES(LANG(?py), "zh-Latn-pinyin")) }').rows
    assert py, "the build writes a pinyin alias for every place"
    spelled = str(py[0][0]).lower()  # lower case, as a user might type it
    assert "乌拉特后旗" in col(run(seeds, "label_lookup", name=spelled), "label")


def test_library_awards_by_place(seeds):
    rows = run(seeds, "awards_by_place", place="巴彦淖尔市")
    assert {"award": "国家园林县城", "winner": "乌拉特后旗"}.items() <= \
        next(r for r in rows if r["award"] == "国家园林县城").items()


def test_library_division_tree(seeds):
    rows = run(seeds, "division_tree", place="巴彦淖尔市")
    by_code = {r["code"]: r for r in rows}
    assert by_code["150825000000"]["name"] == "乌拉特后旗"
    assert by_code["150825000000"]["parent"] == "巴彦淖尔市"
    assert by_code["150824000000"]["name"] == "乌拉特中旗"


def test_library_counts_by_family(seeds):
    rows = run(seeds, "counts_by_family")
    files = col(rows, "file")
    assert len(files) == 5
    for f in files:
        n = {r["family"]: int(r["n"]) for r in rows if r["file"] == f}
        assert n.get("scheme", 0) > 0 and n.get("place", 0) > 0
    one = run(seeds, "counts_by_family", file="000_b6e0c8eb3083d629.txt")
    assert col(one, "file") == {"000_b6e0c8eb3083d629.txt"}


def test_library_places_sharing_scheme(seeds):
    rows = run(seeds, "places_sharing_scheme", place="九原区")
    hit = next(r for r in rows if r["other"] == "鄂托克旗")
    assert "“枫桥经验”" in hit["schemes"]


def test_library_label_search(seeds):
    rows = run(seeds, "label_search", text="枫桥")
    assert "“枫桥经验”" in col(rows, "label")
    assert all("枫桥" in r["matched"] for r in rows)


def test_library_entity_sources(seeds):
    rows = run(seeds, "entity_sources", name="乌拉特后旗")
    assert "000_b6e0c8eb3083d629.txt" in col(rows, "file")


def test_library_scheme_places(seeds):
    rows = run(seeds, "scheme_places", scheme="枫桥经验")
    assert {"九原区", "鄂托克旗"} <= col(rows, "where")
    assert "鄂尔多斯市" in col(rows, "within")


def test_library_places_sharing_scheme_crafted(crafted_trig):
    with open_graph(crafted_trig) as g:
        rows = run(g, "places_sharing_scheme", place="阿巴嘎旗")
    assert rows == [{"other": "通辽市", "shared": "1", "schemes": "“草原卫士”工作法"}]


def test_library_schemes_by_year(dated_graph):
    """Per year and place from the crafted dated pages; the undated page counts nowhere."""
    with open_graph(dated_graph) as g:
        rows = run(g, "schemes_by_year")
        in_2024 = run(g, "schemes_by_year", year="2024")
        yuanling = run(g, "schemes_by_year", place="沅陵县")
    got = {(r["year"], r["place"], r["province"], r["schemes"], r["sources"],
            frozenset(r["labels"].split())) for r in rows}
    assert got == {
        ("2023", "沅陵县", "湖南省", "2", "1", frozenset({"“溪畔议事”工作法", "“枕溪调解”机制"})),
        ("2024", "溆浦县", "湖南省", "1", "1", frozenset({"“溪畔议事”工作法"})),
    }
    assert [r["year"] for r in rows] == ["2023", "2024"]
    assert [(r["year"], r["place"]) for r in in_2024] == [("2024", "溆浦县")]
    assert [(r["year"], r["place"]) for r in yuanling] == [("2023", "沅陵县")]
