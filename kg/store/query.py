"""Resolve a QUERY argument, bind ``--param`` values as RDF terms, run it on a GRAPH.

QUERY is a ``.rq`` file, the name of a query in the library (``queries/``, without
``.rq``) or, with ``-e``, the SPARQL text itself.

Parameters are bound as **RDF terms** (a ``VALUES`` block built from escaped terms, see
:mod:`kg.store.bind`) — the raw text is never pasted into the query — so a value such as ``x" } ; DROP ALL ; #`` is just an odd string that matches nothing.
``NAME=VALUE`` is read as (first rule that applies):

==========================  ===============================================
VALUE                       bound term
==========================  ===============================================
``<https://…>``             the IRI
``https://…`` (a bare       the IRI
absolute IRI, no spaces)
``"text"@lang``, ``"t"``,   that literal, in N-Triples/Turtle syntax
``"1"^^xsd:integer`` …
``gov:County`` (a known     the IRI the prefix expands to
prefix, no spaces)
``42``, ``-7``              ``xsd:integer``
text with a Han character   ``"text"@zh`` — matches ``rdfs:label``/``skos:altLabel``
anything else               a plain string (``xsd:string``), e.g. pinyin
==========================  ===============================================

Library queries that look names up compare with ``STR()`` so a pinyin value finds the
``@zh-Latn-pinyin`` alias whatever its typing.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping, TextIO

from rdflib import Literal, URIRef
from rdflib.term import Node
from rdflib.util import from_n3

from kg.errors import QueryError
from kg.store.library import load_query
from kg.rdf.prefixes import PREFIXES
from kg.store.open import open_graph
from kg.store.results import QueryResult, write_result

__all__ = ["resolve_query", "parse_value", "parse_params", "run_query", "write_query"]

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_INT = re.compile(r"^[+-]?\d+$")
_BARE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>\"{}|^`\\]+$")
_PNAME = re.compile(r"^([A-Za-z][\w\-]*):([\w\-.]+)$")


def resolve_query(query: str | None = None, expr: str | None = None) -> str:
    """The SPARQL text of a QUERY argument (a ``.rq`` path or a library name) or of ``-e``.

    Raises
    ------
    kg.errors.QueryError
        Neither or both given; the file is unreadable; no library query has that name.
    """
    if (query is None) == (expr is None):
        raise QueryError("give exactly one of QUERY (a .rq file or a library name) and -e TEXT")
    if expr is not None:
        return expr
    assert query is not None
    path = Path(query)
    if path.suffix == ".rq" or path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise QueryError(f"{path}: cannot read query file: {err.strerror or err}") from err
        except UnicodeDecodeError as err:
            raise QueryError(f"{path}: query file is not UTF-8: {err.reason}") from err
    return load_query(query).text


def parse_value(value: str) -> Node:
    """One ``--param`` value as an RDF term (the table in the module docstring).

    >>> parse_value("<https://w3id.org/govkg/id/place/150000000000>")
    rdflib.term.URIRef('https://w3id.org/govkg/id/place/150000000000')
    >>> parse_value("通辽市"), parse_value("Tongliao"), parse_value("12")
    (rdflib.term.Literal('通辽市', lang='zh'), rdflib.term.Literal('Tongliao'), rdflib.term.Literal('12', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))
    >>> str(parse_value("gov:County"))
    'https://w3id.org/govkg/ontology#County'
    """
    v = value.strip()
    if v.startswith("<") and v.endswith(">") and not re.search(r"[\s<>\"{}|^`\\]", v[1:-1]):
        return URIRef(v[1:-1])
    if v.startswith('"'):
        try:
            term = from_n3(v, nsm=None)
        except Exception as err:  # rdflib raises several types on bad N3
            raise QueryError(f"--param value {value!r}: not a valid literal: {err}") from err
        if not isinstance(term, Literal):
            raise QueryError(f"--param value {value!r}: not a literal")
        if term.datatype is not None:
            m = _PNAME.match(str(term.datatype))
            if m and m.group(1) in PREFIXES:
                term = Literal(str(term), datatype=URIRef(PREFIXES[m.group(1)] + m.group(2)))
        return term
    if _BARE_IRI.match(v):
        return URIRef(v)
    m = _PNAME.match(v)
    if m and m.group(1) in PREFIXES:
        return URIRef(PREFIXES[m.group(1)] + m.group(2))
    if _INT.match(v):
        return Literal(int(v))
    if _HAN.search(value):
        return Literal(value, lang="zh")
    return Literal(value)


def parse_params(pairs: Iterable[str]) -> dict[str, Node]:
    """``NAME=VALUE`` strings (``--param``) as a ``{name: term}`` mapping.

    Raises
    ------
    kg.errors.QueryError
        A pair without ``=`` or with a name that is not a SPARQL variable name.
    """
    out: dict[str, Node] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _VAR.match(name):
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE with NAME a variable name")
        out[name] = parse_value(value)
    return out


@contextmanager
def _answer(graph: str | Path, query: str | None, expr: str | None,
            params: Iterable[str] | Mapping[str, Node], engine: str, limit: int | None,
            base: str | None, allow_service: Iterable[str], stream: bool) -> Iterator[QueryResult]:
    """Resolve QUERY, bind the parameters, open GRAPH and answer; the graph stays open inside."""
    text = resolve_query(query, expr)
    bindings = dict(params) if isinstance(params, Mapping) else parse_params(params)
    with open_graph(graph, engine=engine, base=base, allow_service=tuple(allow_service)) as g:
        yield g.query(text, bindings, limit=limit, stream=stream)


def run_query(graph: str | Path, query: str | None = None, *, expr: str | None = None,
              params: Iterable[str] | Mapping[str, Node] = (), engine: str = "oxigraph",
              limit: int | None = None, base: str | None = None,
              allow_service: Iterable[str] = ()) -> QueryResult:
    """Open GRAPH, resolve QUERY, bind the parameters and run it.

    Parameters
    ----------
    graph : str or Path
        A dataset file or a store directory (see :func:`kg.store.open.open_graph`).
    query : str, optional
        A ``.rq`` file or a library query name.
    expr : str, optional
        SPARQL text (``-e``); exactly one of ``query`` and ``expr``.
    params : iterable of ``NAME=VALUE`` or mapping of name to term
        Initial bindings.
    base : str, optional
        Base IRI for relative IRIs in the query.
    allow_service : iterable of str
        Hosts a ``SERVICE`` clause may call (none by default, :mod:`kg.store.guard`).

    Returns
    -------
    QueryResult

    Raises
    ------
    kg.errors.QueryError
        Bad query or parameter (a syntax error carries line and column).
    kg.errors.StoreError
        The graph cannot be opened.
    """
    with _answer(graph, query, expr, params, engine, limit, base, allow_service, False) as result:
        return result


def write_query(graph: str | Path, query: str | None = None, *, out: TextIO, fmt: str = "table",
                expr: str | None = None, params: Iterable[str] | Mapping[str, Node] = (),
                engine: str = "oxigraph", limit: int | None = None, base: str | None = None,
                allow_service: Iterable[str] = ()) -> None:
    """What ``kg query`` does: :func:`run_query`, written to ``out`` in ``fmt`` as rows come.

    On Oxigraph the rows go from the engine to ``out`` one by one, so a large answer is
    never held in memory (:func:`kg.store.results.write_result`). Same errors as
    :func:`run_query`.
    """
    with _answer(graph, query, expr, params, engine, limit, base, allow_service, True) as result:
        write_result(result, fmt, out)
