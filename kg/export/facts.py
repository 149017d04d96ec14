"""The facts every export view is built from, gathered from rows in one pass.

:class:`Facts` holds the typed entities (labels, pinyin, aliases, division codes, the
documents that mention them and their years), the relations between them with the
documents that state each one, and the documents' file names: plain Python values, so
a view is built the same way whatever the graph was read from.

:func:`read_facts` feeds a :class:`FactsBuilder` with the rows of
:mod:`kg.export.scan` — a dataset file parsed as a stream, an Oxigraph store read by
pattern scans, or two SELECTs for any other graph — and the builder keeps per row only
what the views need, resolving what depends on rows yet to come (is this subject typed?
is this graph a document? which document holds this article?) once, at the end. So the
order of the rows does not matter, and no list of every quad is ever held.
Of evidence nodes only the stated years are read (``gov:year``), for the start times
of scheme–place facts (:mod:`kg.export.timeline`).

Reads the terms fixed by ``/work/shared/design/output-contract.md``; a fact counts for
the documents whose named graph states it; a graph without any named graph (a merged
Turtle or N-Triples file) is read from its default graph, with no document provenance.
"""
from __future__ import annotations

import os
import re
from sys import intern
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kg.export.timeline import EVIDENCE_YEARS_QUERY, relation_starts
from kg.records import CLASSES, RELATIONS
from kg.export.scan import GOV, RDF_TYPE, Row, evidence_rows, file_rows, select, sparql_rows, store_rows

__all__ = ["GOV", "Facts", "Entity", "FactsBuilder", "read_facts", "local_name", "iter_years"]

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_DCT = "http://purl.org/dc/terms/"
_CLASS_RANK = {GOV + c: (i, c) for i, c in enumerate(CLASSES)}
_RELATION_NAMES = {GOV + r: r for r in RELATIONS}
_ATTRIBUTES = {_RDFS_LABEL: "label", _SKOS_ALT: "alt", GOV + "divisionCode": "code",
               GOV + "mentionedIn": "mention"}

_SET_FIELDS = ("labels_zh", "labels_other", "aliases", "pinyin", "codes", "documents", "years")
_EMPTY: frozenset = frozenset()  # shared by every empty field of a finished Entity (views only read)

