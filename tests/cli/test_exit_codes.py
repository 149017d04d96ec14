"""Exit status per error class, through the command line (kg.cli._app.EXIT_CODES is the one map).

2: a request to change (query syntax, unknown format, output among the inputs, bad override
line); 1: what could not be read or written (sources, stores, exports, outputs).
"""
from __future__ import annotations

import pytest

from kg.cli import app
from kg.cli._app import EXIT_CODES, exit_code
import kg.errors as errors

from conftest_build import pages, runner  # noqa: F401 - fixtures (tests/cli/conftest_build.py)

ARGS = ["--workers", "1", "--no-cache", "--quiet"]


@pytest.fixture()
def graph(runner, pages, tmp_path):
    out = tmp_path / "g.trig"
    assert runner.invoke(app, ["build", str(pages), "--out", str(out), *ARGS]).exit_code == 0
    return out


def _errors(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("Error:")]


@pytest.mark.parametrize("case, code, message", [
    ("query syntax (QueryError)", 2, "Error: SPARQL syntax error:"),
    ("query unknown format (UsageError)", 2, "Error: unknown --format 'yaml'"),
    ("build unknown suffix (UsageError)", 2, "Error: {tmp}/g.json: unknown output format '.json'"),
    ("build output among the sources (UsageError)", 2, "Error: {graph}: the output file is one of the sources"),
    ("build bad override line (UsageError)", 2, "Error: {tmp}/over.tsv, line 1: expected 'keep_apart'"),
    ("build missing source (SourceError)", 1, "Error: {tmp}/nope.txt: no such file or directory"),
    ("build nothing readable (BuildError)", 1, "Error: no source could be read;"),
    ("build unwritable output (OutputError)", 1, "Error: {tmp}/file/g.trig: "),
    ("query missing graph (StoreError)", 1, "Error: {tmp}/none.trig: cannot open"),
    ("export unknown view (ExportError)", 1, "Error: unknown view 'tree'"),
])
def test_exit_codes_per_error_class(runner, pages, graph, tmp_path, case, code, message):
    (tmp_path / "over.tsv").write_text("together\tA\tB\n", encoding="utf-8")
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    args = {
        "query syntax (QueryError)": ["query", str(graph), "-e", "SELECT ?s WHERE {"],
        "query unknown format (UsageError)": ["query", str(graph), "-e", "ASK {}", "-f", "yaml"],
        "build unknown suffix (UsageError)": ["build", str(pages), "--out", str(tmp_path / "g.json"), *ARGS],
        "build output among the sources (UsageError)": ["build", str(pages), str(graph), "--out", str(graph), *ARGS],
        "build bad override line (UsageError)": ["build", str(pages), "--out", str(tmp_path / "h.trig"),
                                                 "--merge-overrides", str(tmp_path / "over.tsv"), *ARGS],
        "build missing source (SourceError)": ["build", str(pages), str(tmp_path / "nope.txt"),
                                               "--out", str(tmp_path / "h.trig"), *ARGS],
        "build nothing readable (BuildError)": ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "h.trig"),
                                                *ARGS],
        "build unwritable output (OutputError)": ["build", str(pages), "--out", str(tmp_path / "file" / "g.trig"),
                                                  *ARGS],
        "query missing graph (StoreError)": ["query", str(tmp_path / "none.trig"), "-e", "ASK {}"],
        "export unknown view (ExportError)": ["export", str(graph), "--format", "gexf", "--view", "tree",
                                              "--out", str(tmp_path / "g.gexf")],
    }[case]
    res = runner.invoke(app, args)
    assert res.exit_code == code, res.output
    expected = message.format(tmp=tmp_path, graph=graph)
    assert any(line.startswith(expected) for line in _errors(res)), (expected, res.stderr)


def test_exit_codes_cover_every_error_class():
    classes = [getattr(errors, name) for name in errors.__all__]
    assert {exit_code(cls("x") if cls not in (errors.SourceError,) else cls("x", "y")) for cls in classes} == {1, 2}
    assert EXIT_CODES[-1] == (errors.KgError, 1)  # the fallback comes last
