"""Page-level merge of one body named short and in full (invented names, places in no gold file)."""
from __future__ import annotations

import pytest


def _ents(*labels):
    return {"org:" + lb: {"cls": "Organisation", "label": lb, "surfaces": set(), "articles": {0}}
            for lb in labels}


@pytest.mark.parametrize("labels, expected", [
    (("会宁县检察院", "白银市会宁县人民检察院"), {"org:会宁县检察院": "org:白银市会宁县人民检察院"}),
    (("开鲁县公安局", "通辽市开鲁县公安局"), {"org:开鲁县公安局": "org:通辽市开鲁县公安局"}),
    (("会宁法院", "白银市会宁人民法院"), {"org:会宁法院": "org:白银市会宁人民法院"}),
    # the parent abridged: a level left out, or its name contracted
    (("木槿市公安局碾伯路派出所", "木槿市公安局柏岭分局碾伯路派出所"),
     {"org:木槿市公安局碾伯路派出所": "org:木槿市公安局柏岭分局碾伯路派出所"}),
    (("陇原边检总站柏岭边境管理支队", "陇原出入境边防检查总站柏岭边境管理支队"),
     {"org:陇原边检总站柏岭边境管理支队": "org:陇原出入境边防检查总站柏岭边境管理支队"}),
    # a district's police bureau named on its own: X公安分局 is Y市公安局X分局
    (("柏岭公安分局", "木槿市公安局", "木槿市公安局柏岭分局"),
     {"org:柏岭公安分局": "org:木槿市公安局柏岭分局"}),
    # the same name once 人民 is folded: the name as written in full wins
    (("雨润镇政府", "雨润镇人民政府"), {"org:雨润镇政府": "org:雨润镇人民政府"}),
])
def test_page_merge_positive(labels, expected):
    from kg.link.page_merge import page_merge as _page_merge

    assert _page_merge(_ents(*labels)) == expected


@pytest.mark.parametrize("labels", [
    ("禁毒大队", "开鲁县公安局禁毒大队"),          # a bare unit: another body's unit may share its name
    ("开鲁县禁毒大队", "通辽市公安局开鲁县禁毒大队"),  # the front holds a body: a unit of it, not the same
    ("公安局", "开鲁县公安局"),                  # a bare head is no name
    ("开鲁县公安局", "会宁县公安局"),              # different places
    ("木槿市公安局派出所", "木槿市公安局柏岭分局派出所"),  # no proper name of its own: any station
    ("木槿市法院碾伯路派出所", "木槿市公安局柏岭分局碾伯路派出所"),  # another parent, not an abridged one
])
def test_page_merge_negative(labels):
    from kg.link.page_merge import page_merge as _page_merge

    assert _page_merge(_ents(*labels)) == {}


def test_page_merge_unit_written_after_its_parent():
    """…总站X支队 and X支队 on one page: the same unit, with and without its parent body."""
    from kg.link.page_merge import page_merge as _page_merge

    got = _page_merge(_ents("陇原检查总站", "会宁边境管理支队", "陇原检查总站会宁边境管理支队"))
    assert got == {"org:会宁边境管理支队": "org:陇原检查总站会宁边境管理支队"}


def test_unit_chain_links_the_nearest_parent_only():
    """大学+学院+教研室: the 教研室 belongs to the 学院; the 大学 is reached through it."""
    from kg.extract import extract_text

    rec = extract_text("会宁县举行培训\n\n陇原农业大学动物医学院兽医教研室主任介绍，会宁县开展培训。", "x.txt")
    subs = {(r.subject, r.object) for r in rec.relations if r.predicate == "subOrganisationOf"}
    assert subs == {("org:陇原农业大学动物医学院兽医教研室", "org:陇原农业大学动物医学院"),
                    ("org:陇原农业大学动物医学院", "org:陇原农业大学")}


