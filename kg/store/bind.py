"""Bind query parameters as RDF terms through a ``VALUES`` block, on any engine.

Why not the engines' own initial bindings? Oxigraph's ``substitutions`` (SPARQL-dev
SEP-0007) refuse a variable that is not in the SELECT projection, and rdflib's
``initBindings`` pre-bind variables in a way that differs from SPARQL's bottom-up
evaluation (a ``BIND … AS ?x`` then clashes). A ``VALUES`` block placed first in the
query's outermost ``WHERE`` group means the same on both engines — the parameter is
joined with the pattern, before any grouping — and Oxigraph's planner starts from it,
so a property path such as ``?root ^gov:partOf* ?p`` is evaluated from its bound end.

Safety: the block is built from RDF *terms*, each serialised here in N-Triples syntax
with every quote, backslash and line break escaped, IRIs and language tags checked
against their grammar. No part of a value can close the literal, so a value such as
``x" } ; DROP ALL ; #`` is one string literal that matches nothing.

The query text is scanned, not parsed: strings, IRIs and comments are skipped to find
the ``{`` that opens the ``WHERE`` clause.

Sub-selects: a parameter is also bound inside a sub-select that *projects* it as a plain
variable (and, when it groups, groups by it; never one with LIMIT/OFFSET or that assigns
it with ``AS``), and so on down. Joining the same one-row ``VALUES`` again inside changes no answer — the outer
join keeps only those rows anyway — but the engine then evaluates the sub-select from
the bound value instead of in full (a sub-select ordered to fix the order inside a
``GROUP_CONCAT`` went from 70 s to milliseconds at 1M quads). A variable local to a
sub-select that does not project it is a different variable and is left alone.

Guards: a line ``# if NAME is bound: PATTERN`` in a query (a comment, so the query means
the same without it) becomes ``VALUES (?NAME) { (term) } PATTERN`` when NAME is given,
and stays a comment otherwise. A query uses it to start an inner group from the
parameter — ``# if place is bound: ?p rdfs:label ?place .`` before the pattern that binds
``?p`` — where joining the label there unconditionally would slow the query without the
parameter (the label of every row read before grouping). Inside a sub-select that does
not project it, ``?NAME`` is the group's own variable, so the guard only narrows that
group to the rows the outer ``VALUES`` keeps anyway: same answers, found from the value.
"""
from __future__ import annotations

import re
from typing import Iterator, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError

__all__ = ["term_sparql", "where_brace", "bind_values", "skip_opaque", "code_positions"]

