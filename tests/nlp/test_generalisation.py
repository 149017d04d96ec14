"""Error classes fixed for pages never seen (crafted sentences; places in no gold file).

Each class has positives and negatives: body chains and owners (subOrganisationOf), unit
heads that need an owner, province short forms kept in body names, level word + name
(县林草局), short mentions of an earlier body, 位于P的 locatedIn, units joined by 和,
prefecture stems, national bodies, and the place right before a scheme.
"""
from __future__ import annotations

import pytest

from tests.nlp.doc_views import _orgs, _places, _rels


# -- organisation chains: parent + name + unit head → label with parent, subOrganisationOf ----
@pytest.mark.parametrize("text, place, expected_orgs, expected_sub", [
    ("兰州海关驻机场办事处监管一科科长介绍情况。", "兰州市",
     ["兰州海关", "兰州海关驻机场办事处", "兰州海关驻机场办事处监管一科"],
     [("兰州海关驻机场办事处", "兰州海关"),
      ("兰州海关驻机场办事处监管一科", "兰州海关驻机场办事处")]),
    ("成都市公安局刑侦总队民警提示。", "成都市",
     ["成都市公安局", "成都市公安局刑侦总队"], [("成都市公安局刑侦总队", "成都市公安局")]),
    ("甘肃出入境边防检查总站酒泉边境管理支队副支队长介绍。", None,
     ["甘肃出入境边防检查总站", "甘肃出入境边防检查总站酒泉边境管理支队"],
     [("甘肃出入境边防检查总站酒泉边境管理支队", "甘肃出入境边防检查总站")]),
    ("西北政法大学刑事法学院侦查教研室主任说。", None,
     ["西北政法大学", "西北政法大学刑事法学院", "西北政法大学刑事法学院侦查教研室"],
     [("西北政法大学刑事法学院", "西北政法大学"),
      ("西北政法大学刑事法学院侦查教研室", "西北政法大学刑事法学院")]),
    # negatives: a counted head is no unit of the body before it
    ("建成集调解中心、法律服务中心两个中心为一体的平台。", "通辽市", ["通辽市法律服务中心"], []),
    ("监管科负责查验。", "兰州市", [], []),
])
def test_body_chains(analyse, text, place, expected_orgs, expected_sub):
    doc = analyse(text, place)
    got = _orgs(doc)
    for label in expected_orgs:
        assert label in got
    assert not [x for x in got if "两个" in x or x.endswith("监管科")]
    assert [r for r in _rels(doc, "subOrganisationOf") if r[0] in expected_orgs] == expected_sub


@pytest.mark.parametrize("text, child, parent", [
    ("兰州海关所属中川海关干部介绍。", "中川海关", "兰州海关"),
    ("兰州海关下属中川海关开展查验。", "中川海关", "兰州海关"),
])
def test_owner_words(analyse, text, child, parent):
    doc = analyse(text, "兰州市")
    assert child in _orgs(doc)
    assert (child, "" + parent) in _rels(doc, "subOrganisationOf")


def test_unit_founded_by_earlier_body(analyse):
    doc = analyse("位于兰州市的甘肃女子强制隔离戒毒所承担戒治任务。2023年，戒毒所成立了青少年帮教小组。")
    assert "甘肃女子强制隔离戒毒所青少年帮教小组" in _orgs(doc)
    assert ("甘肃女子强制隔离戒毒所青少年帮教小组", "甘肃女子强制隔离戒毒所") in \
        _rels(doc, "subOrganisationOf")
    # 位于P的<body>: the body sits in P, not in the province of its name
    assert ("甘肃女子强制隔离戒毒所", "兰州市") in _rels(doc, "locatedIn")


def test_unit_head_needs_owner(analyse):
    assert _orgs(analyse("成立了青少年帮教小组。", "兰州市")) == []


