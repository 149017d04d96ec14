"""One source text → one :class:`kg.records.FileRecord`: the way of a file through extraction (pure; no I/O).

1. normalise (:mod:`kg.text.normalize`) and cut into articles (:mod:`kg.text.articles`),
   an oversized article into pieces (:mod:`kg.text.pieces`);
2. scan the page once for register names (:mod:`kg.nlp.components.gazetteer`) and
   give them to the page linker (:class:`kg.link.page.PageLinker`), which reads the
   page's province and the places it names in full;
3. run the pipeline (:mod:`kg.nlp.pipeline`, ``nlp.pipe``) on every headline; the
   linker decides what each article is about;
4. run the pipeline on every article (or piece) with that context, one at a time;
5. the linker folds each doc's mentions and relations into the record as it comes
   (:mod:`kg.link.page_fold`: memory does not grow with the number of pieces,
   ``docs/scale.md``), and the pieces are put back into their articles
   (:mod:`kg.link.pieces`).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from kg.register.divisions import get_kb
from kg.link.page import ArticleRun, PageLinker
from kg.link.pieces import merge_pieces
from kg.nlp.components.gazetteer import register_matches, scan_register
from kg.nlp.pipeline import annotate
from kg.records import FileRecord
from kg.text.articles import segment
from kg.text.meta import read_metadata
from kg.text.normalize import normalize
from kg.text.sentences import sentence_spans
from kg.text.pieces import split_spans

__all__ = ["extract_text"]


def extract_text(source_text: str, file_name: str, sha256: str = "",
                 progress: Callable[[int, int], None] | None = None) -> FileRecord:
    """Extract the entities and relations of one source file.

    Parameters
    ----------
    source_text : str
        The decoded source text (offsets in the record point into it).
    file_name : str
        Base name of the source file, kept in the record.
    sha256 : str
        Hash of the raw bytes, kept in the record.
    progress : callable, optional
        ``progress(done, total)`` after each article or piece, in normalised characters.

    Returns
    -------
    FileRecord
        Sorted and deduplicated: equal input gives an equal record; ``meta`` holds what
        the front matter says about the page (:func:`kg.text.meta.read_metadata`).
    """
    nt = normalize(source_text)
    text = nt.text
    linker = PageLinker(get_kb(), nt, register_matches, scan_register)
    articles = segment(nt) or []
    heads = [(art, (getattr(art, "subtitle", ""), art.title)) for art in articles]
    head_docs = iter(annotate((h, linker.headline_context(art.index, h)) for art, hs in heads for h in hs if h))
    pieces, owner = [], {}
    extra = 0
    for art, hs in heads:
        docs = [next(head_docs) if h else None for h in hs]
        place, body = linker.subjects(art.index, art.start, art.end, docs)
        spans = split_spans(text, art.start, art.end)  # one piece unless oversized
        for k, (start, end) in enumerate(spans):
            owner[art.index + extra + k] = art.index
            pieces.append((art, art.index + extra + k, start, end, place, body))
        extra += len(spans) - 1

    def items():  # each piece's context made as the pipeline reaches it, not all up front
        for _, index, start, end, place, body in pieces:
            yield text[start:end], linker.article_context(index, place, body, start, end,
                                                          sentence_spans(text, start, end))

    def runs():  # what the record needs of each doc, folded in as it comes: never a file's docs or mentions
        for (art, index, start, end, place, body), doc in zip(pieces, annotate(items())):
            yield ArticleRun(index, art.title, getattr(art, "subtitle", "") or "", getattr(art, "byline", "") or "",
                             start, end, doc._.kg_mentions or [], doc._.kg_relations or [], doc._.kg_context,
                             [place, body])
            if progress is not None:
                progress(end, len(text))

    record = linker.record(file_name, sha256, source_text, nt, runs())
    if any(piece != index for piece, index in owner.items()):
        record = merge_pieces(record, owner)
    return replace(record, meta=read_metadata(source_text))
