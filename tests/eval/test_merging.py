"""Pairwise P/R/F1 of cross-page merging (kg.eval.merging), before and after the merge step."""
from __future__ import annotations

import json

import pytest

from kg.eval.gold import read_gold_dir
from kg.eval.merging import pairwise_merge
from kg.eval.score import read_predictions
from kg.store.open import open_graph

SCHEME = {"name": "“溪声议事”工作机制", "type": "Initiative", "aliases": ["“溪声议事”建设"]}
POLICE = {"name": "慈利县公安局", "type": "Organisation"}
GOLD = {
    "951_a.txt": [SCHEME, POLICE, {"name": "“山桥护航”专项行动", "type": "Programme"}],
    "952_b.txt": [SCHEME, POLICE, {"name": "“山桥护航”工作法", "type": "Initiative"}],
}


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mgold")
    for name, ents in GOLD.items():
        (folder / f"{name}.json").write_text(json.dumps(
            {"file": name, "entities": ents, "relations": []}, ensure_ascii=False), encoding="utf-8")
    return read_gold_dir(folder)


def _scores(path, gold):
    with open_graph(path) as g:
        return pairwise_merge(read_predictions(g, [x.file for x in gold]), gold)


def test_merging_before_after(merge_builds, gold):
    before, after = _scores(merge_builds["before"], gold), _scores(merge_builds["after"], gold)
    b, a = before["merge:scheme"], after["merge:scheme"]
    assert (b.tp, b.fp, b.fn) == (0, 0, 1)      # the scheme is two IRIs without the merge step
    assert (a.tp, a.fp, a.fn) == (1, 0, 0)      # one after; 山桥护航 stays two (no fp)
    o = after["merge:organisation"]
    assert (o.tp, o.fp, o.fn) == (1, 0, 0)
    assert after["merge:ALL"].f1 == 1.0 and before["merge:ALL"].f1 == pytest.approx(2 / 3)
    assert "merge:place" not in after        # no place in this gold: no row of zeros


def test_merging_doctests():
    import doctest

    import kg.eval.merging

    assert doctest.testmod(kg.eval.merging).failed == 0


def test_merging_in_kg_eval(merge_builds, gold):
    from kg.eval.report import evaluate, format_table

    folder = gold[0].path.parent
    result = evaluate(merge_builds["after"], folder)
    assert result.merging["merge:ALL"].f1 == 1.0
    assert "cross-page merging (pairs of gold mentions in different files)" in format_table(result)
    assert "merging" in result.as_dict() and "merge:ALL" not in result.as_dict()["report"]
    one = evaluate(merge_builds["after"], folder, only=["951_a.txt"])
    assert one.merging == {}                      # one file: no cross-file pairs to score
