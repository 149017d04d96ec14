"""kg/rdf/namespace.py is exactly what the generator makes from ontology/govkg.ttl."""
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf._generate import NAMESPACE, NAMESPACE_PATH, ONTOLOGY_PATH, generate
from kg.rdf.namespace import GOV


def test_namespace_matches_generated_source():
    expected = generate(ONTOLOGY_PATH.read_text(encoding="utf-8"))
    assert NAMESPACE_PATH.read_text(encoding="utf-8") == expected, \
        "kg/rdf/namespace.py is stale: run `python -m kg.rdf._generate`"


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        GOV.implementedAt  # noqa: B018  (a typo must fail, not mint an IRI)


def test_ontology_every_term_has_labels_and_comment():
    g = Graph().parse(ONTOLOGY_PATH, format="turtle")
    terms = {s for s in g.subjects(RDF.type, None)
             if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)}
    assert len(terms) >= 30
    for term in terms:
        langs = {label.language for label in g.objects(term, RDFS.label)}
        assert {"en", "zh"} <= langs, f"{term}: needs rdfs:label @en and @zh"
        assert g.value(term, RDFS.comment) is not None, f"{term}: needs rdfs:comment"


@pytest.mark.parametrize("prop,domain,range_", [
    ("partOf", "Place", "Place"),
    ("locatedIn", "Organisation", "Place"),
    ("subOrganisationOf", "Organisation", "Organisation"),
    ("implementedIn", None, "Place"),
    ("implementedBy", None, "Organisation"),
    ("adaptedFrom", None, "Place"),
    ("awarded", None, "Award"),
])
def test_ontology_contract_domains_and_ranges(prop, domain, range_):
    g = Graph().parse(ONTOLOGY_PATH, format="turtle")
    term = GOV[prop]
    assert g.value(term, RDFS.range) == GOV[range_]
    if domain:
        assert g.value(term, RDFS.domain) == GOV[domain]
    else:  # a union class (Programme/Initiative, Place/Organisation)
        assert g.value(g.value(term, RDFS.domain), OWL.unionOf) is not None


def test_ontology_part_of_is_transitive():
    g = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert (GOV.partOf, RDF.type, OWL.TransitiveProperty) in g
