"""Generic mentions are not entities (gold/GUIDE.md); named ones next to them stay.

Crafted sentences about places outside the gold files; each case lists the labels that
must be found and the labels that must not.
"""
from __future__ import annotations

import doctest

import pytest

from kg.nlp.components import generic


def _labels(doc, family):
    return {m.label for m in doc._.kg_mentions if m.family == family and m.entity}


@pytest.mark.parametrize("text, family, keep, drop", [
    # a count swallowed into a village name; a bare pair of level words
    ("全旗12个苏木镇95个嘎查村实现全覆盖。", "place", set(), {"个嘎查村", "嘎查村", "苏木镇"}),
    ("巴彦温都尔苏木白音查干嘎查开展调解。", "place", {"白音查干嘎查"}, {"个嘎查村"}),
    # rank and level words before a place head
    ("境内有两个国家级自然保护区、三个自治区重点工业园区。", "place", set(),
     {"国家级自然保护区", "自治区重点工业园区"}),
    ("达里诺尔国家级自然保护区加强巡护。", "place", {"达里诺尔国家级自然保护区"}, set()),
    # descriptive modifiers and tiers before a body head
    ("推进农村派出所建设，新增2个牧区派出所为一站式派出所。", "organisation", set(),
     {"农村派出所", "一站式派出所"}),
    ("推动智慧社区、智慧学校建设。", "organisation", set(), {"智慧学校"}),
    ("旗、苏木、嘎查三级社会治理中心全部建成。", "organisation", set(), {"嘎查三级社会治理中心"}),
    ("经棚派出所在学校开展宣传。", "organisation", {"经棚派出所"}, set()),
    # common words in scare quotes; named schemes stay
    ("探索推行“承包制”“记分制”管理模式。", "scheme", set(),
     {"“承包制”管理模式", "“记分制”管理模式"}),
    ("开辟便民“绿色通道”，以“小网格”换取“大和谐”。", "scheme", set(),
     {"“绿色通道”", "“大和谐”", "“小网格”"}),
    ("加快推进“综厅”建设。", "scheme", set(), {"“综厅”建设"}),
    ("开展“草原轻骑”专项行动，推进“一嘎查一警”建设。", "scheme",
     {"“草原轻骑”专项行动", "“一嘎查一警”建设"}, set()),
])
def test_generic_mentions(analyse, text, family, keep, drop):
    found = _labels(analyse(text, "克什克腾旗"), family)
    assert keep <= found
    assert not (drop & found)


def test_generic_doctests():
    assert doctest.testmod(generic).failed == 0
