"""Stage 2 — normalise OCR'd page text, keeping a map back to the source.

What :func:`normalize` does, in order
-------------------------------------
1. **Fold characters** one for one (:func:`kg.text.chars.fold_char`): full-width
   letters, digits and symbols → half-width; ``「」『』`` → ``“”‘’``; traditional →
   simplified; zero-width and control characters dropped; ``\\r\\n`` and ``\\r`` → one
   line break (mapped to the ``\\r``).
2. **Split into lines**, strip each line and drop Markdown heading marks (``# ``).
3. **Join lines into paragraphs.** A line break is kept (as a paragraph break) after a
   line ending a sentence (``。！？；``), around headings (short lines with no clause
   punctuation), bylines (``本报记者●…``), author lines (``（…）``) and section numbers.
   Every other break — a column wrapped mid-sentence, even across blank lines
   (``依托3辆“爱民普法直通\\n\\n车”``) — is removed. A line is "short" against the
   median length of the lines around it, so narrow newspaper columns (≈17 characters)
   and one-line-per-paragraph pages are handled alike.
4. **Remove OCR spaces**: whitespace next to a CJK character is deleted
   (``乌拉 特后旗`` → ``乌拉特后旗``, ``2024 年`` → ``2024年``,
   ``24小时 互联网`` → ``24小时互联网``); whitespace between two ASCII words or numbers is
   kept as one space (``COVID 19``). In a standalone heading line, one space between two
   runs of four or more characters is kept: it separates the two halves of a headline
   (``创新警务模式 深耕基层治理``).
5. **Unify punctuation**: ASCII ``, ; : ? ! ( )`` next to a CJK character →
   ``，；：？！（）``; straight quotes ``"`` / ``'`` → curly, alternating open/close within
   a paragraph. ``•·●`` are kept as they are.

The result is one string where paragraph breaks are a single ``\\n``. Positions map back
through :class:`~kg.text.offsets.OffsetMap`; nothing is ever inserted, so
``source[offsets.to_source(i)]`` is the character that normalised character ``i`` came
from (before folding).

:func:`sentences` splits normalised text at ``。！？；`` and paragraph breaks, never
inside matched quotes or brackets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

from kg.text.chars import (CLAUSE, CLOSERS, CONTINUING, TERMINAL, fold_char, is_cjk,
                           is_word_char)
from kg.text.meta import FRONT_MATTER_RE
from kg.text.offsets import OffsetMap

__all__ = ["NormalizedText", "normalize", "sentences", "BYLINE_RE", "AUTHOR_RE",
           "SECTION_RE", "is_heading_text"]

#: A byline: reporter or correspondent credit (also OCR fragments such as ``报记``).
BYLINE_RE = re.compile(r"(本报|记者|通讯员|报记|特约撰稿)")
#: An author line closing an article: ``（王某某）``.
AUTHOR_RE = re.compile(r"^[（(][^（）()，。,]{2,12}[）)]$")
#: A section number alone on a line.
SECTION_RE = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})[、.]?$")
_MD_HEAD_RE = re.compile(r"^(#{1,6}|>)(?=\s|$)")
#: Longest Markdown heading line (non-space characters) kept as a heading.
MD_HEADING_MAX = 60

#: Longest line (non-space characters) that can be a heading.
HEADING_MAX = 40
#: A line shorter than this share of the local line length is "short".
SHORT_SHARE = 0.8
#: Longest subtitle line (non-space characters) under a heading, and what it never holds.
DECK_MAX = 30
DECK_STOPS = "。；;：:！？!?"
#: Lines either side used to measure the local line length.
WINDOW = 6
#: Longest photo caption (characters before its final 。).
CAPTION_MAX = 20
#: Shortest run on each side of a space kept inside a heading.
HEAD_RUN = 4

_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("【", "】"))

Chars = list[tuple[str, int]]  # (folded character, source index)


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


@dataclass(slots=True)
class _Line:
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


def _fold_lines(source: str) -> list[_Line]:
    """Fold and split into stripped lines; linear, mostly in C.

    The text is folded with one ``str.translate`` over a table of its distinct
    characters; when no character is dropped by folding and no ``\\r\\n`` pair occurs
    (the usual case), the folded text is as long as the source and positions carry over
    unchanged, so each line's ``(char, source index)`` pairs come from ``zip``. Otherwise
    the character-by-character loop (:func:`_fold_lines_slow`) keeps the map exact.
    """
    front = FRONT_MATTER_RE.match(source)
    i0 = front.end() if front else 0   # YAML front matter (crawler metadata) is not text
    table = _fold_table(source[i0:] if i0 else source)
    if "\r\n" in source or any(v == "" for v in table.values()):
        return _fold_lines_slow(source)
    folded = (source[i0:] if i0 else source).translate(table)
    lines: list[_Line] = []
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
            lines.append(_Line(chars, end if end < len(source) else len(source), blanks, md=md, text=text))
            blanks = 0
        else:
            blanks += 1
    if lines:
        lines[-1].gap_after = blanks
    return lines


def _fold_lines_slow(source: str) -> list[_Line]:
    lines: list[_Line] = []
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
            lines.append(_Line(cur, newline_at, blanks, md=md))
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


def _final_char(text: str) -> str:
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return t[-1] if t else ""


def is_heading_text(text: str) -> bool:
    """True when ``text`` could be a heading: short and without clause punctuation.

    Examples
    --------
    >>> is_heading_text("构筑安全防线 守护万家灯火")
    True
    >>> is_heading_text("该旗成立了调解中心。")
    False
    """
    body = text.replace(" ", "")
    if not 0 < len(body) <= HEADING_MAX or any(c in CLAUSE for c in body):
        return False
    # a heading's quotes and brackets are balanced; an open one means a wrapped sentence
    return all(body.count(a) == body.count(b) for a, b in _PAIRS)


def _is_marker(text: str) -> bool:
    """Bylines, author lines and section numbers always stand alone."""
    compact = text.replace(" ", "")
    if SECTION_RE.match(compact) or AUTHOR_RE.match(compact):
        return True
    return bool(BYLINE_RE.search(compact)) and len(compact) <= 30 and "。" not in compact \
        and "，" not in compact and "," not in compact


def _local_width(lengths: list[int], k: int) -> float:
    around = [x for j, x in enumerate(lengths[max(0, k - WINDOW):k + WINDOW + 1], max(0, k - WINDOW))
              if j != k]
    return median(around) if around else float(lengths[k])


def _is_md_heading(line: _Line) -> bool:
    """A Markdown heading or quote line that reads like one (short, no full stop).

    OCR'd Markdown also marks body lines (``### 的实际，有效利用…``); those are long or
    hold a full stop and are treated as ordinary lines.
    """
    text = line.text
    return line.md > 0 and 0 < line.length <= MD_HEADING_MAX and "。" not in text.rstrip("。")[:-1] \
        and not text.endswith("。")


def _is_caption(lines: list[_Line], k: int) -> bool:
    """A photo caption: a short sentence standing alone after a wide gap (≥ 2 blank lines)."""
    ln = lines[k]
    text = ln.text.replace(" ", "").rstrip("。")
    return (ln.gap_before >= 2 and ln.gap_after >= 1 and 0 < len(text) <= CAPTION_MAX
            and ln.text.endswith("。") and not any(c in CLAUSE for c in text))


def _drop_interrupting_captions(lines: list[_Line]) -> list[_Line]:
    """Drop captions that the OCR reading order put inside a sentence.

    ``构建“矛盾分流+ / 召开座谈会。 / 社会治理”新模式`` — the caption belongs to a photo,
    not to the sentence it splits; keeping it would cut the sentence (and the quoted
    name) in two. Captions between paragraphs are kept as paragraphs of their own.
    """
    out: list[_Line] = []
    for k, ln in enumerate(lines):
        if (out and k + 1 < len(lines) and _is_caption(lines, k)
                and _final_char(out[-1].text) not in TERMINAL and not is_heading_text(out[-1].text)):
            lines[k + 1].gap_before = max(lines[k + 1].gap_before, ln.gap_before)
            continue
        out.append(ln)
    for a, b in zip(out, out[1:]):
        a.gap_after = b.gap_before
    return out


def _breaks(lines: list[_Line]) -> list[bool]:
    """For each line but the last: is the break after it a paragraph break?"""
    texts = [ln.text for ln in lines]
    lengths = [ln.length for ln in lines]
    widths = [_local_width(lengths, k) for k in range(len(lines))]
    marker = [_is_marker(t) or _is_caption(lines, k) or _is_md_heading(lines[k]) for k, t in enumerate(texts)]

    def heading(k: int) -> bool:
        if not is_heading_text(texts[k]):
            return False
        if lengths[k] < SHORT_SHARE * widths[k] or lines[k].gap_after > 0 or k == len(lines) - 1:
            return True
        # a headline block: heading-like lines up to a byline within the next three lines
        for j in range(k + 1, min(k + 4, len(lines))):
            if marker[j]:
                return BYLINE_RE.search(texts[j]) is not None
            if not is_heading_text(texts[j]):
                return False
        return False

    def deck(k: int) -> bool:
        # a subtitle under a standalone heading: short for its column, clauses joined by a
        # comma, no full stop, set off by blank lines (``甲变乙，打破丙循环``)
        t = texts[k]
        return (k > 0 and out[k - 1] and is_heading_text(texts[k - 1]) and lines[k].gap_before > 0
                and lines[k].gap_after > 0 and lengths[k] <= DECK_MAX and lengths[k] < SHORT_SHARE * widths[k]
                and any(c in "，," for c in t) and not any(c in DECK_STOPS for c in t)
                and _final_char(t) not in TERMINAL and t[-1] not in CONTINUING)

    out: list[bool] = []
    starts_para = True
    for k in range(len(lines) - 1):
        p, nxt = texts[k], texts[k + 1]
        last = _final_char(p)
        if marker[k] or marker[k + 1] or nxt.startswith("——"):
            brk = True
        elif last in TERMINAL:
            brk = True
        elif p[-1] in CONTINUING:
            brk = False
        elif starts_para and (heading(k) or deck(k)):
            brk = True
        elif lines[k + 1].gap_before > 0 and heading(k + 1) and (k + 2 == len(lines) or heading(k + 2)
                                                                  or lines[k + 1].gap_after > 0):
            brk = True
        else:
            brk = False
        out.append(brk)
        starts_para = brk
    return out


def _squeeze_spaces(chars: Chars, keep_head_spaces: bool, keep_all: bool = False,
                    text: str | None = None) -> Chars:
    """Delete OCR spaces next to CJK; keep one space between ASCII words.

    ``keep_all`` (bylines: ``记者 张三 通讯员 李四``) keeps one space for every run.
    ``text`` is ``chars``' characters as a string, if the caller has it: runs of spaces
    are found in it with a regex and the pieces between them copied as slices.
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


