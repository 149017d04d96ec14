"""read_raw: type and size are checked before any byte is read (issue 12, item 6)."""
from __future__ import annotations

import doctest
import os

import pytest

import kg.io.guard
from kg.errors import SourceError
from kg.io.guard import read_raw


def test_guard_reads_a_regular_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert read_raw(path, max_bytes=3) == b"abc"


@pytest.mark.parametrize(("size", "limit", "reason"), [
    (4, 3, "too large (0.0 MiB; the limit is 0.0 MiB, raise it with --max-size)"),
    (3 * 2**20, 2**20, "too large (3.0 MiB; the limit is 1.0 MiB, raise it with --max-size)"),
])
def test_guard_size_limit(tmp_path, size, limit, reason):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * size)
    with pytest.raises(SourceError) as info:
        read_raw(path, max_bytes=limit)
    assert info.value.reason == reason


@pytest.mark.timeout(10)
def test_guard_fifo_without_writer_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match=r"not a regular file: a FIFO \(named pipe\)$"):
        read_raw(fifo)


def test_guard_doctests():
    assert doctest.testmod(kg.io.guard).failed == 0
