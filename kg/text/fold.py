"""Stage 2a — fold a page's characters and split it into stripped lines.

Each character is folded one for one (:func:`kg.text.chars.fold_char`: full-width →
half-width, ``「」`` → ``“”``, traditional → simplified, zero-width and control
characters dropped, ``\\r\\n`` and ``\\r`` → one line break mapped to the ``\\r``). The
page is then cut into lines, each stripped of surrounding spaces and of a Markdown
heading mark (``# ``, ``> ``), with the blank lines around it counted: the cues that
:mod:`kg.text.layout` joins into paragraphs. YAML front matter (crawler metadata,
:mod:`kg.text.meta`) is not page text and is skipped.

Every line keeps the source index of its characters as runs
(:data:`kg.text.offsets.Runs`: one pair after each dropped character, not one per
character), so the normalised text maps back to the source exactly
(:class:`kg.text.offsets.OffsetMap`) and a page of many megabytes costs a few bytes a
character here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text.chars import fold_char
from kg.text.meta import FRONT_MATTER_RE
from kg.text.offsets import Runs

__all__ = ["Line", "fold_lines"]

_MD_HEAD_RE = re.compile(r"^(#{1,6}|>)(?=\s|$)")

#: Stands in, while a page is folded, for a character folding drops; folding drops every
#: control character, so it never stands for a kept one.
_DROPPED = "\x00"
_DROPPED_RUN = re.compile(_DROPPED + "+")


@dataclass(slots=True)
class Line:
    """One non-blank line of the page, folded, with the layout cues around it."""

    text: str           # folded characters, stripped, heading marks removed
    runs: Runs          # source indices of ``text``'s characters
    newline: int        # source index of the line break after it (or source length)
    gap_before: int     # blank lines before it
    gap_after: int = 0
    md: int = 0         # Markdown heading level (1–6), 7 for a quote mark, 0 for none
    length: int = 0     # non-space characters

    def __post_init__(self) -> None:
        self.length = len(self.text) - self.text.count(" ")


def _md_level(mark: str) -> int:
    """Level of a Markdown mark: ``#``…``######`` → 1…6, a quote ``>`` → 7 (below every heading)."""
    return 7 if mark == ">" else len(mark)


def _fold_table(text: str) -> dict[int, str]:
    """``str.translate`` table folding every distinct character of ``text`` (dropped ones
    to a stand-in, so positions carry over)."""
    return {ord(c): fold_char(c) or _DROPPED for c in set(text)}


def _kept(raw: str, start: int) -> tuple[str, Runs]:
    """``raw`` (folded, from source index ``start``) without its dropped characters, and its runs."""
    if _DROPPED not in raw:
        return raw, Runs(start, len(raw))
    parts, runs, prev = [], Runs(), 0
    for m in _DROPPED_RUN.finditer(raw):
        parts.append(raw[prev:m.start()])
        runs.add(Runs(start + prev, m.start() - prev))
        prev = m.end()
    parts.append(raw[prev:])
    runs.add(Runs(start + prev, len(raw) - prev))
    return "".join(parts), runs


def _split_lines(text: str):
    """``text.split("\\n")``, one line at a time (no list of every line of a large page)."""
    a = 0
    while (b := text.find("\n", a)) >= 0:
        yield text[a:b]
        a = b + 1
    yield text[a:]


def fold_lines(source: str) -> list[Line]:
    """Fold and split into stripped lines; linear, mostly in C.

    The text is folded with one ``str.translate`` over a table of its distinct
    characters, a dropped character (and the ``\\n`` of a ``\\r\\n`` pair) becoming a
    stand-in, so the folded text is as long as the source and positions carry over; the
    stand-ins are taken out line by line, leaving a run boundary where they were.

    Examples
    --------
    >>> [(ln.text, ln.gap_before, ln.md) for ln in fold_lines("## 标题\\n\\n正文 ")]
    [('标题', 0, 2), ('正文', 1, 0)]
    >>> [(ln.text, ln.runs.pairs()) for ln in fold_lines("甲\\u200b乙\\r\\n丙")]
    [('甲乙', [(0, 0), (1, 2)]), ('丙', [(0, 5)])]
    """
    front = FRONT_MATTER_RE.match(source)
    i0 = front.end() if front else 0   # YAML front matter (crawler metadata) is not text
    body = source[i0:] if i0 else source
    if "\r\n" in body:
        body = body.replace("\r\n", "\r" + _DROPPED)
    folded = body.translate(_fold_table(body))
    del body
    lines: list[Line] = []
    blanks = 0
    pos = i0
    for raw in _split_lines(folded):
        start, end = pos, pos + len(raw)   # source span of the line; end is its line break
        pos = end + 1
        text, runs = _kept(raw, start)
        lead = len(text) - len(text.lstrip(" "))
        text = text[lead:]
        m = _MD_HEAD_RE.match(text[:7])
        md = 0
        if m:
            md = _md_level(m.group(1))
            more = len(text) - len(text[m.end():].lstrip(" "))
            text = text[more:]
            lead += more
        text = text.rstrip(" ")
        if text:
            if lines:
                lines[-1].gap_after = blanks
            lines.append(Line(text, runs.cut(lead, lead + len(text)),
                              end if end < len(source) else len(source), blanks, md=md))
            blanks = 0
        else:
            blanks += 1
    if lines:
        lines[-1].gap_after = blanks
    return lines
