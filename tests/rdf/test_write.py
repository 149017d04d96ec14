"""Writers: every format reads back to the same graphs; bytes are deterministic."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import UsageError
from kg.rdf.graph import records_to_graphs, to_dataset
from kg.rdf.write import format_for, nt_term, write_graphs

ROOT = Path(__file__).resolve().parents[2]


def _merged(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("suffix,fmt", [(".trig", "trig"), (".nq", "nquads")])
def test_write_dataset_round_trip(records, tmp_path, suffix, fmt):
    out = tmp_path / f"g{suffix}"
    quads, graphs = write_graphs(records_to_graphs(records), out)
    expected = to_dataset(records_to_graphs(records))
    got = Dataset()
    got.parse(out, format=fmt)
    assert graphs == 3 and quads == len(list(expected.quads((None, None, None, None))))
    names = lambda ds: sorted(str(g.identifier) for g in ds.graphs() if len(g))  # noqa: E731
    assert names(got) == names(expected)
    for g in expected.graphs():
        if len(g):
            assert isomorphic(got.graph(g.identifier), g), g.identifier


@pytest.mark.parametrize("suffix,fmt", [(".ttl", "turtle"), (".nt", "nt")])
def test_write_merged_round_trip(records, tmp_path, suffix, fmt):
    out = tmp_path / f"g{suffix}"
    quads, _ = write_graphs(records_to_graphs(records), out)
    expected = _merged(to_dataset(records_to_graphs(records)))
    got = Graph().parse(out, format=fmt)
    assert quads == len(expected) and isomorphic(got, expected)


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt"])
def test_write_deterministic_bytes(records, tmp_path, suffix):
    a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    write_graphs(records_to_graphs(records), a)
    write_graphs(records_to_graphs(list(records)), b)
    assert a.read_bytes() == b.read_bytes()


def test_write_nquads_sorted_within_each_graph(records, tmp_path):
    out = tmp_path / "g.nq"
    write_graphs(records_to_graphs(records), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    by_graph: dict[str, list[str]] = {}
    for line in lines:
        by_graph.setdefault(line.rsplit(" ", 2)[-2], []).append(line)
    assert all(v == sorted(v) for v in by_graph.values())


def test_write_unknown_suffix(tmp_path):
    with pytest.raises(UsageError, match=r"unknown output format '\.json'"):
        format_for(tmp_path / "g.json")


def test_write_failure_leaves_no_file(records, tmp_path):
    out = tmp_path / "g.trig"

    def broken():
        yield from records_to_graphs(records[:1])
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError):
        write_graphs(broken(), out)
    assert list(tmp_path.iterdir()) == []


def test_write_literal_escapes():
    from rdflib import Literal
    assert nt_term(Literal('a"b\\c\nd', lang="zh")) == '"a\\"b\\\\c\\nd"@zh'
    assert nt_term(Literal("通辽市")) == '"通辽市"'
