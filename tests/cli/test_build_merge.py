"""``kg build --merge-report / --merge-overrides / --no-merge`` on the crafted merge pages."""
from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

PAGES = Path(__file__).resolve().parents[1] / "data" / "merge"
ARGS = ["--workers", "1", "--no-cache", "--quiet"]


def _schemes(out: Path) -> set[str]:
    from kg.store.open import open_graph

    with open_graph(out) as g:
        rows = g.query("SELECT DISTINCT ?s WHERE { ?s a ?t VALUES ?t { gov:Programme gov:Initiative } }")
        return {str(r["s"]) for r in rows.dicts()}


def test_build_merge_report_and_overrides(tmp_path):
    runner = CliRunner()
    out, report = tmp_path / "g.trig", tmp_path / "rep" / "merges"
    res = runner.invoke(app, ["build", str(PAGES), "--out", str(out), "--merge-report", str(report), *ARGS])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader((tmp_path / "rep" / "merges.csv").open(encoding="utf-8")))
    assert [(r["name"], r["rule"], r["files"]) for r in rows] == [
        ("“溪声议事”工作机制", "first", "951_a.txt"), ("“溪声议事”建设", "head", "952_b.txt")]
    page = (tmp_path / "rep" / "merges.html").read_text(encoding="utf-8")
    assert "Merged across pages: 1 cluster" in page and "952_b.txt" in page
    assert len(_schemes(out)) == 3

    over = tmp_path / "over.tsv"
    over.write_text("keep_apart\t“溪声议事”建设\t“溪声议事”工作机制\n", encoding="utf-8")
    res = runner.invoke(app, ["build", str(PAGES), "--out", str(out), "--merge-report", str(report),
                              "--merge-overrides", str(over), *ARGS])
    assert res.exit_code == 0, res.output
    assert len(_schemes(out)) == 4
    assert "No entity was merged across pages." in (tmp_path / "rep" / "merges.html").read_text(encoding="utf-8")

    res = runner.invoke(app, ["build", str(PAGES), "--out", str(out), "--no-merge", *ARGS])
    assert res.exit_code == 0 and len(_schemes(out)) == 4


def test_build_merge_bad_overrides(tmp_path):
    over = tmp_path / "over.tsv"
    over.write_text("together\tA\tB\n", encoding="utf-8")
    out = tmp_path / "g.trig"
    res = CliRunner().invoke(app, ["build", str(PAGES), "--out", str(out), "--merge-overrides", str(over), *ARGS])
    assert res.exit_code == 2
    assert res.stderr.strip() == (f"Error: {over}, line 1: expected 'keep_apart' or 'merge', a tab and "
                                  f"two names separated by a tab; found 'together\\tA\\tB'")
    assert not out.exists()
