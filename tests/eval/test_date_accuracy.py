"""kg eval: date accuracy of gold relations that carry the optional "date" field."""
from __future__ import annotations

import json

import pytest

from kg.eval.gold import GoldError, read_gold_file
from kg.eval.report import evaluate, format_table

SCHEME = {"name": "“云岭议事”工作法", "type": "Initiative", "aliases": []}
GOLD = {
    "901_masthead.txt": ([SCHEME, {"name": "慈利县委政法委", "type": "Organisation"}],
                         [("慈利县委政法委", "implementedBy", "2019")]),        # stated 2019年以来
    "902_dateline.txt": ([SCHEME, {"name": "慈利县", "type": "County"}],
                         [("慈利县", "adaptedFrom", "2023-03")]),            # 去年3月 on a 2024 page
    "903_undated.txt": ([SCHEME, {"name": "永定区委政法委", "type": "Organisation"}],
                        [("永定区委政法委", "implementedBy", "2024")]),       # 今年以来, undated: none
    "904_edition.txt": ([{"name": "“溪石调解”机制", "type": "Initiative"}, {"name": "武陵源区", "type": "County"}],
                        [("武陵源区", "implementedIn", "2023")]),            # 近三年 → 2022: wrong
}


def _write_gold(folder):
    for i, (name, (ents, rels)) in enumerate(sorted(GOLD.items())):
        scheme = ents[0]["name"]
        data = {"file": name, "articles": [], "entities": ents,
                "relations": [{"s": scheme, "p": p, "o": o, "date": d} for o, p, d in rels]}
        (folder / f"{i}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_dates_eval_scores_dated_gold_relations(timeline_graph, tmp_path):
    _write_gold(tmp_path)
    result = evaluate(timeline_graph, tmp_path)
    s = result.scores["date:relations"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert result.misses["fp date"] == ["904_edition.txt: “溪石调解”机制 → 武陵源区: 2022 (gold 2023)"]
    assert result.misses["fn date"] == ["903_undated.txt: “云岭议事”工作法 → 永定区委政法委: 2024"]
    assert "dates of gold relations (P: accuracy)" in format_table(result)
    assert "relation:ALL" in result.scores and "date:relations" not in \
        {k for k in result.scores if k.startswith("relation:")}


def test_dates_eval_absent_without_dated_gold(timeline_graph, tmp_path):
    _write_gold(tmp_path)
    for f in tmp_path.glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        for r in data["relations"]:
            del r["date"]
        f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "date:relations" not in evaluate(timeline_graph, tmp_path).scores


def test_dates_gold_date_checked(tmp_path):
    f = tmp_path / "g.json"
    f.write_text(json.dumps({"file": "x.txt", "entities": [], "relations": [
        {"s": "甲", "p": "implementedIn", "o": "乙", "date": "2019年"}]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError, match="date '2019年' is not YYYY, YYYY-MM or YYYY-MM-DD"):
        read_gold_file(f)


def test_dates_eval_doctests():
    import doctest

    import kg.eval.dates

    assert doctest.testmod(kg.eval.dates).failed == 0
