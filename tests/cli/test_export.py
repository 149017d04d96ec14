"""``kg export`` through Typer's CliRunner: files written, summary, exact Error lines."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app

CRAFTED = Path(__file__).resolve().parents[1] / "export" / "data" / "crafted.trig"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("view, nodes, edges", [("full", 10, 13), ("scheme-place", 5, 5), ("place-place", 3, 3)])
def test_export_gexf_views(runner, tmp_path, view, nodes, edges):
    out = tmp_path / "g.gexf"
    res = runner.invoke(app, ["export", str(CRAFTED), "--format", "gexf", "--out", str(out), "--view", view])
    assert res.exit_code == 0, res.output
    assert f"{view}: {nodes} nodes, {edges} edges -> {out}" in res.output
    G = nx.read_gexf(out)
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges)


def test_export_csv_writes_two_files_and_filters(runner, tmp_path):
    out = tmp_path / "pp.csv"
    res = runner.invoke(app, ["export", str(CRAFTED), "-f", "csv", "-o", str(out), "--within", "赤峰市",
                              "--type", "Programme", "--type", "County", "--document", "a.txt"])
    assert res.exit_code == 0, res.output
    nodes = (tmp_path / "pp.nodes.csv").read_text(encoding="utf-8").splitlines()
    edges = (tmp_path / "pp.edges.csv").read_text(encoding="utf-8").splitlines()
    assert (len(nodes) - 1, len(edges) - 1) == (3, 2)
    assert not out.exists()


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf"], "Error: unknown format 'pdf': expected one of gexf, graphml, csv, json, html"),
    (["--format", "gexf", "--view", "tree"], "Error: unknown view 'tree': expected one of full, scheme-place, place-place"),
    (["--format", "gexf", "--within", "四子王旗"],
     "Error: unknown place '四子王旗' for --within: no place has this IRI or label"),
])
def test_export_errors(runner, tmp_path, args, message):
    out = tmp_path / "g.out"
    res = runner.invoke(app, ["export", str(CRAFTED), "--out", str(out), *args])
    assert res.exit_code == 1
    assert message in res.output.splitlines()
    assert not out.exists()


def test_export_missing_folder(runner, tmp_path):
    out = tmp_path / "nowhere" / "g.gexf"
    res = runner.invoke(app, ["export", str(CRAFTED), "--format", "gexf", "--out", str(out)])
    assert res.exit_code == 1
    assert f"Error: {out}: cannot write: folder {out.parent} does not exist" in res.output.splitlines()
