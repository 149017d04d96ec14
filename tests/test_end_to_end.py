"""kg build seeds/ → summary line, conforming graph, known facts by SPARQL over the file."""
from __future__ import annotations

import re

import pytest
from rdflib import Dataset
from typer.testing import CliRunner


pytestmark = pytest.mark.slow

PREFIX = """PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def seeds_ds(seeds_graph) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(seeds_graph, format="trig")
    return ds


def test_end_to_end_cli_summary(seeds_dir, tmp_path):
    from kg.cli import app

    out = tmp_path / "seeds.nq"
    result = CliRunner().invoke(app, ["build", str(seeds_dir), "--out", str(out),
                                      "--workers", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    line = result.stdout.strip().splitlines()[-1]
    m = re.fullmatch(r"5 files, (\d+) articles, entities: (\d+) place, (\d+) organisation, "
                     r"(\d+) scheme, (\d+) award; (\d+) triples in (\d+) graphs → .*seeds\.nq", line)
    assert m, line
    articles, place, org, scheme, award, triples, graphs = map(int, m.groups())
    assert articles >= 5 and place > 5 and org > 5 and scheme > 5 and graphs == 6


def test_end_to_end_scheme_implemented_in_known_county(seeds_ds):
    rows = list(seeds_ds.query(PREFIX + """
        SELECT DISTINCT ?scheme ?doc WHERE {
          GRAPH ?doc { ?scheme gov:implementedIn ?place }
          ?place rdfs:label "乌拉特后旗"@zh .
        }"""))
    assert rows, "no scheme is implementedIn 乌拉特后旗"


def test_end_to_end_every_relation_has_evidence(seeds_ds):
    from pathlib import Path

    query = (Path(__file__).resolve().parent.parent / "queries" / "relation_evidence.rq").read_text(encoding="utf-8")
    rows = list(seeds_ds.query(query))
    assert rows
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    from kg.io.decode import read_source
    texts = {p.name: read_source(p).text for p in seeds.glob("*.txt")}
    for r in rows[:50]:
        span = texts[str(r.fileName)][int(r.start):int(r.end)]
        assert span, (r.fileName, r.start, r.end)


def test_end_to_end_conforms(seeds_graph):
    from kg.rdf.validate import validate_file

    report = validate_file(seeds_graph)
    assert report.conforms, report.text()[:3000]


def test_end_to_end_same_bytes_with_1_and_2_workers(seeds_dir, tmp_path):
    from kg.build import build

    a, b = tmp_path / "a.trig", tmp_path / "b.trig"
    build([seeds_dir], a, workers=1)
    build([seeds_dir], b, workers=2)
    assert a.read_bytes() == b.read_bytes()


def test_end_to_end_every_place_body_and_scheme_has_pinyin(seeds_ds):
    rows = seeds_ds.query("""
        PREFIX gov: <https://w3id.org/govkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?e ?label ?py WHERE {
          VALUES ?c { gov:Province gov:Prefecture gov:County gov:Township gov:Village gov:Place
                      gov:Organisation gov:Programme gov:Initiative }
          ?e a ?c ; rdfs:label ?label .
          OPTIONAL { ?e skos:altLabel ?py FILTER(LANGMATCHES(LANG(?py), "zh-Latn-pinyin")) }
        }""")
    missing = sorted(str(r.label) for r in rows if r.py is None)
    assert len(rows) > 100 and not missing, missing
    spelled = {str(r.label): str(r.py) for r in rows}
    assert spelled["乌拉特后旗"] == "Wulate Houqi" and spelled["鄂尔多斯市"] == "E'erduosi Shi"
