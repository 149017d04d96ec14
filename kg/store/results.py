"""Query results and their text forms: aligned table, CSV, TSV, SPARQL JSON/XML, Turtle.

A :class:`QueryResult` holds rdflib terms whatever engine answered, so downstream code
(export, eval) depends on one term model. The writers follow the W3C recommendations:

- *SPARQL 1.1 Query Results JSON Format* (``application/sparql-results+json``),
- *SPARQL Query Results XML Format* (``application/sparql-results+xml``),
- *SPARQL 1.1 Query Results CSV and TSV Formats* (CSV: plain lexical forms; TSV: terms in
  Turtle/N-Triples syntax, variables prefixed with ``?``).

The table form is for people at a terminal: columns are padded by *display width*
(:func:`display_width`), so a Chinese character counts two columns and the columns
line up. Every function here is pure: it takes a result and returns ``str``, or, for
:func:`write_result`, writes it in pieces as the rows come — a result whose ``rows`` is a
:class:`RowStream` (``KGraph.query(…, stream=True)``) is never held whole in memory.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Iterator, TextIO
from xml.sax.saxutils import escape as _xml_escape, quoteattr as _xml_quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import UsageError

__all__ = [
    "QueryResult", "RowStream", "TRUNCATED", "FORMATS", "display_width", "format_result", "write_result",
    "to_table", "to_csv", "to_tsv", "to_json", "to_xml", "to_rdf", "term_to_n3",
]

#: Text forms accepted by :func:`format_result` (``turtle``/``nt`` for graph results).
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class QueryResult:
    """The answer to one query, engine-neutral.

    Attributes
    ----------
    kind : str
        ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"`` or ``"DESCRIBE"``.
    vars : list of str
        Projected variable names (without ``?``), SELECT only.
    rows : list of tuple
        One tuple of rdflib terms per solution; ``None`` where a variable is unbound.
    boolean : bool or None
        The answer of an ASK query.
    graph : rdflib.Graph or None
        The triples of a CONSTRUCT or DESCRIBE query.
    truncated : bool
        True when a row limit cut the solutions short.
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.graph is not None:
            return len(self.graph)
        return 1

    def dicts(self) -> list[dict[str, Node]]:
        """Rows as ``{var: term}`` dicts without the unbound variables (handy in tests)."""
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]


#: What a row source yields in place of a row when a row limit cut it short.
TRUNCATED = ()


class RowStream:
    """Rows of a SELECT read once, as the engine yields them; ``truncated`` is known at the end.

    >>> s = RowStream(iter([(1,), (2,), TRUNCATED]))
    >>> list(s), s.truncated
    ([(1,), (2,)], True)
    """

    def __init__(self, rows: Iterable[tuple[Node | None, ...]]) -> None:
        self._rows = rows
        self.truncated = False

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        for row in self._rows:
            if row is TRUNCATED:
                self.truncated = True
                return
            yield row


def _truncated(result: QueryResult) -> bool:
    return result.truncated or bool(getattr(result.rows, "truncated", False))


def display_width(text: str) -> int:
    """Terminal columns taken by ``text``: East Asian wide and fullwidth characters count 2.

    >>> display_width("abc"), display_width("巴彦淖尔市"), display_width("“1+3+3”模式")
    (3, 10, 11)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _plain(term: Node | None) -> str:
    """The lexical form of a term (IRI string, literal value), '' when unbound."""
    if term is None:
        return ""
    return str(term)


def term_to_n3(term: Node | None) -> str:
    """A term in N-Triples syntax ('' when unbound), as SPARQL TSV wants it.

    >>> term_to_n3(Literal("乌拉特后旗", lang="zh"))
    '"乌拉特后旗"@zh'
    >>> term_to_n3(URIRef("https://w3id.org/govkg/ontology#County"))
    '<https://w3id.org/govkg/ontology#County>'
    """
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        term = Literal(str(term))
    return term.n3()


def _table_cell(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = str(term)
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = str(term)
    return " ".join(text.split())  # one line per row, whatever the literal holds


def to_table(result: QueryResult) -> str:
    """An aligned text table with a header rule; literals shown by value, IRIs in full.

    >>> r = QueryResult("SELECT", ["name", "n"], [(Literal("乌拉特后旗", lang="zh"), Literal(3))])
    >>> print(to_table(r))
    name       | n
    -----------+--
    乌拉特后旗 | 3
    <BLANKLINE>
    (1 row)
    """
    if result.kind == "ASK":
        return "true" if result.boolean else "false"
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        return to_rdf(result, "turtle")
    return "".join(_iter_table(result)).rstrip("\n")


#: Rows a streamed table measures its columns on; later rows keep those widths.
TABLE_BLOCK = 1000


def _iter_table(result: QueryResult) -> Iterator[str]:
    rows = iter(result.rows)
    first = [[_table_cell(t) for t in row] for _, row in zip(range(TABLE_BLOCK), rows)]
    widths = [display_width(v) for v in result.vars]
    for row in first:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row)]
    yield " | ".join(_pad(v, w) for v, w in zip(result.vars, widths)).rstrip() + "\n"
    yield "-+-".join("-" * w for w in widths) + "\n"
    n = 0
    for cells in itertools.chain(first, ([_table_cell(t) for t in row] for row in rows)):
        n += 1
        yield " | ".join(_pad(c, w) for c, w in zip(cells, widths)).rstrip() + "\n"
    yield f"\n({n} row{'s' if n != 1 else ''}{', truncated' if _truncated(result) else ''})\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: header of variable names, plain lexical forms, CRLF line ends."""
    return "".join(_iter_csv(result))


