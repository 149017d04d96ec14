"""A per-entity summary of a store, written by ``kg load``, from which exports read one row per node.

Why: a view shows, of each entity, its class, labels, aliases, pinyin, division codes,
the documents that mention it and their years. In a store those are one row per
*mention* — an entity's type, label and mention rows are repeated in the graph of each
document naming it (575k wanted rows for 40k entities at a million quads) — and an
on-disk Oxigraph store hands a row to Python at ≈ 8 µs (``docs/speed.md``, fourth
round). So ``kg load`` also writes :data:`SUMMARY_NAME` in the store directory, an
SQLite file with

``entity``    one row per typed entity, in IRI order: class, labels (``@zh`` and
              other), aliases, pinyin, codes, documents, years — an
              :class:`~kg.export.entities.Entity`, fields joined by U+001F
``relation``  one row per relation between typed entities: the documents stating it
              and its start year (:mod:`kg.export.timeline`)
``document``  one row per source document: IRI and file name (ids in IRI order)
``meta``      the layout version and the store's marker it was written for

and an export of the store reads those rows (:func:`read_summary`, through
:func:`kg.export.views.load_facts`) instead of the store's quads: the same
:class:`~kg.export.facts.Facts`, so the same bytes (``tests/export/test_summary.py``).

Writing is bounded in memory: the rows of the dataset file (parsed again, as the
search index does) or of the store are filed by
:class:`~kg.export.facts.FactsBuilder` one batch at a time and moved into temporary
SQLite tables, then grouped there per relation and per entity in key order by the rule
every export uses (:func:`~kg.export.entities.entity_of`); only the documents, articles
and dates are held in Python. A store without a summary, or with one written for
another load or in another :data:`SUMMARY_VERSION`, is exported from its quads as
before; a value containing U+001F cannot be stored, and no summary is written then.
"""
from __future__ import annotations

import itertools
import sqlite3
import time
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from sys import intern
from typing import Any, Iterable, Iterator, Mapping

from kg.export.entities import COLUMNS, Entity, LazyEntities, entity_of, gathered
from kg.export.facts import Facts, FactsBuilder, Key, RelationTable, StartTable, stated_documents
from kg.export.scan import evidence_rows, file_rows, select, store_rows
from kg.export.timeline import EVIDENCE_YEARS_QUERY, TIMED_RELATIONS, relation_starts
from kg.io.atomic import atomic_path
from kg.records import CLASSES
from kg.store.load import FILE_FORMATS, STORE_MARKER, read_marker

__all__ = ["SUMMARY_NAME", "SUMMARY_VERSION", "SummaryReport", "summary_path", "write_summary", "read_summary"]

#: File name of the summary inside a store directory.
SUMMARY_NAME = "export.sqlite"
#: Layout of the file; a summary of another version is not read.
SUMMARY_VERSION = "1"

_SEP = "\x1f"  # between the values of one field
_BATCH = 100_000  # rows filed before they are moved into SQLite
_IN = 500  # IRIs per look-up of entities by key

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE document(id INTEGER PRIMARY KEY, iri TEXT NOT NULL, file TEXT NOT NULL);
CREATE TABLE entity(iri TEXT PRIMARY KEY, rank INTEGER NOT NULL, labels_zh TEXT, labels_other TEXT,
                    aliases TEXT, pinyin TEXT, codes TEXT, documents TEXT, years TEXT) WITHOUT ROWID;
CREATE TABLE relation(s TEXT NOT NULL, rel TEXT NOT NULL, o TEXT NOT NULL, documents TEXT,
                      start INTEGER, PRIMARY KEY (s, rel, o)) WITHOUT ROWID;
