"""Stable IRIs minted from canonical keys: the same input always gives the same IRIs.

Every node the build writes is an IRI (never a blank node). An IRI is a readable prefix
plus the first 16 hex digits of the SHA-1 of a canonical key, so:

- a rebuild of the same files gives the same IRIs (the key is the file *name*, not its
  path or content, for documents; the record key for entities);
- one real-world entity mentioned in several files is one IRI (its key is shared);
- register places keep their 12-digit division code in the IRI, which is both readable
  and stable (``…/id/place/152825000000``).

Only ``id/`` and ``graph/`` IRIs are minted here; ontology terms come from
:mod:`kg.rdf.namespace`.
"""
from __future__ import annotations

import hashlib

from rdflib import URIRef

__all__ = [
    "ID_BASE", "DIVISIONS_GRAPH", "digest", "document_iri", "article_iri", "entity_iri",
    "evidence_iri", "key_family",
]

ID_BASE = "https://w3id.org/govkg/id/"
DIVISIONS_GRAPH = URIRef("https://w3id.org/govkg/graph/divisions")

_FAMILY_OF_PREFIX = {"division": "place", "place": "place", "org": "organisation",
                     "scheme": "scheme", "award": "award"}


def digest(*parts: str) -> str:
    """First 16 hex digits of the SHA-1 of ``parts`` joined by a unit separator.

    Examples
    --------
    >>> digest("000_b6e0c8eb3083d629.txt")
    '594f69d46f21864e'
    """
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def key_family(key: str) -> str:
    """The IRI family (``place``, ``organisation``, ``scheme``, ``award``) of an entity key.

    Raises
    ------
    ValueError
        When the key has no known ``<prefix>:`` (see :mod:`kg.records`).

    Examples
    --------
    >>> key_family("division:150000000000"), key_family("org:某某委")
    ('place', 'organisation')
    """
    prefix, sep, _ = key.partition(":")
    if not sep or prefix not in _FAMILY_OF_PREFIX:
        raise ValueError(f"entity key {key!r}: expected one of "
                         f"{sorted(_FAMILY_OF_PREFIX)} followed by ':'")
    return _FAMILY_OF_PREFIX[prefix]


def document_iri(file_name: str) -> URIRef:
    """The ``gov:Document`` node (and named-graph IRI) of a source file, from its name.

    Examples
    --------
    >>> str(document_iri("000_b6e0c8eb3083d629.txt"))
    'https://w3id.org/govkg/id/doc/594f69d46f21864e'
    """
    return URIRef(f"{ID_BASE}doc/{digest(file_name)}")


def article_iri(file_name: str, index: int) -> URIRef:
    """The ``gov:Article`` node of article ``index`` (0-based) in a source file."""
    return URIRef(f"{document_iri(file_name)}/article/{index}")


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity from its record key (see :mod:`kg.records`).

    Examples
    --------
    >>> str(entity_iri("division:152825000000"))
    'https://w3id.org/govkg/id/place/152825000000'
    >>> entity_iri("scheme:某某模式") == entity_iri("scheme:某某模式")
    True
    """
    family = key_family(key)
    prefix, _, rest = key.partition(":")
    if prefix == "division" and rest.isascii() and rest.isalnum():
        return URIRef(f"{ID_BASE}place/{rest}")
    return URIRef(f"{ID_BASE}{family}/{digest(key)}")


def evidence_iri(file_name: str, subject: str, predicate: str, obj: str, start: int) -> URIRef:
    """The ``gov:Evidence`` node of one relation read from one sentence of one file.

    It sits under the document IRI, keyed by the relation's entity keys, predicate and
    the sentence's start offset, so one relation read from two sentences gets two nodes.
    """
    h = digest(subject, predicate, obj, str(start))
    return URIRef(f"{document_iri(file_name)}/evidence/{h}")