def _iter_csv(result: QueryResult) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")

    def line(cells: list[str]) -> str:
        buf.seek(0)
        buf.truncate()
        writer.writerow(cells)
        return buf.getvalue()

    if result.kind == "ASK":
        yield line(["boolean"]) + line(["true" if result.boolean else "false"])
        return
    yield line(result.vars)
    for row in result.rows:
        yield line([f"_:{t}" if isinstance(t, BNode) else _plain(t) for t in row])


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in N-Triples syntax, LF line ends."""
    return "".join(_iter_tsv(result))


def _iter_tsv(result: QueryResult) -> Iterator[str]:
    if result.kind == "ASK":
        yield "?boolean\n" + ("true" if result.boolean else "false") + "\n"
        return
    yield "\t".join("?" + v for v in result.vars) + "\n"
    for row in result.rows:
        yield "\t".join(term_to_n3(t) for t in row) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (``head``/``results.bindings`` or ``boolean``)."""
    return "".join(_iter_json(result))


def _iter_json(result: QueryResult) -> Iterator[str]:
    if result.kind == "ASK":
        yield json.dumps({"head": {}, "boolean": bool(result.boolean)}, ensure_ascii=False, indent=1) + "\n"
        return
    yield '{\n "head": ' + json.dumps({"vars": list(result.vars)}, ensure_ascii=False) + \
        ',\n "results": {\n  "bindings": ['
    sep = "\n   "
    for row in result.rows:
        yield sep + json.dumps({v: _json_term(t) for v, t in zip(result.vars, row) if t is not None},
                               ensure_ascii=False)
        sep = ",\n   "
    yield "\n  ]\n }\n}\n"


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{_xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_escape(str(term))}</bnode>"
    attrs = ""
    if isinstance(term, Literal):
        if term.language:
            attrs = f" xml:lang={_xml_quoteattr(term.language)}"
        elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
            attrs = f" datatype={_xml_quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{_xml_escape(str(term))}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    return "".join(_iter_xml(result))


def _iter_xml(result: QueryResult) -> Iterator[str]:
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.kind == "ASK":
        head += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        yield "\n".join(head) + "\n"
        return
    head += [f"<variable name={_xml_quoteattr(v)}/>" for v in result.vars]
    head += ["</head>", "<results>"]
    yield "\n".join(head) + "\n"
    for row in result.rows:
        yield "\n".join(["<result>"] + [
            f"<binding name={_xml_quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(result.vars, row) if t is not None] + ["</result>"]) + "\n"
    yield "</results>\n</sparql>\n"


def to_rdf(result: QueryResult, fmt: str = "turtle") -> str:
    """The graph of a CONSTRUCT/DESCRIBE result as Turtle (``turtle``) or N-Triples (``nt``)."""
    graph = result.graph if result.graph is not None else Graph()
    if fmt == "nt":
        lines = sorted(
            f"{term_to_n3(s)} {term_to_n3(p)} {term_to_n3(o)} ." for s, p, o in graph
        )
        return "\n".join(lines) + ("\n" if lines else "")
    return graph.serialize(format="turtle")


_WRITERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
_PIECES = {"table": _iter_table, "csv": _iter_csv, "tsv": _iter_tsv, "json": _iter_json, "xml": _iter_xml}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render ``result`` in ``fmt`` (one of :data:`FORMATS`).

    Graph results (CONSTRUCT/DESCRIBE) are Turtle whatever tabular format was asked,
    except ``nt`` which gives sorted N-Triples; ASK results give the boolean.

    Raises
    ------
    UsageError
        For an unknown format name.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        return to_rdf(result, "nt" if fmt == "nt" else "turtle")
    if fmt in ("turtle", "nt"):
        fmt = "table"
    return _WRITERS[fmt](result)




def write_result(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write ``result`` in ``fmt`` to ``out`` row by row (the same text as :func:`format_result`).

    A table measures its columns on the first :data:`TABLE_BLOCK` rows; every other form
    is exact. Graph results and ASK are written whole (they are small or already a graph).
    """
    if result.kind in ("CONSTRUCT", "DESCRIBE", "ASK") or fmt in ("turtle", "nt"):
        text = format_result(result, fmt)
        out.write(text if text.endswith("\n") else text + "\n")
        return
    if fmt not in _PIECES:
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    for piece in _PIECES[fmt](result):
        out.write(piece)
