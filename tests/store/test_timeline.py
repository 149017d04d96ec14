"""Stated times on evidence nodes and the diffusion queries, on the crafted timeline pages."""
from __future__ import annotations

import pytest

from kg.store.open import open_graph
from tests.store.test_library import run


@pytest.fixture(scope="module")
def tl(timeline_graph):
    with open_graph(timeline_graph) as g:
        yield g


def _s(row, key: str) -> str:
    """A value of a result row as text, ``""`` when unbound."""
    value = row.get(key)
    return "" if value is None else str(value)


def test_timeline_page_dates(tl):
    rows = tl.query("""SELECT ?f ?d ?t WHERE { ?doc gov:fileName ?f .
        OPTIONAL { ?doc dcterms:date ?d } OPTIONAL { ?doc gov:timeText ?t } }""")
    got = {str(r["f"]): (_s(r, "d") or None, _s(r, "t") or None) for r in rows.dicts()}
    assert got == {
        "901_masthead.txt": ("2023-05-12", "2023年5月12日星期五"),  # normalised: no space
        "902_dateline.txt": ("2024-03-08", "本报3月8日讯"),
        "903_undated.txt": (None, None),
        "904_edition.txt": ("2025-01-02", "2025年01月02日第19版"),
        "905_anaphora.txt": (None, None),
    }


def test_timeline_evidence_times(tl):
    rows = tl.query("""SELECT ?f ?p ?t ?d ?y WHERE { GRAPH ?doc { ?e a gov:Evidence ;
        rdf:predicate ?p ; gov:timeText ?t . OPTIONAL { ?e dcterms:date ?d } OPTIONAL { ?e gov:year ?y } }
        ?doc gov:fileName ?f }""")
    got = {(str(r["f"])[:3], str(r["p"]).split("#")[1], str(r["t"]), _s(r, "d"), _s(r, "y"))
           for r in rows.dicts()}
    assert ("901", "implementedBy", "2019年以来", "2019", "2019") in got
    assert ("902", "adaptedFrom", "去年3月", "2023-03", "2023") in got
    assert ("903", "implementedBy", "今年以来", "", "") in got          # undated: text only
    assert ("904", "implementedIn", "近三年", "2022", "2022") in got
    assert ("904", "adaptedFrom", "2024年6月", "2024-06", "2024") in got
    assert {p for _, p, *_ in got} <= {"implementedIn", "implementedBy", "adaptedFrom"}


def test_timeline_first_year_by_place(tl):
    rows = run(tl, "first_year_by_place")
    assert [(r["place"], r["scheme"], r["firstYear"], r.get("asStated", "")) for r in rows] == [
        ("慈利县", "“云岭议事”工作法", "2019", "2019年以来"),
        ("慈利县", "“石桥夜话”机制", "2021", "2021年起"),   # its own evidence; the place is 全县
        ("桑植县", "“云岭议事”工作法", "2023", "去年3月"),
        ("武陵源区", "“溪石调解”机制", "2022", "近三年"),
        ("武陵源区", "“云岭议事”工作法", "2024", "2024年6月"),
    ]
    assert [r["firstYear"] for r in run(tl, "first_year_by_place", place="桑植县")] == ["2023"]


def test_timeline_adoption_order(tl):
    rows = run(tl, "adoption_order")
    assert [(r["scheme"], r["firstYear"], r["firstPlaces"], r["places"]) for r in rows] == [
        ("“云岭议事”工作法", "2019", "慈利县", "4"),
        ("“石桥夜话”机制", "2021", "慈利县", "1"),
        ("“溪石调解”机制", "2022", "武陵源区", "1"),
    ]


def test_timeline_adaptation_chain(tl):
    rows = run(tl, "adaptation_chain")
    assert [(r["learnedFrom"], r["adopter"], r["year"], r["asStated"], r.get("originLearnedFrom", ""))
            for r in rows] == [("慈利县", "桑植县", "2023", "去年3月", ""),
                               ("桑植县", "武陵源区", "2024", "2024年6月", "慈利县")]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name, param", [("first_year_by_place", "place"),
                                         ("first_year_by_place", "scheme"),
                                         ("adoption_order", "scheme"),
                                         ("adaptation_chain", "scheme")])
def test_timeline_parameter_gives_the_rows_of_its_value(timeline_graph, engine, name, param):
    """A parameter started from inside the grouped sub-selects ("# if … is bound:") gives
    the rows the query gives without it for that value, in the same order."""
    with open_graph(timeline_graph, engine=engine) as g:
        every = run(g, name)
        values = sorted({r[param] for r in every})
        assert values
        for value in values:
            assert run(g, name, **{param: value}) == [r for r in every if r[param] == value]
        labels = {str(r[0]) for r in g.query("SELECT ?l WHERE { ?e rdfs:label ?l }").rows}
        for other in ["无此名称", *sorted(labels - set(values))[:3]]:   # a label without rows
            assert run(g, name, **{param: other}) == [], other
