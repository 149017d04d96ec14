"""Plain, picklable records: the boundary between extraction and everything after it.

Extraction (``kg.nlp``) turns one source file into one :class:`FileRecord`. Nothing
downstream (linking across files, RDF, store, export, Dask workers, the cache) needs
spaCy: they all work on these frozen dataclasses.

Offsets
-------
``start``/``end`` are character offsets (Python ``str`` indices, end exclusive) into the
*decoded source text* of the file, before normalisation — so evidence points into the
source as it is. :class:`kg.text.offsets.OffsetMap` maps normalised positions back.

Keys
----
An entity ``key`` identifies one real-world entity across all files; the RDF layer
mints the entity IRI from it (``kg.rdf.iris``). Conventions:

- ``division:<12-digit code>`` — a place from the administrative-division register;
- ``place:<label>``, ``org:<label>``, ``scheme:<label>``, ``award:<label>`` — everything
  else, keyed by its canonical label (quotes and spaces removed).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

__all__ = [
    "PLACE_CLASSES", "CLASSES", "FAMILY", "RELATIONS",
    "Evidence", "Article", "Entity", "Relation", "DocumentMeta", "FileRecord",
]

PLACE_CLASSES = ("Province", "Prefecture", "County", "Township", "Village", "Place")
CLASSES = PLACE_CLASSES + ("Organisation", "Programme", "Initiative", "Award")
FAMILY = {c: "place" for c in PLACE_CLASSES} | {
    "Organisation": "organisation", "Programme": "scheme", "Initiative": "scheme", "Award": "award",
}
RELATIONS = ("partOf", "locatedIn", "subOrganisationOf", "implementedIn", "implementedBy",
             "adaptedFrom", "awarded")


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """The sentence a relation was read from, with its span in the source text."""

    start: int
    end: int
    sentence: str  # the sentence as normalised (clean, for display)
    time: str = ""       # the event's time the sentence states, resolved: YYYY[-MM[-DD]] (kg.text.dates)
    time_text: str = ""  # that time as stated ("2019年以来"); kept when it cannot be resolved


@dataclass(frozen=True, slots=True, order=True)
class Article:
    """One article of a page: headline, byline and its span in the source text."""

    index: int          # 0-based order within the file
    title: str          # headline, normalised (subtitle after " —— " if any)
    start: int
    end: int
    byline: str = ""    # e.g. "本报记者●鲁旭 通讯员●樊学光"
    subtitle: str = ""
    about: str | None = None  # entity key of the place the article is about


@dataclass(frozen=True, slots=True, order=True)
class Entity:
    """One entity as mentioned in one file (merged across files by ``key``)."""

    key: str
    cls: str                               # one of CLASSES, the most specific
    label: str                             # canonical Chinese name, clean
    aliases: tuple[str, ...] = ()          # sorted surface variants, label excluded
    articles: tuple[int, ...] = ()         # indices of the articles mentioning it
    code: str | None = None                # division code (register places only)
    parent: str | None = None              # key of the parent place in the register
    pinyin: str | None = None              # romanised label, place-name style


@dataclass(frozen=True, slots=True, order=True)
class Relation:
    """A relation read from text (``evidence``) or from the register (``evidence is None``)."""

    subject: str    # entity key
    predicate: str  # one of RELATIONS
    object: str     # entity key
    article: int = 0
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a source file says about itself (its front matter); ``""`` where it says nothing.

    Read by :func:`kg.text.meta.read_metadata`, never guessed from article prose, so a
    page without metadata stays undated.
    """

    date: str = ""          # publication date, ISO ``YYYY-MM-DD``, only when a valid date
    title: str = ""
    section: str = ""       # page or section as printed, e.g. "第19版"
    section_name: str = ""  # the section's name, e.g. "法治"
    source_url: str = ""    # where the page was published: an http(s) IRI, checked
    author: str = ""
    date_text: str = ""     # the masthead or dateline the date was read from, as printed


@dataclass(frozen=True, slots=True)
class FileRecord:
    """Everything extracted from one source file; sorted, so equal input gives equal records."""

    file_name: str                  # base name, e.g. "000_b6e0c8eb3083d629.txt"
    sha256: str                     # of the raw bytes
    text_length: int                # characters in the decoded source text
    articles: tuple[Article, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    reference: tuple[Entity, ...] = field(default=())  # register ancestors not mentioned in text
    meta: DocumentMeta = field(default=DocumentMeta())  # last, so older callers and pickles still fit

    def __setstate__(self, state: list) -> None:
        """Unpickle, giving fields missing from an older pickle their defaults.

        The cache folder changes with ``records.py`` anyway (:mod:`kg.cache`); this keeps
        a record pickled before a field was added (shorter state) usable elsewhere.
        """
        for i, f in enumerate(fields(self)):
            object.__setattr__(self, f.name, state[i] if i < len(state) else f.default)
