"""Subject place of an article without a headline place (crafted text, places in no gold file).

A place inside a body's name (X分局, X县公安局) is not counted; the lede's place comes first.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def frequent():
    from kg.register.divisions import get_kb
    from kg.link.resolve import page_context
    from kg.nlp.components.gazetteer import scan_register
    from kg.link.subjects import frequent_place as _frequent_place
    from kg.context import ArticleContext

    kb = get_kb()

    def _run(text: str):
        prov, codes = page_context(kb, [(s, k) for _, _, s, ks in scan_register(text) for k in ks])
        subj = _frequent_place(kb, text, ArticleContext(province=prov, context_codes=codes), scan_register(text))
        return subj.label if subj else None

    return _run


@pytest.mark.parametrize("text, expected", [
    # the county stands as a place once; the other is named three times inside bodies' names
    ("甘肃省会宁县开展调解。靖远县公安局、靖远县法院、靖远县司法局派员参加。", "会宁县"),
    ("通辽市开鲁县推行网格化管理，开鲁县群众满意。", "开鲁县"),
])
def test_places_inside_body_names_are_not_counted(frequent, text, expected):
    assert frequent(text) == expected


@pytest.mark.parametrize("text, inside", [
    ("会宁县公安局", True), ("会宁县分局", True), ("会宁县人民法院", True),
    ("会宁县，", False), ("会宁县群众满意", False),
])
def test_in_body_name(text, inside):
    from kg.link.subjects import _in_body_name

    assert _in_body_name(text, 3) is inside


_PAGE = """{subtitle}——

雪线之上守边关

本报记者  赵某

青海出入境边防检查总站海东边境管理支队民警李某，在边境一线坚守十年。他常说，守边就是守家。
"""


def _extract(subtitle: str):
    from kg.extract import extract_text

    rec = extract_text(_PAGE.format(subtitle=subtitle), "page.txt")
    labels = {e.key: e.label for e in rec.entities}
    return rec, labels


def test_city_stem_in_a_body_name_is_the_subject_under_a_named_province():
    """<province short form><city stem>支队 in the subtitle: the stem is the body's seat, the
    most specific place the article is about (gold/GUIDE.md, Articles), and neither place
    (inside names only) is an entity."""
    rec, labels = _extract("青海海东边境管理支队民警李某")
    assert rec.articles[0].about == "division:630200000000"      # 海东市, inside 青海省
    assert "division:630200000000" not in labels and "division:630000000000" not in labels
    assert not [r for r in rec.relations if r.predicate == "locatedIn"]
    assert "division:630000000000" in {e.key for e in rec.reference}  # gov:about is not dangling


def test_city_stem_alone_is_still_the_subject():
    rec, _ = _extract("海东边境管理支队民警李某")
    assert rec.articles[0].about == "division:630200000000"      # 海东市: nothing else named


def test_a_province_named_with_its_city_is_not_the_subject():
    """青海省海东市 in the lede of a headline without a place: the article is about the city."""
    from kg.extract import extract_text

    rec = extract_text("# 基层治理见实效\n\n青海省海东市，市司法局开展“法律明白人”培训。\n", "p.txt")
    assert rec.articles[0].about == "division:630200000000"
    assert "海东市司法局" in {e.label for e in rec.entities}