_YEAR = re.compile(r"^\s*(\d{4})")


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``: ``gov:partOf`` → ``partOf``."""
    return re.split(r"[#/]", iri)[-1]


@dataclass
class Entity:
    """What the exports know about one typed entity (one future node)."""

    iri: str
    cls: str
    labels_zh: set[str] = field(default_factory=set)
    labels_other: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    pinyin: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    @property
    def label(self) -> str:
        """The Chinese label (the first in sorted order if a graph gives several)."""
        for pool in (self.labels_zh, self.labels_other, self.aliases):
            if pool:
                return sorted(pool)[0]
        return local_name(self.iri)


@dataclass
class Facts:
    """The entities, relations and documents of a graph, as plain Python values.

    ``relations`` maps ``(subject, relation, object)`` (IRIs and the relation's local
    name) to the set of document IRIs whose named graph states it; a fact known only
    from reference data (the divisions graph) maps to an empty set.
    """

    entities: dict[str, Entity]
    relations: dict[tuple[str, str, str], set[str]]
    file_names: dict[str, str]  # document IRI -> gov:fileName
    starts: dict[tuple[str, str, str], int] = field(default_factory=dict)  # kg.export.timeline

    def document_iri(self, name: str) -> str | None:
        """The document IRI for a file name or a document IRI; None when unknown."""
        if name in self.file_names:
            return name
        for iri, fname in self.file_names.items():
            if fname == name:
                return iri
        return None


class FactsBuilder:
    """Gathers :class:`Facts` from rows given in any order (see :mod:`kg.export.scan`).

    Examples
    --------
    >>> b = FactsBuilder()
    >>> b.add("https://e/doc", "https://e/x", RDF_TYPE, GOV + "County", None)
    >>> b.add("https://e/doc", "https://e/x", _RDFS_LABEL, "红山区", "zh")
    >>> b.add("https://e/doc", "https://e/doc", GOV + "fileName", "001.txt", None)
    >>> f = b.facts()
    >>> f.entities["https://e/x"].label, sorted(f.entities["https://e/x"].documents)
    ('红山区', ['https://e/doc'])
    """

    def __init__(self) -> None:
        self._types: dict[str, tuple[int, str]] = {}
        self._subjects: dict[str, Entity] = {}          # any subject with an attribute row
        self._graphs: set[tuple[str, str]] = set()      # (subject, graph) of attribute rows
        self._relations: list[tuple[str, str, str, str | None]] = []
        self._file_names: dict[str, str] = {}
        self._part_of: list[tuple[str, str]] = []       # (article, document) candidates
        self._years: dict[str, int] = {}
        #: evidence node → (graph, stated year): the few nodes whose sentence gives a year
        self.evidence_years: dict[str, tuple[str | None, str]] = {}

    def add(self, g: str | None, s: str, p: str, o: str, lang: str | None) -> None:
        """Take one row: ``(graph or None, subject, predicate, object, language or None)``.

        IRIs that are kept are interned: a graph or entity IRI read from ten thousand
        rows is then one string in memory, not ten thousand.
        """
        s = intern(s)
        if g is not None:
            g = intern(g)
        if p == RDF_TYPE:
            rank = _CLASS_RANK.get(o)
            if rank is not None and (s not in self._types or rank < self._types[s]):
                self._types[s] = rank
            return
        rel = _RELATION_NAMES.get(p)
        if rel is not None:
            self._relations.append((s, rel, intern(o), g))
            return
        if g is not None:
            self._graphs.add((s, g))
        kind = _ATTRIBUTES.get(p)
        if kind is None:
            if p == GOV + "fileName":
                self._file_names[s] = o
            elif p == _DCT + "isPartOf":
                self._part_of.append((s, o))
            elif p == GOV + "year":
                self.evidence_years[s] = (g, o)
            elif p == _DCT + "date":
                m = _YEAR.match(o)
                if m:
                    self._years[s] = min(self._years.get(s, 9999), int(m.group(1)))
            return
        ent = self._subjects.get(s)
        if ent is None:
            ent = self._subjects[s] = Entity(s, "")
        lang = (lang or "").lower()
        if kind == "label":
            (ent.labels_zh if lang.startswith("zh") else ent.labels_other).add(o)
        elif kind == "alt":
            (ent.pinyin if "latn" in lang else ent.aliases).add(o)
        elif kind == "code":
            ent.codes.add(o)
        else:
            ent.documents.add(o)  # a mention target for now: resolved to its document in facts()

    def add_rows(self, rows: Iterable[Row]) -> "FactsBuilder":
        """Take every row; return self."""
        add = self.add
        for row in rows:
            add(*row)
        return self

    def facts(self, evidence: Iterable[tuple] = ()) -> Facts:
        """The :class:`Facts` of every row taken; ``evidence`` rows of
        :data:`kg.export.timeline.EVIDENCE_YEARS_QUERY` give relations their start years."""
        files, years = self._file_names, self._years
        article_doc = {a: d for a, d in self._part_of if d in files}
        entities: dict[str, Entity] = {}
        docs_of: dict[str, set[str]] = defaultdict(set)
        for iri, (_, cls) in self._types.items():
            ent = self._subjects.get(iri) or Entity(iri, "")
            ent.cls = cls
            targets, ent.documents = ent.documents, set()
            for t in targets:
                doc = t if t in files else article_doc.get(t)
                if doc:
                    docs_of[iri].add(doc)
                if t in years:
                    ent.years.add(years[t])
            ent.aliases -= ent.labels_zh
            entities[iri] = ent
        for s, g in self._graphs:
            if s in entities and g in files:
                docs_of[s].add(g)
        relations: dict[tuple[str, str, str], set[str]] = {}
        for s, rel, o, g in self._relations:
            if s in entities and o in entities:
                docs = relations.setdefault((s, rel, o), set())
                if g in files:
                    docs.add(g)
                    docs_of[s].add(g)
                    docs_of[o].add(g)
        for iri, docs in docs_of.items():
            ent = entities[iri]
            ent.documents = docs
            ent.years.update(years[d] for d in docs if d in years)
        for ent in entities.values():  # most entities have no code, alias or year
            for name in _SET_FIELDS:
                if not getattr(ent, name):
                    setattr(ent, name, _EMPTY)
        names = {iri: e.labels_zh | e.aliases for iri, e in entities.items()}
        starts = relation_starts(evidence, names, relations, {d: y for d, y in years.items() if d in files})
        return Facts(entities, relations, dict(files), starts)


def read_facts(graph: Any) -> Facts:
    """Read the :class:`Facts` of a graph in one pass.

    Parameters
    ----------
    graph
        A dataset file path (parsed as a stream, no store is built), a store directory
        (read by one pattern per predicate), a ``kg.store`` ``KGraph``, or any object
        with an rdflib-style ``query`` method (asked in SPARQL).

    Returns
    -------
    Facts
        Entities with their labels, codes, documents and years; relations with the
        documents that state them; document file names.

    Raises
    ------
    kg.errors.StoreError
        A path that is neither a readable dataset file nor a store; a file that does
        not parse (file name, line and column).
    """
    from kg.store.engines import OxigraphGraph
    from kg.store.load import FILE_FORMATS, is_store_dir
    from kg.store.open import open_graph

    builder = FactsBuilder()
    if isinstance(graph, (str, os.PathLike)):
        path = Path(graph)
        if not is_store_dir(path) and path.suffix.lower() in FILE_FORMATS and path.is_file():
            fmt, name = FILE_FORMATS[path.suffix.lower()]
            builder.add_rows(_parsed(path, fmt, name))
            return builder.facts(evidence_rows(path, fmt, builder.evidence_years)
                                 if builder.evidence_years else ())
        graph = open_graph(path)  # a store, or the error naming what is wrong with the path
    builder.add_rows(store_rows(graph) if isinstance(graph, OxigraphGraph) else sparql_rows(graph))
    return builder.facts(select(graph, EVIDENCE_YEARS_QUERY) if builder.evidence_years else ())


def _parsed(path: Path, fmt: Any, name: str) -> Iterable[Row]:
    """:func:`file_rows`, with a parse error named by file, line and column (as ``open_graph``)."""
    from kg.errors import StoreError

    try:
        yield from file_rows(path, fmt)
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: cannot parse as {name}: {err}") from err
    except OSError as err:
        raise StoreError(f"{path}: cannot read: {err}") from err


def iter_years(values: Iterable[int]) -> tuple[int | None, int | None]:
    """First and last of some years, or ``(None, None)``."""
    vals = sorted(values)
    return (vals[0], vals[-1]) if vals else (None, None)
