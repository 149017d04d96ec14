"""The facts every export view is built from, gathered from rows in one pass.

:class:`Facts` holds the typed entities (labels, pinyin, aliases, division codes, the
documents that mention them and their years), the relations between them with the
documents that state each one, and the documents' file names: plain Python values, so
a view is built the same way whatever the graph was read from.

:func:`read_facts` feeds a :class:`FactsBuilder` with the rows of
:mod:`kg.export.scan` — a dataset file parsed as a stream, an Oxigraph store read by
pattern scans, or two SELECTs for any other graph. The builder files the rows about
entities in columns without grouping them and resolves what depends on rows yet to
come (is this subject typed? is this graph a document? which document holds this
article?) once, at the end; each entity is then grouped from the columns when a view
first asks for it (:mod:`kg.export.entities`), so a view pays for the entities it
shows. The order of the rows does not matter, and no list of every quad is ever held.
Of evidence nodes only the stated years are read (``gov:year``), for the start times
of scheme–place facts (:mod:`kg.export.timeline`).

A store made by ``kg load`` is read from its export summary instead
(:mod:`kg.export.summary`, through :func:`kg.export.views.load_facts`): the same
:class:`Facts`, one row per entity and relation rather than one per quad.

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
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from kg.export.entities import COLUMNS, Entities, Entity, LazyEntities, put
from kg.export.timeline import EVIDENCE_YEARS_QUERY, relation_starts
from kg.records import CLASSES, RELATIONS
from kg.export.scan import GOV, RDF_TYPE, Row, evidence_rows, file_rows, select, sparql_rows, store_rows

__all__ = ["GOV", "Facts", "FactsBuilder", "KeyedTable", "RelationTable", "StartTable", "read_facts", "iter_years",
           "relations_of", "shown_in_key_order", "starts_in_key_order", "stated_documents"]

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_DCT = "http://purl.org/dc/terms/"
_CLASS_RANK = {GOV + c: i for i, c in enumerate(CLASSES)}
_RELATION_NAMES = {GOV + r: r for r in RELATIONS}
# what a row of each predicate feeds (see FactsBuilder.add_rows)
_KINDS = {RDF_TYPE: "type", _RDFS_LABEL: "label", _SKOS_ALT: "alt", GOV + "divisionCode": "codes",
          GOV + "mentionedIn": "mentions", GOV + "fileName": "file", _DCT + "isPartOf": "part",
          GOV + "year": "year", _DCT + "date": "date", **{p: "relation" for p in _RELATION_NAMES}}
_DEFAULT_GRAPH = ""  # the default graph among a relation's graphs (no IRI is empty)

_YEAR = re.compile(r"^\s*(\d{4})")

#: A relation between entities: ``(subject, relation's local name, object)``.
Key = tuple[str, str, str]
V = TypeVar("V")


class KeyedTable(Mapping[Key, V]):
    """Values of relations kept outside the process (a store's summary, :mod:`kg.export.summary`).

    Why: a large graph has millions of relations and a view needs them once, in key
    order (the full view's edges) or one relation at a time (``partOf`` parents,
    ``implementedIn`` links); held as a dict they were most of an export's memory.
    :meth:`items` reads them in key order each time, :meth:`of` one relation's.
    """

    def of(self, rel: str) -> Iterator[tuple[Key, V]]:
        """The facts of one relation with their values."""
        raise NotImplementedError


class RelationTable(KeyedTable[tuple[str, ...]]):
    """Relations with the documents stating each (:class:`KeyedTable`)."""


class StartTable(KeyedTable[int]):
    """Start years of relations (:class:`KeyedTable`): the full view asks for them in key
    order, so it never holds them all (:func:`starts_in_key_order`)."""


def starts_in_key_order(starts: Mapping[Key, int]) -> Callable[[Key], int | None]:
    """A look-up of start years for keys asked in increasing order: a dict's ``get``; a
    table's years read alongside, in key order (a merge: one row held at a time)."""
    if not isinstance(starts, StartTable):
        return starts.get
    rows = iter(starts.items())
    pending = next(rows, None)

    def start(key: Key) -> int | None:
        nonlocal pending
        while pending is not None and pending[0] < key:
            pending = next(rows, None)
        return pending[1] if pending is not None and pending[0] == key else None

    return start


def relations_of(table: Mapping[Key, V], rel: str) -> Iterator[tuple[Key, V]]:
    """The facts of one relation (``partOf``, …) with their documents or start years, from a
    dict or a table."""
    if isinstance(table, KeyedTable):
        return table.of(rel)
    return ((k, v) for k, v in table.items() if k[1] == rel)


def shown_in_key_order(relations: Mapping[Key, tuple[str, ...]], keep: set[str]
                       ) -> Iterator[tuple[Key, tuple[str, ...]]]:
    """The facts between entities of ``keep``, with their documents, in key order (a table
    is read in that order, a dict's shown keys are sorted)."""
    if isinstance(relations, RelationTable):
        return ((k, v) for k, v in relations.items() if k[0] in keep and k[2] in keep)
    return ((k, relations[k]) for k in sorted(k for k in relations if k[0] in keep and k[2] in keep))


@dataclass
class Facts:
    """The entities, relations and documents of a graph, as plain Python values.

    ``entities`` maps each typed entity's IRI to its :class:`~kg.export.entities.Entity`,
    resolved when first asked for (:class:`~kg.export.entities.Entities`; a view names
    the entities it shows with :meth:`resolve`). ``relations`` maps ``(subject,
    relation, object)`` (IRIs and the relation's local name) to the sorted IRIs of the
    documents whose named graph states it; a fact known only from reference data (the
    divisions graph) maps to an empty tuple. It is a dict, or from a store's summary a
    :class:`RelationTable` read when iterated (:func:`relations_of`, :func:`shown_in_key_order`).
    """

    entities: Mapping[str, Entity]
    relations: Mapping[Key, tuple[str, ...]]
    file_names: dict[str, str]  # document IRI -> gov:fileName
    starts: Mapping[Key, int] = field(default_factory=dict)  # kg.export.timeline; or a StartTable

    def class_of(self, iri: str) -> str:
        """The class of an entity without resolving the rest of it."""
        entities = self.entities
        return entities.class_of(iri) if isinstance(entities, LazyEntities) else entities[iri].cls

    @property
    def held(self) -> bool:
        """Whether the entities are held in memory once resolved (not from a store's summary)."""
        return not isinstance(self.entities, LazyEntities) or self.entities.held

    def resolve(self, iris: Iterable[str]) -> None:
        """Resolve these entities together, in one pass over the rows read."""
        if isinstance(self.entities, LazyEntities):
            self.entities.resolve(iris)

    def stream(self, iris: Sequence[str], cached: Iterable[str] = ()) -> Iterator[Entity]:
        """These entities in this order, ``cached`` ones kept resolved (see
        :meth:`~kg.export.entities.LazyEntities.stream`: from a store's summary they are
        read a chunk at a time and not held)."""
        if isinstance(self.entities, LazyEntities):
            return self.entities.stream(iris, cached)
        return (self.entities[i] for i in iris)

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

    Rows about entities are appended to columns per kind (no grouping, so a row costs
    three appends); types, relations, file names and dates go to small tables at once.
    :meth:`facts` resolves what depends on rows yet to come — is this subject typed? is
    this graph a document? which document holds this article? — and hands the columns
    to :class:`~kg.export.entities.Entities`, which groups an entity's rows when a view
    asks for it.

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
        self._columns: dict[str, tuple[list, list, list]] = {k: ([], [], []) for k in COLUMNS}
        self._graphs: dict[str, Any] = {}                # subject -> graph(s) of its other rows
        self._relations: dict[tuple[str, str, str], Any] = {}  # fact -> graph(s)
        self._file_names: dict[str, str] = {}
        self._part_of: list[tuple[str, str]] = []        # (article, document) candidates
        self._years: dict[str, int] = {}
        self._languages: dict[tuple[str, str | None], str] = {}  # (label | alt, language) -> column
        #: evidence node → (graph, stated year): the few nodes whose sentence gives a year
        self.evidence_years: dict[str, tuple[str | None, str]] = {}

    def add(self, g: str | None, s: str, p: str, o: str, lang: str | None) -> None:
        """Take one row: ``(graph or None, subject, predicate, object, language or None)``."""
        self.add_rows(((g, s, p, o, lang),))

    def add_rows(self, rows: Iterable[Row]) -> "FactsBuilder":
        """Take every row; return self.

        IRIs that are kept are interned: a graph or entity IRI read from ten thousand
        rows is then one string in memory, not ten thousand.
        """
        kinds, ranks, relation_names = _KINDS, _CLASS_RANK, _RELATION_NAMES
        types, columns, relations, languages = self._types, self._columns, self._relations, self._languages
        for g, s, p, o, lang in rows:
            kind = kinds.get(p)
            if kind is None:
                continue
            s = intern(s)
            if kind == "type":
                rank = ranks.get(o)
                if rank is not None:
                    cur = types.get(s)
                    if cur is None or rank < cur:
                        types[s] = rank
                continue
            if g is not None:
                g = intern(g)
            if kind == "relation":
                put(relations, (s, relation_names[p], intern(o)), _DEFAULT_GRAPH if g is None else g)
                continue
            if kind == "label" or kind == "alt":
                kind = languages.get((kind, lang)) or self._language_column(kind, lang)
            elif kind == "mentions":
                o = intern(o)  # resolved to its document in Entities
            column = columns.get(kind)
            if column is not None:
                column[0].append(s)
                column[1].append(o)
                column[2].append(g)
            else:
                self._add_other(kind, g, s, o)
        return self

    def _language_column(self, kind: str, lang: str | None) -> str:
        """The column of a label (``zh`` or other) or an alternative label (pinyin or alias)."""
        low = (lang or "").lower()
        if kind == "label":
            column = "labels_zh" if low.startswith("zh") else "labels_other"
        else:
            column = "pinyin" if "latn" in low else "aliases"
        self._languages[(kind, lang)] = column
        return column

    def _add_other(self, kind: str, g: str | None, s: str, o: str) -> None:
        """A row about a document, an article or an evidence node."""
        if g is not None:
            put(self._graphs, s, g)
        if kind == "file":
            self._file_names[s] = o
        elif kind == "part":
            self._part_of.append((s, intern(o)))
        elif kind == "year":
            self.evidence_years[s] = (g, o)
        else:  # date
            m = _YEAR.match(o)
            if m:
                self._years[s] = min(self._years.get(s, 9999), int(m.group(1)))

    def take_entity_rows(self) -> tuple[dict[str, int], dict[str, tuple[list, list, list]], dict[tuple, Any]]:
        """The types, entity columns and relations (fact → graph(s)) taken since the last
        call, forgotten here: a caller that files them elsewhere between batches of rows
        (:mod:`kg.export.summary`, in SQLite) keeps this builder's memory bounded by the
        documents rather than the entities."""
        taken = self._types, self._columns, self._relations
        self._types, self._relations = {}, {}
        self._columns = {k: ([], [], []) for k in COLUMNS}
        return taken

    def sources(self) -> tuple[dict[str, str], dict[str, str], dict[str, int], dict[str, Any]]:
        """Document IRI → file name, article → document, document or article → year, and
        subject → graph(s) of its rows about sources (as :func:`put` files them)."""
        files = self._file_names
        return files, {a: d for a, d in self._part_of if d in files}, self._years, self._graphs

    def facts(self, evidence: Iterable[tuple] = ()) -> Facts:
        """The :class:`Facts` of every row taken; ``evidence`` rows of
        :data:`kg.export.timeline.EVIDENCE_YEARS_QUERY` give relations their start years."""
        files, article_doc, years, graphs = self.sources()
        types = self._types
        relations = {key: stated_documents(stated, files) for key, stated in self._relations.items()
                     if key[0] in types and key[2] in types}
        entities = Entities(types, self._columns, graphs, relations, files, article_doc, years)
        starts = relation_starts(evidence, _Names(entities), relations,
                                 {d: y for d, y in years.items() if d in files})
        return Facts(entities, relations, dict(files), starts)


def stated_documents(stated: Any, files: Mapping[str, str]) -> tuple[str, ...]:
    """The sorted documents among the graph(s) stating a fact (one graph, or a set of them)."""
    if stated.__class__ is set:
        return tuple(sorted(g for g in stated if g in files))
    return (stated,) if stated in files else ()


class _Names(Mapping[str, tuple[str, ...]]):
    """Entity IRI → its Chinese names (labels and aliases), looked up only when asked."""

    def __init__(self, entities: Entities) -> None:
        self._entities = entities

    def __getitem__(self, iri: str) -> tuple[str, ...]:
        e = self._entities[iri]
        return e.labels_zh + e.aliases

    def __iter__(self):
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)


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
            _parse_into(builder, path, fmt, name)
            return builder.facts(evidence_rows(path, fmt, builder.evidence_years)
                                 if builder.evidence_years else ())
        graph = open_graph(path)  # a store, or the error naming what is wrong with the path
    builder.add_rows(store_rows(graph) if isinstance(graph, OxigraphGraph) else sparql_rows(graph))
    return builder.facts(select(graph, EVIDENCE_YEARS_QUERY) if builder.evidence_years else ())


def _parse_into(builder: FactsBuilder, path: Path, fmt: Any, name: str) -> None:
    """:func:`file_rows` into ``builder``, a parse error named by file, line and column (as
    ``open_graph``); the rows go straight in (a wrapping generator costs a step per row)."""
    from kg.errors import StoreError

    try:
        builder.add_rows(file_rows(path, fmt))
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: cannot parse as {name}: {err}") from err
    except OSError as err:
        raise StoreError(f"{path}: cannot read: {err}") from err


def iter_years(values: Iterable[int]) -> tuple[int | None, int | None]:
    """First and last of some years, or ``(None, None)``."""
    vals = sorted(values)
    return (vals[0], vals[-1]) if vals else (None, None)
