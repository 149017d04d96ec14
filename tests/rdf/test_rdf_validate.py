"""SHACL: a well-formed built graph conforms; broken graphs are reported readably."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import StoreError
from kg.rdf.graph import records_to_graphs
from kg.rdf.iris import entity_iri
from kg.rdf.namespace import GOV
from kg.rdf.validate import load_merged, validate_file, validate_graph
from kg.rdf.write import write_graphs


@pytest.fixture()
def built(records, tmp_path):
    out = tmp_path / "g.trig"
    write_graphs(records_to_graphs(records), out)
    return out


def test_validate_built_graph_conforms(built):
    report = validate_file(built)
    assert report.conforms, report.text()
    assert report.text().startswith("Conforms: ")


ORG = entity_iri("org:通辽市委政法委")
SCHEME = entity_iri("scheme:“草原卫士”工作法")
AWARD = entity_iri("award:全区平安建设先进集体")
TONGLIAO = entity_iri("division:150500000000")


@pytest.mark.parametrize("remove,add,expected", [
    ((ORG, RDFS.label, None), None,
     "Violation: id:organisation/{org} rdfs:label: an entity needs exactly one rdfs:label in Chinese (@zh)"),
    (None, (ORG, GOV.implementedIn, TONGLIAO),
     "Violation: id:organisation/{org} (通辽市委政法委): the subject of gov:implementedIn must be a gov:Programme or gov:Initiative"),
    (None, (SCHEME, GOV.implementedIn, AWARD),
     "Violation: id:scheme/{scheme} (“草原卫士”工作法) gov:implementedIn = id:award/{award}: the object of gov:implementedIn must be a gov:Place"),
    (None, (SCHEME, RDF.type, GOV.Programme),
     "Violation: id:scheme/{scheme} (“草原卫士”工作法) rdf:type: an entity needs exactly one gov class (Province … Place, Organisation, Programme, Initiative or Award)"),
    (None, (TONGLIAO, RDFS.label, Literal("Tongliao", lang="en")),
     "Violation: id:place/150500000000 (通辽市) rdfs:label = \"Tongliao\"@en: an entity needs exactly one rdfs:label in Chinese (@zh)"),
    (None, (TONGLIAO, SKOS.hiddenLabel, Literal("tongliaoshi", lang="zh")),
     "Violation: id:place/150500000000 (通辽市) skos:hiddenLabel = \"tongliaoshi\"@zh: a lookup key (skos:hiddenLabel) must be a plain string"),
])
def test_validate_broken_graph_reported(built, remove, add, expected):
    graph: Graph = load_merged(built)
    if remove:
        graph.remove(remove)
    if add:
        graph.add(add)
    report = validate_graph(graph)
    assert not report.conforms
    tail = lambda iri: str(iri).rsplit("/", 1)[1]  # noqa: E731
    line = expected.format(org=tail(ORG), scheme=tail(SCHEME), award=tail(AWARD))
    assert line in [str(v) for v in report.violations], report.text()
    assert report.text().splitlines()[0].startswith("Does not conform: ")


def test_validate_article_without_document(built):
    graph = load_merged(built)
    graph.remove((None, __import__("rdflib").namespace.DCTERMS.isPartOf, None))
    messages = {v.message for v in validate_graph(graph).violations}
    assert "every gov:Article must be dcterms:isPartOf exactly one gov:Document" in messages


def test_validate_evidence_without_direct_triple(built):
    graph = load_merged(built)
    graph.remove((SCHEME, GOV.implementedIn, None))
    messages = {v.message for v in validate_graph(graph).violations}
    assert "evidence describes a relation that is not asserted as a direct triple" in messages


def test_validate_missing_file(tmp_path):
    with pytest.raises(StoreError, match=r"g\.trig: no such file$"):
        validate_file(tmp_path / "g.trig")


def test_validate_document_metadata(records, tmp_path):
    """A dated document conforms; a second date, a string date or a literal source do not."""
    from dataclasses import replace

    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, XSD

    from kg.rdf.iris import document_iri
    from kg.records import DocumentMeta

    meta = DocumentMeta(date="2023-03-14", section="第5版", section_name="法治",
                        source_url="https://news.example.org/a.html")
    out = tmp_path / "dated.trig"
    write_graphs(records_to_graphs([replace(records[0], meta=meta)] + list(records[1:])), out)
    graph = load_merged(out)
    assert validate_graph(graph).conforms
    doc = document_iri(records[0].file_name)
    for bad, message in [
        ((doc, DCTERMS.date, Literal("2024-01-01", datatype=XSD.date)),
         "a gov:Document has at most one dcterms:date, an xsd:date"),
        ((document_iri(records[1].file_name), DCTERMS.date, Literal("2023-03-14")),
         "a gov:Document has at most one dcterms:date, an xsd:date"),
        ((doc, DCTERMS.source, URIRef("ftp://news.example.org/a")),
         "dcterms:source of a gov:Document is one http(s) IRI"),
    ]:
        graph.add(bad)
        assert message in {v.message for v in validate_graph(graph).violations}, bad
        graph.remove(bad)


def test_rdf_validate_doctests():
    import doctest

    import kg.rdf.validate

    assert doctest.testmod(kg.rdf.validate).failed == 0
