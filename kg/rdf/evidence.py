"""The provenance pattern: one ``gov:Evidence`` node per (relation, sentence).

A relation read from text is asserted twice over in its file's named graph:

1. as a direct triple, ``?s gov:implementedIn ?o`` — what queries and exports use;
2. as a ``gov:Evidence`` node (a ``rdf:Statement`` and a ``prov:Entity``) that repeats
   the triple by RDF reification (``rdf:subject`` / ``rdf:predicate`` / ``rdf:object``)
   and carries the sentence (``gov:sentence``, ``@zh``), its character offsets in the
   decoded source text (``gov:startOffset``, ``gov:endOffset``, ``xsd:integer``, end
   exclusive) and the article it was derived from (``prov:wasDerivedFrom``); for a
   scheme's relation whose sentence states a time, that time (``gov:timeText`` as
   stated, and where it resolves ``dcterms:date`` and ``gov:year``; :mod:`kg.dating`).

Reification was chosen over a qualified-relation class per property (as W3C ORG does
with ``org:Membership``) because it works unchanged for all seven relations, keeps the
direct triple as the primary fact, and is understood by every RDF tool. The node IRI is
minted from (file, subject key, predicate, object key, start offset), so it is stable
and never blank. See ``docs/provenance.md`` and ``queries/relation_evidence.rq``.
"""
from __future__ import annotations

from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.rdf.iris import evidence_iri
from kg.rdf.namespace import GOV
from kg.records import Relation

__all__ = ["evidence_triples", "time_triples"]

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# terms looked up once: a namespace attribute mints a new URIRef on every access
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_EVIDENCE, _SENTENCE, _START, _END = GOV.Evidence, GOV.sentence, GOV.startOffset, GOV.endOffset
_DERIVED = PROV.wasDerivedFrom
#: Datatype of a resolved time by its length: year, year-month, full date.
_TIME_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def time_triples(node: URIRef, value: str, text: str) -> Iterator[Triple]:
    """The stated time of an evidence node: ``gov:timeText``, and where resolved
    ``dcterms:date`` at the stated precision and ``gov:year``.

    Examples
    --------
    >>> [str(o) for _, _, o in time_triples(URIRef("urn:x"), "2022-03", "去年3月")]
    ['去年3月', '2022-03', '2022']
    >>> len(list(time_triples(URIRef("urn:x"), "", "今年以来")))
    1
    """
    if not text:
        return
    yield node, GOV.timeText, Literal(text, lang="zh")
    if value and len(value) in _TIME_TYPES:
        yield node, DCTERMS.date, Literal(value, datatype=_TIME_TYPES[len(value)])
        yield node, GOV.year, Literal(int(value[:4]))


def evidence_triples(file_name: str, relation: Relation, subject: URIRef, obj: URIRef,
                     source: URIRef) -> Iterator[Triple]:
    """Yield the triples of the evidence node of ``relation`` (none if it has no evidence).

    Parameters
    ----------
    file_name : str
        The source file's base name (part of the node's key).
    relation : Relation
        A relation read from text; ``relation.evidence`` gives sentence and offsets.
    subject, obj : URIRef
        The IRIs of the relation's two ends.
    source : URIRef
        The article (or, when the file has no articles, the document) it came from.

    Examples
    --------
    >>> from kg.records import Evidence
    >>> from kg.rdf.iris import entity_iri, article_iri
    >>> rel = Relation("scheme:某某模式", "implementedIn", "division:150500000000", 0,
    ...                Evidence(10, 20, "通辽市推行某某模式。"))
    >>> len(list(evidence_triples("x.txt", rel, entity_iri(rel.subject),
    ...                           entity_iri(rel.object), article_iri("x.txt", 0))))
    8
    """
    ev = relation.evidence
    if ev is None:
        return
    node = evidence_iri(file_name, relation.subject, relation.predicate, relation.object, ev.start)
    yield node, _TYPE, _EVIDENCE
    yield node, _SUBJECT, subject
    yield node, _PREDICATE, GOV[relation.predicate]
    yield node, _OBJECT, obj
    yield node, _SENTENCE, Literal(ev.sentence, lang="zh")
    yield node, _START, Literal(ev.start)
    yield node, _END, Literal(ev.end)
    yield node, _DERIVED, source
    yield from time_triples(node, ev.time, ev.time_text)
