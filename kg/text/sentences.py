"""Sentence spans of Chinese text, and the sentence that holds a position.

One splitter for the page and the components alike: a sentence ends after ``。！？；``
(and ``!?;``) with any further end marks and closing quotes that follow, and at every
line break (a paragraph break in normalised text), but not at punctuation inside
matched quotes or brackets (``推行“一站式。调解”模式。`` is one sentence). A quotation
longer than :data:`MAX_QUOTE` is not protected: OCR may have lost its closing mark and
matched a far one. Spans exclude surrounding spaces and line breaks; empty ones are
dropped.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Sequence

__all__ = ["sentence_spans", "sentence_at", "MAX_QUOTE", "SENTENCE_ENDS"]

_OPEN_CLOSE = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "【": "】", "[": "]"}
SENTENCE_ENDS = frozenset("。！？；!?;")  # characters that end a sentence
_CUT_RE = re.compile("[\n" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]")
#: What a sentence end takes with it: more end marks and closing quotes/brackets.
_END_RUN_RE = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDS)) + "”’）)」") + "]*")
#: A quotation longer than this is not protected from sentence splitting.
MAX_QUOTE = 200
_QUOTE_OR_BREAK = re.compile("[\n" + re.escape("".join(_OPEN_CLOSE) + "".join(_OPEN_CLOSE.values())) + "]")
_AFTER_ALL = float("inf")  # sorts after any end offset: (pos, inf) follows every (pos, e)


#: Texts longer than this (pages) are cached apart from short ones (headlines).
_SHORT = 1_000


def _protected(text: str) -> bytes:
    """Mark positions inside matched quotes/brackets within each paragraph.

    Cached: :func:`sentence_spans` is called once per article on the same page text. A
    page and the short texts read between its articles (headlines split on their own)
    are cached apart: the headlines evicted the page, and marking the whole page again
    for each article made a file of many articles quadratic.
    """
    return (_protected_long if len(text) > _SHORT else _protected_short)(text)


def _mark_protected(text: str) -> bytes:
    inside = bytearray(len(text))
    closers = {v: k for k, v in _OPEN_CLOSE.items()}
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_OR_BREAK.finditer(text):  # only these characters matter
        i, ch = m.start(), m.group()
        if ch == "\n":
            stack.clear()
        elif ch in _OPEN_CLOSE:
            stack.append((ch, i))
        elif ch in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == closers[ch]:
                    start = stack[depth][1]
                    if i - start <= MAX_QUOTE and i > start + 1:
                        inside[start + 1:i] = b"\x01" * (i - start - 1)
                    del stack[depth:]
                    break
    return bytes(inside)


_protected_long = lru_cache(maxsize=2)(_mark_protected)
_protected_short = lru_cache(maxsize=2)(_mark_protected)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (offsets in ``text``, end exclusive) within ``[start, end)``.

    Parameters
    ----------
    text : str
        Normalised page or article text (:func:`kg.text.normalize.normalize`).
    start, end : int, optional
        The window to split (an article of the page); the whole text by default.

    Returns
    -------
    list of (int, int)
        Sorted, non-overlapping, non-empty spans.

    Examples
    --------
    >>> text = "通辽市推行“一站式。调解”模式。赤峰市跟进！\\n锡林郭勒盟"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['通辽市推行“一站式。调解”模式。', '赤峰市跟进！', '锡林郭勒盟']
    """
    end = len(text) if end is None else end
    inside = _protected(text)
    spans: list[tuple[int, int]] = []
    s = start
    i = start
    while i < end:
        m = _CUT_RE.search(text, i, end)
        if m is None:
            break
        p = m.start()
        if text[p] == "\n":
            spans.append((s, p))
            s = i = p + 1
        elif inside[p]:
            i = p + 1
        else:
            j = _END_RUN_RE.match(text, p + 1, end).end()
            spans.append((s, j))
            s = i = j
    spans.append((s, end))
    result = []
    for a, b in spans:
        while a < b and text[a] in " \n":
            a += 1
        while b > a and text[b - 1] in " \n":
            b -= 1
        if a < b:
            result.append((a, b))
    return result


def sentence_at(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The span in ``spans`` that holds ``pos`` (or the nearest before it).

    ``spans`` are sorted and do not overlap (as :func:`sentence_spans` gives them), so a
    binary search finds the last span starting at or before ``pos``: it holds ``pos`` if
    any span does. ``(0, 0)`` when every span starts after ``pos``.

    Examples
    --------
    >>> spans = [(0, 5), (6, 9), (12, 20)]
    >>> sentence_at(spans, 7), sentence_at(spans, 10), sentence_at(spans, 12), sentence_at([(3, 4)], 1)
    ((6, 9), (6, 9), (12, 20), (0, 0))
    """
    k = bisect_right(spans, (pos, _AFTER_ALL))
    if not k:
        return (0, 0)
    s, e = spans[k - 1]
    return s, e
