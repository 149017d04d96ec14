"""Read what the exports need from a govkg graph with a few SPARQL SELECTs.

Every export view (:mod:`kg.export.views`) is built from a :class:`Facts` table, and
the table is filled by two SELECT queries asked through the graph's own ``query``
method. Going through SPARQL, rather than walking rdflib triples, means an export of a
dataset file and an export of an Oxigraph store see the same thing, and that the
counts in an exported file can be checked against the same counts asked in SPARQL.

Reads the terms fixed by ``/work/shared/design/output-contract.md``: entity classes,
``rdfs:label``/``skos:altLabel`` (``@zh`` and ``@zh-Latn-pinyin``), ``gov:divisionCode``,
the seven relation properties, ``gov:mentionedIn``, ``dcterms:isPartOf``,
``gov:fileName`` and, where the sources give it, ``dcterms:date``. Of evidence nodes only
the stated years are read (``gov:year``, a third SELECT), for the start times of
scheme–place facts (:mod:`kg.export.timeline`).

Facts are taken from the named graphs (``GRAPH ?g``), which tells which source document
states each fact; only a graph without any named graph (a merged Turtle or N-Triples
file) is read from its default graph instead, with no document provenance.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from kg.export.timeline import EVIDENCE_YEARS_QUERY, relation_starts
from kg.records import CLASSES, RELATIONS

__all__ = ["GOV", "Facts", "Entity", "read_facts", "select", "local_name", "iter_years"]

GOV = "https://w3id.org/govkg/ontology#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_DCT = "http://purl.org/dc/terms/"

_PREFIXES = f"""PREFIX gov: <{GOV}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <{_DCT}>
"""

_CLASS_VALUES = " ".join(f"gov:{c}" for c in CLASSES)
_PRED_VALUES = ("rdfs:label skos:altLabel gov:divisionCode gov:fileName gov:mentionedIn "
                "dcterms:isPartOf dcterms:date " + " ".join(f"gov:{r}" for r in RELATIONS))

#: Entity types, from the named graphs.
TYPES_QUERY = _PREFIXES + """SELECT DISTINCT ?s ?t WHERE {
  VALUES ?t { %s }
  GRAPH ?g { ?s rdf:type ?t }
}""" % _CLASS_VALUES

#: Every fact the views use, with the named graph that states it.
QUADS_QUERY = _PREFIXES + """SELECT ?g ?s ?p ?o WHERE {
  VALUES ?p { %s }
  GRAPH ?g { ?s ?p ?o }
}""" % _PRED_VALUES

#: The same two questions of the default graph, for a merged graph without graph names.
DEFAULT_TYPES_QUERY = TYPES_QUERY.replace("GRAPH ?g { ?s rdf:type ?t }", "?s rdf:type ?t")
DEFAULT_QUADS_QUERY = QUADS_QUERY.replace("SELECT ?g ?s", "SELECT (?none AS ?g) ?s").replace(
    "GRAPH ?g { ?s ?p ?o }", "?s ?p ?o")

_YEAR = re.compile(r"^\s*(\d{4})")


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``: ``gov:partOf`` → ``partOf``."""
    return re.split(r"[#/]", iri)[-1]


@dataclass
class Entity:
    """What the exports know about one typed entity (one future node)."""

    iri: str
    cls: str
    labels_zh: set[str] = field(default_factory=set)
    labels_other: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    pinyin: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    @property
    def label(self) -> str:
        """The Chinese label (the first in sorted order if a graph gives several)."""
        for pool in (self.labels_zh, self.labels_other, self.aliases):
            if pool:
                return sorted(pool)[0]
        return local_name(self.iri)


@dataclass
class Facts:
    """The entities, relations and documents of a graph, as plain Python values.

    ``relations`` maps ``(subject, relation, object)`` (IRIs and the relation's local
    name) to the set of document IRIs whose named graph states it; a fact known only
    from reference data (the divisions graph) maps to an empty set.
    """

    entities: dict[str, Entity]
    relations: dict[tuple[str, str, str], set[str]]
    file_names: dict[str, str]  # document IRI -> gov:fileName
    starts: dict[tuple[str, str, str], int] = field(default_factory=dict)  # kg.export.timeline

    def document_iri(self, name: str) -> str | None:
        """The document IRI for a file name or a document IRI; None when unknown."""
        if name in self.file_names:
            return name
        for iri, fname in self.file_names.items():
            if fname == name:
                return iri
        return None


class _Literal(str):
    """A literal's lexical form that remembers its language tag (fast path only)."""

    __slots__ = ("language",)

    def __new__(cls, value: str, language: str | None) -> "_Literal":
        obj = super().__new__(cls, value)
        obj.language = language
        return obj


def _plain(term: Any) -> Any:
    if term is None:
        return None
    language = getattr(term, "language", None)
    if language is not None or hasattr(term, "datatype"):
        return _Literal(term.value, language)
    return term.value


