"""Records → named graphs: exact content, one class/label per entity, no blank nodes."""
from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, RDFS

from kg.rdf.graph import GraphAssembler, records_to_graphs, to_dataset
from kg.rdf.iris import DIVISIONS_GRAPH, document_iri, entity_iri
from kg.rdf.namespace import GOV


PREFIXES = """
@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix doc: <https://w3id.org/govkg/id/doc/> .
@prefix place: <https://w3id.org/govkg/id/place/> .
"""

# record_b alone: the document, its article, two entities, one relation with evidence.
EXPECTED_B = PREFIXES + """
doc:{d} a gov:Document ; gov:fileName "901_test_b.txt" ; gov:sha256 "{sha}" ;
    dcterms:title "学习" .
<{art}> a gov:Article ; dcterms:isPartOf doc:{d} ; dcterms:title "学习" ;
    gov:about place:152500000000 ; gov:startOffset 0 ; gov:endOffset 17 .
place:152500000000 a gov:Prefecture ; rdfs:label "锡林郭勒盟"@zh ;
    skos:altLabel "锡盟"@zh , "Xilin Gol Meng"@zh-Latn-pinyin ; skos:hiddenLabel "xilingolmeng" ;
    gov:mentionedIn doc:{d} , <{art}> .
<{scheme}> a gov:Programme ; rdfs:label "“草原卫士”工作法"@zh ;
    gov:mentionedIn doc:{d} , <{art}> ;
    gov:implementedIn place:152500000000 .
<{ev}> a gov:Evidence ; rdf:subject <{scheme}> ; rdf:predicate gov:implementedIn ;
    rdf:object place:152500000000 ; gov:sentence "锡林郭勒盟学习“草原卫士”工作法。"@zh ;
    gov:startOffset 0 ; gov:endOffset 17 ; prov:wasDerivedFrom <{art}> .
"""

EXPECTED_DIVISIONS = PREFIXES + """
place:150000000000 a gov:Province ; rdfs:label "内蒙古自治区"@zh ;
    skos:altLabel "Nei Mongol Zizhiqu"@zh-Latn-pinyin ; skos:hiddenLabel "neimongolzizhiqu" ;
    gov:divisionCode "150000000000" .
place:152500000000 a gov:Prefecture ; rdfs:label "锡林郭勒盟"@zh ;
    skos:altLabel "Xilin Gol Meng"@zh-Latn-pinyin ; skos:hiddenLabel "xilingolmeng" ;
    gov:divisionCode "152500000000" ;
    gov:partOf place:150000000000 .
"""


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """Isomorphism with a readable diff: triples only expected / only actual."""
    iso_e, iso_a = to_isomorphic(expected), to_isomorphic(actual)
    if iso_e == iso_a:
        return
    _, only_e, only_a = graph_diff(iso_e, iso_a)
    lines = ["graphs differ", "only in expected:"]
    lines += sorted(f"  {s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_e)
    lines += ["only in actual:"] + sorted(f"  {s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_a)
    raise AssertionError("\n".join(lines))


def _graph(ng) -> Graph:
    g = Graph()
    for t in ng.triples:
        g.add(t)
    return g


def test_graph_file_graph_content(rec_b):
    rec = rec_b
    asm = GraphAssembler()
    ng = asm.add(rec)
    d = document_iri(rec.file_name)
    scheme = entity_iri("scheme:“草原卫士”工作法")
    ev = next(s for s, p, o in ng.triples if o == GOV.Evidence)
    expected = EXPECTED_B.format(d=str(d).rsplit("/", 1)[1], sha="b" * 64, art=f"{d}/article/0",
                                 scheme=scheme, ev=ev)
    assert ng.iri == d
    assert_isomorphic(Graph().parse(data=expected, format="turtle"), _graph(ng))
    assert_isomorphic(Graph().parse(data=EXPECTED_DIVISIONS, format="turtle"),
                      _graph(asm.reference()))


def test_graph_layout_one_graph_per_file_then_divisions(records):
    graphs = list(records_to_graphs(records))
    assert [g.iri for g in graphs] == [document_iri("900_test_a.txt"),
                                       document_iri("901_test_b.txt"), DIVISIONS_GRAPH]


def test_graph_register_part_of_only_in_divisions_graph(records):
    first, _, divisions = records_to_graphs(records)
    assert not any(p == GOV.partOf for _, p, _ in first.triples)
    assert (entity_iri("division:150500000000"), GOV.partOf,
            entity_iri("division:150000000000")) in divisions.triples


def test_graph_one_class_and_label_per_entity_across_files(records):
    # record_b calls the scheme a Programme; the first file (record_a) said Initiative.
    ds = to_dataset(records_to_graphs(records))
    scheme = entity_iri("scheme:“草原卫士”工作法")
    types = {o for _, _, o, _ in ds.quads((scheme, RDF.type, None, None))}
    labels = {o for _, _, o, _ in ds.quads((scheme, RDFS.label, None, None))}
    assert types == {GOV.Initiative} and len(labels) == 1


def test_graph_no_blank_nodes(records):
    for g in records_to_graphs(records):
        for triple in g.triples:
            assert not any(isinstance(t, BNode) for t in triple), triple
            assert isinstance(triple[0], URIRef)


def test_graph_counts(records):
    asm = GraphAssembler()
    for r in records:
        asm.add(r)
    assert (asm.files, asm.articles) == (2, 3)
    assert asm.entity_counts() == {"award": 1, "organisation": 1, "place": 3, "scheme": 1}


def _doc_triples(rec) -> dict:
    doc = document_iri(rec.file_name)
    out: dict = {}
    for s, p, o in GraphAssembler().add(rec).triples:
        if s == doc:
            out.setdefault(p, set()).add(o)
    return out


def test_graph_document_metadata(rec_b):
    from dataclasses import replace

    from rdflib import Literal
    from rdflib.namespace import DCTERMS, XSD

    from kg.records import DocumentMeta

    meta = DocumentMeta(date="2023-03-14", title="页面标题", section="第5版", section_name="法治",
                        source_url="https://news.example.org/a.html", author="张某")
    doc = _doc_triples(replace(rec_b, meta=meta))
    assert doc[DCTERMS.date] == {Literal("2023-03-14", datatype=XSD.date)}
    assert doc[DCTERMS.source] == {URIRef("https://news.example.org/a.html")}
    assert doc[GOV.section] == {Literal("法治")} and doc[GOV.page] == {Literal("第5版")}
    assert doc[DCTERMS.title] == {Literal("页面标题")}  # the front matter's, not the headline


def test_graph_document_without_metadata_is_undated(rec_b):
    from rdflib.namespace import DCTERMS

    doc = _doc_triples(rec_b)
    assert not {DCTERMS.date, DCTERMS.source, GOV.section, GOV.page} & set(doc)
    assert len(doc[DCTERMS.title]) == 1   # the first headline
