"""Contextual rules that hold on any page (crafted sentences; names in no gold or corpus file).

- a chain of full division names before a place head (省 + 市 + 县 + X工业园区) gives the
  place's parents, not its label; a stem stays in the label (X工业园区 named after county X);
- a quotation is no local scheme when a verb guards against it (防范“X工程”), when it is a
  goal (打造“X样板”) or when 全国 makes it nation-wide; the same quotations run locally are.
"""
from __future__ import annotations

import pytest

from tests.nlp.doc_views import _labels, _places, _rels


@pytest.mark.parametrize("text, label, parent", [
    ("在甘肃省酒泉市肃州区红柳工业园区，企业正忙着生产。", "红柳工业园区", "肃州区"),
    ("酒泉市肃州区红柳工业园区新建厂房。", "红柳工业园区", "肃州区"),
    ("肃州工业园区新建厂房。", "肃州工业园区", None),
])
def test_place_label_drops_full_parent_chain(analyse, text, label, parent):
    doc = analyse(text, "肃州区")
    places = _places(doc)
    assert label in places
    assert not [p for p in places if p.endswith(label) and p != label]
    if parent:
        assert (label, parent) in _rels(doc, "partOf")


@pytest.mark.parametrize("text, expected", [
    ("坚决防范“面子工程”，提高政治判断力。", []),
    ("打造基层治理“司法样板”。", []),
    ("利用全国“调解能手”示范培训班专题授课。", []),
    # the same quotations run locally stay schemes
    ("推进“面子工程”整改行动。", ["“面子工程”整改行动"]),
    ("打造“石榴籽”样板，凝聚人心。", ["“石榴籽”"]),
    ("举办“调解能手”示范培训班。", ["“调解能手”示范培训班"]),
    # a verb of opposition before a headed name is part of the programme's name
    ("开展整治“僵尸车辆”专项行动。", ["“僵尸车辆”专项行动"]),
])
def test_quotations_that_are_no_local_scheme(analyse, text, expected):
    assert _labels(analyse(text, "肃州区"), "scheme") == expected
