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
