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
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf.prefixes import PREFIXES

__all__ = ["Violation", "ValidationReport", "SHAPES_PATH", "ONTOLOGY_PATH", "load_merged",
           "validate_graph", "validate_file"]

# ``kg/ontology`` inside an installed wheel (pyproject force-include), else the checkout's
_PACKAGED = Path(__file__).resolve().parents[1] / "ontology"
_ONTOLOGY_DIR = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).resolve().parents[2] / "ontology"
SHAPES_PATH = _ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_PATH = _ONTOLOGY_DIR / "govkg.ttl"

_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}
_SHORT = tuple((f"{p}:", PREFIXES[p]) for p in ("gov", "rdf", "rdfs", "skos", "dcterms", "prov")) + (
    ("id:", "https://w3id.org/govkg/id/"),)


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
    triples: int     # distinct triples of the merged graph (what the shapes are checked on)
    quads: int = 0   # triples as written, one per named graph stating it (kg build's count)
    graphs: int = 0

    def _counted(self) -> str:
        if not self.quads:
            return f"{self.triples} triples"
        return (f"{self.triples} distinct triples (kg build's {self.quads} triples in "
                f"{self.graphs} graph{'s' * (self.graphs != 1)}, merged)")

    def text(self) -> str:
        """A readable report: a verdict line, then one line per violation.

        Examples
        --------
        >>> ValidationReport(True, (), 2934, 3019, 6).text()
        "Conforms: 2934 distinct triples (kg build's 3019 triples in 6 graphs, merged) satisfy ontology/shapes.ttl"
        """
        if self.conforms:
            return f"Conforms: {self._counted()} satisfy ontology/shapes.ttl"
        lines = [f"Does not conform: {len(self.violations)} violation"
                 f"{'s' * (len(self.violations) != 1)} in {self._counted()}"]
        return "\n".join(lines + [f"  {v}" for v in self.violations])


def load_merged(path: str | os.PathLike) -> Graph:
    """Read a dataset or graph file into one merged rdflib :class:`~rdflib.Graph`.

    Raises
    ------
    StoreError
        When the file is missing, its suffix unknown, or it does not parse (the reason
        names the line and what the parser expected, never raw bytes).
    """
    return _load(path)[0]


def _load(path: str | os.PathLike) -> tuple[Graph, int, int]:
    """The merged graph, the number of quads read and the number of non-empty graphs."""
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
        raise StoreError(f"{src}: {_parse_reason(err, fmt)}") from err
    merged = Graph()
    quads = 0
    names = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
        quads += 1
        names.add(g)
    return merged, quads, len(names)


_NAMES = {"trig": "TriG", "nquads": "N-Quads", "turtle": "Turtle", "nt": "N-Triples"}


def _printable(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, control characters shown as ``\\xNN``."""
    flat = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text.replace("\n", " "))
    return flat if len(flat) <= limit else flat[:limit] + "…"


def _parse_reason(err: Exception, fmt: str) -> str:
    """What a researcher needs from a parser error: the format, the line, what was wrong.

    Why: rdflib's messages quote the input as Python ``bytes`` (``b'\\xe7\\x9a…'``), one
    text line off the place at fault, which says nothing about a Chinese file.

    Examples
    --------
    >>> _parse_reason(UnicodeDecodeError("utf-8", b"\\xd0", 0, 1, "invalid start byte"), "trig")
    'not an RDF file (TriG expected): not UTF-8 text (byte 0xd0 at offset 0)'
    """
    from rdflib.plugins.parsers.notation3 import BadSyntax

    name = _NAMES[fmt]
    if isinstance(err, UnicodeDecodeError):
        return f"not an RDF file ({name} expected): not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset {err.start})"
    if isinstance(err, BadSyntax):
        text = err._str.decode("utf-8", "replace")
        near = _printable(text[err._i:].lstrip())
        return f"not valid {name} at line {err.lines + 1}: {err._why}" + (f", at: {near}" if near else "")
    first = " ".join(str(err).strip().splitlines()[:2]) or type(err).__name__
    return f"not valid {name}: {_printable(first, 120)}"


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
    """Validate a dataset file written by ``kg build`` (see :func:`validate_graph`).

    The report counts both the distinct triples of the merged graph that the shapes
    check and the triples as written per named graph, which ``kg build`` reports: a
    triple stated by several source files (an entity's type and label) is one of the
    first and several of the second.
    """
    merged, quads, graphs = _load(path)
    return replace(validate_graph(merged), quads=quads, graphs=graphs)
