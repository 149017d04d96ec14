"""adaptedFrom: a learning verb governing place + scheme in one clause (crafted sentences).

Places are in no gold or corpus file. The article's subject is 科尔沁左翼中旗 (通辽市).
"""
from __future__ import annotations

import pytest

from kg.link.canonical import key_of

_SUBJECT = "科尔沁左翼中旗"


def _adapted(doc):
    labels = {m.ref: m.label for m in doc._.kg_mentions}
    return sorted((labels.get(r.subject, key_of(r.subject)), labels.get(r.object, key_of(r.object)))
                  for r in doc._.kg_relations if r.predicate == "adaptedFrom")


@pytest.mark.parametrize("text, expected", [
    # a stem of a county elsewhere in the country, right after the verb
    ("借鉴会宁“网格连心”治理经验。", [("“网格连心”治理经验", "会宁县")]),
    # 了 after the verb, 的 between place and scheme
    ("学习借鉴了会宁县的“三联三访”工作法。", [("“三联三访”工作法", "会宁县")]),
    # a short modifier between place and scheme; the next scheme is not learned
    ("充分学习借鉴 会宁县矛盾化解“三访”工作法，助推“千里连心”模式。", [("“三访”工作法", "会宁县")]),
    ("复制甘肃省会宁县“三联三访”模式。", [("“三联三访”模式", "会宁县")]),
    ("移植会宁县“红色网格”机制。", [("“红色网格”机制", "会宁县")]),
])
def test_adapted_from_positive(analyse, text, expected):
    assert _adapted(analyse(text, _SUBJECT)) == expected


@pytest.mark.parametrize("text", [
    "通辽市推广科尔沁左翼中旗“草原110”模式。",            # 推广 spreads out; no learning
    "认真学习贯彻精神，会宁县“网格连心”工作法成效明显。",  # the verb is in another clause
    "借鉴科尔沁左翼中旗“马背普法”工作法。",              # the article's own place
    "学习通辽市“红色网格”机制。",                         # the article's parent place
    "学习通辽市公安局“红色网格”机制。",                   # a place inside a body's name
    "党纪学习教育中，会宁县推出“三联”机制。",              # the verb governs no place
    "学习会宁县经验，推出“三联”机制。",                   # place and scheme in two clauses
])
def test_adapted_from_negative(analyse, text):
    assert _adapted(analyse(text, _SUBJECT)) == []


def test_learned_place_is_not_where_the_scheme_runs(analyse):
    doc = analyse("学习借鉴会宁县矛盾化解“三访”工作法，助推“千里连心”模式提档升级。", _SUBJECT)
    labels = {m.ref: m.label for m in doc._.kg_mentions}
    where = {labels.get(r.subject): labels.get(r.object) for r in doc._.kg_relations
             if r.predicate == "implementedIn"}
    assert where.get("“千里连心”模式") != "会宁县"
