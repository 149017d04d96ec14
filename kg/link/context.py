"""What the linker knows about an article before its text is read: the page's places and its subject.

:class:`ArticleContext` is built by the page linker (:mod:`kg.link.page`) from the
headline and the page, and handed to the extraction pipeline with each article's doc
(``doc._.kg_context``), with the linker's readings of its names (``readings``: which
division an ambiguous name is, what an anaphor refers to); :class:`Subject` is what an
article is about.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Subject", "ArticleContext"]


@dataclass(frozen=True, slots=True)
class Subject:
    """What an article is about: its subject place and, when about one body, that body."""

    key: str
    label: str
    cls: str
    code: str | None = None
    head: str = ""         # organisation head noun (公安局 …) for a subject body
    place_key: str | None = None


@dataclass(slots=True)
class ArticleContext:
    """Page and article facts the components need to link mentions."""

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
