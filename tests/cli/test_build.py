"""``kg build``: exit codes, the summary line, ``Error:`` lines, no partial file."""
from __future__ import annotations


import pytest
from rdflib import Dataset

from kg.cli import app
from kg.io.decode import read_source
from kg.errors import SourceError

from conftest_build import pages, runner  # noqa: F401 - fixtures (tests/cli/conftest_build.py)

ARGS = ["--workers", "1", "--no-cache"]


def _graphs(path):
    ds = Dataset()
    ds.parse(path, format="trig")
    return {str(g.identifier) for g in ds.graphs() if len(g)}


def test_build_ok(runner, pages, tmp_path):
    out = tmp_path / "out" / "g.trig"
    result = runner.invoke(app, ["build", str(pages), "--out", str(out), *ARGS])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1].startswith(
        "2 files, 2 articles, entities: 1 place, 0 organisation, 0 scheme, 0 award; ")
    assert result.stdout.strip().endswith(f"triples in 3 graphs → {out}")
    assert len(_graphs(out)) == 3


def test_build_quiet(runner, pages, tmp_path):
    result = runner.invoke(app, ["build", str(pages), "--out", str(tmp_path / "g.nq"), "--quiet", *ARGS])
    assert result.exit_code == 0 and result.stdout == ""


def test_build_bad_sources_reported_others_written(runner, pages, tmp_path):
    binary = pages / "c.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 50)
    missing = tmp_path / "missing.txt"
    with pytest.raises(SourceError) as info:
        read_source(binary)
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(pages), str(missing), "--out", str(out), *ARGS])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error:")]
    assert errors == [f"Error: {missing}: no such file or directory",
                      f"Error: {binary}: {info.value.reason}"]
    assert result.stdout.strip().startswith("2 files, ")
    assert len(_graphs(out)) == 3  # a.txt, b.txt and the divisions graph


def test_build_extractor_crash_is_reported_per_file(runner, pages, tmp_path):
    crash = pages / "z.txt"
    crash.write_text("CRASH\n", encoding="utf-8")
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(pages), "--out", str(out), *ARGS])
    assert result.exit_code == 1
    assert f"Error: {crash}: extraction failed: RuntimeError: extractor crashed" in result.stderr
    assert len(_graphs(out)) == 3


@pytest.fixture()
def failing_writer(monkeypatch):
    """Make the second file's graph fail while the first is already streamed out."""
    from kg.rdf.graph import GraphAssembler

    real_add = GraphAssembler.add

    def add(self, record):
        if self.files >= 1:
            raise RuntimeError("disk full")
        return real_add(self, record)

    monkeypatch.setattr(GraphAssembler, "add", add)


def test_build_failure_leaves_no_partial_file(runner, pages, tmp_path, failing_writer):
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["build", str(pages), "--out", str(out / "g.trig"), *ARGS])
    assert result.exit_code != 0
    assert list(out.iterdir()) == []


def test_build_failure_keeps_previous_file(runner, pages, tmp_path, failing_writer):
    out = tmp_path / "g.trig"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["build", str(pages), "--out", str(out), *ARGS])
    assert result.exit_code != 0 and out.read_text(encoding="utf-8") == "old"


def test_build_unknown_suffix(runner, pages, tmp_path):
    out = tmp_path / "g.json"
    result = runner.invoke(app, ["build", str(pages), "--out", str(out), *ARGS])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"Error: {out}: unknown output format '.json'; "
                                     "expected one of .nq, .trig, .nt, .ttl")
    assert not out.exists()


def test_build_same_bytes_twice(runner, pages, tmp_path):
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    for out in (a, b):
        assert runner.invoke(app, ["build", str(pages), "--out", str(out), *ARGS]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
