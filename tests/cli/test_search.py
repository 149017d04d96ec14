"""`kg search`: formats, the store's index written by `kg load`, errors, and search_entities."""
from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from kg.cli import app
from tests.search.conftest import search_graph  # noqa: F401  (the crafted graph fixture)

runner = CliRunner()
ID = "https://w3id.org/govkg/id/"


def test_search_json_is_a_list_of_objects(search_graph):
    res = runner.invoke(app, ["search", str(search_graph), "yanglizhen", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [(r["kind"], r["label"], r["type"], r["via"]) for r in rows] == [("entity", "样例镇", "Township", "pinyin")]


def test_search_csv_has_offsets(search_graph):
    res = runner.invoke(app, ["search", str(search_graph), "率先试点", "-f", "csv"])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["kind"], r["file"], r["start"], r["end"], r["title"]) for r in rows] == [
        ("sentence", "901_search_a.txt", "12", "36", "测试旗推进基层治理")]
    assert rows[0]["matched"] == "测试旗推行“测试旗调解”工作法，样例镇率先试点。"


def test_search_table(search_graph):
    res = runner.invoke(app, ["search", str(search_graph), "司法局"])
    lines = res.stdout.splitlines()
    assert res.exit_code == 0 and lines[0].startswith("kind") and lines[-1] == "(2 rows)"
    assert lines[2].startswith("entity") and "测试旗司法局" in lines[2]
    assert lines[3].startswith("sentence") and "40" in lines[3]


def test_search_store_after_load(search_graph, tmp_path):
    store = tmp_path / "st"
    res = runner.invoke(app, ["load", str(search_graph), "--store", str(store)])
    assert res.exit_code == 0 and (store / "search.sqlite").is_file()
    assert "search index of 5 entities, 3 sentences" in res.stderr
    res = runner.invoke(app, ["search", str(store), "Ceshi Qi Sifa", "-f", "ids"])
    assert res.exit_code == 0 and res.stdout.strip() == f"<{ID}org1>" and res.stderr == ""
    (store / "search.sqlite").unlink()
    res = runner.invoke(app, ["search", str(store), "Ceshi Qi Sifa", "-f", "ids"])
    assert res.exit_code == 0 and res.stdout.strip() == f"<{ID}org1>"
    assert res.stderr.strip() == f"note: {store} has no current search index; built one in memory (kg load writes it)"


def test_search_ids_feed_search_entities(search_graph):
    ids = runner.invoke(app, ["search", str(search_graph), "调解", "-f", "ids"]).stdout.strip()
    assert ids == f"<{ID}s1>"
    res = runner.invoke(app, ["query", str(search_graph), "search_entities", "--param", f"entities={ids}",
                              "-f", "json"])
    assert res.exit_code == 0, res.output
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(res.stdout)["results"]["bindings"]]
    assert {(r["label"], r["direction"], r["relation"].rsplit("#")[1], r["otherLabel"], r["fileName"])
            for r in rows} == {("“测试旗调解”工作法", "out", "implementedIn", "测试旗", "901_search_a.txt"),
                               ("“测试旗调解”工作法", "out", "implementedIn", "样例镇", "901_search_a.txt")}


def test_search_errors(tmp_path, search_graph):
    res = runner.invoke(app, ["search", str(tmp_path / "none.trig"), "x"])
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {tmp_path / 'none.trig'}: cannot open: no such file or store directory"
    res = runner.invoke(app, ["search", str(search_graph), "x", "-f", "xml"])
    assert res.exit_code == 2 and res.stderr.strip() == "Error: unknown --format 'xml'; expected one of table, csv, json, ids"
    res = runner.invoke(app, ["search", str(search_graph), "  "])
    assert res.exit_code == 2 and res.stderr.strip() == "Error: TEXT is empty"
