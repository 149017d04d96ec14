"""The prefixes of the project's vocabularies: one table for queries, writers and messages.

Every SPARQL query run through :mod:`kg.store` may use these prefixes without declaring
them; the TriG/Turtle writer (:mod:`kg.rdf.write`) and the validation report
(:mod:`kg.rdf.validate`) shorten IRIs with a subset of them, chosen by name. ``gov:`` is
the generated closed namespace of :mod:`kg.rdf.namespace`; the others are the W3C and
schema.org namespaces as their specifications spell them.
"""
from __future__ import annotations

from kg.rdf.namespace import GOV

__all__ = ["PREFIXES", "prologue"]

#: Prefix → namespace IRI.
PREFIXES: dict[str, str] = {
    "gov": str(GOV._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
}


def prologue(*names: str) -> str:
    """SPARQL ``PREFIX`` lines for ``names`` (all of :data:`PREFIXES` when none are given).

    For queries run where the prefixes are not supplied by :mod:`kg.store` (an rdflib
    ``Dataset`` queried directly, a query shown to a user to copy elsewhere).

    >>> print(prologue("gov", "rdfs"), end="")
    PREFIX gov: <https://w3id.org/govkg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    """
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in names or PREFIXES)
