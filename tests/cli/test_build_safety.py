"""``kg build`` under careless use: nothing built keeps the old output; input guarded.

Issue 12, items 5 (a failed build keeps the previous output, ``--out`` must not be an
input) and 6 (the cache must not bypass the file-type and size checks).
"""
from __future__ import annotations

import os
import sys

import pytest

from kg.cli import app

from conftest_build import pages, runner  # noqa: F401 - fixtures (tests/cli/conftest_build.py)

ARGS = ["--workers", "1", "--no-cache"]


@pytest.fixture()
def old_out(tmp_path):
    out = tmp_path / "g.trig"
    out.write_text("# the previous build\n", encoding="utf-8")
    return out


def _errors(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("Error:")]


def test_build_safety_mistyped_source_keeps_previous_output(runner, tmp_path, old_out):
    typo = tmp_path / "sedes"
    result = runner.invoke(app, ["build", str(typo), "--out", str(old_out), *ARGS])
    assert result.exit_code == 1
    assert old_out.read_text(encoding="utf-8") == "# the previous build\n"
    assert _errors(result) == [f"Error: {typo}: no such file or directory",
                               f"Error: no source could be read; {old_out} left as it was"]
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]  # no temporary left either


def test_build_safety_every_source_failing_keeps_previous_output(runner, tmp_path, old_out):
    src = tmp_path / "bad"
    src.mkdir()
    (src / "x.txt").write_bytes(b"\x00\x01\x02\xff" * 40)
    (src / "y.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(src), "--out", str(old_out), *ARGS])
    assert result.exit_code == 1
    assert old_out.read_text(encoding="utf-8") == "# the previous build\n"
    assert _errors(result) == [f"Error: {src / 'x.txt'}: binary file (NUL bytes)",
                               f"Error: {src / 'y.txt'}: empty file",
                               f"Error: no source could be read; {old_out} left as it was"]


def test_build_safety_empty_folder_writes_nothing(runner, tmp_path):
    src = tmp_path / "empty"
    src.mkdir()
    out = tmp_path / "g.nq"
    result = runner.invoke(app, ["build", str(src), "--out", str(out), *ARGS])
    assert result.exit_code == 1
    assert _errors(result) == [f"Error: no source files found in {src}; {out} not written"]
    assert not out.exists()


def test_build_safety_one_good_source_still_replaces_output(runner, pages, tmp_path, old_out):
    result = runner.invoke(app, ["build", str(pages), str(tmp_path / "nope.txt"), "--out", str(old_out), *ARGS])
    assert result.exit_code == 1  # one source missing, the other built
    assert old_out.read_text(encoding="utf-8").startswith("@prefix")


def test_build_safety_out_named_as_a_source_is_refused(runner, pages, old_out):
    result = runner.invoke(app, ["build", str(pages), str(old_out), "--out", str(old_out), *ARGS])
    assert result.exit_code == 2
    assert _errors(result) == [f"Error: {old_out}: the output file is one of the sources ({old_out}); "
                               "choose another --out"]
    assert old_out.read_text(encoding="utf-8") == "# the previous build\n"


def test_build_safety_out_linking_to_a_source_is_refused(runner, pages, tmp_path):
    link = tmp_path / "link.trig"
    link.symlink_to(pages / "a.txt")
    result = runner.invoke(app, ["build", str(pages), "--out", str(link), *ARGS])
    assert result.exit_code == 2
    assert "the output file is one of the sources" in result.stderr
    assert (pages / "a.txt").read_text(encoding="utf-8").startswith("赤峰市新闻")


@pytest.mark.timeout(30)
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_build_safety_fifo_is_refused_before_reading(runner, pages, tmp_path, cache):
    fifo = pages / "pipe.txt"
    os.mkfifo(fifo)
    opts = ["--cache", str(tmp_path / "cache")] if cache else ["--no-cache"]
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(pages), "--out", str(out), "--workers", "1", *opts])
    assert result.exit_code == 1
    assert _errors(result) == [f"Error: {fifo}: not a regular file: a FIFO (named pipe)"]
    assert result.stdout.startswith("2 files, ")


@pytest.mark.timeout(30)
def test_build_safety_device_is_refused_with_the_cache_on(runner, pages, tmp_path):
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(pages), "/dev/zero", "--out", str(out),
                                 "--workers", "1", "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 1
    assert _errors(result) == ["Error: /dev/zero: not a regular file: a character device"]


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_build_safety_size_limit_and_option_to_raise_it(runner, pages, tmp_path, cache):
    big = pages / "big.txt"
    big.write_text("赤峰市简讯。\n" * 120_000, encoding="utf-8")  # 2.2 MiB
    opts = ["--cache", str(tmp_path / "cache")] if cache else ["--no-cache"]
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(pages), "--out", str(out), "--workers", "1",
                                 "--max-size", "1", *opts])
    assert result.exit_code == 1
    assert _errors(result) == [f"Error: {big}: too large (2.2 MiB; the limit is 1.0 MiB, "
                               "raise it with --max-size)"]
    result = runner.invoke(app, ["build", str(pages), "--out", str(out), "--workers", "1",
                                 "--max-size", "3", *opts])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("3 files, ")


# Issue 12, item 12: --no-cache reads and writes no cache, the division tables' included.
@pytest.mark.slow
def test_build_safety_no_cache_writes_no_division_cache(tmp_path, seeds_dir):
    import subprocess

    home = tmp_path / "cache-home"
    home.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    env.pop("GOVKG_NO_CACHE", None)
    page = sorted(seeds_dir.glob("*.txt"))[0]
    out = tmp_path / "g.nq"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(page), "--out", str(out),
                           "--no-cache", "--workers", "1", "--quiet"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 0
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
