"""SHACL validation of a built graph against ``ontology/shapes.ttl``, with pySHACL.

The shapes apply to the *merged* graph (all named graphs together), because an entity's
class and label may sit in one file's graph or the divisions graph while a relation
naming it sits in another. The ontology (``ontology/govkg.ttl``) is mixed in so that
``sh:class gov:Place`` accepts a ``gov:County``.

pySHACL's own report is a long text block per result; :func:`validate_graph` turns each
result into a :class:`Violation` — focus node with its label, property path, value,
message — sorted, so ``kg validate`` prints one readable line per problem.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.errors import StoreError

__all__ = ["Violation", "ValidationReport", "SHAPES_PATH", "ONTOLOGY_PATH", "load_merged",
           "validate_graph", "validate_file"]

# ``kg/ontology`` inside an installed wheel (pyproject force-include), else the checkout's
_PACKAGED = Path(__file__).resolve().parents[1] / "ontology"
_ONTOLOGY_DIR = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).resolve().parents[2] / "ontology"
SHAPES_PATH = _ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_PATH = _ONTOLOGY_DIR / "govkg.ttl"

_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}
_SHORT = (("gov:", "https://w3id.org/govkg/ontology#"),
          ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
          ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
          ("skos:", "http://www.w3.org/2004/02/skos/core#"),
          ("dcterms:", "http://purl.org/dc/terms/"),
          ("prov:", "http://www.w3.org/ns/prov#"),
          ("id:", "https://w3id.org/govkg/id/"))


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in _SHORT:
            if term.startswith(ns):
                return prefix + term[len(ns):]
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    return str(term)


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL result, in words."""

    focus: str       # the node at fault, shortened (id:place/…)
    label: str       # its rdfs:label, if any
    path: str        # the property path, shortened ('' for node constraints)
    value: str       # the offending value, if any
    message: str     # the shape's sh:message (or pySHACL's)
    severity: str    # Violation, Warning or Info

    def __str__(self) -> str:
        who = f"{self.focus} ({self.label})" if self.label else self.focus
        where = f" {self.path}" if self.path else ""
        what = f" = {self.value}" if self.value else ""
        return f"{self.severity}: {who}{where}{what}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether the graph conforms, and every violation found (sorted)."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def text(self) -> str:
        """A readable report: a verdict line, then one line per violation."""
        if self.conforms:
            return f"Conforms: {self.triples} triples satisfy ontology/shapes.ttl"
        lines = [f"Does not conform: {len(self.violations)} violation"
                 f"{'s' * (len(self.violations) != 1)} in {self.triples} triples"]
        return "\n".join(lines + [f"  {v}" for v in self.violations])


def load_merged(path: str | os.PathLike) -> Graph:
    """Read a dataset or graph file into one merged rdflib :class:`~rdflib.Graph`.

    Raises
    ------
    StoreError
        When the file is missing, its suffix unknown, or it does not parse.
    """
    src = Path(path)
    fmt = _FORMATS.get(src.suffix.lower())
    if fmt is None:
        raise StoreError(f"{src}: unknown graph format {src.suffix!r}; expected one of "
                         f"{', '.join(_FORMATS)}")
    if not src.is_file():
        raise StoreError(f"{src}: no such file")
    ds = Dataset()
    try:
        ds.parse(src, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        raise StoreError(f"{src}: cannot parse as {fmt}: {err}") from err
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a merged graph against the shapes, the ontology mixed in.

    Parameters
    ----------
    data : rdflib.Graph
        The graph to check (use :func:`load_merged` for a file).

    Returns
    -------
    ValidationReport
        ``conforms`` and the sorted violations.
    """
    import pyshacl

    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        zh = sorted(str(lb) for lb in data.objects(focus, RDFS.label)
                    if isinstance(lb, Literal) and lb.language == "zh") if focus is not None else []
        label = zh[0] if zh else ""
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        violations.append(Violation(
            focus=_short(focus), label=label,
            path=_short(results.value(result, SH.resultPath)),
            value="" if value == focus else _short(value),
            message=str(message or "constraint not satisfied"),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation"))
    return ValidationReport(bool(conforms), tuple(sorted(set(violations))), len(data))


def validate_file(path: str | os.PathLike) -> ValidationReport:
    """Validate a dataset file written by ``kg build`` (see :func:`validate_graph`)."""
    return validate_graph(load_merged(path))
