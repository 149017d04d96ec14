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
    assert len(pickle.dumps(m)) < 667 * 16 + 200  # array-backed, not a list of ints


def test_offsets_runs_of_a_normalised_page_are_few(seeds_dir):
    """A run per deletion, not an integer per character: a seed page's map is small."""
    from kg.text.normalize import normalize

    page = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    nt = normalize(page)
    assert nt.offsets.runs < len(nt.text) / 10
    # the same map built one index at a time has the same runs
    assert OffsetMap([nt.offsets.to_source(i) for i in range(len(nt.text))], len(page)) == nt.offsets
