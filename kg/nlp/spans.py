"""What each component finds, kept in ``doc.spans``, and the page's mentions read back from it.

Every component writes one span group named after it (``doc.spans["kg_places"]`` …):
one :class:`spacy.tokens.Span` per mention (``label_`` its family, no ``kb_id_``: keys are
the linker's, ``id`` its index in the group's ``attrs["mentions"]``, which holds the
:class:`kg.nlp.types.Mention`), and, in ``attrs``, the relation hits it read and the
earlier mentions it absorbed. Nothing written is ever edited: a later component that
finds a mention inside a longer name says so in its own group (``demoted``: no entity of
its own, as 浙江 in 浙江X法院; ``removed``: part of a scheme's or award's name), and
:func:`mentions` applies that when reading. So each group is exactly one component's
output, and ``doc._.kg_mentions`` / ``doc._.kg_relations`` are views over all groups in
pipeline order.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, SpanGroup

from kg.nlp.types import Mention, RelationHit

__all__ = ["Found", "mention_id", "set_found", "mentions", "relations"]


@dataclass(frozen=True, slots=True)
class Found:
    """One component's output on one doc (what ``match`` returns, ``set_annotations`` writes)."""

    mentions: tuple[Mention, ...] = ()
    demoted: frozenset[tuple] = frozenset()   # ids of earlier mentions that are no entity of their own
    removed: frozenset[tuple] = frozenset()   # ids of earlier mentions inside a name found here
    relations: tuple[RelationHit, ...] = ()


def mention_id(m: Mention) -> tuple:
    """What identifies a mention across groups (its span, family, entity and kind)."""
    return (m.start, m.end, m.family, m.ref, m.kind)


def set_found(doc: Doc, name: str, found: Found) -> None:
    """Write ``found`` as the span group ``name``.

    A mention's span is aligned to the doc's tokens (``alignment_mode="expand"``): with
    the character tokenizer (the default) it is exact; the mention keeps its own offsets.
    """
    spans = []
    for i, m in enumerate(found.mentions):
        span = doc.char_span(m.start, m.end, label=m.family, span_id=i,
                             alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[name] = SpanGroup(doc, name=name, spans=spans, attrs={
        "mentions": found.mentions, "demoted": found.demoted, "removed": found.removed,
        "relations": found.relations})


def _groups(doc: Doc):
    return [g for g in doc.spans.values() if "mentions" in g.attrs]


def mentions(doc: Doc) -> list[Mention]:
    """Every mention of the doc, sorted by start (longest first), later groups' verdicts applied."""
    view: list[Mention] = []
    for g in _groups(doc):
        demoted, removed = g.attrs["demoted"], g.attrs["removed"]
        if demoted or removed:
            view = [replace(m, entity=False) if mention_id(m) in demoted else m
                    for m in view if mention_id(m) not in removed]
        if g.attrs["mentions"]:
            view = sorted(view + list(g.attrs["mentions"]), key=lambda m: (m.start, -m.end))
    return view


def relations(doc: Doc) -> list[RelationHit]:
    """Every relation hit of the doc, in pipeline order."""
    return [h for g in _groups(doc) for h in g.attrs["relations"]]
