"""The typed entities of an export, each resolved from the rows read when a view first needs it.

:class:`~kg.export.facts.FactsBuilder` files the rows about entities in columns
(subject, value, graph) per kind — labels, aliases, pinyin, codes, mentions — without
grouping them. :class:`Entities` is the mapping IRI → :class:`Entity` over those
columns: it groups the rows of the entities asked for in one pass over the columns,
so a view that shows a quarter of the entities (``scheme-place`` at a million quads)
resolves a quarter of them, and the ``full`` view, which asks for all, pays one pass
as before. :meth:`Entities.resolve` takes the IRIs a view will show; an entity asked
for without it resolves every entity left, so a view that forgets to say is slower,
never wrong. :class:`LazyEntities` is that mapping for any source: a store's export
summary (:mod:`kg.export.summary`) looks entities up by key, and
:meth:`LazyEntities.stream` then reads a view of every entity a chunk at a time
without keeping them. :func:`entity_of` is the one rule that makes an entity from its
rows, here and when the summary is written.

An entity's documents are the documents that mention it (directly or through one of
their articles), the documents whose named graph states something of it, and those
stating a relation it takes part in; its years are the dates of those documents and of
the articles that mention it (``output-contract.md``).
"""
from __future__ import annotations

import itertools
from itertools import compress, repeat
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Sequence

from kg.records import CLASSES

__all__ = ["Entity", "LazyEntities", "Entities", "COLUMNS", "entity_of", "gathered", "local_name", "put"]

