"""Bounded pieces of an oversized article, and the record put back together afterwards.

Why: the pipeline's cost per article grows faster than its length (components compare
mentions with the mentions and sentences around them), and spaCy refuses a text over
``nlp.max_length`` (E088). A file that is one enormous article — a 1.8M-character line,
a 50 MB dump without headlines — therefore took minutes or failed. Articles longer than
:data:`PIECE_CHARS` are cut into pieces of at most that many characters, at paragraph
breaks, else after a sentence end, else anywhere; each piece runs through the pipeline
as if it were an article of its own, and :func:`merge_pieces` folds the pieces back
into their article in the file's record
(:func:`kg.link.pieces.merge_pieces`). The cost of a file is then linear in its size.

Real articles are far below the limit (the longest in the seeds and the dev corpus is
4,344 characters), so ordinary pages run exactly as before and give the same bytes.
Offsets stay exact: a piece is a span of the normalised page like an article, so
evidence offsets map back to the source through the same offset map.
"""
from __future__ import annotations

__all__ = ["PIECE_CHARS", "split_spans"]

#: Longest text run through the pipeline at once, in characters.
PIECE_CHARS = 20_000

_SENTENCE_ENDS = "。！？!?；;"


def split_spans(text: str, start: int, end: int, limit: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into consecutive spans of at most ``limit`` characters.

    ``limit`` defaults to :data:`PIECE_CHARS` (read at call time).

    A cut falls after the last paragraph break (``\\n``) within reach, else after the last
    sentence end, else at the limit. The spans cover the range exactly, in order.

    Examples
    --------
    >>> split_spans("甲乙。\\n丙丁。\\n戊", 0, 9, limit=4)
    [(0, 4), (4, 8), (8, 9)]
    >>> split_spans("甲乙丙丁戊", 0, 5, limit=2)
    [(0, 2), (2, 4), (4, 5)]
    >>> split_spans("甲乙", 0, 2)
    [(0, 2)]
    """
    limit = limit or PIECE_CHARS
    spans: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        window = text[pos:pos + limit]
        cut = window.rfind("\n") + 1
        if cut <= 0:
            cut = max(window.rfind(ch) for ch in _SENTENCE_ENDS) + 1
        if cut <= 0:
            cut = limit
        spans.append((pos, pos + cut))
        pos += cut
    spans.append((pos, end))
    return spans