_SPACE_RUN = re.compile(" +")
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_PUNCT = re.compile("[" + re.escape("".join(_ASCII_TO_FULL)) + "]")


def _fullwidth_punct(chars: Chars, text: str | None = None) -> Chars:
    """ASCII ``,;:?!()`` next to a CJK character → the full-width form.

    Left to right, so a mark converted just before counts as CJK for the next one
    (``(,`` → ``（，``). ``text`` is ``chars``' characters as a string, if known.
    """
    if text is None:
        text = "".join([c for c, _ in chars])
    cs = list(text)
    out = list(chars)
    n = len(out)
    for m in _ASCII_PUNCT.finditer(text):
        k = m.start()
        left = cs[k - 1] if k else ""
        right = cs[k + 1] if k + 1 < n else ""
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            cs[k] = _ASCII_TO_FULL[cs[k]]
            out[k] = (cs[k], out[k][1])
    return out


def _pair_quotes(chars: Chars) -> Chars:
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
    lines = _drop_interrupting_captions(_fold_lines(source_text))
    if not lines:
        return NormalizedText("", OffsetMap([], len(source_text)))
    breaks = _breaks(lines) + [True]
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
                               line.md if count == 1 and _is_md_heading(line) else 0))
            acc, acc_text, count = [], [], 0
    out_chars: list[str] = []
    out_idx: list[int] = []
    md_starts: list[int] = []
    md_levels: list[int] = []
    for k, (chars, text, newline, single, md) in enumerate(paragraphs):
        byline = single and _is_marker(text) and BYLINE_RE.search(text) is not None
        head = single and is_heading_text(text)
        # each step only when its characters occur (most paragraphs need none of them)
        if '"' in text or "'" in text:
            chars = _pair_quotes(chars)
            text = "".join([c for c, _ in chars])
        if " " in text:
            chars = _squeeze_spaces(chars, head, keep_all=byline, text=text)
        if _ASCII_PUNCT.search(text):
            chars = _fullwidth_punct(chars, text if len(text) == len(chars) else None)
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


