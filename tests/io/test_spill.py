"""Spill tables: the same answers in memory and on disk; the file only past the limit."""
from __future__ import annotations

import os

import pytest

from kg.io.spill import Spill


def test_spill_table_answers_the_same_in_memory_and_spilled(tmp_path):
    ops = [("set", f"k{i % 37}", (f"v{i}", str(i))) for i in range(200)]
    ops += [("pop", f"k{i}", None) for i in range(0, 37, 5)]
    ops += [("setdefault", f"k{i}", ("new", "x")) for i in range(0, 40, 3)]
    answers = []
    for limit in ("dict", None, 1, 7):
        with Spill(limit=None if limit == "dict" else limit, directory=tmp_path) as spill:
            t = {} if limit == "dict" else spill.table("t")
            seen = []
            for op, key, value in ops:
                if op == "set":
                    t[key] = value
                elif op == "pop":
                    seen.append(t.pop(key, None))
                else:
                    seen.append(t.setdefault(key, value))
            seen.append(sorted(t.items()))
            seen.append([(k in t, t.get(k)) for k in (f"k{i}" for i in range(45))])
            answers.append(seen)
            assert (spill.spilled > 0) == (limit not in ("dict", None))
    assert answers[0] == answers[1] == answers[2] == answers[3]
    assert len(answers[0][-2]) == len({k for k, _ in answers[0][-2]})   # one row per key


def test_spill_makes_its_file_past_the_limit_and_removes_it_on_close(tmp_path):
    spill = Spill(limit=3, directory=tmp_path)
    t, u = spill.table("t"), spill.table("u")
    for i in range(3):
        t[str(i)] = (i,)
    assert list(tmp_path.iterdir()) == []          # at the limit: still in memory
    t["3"] = (3,)
    u["a"] = ("b",)
    assert len(list(tmp_path.iterdir())) == 1 and spill.spilled == 4
    assert t["0"] == (0,) and u["a"] == ("b",) and "a" not in t
    with pytest.raises(KeyError):
        t["a"]
    spill.close()
    assert list(tmp_path.iterdir()) == []


def test_spill_removes_the_folder_a_killed_run_left(tmp_path):
    import subprocess
    import sys

    from kg.io.atomic import _host

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".govkg-spill.tmp-{_host()}-{gone}-x1y2"
    stale.mkdir()
    (stale / "spill.sqlite").write_bytes(b"left")
    with Spill(limit=1, directory=tmp_path) as spill:
        t = spill.table("t")
        t["a"], t["b"] = ("1",), ("2",)
        assert [p.name.split("-")[-2] for p in tmp_path.iterdir()] == [str(os.getpid())]
    assert list(tmp_path.iterdir()) == []


def test_spill_refuses_a_table_name_twice():
    spill = Spill(limit=None)
    spill.table("t")
    with pytest.raises(ValueError):
        spill.table("t")
