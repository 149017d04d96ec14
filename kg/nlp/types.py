"""Plain in-pipeline values: mentions and relation hits the components write.

A :class:`Mention` is a character span of the normalised article text with the entity it
stands for already linked (``key``, canonical ``label``). Components append mentions to
``doc._.kg_mentions``; :mod:`kg.link.page` turns them into :mod:`kg.records` values.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Mention", "RelationHit"]


@dataclass(slots=True)
class Mention:
    """One linked mention. Offsets are into the doc text (the normalised article)."""

    start: int
    end: int
    family: str            # place | organisation | scheme | award | anaphor
    cls: str               # a kg.records CLASSES name ("" for anaphors)
    surface: str
    label: str             # canonical label
    key: str               # entity key (kg.records conventions)
    kind: str = ""         # full | abbrev | stem | suffix | head | quote | level | bare | named …
    code: str | None = None
    level: str | None = None
    aliases: tuple[str, ...] = ()
    place_key: str | None = None     # organisation: where it sits (locatedIn)
    parent_org: str | None = None    # organisation: larger body (subOrganisationOf)
    parent_place: str | None = None  # non-register place: the place it lies in (partOf)
    verb: str = ""                   # scheme: trigger kind that made it (programme/initiative)
    entity: bool = True              # False: used for relations only (anaphors, stems in names)
    inner: tuple[str, ...] = ()      # keys of places named inside (organisation names)


@dataclass(frozen=True, slots=True)
class RelationHit:
    """A relation read from one sentence (doc offsets of the sentence)."""

    subject: str
    predicate: str
    object: str
    sent_start: int
    sent_end: int
