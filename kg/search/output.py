"""Search hits as text: an aligned table, CSV, a JSON list of objects, or the entity IRIs.

The table and CSV reuse the writers of :mod:`kg.store.results` (a Chinese character
counts two columns; CSV with CRLF line ends), so search and query output look alike.
``ids`` prints the found entities as ``<IRI>`` separated by spaces: the value the
``search_entities`` query takes (``--param entities=…``).
"""
from __future__ import annotations

import json

from rdflib import Literal

from kg.errors import UsageError
from kg.search.find import SearchHit
from kg.store.results import QueryResult, to_csv, to_table

__all__ = ["FORMATS", "COLUMNS", "format_hits"]

FORMATS = ("table", "csv", "json", "ids")

#: Columns of the table and CSV forms, in order.
COLUMNS = ("kind", "rank", "label", "type", "matched", "via", "file", "files", "title",
           "start", "end", "iri")

_SNIPPET = 40


def _snippet(sentence: str, text: str) -> str:
    """The part of a long sentence around the first occurrence of ``text`` (for the table)."""
    if len(sentence) <= _SNIPPET:
        return sentence
    at = max(sentence.find(text), 0)
    lo = max(0, min(at - 12, len(sentence) - _SNIPPET))
    return ("…" if lo else "") + sentence[lo:lo + _SNIPPET] + ("…" if lo + _SNIPPET < len(sentence) else "")


def _result(hits: list[SearchHit], text: str, short: bool) -> QueryResult:
    rows = []
    for h in hits:
        d = h.as_dict()
        if short and h.kind == "sentence":
            d["matched"] = _snippet(h.matched, text)
        rows.append(tuple(None if d[c] is None or d[c] == "" else Literal(d[c]) for c in COLUMNS))
    return QueryResult("SELECT", list(COLUMNS), rows)


def format_hits(hits: list[SearchHit], fmt: str = "table", text: str = "") -> str:
    """``hits`` in one of :data:`FORMATS`.

    ``table`` shortens a long sentence to the part around ``text``; the other forms give
    it whole. ``json`` is a list of objects with every field of :class:`SearchHit`.

    >>> h = SearchHit("entity", 1, "乌拉特后旗", "County", "https://w3id.org/govkg/id/place/150825000000",
    ...               "Wulatehou Qi", "pinyin", "000_x.txt", 1, "", "", None, None)
    >>> format_hits([h], "ids")
    '<https://w3id.org/govkg/id/place/150825000000>'
    >>> json.loads(format_hits([h], "json"))[0]["label"]
    '乌拉特后旗'
    """
    if fmt == "json":
        return json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=1)
    if fmt == "ids":
        return " ".join(f"<{h.iri}>" for h in hits if h.kind == "entity")
    if fmt == "csv":
        return to_csv(_result(hits, text, short=False))
    if fmt == "table":
        return to_table(_result(hits, text, short=True))
    raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
