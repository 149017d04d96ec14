"""Canonical labels, aliases and keys (doctests run too)."""
from __future__ import annotations

import doctest

import pytest

from kg.link import canonical


def test_canonical_doctests():
    assert doctest.testmod(canonical).failed == 0


@pytest.mark.parametrize("family, label, key", [
    ("scheme", "“草原110”社会治理模式", "scheme:草原110社会治理模式"),
    ("organisation", "克什克腾旗 公安局", "org:克什克腾旗公安局"),
    ("award", "全区双拥模范旗县", "award:全区双拥模范旗县"),
])
def test_canonical_keys(family, label, key):
    assert canonical.entity_key(family, label) == key
