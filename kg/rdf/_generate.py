"""Generate :mod:`kg.rdf.namespace` from ``ontology/govkg.ttl``.

The generated module is committed; ``tests/rdf/test_namespace.py`` regenerates it and
compares, so the Python vocabulary can never drift from the ontology. The output has no
timestamp, and terms are sorted (classes, then object properties, then datatype
properties, each alphabetically), so regenerating an unchanged ontology gives the same
bytes.

Run ``python -m kg.rdf._generate`` to rewrite ``kg/rdf/namespace.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

__all__ = ["NAMESPACE", "ONTOLOGY_PATH", "NAMESPACE_PATH", "generate"]

NAMESPACE = "https://w3id.org/govkg/ontology#"
ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_PATH = ROOT / "ontology" / "govkg.ttl"
NAMESPACE_PATH = Path(__file__).resolve().parent / "namespace.py"

_KINDS = ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
          (OWL.DatatypeProperty, "Datatype properties"))

_HEADER = '''"""The govkg vocabulary as a closed rdflib namespace.

GENERATED from ``ontology/govkg.ttl`` by ``python -m kg.rdf._generate`` — do not edit by
hand; edit the ontology and regenerate (``tests/rdf/test_namespace.py`` checks they agree).
``GOV.Unknown`` raises ``AttributeError`` (``_fail = True``), so a typo in a term name
fails at import time rather than minting a wrong IRI.
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["GOV"]


class GOV(DefinedNamespace):
    """``gov:`` = ``{ns}``."""

    _fail = True
    _NS = Namespace("{ns}")
'''


def _comment(graph: Graph, term: URIRef) -> str:
    comments = sorted(str(c) for c in graph.objects(term, RDFS.comment)
                      if isinstance(c, Literal) and c.language in (None, "en"))
    return " ".join(comments[0].split()) if comments else ""


def generate(ontology_text: str) -> str:
    """Return the source of ``kg/rdf/namespace.py`` for an ontology in Turtle.

    Parameters
    ----------
    ontology_text : str
        The Turtle text of ``ontology/govkg.ttl``.

    Returns
    -------
    str
        Python source: one annotated ``URIRef`` attribute per ``gov:`` term, its English
        ``rdfs:comment`` as a trailing comment.
    """
    graph = Graph().parse(data=ontology_text, format="turtle")
    out = [_HEADER.replace("{ns}", NAMESPACE)]
    seen: set[str] = set()
    for kind, title in _KINDS:
        names = sorted(str(s)[len(NAMESPACE):] for s in graph.subjects(RDF.type, kind)
                       if isinstance(s, URIRef) and str(s).startswith(NAMESPACE))
        names = [n for n in names if n not in seen]
        if not names:
            continue
        out.append(f"\n    # {title}\n")
        for name in names:
            seen.add(name)
            comment = _comment(graph, URIRef(NAMESPACE + name))
            out.append(f"    {name}: URIRef  # {comment}\n" if comment else f"    {name}: URIRef\n")
    return "".join(out)


def main(argv: list[str]) -> int:
    """Rewrite ``kg/rdf/namespace.py`` (or print it with ``--stdout``)."""
    source = generate(ONTOLOGY_PATH.read_text(encoding="utf-8"))
    if "--stdout" in argv:
        sys.stdout.write(source)
    else:
        NAMESPACE_PATH.write_text(source, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
