"""Search on the real seeds graph: pinyin finds the county, offsets point into the source file."""
from __future__ import annotations

import pytest

from kg.io.decode import read_source
from kg.search import open_index


@pytest.fixture(scope="module")
def seeds_index(seeds_graph):
    with open_index(seeds_graph) as idx:
        yield idx


@pytest.mark.parametrize("text", ["wulatehouqi", "Wulate Houqi", "乌拉特后旗", "WULATEHOUQI"])
def test_seeds_county_first(seeds_index, text):
    first = next(h for h in seeds_index.find(text) if h.kind == "entity")
    assert (first.label, first.type) == ("乌拉特后旗", "County")


@pytest.mark.parametrize("text", ["一村一警", "综治", "枫桥经验", "旗"])
def test_seeds_sentence_offsets_point_into_source(seeds_index, seeds_dir, text):
    hits = [h for h in seeds_index.find(text) if h.kind == "sentence"]
    assert hits
    for h in hits:
        raw = read_source(seeds_dir / h.file).text[h.start:h.end]
        assert text in "".join(raw.split()), (h.file, h.start, raw)
