"""Read the quads the exports need, as plain strings, in one pass over a file or a store.

Every export view is built from the same rows, ``(graph, subject, predicate, object,
language)`` — ``graph`` is ``None`` for the default graph, ``language`` the object's
language tag or ``None`` (read for labels, the only rows whose language matters; the file
reader reads no other) — restricted to :data:`WANTED`: ``rdf:type`` and the terms fixed
by ``/work/shared/design/output-contract.md`` that the views show (labels, aliases and
pinyin, ``gov:divisionCode``, the seven relations, ``gov:mentionedIn``,
``dcterms:isPartOf``, ``gov:fileName``, ``dcterms:date``). Evidence nodes are not read.

Three sources give the same rows (a test checks it on the seeds and crafted graphs):

- :func:`file_rows`: a dataset file parsed as a stream by Oxigraph, without building a
  store (an export of a file costs one parse, not a load with the union copy); the
  parse is lenient — the syntax is checked, IRIs are not re-validated (half the cost
  of the parse; ``kg load`` validates them);
- :func:`store_rows`: an Oxigraph store (or a file opened in Oxigraph) read by one
  graph pattern per predicate, skipping the materialised union copy;
- :func:`sparql_rows`: two SELECTs through any graph's ``query`` method (the rdflib
  engine, or any rdflib ``Dataset``): the reference the other two are tested against.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Tuple

import pyoxigraph as ox

from kg.records import CLASSES, RELATIONS

__all__ = ["GOV", "RDF_TYPE", "WANTED", "Row", "file_rows", "store_rows", "sparql_rows", "select"]

GOV = "https://w3id.org/govkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"

#: Every predicate the views read.
WANTED: frozenset[str] = frozenset(
    [RDF_TYPE, _RDFS + "label", _SKOS + "altLabel", GOV + "divisionCode", GOV + "fileName",
     GOV + "mentionedIn", _DCT + "isPartOf", _DCT + "date", GOV + "year"] + [GOV + r for r in RELATIONS])

#: (graph or None, subject, predicate, object, object's language tag or None)
Row = Tuple[Optional[str], str, str, str, Optional[str]]

_PREFIXES = f"""PREFIX gov: <{GOV}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <{_RDFS}>
PREFIX skos: <{_SKOS}>
PREFIX dcterms: <{_DCT}>
"""
_CLASS_VALUES = " ".join(f"gov:{c}" for c in CLASSES)
_PRED_VALUES = ("rdfs:label skos:altLabel gov:divisionCode gov:fileName gov:mentionedIn "
                "dcterms:isPartOf dcterms:date gov:year " + " ".join(f"gov:{r}" for r in RELATIONS))

#: Entity types, from the named graphs.
TYPES_QUERY = _PREFIXES + """SELECT DISTINCT ?s ?t WHERE {
  VALUES ?t { %s }
  GRAPH ?g { ?s rdf:type ?t }
}""" % _CLASS_VALUES

#: Every other fact the views use, with the named graph that states it.
QUADS_QUERY = _PREFIXES + """SELECT ?g ?s ?p ?o WHERE {
  VALUES ?p { %s }
  GRAPH ?g { ?s ?p ?o }
}""" % _PRED_VALUES

#: The same two questions of the default graph, for a merged graph without graph names.
DEFAULT_TYPES_QUERY = TYPES_QUERY.replace("GRAPH ?g { ?s rdf:type ?t }", "?s rdf:type ?t")
DEFAULT_QUADS_QUERY = QUADS_QUERY.replace("SELECT ?g ?s", "SELECT (?none AS ?g) ?s").replace(
    "GRAPH ?g { ?s ?p ?o }", "?s ?p ?o")


#: The wanted predicates as Oxigraph terms (looked up without turning each into a string).
_WANTED_NODES: dict[ox.NamedNode, str] = {ox.NamedNode(p): p for p in WANTED}
#: The entity classes: of the type rows only these are read.
_CLASS_NODES: dict[ox.NamedNode, str] = {ox.NamedNode(GOV + c): GOV + c for c in CLASSES}


def _rows(quads: Iterable[ox.Quad]) -> Iterator[Row]:
    """Rows of the wanted quads among ``quads`` (Oxigraph terms → strings).

    Only the type rows of entity classes are kept, and the default graph's rows only
    when no named graph gives any (as the SPARQL reference asks the named graphs and
    falls back to the default graph): they are held back until the first named row
    (then dropped, and later ones skipped before they become strings) or the end (then
    given). A term is turned into a string only for a wanted quad, an object's language
    only for a label, and a graph or subject equal to the previous row's reuses its
    string: files group quads by graph and subject, and crossing from Oxigraph into
    Python is most of the cost of a row.
    """
    wanted, classes, rdf_type, literal, default = _WANTED_NODES, _CLASS_NODES, RDF_TYPE, ox.Literal, ox.DefaultGraph
    labelled = _LABELLED
    last_g = last_s = None
    g_str: Optional[str] = None
    s_str = ""
    held: list[Row] | None = []  # default-graph rows, until a named graph gives one
    for q in quads:
        p = wanted.get(q.predicate)
        if p is None:
            continue
        if p == rdf_type:
            o = classes.get(q.object)
            if o is None:
                continue
            lang = None
        elif p in labelled:
            term = q.object
            o = term.value
            lang = term.language if type(term) is literal else None
        else:
            o, lang = q.object.value, None
        g = q.graph_name
        if g != last_g:
            if type(g) is default:
                if held is None:
                    continue
                g_str = None
            else:
                g_str, held = g.value, None
            last_g = g
        s = q.subject
        if s != last_s:
            last_s, s_str = s, s.value
        if g_str is None and held is not None:
            held.append((g_str, s_str, p, o, lang))
        else:
            yield g_str, s_str, p, o, lang
    if held:
        yield from held


#: Predicates whose object's language tag is read (it picks the label's column).
_LABELLED = frozenset([_RDFS + "label", _SKOS + "altLabel"])


def file_rows(path: str | Path, fmt: ox.RdfFormat) -> Iterator[Row]:
    """The wanted quads of a dataset file, parsed as a stream (no store is built).

    Raises
    ------
    SyntaxError, ValueError, OSError
        The parser's own errors, with line and column.
    """
    return _rows(ox.parse(path=str(path), format=fmt, lenient=True))


def evidence_rows(path: str | Path, fmt: ox.RdfFormat, nodes: dict[str, tuple]) -> list[tuple]:
    """(graph, subject, year, sentence, object) of the evidence ``nodes`` (node → (graph, year)),
    read from a dataset file in a second streamed pass (only nodes stating a year are kept)."""
    parts: dict[str, dict[str, str]] = {}
    for q in ox.parse(path=str(path), format=fmt, lenient=True):
        s = q.subject.value
        if s in nodes and q.predicate.value in _EVIDENCE_PARTS:
            parts.setdefault(s, {})[_EVIDENCE_PARTS[q.predicate.value]] = q.object.value
    return [(g, d["subject"], y, d.get("sentence", ""), d["object"])
            for n, (g, y) in nodes.items() if (d := parts.get(n)) and "subject" in d and "object" in d]


_EVIDENCE_PARTS = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#subject": "subject",
                   "http://www.w3.org/1999/02/22-rdf-syntax-ns#object": "object",
                   GOV + "sentence": "sentence"}


def store_rows(graph: Any) -> Iterator[Row]:
    """The wanted quads of an Oxigraph-backed ``KGraph``, one pattern per predicate.

    Each predicate is one ``GRAPH ?g { ?s <p> ?o }`` pattern answered from the store's
    index on that predicate; the solutions' terms are read directly. Asked as a pattern
    over the named graphs, the materialised union copy in the default graph is never
    read (a raw ``quads_for_pattern`` scan would return every fact twice, and was
    measured 2.4× slower). The default graph is read only when no named graph holds
    any wanted quad, as :func:`sparql_rows` does.
    """
    named = False
    for p in sorted(WANTED):
        for g, s, o in graph.raw_query(f"SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} }}"):
            named = True
            yield g.value, s.value, p, o.value, getattr(o, "language", None)
    if not named:
        for p in sorted(WANTED):
            for s, o in graph.raw_query(f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}"):
                yield None, s.value, p, o.value, getattr(o, "language", None)


def select(graph: Any, text: str) -> list[tuple]:
    """Run a SELECT through ``graph.query`` and return its rows as tuples of terms.

    Accepts the project's ``KGraph`` (whose result has ``rows``) and anything with an
    rdflib-style ``query`` whose result iterates over rows.
    """
    result = graph.query(text)
    rows = getattr(result, "rows", None)
    if rows is None:
        rows = list(result)
    return [tuple(r) for r in rows]


def _language(term: Any) -> str | None:
    return getattr(term, "language", None)


def sparql_rows(graph: Any) -> Iterator[Row]:
    """The wanted quads asked in SPARQL of the named graphs, or of the default graph when
    no named graph holds any of them (a merged Turtle or N-Triples file)."""
    types = select(graph, TYPES_QUERY)
    quads = select(graph, QUADS_QUERY)
    if not types and not quads:
        types = select(graph, DEFAULT_TYPES_QUERY)
        quads = select(graph, DEFAULT_QUADS_QUERY)
    for s, t in types:  # the type rows carry no graph: a type says nothing of sources
        yield "", str(s), RDF_TYPE, str(t), None
    for g, s, p, o in quads:
        yield None if g is None else str(g), str(s), str(p), str(o), _language(o)
