"""Front matter → DocumentMeta: checked values only, and silence on malformed input."""
from __future__ import annotations

import logging

import pytest

from kg.records import DocumentMeta
from kg.text.meta import read_metadata

PAGE = """---
title: "沅陵县推行“溪畔议事”工作法"
date: 2023-03-14
section: "第5版"
section_name: "法治"
author: "  张  某 "
keywords: [调解, 议事]
source_url: "https://news.example.org/a.html"
---

# 沅陵县推行“溪畔议事”工作法
"""


def test_meta_reads_every_field():
    assert read_metadata(PAGE) == DocumentMeta(
        date="2023-03-14", title="沅陵县推行“溪畔议事”工作法", section="第5版",
        section_name="法治", source_url="https://news.example.org/a.html", author="张 某")


@pytest.mark.parametrize("line, date", [
    ('date: "2024-11-02"', "2024-11-02"),         # quoted: a string, still a date
    ("date: 2024-11-02 08:30:00", "2024-11-02"),  # a timestamp: its day
    ("date: 2024年3月5日", "2024-03-05"),
    ('date: "2024-02-30"', ""),                   # no such day
    ("date: 2024", ""),                           # a year alone is not a date
    ('date: "next spring"', ""),
    ("date:", ""),
])
def test_meta_date_only_when_valid(line, date):
    assert read_metadata(f"---\n{line}\n---\n正文").date == date


@pytest.mark.parametrize("url, kept", [
    ("http://example.org/p?id=1", True),
    ("example.org/p", False),               # not absolute
    ("ftp://example.org/p", False),         # not http(s)
    ("https://exa mple.org/p", False),      # a space cannot be in an IRI
    ('https://example.org/"x"', False),
    ("https:///nohost", False),
])
def test_meta_source_url_only_http_iri(url, kept):
    got = read_metadata(f'---\nsource_url: "{url}"\n---\n').source_url
    assert got == (url if kept else "")


@pytest.mark.parametrize("text", [
    "---\ntitle: [unclosed\ndate: 2023-03-14\n---\n正文",   # YAML syntax error
    "---\ndate: 2024-13-45\n---\n正文",                      # YAML refuses the date itself
    "---\n- a list\n- not a mapping\n---\n正文",
    "---\njust words\n---\n正文",
    "---\ndate: 2023-03-14\n正文 without a closing fence",
    "正文\n---\ndate: 2023-03-14\n---\n",                    # not at the very top
    "2023年1月5日 星期四\n沅陵县新闻",                          # no front matter, no date from text
])
def test_meta_malformed_or_absent_gives_nothing_silently(text, caplog, capsys):
    with caplog.at_level(logging.DEBUG):
        assert read_metadata(text) == DocumentMeta()
    assert not caplog.records
    assert capsys.readouterr() == ("", "")


def test_meta_empty_values_are_empty():
    meta = read_metadata('---\nauthor: ""\ntitle: [1, 2]\nsection: true\n---\n')
    assert (meta.author, meta.title, meta.section) == ("", "", "")


def test_meta_malformed_front_matter_does_not_break_extraction():
    from kg.extract import extract_text

    rec = extract_text("---\ntitle: [unclosed\n---\n湖南省怀化市辰溪县公安局开展“山茶护航”专项行动。", "x.txt")
    assert rec.meta == DocumentMeta()
    assert any(e.label == "辰溪县" for e in rec.entities)   # the text is still read
