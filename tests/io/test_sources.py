"""expand_sources: recursion, suffix filter, hidden entries, order and duplicates."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.io.sources import expand_sources


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    for rel in ["b.txt", "a.TXT", "notes.md", "sub/c.txt", "sub/deeper/d.Txt", ".hidden.txt",
                ".git/e.txt", "sub/.cache/f.txt", "z/readme"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("通辽市", encoding="utf-8")
    return tmp_path


def _rel(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_sources_folder_is_walked_recursively_and_sorted(tree):
    assert _rel(expand_sources([tree]), tree) == ["a.TXT", "b.txt", "sub/c.txt", "sub/deeper/d.Txt"]


def test_sources_named_file_taken_whatever_its_suffix(tree):
    assert _rel(expand_sources([tree / "notes.md"]), tree) == ["notes.md"]


def test_sources_duplicates_removed(tree):
    got = expand_sources([tree / "sub", tree / "sub" / "c.txt", tree])
    assert _rel(got, tree) == ["a.TXT", "b.txt", "sub/c.txt", "sub/deeper/d.Txt"]


def test_sources_order_independent_of_arguments(tree):
    assert expand_sources([tree / "sub", tree / "b.txt"]) == expand_sources([tree / "b.txt", tree / "sub"])


def test_sources_missing_path_raises(tree):
    with pytest.raises(SourceError, match="absent.txt: no such file or directory$"):
        expand_sources([tree / "b.txt", tree / "absent.txt"])


def test_sources_seeds(seeds_dir):
    assert [p.name for p in expand_sources([seeds_dir])] == sorted(p.name for p in seeds_dir.glob("*.txt"))


def test_sources_symlink_loop_is_named_not_missing(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(SourceError) as info:
        expand_sources([loop])
    assert str(info.value) == f"{loop}: symbolic link loop (too many levels of symbolic links)"
