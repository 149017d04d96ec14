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
])
def test_page_merge_positive(labels, expected):
    from kg.nlp.records import _page_merge

    assert _page_merge(_ents(*labels)) == expected


@pytest.mark.parametrize("labels", [
    ("禁毒大队", "开鲁县公安局禁毒大队"),          # a bare unit: another body's unit may share its name
    ("开鲁县禁毒大队", "通辽市公安局开鲁县禁毒大队"),  # the front holds a body: a unit of it, not the same
    ("公安局", "开鲁县公安局"),                  # a bare head is no name
    ("开鲁县公安局", "会宁县公安局"),              # different places
])
def test_page_merge_negative(labels):
    from kg.nlp.records import _page_merge

    assert _page_merge(_ents(*labels)) == {}
