"""RDF terms from the engines as rdflib terms, language tags in one case.

Results reach callers as **rdflib terms** whichever engine answered, so both engines'
answers print and compare alike (parameters reach the engine as query text, see
:mod:`kg.store.bind`).
``xsd:string`` literals become plain literals (RDF 1.1 makes them the same term).
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["lang_case", "conventional", "ox_to_rdflib"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def lang_case(tag: str) -> str:
    """A BCP 47 language tag in its conventional case, whatever case the engine keeps.

    Tags compare case-insensitively, but Oxigraph hands them back lower-cased and
    rdflib as written; both engines' answers pass through here so they print alike.

    >>> lang_case("zh-latn-pinyin"), lang_case("ZH"), lang_case("en-gb"), lang_case("x-ABC")
    ('zh-Latn-pinyin', 'zh', 'en-GB', 'x-abc')
    """
    parts = tag.lower().split("-")
    for i in range(1, len(parts)):
        if len(parts[i - 1]) == 1:  # after a singleton (x-, u-…) subtags stay lower case
            break
        if len(parts[i]) == 4 and parts[i].isalpha():
            parts[i] = parts[i].title()
        elif len(parts[i]) == 2 and parts[i].isalpha():
            parts[i] = parts[i].upper()
    return "-".join(parts)


def conventional(term: Node | None) -> Node | None:
    """An rdflib result term with its language tag in conventional case."""
    if isinstance(term, Literal) and term.language and term.language != lang_case(term.language):
        return Literal(str(term), lang=lang_case(term.language))
    return term


def ox_to_rdflib(term: object) -> Node | None:
    """A pyoxigraph term as the equal rdflib term (``xsd:string`` literals become plain)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=lang_case(term.language))
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(str(term))  # RDF-star triple terms: shown, not modelled

