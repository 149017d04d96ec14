"""The record of a file whose oversized articles ran as pieces, put back together.

An article longer than :data:`kg.text.pieces.PIECE_CHARS` runs through the pipeline as
several pieces (:func:`kg.text.pieces.split_spans`); the page linker sees one run per
piece, and :func:`merge_pieces` folds them back into their article.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from kg.records import Article, FileRecord

__all__ = ["merge_pieces"]


def merge_pieces(record: FileRecord, owner: Mapping[int, int]) -> FileRecord:
    """Fold the pieces of split articles back into their articles.

    Parameters
    ----------
    record
        The record built with one run per piece; run ``i`` was a piece of article
        ``owner[i]``.
    owner
        Piece index → article index.

    Returns
    -------
    FileRecord
        One :class:`~kg.records.Article` per article (its span the union of its pieces,
        headline data and subject from the first piece), entity and relation article
        indices mapped to the articles.
    """
    firsts: dict[int, Article] = {}
    ends: dict[int, int] = {}
    for art in sorted(record.articles):
        idx = owner[art.index]
        if idx not in firsts:
            firsts[idx] = art
        ends[idx] = max(ends.get(idx, art.end), art.end)
    articles = tuple(replace(a, index=i, end=ends[i]) for i, a in sorted(firsts.items()))
    entities = tuple(replace(e, articles=tuple(sorted({owner[i] for i in e.articles})))
                     for e in record.entities)
    relations = tuple(sorted(replace(r, article=owner[r.article]) for r in record.relations))
    return replace(record, articles=articles, entities=entities, relations=relations)
