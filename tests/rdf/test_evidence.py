"""Evidence is reachable by SPARQL through queries/relation_evidence.rq."""
from __future__ import annotations

import doctest
from pathlib import Path

from rdflib import Dataset, URIRef

import kg.rdf.evidence as evidence
from kg.rdf.graph import records_to_graphs
from kg.rdf.iris import entity_iri
from kg.rdf.namespace import GOV
from kg.rdf.write import write_graphs

QUERY = (Path(__file__).resolve().parents[2] / "queries" / "relation_evidence.rq").read_text(encoding="utf-8")


def _load(records, tmp_path) -> Dataset:
    out = tmp_path / "g.trig"
    write_graphs(records_to_graphs(records), out)
    ds = Dataset()
    ds.parse(out, format="trig")
    return ds


def test_evidence_doctests():
    assert doctest.testmod(evidence).failed == 0


def test_evidence_query_all(records, tmp_path):
    rows = list(_load(records, tmp_path).query(QUERY))
    # 4 text relations in file a (the register partOf has no evidence), 1 in file b
    assert len(rows) == 5
    assert [(str(r.fileName), int(r.start)) for r in rows] == sorted(
        (str(r.fileName), int(r.start)) for r in rows)


def test_evidence_query_bound_relation(records, tmp_path):
    ds = _load(records, tmp_path)
    rows = list(ds.query(QUERY, initBindings={"p": GOV.implementedIn,
                                              "o": entity_iri("division:152500000000")}))
    assert [(str(r.sLabel), str(r.oLabel), str(r.fileName), int(r.start), int(r.end),
             str(r.sentence)) for r in rows] == [
        ("“草原卫士”工作法", "锡林郭勒盟", "901_test_b.txt", 0, 17, "锡林郭勒盟学习“草原卫士”工作法。")]


def test_evidence_offsets_point_into_source(records, tmp_path, text_a):
    rec = records[0]
    ds = _load(records, tmp_path)
    rows = list(ds.query(QUERY, initBindings={"p": GOV.awarded}))
    assert len(rows) == 1
    ev = next(r.evidence for r in rec.relations if r.predicate == "awarded")
    assert (int(rows[0].start), int(rows[0].end), str(rows[0].sentence)) == (ev.start, ev.end, ev.sentence)
    assert text_a[int(rows[0].start):int(rows[0].end)] == str(rows[0].sentence)
    assert isinstance(rows[0].source, URIRef) and str(rows[0].source).endswith("/article/1")
