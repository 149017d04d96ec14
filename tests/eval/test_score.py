"""The scorer follows gold/GUIDE.md and agrees with ../shared/tools/score.py."""
from __future__ import annotations

import doctest
import json
import subprocess
import sys

import pytest

import kg.eval.report as report_mod
import kg.eval.score as score_mod
from kg.eval.gold import GoldEntity, GoldError, GoldFile, GoldRelation, read_gold_dir
from kg.eval.report import evaluate, format_table
from kg.eval.score import FilePrediction, Node, normalise, score
from kg.rdf.graph import records_to_graphs
from kg.rdf.write import write_graphs

from perturb_gold import perturbed_record  # tests/eval/perturb_gold.py


def test_score_doctests():
    assert doctest.testmod(score_mod).failed == 0
    assert doctest.testmod(report_mod).failed == 0


# -- the rules, on crafted names ------------------------------------------------

GOLD = GoldFile("t.txt", (
    GoldEntity("通辽市", "Prefecture", ("通辽",)),
    GoldEntity("科尔沁区", "County"),
    GoldEntity("“草原卫士”工作法", "Initiative", ("草原卫士",)),
    GoldEntity("科尔沁区公安局", "Organisation"),
), (
    GoldRelation("科尔沁区", "partOf", "通辽市"),
    GoldRelation("“草原卫士”工作法", "implementedIn", "科尔沁区"),
    GoldRelation("“草原卫士”工作法", "implementedBy", "科尔沁区公安局"),
))


def _pred(nodes, rels=()):
    return {"t.txt": FilePrediction({k: Node(frozenset(t), tuple(sorted(map(normalise, ls)))) for k, (t, ls) in nodes.items()},
                                    frozenset(rels))}


def test_score_label_normalised_and_alias():
    r = score(_pred({"a": ({"Prefecture"}, ["通辽"]), "b": ({"Initiative"}, ["草原 卫士工作法"])}), [GOLD])
    s = r.scores["entity:ALL"]
    assert (s.tp, s.fp, s.fn) == (2, 0, 2)


def test_score_family_lenient_strict_not():
    r = score(_pred({"a": ({"Prefecture"}, ["科尔沁区"])}), [GOLD])
    assert r.scores["entity:place"].tp == 1
    strict = r.scores["entity-strict:County"]
    assert (strict.tp, strict.fp, strict.fn) == (0, 1, 1)


def test_score_wrong_family_is_false_positive():
    r = score(_pred({"a": ({"Organisation"}, ["通辽市"])}), [GOLD])
    assert (r.scores["entity:organisation"].fp, r.scores["entity:place"].fn) == (1, 2)


def test_score_duplicate_node_counts_once():
    r = score(_pred({"a": ({"Prefecture"}, ["通辽市"]), "b": ({"Prefecture"}, ["通辽"])}), [GOLD])
    s = r.scores["entity:place"]
    assert (s.tp, s.fp) == (1, 1)


def test_score_relations_by_matched_names():
    nodes = {"p": ({"Prefecture"}, ["通辽市"]), "c": ({"County"}, ["科尔沁区"]),
             "s": ({"Programme"}, ["“草原卫士”工作法"]), "x": ({"Organisation"}, ["别的机构"]),
             "y": ({"Organisation"}, ["又一机构"])}
    rels = [("c", "partOf", "p"), ("s", "implementedIn", "p"),
            ("s", "implementedBy", "x"), ("s", "implementedBy", "y")]
    r = score(_pred(nodes, rels), [GOLD])
    assert r.scores["relation:partOf"].tp == 1
    assert (r.scores["relation:implementedIn"].fp, r.scores["relation:implementedIn"].fn) == (1, 1)
    # both ends unmatched in the same way: one false positive, as the reference scorer counts
    assert r.scores["relation:implementedBy"].fp == 1
    assert r.scores["entity-strict:Initiative"].fp == 1


def test_score_missing_document():
    r = score({}, [GOLD])
    assert r.misses["no-document"] == ["t.txt"]
    assert r.scores["entity:ALL"].fn == 4 and r.scores["relation:ALL"].fn == 3


def test_score_table_sections():
    table = format_table(score(_pred({"a": ({"Prefecture"}, ["通辽"])}), [GOLD]))
    assert [ln for ln in table.splitlines() if not ln.startswith(" ")][1:] == [
        "entities by family", "entities, strict type", "relations", "overall"]


def test_gold_errors(tmp_path):
    with pytest.raises(GoldError, match="no such gold folder"):
        read_gold_dir(tmp_path / "none")
    (tmp_path / "a.json").write_text('{"file": "a.txt", "entities": [{"name": "x", "type": "City"}], '
                                     '"relations": []}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.json: entity 'x': unknown type 'City'"):
        read_gold_dir(tmp_path)


# -- agreement with the reference scorer --------------------------------------

def _reference(shared_dir, graph, gold_dir) -> dict:
    out = subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), str(graph),
                          str(gold_dir), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["report"]


def test_score_agrees_with_reference_on_perturbed_gold(shared_dir, tmp_path):
    gold_dir = shared_dir / "gold" / "seeds"
    gold = read_gold_dir(gold_dir)
    graph = tmp_path / "perturbed.trig"
    write_graphs(records_to_graphs([perturbed_record(g) for g in gold]), graph)
    ours = evaluate(graph, gold_dir).as_dict()["report"]
    theirs = _reference(shared_dir, graph, gold_dir)
    assert ours == theirs
    assert 0 < ours["entity:ALL"]["f1"] < 1 and 0 < ours["relation:ALL"]["f1"] < 1


@pytest.mark.slow
def test_score_agrees_with_reference_on_seeds(shared_dir, seeds_graph):
    gold_dir = shared_dir / "gold" / "seeds"
    assert evaluate(seeds_graph, gold_dir).as_dict()["report"] == _reference(shared_dir, seeds_graph, gold_dir)
