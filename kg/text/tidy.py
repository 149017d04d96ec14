"""Stage 2c — tidy one paragraph's characters: OCR spaces, ASCII punctuation, quotes.

* **OCR spaces**: whitespace next to a CJK character is deleted (``乌拉 特后旗`` →
  ``乌拉特后旗``, ``2024 年`` → ``2024年``); whitespace between two ASCII words or numbers
  is kept as one space (``COVID 19``). In a standalone heading, one space between two
  runs of four or more characters is kept: it separates the two halves of a headline
  (``创新警务模式 深耕基层治理``).
* **Punctuation**: ASCII ``, ; : ? ! ( )`` next to a CJK character → ``，；：？！（）``.
* **Quotes**: straight ``"`` / ``'`` → curly, alternating open/close within the paragraph.

Each step only deletes or replaces characters, never inserts, so every character keeps
its source index (:class:`kg.text.offsets.OffsetMap`). The steps work on the paragraph's
string (with its runs where characters are deleted), never on a list of characters, so
a paragraph of millions of characters — a page that is one line — costs a few bytes a
character.
"""
from __future__ import annotations

import re

from kg.text.chars import is_cjk, is_word_char
from kg.text.offsets import Runs

__all__ = ["squeeze_spaces", "fullwidth_punct", "pair_quotes", "ASCII_PUNCT_RE", "HEAD_RUN"]

#: Shortest run on each side of a space kept inside a heading.
HEAD_RUN = 4

_SPACE_RUN = re.compile(" +")
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
#: An ASCII mark that :func:`fullwidth_punct` may turn full-width.
ASCII_PUNCT_RE = re.compile("[" + re.escape("".join(_ASCII_TO_FULL)) + "]")
_QUOTE_RE = {'"': re.compile('"'), "'": re.compile("'")}


def _replace(text: str, changes: dict[int, str]) -> str:
    """``text`` with the characters at the positions of ``changes`` replaced (one for one)."""
    if not changes:
        return text
    parts, prev = [], 0
    for k in sorted(changes):
        parts += [text[prev:k], changes[k]]
        prev = k + 1
    parts.append(text[prev:])
    return "".join(parts)


def squeeze_spaces(text: str, runs: Runs, keep_head_spaces: bool, keep_all: bool = False) -> tuple[str, Runs]:
    """Delete OCR spaces next to CJK; keep one space between ASCII words.

    ``keep_all`` (bylines: ``记者 张三 通讯员 李四``) keeps one space for every run.
    ``runs`` are the source indices of ``text``; the result's are cut from them, a kept
    space mapped to the first of its run.

    >>> text, runs = squeeze_spaces("松山 区 COVID  19", Runs(0, 15), False)
    >>> text, runs.pairs()
    ('松山区COVID 19', [(0, 0), (2, 3), (3, 5), (9, 12)])
    """
    n = len(text)
    keep_spans: list[tuple[int, int]] = []
    prev = 0
    for m in _SPACE_RUN.finditer(text):
        i, j = m.span()
        left = text[i - 1] if i else ""
        right = text[j] if j < n else ""
        keep = False
        if left and right:
            if keep_all or is_word_char(left) and is_word_char(right):
                keep = True
            elif keep_head_spaces and not is_word_char(left) and not is_word_char(right):
                run_left = i - (text.rfind(" ", 0, i) + 1)
                nxt = text.find(" ", j)
                run_right = (n if nxt < 0 else nxt) - j
                keep = run_left >= HEAD_RUN and run_right >= HEAD_RUN
            elif not is_cjk(left) and not is_cjk(right):
                keep = True
        keep_spans.append((prev, i + keep))
        prev = j
    if not keep_spans:
        return text, runs
    keep_spans.append((prev, n))
    out_runs = Runs()
    for i, j in keep_spans:
        out_runs.add(runs.cut(i, j))
    return "".join([text[i:j] for i, j in keep_spans]), out_runs


def fullwidth_punct(text: str) -> str:
    """ASCII ``,;:?!()`` next to a CJK character → the full-width form.

    Left to right, so a mark converted just before counts as CJK for the next one
    (``(,`` → ``（，``).

    >>> fullwidth_punct("甲(,1)")
    '甲（，1)'
    """
    n = len(text)
    changes: dict[int, str] = {}
    for m in ASCII_PUNCT_RE.finditer(text):
        k = m.start()
        left = changes.get(k - 1, text[k - 1]) if k else ""
        right = text[k + 1] if k + 1 < n else ""
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            changes[k] = _ASCII_TO_FULL[text[k]]
    return _replace(text, changes)


def pair_quotes(text: str) -> str:
    """Straight quotes → curly, alternating open/close within the paragraph.

    >>> pair_quotes('"甲"与"乙"')
    '“甲”与“乙”'
    """
    n = len(text)
    changes: dict[int, str] = {}
    for straight, (open_q, close_q) in (('"', "“”"), ("'", "‘’")):
        is_open = True
        for m in _QUOTE_RE[straight].finditer(text):
            k = m.start()
            # an apostrophe between ASCII letters (it's, l'eau) stays
            if straight == "'" and 0 < k < n - 1 and text[k - 1].isascii() and text[k - 1].isalpha() \
                    and text[k + 1].isascii() and text[k + 1].isalpha():
                continue
            changes[k] = open_q if is_open else close_q
            is_open = not is_open
    return _replace(text, changes)
