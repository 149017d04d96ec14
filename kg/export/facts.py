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
order of the rows does not matter, and no list of every quad is ever held. Memory
goes by entity, not by row: a subject's values are one string until a second comes
(then a set), facts are keyed once with their graphs gathered, and the finished
entities hold sorted tuples (a million quads: 40k entities, 155 MB at peak instead of
220 MB with a set per field). Of evidence nodes only the stated years are read (``gov:year``), for the start times
of scheme–place facts (:mod:`kg.export.timeline`).

Reads the terms fixed by ``/work/shared/design/output-contract.md``; a fact counts for
the documents whose named graph states it; a graph without any named graph (a merged
Turtle or N-Triples file) is read from its default graph, with no document provenance.
"""
from __future__ import annotations

import os
import re
from sys import intern
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
_CLASS_RANK = {GOV + c: i for i, c in enumerate(CLASSES)}
_RELATION_NAMES = {GOV + r: r for r in RELATIONS}
# what a row of each predicate feeds (see FactsBuilder.add)
_KINDS = {RDF_TYPE: "type", _RDFS_LABEL: "label", _SKOS_ALT: "alt", GOV + "divisionCode": "code",
          GOV + "mentionedIn": "mention", GOV + "fileName": "file", _DCT + "isPartOf": "part",
          GOV + "year": "year", _DCT + "date": "date", **{p: "relation" for p in _RELATION_NAMES}}
_FIELDS = ("labels_zh", "labels_other", "aliases", "pinyin", "codes")
_DEFAULT_GRAPH = ""  # the default graph among a relation's graphs (no IRI is empty)

_YEAR = re.compile(r"^\s*(\d{4})")


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


@dataclass
class Facts:
    """The entities, relations and documents of a graph, as plain Python values.

    ``relations`` maps ``(subject, relation, object)`` (IRIs and the relation's local
    name) to the sorted IRIs of the documents whose named graph states it; a fact known
    only from reference data (the divisions graph) maps to an empty tuple.
    """

    entities: dict[str, Entity]
    relations: dict[tuple[str, str, str], tuple[str, ...]]
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


def _put(table: dict, key: Any, value: Any) -> None:
    """Add ``value`` to the values of ``key``: one value alone, several in a set."""
    cur = table.get(key)
    if cur is None:
        table[key] = value
    elif cur.__class__ is set:
        cur.add(value)
    elif cur != value:
        table[key] = {cur, value}


def _values(cur: Any) -> Iterable:
    """The values :func:`_put` gathered under a key (``cur`` is the table's entry or None)."""
    if cur is None:
        return ()
    return cur if cur.__class__ is set else (cur,)


def _sorted(cur: Any) -> tuple:
    """The values :func:`_put` gathered under a key, as a sorted tuple."""
    if cur is None:
        return ()
    return tuple(sorted(cur)) if cur.__class__ is set else (cur,)


class FactsBuilder:
    """Gathers :class:`Facts` from rows given in any order (see :mod:`kg.export.scan`).

    Each row is filed under its subject in one table per kind of fact; a subject's values
    are one string until a second one comes (then a set), so the tables stay small.

    Examples
    --------
    >>> b = FactsBuilder()
    >>> b.add("https://e/doc", "https://e/x", RDF_TYPE, GOV + "County", None)
    >>> b.add("https://e/doc", "https://e/x", _RDFS_LABEL, "红山区", "zh")
    >>> b.add("https://e/doc", "https://e/doc", GOV + "fileName", "001.txt", None)
    >>> f = b.facts()
    >>> f.entities["https://e/x"].label, f.entities["https://e/x"].documents
    ('红山区', ('https://e/doc',))
    """

    def __init__(self) -> None:
        self._types: dict[str, int] = {}                 # subject -> rank of its class
        self._fields: dict[str, dict[str, Any]] = {f: {} for f in _FIELDS}
        self._mentions: dict[str, Any] = {}              # subject -> mention target(s)
        self._graphs: dict[str, Any] = {}                # subject -> graph(s) of attribute rows
        self._relations: dict[tuple[str, str, str], Any] = {}  # fact -> graph(s)
        self._file_names: dict[str, str] = {}
        self._part_of: list[tuple[str, str]] = []        # (article, document) candidates
        self._years: dict[str, int] = {}
        #: evidence node → (graph, stated year): the few nodes whose sentence gives a year
        self.evidence_years: dict[str, tuple[str | None, str]] = {}

    def add(self, g: str | None, s: str, p: str, o: str, lang: str | None) -> None:
        """Take one row: ``(graph or None, subject, predicate, object, language or None)``.

        IRIs that are kept are interned: a graph or entity IRI read from ten thousand
        rows is then one string in memory, not ten thousand.
        """
        kind = _KINDS.get(p)
        if kind is None:
            return
        s = intern(s)
        if kind == "type":
            rank = _CLASS_RANK.get(o)
            if rank is not None:
                cur = self._types.get(s)
                if cur is None or rank < cur:
                    self._types[s] = rank
            return
        if kind == "relation":
            _put(self._relations, (s, _RELATION_NAMES[p], intern(o)),
                 _DEFAULT_GRAPH if g is None else intern(g))
            return
        if g is not None:
            _put(self._graphs, s, intern(g))
        if kind == "mention":
            _put(self._mentions, s, intern(o))  # resolved to its document in facts()
        elif kind == "label":
            _put(self._fields["labels_zh" if lang and lang.lower().startswith("zh") else "labels_other"], s, o)
        elif kind == "alt":
            _put(self._fields["pinyin" if lang and "latn" in lang.lower() else "aliases"], s, o)
        elif kind == "code":
            _put(self._fields["codes"], s, o)
        elif kind == "file":
            self._file_names[s] = o
        elif kind == "part":
            self._part_of.append((s, intern(o)))
        elif kind == "year":
            self.evidence_years[s] = (g, o)
        else:  # date
            m = _YEAR.match(o)
            if m:
                self._years[s] = min(self._years.get(s, 9999), int(m.group(1)))

    def add_rows(self, rows: Iterable[Row]) -> "FactsBuilder":
        """Take every row; return self."""
        add = self.add
        for row in rows:
            add(*row)
        return self

    def facts(self, evidence: Iterable[tuple] = ()) -> Facts:
        """The :class:`Facts` of every row taken; ``evidence`` rows of
        :data:`kg.export.timeline.EVIDENCE_YEARS_QUERY` give relations their start years."""
        files, years, types = self._file_names, self._years, self._types
        article_doc = {a: d for a, d in self._part_of if d in files}
        mentions, graphs = self._mentions, self._graphs
        docs_of: dict[str, set[str]] = {}
        years_of: dict[str, set[int]] = {}
        for iri in types:
            docs: set[str] = set()
            yrs: set[int] = set()
            for t in _values(mentions.get(iri)):
                doc = t if t in files else article_doc.get(t)
                if doc:
                    docs.add(doc)
                if t in years:
                    yrs.add(years[t])
            for g in _values(graphs.get(iri)):
                if g in files:
                    docs.add(g)
            docs_of[iri], years_of[iri] = docs, yrs
        relations: dict[tuple[str, str, str], tuple[str, ...]] = {}
        for key, stated in self._relations.items():
            s, _, o = key
            if s in types and o in types:
                if stated.__class__ is set:
                    docs_t = tuple(sorted(g for g in stated if g in files))
                else:
                    docs_t = (stated,) if stated in files else ()
                relations[key] = docs_t
                if docs_t:
                    docs_of[s].update(docs_t)
                    docs_of[o].update(docs_t)
        zh, other, aliases, pinyin, codes = (self._fields[f] for f in _FIELDS)
        entities: dict[str, Entity] = {}
        for iri, rank in types.items():
            labels = _sorted(zh.get(iri))
            alias = _sorted(aliases.get(iri))
            if alias and labels:
                alias = tuple(a for a in alias if a not in labels)
            docs = docs_of[iri]
            yrs = years_of[iri]
            for d in docs:
                if d in years:
                    yrs.add(years[d])
            entities[iri] = Entity(iri, CLASSES[rank], labels, _sorted(other.get(iri)), alias,
                                   _sorted(pinyin.get(iri)), _sorted(codes.get(iri)),
                                   tuple(sorted(docs)), tuple(sorted(yrs)))
        names = {iri: e.labels_zh + e.aliases for iri, e in entities.items()}
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
