"""Precision, recall and F1 of a built graph against gold files, by ``gold/GUIDE.md``.

The rules (the guide's "Scoring" section, as the reference scorer applies them):

- **What a file predicts.** The entities of a source file are the nodes with a gov
  entity class that are ``gov:mentionedIn`` its Document or one of its Articles, or are
  typed inside its named graph. Its relations are the seven gov relations asserted in
  its named graph, plus every ``gov:partOf`` (any graph, e.g. the divisions graph)
  between two of its entities.
- **Entity match.** A label matches when, with spaces and quotation marks removed
  (:func:`normalise`), it equals a gold name or alias treated the same way, and the
  families agree (Province…Village and Place are one ``place`` family; Programme and
  Initiative are ``scheme``). Each gold entity is matched at most once per family; a
  further node with the same name is a false positive. A matched node whose exact
  class differs counts against the strict score of the gold type (fp and fn).
- **Relation match.** Each end is replaced by the gold name it matched (unmatched ends
  become "no match"), and the resulting set of (s, p, o) is compared with the gold
  relations — so unmatched predictions that differ only in unmatched ends count once.
- Counts are summed over files (micro-average), per key: ``entity:<family>``,
  ``entity-strict:<type>``, ``relation:<name>``, and ``entity:ALL`` / ``relation:ALL``.
- **Dates** (only when a gold relation carries the optional ``date``):
  ``date:relations`` scores the time on the evidence of the predicted relation
  (:mod:`kg.eval.dates`).

Reading the graph (:func:`read_predictions`) is separate from scoring (:func:`score`,
pure), so the rules can be tested on small hand-made predictions. Nodes are visited in
IRI order, so the result does not depend on hash order.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Sequence

from kg.eval.dates import date_score
from kg.eval.gold import GoldFile
from kg.rdf.namespace import GOV
from kg.rdf.prefixes import prologue
from kg.records import CLASSES, FAMILY, RELATIONS

__all__ = ["Node", "FilePrediction", "Score", "EvalResult", "normalise", "read_predictions",
           "match_nodes", "score"]

_STRIP = re.compile(r"[\s“”「」『』\"'‘’《》]")
_NS = str(GOV._NS)

_PREFIXES = prologue("gov", "rdf", "rdfs", "dcterms")
_CLASS_VALUES = " ".join(f"gov:{c}" for c in CLASSES)
_REL_VALUES = " ".join(f"gov:{r}" for r in RELATIONS)
_Q_DOCS = _PREFIXES + "SELECT DISTINCT ?doc ?name WHERE { ?doc gov:fileName ?name }"
_Q_MENTIONS = _PREFIXES + """SELECT DISTINCT ?doc ?e WHERE {
  ?doc gov:fileName ?name .
  { ?e gov:mentionedIn ?doc } UNION { ?a dcterms:isPartOf ?doc . ?e gov:mentionedIn ?a }
}"""
_Q_TYPED = _PREFIXES + f"""SELECT DISTINCT ?doc ?e WHERE {{
  GRAPH ?doc {{ ?e rdf:type ?t . VALUES ?t {{ {_CLASS_VALUES} }} }}
  ?doc gov:fileName ?name .
}}"""
_Q_TYPES = _PREFIXES + f"SELECT DISTINCT ?e ?t WHERE {{ ?e rdf:type ?t . VALUES ?t {{ {_CLASS_VALUES} }} }}"
_Q_LABELS = _PREFIXES + "SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l }"
_Q_RELS = _PREFIXES + f"""SELECT DISTINCT ?doc ?s ?p ?o WHERE {{
  GRAPH ?doc {{ ?s ?p ?o . VALUES ?p {{ {_REL_VALUES} }} }}
  ?doc gov:fileName ?name .
}}"""
_Q_PARTOF = _PREFIXES + "SELECT DISTINCT ?s ?o WHERE { ?s gov:partOf ?o }"
_Q_TIMES = _PREFIXES + """SELECT DISTINCT ?doc ?s ?p ?o ?d WHERE {
  GRAPH ?doc { ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dcterms:date ?d }
  ?doc gov:fileName ?name .
}"""


def normalise(label: str) -> str:
    """A label with spaces and quotation marks removed, as the guide compares names.

    Examples
    --------
    >>> normalise("“草原 卫士”工作法")
    '草原卫士工作法'
    """
    return _STRIP.sub("", str(label))


@dataclass(frozen=True, slots=True)
class Node:
    """A predicted entity: its gov classes (local names) and normalised labels."""

    types: frozenset[str]
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FilePrediction:
    """What the graph says about one source file: entities by IRI and relations."""

    nodes: Mapping[str, Node]
    relations: frozenset[tuple[str, str, str]]  # (subject IRI, relation name, object IRI)
    times: Mapping[tuple[str, str, str], frozenset[str]] = field(default_factory=dict)  # stated


@dataclass(frozen=True, slots=True)
class Score:
    """True/false positives and false negatives of one key, with P, R and F1."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, digits: int = 3) -> dict[str, float | int]:
        return {"p": round(self.precision, digits), "r": round(self.recall, digits),
                "f1": round(self.f1, digits), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class EvalResult:
    """Scores by key (sorted, then the two ``ALL`` keys) and the misses by kind."""

    scores: dict[str, Score]
    misses: dict[str, list[str]] = field(default_factory=dict)
    merging: dict[str, Score] = field(default_factory=dict)  # kg.eval.merging, cross-file pairs

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape printed by ``kg eval --json`` (figures rounded to 3 places)."""
        out = {"report": {k: v.as_dict() for k, v in self.scores.items()},
               "misses": {k: list(v) for k, v in sorted(self.misses.items())}}
        if self.merging:
            out["merging"] = {k: v.as_dict() for k, v in self.merging.items()}
        return out


def _rows(graph: Any, text: str) -> list[tuple]:
    """SELECT rows from a :class:`kg.store.engines.KGraph` or an rdflib Dataset."""
    result = graph.query(text)
    rows = getattr(result, "rows", None)
    return list(rows) if rows is not None else [tuple(r) for r in result]


def read_predictions(graph: Any, file_names: Iterable[str] | None = None) -> dict[str, FilePrediction]:
    """What ``graph`` predicts for each source file it holds, by SPARQL.

    Parameters
    ----------
    graph : KGraph or rdflib.Dataset
        Anything with ``query(text)``: a graph opened by :func:`kg.store.open.open_graph`,
        or an rdflib ``Dataset(default_union=True)``.
    file_names : iterable of str, optional
        Keep only these files.

    Returns
    -------
    dict
        File name → :class:`FilePrediction`; files the graph does not hold are absent.
    """
    wanted = set(file_names) if file_names is not None else None
    docs: dict[str, set[str]] = defaultdict(set)
    for doc, name in _rows(graph, _Q_DOCS):
        if wanted is None or str(name) in wanted:
            docs[str(name)].add(str(doc))
    members: dict[str, set[str]] = defaultdict(set)
    for q in (_Q_MENTIONS, _Q_TYPED):
        for doc, e in _rows(graph, q):
            members[str(doc)].add(str(e))
    types: dict[str, set[str]] = defaultdict(set)
    for e, t in _rows(graph, _Q_TYPES):
        types[str(e)].add(str(t)[len(_NS):])
    labels: dict[str, set[str]] = defaultdict(set)
    for e, label in _rows(graph, _Q_LABELS):
        labels[str(e)].add(normalise(label))
    doc_rels: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for doc, s, p, o in _rows(graph, _Q_RELS):
        doc_rels[str(doc)].add((str(s), str(p)[len(_NS):], str(o)))
    part_of = {(str(s), "partOf", str(o)) for s, o in _rows(graph, _Q_PARTOF)}
    doc_times: dict[str, dict[tuple[str, str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc, s, p, o, d in _rows(graph, _Q_TIMES):
        doc_times[str(doc)][(str(s), str(p)[len(_NS):], str(o))].add(str(d))

    out: dict[str, FilePrediction] = {}
    for name, doc_iris in sorted(docs.items()):
        ents = set().union(*(members[d] for d in doc_iris))
        nodes = {e: Node(frozenset(types[e]), tuple(sorted(labels[e])))
                 for e in sorted(ents) if types.get(e)}
        rels = {r for d in doc_iris for r in doc_rels[d] if r[0] in nodes and r[2] in nodes}
        rels |= {r for r in part_of if r[0] in nodes and r[2] in nodes}
        times: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for d in doc_iris:
            for rel, values in doc_times.get(d, {}).items():
                times[rel] |= values
        out[name] = FilePrediction(nodes, frozenset(rels), {k: frozenset(v) for k, v in times.items()})
    return out


def match_nodes(gf: GoldFile, pred: FilePrediction) -> Iterator[tuple[str, str, Any]]:
    """``(iri, family, gold entity or None)`` for each predicted node and family, in IRI order.

    The entity rule of the guide: a node's first label found among the gold names and
    aliases (normalised) is its gold entity when the families agree and that entity is not
    matched yet in this family; otherwise the node is unmatched (``None``) in that family.
    """
    index: dict[str, Any] = {}
    for ent in gf.entities:
        for n in (ent.name, *ent.aliases):
            index.setdefault(normalise(n), ent)
    matched: set[tuple[str, str]] = set()
    for iri in sorted(pred.nodes):
        node = pred.nodes[iri]
        hit = next((index[label] for label in node.labels if label in index), None)
        for family in sorted({FAMILY[t] for t in node.types if t in FAMILY}):
            if hit is not None and FAMILY[hit.type] == family and (hit.name, family) not in matched:
                matched.add((hit.name, family))
                yield iri, family, hit
            else:
                yield iri, family, None


def score(predictions: Mapping[str, FilePrediction], gold: Sequence[GoldFile],
          only: Iterable[str] | None = None) -> EvalResult:
    """Score predictions against gold files (pure; the rules are in the module docstring).

    Parameters
    ----------
    predictions : mapping
        File name → :class:`FilePrediction` (see :func:`read_predictions`).
    gold : sequence of GoldFile
        In the order to score (sorted by gold path, as :func:`kg.eval.gold.read_gold_dir`).
    only : iterable of str, optional
        Score only these source files.

    Returns
    -------
    EvalResult
    """
    keep = set(only) if only is not None else None
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for gf in gold:
        if keep is not None and gf.file not in keep:
            continue
        pred = predictions.get(gf.file)
        if pred is None:
            misses["no-document"].append(gf.file)
            pred = FilePrediction({}, frozenset())
        matched: set[tuple[str, str]] = set()
        mapped: dict[str, str] = {}
        for iri, family, hit in match_nodes(gf, pred):
            node = pred.nodes[iri]
            key = f"entity:{family}"
            if hit is not None:
                matched.add((hit.name, family))
                counts[key][0] += 1
                mapped[iri] = hit.name
                strict = counts[f"entity-strict:{hit.type}"]
                if hit.type in node.types:
                    strict[0] += 1
                else:
                    strict[1] += 1
                    strict[2] += 1
            else:
                counts[key][1] += 1
                misses[f"fp {key}"].append(f"{gf.file}: {node.labels[0] if node.labels else iri}")
        for ent in gf.entities:
            family = FAMILY[ent.type]
            if (ent.name, family) not in matched:
                counts[f"entity:{family}"][2] += 1
                counts[f"entity-strict:{ent.type}"][2] += 1
                misses[f"fn entity:{family}"].append(f"{gf.file}: {ent.name}")
        gold_rels = {(r.s, r.p, r.o) for r in gf.relations}
        pred_rels = {(mapped.get(s), p, mapped.get(o)) for s, p, o in pred.relations}
        for rel in RELATIONS:
            gp = {r for r in gold_rels if r[1] == rel}
            pp = {r for r in pred_rels if r[1] == rel}
            c = counts[f"relation:{rel}"]
            c[0] += len(gp & pp)
            c[1] += len(pp - gp)
            c[2] += len(gp - pp)
            misses[f"fn relation:{rel}"] += [f"{gf.file}: {s} → {o}" for s, _, o in sorted(gp - pp)]
            misses[f"fp relation:{rel}"] += [f"{gf.file}: {s or '(no match)'} → {o or '(no match)'}"
                                             for s, _, o in sorted(pp - gp, key=str)]
        if any(r.date for r in gf.relations):
            date_score(gf, pred, mapped, counts["date:relations"], misses)
    scores = {k: Score(*v) for k, v in sorted(counts.items())}
    for group in ("entity:", "relation:"):
        parts = [v for k, v in counts.items() if k.startswith(group)]
        scores[group + "ALL"] = Score(*(sum(v[i] for v in parts) for i in range(3)))
    return EvalResult(scores, {k: v for k, v in sorted(misses.items()) if v})
