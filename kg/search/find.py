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
(a trigram index has nothing to offer a one- or two-character text) as a phrase of one
or two tokens in the one-character-per-token tables (:mod:`kg.search.index`), and only
a short text with punctuation in it by a scan. Every index hit is checked with ``instr``
(the tokenizers fold case), so all paths give what a plain scan gives.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

from kg.search.index import fold, spaced

__all__ = ["SearchHit", "find", "evidence", "highlight_spans"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")
_WORDLIKE = re.compile(r"^\w+$")  # letters, digits, Chinese: each a token of the *_chars tables


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
    elif _WORDLIKE.match(key):
        match = "n.id IN (SELECT rowid FROM name_chars WHERE name_chars MATCH :c) AND instr(n.key, :k) > 0"
    else:
        match = "instr(n.key, :k) > 0"
    # one row per entity: SQLite takes the bare columns of the row that gives min(score)
    sql = (f"SELECT e.iri, e.label, e.type, e.ndocs, e.files, n.kind, n.name, min({_NAME_SCORE}) AS score "
           f"FROM name n JOIN entity e ON e.id = n.entity WHERE {match} GROUP BY n.entity "
           "ORDER BY score, e.ndocs DESC, length(e.label), e.label, e.iri LIMIT :n")
    rows = conn.execute(sql, {"k": key, "m": _fts_phrase(key), "c": _fts_phrase(spaced(key)),
                              "n": limit}).fetchall()
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
    elif _WORDLIKE.match(needle):
        sql = (f"SELECT {cols} FROM sentence_chars f JOIN sentence s ON s.id = f.rowid "
               "WHERE sentence_chars MATCH :c AND instr(s.text, :q) > 0 ORDER BY f.rowid LIMIT :n")
    else:  # punctuation in a one- or two-character text: not tokens, so a scan
        sql = f"SELECT {cols} FROM sentence s WHERE instr(s.text, :q) > 0 ORDER BY s.id LIMIT :n"
    rows = conn.execute(sql, {"q": needle, "m": _fts_phrase(needle), "c": _fts_phrase(spaced(needle)),
                              "n": limit}).fetchall()
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


def highlight_spans(sentence: str, names: list[str]) -> list[tuple[int, int]]:
    """Where ``names`` occur in ``sentence``, as merged ``(start, end)`` spans (end exclusive).

    A quoted name (“…”) is also looked for without its quotes.

    >>> highlight_spans("测试旗推行“测试旗调解”工作法。", ["测试旗", "“测试旗调解”工作法"])
    [(0, 3), (5, 15)]
    """
    cands = {n for n in names if n} | {n.replace("“", "").replace("”", "") for n in names if n}
    spans = []
    for name in sorted(cands, key=len, reverse=True):
        at = sentence.find(name)
        while at >= 0:
            spans.append((at, at + len(name)))
            at = sentence.find(name, at + 1)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _names_of(conn: sqlite3.Connection, iri: str) -> tuple[str, list[str]]:
    rows = conn.execute("SELECT e.label, n.name FROM entity e JOIN name n ON n.entity = e.id "
                        "WHERE e.iri = ? AND n.kind != 'pinyin'", (iri,)).fetchall()
    return (rows[0][0] if rows else ""), [r[1] for r in rows]


def evidence(conn: sqlite3.Connection, s: str, p: str | None = None, o: str | None = None,
             *, limit: int = 50) -> list[dict]:
    """The evidence sentences of the relations ``s p o`` (``p``/``o`` None: any), with the names highlighted.

    Returns
    -------
    list of dict
        ``s p o sLabel oLabel evidence file title article start end sentence highlights``,
        ``highlights`` being :func:`highlight_spans` of both ends' names in the sentence;
        ordered by file and offset.
    """
    rows = conn.execute(
        "SELECT c.s, c.p, c.o, c.evidence, x.file, x.title, x.article, x.start, x.\"end\", x.text "
        "FROM claim c JOIN sentence x ON x.id = c.sentence "
        "WHERE c.s = ? AND (? IS NULL OR c.p = ?) AND (? IS NULL OR c.o = ?) "
        "ORDER BY x.file, x.start, c.p, c.o LIMIT ?", (s, p, p, o, o, limit)).fetchall()
    names: dict[str, tuple[str, list[str]]] = {}
    out = []
    for cs, cp, co, ev, file, title, art, start, end, text in rows:
        for iri in (cs, co):
            if iri not in names:
                names[iri] = _names_of(conn, iri)
        out.append({"s": cs, "p": cp, "o": co, "sLabel": names[cs][0], "oLabel": names[co][0],
                    "evidence": ev, "file": file, "title": title, "article": art, "start": start,
                    "end": end, "sentence": text,
                    "highlights": [list(h) for h in highlight_spans(text, names[cs][1] + names[co][1])]})
    return out
