"""OffsetMap: index mapping, spans, pickling."""
from __future__ import annotations

import pickle

import pytest

from kg.text.offsets import OffsetMap


@pytest.mark.parametrize(("i", "expected"), [(0, 0), (1, 2), (2, 5), (3, 7)])
def test_offsets_to_source(i, expected):
    assert OffsetMap([0, 2, 5], source_length=7).to_source(i) == expected


@pytest.mark.parametrize(("span", "expected"), [
    ((0, 3), (0, 6)),   # end is one past the last character's source index
    ((1, 2), (2, 3)),
    ((2, 2), (5, 5)),   # empty span
    ((3, 3), (7, 7)),
])
def test_offsets_span(span, expected):
    assert OffsetMap([0, 2, 5], source_length=7).span(*span) == expected


@pytest.mark.parametrize("bad", [-1, 4])
def test_offsets_out_of_range(bad):
    with pytest.raises(IndexError):
        OffsetMap([0, 2, 5], source_length=7).to_source(bad)


def test_offsets_pickle_roundtrip():
    m = OffsetMap(range(0, 2000, 3), source_length=2001)
    assert pickle.loads(pickle.dumps(m)) == m
    assert len(pickle.dumps(m)) < 2000 * 3  # array-backed, not a list of ints
