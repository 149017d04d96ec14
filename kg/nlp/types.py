"""Plain in-pipeline values: mentions and relation hits the components write.

A :class:`Mention` is a character span of the normalised article text and what it
names, as data: family, class, canonical label, kind, register code, and the
:class:`kg.context.Ref` of the entity it stands for (equal refs, one entity). References
to other entities (a body's place and parent body, a place's parent, a relation's ends)
are refs too; no key is minted here: the page linker (:mod:`kg.link.page`) mints every
key (:func:`kg.link.canonical.key_of`) when it turns mentions into :mod:`kg.records`
values.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.context import Ref

__all__ = ["Mention", "RelationHit"]


@dataclass(slots=True)
class Mention:
    """One mention. Offsets are into the doc text (the normalised article)."""

    start: int
    end: int
    family: str            # place | organisation | scheme | award | anaphor
    cls: str               # a kg.records CLASSES name ("" for anaphors)
    surface: str
    label: str             # canonical label
    ref: Ref               # the entity it stands for (an anaphor: the subject it refers to)
    kind: str = ""         # full | abbrev | stem | suffix | head | quote | level | bare | named …
    code: str | None = None
    level: str | None = None
    aliases: tuple[str, ...] = ()
    place_ref: str | None = None     # organisation: where it sits (locatedIn)
    parent_org: str | None = None    # organisation: larger body (subOrganisationOf)
    parent_place: str | None = None  # non-register place: the place it lies in (partOf)
    verb: str = ""                   # scheme: trigger kind that made it (programme/initiative)
    entity: bool = True              # False: used for relations only (anaphors, stems in names)
    inner: tuple[Ref, ...] = ()      # places named inside (organisation and place names)


@dataclass(frozen=True, slots=True)
class RelationHit:
    """A relation read from one sentence (doc offsets of the sentence)."""

    subject: Ref
    predicate: str
    object: Ref
    sent_start: int
    sent_end: int
