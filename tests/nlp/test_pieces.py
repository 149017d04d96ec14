"""Oversized articles run in bounded pieces (issue 12, item 8).

A one-line file longer than spaCy's ``max_length`` failed with E088, and one enormous
article cost more than linear time. The cost itself is measured by
``bench/long_file.py``; these tests check the behaviour: no failure, one article,
exact offsets, and ordinary pages untouched.
"""
from __future__ import annotations

import doctest
import sys
import unicodedata
from pathlib import Path

import pytest

import kg.text.pieces
from kg.text.pieces import split_spans

ROOT = Path(__file__).resolve().parents[2]


def _folded(text: str) -> str:
    """Without spaces and with widths folded, as normalisation prints a sentence."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def long_line() -> str:
    """Four synthetic pages (invented names) with every line break removed: one paragraph."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synth_pages import synth_page
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return "".join(synth_page(i, seed=11)[1].replace("\n", "") for i in range(4))


@pytest.mark.parametrize(("text", "limit", "spans"), [
    ("甲乙。\n丙丁。\n戊", 4, [(0, 4), (4, 8), (8, 9)]),      # at paragraph breaks
    ("甲乙。丙丁。戊己", 4, [(0, 3), (3, 6), (6, 8)]),         # else after sentence ends
    ("甲乙丙丁戊", 2, [(0, 2), (2, 4), (4, 5)]),               # else anywhere
    ("甲乙丙", 3, [(0, 3)]),                                    # short enough: one piece
])
def test_pieces_split_spans(text, limit, spans):
    got = split_spans(text, 0, len(text), limit)
    assert got == spans
    assert "".join(text[s:e] for s, e in got) == text


def test_pieces_doctests():
    assert doctest.testmod(kg.text.pieces).failed == 0


def test_pieces_line_longer_than_spacy_max_length(long_line, monkeypatch):
    """The E088 failure, at a small scale: max_length lowered below the line's length."""
    from kg.extract import extract_text
    from kg.nlp.pipeline import get_nlp

    monkeypatch.setattr(get_nlp(), "max_length", 30_000)
    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 10_000)
    assert len(long_line) > 40_000
    rec = extract_text(long_line, "long.txt")
    assert len(rec.articles) == 1
    art = rec.articles[0]
    assert art.index == 0 and art.end > len(long_line) - 100
    assert len(rec.entities) > 20 and len(rec.relations) > 10
    assert {i for e in rec.entities for i in e.articles} == {0}
    assert {r.article for r in rec.relations} == {0}
    for r in rec.relations:  # offsets into the source stay exact across pieces
        if r.evidence is not None:
            printed = long_line[r.evidence.start:r.evidence.end]
            assert _folded(printed) == _folded(r.evidence.sentence)


def test_pieces_split_and_unsplit_find_mostly_the_same(long_line, monkeypatch):
    """Cutting at sentence ends loses little: most entities are found either way."""
    from kg.extract import extract_text

    whole = extract_text(long_line, "long.txt")
    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 10_000)
    pieces = extract_text(long_line, "long.txt")
    a, b = {e.key for e in whole.entities}, {e.key for e in pieces.entities}
    assert len(a & b) >= 0.9 * len(a | b)


@pytest.mark.slow
def test_pieces_seeds_graph_is_byte_identical_with_splitting_disabled(seeds_graph, tmp_path, monkeypatch, seeds_dir):
    """Ordinary pages are never cut: the seeds build equals a build that cannot cut."""
    from kg.build import build
    from kg.io.decode import read_source
    from kg.text.articles import segment
    from kg.text.normalize import normalize

    longest = max(a.end - a.start for p in seeds_dir.glob("*.txt")
                  for a in segment(normalize(read_source(p).text)) or [])
    assert longest < kg.text.pieces.PIECE_CHARS / 2
    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 10**12)
    out = tmp_path / "seeds.trig"
    build([seeds_dir], out)  # in this process, so the patched limit applies
    assert out.read_bytes() == seeds_graph.read_bytes()
