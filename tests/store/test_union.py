"""load_union: the file's quads, and every triple of them once in the default graph, on every path."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

import kg.store.union as union
from kg.store.union import load_union

_G1, _G2 = "<https://example.org/graph/one>", "<https://example.org/graph/two>"
_P, _Q = "<https://example.org/p>", "<https://example.org/q>"

# Lines the graph-cutting shortcut cannot turn into their triple: a default-graph line
# with an IRI object, a comment after a statement, a comment line, a blank line, CRLF.
NQUADS = "\n".join([
    f'<https://example.org/a> {_P} "x <https://example.org/y> ." {_G1} .',
    f"<https://example.org/a> {_P} <https://example.org/b> {_G1} .",
    f"<https://example.org/a> {_P} <https://example.org/b> {_G2} .",
    f'<https://example.org/b> {_Q} "lit"@zh-Latn-pinyin {_G2} .',
    f'<https://example.org/b> {_Q} "2020"^^<http://www.w3.org/2001/XMLSchema#gYear> {_G2} .',
    f"<https://example.org/c> {_P} <https://example.org/d> .",
    f"<https://example.org/c> {_Q} <https://example.org/e> {_G1} . # seen <https://example.org/z> .",
    "# a comment line",
    "",
    f"<https://example.org/f> {_P} <https://example.org/g> {_G2} .\r",
    f"<https://example.org/h> {_P} <https://example.org/i> {_G1} .",
]) + "\n"

TRIG = f"""
{_G1} {{ _:b1 {_P} "x" . _:b1 {_Q} [ {_P} "y" ] . }}
{_G2} {{ _:b1 {_P} "x" . <https://example.org/a> {_P} _:b1 . }}
<https://example.org/c> {_P} <https://example.org/d> .
"""


def _split(store: ox.Store) -> tuple[set, set]:
    named = {(q.subject, q.predicate, q.object, q.graph_name) for q in store
             if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = {(q.subject, q.predicate, q.object) for q in store
               if isinstance(q.graph_name, ox.DefaultGraph)}
    return named, default


def _expected(text: str, fmt: ox.RdfFormat) -> tuple[set, set]:
    quads = list(ox.parse(input=text.encode(), format=fmt))
    named = {(q.subject, q.predicate, q.object, q.graph_name) for q in quads
             if not isinstance(q.graph_name, ox.DefaultGraph)}
    return named, {(q.subject, q.predicate, q.object) for q in quads}


@pytest.fixture(params=["one block", "many blocks"])
def blocks(request, monkeypatch):
    if request.param == "many blocks":  # one or two lines per block, on several threads
        monkeypatch.setattr(union, "_BLOCK_BYTES", 150)
        monkeypatch.setattr(union, "_BLOCK_QUADS", 2)
    return request.param


def test_union_nquads_every_line_copied_once(tmp_path, blocks):
    path = tmp_path / "d.nq"
    path.write_text(NQUADS, encoding="utf-8")
    store = ox.Store()
    assert load_union(store, path, ox.RdfFormat.N_QUADS, workers=2) == 9
    assert _split(store) == _expected(NQUADS, ox.RdfFormat.N_QUADS)


def test_union_trig_blank_nodes_keep_their_identity(tmp_path, blocks):
    path = tmp_path / "d.trig"
    path.write_text(TRIG, encoding="utf-8")
    store = ox.Store()
    assert load_union(store, path, ox.RdfFormat.TRIG, workers=2) == 6
    named, default = _split(store)
    assert len(named) == 5 and len(default) == 5  # _:b1 "x" is stated in both graphs
    assert default == {(s, p, o) for s, p, o, _ in named} | {
        (ox.NamedNode("https://example.org/c"), ox.NamedNode(_P[1:-1]), ox.NamedNode("https://example.org/d"))}
    # the copy of a quad about _:b1 is about the same node, in every graph
    ask = "ASK { GRAPH ?g { ?b <https://example.org/p> ?y } ?b <https://example.org/q> ?z }"
    assert bool(store.query(ask))


def test_union_nquads_with_blank_nodes_copied_by_identity(tmp_path, blocks):
    path = tmp_path / "d.nq"
    text = NQUADS + f'_:n1 {_P} "v" {_G1} .\n<https://example.org/a> {_Q} _:n1 {_G2} .\n'
    path.write_text(text, encoding="utf-8")
    store = ox.Store()
    load_union(store, path, ox.RdfFormat.N_QUADS, workers=2)
    named, default = _split(store)
    assert len(named) == len(_expected(text, ox.RdfFormat.N_QUADS)[0])
    assert {(s, p, o) for s, p, o, _ in named} <= default
    assert bool(store.query('ASK { <https://example.org/a> <https://example.org/q> ?n . ?n ?p "v" }'))


def test_union_syntax_error_names_the_file_line(tmp_path, blocks):
    path = tmp_path / "bad.nq"
    path.write_text(NQUADS + f"<https://example.org/a> {_P} .\n", encoding="utf-8")
    with pytest.raises(SyntaxError, match="line 12"):
        load_union(ox.Store(), path, ox.RdfFormat.N_QUADS, workers=2)


def test_union_triples_only_file_is_its_own_union(tmp_path):
    path = tmp_path / "d.nt"
    path.write_text(f"<https://example.org/a> {_P} <https://example.org/b> .\n" * 2
                    + f'<https://example.org/a> {_Q} "x" .\n', encoding="utf-8")
    store = ox.Store()
    assert load_union(store, path, ox.RdfFormat.N_TRIPLES) == 2
    assert len(_split(store)[1]) == 2 and not _split(store)[0]


def test_union_synthetic_build_output_by_the_byte_path(synth_nq, monkeypatch):
    """kg build's N-Quads take the path that never makes objects, and give the same store."""
    def refuse(*args, **kwargs):
        raise AssertionError("parsed into objects")

    monkeypatch.setattr(union, "_BLOCK_BYTES", 64 << 10)
    monkeypatch.setattr(union, "_load_parsed", refuse)
    monkeypatch.setattr(union.ox.Store, "bulk_extend", refuse, raising=False)
    store = ox.Store()
    text = synth_nq.read_text(encoding="utf-8")
    assert load_union(store, synth_nq, ox.RdfFormat.N_QUADS, workers=2) == text.count("\n")
    assert _split(store) == _expected(text, ox.RdfFormat.N_QUADS)


@pytest.mark.parametrize("block", [
    NQUADS.encode(),
    f"<https://example.org/a> {_P} <https://example.org/b> {_G1} .\n".encode() * 3,
    f"<https://example.org/a> {_P} <https://example.org/b> {_G1} .\n  # indented comment\n".encode(),
    f"<https://example.org/a> {_P} <https://example.org/b> {_G1} .\n\t\r\n".encode(),
    f"\n<https://example.org/a> {_P} <https://example.org/b> {_G1} .\n".encode(),
])
def test_union_statement_count_by_bytes_agrees_with_the_parser(block):
    assert union._statements(block) == len(list(ox.parse(input=block, format=ox.RdfFormat.N_QUADS)))


def test_union_engine_query_time_union_counts_a_shared_triple_once_per_graph(tmp_path):
    """Why the union is written at load time: Oxigraph's own union default graph is a bag.

    A triple stated in two graphs matches twice with ``use_default_graph_as_union`` (and
    with a ``default_graph`` listing both), once in the materialised union, as in rdflib's
    ``Dataset(default_union=True)`` and the SPARQL dataset's RDF merge. Should a later
    pyoxigraph answer once, query-time union becomes an option again.
    """
    path = tmp_path / "d.nq"
    path.write_text(f"<https://example.org/a> {_P} <https://example.org/b> {_G1} .\n"
                    f"<https://example.org/a> {_P} <https://example.org/b> {_G2} .\n", encoding="utf-8")
    ask = f"SELECT ?s WHERE {{ ?s {_P} ?o }}"
    plain = ox.Store()
    plain.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    graphs = [ox.NamedNode(g[1:-1]) for g in (_G1, _G2)]
    assert len(list(plain.query(ask, use_default_graph_as_union=True))) == 2
    assert len(list(plain.query(ask, default_graph=graphs))) == 2
    materialised = ox.Store()
    load_union(materialised, path, ox.RdfFormat.N_QUADS)
    assert len(list(materialised.query(ask))) == 1
