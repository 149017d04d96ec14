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
from kg.text.fold import Chars, fold_lines
from kg.text.layout import (BYLINE_RE, drop_interrupting_captions, is_heading_text, is_marker, is_md_heading,
                            paragraph_breaks)
from kg.text.offsets import OffsetMap
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
    # chars, their text, newline, single line?, md heading level (0: none)
    paragraphs: list[tuple[Chars, str, int, bool, int]] = []
    acc: Chars = []
    acc_text: list[str] = []
    count = 0
    for line, brk in zip(lines, breaks):
        if acc and is_word_char(acc[-1][0]) and is_word_char(line.chars[0][0]):
            acc.append((" ", prev_newline))
            acc_text.append(" ")
        acc.extend(line.chars)
        acc_text.append(line.text)
        count += 1
        prev_newline = line.newline
        if brk:
            paragraphs.append((acc, "".join(acc_text), line.newline, count == 1,
                               line.md if count == 1 and is_md_heading(line) else 0))
            acc, acc_text, count = [], [], 0
    out_chars: list[str] = []
    out_idx: list[int] = []
    md_starts: list[int] = []
    md_levels: list[int] = []
    for k, (chars, text, newline, single, md) in enumerate(paragraphs):
        byline = single and is_marker(text) and BYLINE_RE.search(text) is not None
        head = single and is_heading_text(text)
        # each step only when its characters occur (most paragraphs need none of them)
        if '"' in text or "'" in text:
            chars = pair_quotes(chars)
            text = "".join([c for c, _ in chars])
        if " " in text:
            chars = squeeze_spaces(chars, head, keep_all=byline, text=text)
        if ASCII_PUNCT_RE.search(text):
            chars = fullwidth_punct(chars, text if len(text) == len(chars) else None)
        if not chars:
            continue
        if out_chars:
            out_chars.append("\n")
            out_idx.append(prev_para_newline)
        if md:
            md_starts.append(len(out_chars))
            md_levels.append(md)
        cs, idx = zip(*chars)
        out_chars.extend(cs)
        out_idx.extend(idx)
        prev_para_newline = newline
    return NormalizedText("".join(out_chars), OffsetMap(out_idx, len(source_text)), tuple(md_starts),
                          tuple(md_levels))
