"""Start times of scheme–place facts, so exports can play a scheme's spread over time.

A place is taken to run a scheme from the earliest of (a) a year an evidence sentence of
the scheme states (``gov:year``, :mod:`kg.dating`) in a source stating the fact, when the
evidence is that of the fact itself or its sentence names the place (its label or an
alias), and (b) the publication
year (``dcterms:date``) of a source stating the fact. It is the rule of
``queries/first_year_by_place.rq``, so the exported times and the query agree. A fact
from undated sources whose sentences state no year has no start time.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

__all__ = ["EVIDENCE_YEARS_QUERY", "TIMED_RELATIONS", "relation_starts"]

#: Relations given a start time.
TIMED_RELATIONS = frozenset({"implementedIn"})

#: Stated years of evidence nodes, with the named graph (source) holding them.
EVIDENCE_YEARS_QUERY = """PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?g ?s ?y ?sentence ?o WHERE {
  GRAPH ?g { ?e gov:year ?y ; rdf:subject ?s ; gov:sentence ?sentence ; rdf:object ?o . }
}"""


def relation_starts(evidence_rows: Iterable[tuple], names: Mapping[str, set[str]],
                    relations: Mapping[tuple[str, str, str], set[str]],
                    doc_years: Mapping[str, int]) -> dict[tuple[str, str, str], int]:
    """The start year of each timed relation that has one.

    Parameters
    ----------
    evidence_rows : iterable of (graph, subject, year, sentence, object)
        Answers of :data:`EVIDENCE_YEARS_QUERY` (plain strings; the year as text or int).
    names : mapping
        Entity IRI → its Chinese names (label and aliases); looked up only for the
        places of facts whose sources state a year.
    relations : mapping
        ``(subject, relation, object)`` → IRIs of the documents stating it.
    doc_years : mapping
        Document IRI → publication year.

    Returns
    -------
    dict
        ``(subject, relation, object)`` → first year, for timed relations with a year.

    Examples
    --------
    >>> rels = {("s", "implementedIn", "p"): {"d1", "d2"}, ("s", "implementedIn", "q"): {"d3"}}
    >>> relation_starts([("d2", "s", "2019", "2019年以来，某县推行该机制。", "org"),
    ...                  ("d3", "s", "2020", "2020年起在全镇推行。", "q")],
    ...                 {"p": {"某县"}, "q": {"某镇"}}, rels, {"d1": 2023})
    {('s', 'implementedIn', 'p'): 2019, ('s', 'implementedIn', 'q'): 2020}
    """
    stated: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    for g, s, y, sentence, obj in evidence_rows:
        if g is not None and str(y).isdigit():
            stated[(str(g), str(s))].append((int(y), str(sentence), str(obj)))
    out: dict[tuple[str, str, str], int] = {}
    for (s, rel, o), docs in relations.items():
        if rel not in TIMED_RELATIONS:
            continue
        years = [doc_years[d] for d in docs if d in doc_years]
        found = None  # the place's names, looked up only for a fact with stated years
        for d in docs:
            said = stated.get((d, s))
            if said:
                if found is None:
                    found = [n for n in names.get(o, ()) if n]
                years += [y for y, sentence, obj in said if obj == o or any(n in sentence for n in found)]
        if years:
            out[(s, rel, o)] = min(years)
    return out
