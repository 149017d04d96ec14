"""What the two stages share about an article: its context, its subjects, and entity references.

The page linker (:mod:`kg.link.page`) builds an :class:`ArticleContext` from the
headline and the page and hands it to the extraction pipeline (:mod:`kg.nlp`) with each
article's doc (``doc._.kg_context``), with the linker's readings of its names
(``readings``: which division an ambiguous name is, what an anaphor refers to);
:class:`Subject` is what an article is about. A :class:`Ref` says which entity a span or
a subject stands for, as data (family, bare name, register code): the pipeline compares
and points with refs, and the linker alone turns them into keys
(:func:`kg.link.canonical.key_of`). Why a module of its own: the pipeline imports
nothing from :mod:`kg.link` and the linker nothing from :mod:`kg.nlp`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.text.names import bare_name

__all__ = ["Ref", "Subject", "ArticleContext"]


@dataclass(frozen=True, slots=True)
class Ref:
    """Which entity a name stands for: equal refs are one entity of the page.

    Examples
    --------
    >>> Ref.named("scheme", "“X模式”") == Ref.named("scheme", "X模式")
    True
    >>> Ref.division("150825000000")
    Ref(family='place', name='', code='150825000000')
    """

    family: str              # place | organisation | scheme | award
    name: str = ""           # the bare name (:func:`kg.text.names.bare_name`); "" for a register division
    code: str | None = None  # register code of a division

    @classmethod
    def named(cls, family: str, label: str) -> "Ref":
        """The entity of ``family`` with label ``label`` (outside the register)."""
        return cls(family, bare_name(label))

    @classmethod
    def division(cls, code: str) -> "Ref":
        """The register division ``code``."""
        return cls("place", "", code)


@dataclass(frozen=True, slots=True)
class Subject:
    """What an article is about: its subject place and, when about one body, that body."""

    ref: Ref
    label: str
    cls: str
    code: str | None = None
    head: str = ""             # organisation head noun (公安局 …) for a subject body
    place_ref: Ref | None = None  # a subject body: where it sits


@dataclass(slots=True)
class ArticleContext:
    """Page and article facts the components need to read an article's names."""

    index: int = 0
    province: str | None = None                 # code of the page's province
    context_codes: frozenset[str] = frozenset()  # codes of places named in full on the page
    place: Subject | None = None                 # subject place
    body: Subject | None = None                  # subject organisation
    places_by_level: dict[str, Subject] = field(default_factory=dict)  # 旗/市/自治区 → place
    sentences: tuple[tuple[int, int], ...] = ()  # sentence spans in doc offsets
    is_title: bool = False                       # the doc is a headline (subject detection)
    register: tuple | None = None                # the page's register matches inside the doc, doc offsets
    readings: object = None                      # what its names stand for (:class:`kg.link.readings.Readings`)

    def __post_init__(self) -> None:
        if self.readings is None:  # every context answers for its names, also one built outside the linker
            from kg.link.readings import Readings

            self.readings = Readings(self)
