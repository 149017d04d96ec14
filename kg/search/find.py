"""Answer a search: entities whose names contain the text, and sentences that contain it.

Ranking
-------
Entities: an exact name before a name that starts with the text before one that
contains it; within that, the canonical label before an alias before a pinyin spelling;
then more source files first, then the shorter label. Each entity appears once, with its
best-matching name. Sentences: the shorter sentence first (the text is more of what it
says), then file and offset — the order the index stores them in, so a search for a
common phrase stops at its limit instead of ranking every match. Both orders are total,
so the same index gives the same answer. Ranking runs in SQLite, not in Python.

Texts of three characters or more are looked up in the FTS5 trigram tables; shorter ones
(a trigram index has nothing to offer a one- or two-character text) by ``instr`` over
the plain tables — a scan, measured by ``bench/search.py`` to stay far below the time
budget at a million quads.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

from kg.search.index import fold

__all__ = ["SearchHit", "find"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchHit:
    """One result row: an entity (``kind="entity"``) or an evidence sentence (``"sentence"``).

    ``matched`` is the entity's name that matched (label, alias or pinyin, see ``via``) or
    the sentence. ``file``/``article``/``title``/``start``/``end`` locate a sentence in its
    source file (offsets into the decoded text, end exclusive); for an entity ``file`` is
    the first of its files and ``files`` their number. ``relations`` lists, for a
    sentence, the relations it is evidence for as ``s p o`` IRIs.
    """

    kind: str
    rank: int
    label: str
    type: str
    iri: str
    matched: str
    via: str
    file: str
    files: int
    article: str
    title: str
    start: int | None
    end: int | None
    relations: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        d = asdict(self)
        d["relations"] = list(self.relations)
        return d


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_NAME_SCORE = """(CASE WHEN n.key = :k THEN 0 WHEN substr(n.key, 1, length(:k)) = :k THEN 10 ELSE 20 END
                + CASE n.kind WHEN 'label' THEN 0 WHEN 'alias' THEN 1 ELSE 2 END)"""


def _entities(conn: sqlite3.Connection, text: str, limit: int) -> list[SearchHit]:
    key = fold(text)
    if not key:
        return []
    if len(key) >= 3:
        match = "n.id IN (SELECT rowid FROM name_fts WHERE name_fts MATCH :m) AND instr(n.key, :k) > 0"
    else:
        match = "instr(n.key, :k) > 0"
    # one row per entity: SQLite takes the bare columns of the row that gives min(score)
    sql = (f"SELECT e.iri, e.label, e.type, e.ndocs, e.files, n.kind, n.name, min({_NAME_SCORE}) AS score "
           f"FROM name n JOIN entity e ON e.id = n.entity WHERE {match} GROUP BY n.entity "
           "ORDER BY score, e.ndocs DESC, length(e.label), e.label, e.iri LIMIT :n")
    rows = conn.execute(sql, {"k": key, "m": _fts_phrase(key), "n": limit}).fetchall()
    return [SearchHit("entity", r, label, typ, iri, name, kind, files.split("|")[0] if files else "",
                      ndocs, "", "", None, None)
            for r, (iri, label, typ, ndocs, files, kind, name, _score) in enumerate(rows, 1)]


def _sentences(conn: sqlite3.Connection, text: str, limit: int) -> list[SearchHit]:
    needle = _SPACE.sub("", text) if _CJK.search(text) else text.strip()
    if not needle:
        return []
    # row ids are in rank order (shorter sentence, then file and offset: kg.search.collect),
    # so the first `limit` matches in row order are the answer and the scan stops there
    cols = "s.id, s.file, s.article, s.title, s.start, s.\"end\", s.text"
    if len(needle) >= 3:
        sql = (f"SELECT {cols} FROM sentence_fts f JOIN sentence s ON s.id = f.rowid "
               "WHERE sentence_fts MATCH :m AND instr(s.text, :q) > 0 ORDER BY f.rowid LIMIT :n")
    else:
        sql = f"SELECT {cols} FROM sentence s WHERE instr(s.text, :q) > 0 ORDER BY s.id LIMIT :n"
    rows = conn.execute(sql, {"q": needle, "m": _fts_phrase(needle), "n": limit}).fetchall()
    claims: dict[int, list[str]] = {r[0]: [] for r in rows}
    if claims:
        for sid, s, p, o in conn.execute(
                f"SELECT sentence, s, p, o FROM claim WHERE sentence IN ({','.join('?' * len(claims))}) "
                "ORDER BY sentence, evidence", list(claims)):
            claims[sid].append(f"{s} {p} {o}")
    return [SearchHit("sentence", r, "", "", "", sentence, "text", file, 1, art, title, start, end,
                      tuple(claims[sid]))
            for r, (sid, file, art, title, start, end, sentence) in enumerate(rows, 1)]


def find(conn: sqlite3.Connection, text: str, *, limit: int = 50,
         entities: bool = True, sentences: bool = True) -> list[SearchHit]:
    """Search an open index: entities first (ranked), then sentences (ranked).

    Parameters
    ----------
    conn : sqlite3.Connection
        An index made by :func:`kg.search.build.build_index`.
    text : str
        Chinese text, an alias, or pinyin (tone-less; case and spaces do not matter).
    limit : int
        Most entities and most sentences returned (each).

    Returns
    -------
    list of SearchHit
    """
    out: list[SearchHit] = []
    if entities:
        out += _entities(conn, text, limit)
    if sentences:
        out += _sentences(conn, text, limit)
    return out
