"""Stage 2c — tidy one paragraph's characters: OCR spaces, ASCII punctuation, quotes.

* **OCR spaces**: whitespace next to a CJK character is deleted (``乌拉 特后旗`` →
  ``乌拉特后旗``, ``2024 年`` → ``2024年``); whitespace between two ASCII words or numbers
  is kept as one space (``COVID 19``). In a standalone heading, one space between two
  runs of four or more characters is kept: it separates the two halves of a headline
  (``创新警务模式 深耕基层治理``).
* **Punctuation**: ASCII ``, ; : ? ! ( )`` next to a CJK character → ``，；：？！（）``.
* **Quotes**: straight ``"`` / ``'`` → curly, alternating open/close within the paragraph.

Each step only deletes or replaces characters, never inserts, so every character keeps
its source index (:class:`kg.text.offsets.OffsetMap`).
"""
from __future__ import annotations

import re

from kg.text.chars import is_cjk, is_word_char
from kg.text.fold import Chars

__all__ = ["squeeze_spaces", "fullwidth_punct", "pair_quotes", "ASCII_PUNCT_RE", "HEAD_RUN"]

#: Shortest run on each side of a space kept inside a heading.
HEAD_RUN = 4

_SPACE_RUN = re.compile(" +")
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
#: An ASCII mark that :func:`fullwidth_punct` may turn full-width.
ASCII_PUNCT_RE = re.compile("[" + re.escape("".join(_ASCII_TO_FULL)) + "]")


def squeeze_spaces(chars: Chars, keep_head_spaces: bool, keep_all: bool = False,
                   text: str | None = None) -> Chars:
    """Delete OCR spaces next to CJK; keep one space between ASCII words.

    ``keep_all`` (bylines: ``记者 张三 通讯员 李四``) keeps one space for every run.
    ``text`` is ``chars``' characters as a string, if the caller has it: runs of spaces
    are found in it with a regex and the pieces between them copied as slices.

    >>> "".join(c for c, _ in squeeze_spaces(list(zip("松山 区 COVID  19", range(15))), False))
    '松山区COVID 19'
    """
    if text is None:
        text = "".join([c for c, _ in chars])
    n = len(text)
    out: Chars = []
    prev = 0
    for m in _SPACE_RUN.finditer(text):
        i, j = m.span()
        out.extend(chars[prev:i])
        prev = j
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
        if keep:
            out.append((" ", chars[i][1]))
    out.extend(chars[prev:])
    return out


def fullwidth_punct(chars: Chars, text: str | None = None) -> Chars:
    """ASCII ``,;:?!()`` next to a CJK character → the full-width form.

    Left to right, so a mark converted just before counts as CJK for the next one
    (``(,`` → ``（，``). ``text`` is ``chars``' characters as a string, if known.
    """
    if text is None:
        text = "".join([c for c, _ in chars])
    cs = list(text)
    out = list(chars)
    n = len(out)
    for m in ASCII_PUNCT_RE.finditer(text):
        k = m.start()
        left = cs[k - 1] if k else ""
        right = cs[k + 1] if k + 1 < n else ""
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            cs[k] = _ASCII_TO_FULL[cs[k]]
            out[k] = (cs[k], out[k][1])
    return out


def pair_quotes(chars: Chars) -> Chars:
    """Straight quotes → curly, alternating open/close within the paragraph."""
    out = list(chars)
    n = len(out)
    for straight, (open_q, close_q) in (('"', "“”"), ("'", "‘’")):
        is_open = True
        for k, (c, s) in enumerate(out):
            if c != straight:
                continue
            # an apostrophe between ASCII letters (it's, l'eau) stays
            if straight == "'" and 0 < k < n - 1 and out[k - 1][0].isascii() and out[k - 1][0].isalpha() \
                    and out[k + 1][0].isascii() and out[k + 1][0].isalpha():
                continue
            out[k] = (open_q if is_open else close_q, s)
            is_open = not is_open
    return out