def select(graph: Any, text: str) -> list[tuple]:
    """Run a SELECT through ``graph.query`` and return its rows as tuples.

    Accepts the project's ``KGraph`` (whose result has ``rows``) and, for notebooks and
    tests, anything with an rdflib-style ``query`` whose result iterates over rows.
    On an Oxigraph-backed ``KGraph`` the engine's own solutions are read directly
    (``raw_query``): turning a million terms into rdflib objects would cost more than
    the query. Either way a row holds terms whose ``str`` is the IRI or the lexical
    form, and literals carry ``language``.
    """
    raw_query = getattr(graph, "raw_query", None)
    if raw_query is not None:
        solutions = raw_query(text)
        width = len(solutions.variables)
        return [tuple(_plain(sol[i]) for i in range(width)) for sol in solutions]
    result = graph.query(text)
    rows = getattr(result, "rows", None)
    if rows is None:
        rows = list(result)
    return [tuple(r) for r in rows]


def _lang(term: Any) -> str:
    return (getattr(term, "language", None) or "").lower()


def read_facts(graph: Any) -> Facts:
    """Ask ``graph`` the two SELECTs and gather their answers into :class:`Facts`.

    Parameters
    ----------
    graph
        A ``kg.store`` ``KGraph`` or any object with an rdflib-style ``query`` method.

    Returns
    -------
    Facts
        Entities with their labels, codes, documents and years; relations with the
        documents that state them; document file names.
    """
    entities: dict[str, Entity] = {}
    rank = {c: i for i, c in enumerate(CLASSES)}
    type_rows = select(graph, TYPES_QUERY)
    quad_rows = select(graph, QUADS_QUERY)
    if not type_rows and not quad_rows:  # Turtle / N-Triples: no named graphs at all
        type_rows = select(graph, DEFAULT_TYPES_QUERY)
        quad_rows = select(graph, DEFAULT_QUADS_QUERY)
    for s, t in type_rows:
        iri, cls = str(s), local_name(str(t))
        old = entities.get(iri)
        if old is None or rank[cls] < rank[old.cls]:
            entities[iri] = Entity(iri, cls) if old is None else _retype(old, cls)

    quads = [(None if g is None else str(g), str(s), str(p), o) for g, s, p, o in quad_rows]

    file_names = {s: str(o) for g, s, p, o in quads if p == GOV + "fileName"}
    article_doc = {s: str(o) for g, s, p, o in quads
                   if p == _DCT + "isPartOf" and str(o) in file_names}
    years: dict[str, int] = {}
    for g, s, p, o in quads:
        if p == _DCT + "date":
            m = _YEAR.match(str(o))
            if m:
                years[s] = min(years.get(s, 9999), int(m.group(1)))

    relations: dict[tuple[str, str, str], set[str]] = {}
    for g, s, p, o in quads:
        doc = g if g in file_names else None
        o_str = str(o)
        if p.startswith(GOV) and local_name(p) in RELATIONS:
            if s in entities and o_str in entities:
                docs = relations.setdefault((s, local_name(p), o_str), set())
                if doc:
                    docs.add(doc)
                for e in (s, o_str):
                    _seen(entities[e], doc, years)
            continue
        ent = entities.get(s)
        if ent is None:
            continue
        if p == _RDFS_LABEL:
            (ent.labels_zh if _lang(o).startswith("zh") else ent.labels_other).add(o_str)
        elif p == _SKOS_ALT:
            (ent.pinyin if "latn" in _lang(o) else ent.aliases).add(o_str)
        elif p == GOV + "divisionCode":
            ent.codes.add(o_str)
        elif p == GOV + "mentionedIn":
            target_doc = o_str if o_str in file_names else article_doc.get(o_str)
            if target_doc:
                ent.documents.add(target_doc)
                if target_doc in years:
                    ent.years.add(years[target_doc])
            if o_str in years:
                ent.years.add(years[o_str])
        _seen(ent, doc, years)
    for ent in entities.values():
        ent.aliases -= ent.labels_zh
    names = {iri: e.labels_zh | e.aliases for iri, e in entities.items()}
    starts = relation_starts(select(graph, EVIDENCE_YEARS_QUERY) if file_names else (),
                             names, relations, {d: y for d, y in years.items() if d in file_names})
    return Facts(entities, relations, file_names, starts)


def _seen(ent: Entity, doc: str | None, years: dict[str, int]) -> None:
    if doc:
        ent.documents.add(doc)
        if doc in years:
            ent.years.add(years[doc])


def _retype(old: Entity, cls: str) -> Entity:
    old.cls = cls
    return old


def iter_years(values: Iterable[int]) -> tuple[int | None, int | None]:
    """First and last of some years, or ``(None, None)``."""
    vals = sorted(values)
    return (vals[0], vals[-1]) if vals else (None, None)
