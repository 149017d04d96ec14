"""Error classes found by reading extraction of unannotated pages (crafted sentences).

Every sentence is invented and names only places that appear in no gold or corpus file.
Classes: short register names that are something else (a common word, part of a longer
word, a landmark, a photographer's name, inside a slogan, the stem of a township);
village/township names that swallow a body's name or a count word, quoted or generic.
"""
from __future__ import annotations

import pytest

from tests.nlp.doc_views import _orgs, _places, _rels

from kg.nlp.components.gazetteer import short_name_ok


# -- short register names: read only when the text shows a place -------------------------
@pytest.mark.parametrize("text, name, ok", [
    ("青海省海东市民警守护一方平安。", "平安", False),        # a common word (adjective)
    ("据新华社报道。", "新华", False),                        # part of a longer word (新华社)
    ("兰州市民在武威路散步。", "武威", False),                # a road named after the place
    ("图②：民警巡逻。李敦煌摄", "敦煌", False),              # a photographer's name
    ("甘肃省推出“天下敦煌”品牌。", "敦煌", False),           # inside a slogan
    ("白银市会宁镇的街上", "会宁", False),                    # the stem of a township (X镇)
    ("甘肃武威民警巡逻。", "武威", True),
    ("在甘肃张掖，民警巡逻。", "张掖", True),
    ("从新疆到西藏阿里的路上", "阿里", True),                 # a person-name tag is no common word
])
def test_short_name_ok(text, name, ok):
    from kg.nlp.components._scan import quotes

    s = text.index(name)
    assert short_name_ok(text, s, s + len(name), quotes(text)) is ok


@pytest.mark.parametrize("text, place, absent, present", [
    ("青海省海东市民警守护一方平安。", "海东市", "平安区", "海东市"),
    ("甘肃省白银市会宁镇的街上，民警走访群众。", "白银市", "会宁县", "会宁镇"),
    ("甘肃省推出“天下敦煌”品牌，酒泉市参与。", "酒泉市", "敦煌市", "酒泉市"),
])
def test_short_names_in_pipeline(analyse, text, place, absent, present):
    got = _places(analyse(text, place))
    assert absent not in got
    assert present in got


# -- villages and townships by suffix ----------------------------------------------------
@pytest.mark.parametrize("text, place, absent, present", [
    # a body's name is not part of the place after it
    ("赤峰市公安局红山分局三道沟镇派出所民警巡逻。", "赤峰市", "分局三道沟镇", "三道沟镇"),
    ("通辽市公安局科尔沁分局西门派出所社区民警走访。", "通辽市", "西门派出所社区", None),
    ("鼓励街道办事处南塘社区书记发言。", "通辽市", "办事处南塘社区", "南塘社区"),
    # counts, quotes, former names and ordinary words
    ("一个个社区志愿者走上街头。", "通辽市", "一个个社区", None),
    ("该村曾被列为“后进整改村”。", "通辽市", "后进整改村", None),
    ("原西沟村搬迁后，居民住进新楼。", "通辽市", "原西沟村", "西沟村"),
    ("随着城市转社区，居民生活改善。", "通辽市", "城市转社区", None),
    # a suffix place found first stops the scan of the next (X村离镇中心)
    ("西沟村离镇中心最远。", "通辽市", "西沟村离镇", "西沟村"),
])
def test_suffix_places(analyse, text, place, absent, present):
    doc = analyse(text, place)
    got = _places(doc)
    assert absent not in got
    assert not [o for o in _orgs(doc) if o.startswith(absent)]
    if present:
        assert present in got


# -- organisations -----------------------------------------------------------------------
@pytest.mark.parametrize("text, place, absent, present", [
    # the issuer inside a document title is no mention
    ("会议学习了《中共中央关于加强基层治理的意见》。", "通辽市", "中共中央", None),
    # a request verb before a unit word ends the phrase before it
    ("王某请综治中心工作人员调解。", "会宁县", "王某请综治中心", None),
    # the 和 of a department name does not cut the name
    ("会宁县文化和旅游局开展检查。", "会宁县", "旅游局", "会宁县文化和旅游局"),
    # a boundary word before a unit: 距离<unit>, X摄<unit>
    ("此刻，距离反诈中心发出预警不到十分钟。", "会宁县", "距离反诈中心", None),
])
def test_org_fronts(analyse, text, place, absent, present):
    got = _orgs(analyse(text, place))
    assert absent not in got
    if present:
        assert present in got


def test_body_located_after(analyse):
    doc = analyse("通辽市公安局红星派出所成立多年。红星派出所位于通辽市科尔沁区西门街道红柳沟村，辖区广。",
                  "通辽市")
    assert ("通辽市公安局红星派出所", "红柳沟村") in _rels(doc, "locatedIn")


@pytest.mark.parametrize("text, linked", [
    # a LAUNCH verb: the article's body runs the scheme
    ("近年来，推行“草原警务”工作模式，群众满意。", True),
    # the scheme is only named: no implementedBy from the article's body
    ("“草原警务”工作模式受到群众好评。", False),
])
def test_implemented_by_fallback(analyse, text, linked):
    doc = analyse(text, "通辽市", body="通辽市公安局", body_head="公安局")
    got = [r for r in _rels(doc, "implementedBy") if r[1] in ("通辽市公安局", "org:通辽市公安局")]
    assert bool(got) is linked


@pytest.mark.parametrize("text, present", [
    ("警方赴老北开展联合执法。", "老北"),
    ("打击越北跨境赌博窝点。", "越北"),
])
def test_regions_abroad(analyse, text, present):
    assert present in _places(analyse(text, "通辽市"))