# -- province short forms inside a body's name stay as written; the place is no entity -----
@pytest.mark.parametrize("text, org, place_entity", [
    ("四川女子强制隔离戒毒所干警介绍。", "四川女子强制隔离戒毒所", False),
    ("甘肃某某食品有限公司员工正忙着生产。", "甘肃某某食品有限公司", False),
    ("四川省司法局印发通知。", "四川省司法局", True),
])
def test_province_short_form_in_body_name(analyse, text, org, place_entity):
    doc = analyse(text)
    assert org in _orgs(doc)
    assert bool(_places(doc)) is place_entity


# -- level word + name + head, short mentions of an earlier body ---------------------------
@pytest.mark.parametrize("text, place, expected", [
    ("检察院向县林草局发出检察建议。", "敖汉旗", []),
    ("检察院向县林草局发出检察建议。", "会宁县", ["会宁县林草局"]),
    ("县湖长制办公室牵头，乡镇参与。", "会宁县", ["会宁县湖长制办公室"]),
    ("市场监管局来到公司核查。", "会宁县", ["会宁县市场监管局"]),
])
def test_level_word_and_name(analyse, text, place, expected):
    got = _orgs(analyse(text, place))
    for label in expected:
        assert label in got
    assert "县林草局" not in got and not [x for x in got if "场监管局" in x and "市场" not in x]


def test_short_mention_is_earlier_body(analyse):
    doc = analyse("会宁县人民检察院向会宁县林草局发出检察建议。林草局快速响应。", "会宁县")
    assert _orgs(doc) == ["会宁县人民检察院", "会宁县林草局"]
    alias = [m for m in doc._.kg_mentions if m.surface == "林草局" and m.family == "organisation"]
    assert alias and alias[0].label == "会宁县林草局"


def test_bare_head_without_antecedent_is_nothing(analyse):
    assert _orgs(analyse("辛某来到戒毒所工作。", "兰州市")) == []


# -- units joined by 和 ---------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("反恐和特巡警大队在学校开展宣传。", "通辽市公安局反恐和特巡警大队"),
    ("禁毒和治安大队联合行动。", "通辽市公安局禁毒和治安大队"),
])
def test_units_joined_by_he(analyse, text, expected):
    doc = analyse(text, "通辽市", "通辽市公安局", "公安局")
    assert _orgs(doc) == [expected]


def test_he_between_bodies_is_no_join(analyse):
    got = _orgs(analyse("会宁县人民法院和县司法局联合签署协议。", "会宁县"))
    assert got == ["会宁县人民法院", "会宁县司法局"]


# -- national bodies and national-prefix bodies ----------------------------------------------
def test_national_bodies_and_their_units(analyse):
    doc = analyse("国家税务总局稽查局和国家法医实验室甘肃分中心联合检测。", "兰州市")
    got = _orgs(doc)
    assert {"国家税务总局", "国家税务总局稽查局", "国家法医实验室", "国家法医实验室甘肃分中心"} <= set(got)
    located = dict(_rels(doc, "locatedIn"))
    assert "国家法医实验室" not in located and "国家税务总局" not in located


# -- places: prefecture stems, not inside ordinary words -------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("在甘肃兰州，查验现场一片繁忙。", ["兰州市", "甘肃省"]),
    ("在四川成都被抽检。", ["四川省", "成都市"]),
])
def test_prefecture_stems(analyse, text, expected):
    assert sorted(_places(analyse(text))) == sorted(expected)


def test_prefecture_stem_inside_word_is_no_place(analyse):
    # 长治 (山西) inside 长治久安 is an ordinary word
    assert "长治市" not in _places(analyse("山西省推进长治久安。"))


# -- implementedIn: a place right before the scheme is its own area -------------------------
@pytest.mark.parametrize("text, expected", [
    ("打开通辽市“互联网+政务”平台即可查看。", [("“互联网+政务”平台", "通辽市")]),
    ("通辽市科尔沁区推行“草原110”社会治理模式。", [("“草原110”社会治理模式", "科尔沁区")]),
])
def test_scheme_place_adjacent(analyse, text, expected):
    assert _rels(analyse(text, "科尔沁区"), "implementedIn") == expected
