"""One long file runs through extraction as a stream of bounded pieces (issue 12, item 8).

Memory and time are measured by ``bench/long_file.py``; these tests check the behaviour
that keeps memory bounded: each piece's doc is released before the next is made, each
piece's context is made when the pipeline reaches it, what the record needs of a piece is
folded in as it comes (never a file's mentions), progress comes during the file,
and the size of the pieces does not change the record of a file whose articles all fit.
"""
from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path

import pytest

import kg.extract
import kg.text.pieces
from kg.link.page import PageLinker
from kg.link.page_fold import PageFold

ROOT = Path(__file__).resolve().parent.parent


def _pages(n: int, seed: int) -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synth_pages import synth_page
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return [synth_page(i, seed=seed)[1] for i in range(n)]


@pytest.fixture(scope="module")
def long_article() -> str:
    """Six synthetic pages (invented names) with every line break removed: one article."""
    return "".join(p.replace("\n", "") for p in _pages(6, 13))


def test_long_file_pieces_stream_through_the_pipeline(long_article, monkeypatch):
    """Docs are released and contexts made piece by piece; progress comes after each piece."""
    made: list[weakref.ref] = []
    alive: list[int] = []
    contexts: list[int] = []
    real_annotate, real_context = kg.extract.annotate, PageLinker.article_context

    def annotate(items):
        for doc in real_annotate(items):
            if not doc._.kg_context.is_title:
                made.append(weakref.ref(doc))
                gc.collect()
                alive.append(sum(r() is not None for r in made))
            yield doc

    def article_context(self, *args, **kwargs):
        contexts.append(1)
        return real_context(self, *args, **kwargs)

    progress: list[tuple[int, int, int]] = []
    totals: set[int] = set()
    monkeypatch.setattr(kg.extract, "annotate", annotate)
    monkeypatch.setattr(PageLinker, "article_context", article_context)
    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 10_000)
    rec = kg.extract.extract_text(long_article, "long.txt",
                                  progress=lambda done, total: (totals.add(total),
                                                                progress.append((done, len(made), len(contexts)))))
    assert len(rec.articles) == 1 and len(made) >= 5
    assert max(alive) <= 2  # the doc in hand (and the pipeline's next), never the file's
    dones = [d for d, _, _ in progress]
    assert len(progress) == len(made) and dones == sorted(dones) and [dones[-1]] == list(totals)
    # the k-th report comes right after the k-th piece, before the next piece's doc or context
    assert all(n_docs == k and n_ctx <= k + 1 for k, (_, n_docs, n_ctx) in enumerate(progress, 1))


def test_long_file_runs_are_folded_into_the_record_as_they_come(long_article, monkeypatch):
    """A piece's mentions and relations are folded in and dropped before the next piece is read."""
    runs: list[weakref.ref] = []
    alive: list[int] = []
    real_annotate, real_add = kg.extract.annotate, PageFold.add

    def annotate(items):
        for doc in real_annotate(items):
            gc.collect()
            alive.append(sum(r() is not None for r in runs))
            yield doc

    def add(self, run):
        runs.append(weakref.ref(run))
        real_add(self, run)

    monkeypatch.setattr(kg.extract, "annotate", annotate)
    monkeypatch.setattr(PageFold, "add", add)
    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 10_000)
    rec = kg.extract.extract_text(long_article, "long.txt")
    assert len(runs) >= 5 and len(rec.entities) > 10 and len(rec.relations) > 10
    assert max(alive) <= 1  # the run just folded, never the file's


def test_long_file_piece_size_does_not_change_a_file_of_short_articles(monkeypatch):
    """Many articles, none longer than either piece size: the same record with 10k or 20k pieces."""
    from kg.text.articles import segment
    from kg.text.normalize import normalize

    text = "\n\n".join(_pages(5, 19))
    assert max(a.end - a.start for a in segment(normalize(text))) < 10_000
    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 10_000)
    small = kg.extract.extract_text(text, "many.txt")
    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 20_000)
    large = kg.extract.extract_text(text, "many.txt")
    assert len(small.articles) >= 5 and len(small.relations) > 10
    assert small == large


def _linker(text: str) -> PageLinker:
    from kg.register.divisions import get_kb
    from kg.nlp.components.gazetteer import register_matches, scan_register
    from kg.text.normalize import normalize

    return PageLinker(get_kb(), normalize(text), register_matches, scan_register)


def test_long_file_register_names_found_piece_by_piece_are_the_page_s(monkeypatch):
    """Scanning a page a piece at a time (cut at paragraph breaks) finds the names one scan of it finds."""
    from kg.nlp.components.gazetteer import register_matches, scan_register

    monkeypatch.setattr(kg.text.pieces, "PIECE_CHARS", 3_000)
    linker = _linker("\n\n".join(_pages(4, 19)))
    text = linker.text
    assert len(kg.text.pieces.split_spans(text, 0, len(text))) >= 8
    whole = scan_register(text, register_matches(text))
    assert len(whole) > 100 and list(linker.scan_within(0, len(text))) == whole
    a, b = 5_000, 9_000  # an article's matches are the page's matches inside it
    assert linker.names_within(a, b) == tuple((s - a, e - a, surf, kinds) for s, e, surf, kinds in register_matches(text)
                                              if s >= a and e <= b)


def test_long_file_headlines_found_in_any_order():
    """A headline is found wherever it is on the page, after or before the previous one; one not on it has no names."""
    from kg.nlp.components.gazetteer import register_matches

    linker = _linker("\n\n".join(_pages(3, 23)))
    named = [ln for ln in linker.text.splitlines() if register_matches(ln)]
    first, last = named[0], named[-1]
    for headline in (last, first, last):
        ctx = linker.headline_context(0, headline)
        assert ctx.register == register_matches(headline) and ctx.register
    assert linker.headline_context(0, first + "。不在本页").register is None