_OPEN_CLOSE = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "【": "】", "[": "]"}
_SENT_END = frozenset("。！？；!?;")
_CUT_RE = re.compile("[\n" + re.escape("".join(sorted(_SENT_END))) + "]")
#: What a sentence end takes with it: more end marks and closing quotes/brackets.
_END_RUN_RE = re.compile("[" + re.escape("".join(sorted(_SENT_END)) + "”’）)」") + "]*")
#: A quotation longer than this is not protected from sentence splitting (OCR may have
#: lost a closing quote and matched a far one).
MAX_QUOTE = 200
_QUOTE_OR_BREAK = re.compile("[\n" + re.escape("".join(_OPEN_CLOSE) + "".join(_OPEN_CLOSE.values())) + "]")


@lru_cache(maxsize=2)
def _protected(text: str) -> bytes:
    """Mark positions inside matched quotes/brackets within each paragraph.

    Cached: :func:`sentences` is called once per article on the same page text.
    """
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


def sentences(nt: NormalizedText, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (normalised offsets, end exclusive) within ``[start, end)``.

    A sentence ends after ``。！？；`` (with any closing quotes that follow) and at every
    paragraph break, but not at punctuation inside matched quotes or brackets.
    Surrounding whitespace is excluded and empty spans are dropped.

    Examples
    --------
    >>> nt = normalize("通辽市推行“一站式。调解”模式。赤峰市跟进！\\n锡林郭勒盟")
    >>> [nt.text[s:e] for s, e in sentences(nt)]
    ['通辽市推行“一站式。调解”模式。', '赤峰市跟进！', '锡林郭勒盟']
    """
    text = nt.text
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
