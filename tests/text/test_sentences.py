"""Sentence spans: one splitter for the page (kg.extract, kg.link.page) and the components alike."""
from __future__ import annotations

import pytest

from kg.text.normalize import normalize
from kg.text.sentences import sentence_at, sentence_spans


@pytest.mark.parametrize(("source", "expected"), [
    ("通辽市推行“一站式。调解”模式。赤峰市跟进！\n锡林郭勒盟", ["通辽市推行“一站式。调解”模式。", "赤峰市跟进！", "锡林郭勒盟"]),
    ("他说：“好。”然后走了；再来？", ["他说：“好。”然后走了；", "再来？"]),
    ("管理办法（试行。）全面推行。", ["管理办法（试行。）全面推行。"]),
    ("甘肃省开展活动。。四川省跟进", ["甘肃省开展活动。。", "四川省跟进"]),
    ("", []),
])
def test_sentences_split(source, expected):
    nt = normalize(source)
    assert [nt.text[s:e] for s, e in sentence_spans(nt.text)] == expected


def test_sentences_window():
    nt = normalize("通辽市开展调解。赤峰市开展宣传。甘肃省跟进。")
    assert [nt.text[s:e] for s, e in sentence_spans(nt.text, 8, 16)] == ["赤峰市开展宣传。"]


def test_sentences_keep_quoted_stops_and_take_closers():
    nt = normalize("甘肃省推行“一站式。调解”模式。！”四川省跟进？\n锡林郭勒盟")
    assert [nt.text[s:e] for s, e in sentence_spans(nt.text)] == [
        "甘肃省推行“一站式。调解”模式。！”", "四川省跟进？", "锡林郭勒盟"]


@pytest.mark.parametrize(("text", "expected"), [
    ("甲乙县开展调解。\n\n丙丁镇跟进", ["甲乙县开展调解。", "丙丁镇跟进"]),   # blank lines between
    ("  甲乙县开展调解。 丙丁镇跟进。 ", ["甲乙县开展调解。", "丙丁镇跟进。"]),  # spaces trimmed
    ("甲乙县说“好!”然后走了", ["甲乙县说“好!”然后走了"]),                   # ASCII mark quoted
    ("甲乙县开展调解!丙丁镇跟进;戊己乡", ["甲乙县开展调解!", "丙丁镇跟进;", "戊己乡"]),
    (" \n \n", []),
])
def test_sentences_raw_article_text(text, expected):
    """The components split an article's text that is not normalised the same way."""
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_sentences_at_finds_the_span_of_every_position():
    text = "甲乙县开展调解。丙丁镇跟进！\n戊己乡推广。"
    spans = sentence_spans(text)
    for pos in range(len(text)):
        s, e = sentence_at(spans, pos)
        assert s <= pos and (pos < e or text[pos] == "\n"), (pos, s, e)
