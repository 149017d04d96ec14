"""The index beside a store: written by kg load, used when current, never used when stale."""
from __future__ import annotations

import json
import sqlite3

import pytest

from kg.errors import StoreError
from kg.search import build_store_index, index_path, open_index
from kg.store.load import STORE_MARKER, load_store


@pytest.fixture()
def store(search_graph, tmp_path):
    load_store(search_graph, tmp_path / "crafted.store")
    return tmp_path / "crafted.store"


def test_build_store_index_is_used(store):
    report = build_store_index(store)
    assert report.path == index_path(store) and report.path.is_file()
    assert (report.entities, report.sentences) == (5, 3)
    with open_index(store) as idx:
        assert not idx.built  # read from the file, not rebuilt
        assert [h.label for h in idx.find("ceshiqisifaju")] == ["测试旗司法局"]


def test_build_store_without_index_builds_in_memory(store):
    with open_index(store) as idx:
        assert idx.built and [h.label for h in idx.find("司法局") if h.kind == "entity"] == ["测试旗司法局"]


def test_build_stale_index_is_not_used(store):
    build_store_index(store)
    marker = json.loads((store / STORE_MARKER).read_text(encoding="utf-8"))
    marker["quads"] += 1  # as after kg load of another file into the same directory
    (store / STORE_MARKER).write_text(json.dumps(marker), encoding="utf-8")
    conn = sqlite3.connect(index_path(store))  # make the old index say something false
    conn.execute("UPDATE entity SET label = 'stale'")
    conn.commit()
    conn.close()
    with open_index(store) as idx:
        assert idx.built and "stale" not in {h.label for h in idx.find("测试旗")}


def test_build_index_on_disk_removed_on_close(search_graph):
    idx = open_index(search_graph, on_disk=True)
    path = idx.path
    assert path.is_file() and [h.label for h in idx.find("yanglizhen")] == ["样例镇"]
    idx.close()
    assert not path.exists() and not path.parent.exists()


def test_build_refuses_what_is_not_a_store(tmp_path, search_graph):
    with pytest.raises(StoreError, match=f"^{tmp_path}: not a store made by kg load"):
        build_store_index(tmp_path)
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match=f"^{bad}: cannot parse"):
        open_index(bad)
    with pytest.raises(StoreError, match=f"^{tmp_path / 'none.trig'}: cannot open: no such file"):
        open_index(tmp_path / "none.trig")


def test_build_same_graph_same_index(search_graph, tmp_path):
    """Row ids follow sorted input: two builds dump to the same SQL."""
    dumps = []
    for i in range(2):
        load_store(search_graph, tmp_path / f"s{i}")
        build_store_index(tmp_path / f"s{i}")
        conn = sqlite3.connect(index_path(tmp_path / f"s{i}"))
        dumps.append([ln for ln in conn.iterdump() if "meta" not in ln])
        conn.close()
    assert dumps[0] == dumps[1]


def _dump(conn: sqlite3.Connection) -> list[str]:
    return [ln for ln in conn.iterdump() if "meta" not in ln]


def test_build_quads_read_twice_give_the_same_index(search_graph):
    """A store's union copy repeats every triple: the index keeps one row per fact."""
    import pyoxigraph as ox

    from kg.search.build import _fill

    quads = list(ox.parse(path=str(search_graph), format=ox.RdfFormat.TRIG))
    dumps = []
    for stream in (quads, quads + [ox.Quad(q.subject, q.predicate, q.object) for q in quads]):
        conn = sqlite3.connect(":memory:")
        assert _fill(conn, iter(stream), {}) == (5, 3)
        dumps.append(_dump(conn))
        conn.close()
    assert dumps[0] == dumps[1]
    assert sum("INSERT INTO \"claim\"" in ln for ln in dumps[0]) == 4