"""
#: What is read, filed in SQLite's temporary file rather than in this process.
_STAGING = """
PRAGMA temp.cache_size = -65536;  -- 64 MiB of pages
CREATE TEMP TABLE stype(s TEXT PRIMARY KEY, rank INTEGER NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE sattr(s TEXT NOT NULL, kind INTEGER NOT NULL, o TEXT NOT NULL, g TEXT);
CREATE TEMP TABLE srel(s TEXT NOT NULL, rel TEXT NOT NULL, o TEXT NOT NULL, g TEXT NOT NULL);
CREATE TEMP TABLE sdoc(s TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (s, doc)) WITHOUT ROWID;
"""
_KIND = {k: i for i, k in enumerate(COLUMNS)}


@dataclass(frozen=True)
class SummaryReport:
    """What :func:`write_summary` wrote: where, how many entities and relations, how long."""

    path: Path
    entities: int
    relations: int
    seconds: float


class _Unstorable(ValueError):
    """A value holds the field separator: the summary cannot keep it."""


def summary_path(store_dir: str | Path) -> Path:
    """Where the summary of a store lives."""
    return Path(store_dir) / SUMMARY_NAME


def write_summary(store_dir: str | Path, source: str | Path | None = None) -> SummaryReport | None:
    """Write the export summary of the store at ``store_dir`` (what ``kg load`` does after loading).

    Parameters
    ----------
    store_dir
        A store made by :func:`kg.store.load.load_store`.
    source
        The dataset file it was loaded from: parsed again, much faster than reading the
        store's quads back (which is what happens without it).

    Returns
    -------
    SummaryReport or None
        None when a value cannot be stored (see the module docstring): exports of the
        store then read its quads.

    Raises
    ------
    kg.errors.StoreError
        No marker of ``kg load`` in ``store_dir``; a ``source`` that is not a dataset
        file or does not parse.

    Examples
    --------
    >>> report = write_summary("out/seeds.store", "out/seeds.trig")   # doctest: +SKIP
    >>> report.path.name, report.entities                            # doctest: +SKIP
    ('export.sqlite', 164)
    """
    from kg.errors import StoreError
    from kg.store.open import open_graph

    p = Path(store_dir)
    marker = read_marker(p)
    if not marker:
        raise StoreError(f"{p}: not a store made by kg load (no {STORE_MARKER})")
    t0 = time.perf_counter()
    if source is not None:
        path = Path(source)
        fmt = FILE_FORMATS[path.suffix.lower()][0] if path.suffix.lower() in FILE_FORMATS else None
        if fmt is None or not path.is_file():
            raise StoreError(f"{path}: cannot read: not a dataset file")
        rows: Iterable = file_rows(path, fmt)
        evidence = lambda nodes: evidence_rows(path, fmt, nodes)  # noqa: E731 - a second pass, if any
    else:
        graph = open_graph(p)
        rows = store_rows(graph)
        evidence = lambda nodes: select(graph, EVIDENCE_YEARS_QUERY)  # noqa: E731
    try:
        with atomic_path(summary_path(p)) as tmp:
            conn = sqlite3.connect(tmp)
            try:
                counts = _Writer(conn).write(rows, evidence, marker)
            finally:
                conn.close()
    except _Unstorable:
        return None
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{source or p}: cannot read: {err}") from err
    return SummaryReport(summary_path(p), *counts, time.perf_counter() - t0)


class _Writer:
    """Files the rows in temporary tables, then writes documents, relations and entities."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(_SCHEMA + _STAGING)

    def write(self, rows: Iterable, evidence: Any, marker: str) -> tuple[int, int]:
        builder = FactsBuilder()
        it = iter(rows)
        while batch := list(itertools.islice(it, _BATCH)):
            builder.add_rows(batch)
            self._stage(*builder.take_entity_rows())
        conn = self.conn
        conn.execute("CREATE INDEX temp.sattr_s ON sattr(s, kind, o, g)")  # covering: read in key order
        files, article_doc, years, graphs = builder.sources()
        docs = sorted(files)
        conn.executemany("INSERT INTO document VALUES (?,?,?)", ((i, d, files[d]) for i, d in enumerate(docs)))
        ids = {d: str(i) for i, d in enumerate(docs)}
        stated = evidence(builder.evidence_years) if builder.evidence_years else ()
        n_rel = self._relations(files, ids, list(stated), {d: y for d, y in years.items() if d in files})
        n_ent = self._entities(files, article_doc, years, graphs, ids)
        conn.executemany("INSERT INTO meta VALUES (?,?)", sorted({
            "version": SUMMARY_VERSION, "store": marker, "entities": str(n_ent),
            "relations": str(n_rel)}.items()))
        conn.commit()
        return n_ent, n_rel

    def _stage(self, types: dict[str, int], columns: dict[str, tuple[list, list, list]],
               relations: dict[tuple, Any]) -> None:
        conn = self.conn
        conn.executemany("INSERT INTO stype VALUES (?,?) ON CONFLICT(s) DO UPDATE SET rank = min(rank, excluded.rank)",
                         types.items())
        for kind, (subjects, values, graphs) in columns.items():
            code = _KIND[kind]
            conn.executemany("INSERT INTO sattr VALUES (?,?,?,?)",
                             zip(subjects, itertools.repeat(code), values, graphs))
        conn.executemany("INSERT INTO srel VALUES (?,?,?,?)",
                         ((s, r, o, g) for (s, r, o), found in relations.items() for g in gathered(found)))

    def _relations(self, files: Mapping[str, str], ids: Mapping[str, str], stated: list,
                   doc_years: Mapping[str, int]) -> int:
        """Relations between typed entities, grouped in key order; their documents also filed per end."""
        conn, names, n = self.conn, _StagedNames(self.conn), 0
        found = conn.execute("SELECT s, rel, o, g FROM srel WHERE s IN (SELECT s FROM stype) "
                             "AND o IN (SELECT s FROM stype) ORDER BY s, rel, o")
        batch: dict[tuple[str, str, str], tuple[str, ...]] = {}
        for key, group in itertools.groupby(found, key=itemgetter(0, 1, 2)):
            batch[key] = stated_documents({g for *_, g in group}, files)
            if len(batch) >= _BATCH // 10:
                n += self._put_relations(batch, ids, stated, names, doc_years)
        return n + self._put_relations(batch, ids, stated, names, doc_years)

    def _put_relations(self, batch: dict, ids: Mapping[str, str], stated: list, names: Mapping,
                       doc_years: Mapping[str, int]) -> int:
        timed = {k: v for k, v in batch.items() if k[1] in TIMED_RELATIONS}
        starts = relation_starts(stated, names, timed, doc_years) if timed else {}
        self.conn.executemany("INSERT INTO relation VALUES (?,?,?,?,?)",
                              ((*k, " ".join(ids[d] for d in v) or None, starts.get(k)) for k, v in batch.items()))
        self.conn.executemany("INSERT OR IGNORE INTO sdoc VALUES (?,?)",
                              ((x, d) for (s, _, o), v in batch.items() for x in (s, o) for d in v))
        n = len(batch)
        batch.clear()
        return n

    def _entities(self, files: Mapping[str, str], article_doc: Mapping[str, str], years: Mapping[str, int],
                  graphs: Mapping[str, Any], ids: Mapping[str, str]) -> int:
        """Every typed entity in key order, its rows and its relations' documents merged by key."""
        conn = self.conn
        rows = conn.execute("SELECT t.s, t.rank, a.kind, a.o, a.g FROM stype t LEFT JOIN sattr a ON a.s = t.s "
                            "ORDER BY t.s")
        rel_docs = itertools.groupby(conn.execute("SELECT s, doc FROM sdoc ORDER BY s"), key=itemgetter(0))
        pending = next(rel_docs, None)
        out, n = [], 0
        for iri, group in itertools.groupby(rows, key=itemgetter(0)):
            group = list(group)
            docs: list[str] = []
            if pending is not None and pending[0] == iri:
                docs = [d for _, d in pending[1]]
                pending = next(rel_docs, None)
            found = [(COLUMNS[k], o, g) for _, _, k, o, g in group if k is not None]
            e = entity_of(iri, CLASSES[group[0][1]], found, gathered(graphs.get(iri)), docs,
                          files, article_doc, years)
            out.append(_entity_row(e, group[0][1], ids))
            if len(out) >= _BATCH // 10:
                n += _insert_entities(conn, out)
        return n + _insert_entities(conn, out)


def _insert_entities(conn: sqlite3.Connection, rows: list[tuple]) -> int:
    conn.executemany("INSERT INTO entity VALUES (?,?,?,?,?,?,?,?,?)", rows)
    n = len(rows)
    rows.clear()
    return n


def _joined(values: tuple[str, ...]) -> str | None:
    """The values of a field as one text (None for none); raises :class:`_Unstorable`."""
    if not values:
        return None
    for v in values:
        if _SEP in v:
            raise _Unstorable(v)
    return _SEP.join(values)


def _split(text: str | None) -> tuple[str, ...]:
    return () if text is None else tuple(text.split(_SEP))


def _entity_row(e: Entity, rank: int, ids: Mapping[str, str]) -> tuple:
    return (e.iri, rank, _joined(e.labels_zh), _joined(e.labels_other), _joined(e.aliases),
            _joined(e.pinyin), _joined(e.codes), " ".join(ids[d] for d in e.documents) or None,
            " ".join(map(str, e.years)) or None)


class _StagedNames(Mapping[str, tuple[str, ...]]):
    """Entity IRI → its Chinese labels and aliases, from the staged rows (for start years)."""

    _KINDS = (_KIND["labels_zh"], _KIND["aliases"])

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __getitem__(self, iri: str) -> tuple[str, ...]:
        rows = self._conn.execute("SELECT DISTINCT o FROM sattr WHERE s = ? AND kind IN (?,?)",
                                  (iri, *self._KINDS)).fetchall()
        if not rows and self._conn.execute("SELECT 1 FROM stype WHERE s = ?", (iri,)).fetchone() is None:
            raise KeyError(iri)
        return tuple(r[0] for r in rows)

    def __iter__(self) -> Iterator[str]:
        return (s for (s,) in self._conn.execute("SELECT s FROM stype"))

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM stype").fetchone()[0]


# --- reading ---------------------------------------------------------------------------

def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _current(store_dir: Path) -> bool:
    """Whether the store has a summary of this layout, written for its present load."""
    path = summary_path(store_dir)
    if not path.is_file():
        return False
    try:
        conn = _connect(path)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return meta.get("version") == SUMMARY_VERSION and meta.get("store") == read_marker(store_dir) != ""


def read_summary(store_dir: str | Path) -> Facts | None:
    """The :class:`~kg.export.facts.Facts` of a store from its summary; None without a current one.

    The documents, the entities' classes and the relations' start years are read whole;
    the relations when a view iterates them (:class:`~kg.export.facts.RelationTable`: in
    key order, or one relation's), and the rest of each entity when a view resolves it
    (one row per entity, looked up by key or read in key order). So what an export holds
    grows with the entities and the relations it shows, not with every relation.

    Examples
    --------
    >>> read_summary("out/seeds.store").entities["https://w3id.org/govkg/id/place/150825000000"].label  # doctest: +SKIP
    '乌拉特后旗'
    """
    p = Path(store_dir)
    if not _current(p):
        return None
    conn = _connect(summary_path(p))
    try:
        docs = [(intern(iri), file) for iri, file in conn.execute("SELECT iri, file FROM document ORDER BY id")]
        by_id = [iri for iri, _ in docs]
        ranks = {intern(iri): rank for iri, rank in conn.execute("SELECT iri, rank FROM entity")}
        n_relations, n_starts = conn.execute("SELECT count(*), count(start) FROM relation").fetchone()
    finally:
        conn.close()
    return Facts(_StoredEntities(summary_path(p), ranks, by_id), _StoredRelations(summary_path(p), by_id, n_relations),
                 dict(docs), _StoredStarts(summary_path(p), n_starts))


class _KeyedRows:
    """Rows of a summary's ``relation`` table as a mapping key → value, read when asked, in
    key order (its primary key: no sort) or one relation's; ``_column`` is the value read,
    ``_only`` a condition every row meets."""

    _column = ""
    _only = ""

    def __init__(self, path: Path, count: int) -> None:
        self._path, self._count = path, count

    def _value(self, raw: Any) -> Any:
        return raw

    def _read(self, where: str = "", args: tuple = ()) -> Iterator[tuple[Key, Any]]:
        cond = " AND ".join(c for c in (self._only, where) if c)
        conn = _connect(self._path)
        try:
            for s, rel, o, raw in conn.execute(f"SELECT s, rel, o, {self._column} FROM relation"
                                               f"{' WHERE ' + cond if cond else ''} ORDER BY s, rel, o", args):
                yield (intern(s), intern(rel), intern(o)), self._value(raw)
        finally:
            conn.close()

    def of(self, rel: str) -> Iterator[tuple[Key, Any]]:
        return self._read("rel = ?", (rel,))

    def items(self) -> Iterator[tuple[Key, Any]]:  # type: ignore[override]
        """Every key with its value, in key order (read, not held)."""
        return self._read()

    def __getitem__(self, key: Key) -> Any:
        for _, value in self._read("s = ? AND rel = ? AND o = ?", tuple(key)):
            return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[Key]:
        return (key for key, _ in self._read())

    def __len__(self) -> int:
        return self._count


class _StoredRelations(_KeyedRows, RelationTable):
    """:class:`~kg.export.facts.RelationTable` of a summary: each relation's documents."""

    _column = "documents"

    def __init__(self, path: Path, documents: list[str], count: int) -> None:
        super().__init__(path, count)
        self._documents = documents

    def _value(self, raw: str | None) -> tuple[str, ...]:
        return tuple(self._documents[int(i)] for i in raw.split()) if raw else ()


class _StoredStarts(_KeyedRows, StartTable):
    """:class:`~kg.export.facts.StartTable` of a summary: the relations' start years."""

    _column = "start"
    _only = "start IS NOT NULL"


class _StoredEntities(LazyEntities):
    """:class:`~kg.export.entities.LazyEntities` read from a summary's ``entity`` table."""

    _chunk = 4_000  # looked up by key: a view of every entity streams them, never holding all

    def __init__(self, path: Path, ranks: dict[str, int], documents: list[str]) -> None:
        super().__init__(ranks)
        self._path = path
        self._documents = documents

    def _build(self, todo: set[str]) -> Iterator[Entity]:
        conn = _connect(self._path)
        try:
            if 4 * len(todo) >= len(self._ranks):  # most of them: one read in key order
                for row in conn.execute("SELECT * FROM entity"):
                    if row[0] in todo:
                        yield self._entity(row)
                return
            keys = sorted(todo)
            for i in range(0, len(keys), _IN):
                part = keys[i:i + _IN]
                rows = conn.execute(f"SELECT * FROM entity WHERE iri IN ({','.join('?' * len(part))})", part)
                for row in rows:
                    yield self._entity(row)
        finally:
            conn.close()

    def _entity(self, row: tuple) -> Entity:
        iri, rank, labels_zh, labels_other, aliases, pinyin, codes, docs, years = row
        by_id = self._documents
        return Entity(intern(iri), CLASSES[rank], _split(labels_zh), _split(labels_other), _split(aliases),
                      _split(pinyin), _split(codes), tuple(by_id[int(i)] for i in docs.split()) if docs else (),
                      tuple(int(y) for y in years.split()) if years else ())
