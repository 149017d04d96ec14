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


def _page_rels(text: str, predicate: str) -> set[tuple[str, str]]:
    """(subject label, object label) pairs of ``predicate`` in the record of a whole page:
    what the linker makes of a story across its paragraphs, not one Doc."""
    from kg.extract import extract_text

    rec = extract_text(text, "p.txt")
    label = {e.key: e.label for e in [*rec.entities, *rec.reference]}
    return {(label.get(r.subject), label.get(r.object)) for r in rec.relations if r.predicate == predicate}

