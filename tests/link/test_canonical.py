"""Canonical labels, aliases and keys (doctests run too)."""
from __future__ import annotations

import doctest

import pytest

from kg import context
from kg.link import canonical
from kg.text.names import canonical_label


@pytest.mark.parametrize("module", [canonical, context])
def test_canonical_doctests(module):
    assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize("family, label, key", [
    ("scheme", "“草原110”社会治理模式", "scheme:草原110社会治理模式"),
    ("organisation", "克什克腾旗 公安局", "org:克什克腾旗公安局"),
    ("award", "全区双拥模范旗县", "award:全区双拥模范旗县"),
])
def test_canonical_keys(family, label, key):
    assert canonical.entity_key(family, label) == key


@pytest.mark.parametrize("label, expected", [
    ("“1名网格员（专职）+N名志愿者”行动", "“1名网格员(专职)+N名志愿者”行动"),  # mixed → half-width
    ("“1名网格员（专职）”行动", "“1名网格员（专职）”行动"),                      # no symbol: as written
    ("“2+5”工作法", "“2+5”工作法"),
    ("“网格员，志愿者”行动", "“网格员，志愿者”行动"),
])
def test_canonical_label_has_one_width(label, expected):
    assert canonical_label(label) == expected
    assert canonical.entity_key("scheme", label) == canonical.entity_key("scheme", expected)


def test_extracted_label_folded_from_full_width_has_one_width():
    """A name written all full-width (（）＋) is folded to one width, key and label alike."""
    from kg.extract import extract_text

    rec = extract_text("海东市某区推行“1名网格员（专职）＋N名志愿者”行动，效果明显。\n", "p.txt")
    scheme = next(e for e in rec.entities if e.cls in ("Programme", "Initiative"))
    assert scheme.label == "“1名网格员(专职)+N名志愿者”行动"
    assert scheme.key == "scheme:1名网格员(专职)+N名志愿者行动"
