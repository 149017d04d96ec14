"""The export summary written at load: the same facts and the same files as the dataset file."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export.facts import RelationTable, read_facts, relations_of, shown_in_key_order
from kg.export.summary import SUMMARY_NAME, read_summary, write_summary
from kg.export.views import load_facts
from kg.export.writers import export
from kg.records import FAMILY
from kg.store.load import STORE_MARKER, load_store

FORMATS = ("gexf", "graphml", "csv", "json")
VIEWS = ("full", "scheme-place", "place-place")


def _summarised(path: Path, folder: Path, from_file: bool = True) -> Path:
    store = load_store(path, folder / "g.store").store
    assert write_summary(store, path if from_file else None) is not None
    return store


def _filters(facts) -> list[dict]:
    """No filter, and each filter with values the graph has (a document, a place with parts)."""
    parents = sorted({o for (_, rel, o) in facts.relations if rel == "partOf"})
    out = [{}, {"families": ("place", "scheme")}, {"types": ("Programme", "County", "Township")},
           {"documents": (sorted(facts.file_names.values())[0],)}]
    if parents:
        out.append({"within": parents[0]})
    return out


@pytest.fixture(scope="module", params=["crafted", "seeds", "synth"])
def graph_and_store(request, crafted_path, seeds_graph, synth_path, tmp_path_factory):
    path = {"crafted": crafted_path, "seeds": seeds_graph, "synth": synth_path}[request.param]
    return path, _summarised(path, tmp_path_factory.mktemp(request.param))


def test_summary_gives_the_facts_of_the_file(graph_and_store):
    path, store = graph_and_store
    got, want = read_summary(store), read_facts(path)
    assert want.entities and want.relations
    assert got == want


@pytest.mark.parametrize("view", VIEWS)
def test_summary_exports_are_the_files_of_the_dataset_file(graph_and_store, tmp_path, view):
    """Every view, format and filter: the store read from its summary writes the file's bytes."""
    path, store = graph_and_store
    facts = read_facts(path)
    kinds = {FAMILY[e.cls] for e in facts.entities.values()}
    assert {"place", "scheme"} <= kinds
    for n, filters in enumerate(_filters(facts)):
        for fmt in FORMATS:
            want = export(path, tmp_path / f"file{n}.{fmt}", fmt, view, **filters)
            got = export(store, tmp_path / f"store{n}.{fmt}", fmt, view, **filters)
            assert (got.nodes, got.edges) == (want.nodes, want.edges)
            for a, b in zip(got.paths, want.paths):
                assert a.read_bytes() == b.read_bytes(), (view, fmt, filters)


def test_summary_relations_are_read_in_key_order_not_held(graph_and_store):
    """A summary's relations are a table read when iterated — whole in key order, or one
    relation's — and give the file's relations, key by key."""
    path, store = graph_and_store
    got, want = read_summary(store).relations, read_facts(path).relations
    assert isinstance(got, RelationTable) and not isinstance(got, dict) and len(got) == len(want)
    assert list(got.items()) == sorted(want.items())
    for rel in {k[1] for k in want}:
        assert list(relations_of(got, rel)) == sorted(relations_of(want, rel))
    ends = sorted({k[0] for k in want})[::2]  # half the subjects, every object
    keep = set(ends) | {k[2] for k in want}
    assert list(shown_in_key_order(got, keep)) == list(shown_in_key_order(want, keep))
    assert list(shown_in_key_order(want, keep)) == sorted((k, v) for k, v in want.items() if k[0] in keep)
    assert len(keep) < len({x for k in want for x in (k[0], k[2])})  # some facts left out
    key = next(iter(want))
    assert got[key] == want[key] and key in got
    with pytest.raises(KeyError):
        got[(key[0], "noSuchRelation", key[2])]


