"""Stream named graphs to a file: N-Quads, TriG, N-Triples or Turtle, byte-deterministic.

The format follows the file suffix (``.nq``, ``.trig``, ``.nt``, ``.ttl``). Dataset
formats (``.nq``, ``.trig``) keep the graph names; ``.nt`` and ``.ttl`` write the merged
graph (the union of all named graphs, duplicates removed).

Why not rdflib's serializers: they iterate the store in hash order (the N-Quads one
literally walks ``store.quads``), so two runs give different bytes, and they need the
whole dataset in one in-memory graph (≈1.2 KB a quad). Here each graph arrives sorted
(:class:`kg.rdf.graph.NamedGraph`) and is written at once, in the order given, so a
dataset of any size streams with one graph in memory; only the merged formats collect
the distinct triples first. Output goes through :func:`kg.io.atomic.atomic_write`, so a
failed run leaves no partial file.

Terms are written as in N-Triples 1.1 (UTF-8, ``\\\\ \\" \\n \\r`` escaped in literals);
TriG/Turtle add prefixes for the ontology and standard vocabularies and group by
subject, with ``rdf:type`` first.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import IO, Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import UsageError
from kg.io.atomic import atomic_write
from kg.rdf.graph import NamedGraph
from kg.rdf.prefixes import PREFIXES

__all__ = ["FORMATS", "format_for", "write_graphs", "nt_term"]

FORMATS = {".nq": "nquads", ".trig": "trig", ".nt": "ntriples", ".ttl": "turtle"}

#: The prefixes TriG and Turtle declare (and shorten IRIs with), by name, in this order.
_WRITTEN: tuple[tuple[str, str], ...] = tuple(
    (p, PREFIXES[p]) for p in ("dcterms", "gov", "prov", "rdf", "rdfs", "schema", "skos", "xsd"))

_RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def format_for(path: str | os.PathLike) -> str:
    """The output format named by a file's suffix.

    Raises
    ------
    UsageError
        For a suffix other than ``.nq``, ``.trig``, ``.nt`` or ``.ttl``.

    Examples
    --------
    >>> format_for("out/seeds.trig")
    'trig'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{path}: unknown output format {suffix or '(no suffix)'!r}; "
                         f"expected one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def nt_term(term: URIRef | Literal) -> str:
    """A term in N-Triples syntax (IRIs in ``<>``, literals quoted and escaped).

    Examples
    --------
    >>> nt_term(Literal('赤峰市"一"', lang="zh"))
    '"赤峰市\\\\"一\\\\""@zh'
    >>> nt_term(Literal(7))
    '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    raise TypeError(f"cannot write {term!r}: only IRIs and literals (no blank nodes)")


def _short(term: URIRef | Literal) -> str:
    """A term in Turtle syntax: prefixed names where safe, bare integers."""
    if isinstance(term, URIRef):
        if term == _RDF_TYPE:
            return "a"
        for prefix, ns in _WRITTEN:
            if term.startswith(ns) and _LOCAL.match(term[len(ns):]):
                return f"{prefix}:{term[len(ns):]}"
        return f"<{term}>"
    if isinstance(term, Literal) and term.datatype == XSD.integer and re.fullmatch(r"-?\d+", str(term)):
        return str(term)
    return nt_term(term)


def _write_quads(fh: IO[str], graphs: Iterable[NamedGraph]) -> None:
    for g in graphs:
        name = nt_term(g.iri)
        fh.writelines(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {name} .\n" for s, p, o in g.triples)


def _turtle_block(triples: Iterable[tuple], indent: str) -> list[str]:
    """Turtle lines for sorted triples, grouped by subject then predicate."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for s, p, o in triples:
        preds = by_subject.setdefault(_short(s), {})
        preds.setdefault(_short(p), []).append(_short(o))
    lines: list[str] = []
    for subject in sorted(by_subject, key=lambda x: (x.startswith("<"), x)):
        preds = by_subject[subject]
        order = sorted(preds, key=lambda p: (p != "a", p))
        parts = [f"{p} {' , '.join(sorted(set(preds[p])))}" for p in order]
        lines.append(f"{indent}{subject}\n{indent}    " + f" ;\n{indent}    ".join(parts) + " .\n")
    return lines


def _prefix_lines() -> list[str]:
    return [f"@prefix {p}: <{ns}> .\n" for p, ns in _WRITTEN] + ["\n"]


def _write_trig(fh: IO[str], graphs: Iterable[NamedGraph]) -> None:
    fh.writelines(_prefix_lines())
    for g in graphs:
        fh.write(f"{nt_term(g.iri)} {{\n")
        fh.write("\n".join(_turtle_block(g.triples, "    ")))
        fh.write("}\n\n")


def _merged(graphs: Iterable[NamedGraph]) -> list[tuple]:
    seen: set[tuple] = set()
    for g in graphs:
        seen.update(g.triples)
    return sorted(seen, key=lambda t: (nt_term(t[0]), nt_term(t[1]), nt_term(t[2])))


def write_graphs(graphs: Iterable[NamedGraph], path: str | os.PathLike) -> tuple[int, int]:
    """Write named graphs to ``path`` atomically, in the format its suffix names.

    Parameters
    ----------
    graphs : iterable of NamedGraph
        In the order to write them (the build gives files in sorted order, then the
        divisions graph). Each is consumed once, so a generator streams.
    path : path-like
        The output file; its folder must exist.

    Returns
    -------
    (int, int)
        Quads written (for ``.nt``/``.ttl``: distinct triples) and graphs seen.

    Raises
    ------
    UsageError
        For an unknown suffix (before anything is written).
    OSError
        When the file cannot be written; no partial file is left.
    """
    fmt = format_for(path)
    count = {"quads": 0, "graphs": 0}

    def counted(items: Iterable[NamedGraph]) -> Iterable[NamedGraph]:
        for g in items:
            count["quads"] += len(g.triples)
            count["graphs"] += 1
            yield g

    with atomic_write(path, "w", encoding="utf-8", newline="\n") as fh:
        if fmt == "nquads":
            _write_quads(fh, counted(graphs))
        elif fmt == "trig":
            _write_trig(fh, counted(graphs))
        else:
            triples = _merged(counted(graphs))
            count["quads"] = len(triples)
            if fmt == "ntriples":
                fh.writelines(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples)
            else:
                fh.writelines(_prefix_lines())
                fh.write("\n".join(_turtle_block(triples, "")))
    return count["quads"], count["graphs"]
