"""``kg validate``: exit 0 and "Conforms" for a good graph, 1 and violations otherwise."""
from __future__ import annotations

import pytest
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
    assert lines[0] == "Does not conform: 3 violations in 8 distinct triples (kg build's 8 triples in 1 graph, merged)"
    tail = str(ORG).rsplit("/", 1)[1]
    assert f"  Violation: id:organisation/{tail} rdfs:label: an entity needs exactly one rdfs:label in Chinese (@zh)" in lines
    assert "  Violation: id:place/150400000000 (赤峰市): the subject of gov:locatedIn must be a gov:Organisation" in lines
    assert f"  Violation: id:place/150400000000 (赤峰市) gov:locatedIn = id:organisation/{tail}: the object of gov:locatedIn must be a gov:Place" in lines


def test_validate_missing_graph(tmp_path):
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "none.trig")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'none.trig'}: no such file"


# Issue 12, item 12: kg build and kg validate count differently, and say so.
def test_validate_counts_both_distinct_and_per_graph_triples(tmp_path):
    out = tmp_path / "g.trig"
    doc2 = document_iri("u.txt")
    shared = [(PLACE, RDF.type, GOV.Prefecture), (PLACE, RDFS.label, Literal("赤峰市", lang="zh"))]
    first = [(DOC, RDF.type, GOV.Document), (DOC, GOV.fileName, Literal("t.txt")), *shared]
    second = [(doc2, RDF.type, GOV.Document), (doc2, GOV.fileName, Literal("u.txt")), *shared]
    written, graphs = write_graphs([NamedGraph(DOC, tuple(sorted(first))),
                                    NamedGraph(doc2, tuple(sorted(second)))], out)
    assert (written, graphs) == (8, 2)  # what kg build's summary line reports
    result = CliRunner().invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ("Conforms: 6 distinct triples (kg build's 8 triples in 2 graphs, merged) "
                                     "satisfy ontology/shapes.ttl")


# Issue 12, item 9: a file that is not RDF gets a reason, never raw bytes.
@pytest.mark.parametrize(("name", "data", "reason"), [
    ("bin.trig", b"\x7fELF\x02\x01\x01\x00\x00\x00\xd0\xff" * 20,
     "not an RDF file (TriG expected): not UTF-8 text (byte 0xd0 at offset 10)"),
    ("page.trig", "沅陵县推行“枫桥经验”。\n".encode("utf-8"),
     "not valid TriG at line 1: expected directive or statement, at: 沅陵县推行“枫桥经验”。"),
    ("bad.ttl", b'@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "x\n',
     "not valid Turtle at line 3: newline found in string literal"),
    ("page.nq", "沅陵县\n".encode("utf-8"), "not valid N-Quads: Invalid line (Subject must be uriref or nodeID): '沅陵县'"),
])
def test_validate_non_rdf_file_is_explained(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {path}: {reason}"