_IRI_OK = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')
_LANG_OK = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_IRI_TOKEN = re.compile(r'<[^\x00-\x20<>"{}|^`\\]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_GUARD = re.compile(r"^([ \t]*)# if ([A-Za-z_][A-Za-z0-9_]*) is bound: (.+)$", re.MULTILINE)


def _escape(text: str) -> str:
    return "".join(_ESC.get(ch, ch) for ch in text)


def term_sparql(term: Node) -> str:
    """An RDF term as SPARQL/N-Triples text, escaped so it cannot end early.

    >>> term_sparql(Literal('x" } ; DROP ALL ; #', lang="zh"))
    '"x\\\\" } ; DROP ALL ; #"@zh'
    >>> term_sparql(URIRef("https://w3id.org/govkg/id/place/150000000000"))
    '<https://w3id.org/govkg/id/place/150000000000>'

    Raises
    ------
    kg.errors.QueryError
        An IRI with characters IRIs cannot hold, a malformed language tag, a blank node.
    """
    if isinstance(term, URIRef):
        if not _IRI_OK.match(str(term)):
            raise QueryError(f"parameter value <{term}> is not a valid IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = f'"{_escape(str(term))}"'
        if term.language:
            if not _LANG_OK.match(term.language):
                raise QueryError(f"parameter value has a malformed language tag {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype is not None:
            return f"{body}^^{term_sparql(URIRef(term.datatype))}"
        return body
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be a query parameter")
    raise QueryError(f"parameter value {term!r} is not an RDF term")


def skip_opaque(text: str, i: int) -> int:
    """Index after the string, IRI or comment starting at ``i`` (``i`` itself if none)."""
    ch = text[i]
    if ch == "#":
        j = text.find("\n", i)
        return len(text) if j < 0 else j + 1
    if ch in "\"'":
        quote = ch * 3 if text.startswith(ch * 3, i) else ch
        j = i + len(quote)
        while j < len(text):
            if text[j] == "\\":
                j += 2
                continue
            if text.startswith(quote, j):
                return j + len(quote)
            j += 1
        return len(text)
    if ch == "<":
        m = _IRI_TOKEN.match(text, i)
        if m:
            return m.end()
    return i


def code_positions(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Indices of ``text[start:end]`` outside strings, IRIs and comments.

    >>> q = "a <urn:x> '}' # {\\n}"
    >>> "".join(q[i] for i in code_positions(q))
    'a   }'
    """
    i, n = start, len(text) if end is None else end
    while i < n:
        j = skip_opaque(text, i)
        if j != i:
            i = j
            continue
        yield i
        i += 1


def where_brace(text: str) -> int:
    """Index of the ``{`` that opens the outermost WHERE group of a query.

    >>> q = 'PREFIX a: <http://x/{}> SELECT ?s WHERE { ?s ?p "{" }'
    >>> q[where_brace(q):]
    '{ ?s ?p "{" }'
    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> where_brace(q)
    29

    Raises
    ------
    kg.errors.QueryError
        ``CONSTRUCT WHERE { … }`` (its pattern is a template: no VALUES allowed there)
        or a query without a WHERE group (``DESCRIBE <iri>``).
    """
    i, n = 0, len(text)
    form = None
    depth_paren = 0
    after_form: list[str] = []
    while i < n:
        j = skip_opaque(text, i)
        if j != i:
            i = j
            continue
        ch = text[i]
        if ch.isalpha() or ch == "_":
            m = _WORD.match(text, i)
            assert m
            word = m.group(0).upper()
            if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            elif form is not None and len(after_form) < 1:
                after_form.append(word)
            i = m.end()
            continue
        if ch in "?$":  # a variable: skip its name
            m = _WORD.match(text, i + 1)
            i = m.end() if m else i + 1
            continue
        if ch == "(":
            depth_paren += 1
        elif ch == ")":
            depth_paren -= 1
        elif ch == "{" and depth_paren == 0 and form is not None:
            if form == "CONSTRUCT" and not after_form:
                # CONSTRUCT { template } WHERE { pattern }: skip the template
                i = _close(text, i) + 1
                after_form.append("{")
                continue
            if form == "CONSTRUCT" and after_form[0] in ("WHERE", "FROM"):
                raise QueryError("parameters need the CONSTRUCT { template } WHERE { pattern } "
                                 "form, not CONSTRUCT WHERE { … }")
            return i
        i += 1
    raise QueryError("the query has no WHERE { … } group to bind parameters in")


def _close(text: str, i: int) -> int:
    """Index of the ``}`` matching the ``{`` at ``i``."""
    depth = 0
    for k in code_positions(text, i):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    raise QueryError("unbalanced braces in the query")


def bind_values(text: str, bindings: Mapping[str, Node] | None) -> str:
    """``text`` with a ``VALUES`` block binding ``bindings`` first in its WHERE group.

    >>> bind_values("SELECT ?s WHERE { ?s rdfs:label ?name }", {"name": Literal("通辽市", lang="zh")})
    'SELECT ?s WHERE { VALUES (?name) { ("通辽市"@zh) } ?s rdfs:label ?name }'
    >>> q = "SELECT ?s WHERE {\\n  # if name is bound: ?s rdfs:label ?name .\\n  ?s ?p ?o }"
    >>> print(bind_values(q, {"name": Literal("x")}))
    SELECT ?s WHERE { VALUES (?name) { ("x") }
      VALUES (?name) { ("x") } ?s rdfs:label ?name .
      ?s ?p ?o }
    >>> bind_values(q, {"s": URIRef("urn:x")}) == q.replace("{", '{ VALUES (?s) { (<urn:x>) }', 1)
    True
    """
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not _WORD.fullmatch(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    terms = {k: term_sparql(bindings[k]) for k in names}

    def block(keys: list[str]) -> str:
        values = " ".join(terms[k] for k in keys)
        return f" VALUES ({' '.join('?' + k for k in keys)}) {{ ({values}) }}"

    text = _GUARD.sub(lambda m: m.group(1) + block([m.group(2)]).lstrip() + " " + m.group(3)
                      if m.group(2) in terms else m.group(0), text)
    at = where_brace(text) + 1
    inserts = [(at, block(names))]
    inserts += [(i, block(keys)) for i, keys in _subselect_inserts(text, at, _close(text, at - 1), names)]
    for i, chunk in sorted(inserts, reverse=True):
        text = text[:i] + chunk + text[i:]
    return text


_VARS = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b(.*?)(?=\bHAVING\b|\bORDER\b|\bLIMIT\b|\bOFFSET\b|$)",
                       re.IGNORECASE | re.DOTALL)
_LIMITED = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)


def _subselect_inserts(text: str, start: int, end: int, names: list[str]) -> list[tuple[int, list[str]]]:
    """Where to bind ``names`` inside the sub-selects of ``text[start:end]`` (see module doc)."""
    out: list[tuple[int, list[str]]] = []
    i = start
    while i < end:
        j = skip_opaque(text, i)
        if j != i:
            i = j
            continue
        if text[i] != "{":
            i += 1
            continue
        k = i + 1
        while k < end and text[k].isspace():
            k += 1
        if not text.startswith("SELECT", k) and not text[k:k + 6].upper() == "SELECT":
            i += 1
            continue
        close = _close(text, i)
        where = _projection_end(text, k + 6, close)
        projected = _plain_vars(text[k + 6:where])
        where_close = _close(text, where)
        tail = text[where_close + 1:close]
        grouped = _GROUP_BY.search(tail)
        body = text[where:where_close]
        keys = [n for n in names if n in projected
                and (grouped is None or n in _VARS.findall(grouped.group(1)))
                and not re.search(rf"\bAS\s+[?$]{n}\b", body, re.IGNORECASE)]
        if keys and not _LIMITED.search(tail):
            out.append((where + 1, keys))
            out += _subselect_inserts(text, where + 1, where_close, keys)
        i = close + 1
    return out


def _projection_end(text: str, i: int, end: int) -> int:
    """Index of the ``{`` opening a sub-select's WHERE group (after its projection)."""
    depth = 0
    for k in code_positions(text, i, end):
        ch = text[k]
        depth += ch == "("
        depth -= ch == ")"
        if ch == "{" and depth == 0:
            return k
    raise QueryError("a sub-select without a WHERE group")


def _plain_vars(projection: str) -> set[str]:
    """Variables projected as themselves (not ``(expr AS ?v)``) by a SELECT clause."""
    depth, plain, i = 0, set(), 0
    while i < len(projection):
        ch = projection[i]
        if ch in "?$" and depth == 0:
            m = _WORD.match(projection, i + 1)
            if m:
                plain.add(m.group(0))
                i = m.end()
                continue
        depth += ch == "("
        depth -= ch == ")"
        i += 1
    return plain
