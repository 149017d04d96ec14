"""What the nlp tests read off a processed Doc: entity labels by family, relations by name."""
from __future__ import annotations

from kg.link.canonical import key_of


def _labels(doc, family):
    return sorted({m.label for m in doc._.kg_mentions if m.family == family and m.entity})


def _places(doc):
    return _labels(doc, "place")


def _orgs(doc):
    return _labels(doc, "organisation")


def _schemes(doc):
    return _labels(doc, "scheme")


def _rels(doc, predicate):
    labels = {m.ref: m.label for m in doc._.kg_mentions}
    return sorted({(labels.get(r.subject, key_of(r.subject)), labels.get(r.object, key_of(r.object)))
                   for r in doc._.kg_relations if r.predicate == predicate})
