"""The search index: an SQLite database with FTS5 trigram tables over names and sentences.

Why SQLite FTS5 with the ``trigram`` tokenizer: it ships with Python's standard library
(SQLite ≥ 3.34), needs no word segmentation — Chinese has no spaces, and a segmenter
would split 乌拉特后旗 or “1+3+3”社会治理模式 differently from how a researcher types a
part of it — and answers *substring* queries from the index, which is what searching
for a fragment of a name or a phrase in a sentence means. A trigram index cannot
answer a text shorter than three characters (旗, 综治). For those, a second pair of FTS5
tables holds the same texts one character per token (the ``unicode61`` tokenizer over
the characters joined by spaces; contentless, so only postings are stored): a
two-character text is a two-token phrase, looked up in the index. A plain scan of the
tables took up to 110 ms at a million quads (``bench/search.py``), over the budget.

Tables
------
``entity``       one row per entity: IRI, label, class, family, number of files, files
``name``         one row per searchable name of an entity: ``kind`` label | alias |
                 pinyin, the name as written and ``key``, its folded form (see :func:`fold`)
``name_fts``     FTS5 trigram over ``name.key`` (external content)
``sentence``     one row per evidence sentence: file, article, title, offsets, text
``sentence_fts`` FTS5 trigram over ``sentence.text`` (external content)
``name_chars``, ``sentence_chars``  contentless FTS5 over the same texts written one
                 character per token, for texts of one or two characters (see below)
``claim``        the relations each sentence supports (evidence IRI, s, p, o)
``document``     the source files the graph was built from (name, sha256)
``meta``         what the index was built from (source, quads), for staleness checks

Pinyin: the graph's ``@zh-Latn-pinyin`` spellings, plus the tone-less pinyin of every
label by pypinyin, so a name the romaniser did not spell is still found by pinyin.
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from pypinyin import lazy_pinyin

from kg.search.collect import EntityRow, SentenceRow

__all__ = ["SCHEMA_VERSION", "fold", "label_pinyin", "spaced", "create_index", "fill_index", "read_meta"]

SCHEMA_VERSION = "3"

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT NOT NULL, label TEXT NOT NULL,
                    type TEXT NOT NULL, family TEXT NOT NULL, ndocs INTEGER NOT NULL,
                    files TEXT NOT NULL);
CREATE INDEX entity_iri ON entity(iri);
CREATE TABLE name(id INTEGER PRIMARY KEY, entity INTEGER NOT NULL, kind TEXT NOT NULL,
                  name TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX name_entity ON name(entity);
CREATE VIRTUAL TABLE name_fts USING fts5(key, content='name', content_rowid='id',
                                         tokenize='trigram');
CREATE TABLE sentence(id INTEGER PRIMARY KEY, file TEXT NOT NULL, article TEXT NOT NULL,
                      title TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                      text TEXT NOT NULL);
CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='sentence', content_rowid='id',
                                             tokenize='trigram');
CREATE VIRTUAL TABLE name_chars USING fts5(chars, content='', tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE sentence_chars USING fts5(chars, content='', tokenize='unicode61 remove_diacritics 0');
CREATE TABLE claim(sentence INTEGER NOT NULL, evidence TEXT NOT NULL, s TEXT NOT NULL,
                   p TEXT NOT NULL, o TEXT NOT NULL);
CREATE INDEX claim_sentence ON claim(sentence);
CREATE INDEX claim_so ON claim(s, o);
CREATE TABLE document(file TEXT NOT NULL, sha256 TEXT NOT NULL);
"""

_DROP = re.compile(r"[\s·・'’\-_]+")
_KINDS = ("label", "alias", "pinyin")


