"""load_store: streaming, atomic, replaceable; a store answers like its file."""
from __future__ import annotations

import pytest

from kg.errors import StoreError
from kg.store.load import is_store_dir, load_store
from kg.store.open import open_graph


def test_load_counts_and_marks(synth_nq, tmp_path):
    report = load_store(synth_nq, tmp_path / "st")
    lines = sum(1 for _ in synth_nq.open(encoding="utf-8"))
    assert report.quads == lines
    assert report.graphs > 10
    assert is_store_dir(tmp_path / "st")
    with open_graph(tmp_path / "st") as g, open_graph(synth_nq) as f:
        q = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a gov:County }"
        assert g.query(q).rows == f.query(q).rows
        assert len(g) == lines


def test_load_failure_leaves_nothing(tmp_path):
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:b> .\n")
    with pytest.raises(StoreError, match="bad.nq: cannot parse"):
        load_store(bad, tmp_path / "st")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nq"]


def test_load_replaces_store_but_not_other_dirs(crafted_trig, synth_nq, tmp_path):
    load_store(synth_nq, tmp_path / "st")
    report = load_store(crafted_trig, tmp_path / "st")
    assert report.quads == 65
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    with pytest.raises(StoreError, match="exists and is not a store"):
        load_store(crafted_trig, other)
    assert (other / "keep.txt").exists()


# Issue 12, item 7: a load killed with -9 leaves a .loading folder; the next load removes it.
_KILLED_LOAD = """
import sys, time
import kg.store.load as load

def stalled(*args, **kwargs):
    print("ready", flush=True)
    time.sleep(120)

load.load_union = stalled
load.load_store(sys.argv[1], sys.argv[2])
"""


@pytest.mark.timeout(120)
def test_load_litter_of_a_killed_load_is_swept(crafted_trig, tmp_path):
    from procs import kill_when_ready  # tests/procs.py

    kill_when_ready(_KILLED_LOAD, str(crafted_trig), str(tmp_path / "st"))
    litter = [p.name for p in tmp_path.iterdir()]
    assert len(litter) == 1 and litter[0].startswith(".st."), litter  # left by the kill
    load_store(crafted_trig, tmp_path / "st")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["st"]
