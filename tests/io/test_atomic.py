"""atomic_write / atomic_path: replace on success, leave the old file and no temp on failure."""
from __future__ import annotations

import pytest

from kg.io.atomic import atomic_path, atomic_write


class Boom(Exception):
    pass


@pytest.mark.parametrize(("mode", "payload"), [("w", "锡林郭勒盟\n"), ("wb", "锡林郭勒盟\n".encode("utf-8"))])
def test_atomic_write_replaces_on_success(tmp_path, mode, payload):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with atomic_write(target, mode) as fh:
        fh.write(payload)
    assert target.read_text(encoding="utf-8") == "锡林郭勒盟\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_failure_keeps_old_file_and_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(Boom):
        with atomic_write(target) as fh:
            fh.write("partial")
            raise Boom
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_failure_creates_nothing(tmp_path):
    with pytest.raises(Boom):
        with atomic_write(tmp_path / "new.txt") as fh:
            fh.write("partial")
            raise Boom
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_temp_is_hidden_sibling(tmp_path):
    target = tmp_path / "out.nq"
    with atomic_write(target) as fh:
        assert fh.name.startswith(str(tmp_path / ".out.nq.tmp"))


def test_atomic_write_newline_passed_through(tmp_path):
    target = tmp_path / "out.csv"
    with atomic_write(target, newline="\r\n") as fh:
        fh.write("a\n")
    assert target.read_bytes() == b"a\r\n"


def test_atomic_path_file_success_and_failure(tmp_path):
    target = tmp_path / "graph.gexf"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(Boom):
        with atomic_path(target) as tmp:
            tmp.write_text("partial", encoding="utf-8")
            raise Boom
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.gexf"]
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".graph.gexf.tmp")
        tmp.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.gexf"]


def test_atomic_path_writer_that_writes_nothing_fails(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_path(tmp_path / "x.csv"):
            pass
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_directory_replaces_whole_store(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "old.db").write_text("old", encoding="utf-8")
    with atomic_path(store, directory=True) as tmp:
        assert tmp.is_dir()
        (tmp / "new.db").write_text("new", encoding="utf-8")
    assert [p.name for p in store.iterdir()] == ["new.db"]
    assert [p.name for p in tmp_path.iterdir()] == ["store"]
    with pytest.raises(Boom):
        with atomic_path(store, directory=True) as tmp:
            (tmp / "half.db").write_text("x", encoding="utf-8")
            raise Boom
    assert [p.name for p in store.iterdir()] == ["new.db"]
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


# Issue 12, item 7: the temporary of a run killed with -9 is removed by the next run.
_KILLED_WRITER = """
import sys, time
from kg.io.atomic import atomic_write
with atomic_write(sys.argv[1]) as fh:
    fh.write("half a dataset")
    fh.flush()
    print("ready", flush=True)
    time.sleep(120)
"""


@pytest.mark.timeout(60)
def test_atomic_write_litter_of_a_killed_run_is_swept(tmp_path):
    from procs import kill_when_ready  # tests/procs.py

    target = tmp_path / "out.trig"
    target.write_text("old", encoding="utf-8")
    kill_when_ready(_KILLED_WRITER, str(target))
    litter = [p.name for p in tmp_path.iterdir() if p.name != "out.trig"]
    assert len(litter) == 1 and litter[0].startswith(".out.trig.tmp")  # left by the kill
    assert target.read_text(encoding="utf-8") == "old"
    with atomic_write(target) as fh:
        fh.write("new")
    assert [p.name for p in tmp_path.iterdir()] == ["out.trig"]


def test_atomic_sweep_spares_live_processes_and_other_targets(tmp_path):
    import os

    from kg.io.atomic import _host, sweep_stale

    live = tmp_path / f".out.trig.tmp-{_host()}-{os.getppid()}-abcd1234"   # our parent: alive
    other_host = tmp_path / ".out.trig.tmp-elsewhere-1-abcd1234"
    other_target = tmp_path / f".other.trig.tmp-{_host()}-999999999-abcd1234"
    for p in (live, other_host, other_target):
        p.write_text("x")
    assert sweep_stale(tmp_path / "out.trig") == []
    assert all(p.exists() for p in (live, other_host, other_target))


def test_atomic_doctests():
    import doctest

    import kg.io.atomic

    assert doctest.testmod(kg.io.atomic).failed == 0
