"""What a query may reach beyond the graph it runs on: nothing, unless the user says so.

Both engines can be made to send requests by the query text alone: ``SERVICE <http://…>``
fetches from any address (and the reply, or its error body, comes back in the answer),
and rdflib loads a ``FROM <file:…>`` or ``FROM <http://…>`` it does not hold. Behind
``kg serve`` that is server-side request forgery. So before an engine sees a query:

- ``SERVICE`` is refused unless its endpoint's host is in ``allow_service`` (the
  ``--allow-service HOST`` option); a ``SERVICE ?var`` is always refused;
- ``FROM``/``FROM NAMED`` may only name graphs the dataset holds (they then select
  among them, as the protocol's ``default-graph-uri``/``named-graph-uri`` do).

:func:`check_shape` runs first: an update (even sent as a query) is refused by name, and
a query too long or nested too deep for the parser is refused before any parser sees it.

The text is scanned, not parsed (strings, IRIs and comments skipped as in
:mod:`kg.store.bind`); prefixed names and relative IRIs are resolved from the query's
own ``PREFIX``/``BASE`` lines and the prefixes every query may use.
"""
from __future__ import annotations

import re
from typing import Collection, Iterator, Mapping
from urllib.parse import urljoin, urlsplit

from kg.errors import QueryError
from kg.store.bind import code_positions, skip_opaque

__all__ = ["check_reach", "check_shape", "dataset_clauses", "MAX_DEPTH", "MAX_QUERY_CHARS"]

