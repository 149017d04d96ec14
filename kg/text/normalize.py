"""Stage 2 — normalise OCR'd page text, keeping a map back to the source.

:func:`normalize` runs three steps, each in a module of its own:

1. **Fold characters and split lines** (:mod:`kg.text.fold`): full-width → half-width,
   ``「」『』`` → ``“”‘’``, traditional → simplified, zero-width and control characters
   dropped; lines stripped, Markdown heading marks (``# ``) removed.
2. **Join lines into paragraphs** (:mod:`kg.text.layout`): a break is kept after a
   sentence end and around headings, bylines, author lines, section numbers and
   captions; a column wrapped mid-sentence, even across blank lines, is joined.
3. **Tidy each paragraph** (:mod:`kg.text.tidy`): OCR spaces next to CJK removed,
   ASCII ``,;:?!()`` next to CJK made full-width, straight quotes paired into curly ones.
   ``•·●`` are kept as they are.

The result is one string where paragraph breaks are a single ``\\n``. Positions map back
through :class:`~kg.text.offsets.OffsetMap`; nothing is ever inserted, so
``source[offsets.to_source(i)]`` is the character that normalised character ``i`` came
from (before folding). Sentences are split by :func:`kg.text.sentences.sentence_spans`.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.text.chars import is_word_char
from kg.text.fold import Line, fold_lines
from kg.text.layout import (BYLINE_RE, drop_interrupting_captions, is_heading_text, is_marker, is_md_heading,
                            paragraph_breaks)
from kg.text.offsets import OffsetMap, Runs
from kg.text.tidy import ASCII_PUNCT_RE, fullwidth_punct, pair_quotes, squeeze_spaces

__all__ = ["NormalizedText", "normalize"]


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text and the map from its positions to the source text."""

    text: str
    offsets: OffsetMap
    #: Start offsets of paragraphs marked as headings in Markdown sources (``# …``,
    #: ``> …``); a layout cue for :func:`kg.text.articles.segment`.
    md_headings: tuple[int, ...] = ()
    #: Markdown level of each of ``md_headings`` (1–6 for ``#``…, 7 for a quote line).
    md_levels: tuple[int, ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span (end exclusive) of the normalised span ``[start, end)``."""
        return self.offsets.span(start, end)


def normalize(source_text: str) -> NormalizedText:
    """Normalise one page of OCR text and map every character back to the source.

    Parameters
    ----------
    source_text
        The decoded source text (:attr:`kg.io.decode.Source.text`), newlines as in the
        file.

    Returns
    -------
    NormalizedText
        Paragraphs separated by a single ``\\n``; ``offsets`` maps each character back.

    Examples
    --------
    >>> nt = normalize("赤峰市松山 区开展\\n“枫叶”行动。\\n\\n通辽市")
    >>> nt.text
    '赤峰市松山区开展“枫叶”行动。\\n通辽市'
    >>> nt.offsets.to_source(5)
    6
    """
    lines = drop_interrupting_captions(fold_lines(source_text))
    if not lines:
        return NormalizedText("", OffsetMap([], len(source_text)))
    breaks = paragraph_breaks(lines) + [True]
    texts: list[str] = []
    offsets = Runs()        # of the normalised text so far
    md_starts: list[int] = []
    md_levels: list[int] = []
    para: list[Line] = []
    for line, brk in zip(lines, breaks):
        para.append(line)
        if not brk:
            continue
        text, para_runs = _paragraph(para)
        single = len(para) == 1
        byline = single and is_marker(text) and BYLINE_RE.search(text) is not None
        head = single and is_heading_text(text)
        md = para[0].md if single and is_md_heading(para[0]) else 0
        # each step only when its characters occur (most paragraphs need none of them)
        if '"' in text or "'" in text:
            text = pair_quotes(text)
        if " " in text:
            text, para_runs = squeeze_spaces(text, para_runs, head, keep_all=byline)
        if ASCII_PUNCT_RE.search(text):
            text = fullwidth_punct(text)
        if text:
            if texts:
                offsets.add(Runs(newline, 1))
            if md:
                md_starts.append(offsets.length)
                md_levels.append(md)
            texts.append(text)
            offsets.add(para_runs)
            newline = line.newline
        para = []
    del lines
    return NormalizedText("\n".join(texts), OffsetMap(offsets, len(source_text)),
                          tuple(md_starts), tuple(md_levels))


def _paragraph(lines: list[Line]) -> tuple[str, Runs]:
    """The lines of one paragraph joined, and its runs.

    A line break between two ASCII words or numbers becomes a space (mapped to the line
    break); any other is deleted.
    """
    if len(lines) == 1:
        return lines[0].text, lines[0].runs
    parts: list[str] = []
    runs = Runs()
    prev: Line | None = None
    for line in lines:
        if prev is not None and is_word_char(prev.text[-1]) and is_word_char(line.text[0]):
            parts.append(" ")
            runs.add(Runs(prev.newline, 1))
        parts.append(line.text)
        runs.add(line.runs)
        prev = line
    return "".join(parts), runs