def fold(text: str) -> str:
    """The form names are matched in: width-folded, lower case, no spaces, dots or apostrophes.

    So "Wulatehou Qi", "wulate houqi" and "WULATEHOUQI" are one key, and an OCR space
    inside a Chinese name does not matter.

    >>> fold("Wulatehou Qi"), fold("乌拉特 后旗"), fold("Ｘ’an")
    ('wulatehouqi', '乌拉特后旗', 'xan')
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


@lru_cache(maxsize=None)
def _char_pinyin(ch: str) -> str:
    return lazy_pinyin(ch)[0] if ch else ""


def label_pinyin(label: str) -> str:
    """Tone-less pinyin of a label, character by character (non-Chinese characters kept).

    Character by character, with each character's most common reading, because pypinyin's
    phrase matching costs a millisecond a label (minutes at a million quads); the graph's
    own pinyin spellings (with the override table for names) are indexed beside it.

    >>> label_pinyin("乌拉特后旗"), label_pinyin("“1+3+3”模式")
    ('wulatehouqi', '“1+3+3”moshi')
    """
    return "".join(_char_pinyin(ch) for ch in label)


def spaced(text: str) -> str:
    """``text`` one character per token, for the ``*_chars`` tables.

    >>> spaced("综治 中心")
    '综 治 中 心'
    """
    return " ".join(ch for ch in text if not ch.isspace())


def _names(e: EntityRow) -> Iterable[tuple[str, str, str]]:
    """(kind, name, key) of an entity, each key once, best kind first."""
    seen: set[str] = set()
    cands = [("label", e.label)] + [("alias", a) for a in sorted(e.aliases)]
    cands += [("pinyin", p) for p in sorted(e.pinyin)]
    if e.label:
        cands.append(("pinyin", label_pinyin(e.label)))
    for kind, name in cands:
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            yield kind, name, key


def create_index(conn: sqlite3.Connection) -> None:
    """Create the empty tables in ``conn`` (a fresh database)."""
    conn.executescript(_SCHEMA)


def fill_index(conn: sqlite3.Connection, entities: Iterable[EntityRow], sentences: Iterable[SentenceRow],
               meta: dict[str, str], documents: Iterable[tuple[str, str]] = ()) -> tuple[int, int]:
    """Write ``entities`` and ``sentences`` into a database made by :func:`create_index`.

    Row ids follow the (sorted) input, so the same graph gives the same index. The rows
    are read once and written in batches: a large graph's are never all held.

    Returns
    -------
    (int, int)
        Entities and sentences written.
    """
    n_ent = n_name = n_sent = 0
    ents, names, name_chars = [], [], []
    for n_ent, e in enumerate(entities, 1):
        files = sorted(e.files)
        ents.append((n_ent, e.iri, e.label, e.type, e.family, len(files), "|".join(files[:20])))
        for kind, name, key in _names(e):
            n_name += 1
            names.append((n_ent, kind, name, key))
            name_chars.append((n_name, spaced(key)))
        if len(ents) >= _BATCH:
            _insert(conn, ("entity", ents), ("name", names), ("name_chars", name_chars))
    _insert(conn, ("entity", ents), ("name", names), ("name_chars", name_chars))
    sents, claims, sentence_chars = [], [], []
    for n_sent, s in enumerate(sentences, 1):
        sents.append((n_sent, s.file, s.article, s.title, s.start, s.end, s.text))
        claims += [(n_sent, *c) for c in s.claims]
        sentence_chars.append((n_sent, spaced(s.text)))
        if len(sents) >= _BATCH:
            _insert(conn, ("sentence", sents), ("claim", claims), ("sentence_chars", sentence_chars))
    _insert(conn, ("sentence", sents), ("claim", claims), ("sentence_chars", sentence_chars))
    conn.executemany("INSERT INTO document VALUES (?,?)", documents)
    conn.execute("INSERT INTO name_fts(name_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild')")
    conn.executemany("INSERT INTO meta VALUES (?,?)",
                     sorted({**meta, "schema": SCHEMA_VERSION,
                             "entities": str(n_ent), "sentences": str(n_sent)}.items()))
    conn.commit()
    return n_ent, n_sent


_BATCH = 10_000  # entities or sentences per insert
_INSERT = {"entity": "INSERT INTO entity VALUES (?,?,?,?,?,?,?)",
           "name": "INSERT INTO name(entity, kind, name, key) VALUES (?,?,?,?)",
           "name_chars": "INSERT INTO name_chars(rowid, chars) VALUES (?,?)",
           "sentence": "INSERT INTO sentence VALUES (?,?,?,?,?,?,?)",
           "claim": "INSERT INTO claim VALUES (?,?,?,?,?)",
           "sentence_chars": "INSERT INTO sentence_chars(rowid, chars) VALUES (?,?)"}


def _insert(conn: sqlite3.Connection, *tables: tuple[str, list[tuple]]) -> None:
    """Insert and clear each batch of rows."""
    for table, rows in tables:
        conn.executemany(_INSERT[table], rows)
        rows.clear()


def read_meta(path: str | Path) -> dict[str, str]:
    """The ``meta`` table of an index file ({} when it is not one)."""
    try:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT key, value FROM meta"))
        finally:
            conn.close()
    except sqlite3.Error:
        return {}
