"""locatedIn: a stated location and the township a grassroots unit is named after.

Crafted pages; names appear in no gold or corpus file (register names only).
"""
from __future__ import annotations


def _located(text):
    from kg.extract import extract_text

    rec = extract_text(text, "x.txt")
    return sorted((r.subject, r.object) for r in rec.relations if r.predicate == "locatedIn")


def test_stated_location_beats_the_place_in_the_name():
    """位于P的<body>: the body sits in P, not in the province its name opens with; units follow."""
    got = _located("青海女子强制隔离戒毒所组织培训\n\n青海女子强制隔离戒毒所组织培训。"
                   "位于西宁市的青海女子强制隔离戒毒所，是一所监管场所。青海女子强制隔离戒毒所医院开展义诊。")
    assert got == [("org:青海女子强制隔离戒毒所", "division:630100000000"),
                   ("org:青海女子强制隔离戒毒所医院", "division:630100000000")]


def test_grassroots_unit_sits_in_the_township_it_is_named_after():
    """X派出所 on a page naming X镇 in full: the station serves that township."""
    got = _located("会宁县开展反诈宣传\n\n老人家住会宁县草滩镇。会宁县公安局草滩派出所民警赶到。")
    assert ("org:会宁县公安局草滩派出所", "division:620422122000") in got


_COMPANY_PAGE = ("城北区推进食品安全\n\n在青海省西宁市城北区，高原红食品有限公司员工正忙着生产。"
                 "检查后，公司召回问题产品，落实“双检双控”机制。某食品公司也来参观。")


def test_scene_setting_place_locates_the_subject_body():
    """在…P，<body>…: the body opening the clause after a locative phrase sits in P."""
    page = _COMPANY_PAGE.replace("城北区推进", "湟源县推进")  # the article is about another county
    assert ("org:高原红食品有限公司", "division:630105000000") in _located(page)


def test_bare_company_refers_back_and_runs_the_scheme():
    """公司 opening a clause is the company named before; 某食品公司 (a kind) is no body."""
    from kg.extract import extract_text

    rec = extract_text(_COMPANY_PAGE, "x.txt")
    assert [e.label for e in rec.entities if e.cls == "Organisation"] == ["高原红食品有限公司"]
    assert [(r.subject, r.object) for r in rec.relations if r.predicate == "implementedBy"] == \
        [("scheme:双检双控机制", "org:高原红食品有限公司")]
