"""Page dates and stated times (kg.text.dates): every form, with negative rows."""
from __future__ import annotations

import pytest

from kg.text.dates import page_date, stated_times

PAGE_DATES = [
    # (page text, context year, (stated text, value) or None)
    ("山城日报\n2023年5月12日 星期五\n正文", None, ("2023年5月12日 星期五", "2023-05-12")),
    ("2023年5月12日星期五", None, ("2023年5月12日星期五", "2023-05-12")),
    ("2024年2月29日 周四", None, ("2024年2月29日 周四", "2024-02-29")),
    ("2023年5月12日 星期一", None, None),                # the weekday does not fit: no date
    ("2023年2月30日 星期四", None, None),                # no such day
    ("> 《山城报》（2025年01月02日第 19 版）", None, ("2025年01月02日第 19 版", "2025-01-02")),
    ("本报5月12日讯 记者", 2023, ("本报5月12日讯", "2023-05-12")),
    ("本报溪口5月12日电 记者", 2023, ("本报溪口5月12日电", "2023-05-12")),
    ("山城法治报 2024年\n\n本报3月8日讯 正文", None, ("本报3月8日讯", "2024-03-08")),
    ("本报5月12日讯 记者", None, ("本报5月12日讯", "")),  # no year in context: stated only
    ("2019年以来，某县推行某机制。", None, None),          # prose dates are not page dates
    ("某报\n" + "正文。" * 200 + "2023年5月12日星期五上午，某县召开会议。", None, None),  # not at the head
    ("", None, None),
]


@pytest.mark.parametrize("text, year, expected", PAGE_DATES)
def test_dates_page_date(text, year, expected):
    got = page_date(text, context_year=year)
    assert (None if got is None else (got.text, got.value)) == expected


STATED = [
    # (sentence, page date, [(stated text, value)])
    ("2019年以来，某县推行“甲乙”模式。", "", [("2019年以来", "2019")]),
    ("2021年3月，某县推行该机制。", "", [("2021年3月", "2021-03")]),
    ("2022年5月8日，某镇启用平台。", "", [("2022年5月8日", "2022-05-08")]),
    ("2020年底建成。", "", [("2020年底", "2020")]),
    ("今年以来，某县推行该机制。", "2023-05-12", [("今年以来", "2023")]),
    ("今年以来，某县推行该机制。", "", [("今年以来", "")]),
    ("去年3月，某县推行该机制。", "2023-05-12", [("去年3月", "2022-03")]),
    ("去年3月，某县推行该机制。", "", [("去年3月", "")]),
    ("前年起，某县推行该机制。", "2023-05-12", [("前年起", "2021")]),
    ("今年十月以来推行。", "2023-11-02", [("今年十月以来", "2023-10")]),
    ("近三年，某县化解纠纷。", "2025-01-02", [("近三年", "2022")]),
    ("近两年来推行。", "2025-01-02", [("近两年来", "2023")]),
    ("十年来坚持推行。", "2024-06-01", [("十年来", "2014")]),
    ("近三年，某县化解纠纷。", "", [("近三年", "")]),
    ("近年来，某县推行该机制。", "2023-05-12", [("近年来", "")]),   # no number: never resolved
    ("2019年以来推行，去年扩大到全县。", "2023-05-12", [("2019年以来", "2019"), ("去年", "2022")]),
    ("青年志愿者服务2.1万人次。", "2023-05-12", []),
    ("某县推行该机制，成效明显。", "2023-05-12", []),
    ("少年法庭已有123名成员。", "2023-05-12", []),
]


@pytest.mark.parametrize("sentence, page, expected", STATED)
def test_dates_stated_times(sentence, page, expected):
    assert [(t.text, t.value) for t in stated_times(sentence, page)] == expected


def test_dates_stated_times_offsets():
    text = "据介绍，2019年以来推行。"
    (t,) = stated_times(text)
    assert text[t.start:t.end] == "2019年以来" and t.year == 2019
