"""Relation rules: implementedIn/By, adaptedFrom, locatedIn, subOrganisationOf, partOf."""
from __future__ import annotations

import pytest

from kg.link.canonical import key_of


def _rels(doc, predicate):
    labels = {m.ref: m.label for m in doc._.kg_mentions}
    return sorted((labels.get(r.subject, key_of(r.subject)), labels.get(r.object, key_of(r.object)))
                  for r in doc._.kg_relations if r.predicate == predicate)


@pytest.mark.parametrize("text, predicate, expected", [
    ("该旗推行“草原110”社会治理模式。", "implementedIn", [("“草原110”社会治理模式", "克什克腾旗")]),
    ("克什克腾旗公安局推行“草原110”社会治理模式。", "implementedBy",
     [("“草原110”社会治理模式", "克什克腾旗公安局")]),
    ("借鉴巴林右旗“马背普法”工作法。", "adaptedFrom", [("“马背普法”工作法", "巴林右旗")]),
    ("赤峰市克什克腾旗公安局扎实推进。", "locatedIn", [("克什克腾旗公安局", "克什克腾旗")]),
    ("赤峰市克什克腾旗持续推进平安建设。", "partOf", [("克什克腾旗", "赤峰市")]),
    ("克什克腾旗委政法委牵头推进。", "subOrganisationOf", [("克什克腾旗委政法委", "克什克腾旗委")]),
])
def test_relations_from_sentence(analyse, text, predicate, expected):
    got = _rels(analyse(text, "克什克腾旗"), predicate)
    assert got == expected


def test_relations_unit_of_subject_body(analyse):
    doc = analyse("禁毒大队在学校开展宣传。", "克什克腾旗", "克什克腾旗公安局", "公安局")
    assert ("克什克腾旗公安局禁毒大队", "org:克什克腾旗公安局") in _rels(doc, "subOrganisationOf")


@pytest.mark.parametrize("text, expected", [
    # a station named after a place below the county is a unit of the article's bureau
    ("草滩镇派出所民警走进校园。", [("草滩镇派出所", "org:会宁县公安局")]),
    # named after another county: that county's own bureau, not the article's
    ("靖远县派出所民警走进校园。", []),
])
def test_place_named_unit_of_article_body(analyse, text, expected):
    doc = analyse(text, "会宁县", "会宁县公安局", "公安局")
    assert _rels(doc, "subOrganisationOf") == expected
