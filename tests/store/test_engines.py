"""Two engines, one answer: every research query gives the same rows on Oxigraph and rdflib.

Rows are compared as N-Triples text (so a language tag's case or a literal's datatype
counts), as multisets, over the seeds graph and, when ``../shared`` is beside the clone,
over the dev corpus graph (issue 13.2).
"""
from __future__ import annotations

from collections import Counter

import pytest

from kg.store.library import list_queries, load_query
from kg.store.open import open_graph
from kg.store.query import parse_params
from kg.store.results import term_to_n3

#: (query, parameters): every query of the library at least once, with and without its
#: optional parameters.
CASES = [
    ("adapted_schemes", ()),
    ("adaptation_chain", ()),
    ("adoption_order", ()),
    ("first_year_by_place", ()),
    ("search_entities", ("entities=<https://w3id.org/govkg/id/place/150825000000>",)),
    ("awards_by_place", ("place=巴彦淖尔市",)),
    ("bodies_by_place", ("place=乌拉特后旗",)),
    ("counts_by_family", ()),
    ("counts_by_family", ("file=000_b6e0c8eb3083d629.txt",)),
    ("division_tree", ("place=内蒙古自治区",)),
    ("entity_sources", ("name=乌拉特后旗",)),
    ("label_lookup", ("name=阿右旗",)),
    ("label_lookup", ("name=wulatehouqi",)),
    ("label_search", ("text=治理",)),
    ("label_search", ("text=Qi",)),
    ("multi_source_schemes", ()),
    ("places_sharing_scheme", ("place=九原区",)),
    ("places_sharing_scheme", ("place=鄂托克旗", "type=gov:Initiative")),
    ("relation_evidence", ("p=gov:implementedIn",)),
    ("rollup_schemes", ("place=巴彦淖尔市",)),
    ("scheme_bodies", ()),
    ("scheme_places", ("scheme=“枫桥经验”",)),
    ("schemes_by_year", ()),
]
DEV_CASES = CASES + [
    ("awards_by_place", ("place=北京市",)),
    ("rollup_schemes", ("place=浙江省",)),
    ("places_sharing_scheme", ("place=诸暨市",)),
    ("division_tree", ("place=浙江省",)),
    ("label_search", ("text=派出所",)),
]


def test_engines_cases_cover_the_library():
    assert {q.name for q in list_queries()} == {name for name, _ in CASES}


def _rows(graph, name: str, params: tuple[str, ...]) -> Counter:
    res = graph.query(load_query(name).text, parse_params(params))
    return Counter(tuple(term_to_n3(t) for t in row) for row in res.rows)


def _agree(path, cases) -> list[str]:
    ox, rl = open_graph(path), open_graph(path, engine="rdflib")
    diffs = []
    for name, params in cases:
        a, b = _rows(ox, name, params), _rows(rl, name, params)
        if a != b:
            diffs.append(f"{name} {params}: oxigraph only {sorted(a - b)[:3]}, "
                         f"rdflib only {sorted(b - a)[:3]}")
    return diffs


def test_engines_agree_on_seeds(seeds_graph):
    assert _agree(seeds_graph, CASES) == []


def test_engines_agree_on_dated_pages(dated_graph):
    assert _agree(dated_graph, [("schemes_by_year", ()), ("schemes_by_year", ("year=2023",))]) == []


@pytest.mark.slow
def test_engines_agree_on_dev_corpus(shared_dir, tmp_path_factory):
    from kg.build import build

    out = tmp_path_factory.mktemp("dev") / "dev.trig"
    build([shared_dir / "corpus" / "rmrb"], out)
    assert _agree(out, DEV_CASES) == []
