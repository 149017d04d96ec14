"""Read what the search index holds from a graph's quads: entities with their names, and evidence sentences.

One pass over the quads — from the dataset file's parser (what ``kg load`` and
``kg search FILE`` use) or from a store — keeps only the predicates below, in temporary
SQLite tables keyed by IRI, and joins them there: a graph of 10k pages held ≈ 1.5 GB of
them in Python dictionaries. Parsing the file is about ten times faster than
reading the same quads back from the on-disk store, where every term of every quad is a
dictionary lookup; named-graph quads and their copies in a materialised default graph
(see :mod:`kg.store.union`) describe the same facts, so every table keeps one row per key
(a set, or a dictionary's last value at its first place) and a repeat costs nothing. The source file of an entity or a sentence
is found through its article (``dcterms:isPartOf``) rather than the graph name, so a
merged Turtle file without graph names is read the same way.

Reads only the terms of the output contract: the entity classes, ``rdfs:label``,
``skos:altLabel`` (``@zh`` aliases and ``@zh-Latn-pinyin`` spellings), ``gov:mentionedIn``,
``dcterms:isPartOf``, ``dcterms:title``, ``gov:fileName``, ``gov:sha256`` and the evidence pattern of
:mod:`kg.rdf.evidence` (``gov:sentence``, ``gov:startOffset``, ``gov:endOffset``,
``prov:wasDerivedFrom``, ``rdf:subject``/``rdf:predicate``/``rdf:object``).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.records import CLASSES, FAMILY

__all__ = ["EntityRow", "SentenceRow", "Collector"]

_GOV = "https://w3id.org/govkg/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = _RDF + "type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_MENTIONED = _GOV + "mentionedIn"
_PART_OF = "http://purl.org/dc/terms/isPartOf"
_TITLE = "http://purl.org/dc/terms/title"
_FILE = _GOV + "fileName"
_SHA = _GOV + "sha256"
_SENTENCE = _GOV + "sentence"
_START = _GOV + "startOffset"
_END = _GOV + "endOffset"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_SUBJECT, _PREDICATE, _OBJECT = _RDF + "subject", _RDF + "predicate", _RDF + "object"
_KEEP = {_TYPE, _LABEL, _ALT, _MENTIONED, _PART_OF, _TITLE, _FILE, _SHA, _SENTENCE, _START, _END,
         _DERIVED, _SUBJECT, _PREDICATE, _OBJECT}
_PINYIN_TAG = "zh-latn-pinyin"
_RANK = {_GOV + c: i for i, c in enumerate(CLASSES)}


@dataclass
class EntityRow:
    """One entity: its IRI, class, canonical label, aliases, pinyin spellings and source files."""

    iri: str
    type: str
    label: str = ""
    aliases: set[str] = field(default_factory=set)
    pinyin: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)

    @property
    def family(self) -> str:
        return FAMILY.get(self.type, "")


@dataclass
class SentenceRow:
    """One evidence sentence in one file, with the relations it supports."""

    file: str
    start: int
    end: int
    text: str
    article: str = ""
    title: str = ""
    claims: list[tuple[str, str, str, str]] = field(default_factory=list)  # (evidence, s, p, o)


#: Predicates whose one value per subject is kept (the last one read), by code in ``kv``.
_VALUES = (_PART_OF, _TITLE, _FILE, _SHA, _SENTENCE, _START, _END, _DERIVED, _SUBJECT, _PREDICATE, _OBJECT)
_CODE = {p: i for i, p in enumerate(_VALUES)}
_BATCH = 20_000  # rows gathered before each insert

#: Temporary tables of what is read: in SQLite's temporary file, not in this process.
_STAGING = """
PRAGMA temp.cache_size = -65536;  -- 64 MiB of pages: bounded, and few reads back from the file
CREATE TEMP TABLE kv(p INTEGER NOT NULL, s TEXT NOT NULL, o TEXT NOT NULL, seq INTEGER NOT NULL,
                     PRIMARY KEY (p, s)) WITHOUT ROWID;
