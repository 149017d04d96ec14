"""The one-pass readers give the facts and the files of the SPARQL reference, byte for byte."""
from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.export.facts import read_facts
from kg.export.scan import file_rows, store_rows, sparql_rows
from kg.export.writers import export
from kg.store.load import FILE_FORMATS, load_store
from kg.records import CLASSES
from kg.store.open import open_graph

EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
FORMATS = ("gexf", "graphml", "csv", "json")
VIEWS = ("full", "scheme-place", "place-place")
ENTITY_CLASSES = {f"https://w3id.org/govkg/ontology#{c}" for c in CLASSES}


def _sources(path: Path, tmp_path: Path) -> dict[str, object]:
    """The same graph as a file (streamed), a loaded store, Oxigraph and rdflib in memory."""
    return {"file": path, "store": load_store(path, tmp_path / "g.store").store,
            "oxigraph": open_graph(path), "rdflib": open_graph(path, engine="rdflib")}


@pytest.mark.parametrize("which", ["crafted", "seeds"])
def test_scan_every_reader_gives_the_same_facts(which, crafted_path, seeds_graph, tmp_path):
    path = crafted_path if which == "crafted" else seeds_graph
    facts = {name: read_facts(src) for name, src in _sources(path, tmp_path).items()}
    reference = facts.pop("rdflib")  # two SELECTs, as every export was read before
    assert reference.entities and reference.relations
    for name, got in facts.items():
        assert got == reference, name


def _norm(rows) -> set:
    """Rows with language tags in lower case (Oxigraph normalises them, rdflib does not)."""
    return {(g, s, p, o, lang and lang.lower()) for g, s, p, o, lang in rows}


def test_scan_rows_are_the_reference_rows(crafted_path):
    fmt = FILE_FORMATS[".trig"][0]
    ref = _norm(sparql_rows(open_graph(crafted_path, engine="rdflib")))
    types = {r[1:] for r in ref if r[0] == ""}
    for rows in (_norm(file_rows(crafted_path, fmt)), _norm(store_rows(open_graph(crafted_path)))):
        assert {r[1:] for r in rows if r[2].endswith("#type") and r[3] in ENTITY_CLASSES} == types
        assert {r for r in rows if not r[2].endswith("#type")} == {r for r in ref if r[0] != ""}


@pytest.fixture(scope="module")
def crafted_store(crafted_path, tmp_path_factory) -> Path:
    return load_store(crafted_path, tmp_path_factory.mktemp("scan") / "crafted.store").store


@pytest.fixture(scope="module")
def seeds_reference(seeds_graph):
    """The seeds' facts read the way every export was read before: SELECTs (here on rdflib)."""
    return read_facts(open_graph(seeds_graph, engine="rdflib"))


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_scan_crafted_exports_are_the_files_written_before(crafted_path, crafted_store, tmp_path, view, fmt):
    """Golden files written by the SPARQL-based exporter (commit 1b0d395) before the one-pass readers."""
    for source in (crafted_path, crafted_store):
        out = tmp_path / f"{view}.{fmt}"
        for got in export(source, out, fmt, view).paths:
            assert filecmp.cmp(got, EXPECTED / f"crafted-{got.name}", shallow=False), (source, got.name)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_scan_seeds_exports_match_the_sparql_reference(seeds_graph, seeds_reference, tmp_path, view, fmt):
    fast = export(seeds_graph, tmp_path / f"fast.{fmt}", fmt, view)
    ref = export(seeds_reference, tmp_path / f"ref.{fmt}", fmt, view)
    assert fast.nodes and (fast.nodes, fast.edges) == (ref.nodes, ref.edges)
    for a, b in zip(fast.paths, ref.paths):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_scan_file_is_streamed_not_loaded(crafted_path, monkeypatch):
    """Exporting a file parses it once; no store (with its union copy) is built."""
    import kg.store.open

    def refuse(*args, **kwargs):
        raise AssertionError("open_graph called")

    monkeypatch.setattr(kg.store.open, "open_graph", refuse)
    assert read_facts(crafted_path).entities


def test_scan_default_graph_only_without_named_facts(tmp_path):
    g = "<https://w3id.org/govkg/id/doc1>"
    county = "<https://w3id.org/govkg/id/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/govkg/ontology#County>"
    label = '<https://w3id.org/govkg/id/p1> <http://www.w3.org/2000/01/rdf-schema#label> "甲县"@zh'
    both = tmp_path / "both.nq"
    both.write_text(f"{label} .\n{county} {g} .\n", encoding="utf-8")
    only_default = tmp_path / "default.nq"
    only_default.write_text(f"{label} .\n{county} .\n", encoding="utf-8")
    for path in (both, only_default):
        assert read_facts(path) == read_facts(open_graph(path, engine="rdflib")), path.name
    assert read_facts(both).entities["https://w3id.org/govkg/id/p1"].labels_zh == ()
    assert read_facts(only_default).entities["https://w3id.org/govkg/id/p1"].labels_zh == ("甲县",)


def test_scan_parse_error_names_the_file(tmp_path):
    bad = tmp_path / "bad.nq"
    bad.write_text("<https://e/s> <https://e/p> <https://e/o> <https://e/g> .\n<https://e/s> oops .\n",
                   encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.nq: cannot parse as nquads: .*2"):
        read_facts(bad)
    out = tmp_path / "out.gexf"
    with pytest.raises(StoreError):
        export(bad, out, "gexf")
    assert not out.exists()
