"""The place an article is about: the most specific place it stays in (gold/GUIDE.md)."""
from __future__ import annotations

from kg.extract import extract_text


def _about(page: str) -> list[str | None]:
    record = extract_text(page, "x.txt")
    label = {e.key: e.label for e in (*record.entities, *record.reference)}
    return [label.get(a.about) for a in record.articles]


def test_article_staying_in_one_county_is_about_it():
    """The headline names the province; every place below it in the story is one county's."""
    page = ("# 青海开展乡村治理\n\n乐都区碾伯镇的调解员走村入户。乐都区司法局组织培训，"
            "乐都区的纠纷化解率明显提高。")
    assert _about(page) == ["乐都区"]


def test_article_going_county_by_county_stays_about_the_province():
    page = ("# 青海开展乡村治理\n\n乐都区的调解员走村入户，乐都区司法局组织培训。"
            "互助土族自治县和循化撒拉族自治县也开展培训。")
    assert _about(page) == ["青海省"]


def test_lede_body_names_the_place_after_headline_and_byline():
    """近年来，X省Y市Z区人民检察院…: the lede (the first sentence after the headline and the
    byline) names its place only inside a body's name; the later townships are the story's
    places in passing, not what it is about."""
    page = ("守护群众平安的细功夫\n本报记者 木子\n近年来，青海省海东市乐都区人民检察院坚持能动履职。"
            "今年以来，他们在碾伯镇试点新机制。乐都区公安局在雨润镇推广这一做法。")
    assert _about(page) == ["乐都区"]


def test_a_county_papers_headline_with_wo_xian_is_about_the_county():
    """——我县开展…: the county-wide story of a county paper, though the one place its text names
    outside bodies' names is a township (the county is written only in the bodies' names)."""
    page = ("政法护航 企业安心\n——我县开展“木槿护企”专项行动\n\n本报讯（记者 木子）今年以来，"
            "积石镇的企业反映问题有了回音。循化撒拉族自治县公安局在全县开展“木槿护企”专项行动。")
    assert _about(page) == ["循化撒拉族自治县"]
    assert _about(page.replace("我县", "县里")) == ["积石镇"]


def test_a_headline_opening_with_a_county_body_is_about_the_county():
    """——县人民法院推行…见闻: a county body's story, though its text names one township most."""
    page = ("法官进山寨\n——县人民法院推行“木槿说法”巡回审判机制见闻\n\n本报讯 五月的积石镇，山间云雾缭绕。"
            "积石镇的村民围坐火塘边。循化撒拉族自治县人民法院推出巡回审判。")
    assert _about(page) == ["循化撒拉族自治县"]
    assert _about(page.replace("——县人民法院推行", "——法官推行")) == ["积石镇"]