CREATE TEMP TABLE etype(s TEXT PRIMARY KEY, r INTEGER NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE elabel(s TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE alt(s TEXT NOT NULL, name TEXT NOT NULL, pinyin INTEGER NOT NULL,
                      PRIMARY KEY (s, name, pinyin)) WITHOUT ROWID;
CREATE TEMP TABLE mention(s TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (s, doc)) WITHOUT ROWID;
"""
# one value per (predicate, subject): the last read, at the place of the first (a dict's)
_PUT = {
    "kv": "INSERT INTO kv VALUES (?,?,?,?) ON CONFLICT(p, s) DO UPDATE SET o = excluded.o",
    "etype": "INSERT INTO etype VALUES (?,?) ON CONFLICT(s) DO UPDATE SET r = max(r, excluded.r)",
    "elabel": "INSERT INTO elabel VALUES (?,?) ON CONFLICT(s) DO UPDATE SET label = min(label, excluded.label)",
    "alt": "INSERT OR IGNORE INTO alt VALUES (?,?,?)",
    "mention": "INSERT OR IGNORE INTO mention VALUES (?,?)",
}


def _file_of(node: str) -> str:
    """SQL for the file name of a document or article node (its own, else its document's)."""
    return (f"coalesce(nullif((SELECT o FROM kv WHERE p = {_CODE[_FILE]} AND s = {node}), ''), "
            f"(SELECT f.o FROM kv a JOIN kv f ON f.p = {_CODE[_FILE]} AND f.s = a.o "
            f"WHERE a.p = {_CODE[_PART_OF]} AND a.s = {node}), '')")


def _value(predicate: str, node: str) -> str:
    """SQL for the value of ``predicate`` of ``node`` (a column of another alias than ``kv``)."""
    return f"(SELECT o FROM kv WHERE p = {_CODE[predicate]} AND s = {node})"


# every evidence sentence with its key (file, start, end), place read and claim
_EVIDENCE = f"""
CREATE TEMP TABLE sev AS
SELECT {_file_of("e.art")} AS file, CAST(coalesce(e.lo, '-1') AS INTEGER) AS lo,
       CAST(coalesce(e.hi, '-1') AS INTEGER) AS hi, e.seq, e.text, e.art,
       coalesce({_value(_TITLE, "e.art")}, '') AS title, e.ev, e.subj,
       coalesce({_value(_PREDICATE, "e.ev")}, '') AS pred, coalesce({_value(_OBJECT, "e.ev")}, '') AS obj
FROM (SELECT x.s AS ev, x.o AS text, x.seq, coalesce({_value(_DERIVED, "x.s")}, '') AS art,
             {_value(_START, "x.s")} AS lo, {_value(_END, "x.s")} AS hi,
             {_value(_SUBJECT, "x.s")} AS subj
      FROM kv AS x WHERE x.p = {_CODE[_SENTENCE]}) AS e;
CREATE INDEX temp.sev_key ON sev(file, lo, hi);
CREATE TEMP TABLE srow AS  -- the first sentence read of each key (SQLite: bare columns of min())
SELECT file, lo, hi, text, art, title, min(seq) AS seq FROM sev GROUP BY file, lo, hi;
"""


class Collector:
    """Takes quads (:meth:`add`), then gives sorted entity and sentence rows.

    What is read goes to temporary tables of ``conn`` (SQLite keeps them in a temporary
    file, with a bounded page cache), so building the index of a large graph does not
    hold its sentences and names in memory: the rows come back one at a time, in order.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(_STAGING)
        self._rows: dict[str, list[tuple]] = {k: [] for k in _PUT}
        self._seq = 0

    def _flush(self) -> None:
        for table, rows in self._rows.items():
            if rows:
                self.conn.executemany(_PUT[table], rows)
                rows.clear()

    def add(self, quads: Iterable[ox.Quad]) -> "Collector":
        """Read ``quads``, keeping the predicates the index needs."""
        keep, code, rows = _KEEP, _CODE, self._rows
        kv, etype, elabel, alt, mention = (rows[k] for k in ("kv", "etype", "elabel", "alt", "mention"))
        n = 0
        for q in quads:
            p = q.predicate.value
            if p not in keep:
                continue
            s, o = q.subject.value, q.object
            if p == _TYPE:
                r = _RANK.get(o.value)
                if r is not None:
                    etype.append((s, r))
            elif p == _LABEL:
                elabel.append((s, o.value))
            elif p == _ALT:
                alt.append((s, o.value, (getattr(o, "language", None) or "").lower() == _PINYIN_TAG))
            elif p == _MENTIONED:
                mention.append((s, o.value))
            else:
                self._seq += 1
                kv.append((code[p], s, o.value, self._seq))
            n += 1
            if n >= _BATCH:
                self._flush()
                n = 0
        self._flush()
        self.conn.commit()
        return self

    def documents(self) -> list[tuple[str, str]]:
        """(file name, sha256) of every source document, sorted: the files the graph was built from."""
        return self.conn.execute(
            f"SELECT DISTINCT x.o, coalesce({_value(_SHA, 'x.s')}, '') FROM kv AS x WHERE x.p = {_CODE[_FILE]} "
            "ORDER BY 1, 2").fetchall()

    def entities(self) -> Iterator[EntityRow]:
        """Every typed entity with its names and files, sorted by IRI."""
        conn = self.conn
        names = _Groups(conn.execute("SELECT s, name, pinyin FROM alt ORDER BY s"))
        files = _Groups(conn.execute(f"SELECT s, {_file_of('mention.doc')} FROM mention ORDER BY s"))
        for s, r, label in conn.execute("SELECT t.s, t.r, coalesce(l.label, '') FROM etype t "
                                        "LEFT JOIN elabel l USING (s) ORDER BY t.s"):
            e = EntityRow(s, CLASSES[r], label)
            for _, name, pinyin in names.of(s):
                (e.pinyin if pinyin else e.aliases).add(name)
            e.files.update(name for _, name in files.of(s) if name)
            e.aliases.discard(e.label)
            yield e

    def sentences(self) -> Iterator[SentenceRow]:
        """Every evidence sentence once per (file, start, end), sorted by length, file and offset.

        Shorter sentences come first so that the index's row order is the rank order of
        sentence hits (see :mod:`kg.search.find`) and a search can stop at its limit.
        """
        conn = self.conn
        conn.executescript(_EVIDENCE)
        claims = ("SELECT ev, subj, pred, obj FROM sev WHERE file = ? AND lo = ? AND hi = ? "
                  "AND subj IS NOT NULL ORDER BY ev, subj, pred, obj")
        for file, start, end, text, art, title in conn.execute(
                "SELECT file, lo, hi, text, art, title FROM srow ORDER BY length(text), file, lo, hi"):
            yield SentenceRow(file, start, end, text, art, title, conn.execute(claims, (file, start, end)).fetchall())

    def close(self) -> None:
        """Drop the temporary tables."""
        self.conn.executescript("DROP TABLE IF EXISTS temp.kv; DROP TABLE IF EXISTS temp.etype; "
                                "DROP TABLE IF EXISTS temp.elabel; DROP TABLE IF EXISTS temp.alt; "
                                "DROP TABLE IF EXISTS temp.mention; DROP TABLE IF EXISTS temp.sev; "
                                "DROP TABLE IF EXISTS temp.srow;")


class _Groups:
    """Rows sorted by their first column, taken group by group for keys asked in order."""

    def __init__(self, rows: Iterable[tuple]) -> None:
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def of(self, key: str) -> list[tuple]:
        out = []
        while self._next is not None and self._next[0] <= key:
            if self._next[0] == key:
                out.append(self._next)
            self._next = next(self._rows, None)
        return out
