"""``kg eval``: the table, --json, --misses and error lines."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.graph import records_to_graphs
from kg.rdf.write import write_graphs
from kg.records import Article, Entity, FileRecord


def _setup(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "t.json").write_text(json.dumps({
        "file": "t.txt", "articles": [],
        "entities": [{"name": "赤峰市", "type": "Prefecture", "aliases": []},
                     {"name": "赤峰市公安局", "type": "Organisation", "aliases": []}],
        "relations": [{"s": "赤峰市公安局", "p": "locatedIn", "o": "赤峰市", "evidence": "x"}],
    }, ensure_ascii=False), encoding="utf-8")
    rec = FileRecord("t.txt", "0" * 64, 5, (Article(0, "标题", 0, 5),), (
        Entity("division:150400000000", "Prefecture", "赤峰市", (), (0,)),
        Entity("org:通辽市公安局", "Organisation", "通辽市公安局", (), (0,))))
    graph = tmp_path / "g.trig"
    write_graphs(records_to_graphs([rec]), graph)
    return graph, gold


def test_eval_table(tmp_path):
    graph, gold = _setup(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(graph), str(gold)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["score", "P", "R", "F1", "tp", "fp", "fn"]
    assert "  entities                           0.500   0.500   0.500     1     1     1" in lines
    assert "  relations                          0.000   0.000   0.000     0     0     1" in lines


def test_eval_json_and_misses(tmp_path):
    graph, gold = _setup(tmp_path)
    data = json.loads(CliRunner().invoke(app, ["eval", str(graph), str(gold), "--json"]).stdout)
    assert data["report"]["entity:place"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert data["misses"]["fp entity:organisation"] == ["t.txt: 通辽市公安局"]
    out = CliRunner().invoke(app, ["eval", str(graph), str(gold), "--misses"]).stdout
    assert "## fn entity:organisation (1)\n   t.txt: 赤峰市公安局" in out


def test_eval_missing_gold(tmp_path):
    graph, _ = _setup(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(graph), str(tmp_path / "nogold")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nogold'}: no such gold folder"