#: Deepest nesting of ``{`` ``(`` ``[`` accepted: pyoxigraph's parser recurses once per
#: level and overflows the C stack (a segfault, exit 139) at a few thousand.
MAX_DEPTH = 256
#: Longest query text accepted, in characters.
MAX_QUERY_CHARS = 1_000_000
#: Words that start a SPARQL Update operation (after the prologue).
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*(?::[A-Za-z0-9_\-.]*)?|:[A-Za-z0-9_\-.]*")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_IRI = re.compile(r'<([^\x00-\x20<>"{}|^`\\]*)>')


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, value) tokens that matter here: ``iri``, ``word`` (keyword or prefixed name), ``var``.

    An IRI's value carries its offset after a NUL (``"s\x0042"``) for error positions.
    """
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "<":
            m = _IRI.match(text, i)
            if m:
                yield "iri", f"{m.group(1)}\x00{i}"
                i = m.end()
                continue
        j = skip_opaque(text, i)
        if j != i:
            i = j
            continue
        if ch in "?$":
            m = _WORD.match(text, i + 1)
            yield "var", (m.group(0) if m else "")
            i = m.end() if m else i + 1
            continue
        if ch.isalpha() or ch in "_:":
            m = _WORD.match(text, i)
            if m:
                yield "word", m.group(0)
                i = m.end()
                continue
        i += 1


class _Resolver:
    """Turns IRI references and prefixed names into absolute IRIs, as the query declares them."""

    def __init__(self, prefixes: Mapping[str, str], base: str | None) -> None:
        self.prefixes = dict(prefixes)
        self.base = base

    def iri(self, kind: str, value: str) -> str | None:
        if kind == "iri":
            value = value.partition("\x00")[0]
            return urljoin(self.base, value) if self.base else value
        if kind == "word" and ":" in value:
            prefix, _, local = value.partition(":")
            if prefix in self.prefixes:
                return self.prefixes[prefix] + local
        return None


def dataset_clauses(text: str, prefixes: Mapping[str, str] = {}, base: str | None = None
                    ) -> tuple[list[str], list[str], list[str | None]]:
    """The IRIs of ``FROM``, ``FROM NAMED`` and ``SERVICE`` in ``text`` (None: a variable).

    >>> dataset_clauses("SELECT * FROM <urn:a> FROM NAMED <urn:b> { SERVICE SILENT ?s { } }")
    (['urn:a'], ['urn:b'], [None])

    Raises
    ------
    kg.errors.QueryError
        A relative IRI and no base to resolve it against (the engines' own messages
        for it are misleading).
    """
    res = _Resolver(prefixes, base)
    toks = list(_tokens(text))
    default: list[str] = []
    named: list[str] = []
    services: list[str | None] = []
    for k, (kind, value) in enumerate(toks):
        if kind == "iri" and res.base is None and not _ABSOLUTE.match(value):
            iri, _, at = value.partition("\x00")
            line = text.count("\n", 0, int(at)) + 1
            col = int(at) - (text.rfind("\n", 0, int(at)) + 1) + 1
            raise QueryError(f"relative IRI <{iri}> and no base to resolve it against: "
                             "declare BASE <…> in the query or give --base IRI", line, col)
        if kind != "word":
            continue
        word = value.upper()
        nxt = toks[k + 1] if k + 1 < len(toks) else ("", "")
        if word == "PREFIX" and nxt[0] == "word" and k + 2 < len(toks) and toks[k + 2][0] == "iri":
            res.prefixes[nxt[1].rstrip(":")] = res.iri(*toks[k + 2]) or toks[k + 2][1]
        elif word == "BASE" and nxt[0] == "iri":
            res.base = res.iri(*nxt)
        elif word == "FROM":
            if nxt == ("word", nxt[1]) and nxt[1].upper() == "NAMED":
                target = toks[k + 2] if k + 2 < len(toks) else ("", "")
                named.append(res.iri(*target) or target[1])
            else:
                default.append(res.iri(*nxt) or nxt[1])
        elif word == "SERVICE":
            j = k + 1
            if j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() == "SILENT":
                j += 1
            target = toks[j] if j < len(toks) else ("", "")
            services.append(None if target[0] == "var" else (res.iri(*target) or target[1]))
    return default, named, services


def check_reach(text: str, *, held: Collection[str] | None, allow_service: Collection[str] = (),
                prefixes: Mapping[str, str] = {}, base: str | None = None) -> None:
    """Refuse a query that would make the engine fetch anything (see the module doc).

    Parameters
    ----------
    held : collection of str, optional
        Names of the graphs the dataset holds; None skips the ``FROM`` check.
    allow_service : collection of str
        Hosts (``host`` or ``host:port``) a ``SERVICE`` may call.

    Raises
    ------
    kg.errors.QueryError
        Naming the feature and the option that would allow it.
    """
    default, named, services = dataset_clauses(text, prefixes, base)
    allowed = {h.lower() for h in allow_service}
    for iri in services:
        if iri is None:
            raise QueryError("SERVICE with a variable endpoint is refused: govkg sends no "
                             "requests on a query's behalf")
        url = urlsplit(iri)
        host = (url.hostname or "").lower()
        if not host or (host not in allowed and url.netloc.lower() not in allowed):
            raise QueryError(f"SERVICE <{iri}> is refused: federated queries are off; "
                             "allow an endpoint's host with --allow-service HOST")
    if held is not None:
        for kind, iri in [("FROM", i) for i in default] + [("FROM NAMED", i) for i in named]:
            if iri not in held:
                raise QueryError(f"{kind} <{iri}> is refused: no graph of that name is held "
                                 "here, and govkg loads nothing from an IRI")


def check_shape(text: str) -> None:
    """Refuse an update, and a query too long or too deeply nested to parse safely.

    >>> check_shape("PREFIX a: <urn:a> DROP ALL")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: updates are not accepted: DROP is SPARQL Update, and this is read-only at line 1, column 19
    >>> check_shape("ASK " + "{" * 300 + "}" * 300)
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query is nested 300 levels deep; the limit is 256

    Raises
    ------
    kg.errors.QueryError
        Naming the reason and the limit.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    depth = deepest = 0
    first_word: tuple[str, int] | None = None
    word_end = 0
    for i in code_positions(text):
        ch = text[i]
        if ch in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})]":
            depth -= 1
        elif first_word is None and ch.isalpha() and i >= word_end:
            m = _WORD.match(text, i)
            word = m.group(0) if m else ch
            word_end = i + len(word)
            if word.upper() not in ("PREFIX", "BASE") and ":" not in word:
                first_word = (word.upper(), i)
    if deepest > MAX_DEPTH:
        raise QueryError(f"the query is nested {deepest} levels deep; the limit is {MAX_DEPTH}")
    if first_word is not None and first_word[0] in _UPDATE_WORDS:
        word, at = first_word
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        raise QueryError(f"updates are not accepted: {word} is SPARQL Update, and this is "
                         "read-only", line, col)
