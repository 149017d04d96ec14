"""kg.cache: one changed file of many is the only one re-extracted."""
from __future__ import annotations

import doctest
import hashlib
import pickle
from pathlib import Path

import pytest

import kg.cache
from kg.cache import Cache, cached_tables, extractor_version, file_key
from kg.parallel import map_files
from kg.records import FileRecord


class Counting:
    """A stand-in extractor that counts the files it is asked to extract."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, path: Path) -> FileRecord:
        self.calls.append(path.name)
        raw = path.read_bytes()
        return FileRecord(path.name, hashlib.sha256(raw).hexdigest(), len(raw.decode("utf-8")))


@pytest.fixture()
def corpus(tmp_path, seeds_dir) -> list[Path]:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(4):
        for page in sorted(seeds_dir.glob("*.txt")):
            (src / f"{i}_{page.name}").write_bytes(page.read_bytes())
    return sorted(src.glob("*.txt"))


def test_cache_rebuild_reextracts_only_the_changed_file(tmp_path, corpus):
    cache = Cache(tmp_path / "cache", version="v-test")
    first = Counting()
    records1 = [o.result for o in map_files(first, corpus, workers=1, cache=cache)]
    assert first.calls == [p.name for p in corpus]

    changed = corpus[7]
    changed.write_bytes(changed.read_bytes() + "\n赤峰市新增一段。\n".encode("utf-8"))
    second = Counting()
    outs = list(map_files(second, corpus, workers=1, cache=Cache(tmp_path / "cache", version="v-test")))
    assert second.calls == [changed.name]
    assert [o.cached for o in outs] == [p != changed for p in corpus]
    assert [o.result for o in outs if o.path != changed] == [r for r, p in zip(records1, corpus) if p != changed]
    assert next(o.result for o in outs if o.path == changed).text_length > records1[7].text_length


def test_cache_hits_with_the_process_pool(tmp_path, corpus):
    cache_dir = tmp_path / "cache"
    list(map_files(_plain, corpus, workers=2, cache=Cache(cache_dir, version="v-test")))
    corpus[3].write_text("# 通辽市\n", encoding="utf-8")
    outs = list(map_files(_plain, corpus, workers=2, cache=Cache(cache_dir, version="v-test")))
    assert [o.path for o in outs] == corpus
    assert [o.path.name for o in outs if not o.cached] == [corpus[3].name]
    assert outs[3].result.text_length == len("# 通辽市\n")


def _plain(path: Path) -> FileRecord:
    raw = path.read_bytes()
    return FileRecord(path.name, hashlib.sha256(raw).hexdigest(), len(raw.decode("utf-8")))


def test_cache_misses_on_new_extractor_version_and_rename(tmp_path, corpus):
    list(map_files(Counting(), corpus[:2], workers=1, cache=Cache(tmp_path / "c", version="v1")))
    again = Counting()
    list(map_files(again, corpus[:2], workers=1, cache=Cache(tmp_path / "c", version="v2")))
    assert len(again.calls) == 2
    renamed = corpus[0].with_name("renamed.txt")
    corpus[0].rename(renamed)
    third = Counting()
    list(map_files(third, [renamed, corpus[1]], workers=1, cache=Cache(tmp_path / "c", version="v2")))
    assert third.calls == ["renamed.txt"]


def test_cache_torn_entry_is_a_miss(tmp_path):
    cache = Cache(tmp_path, version="v")
    rec = FileRecord("a.txt", "0" * 64, 1)
    key = cache.key(rec.sha256, "a.txt")
    cache.put(key, rec)
    path = next(tmp_path.rglob("*.pickle"))
    path.write_bytes(pickle.dumps(rec)[:10])
    assert cache.get(key) is None
    assert not list(tmp_path.rglob(".tmp-*")), "no temp files left behind"


def test_cache_unwritable_dir_does_not_fail(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = Cache(blocker / "cache", version="v")
    cache.put("ab" * 32, FileRecord("a.txt", "0" * 64, 1))  # no exception
    assert cache.get("ab" * 32) is None


def test_cache_prune_removes_other_versions(tmp_path):
    old = Cache(tmp_path, version="1" * 64)
    old.put("ab" * 32, FileRecord("a.txt", "0" * 64, 1))
    new = Cache(tmp_path, version="2" * 64)
    new.put("ab" * 32, FileRecord("a.txt", "0" * 64, 1))
    assert new.prune() == 1
    assert old.get("ab" * 32) is None and new.get("ab" * 32) is not None


def test_cache_extractor_version_is_stable_and_hex():
    v = extractor_version()
    assert v == extractor_version() and len(v) == 64 and int(v, 16) >= 0
    assert file_key("0" * 64, "a.txt", v) != file_key("0" * 64, "b.txt", v)


def test_cache_default_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert kg.cache.default_cache_dir() == tmp_path / "govkg"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert kg.cache.default_cache_dir() == Path.home() / ".cache" / "govkg"


@pytest.mark.parametrize("module", ["kg.cache", "kg.parallel", "kg.cli.progress"])
def test_cache_module_doctests(module):
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


def test_cache_record_from_before_meta_loads_undated(monkeypatch):
    """A FileRecord pickled before ``meta`` existed (shorter state) loads with empty meta."""
    from kg.records import DocumentMeta

    rec = FileRecord("a.txt", "0" * 64, 1, meta=DocumentMeta(date="2023-03-14"))
    new_state = FileRecord.__getstate__
    monkeypatch.setattr(FileRecord, "__getstate__", lambda self: new_state(self)[:-1])
    old_bytes = pickle.dumps(rec)
    monkeypatch.setattr(FileRecord, "__getstate__", new_state)
    old = pickle.loads(old_bytes)
    assert old.meta == DocumentMeta() and old == FileRecord("a.txt", "0" * 64, 1)
    assert pickle.loads(pickle.dumps(rec)) == rec


@pytest.mark.parametrize("part", ["records.py", "text/meta.py"])
def test_cache_version_changes_with_records_and_metadata_reader(tmp_path, monkeypatch, part):
    """Editing the record classes or the front-matter reader misses every old entry."""
    import shutil

    copy = tmp_path / "kg"
    shutil.copytree(Path(kg.cache.__file__).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__", "*.gz", "static"))
    monkeypatch.setattr(kg.cache, "__file__", str(copy / "cache.py"))
    before = extractor_version.__wrapped__()
    with open(copy / part, "a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    assert extractor_version.__wrapped__() != before


# Issue 12, item 7: a build killed while writing an entry leaves a temporary; the next
# put of the same entry (the file is extracted again, as it has no entry) removes it.
_KILLED_PUT = """
import pickle, sys, time
from pathlib import Path
from kg.cache import Cache
from kg.records import FileRecord

