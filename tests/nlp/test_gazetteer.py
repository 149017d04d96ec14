"""Place gazetteer: register names, anaphors, head-noun places and suffix villages."""
from __future__ import annotations

import pytest


def _places(doc):
    return sorted((m.label, m.cls) for m in doc._.kg_mentions if m.family == "place" and m.entity)


@pytest.mark.parametrize("text, place, expected", [
    ("锡林郭勒盟西乌珠穆沁旗持续推进平安建设。", None,
     [("西乌珠穆沁旗", "County"), ("锡林郭勒盟", "Prefecture")]),
    ("通辽市科尔沁区法院审结案件。", None, [("科尔沁区", "County"), ("通辽市", "Prefecture")]),
    ("是锡林郭勒国家级自然保护区的所在地。", "西乌珠穆沁旗", [("锡林郭勒国家级自然保护区", "Place")]),
    ("集牧区、农区、城镇于一体。", "西乌珠穆沁旗", []),
    ("全旗10个社区已全部覆盖。", "西乌珠穆沁旗", []),
    ("大事不出苏木，小事不出嘎查。", "西乌珠穆沁旗", []),
    ("矿区和城区开展安全检查。", None, []),  # register names, but everyday words without support
])
def test_gazetteer_places(analyse, text, place, expected):
    assert _places(analyse(text, place)) == expected


@pytest.mark.parametrize("surface", ["该旗", "全旗"])
def test_gazetteer_anaphor_refers_to_subject(analyse, surface):
    doc = analyse(f"{surface}推进基层治理。", "西乌珠穆沁旗")
    refs = [m for m in doc._.kg_mentions if m.family == "anaphor"]
    assert [m.label for m in refs] == ["西乌珠穆沁旗"] and not refs[0].entity


def test_gazetteer_bare_autonomous_region_is_page_province(analyse):
    doc = analyse("全面落实自治区党委部署。", "西乌珠穆沁旗")
    labels = {m.label for m in doc._.kg_mentions}
    assert "内蒙古自治区党委" in labels


@pytest.mark.parametrize("text, place", [
    ("河北邯郸峰峰矿区推行“矿山夜巡”机制。", "峰峰矿区"),
    ("河北承德鹰手营子矿区公安分局开展“护矿”行动。", "鹰手营子矿区"),
])
def test_register_name_ending_in_a_place_head_is_no_new_place(analyse, text, place):
    """峰峰矿区 is a register county whose name ends in the head noun 矿区: the short names
    before it (河北邯郸) do not make a second, unregistered place 河北邯郸峰峰矿区."""
    places = [label for label, _ in _places(analyse(text, place))]
    assert place in places
    assert not [p for p in places if p != place and p.endswith(place)]


def test_province_short_names_standing_alone_are_places(analyse):
    """gold/GUIDE.md: a short name standing alone is an entity. 山东 and 宁夏 name only their
    province in the register, so no stoplist may hide them."""
    places = [label for label, _ in _places(analyse("与山东、湖南等地检察机关开展协作，宁夏也派员参加。"))]
    assert {"山东省", "湖南省", "宁夏回族自治区"} <= set(places)
