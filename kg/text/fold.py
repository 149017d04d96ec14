"""Stage 2a — fold a page's characters and split it into stripped lines.

Each character is folded one for one (:func:`kg.text.chars.fold_char`: full-width →
half-width, ``「」`` → ``“”``, traditional → simplified, zero-width and control
characters dropped, ``\\r\\n`` and ``\\r`` → one line break mapped to the ``\\r``). The
page is then cut into lines, each stripped of surrounding spaces and of a Markdown
heading mark (``# ``, ``> ``), with the blank lines around it counted: the cues that
:mod:`kg.text.layout` joins into paragraphs. YAML front matter (crawler metadata,
:mod:`kg.text.meta`) is not page text and is skipped.

Every kept character carries its source index, so the normalised text maps back to the
source exactly (:class:`kg.text.offsets.OffsetMap`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text.chars import fold_char
from kg.text.meta import FRONT_MATTER_RE

__all__ = ["Chars", "Line", "fold_lines", "fold_lines_slow"]

Chars = list[tuple[str, int]]  # (folded character, source index)

_MD_HEAD_RE = re.compile(r"^(#{1,6}|>)(?=\s|$)")


@dataclass(slots=True)
class Line:
    """One non-blank line of the page, folded, with the layout cues around it."""

    chars: Chars        # stripped, heading marks removed
    newline: int        # source index of the line break after it (or source length)
    gap_before: int     # blank lines before it
    gap_after: int = 0
    md: int = 0         # Markdown heading level (1–6), 7 for a quote mark, 0 for none

    text: str = ""      # the folded characters as a string
    length: int = 0     # non-space characters

    def __post_init__(self) -> None:
        if not self.text:
            self.text = "".join([c for c, _ in self.chars])
        self.length = len(self.text) - self.text.count(" ")


def _md_level(mark: str) -> int:
    """Level of a Markdown mark: ``#``…``######`` → 1…6, a quote ``>`` → 7 (below every heading)."""
    return 7 if mark == ">" else len(mark)


def _fold_table(text: str) -> dict[int, str]:
    """``str.translate`` table folding every distinct character of ``text``."""
    return {ord(c): fold_char(c) for c in set(text)}


def fold_lines(source: str) -> list[Line]:
    """Fold and split into stripped lines; linear, mostly in C.

    The text is folded with one ``str.translate`` over a table of its distinct
    characters; when no character is dropped by folding and no ``\\r\\n`` pair occurs
    (the usual case), the folded text is as long as the source and positions carry over
    unchanged, so each line's ``(char, source index)`` pairs come from ``zip``. Otherwise
    the character-by-character loop (:func:`fold_lines_slow`) keeps the map exact.

    Examples
    --------
    >>> [(ln.text, ln.gap_before, ln.md) for ln in fold_lines("## 标题\\n\\n正文 ")]
    [('标题', 0, 2), ('正文', 1, 0)]
    """
    front = FRONT_MATTER_RE.match(source)
    i0 = front.end() if front else 0   # YAML front matter (crawler metadata) is not text
    table = _fold_table(source[i0:] if i0 else source)
    if "\r\n" in source or any(v == "" for v in table.values()):
        return fold_lines_slow(source)
    folded = (source[i0:] if i0 else source).translate(table)
    lines: list[Line] = []
    blanks = 0
    pos = i0
    for raw in folded.split("\n"):
        start, end = pos, pos + len(raw)   # source span of the line; end is its line break
        pos = end + 1
        text = raw.lstrip(" ")
        a = end - len(text)
        md = 0
        m = _MD_HEAD_RE.match(text[:7])
        if m:
            md = _md_level(m.group(1))
            text = text[m.end():].lstrip(" ")
            a = end - len(text)
        text = text.rstrip(" ")
        if text:
            if lines:
                lines[-1].gap_after = blanks
            chars = list(zip(text, range(a, a + len(text))))
            lines.append(Line(chars, end if end < len(source) else len(source), blanks, md=md, text=text))
            blanks = 0
        else:
            blanks += 1
    if lines:
        lines[-1].gap_after = blanks
    return lines


def fold_lines_slow(source: str) -> list[Line]:
    """:func:`fold_lines` one character at a time: exact where folding drops characters."""
    lines: list[Line] = []
    cur: Chars = []
    blanks = 0
    n = len(source)
    front = FRONT_MATTER_RE.match(source)
    i = front.end() if front else 0   # YAML front matter (crawler metadata) is not text

    def close(newline_at: int) -> None:
        nonlocal cur, blanks
        while cur and cur[0][0] == " ":
            cur.pop(0)
        m = _MD_HEAD_RE.match("".join(c for c, _ in cur[:7]))
        md = _md_level(m.group(1)) if m else 0
        if m:
            cur = cur[m.end():]
            while cur and cur[0][0] == " ":
                cur.pop(0)
        while cur and cur[-1][0] == " ":
            cur.pop()
        if cur:
            if lines:
                lines[-1].gap_after = blanks
            lines.append(Line(cur, newline_at, blanks, md=md))
            blanks = 0
        else:
            blanks += 1
        cur = []

    while i < n:
        ch = source[i]
        f = fold_char(ch)
        if f == "\n":
            close(i)
            if ch == "\r" and i + 1 < n and source[i + 1] == "\n":
                i += 1
        elif f:
            cur.append((f, i))
        i += 1
    close(n)
    if lines:
        lines[-1].gap_after = blanks
    return lines
