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
