"""Contextual rules that hold on any page (crafted sentences; names in no gold or corpus file).

- a chain of full division names before a place head (省 + 市 + 县 + X工业园区) gives the
  place's parents, not its label; a stem stays in the label (X工业园区 named after county X).
"""
from __future__ import annotations

import pytest

from tests.nlp.doc_views import _places, _rels


@pytest.mark.parametrize("text, label, parent", [
    ("在甘肃省酒泉市肃州区红柳工业园区，企业正忙着生产。", "红柳工业园区", "肃州区"),
    ("酒泉市肃州区红柳工业园区新建厂房。", "红柳工业园区", "肃州区"),
    ("肃州工业园区新建厂房。", "肃州工业园区", None),
])
def test_place_label_drops_full_parent_chain(analyse, text, label, parent):
    doc = analyse(text, "肃州区")
    places = _places(doc)
    assert label in places
    assert not [p for p in places if p.endswith(label) and p != label]
    if parent:
        assert (label, parent) in _rels(doc, "partOf")