def test_league_committee_is_not_the_party_committee_and_a_quoted_unit_is_one():
    """共青团X县委 is no long form of X县委; X法院“Y”工作站 is the long form of “Y”工作站."""
    from kg.link.page_merge import page_merge

    ents = {f"org:{lb}": {"cls": "Organisation", "label": lb, "surfaces": set(), "articles": {0}}
            for lb in ("乙水县委", "共青团乙水县委", "“木槿”调解工作站", "乙水法院“木槿”调解工作站")}
    assert page_merge(ents) == {"org:“木槿”调解工作站": "org:乙水法院“木槿”调解工作站"}


def _places(**labels):
    """Place entities: label → code (None for a named place outside the register)."""
    return {"place:" + lb: {"cls": "Prefecture" if code else "Place", "label": lb, "code": code,
                            "surfaces": {lb[:-1]} if code else set(), "articles": {0}}
            for lb, code in labels.items()}


def test_place_named_with_and_without_its_parent_is_one_place():
    from kg.link.page_merge import place_merge as _place_merge

    ents = _places(**{"嘉峪关市": "620200000000", "嘉峪关铁路口岸": None, "铁路口岸": None})
    assert _place_merge(ents) == {"place:铁路口岸": "place:嘉峪关铁路口岸"}


def test_area_named_later_without_its_first_words_is_one_place():
    """木槿边民互市贸易区, later 互市贸易区: one area; with two such areas on the page, neither."""
    from kg.link.page_merge import place_merge as _place_merge

    ents = _places(**{"木槿边民互市贸易区": None, "互市贸易区": None})
    assert _place_merge(ents) == {"place:互市贸易区": "place:木槿边民互市贸易区"}
    assert _place_merge(_places(**{"木槿边民互市贸易区": None, "柏岭边民互市贸易区": None, "互市贸易区": None})) == {}


def test_body_named_after_an_areas_short_form_takes_its_full_name():
    """互市贸易区管理委员会 after 木槿边民互市贸易区: the committee of that area, named in full."""
    from kg.extract import extract_text

    rec = extract_text("乐都区口岸见闻\n\n在乐都区木槿边民互市贸易区，商户们忙着交易。"
                       "互市贸易区管理委员会还与碾伯镇司法所签订协作协议。\n", "p.txt")
    body = next(e for e in rec.entities if e.label.endswith("管理委员会"))
    assert body.label == "木槿边民互市贸易区管理委员会" and "互市贸易区管理委员会" in body.aliases
    area = next(e for e in rec.entities if e.label == "木槿边民互市贸易区")
    assert any(r.subject == body.key and r.predicate == "locatedIn" and r.object == area.key for r in rec.relations)


@pytest.mark.parametrize("labels", [
    {"嘉峪关市": "620200000000", "铁路口岸": None, "东区铁路口岸": None},  # 东区 is no division here
    {"嘉峪关市": "620200000000", "口岸": None, "嘉峪关口岸": None},  # a bare head is no name
])
def test_place_merge_negative(labels):
    from kg.link.page_merge import place_merge as _place_merge

    assert _place_merge(_places(**labels)) == {}


def _schemes(*labels):
    return {"scheme:" + lb.replace("“", "").replace("”", ""): {"cls": "Initiative", "label": lb, "code": None,
                                                             "surfaces": set(), "articles": {0}}
            for lb in labels}


def test_scheme_named_with_a_shorter_head_or_none_is_one_scheme():
    """“X”热线 and a bare “X” (以“X”为牵引) are the one “X”供热服务热线 of the page; with two
    headed schemes of that quotation, the bare one is neither."""
    from kg.link.page_merge import scheme_merge

    merged = scheme_merge(_schemes("“木槿速办”供热服务热线", "“木槿速办”热线", "“木槿速办”"))
    assert merged == {"scheme:木槿速办热线": "scheme:木槿速办供热服务热线",
                      "scheme:木槿速办": "scheme:木槿速办供热服务热线"}
    assert scheme_merge(_schemes("“柏岭议事”机制", "“柏岭议事”平台", "“柏岭议事”")) == {}