#: The kinds of rows filed in columns, one field of :class:`Entity` each but ``mentions``.
COLUMNS = ("mentions", "labels_zh", "labels_other", "aliases", "pinyin", "codes")


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``: ``gov:partOf`` → ``partOf``."""
    return re.split(r"[#/]", iri)[-1]


@dataclass(slots=True)
class Entity:
    """What the exports know about one typed entity (one future node).

    Every field is a sorted tuple: a million-quad graph has tens of thousands of
    entities, most with one label and one document, and a one-element set costs four
    times a one-element tuple.
    """

    iri: str
    cls: str
    labels_zh: tuple[str, ...] = ()
    labels_other: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    pinyin: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        """The Chinese label (the first in sorted order if a graph gives several)."""
        for pool in (self.labels_zh, self.labels_other, self.aliases):
            if pool:
                return pool[0]
        return local_name(self.iri)


def put(table: dict, key: Any, value: Any) -> None:
    """Add ``value`` to the values of ``key``: one value alone, several in a set."""
    cur = table.get(key)
    if cur is None:
        table[key] = value
    elif cur.__class__ is set:
        cur.add(value)
    elif cur != value:
        table[key] = {cur, value}


def gathered(cur: Any) -> Iterable:
    """The values :func:`put` gathered under a key (``cur`` is the table's entry or None)."""
    if cur is None:
        return ()
    return cur if cur.__class__ is set else (cur,)


def entity_of(iri: str, cls: str, rows: Iterable[tuple[str, str, str | None]], graphs: Iterable[str | None],
              relation_docs: Iterable[str], files: Mapping[str, str], article_doc: Mapping[str, str],
              years: Mapping[str, int]) -> Entity:
    """One entity from its rows, however they were gathered (in memory or at ``kg load``).

    Parameters
    ----------
    iri, cls
        The entity and its class.
    rows
        ``(column, value, graph)`` of its rows, ``column`` one of :data:`COLUMNS`.
    graphs
        Graphs of its other rows (file names, dates, …).
    relation_docs
        Documents stating a relation it takes part in.
    files, article_doc, years
        Document IRI → file name; article → its document; document or article → year.
    """
    values: dict[str, set[str]] = {kind: set() for kind in COLUMNS}
    seen = set(graphs)
    for kind, o, g in rows:
        values[kind].add(o)
        seen.add(g)
    docs: set[str] = {g for g in seen if g in files}
    yrs: set[int] = set()
    for t in values["mentions"]:
        doc = t if t in files else article_doc.get(t)
        if doc:
            docs.add(doc)
        if t in years:
            yrs.add(years[t])
    docs.update(relation_docs)
    for d in docs:
        if d in years:
            yrs.add(years[d])
    labels = tuple(sorted(values["labels_zh"]))
    alias = tuple(sorted(values["aliases"]))
    if alias and labels:
        alias = tuple(a for a in alias if a not in labels)
    return Entity(iri, cls, labels, tuple(sorted(values["labels_other"])), alias,
                  tuple(sorted(values["pinyin"])), tuple(sorted(values["codes"])),
                  tuple(sorted(docs)), tuple(sorted(yrs)))


class LazyEntities(Mapping[str, Entity]):
    """IRI → :class:`Entity` of every typed entity, each resolved when first needed.

    The classes of all entities are known from the start (``ranks``: IRI → index of its
    class in :data:`kg.records.CLASSES`, iteration order); the rest of an entity is
    built by :meth:`_build`, for the entities a view announces with :meth:`resolve`. An
    entity asked for without it resolves every entity left, so a view that forgets to
    say is slower, never wrong.
    """

    #: Entities built per step by :meth:`stream`, not kept; None: :meth:`stream` resolves
    #: (and keeps) them all at once — for a source that reads every row to build any.
    _chunk: int | None = None

    def __init__(self, ranks: dict[str, int]) -> None:
        self._ranks = ranks
        self._done: dict[str, Entity] = {}

    @property
    def held(self) -> bool:
        """Whether resolved entities are kept (:meth:`stream` lets them go when False)."""
        return self._chunk is None

    def _build(self, todo: set[str]) -> Iterable[Entity]:
        """The entities ``todo`` (typed, not yet resolved), built together."""
        raise NotImplementedError

    def _release(self) -> None:
        """Called once every entity is resolved: drop what only resolving needed."""

    def class_of(self, iri: str) -> str:
        """The class of an entity, without resolving it (``KeyError`` if untyped)."""
        return CLASSES[self._ranks[iri]]

    def resolve(self, iris: Iterable[str]) -> None:
        """Resolve these entities (the typed ones not yet resolved) together."""
        done, ranks = self._done, self._ranks
        todo = {i for i in iris if i in ranks and i not in done}
        if not todo:
            return
        for entity in self._build(todo):
            done[entity.iri] = entity
        if len(done) == len(ranks):
            self._release()

    def stream(self, iris: Sequence[str], cached: Iterable[str] = ()) -> Iterator[Entity]:
        """The entities ``iris`` (typed) in this order, and ``cached`` resolved and kept.

        A source that looks entities up by key (``_chunk`` set: a store's summary) builds
        them a chunk at a time and lets them go, so a view of every entity is never held
        as entities; any other resolves them all, as :meth:`resolve`.
        """
        done, chunk = self._done, self._chunk
        if chunk is None:
            self.resolve(itertools.chain(iris, cached))
            yield from (done[i] for i in iris)
            return
        self.resolve(cached)
        for at in range(0, len(iris), chunk):
            part = iris[at:at + chunk]
            built = {e.iri: e for e in self._build({i for i in part if i not in done})}
            for i in part:
                yield done.get(i) or built[i]

    def __getitem__(self, iri: str) -> Entity:
        entity = self._done.get(iri)
        if entity is None:
            if iri not in self._ranks:
                raise KeyError(iri)
            self.resolve(self._ranks)  # not announced by the view: resolve all that is left
            entity = self._done[iri]
        return entity

    def __contains__(self, iri: object) -> bool:
        return iri in self._ranks

    def __iter__(self) -> Iterator[str]:
        return iter(self._ranks)

    def __len__(self) -> int:
        return len(self._ranks)


class Entities(LazyEntities):
    """:class:`LazyEntities` over the rows read, filed in columns: an entity's rows are
    gathered in one pass over the columns when a view first needs it.

    Parameters
    ----------
    ranks
        Entity IRI → index of its class in :data:`kg.records.CLASSES` (iteration order).
    columns
        Per kind of :data:`COLUMNS`, three parallel lists: subjects, values, graphs
        (``None`` for the default graph).
    graphs
        Subject → graph(s) of its other rows (file names, dates, …), as :func:`put` files them.
    relations
        Relation ``(subject, relation, object)`` → the documents stating it: an entity's
        documents include those of the relations it takes part in, gathered for the
        entities resolved only.
    files, article_doc, years
        Document IRI → file name; article → its document; document or article → year.
    """

    def __init__(self, ranks: dict[str, int], columns: dict[str, tuple[list, list, list]],
                 graphs: dict[str, Any], relations: Mapping[tuple[str, str, str], tuple[str, ...]],
                 files: Mapping[str, str],
                 article_doc: Mapping[str, str], years: Mapping[str, int]) -> None:
        super().__init__(ranks)
        self._columns = columns
        self._graphs = graphs
        self._relations = relations
        self._files = files
        self._article_doc = article_doc
        self._years = years

    def _build(self, todo: set[str]) -> Iterable[Entity]:
        rows: dict[str, list] = {iri: [] for iri in todo}  # entity -> (column, value, graph)
        wanted = todo.__contains__
        for kind, (subjects, values, row_graphs) in self._columns.items():
            # the rows of other entities are skipped in C (compress), not by a Python step each
            for s, row in compress(zip(subjects, zip(repeat(kind), values, row_graphs)), map(wanted, subjects)):
                rows[s].append(row)
        relation_docs: dict[str, list[tuple[str, ...]]] = {}  # entity -> documents of its relations
        for (s, _, o), stated in self._relations.items():
            if stated:
                if s in todo:
                    relation_docs.setdefault(s, []).append(stated)
                if o in todo:
                    relation_docs.setdefault(o, []).append(stated)
        for iri, found in rows.items():
            yield entity_of(iri, CLASSES[self._ranks[iri]], found, gathered(self._graphs.get(iri)),
                            itertools.chain.from_iterable(relation_docs.get(iri, ())), self._files,
                            self._article_doc, self._years)

    def _release(self) -> None:
        self._columns, self._relations = {}, {}  # every entity resolved: no longer needed