def stalled(obj, fh, protocol=None):
    fh.write(b"half an entry")
    fh.flush()
    print("ready", flush=True)
    time.sleep(120)

pickle.dump = stalled
Cache(Path(sys.argv[1]), version="v-test").put(sys.argv[2], FileRecord("a.txt", "ab" * 32, 3))
"""


@pytest.mark.timeout(60)
def test_cache_litter_of_a_killed_put_is_swept(tmp_path):
    from procs import kill_when_ready  # tests/procs.py

    cache = Cache(tmp_path / "cache", version="v-test")
    key = cache.key("ab" * 32, "a.txt")
    kill_when_ready(_KILLED_PUT, str(tmp_path / "cache"), key)
    folder = cache._path(key).parent
    assert len([p for p in folder.iterdir() if p.name.startswith(".")]) == 1
    assert cache.get(key) is None
    rec = FileRecord("a.txt", "ab" * 32, 3)
    cache.put(key, rec)
    assert cache.get(key) == rec
    assert [p.name for p in folder.iterdir()] == [f"{key}.pickle"]


def test_cache_tables_kept_rebuilt_and_never_written_without_cache(tmp_path):
    """Derived tables: read back under the same key; a torn file is rebuilt; --no-cache writes nothing."""
    built: list[str] = []

    def build(tag: str):
        return lambda: built.append(tag) or {"tag": tag, "rows": [1, 2], "raw": b"\x00"}

    root = tmp_path / "c"
    assert cached_tables("t", "k1", build("a"), use_cache=False, root=root)["tag"] == "a"
    assert not root.exists()
    assert cached_tables("t", "k1", build("b"), root=root)["tag"] == "b"
    assert cached_tables("t", "k1", build("c"), root=root)["tag"] == "b"
    (root / "t-k1.marshal").write_bytes(b"\x00torn")
    assert cached_tables("t", "k1", build("d"), root=root)["tag"] == "d"
    assert cached_tables("t", "k2", build("e"), root=root)["tag"] == "e"
    assert built == ["a", "b", "d", "e"]
    assert sorted(p.name for p in root.iterdir()) == ["t-k2.marshal"]  # stale key removed, no temporaries


def test_cache_tables_unwritable_folder_costs_only_the_rebuild(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert cached_tables("t", "k", lambda: [1], root=blocker / "c") == [1]
    assert cached_tables("t", "k", lambda: [2], root=blocker / "c") == [2]