def test_summary_is_what_a_store_export_reads(crafted_path, tmp_path):
    """With the summary the store's quads are not read: the export works without the database."""
    store = _summarised(crafted_path, tmp_path)
    want = export(crafted_path, tmp_path / "want.gexf", "gexf", "scheme-place")
    shutil.rmtree(store / "oxigraph")
    got = export(store, tmp_path / "got.gexf", "gexf", "scheme-place")
    assert got.nodes and got.paths[0].read_bytes() == want.paths[0].read_bytes()


def test_summary_from_the_store_equals_the_summary_from_the_file(seeds_graph, tmp_path):
    from_store = read_summary(_summarised(seeds_graph, tmp_path / "a", from_file=False))
    assert from_store == read_summary(_summarised(seeds_graph, tmp_path / "b"))


def test_summary_of_another_load_is_not_used(crafted_path, tmp_path):
    store = _summarised(crafted_path, tmp_path)
    marker = store / STORE_MARKER
    marker.write_text(marker.read_text(encoding="utf-8").replace('"quads"', '"quads_"'), encoding="utf-8")
    assert read_summary(store) is None
    assert load_facts(store) == read_facts(crafted_path)  # read from the quads instead


def test_summary_of_another_version_is_not_used(crafted_path, tmp_path):
    store = _summarised(crafted_path, tmp_path)
    conn = sqlite3.connect(store / SUMMARY_NAME)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    conn.commit()
    conn.close()
    assert read_summary(store) is None


def test_summary_without_named_graphs_reads_the_default_graph(tmp_path):
    county = ("<https://w3id.org/govkg/id/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
              "<https://w3id.org/govkg/ontology#County>")
    label = '<https://w3id.org/govkg/id/p1> <http://www.w3.org/2000/01/rdf-schema#label> "甲县"@zh'
    path = tmp_path / "default.nq"
    path.write_text(f"{label} .\n{county} .\n", encoding="utf-8")
    for from_file in (True, False):
        store = _summarised(path, tmp_path / str(from_file), from_file)
        assert read_summary(store) == read_facts(path)
        assert read_summary(store).entities["https://w3id.org/govkg/id/p1"].labels_zh == ("甲县",)


def test_summary_not_written_for_a_value_it_cannot_keep(tmp_path):
    """A label holding the field separator: no summary, and the store exports from its quads."""
    g = "<https://w3id.org/govkg/id/doc1>"
    county = ("<https://w3id.org/govkg/id/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
              "<https://w3id.org/govkg/ontology#County>")
    label = '<https://w3id.org/govkg/id/p1> <http://www.w3.org/2000/01/rdf-schema#label> "甲\\u001F县"@zh'
    path = tmp_path / "sep.nq"
    path.write_text(f"{county} {g} .\n{label} {g} .\n", encoding="utf-8")
    store = load_store(path, tmp_path / "g.store").store
    assert write_summary(store, path) is None
    assert not (store / SUMMARY_NAME).exists()
    assert load_facts(store).entities["https://w3id.org/govkg/id/p1"].labels_zh == ("甲\x1f县",)


def test_summary_written_by_kg_load(crafted_path, tmp_path):
    store = tmp_path / "st"
    res = CliRunner().invoke(app, ["load", str(crafted_path), "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert "export summary of 10 entities, 13 relations" in res.stderr
    assert read_summary(store) == read_facts(crafted_path)


def test_summary_full_view_is_streamed_not_held(synth_path, tmp_path):
    """The full view's GEXF from a summary keeps only the parents' entities resolved."""
    import io

    from kg.export.gexf import write_gexf
    from kg.export.views import view_stream

    store = _summarised(synth_path, tmp_path)
    facts = load_facts(store)
    buf = io.BytesIO()
    nodes, _ = write_gexf(view_stream(facts, "full"), buf)
    want = export(synth_path, tmp_path / "want.gexf", "gexf", "full")
    assert buf.getvalue() == want.paths[0].read_bytes() and nodes == len(facts.entities)
    parents = {o for (_, rel, o) in facts.relations if rel == "partOf"}
    assert 0 < len(facts.entities._done) <= len(parents) < nodes  # the rest read a chunk at a time
