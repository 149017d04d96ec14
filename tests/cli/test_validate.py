"""``kg validate``: exit 0 and "Conforms" for a good graph, 1 and violations otherwise."""
from __future__ import annotations

from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.graph import NamedGraph
from kg.rdf.iris import document_iri, entity_iri
from kg.rdf.namespace import GOV
from kg.rdf.write import write_graphs
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

DOC = document_iri("t.txt")
PLACE = entity_iri("division:150400000000")
ORG = entity_iri("org:赤峰市公安局")


def _write(path, extra=()):
    triples = [(DOC, RDF.type, GOV.Document), (DOC, GOV.fileName, Literal("t.txt")),
               (PLACE, RDF.type, GOV.Prefecture), (PLACE, RDFS.label, Literal("赤峰市", lang="zh")),
               (PLACE, GOV.mentionedIn, DOC), (ORG, RDF.type, GOV.Organisation),
               (ORG, GOV.locatedIn, PLACE), *extra]
    write_graphs([NamedGraph(DOC, tuple(sorted(triples)))], path)


def test_validate_conforms(tmp_path):
    out = tmp_path / "g.trig"
    _write(out, [(ORG, RDFS.label, Literal("赤峰市公安局", lang="zh"))])
    result = CliRunner().invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Conforms: ")


def test_validate_reports_violations(tmp_path):
    out = tmp_path / "g.nq"
    _write(out, [(PLACE, GOV.locatedIn, ORG)])  # no label on ORG; a place cannot be locatedIn
    result = CliRunner().invoke(app, ["validate", str(out)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Does not conform: 3 violations in 8 triples"
    tail = str(ORG).rsplit("/", 1)[1]
    assert f"  Violation: id:organisation/{tail} rdfs:label: an entity needs exactly one rdfs:label in Chinese (@zh)" in lines
    assert "  Violation: id:place/150400000000 (赤峰市): the subject of gov:locatedIn must be a gov:Organisation" in lines
    assert f"  Violation: id:place/150400000000 (赤峰市) gov:locatedIn = id:organisation/{tail}: the object of gov:locatedIn must be a gov:Place" in lines


def test_validate_missing_graph(tmp_path):
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "none.trig")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'none.trig'}: no such file"
