"""Stage 2b — page layout: which line breaks end a paragraph, and what a line is.

OCR keeps a newspaper's line breaks: narrow columns (≈17 characters) wrap sentences,
blank lines fall inside them (``依托3辆“爱民普法直通\\n\\n车”``), and headlines, bylines and
captions stand on lines of their own. A line break is kept (as a paragraph break) after
a line ending a sentence (``。！？；``), around headings (short lines with no clause
punctuation), bylines (``本报记者●…``), author lines (``（…）``), section numbers,
Markdown headings and photo captions; every other break is a wrapped column and is
removed. A line is "short" against the median length of the lines around it, so narrow
columns and one-line-per-paragraph pages are handled alike.

The line shapes (:func:`is_heading_text`, :func:`is_byline_text`,
:func:`is_md_heading_text`, :func:`is_deck_text` and the regular expressions) are the
same ones :mod:`kg.text.articles` reads paragraphs with, so both stages agree on what a
heading or a byline is.
"""
from __future__ import annotations

import re
from statistics import median

from kg.text.chars import CLAUSE, CLOSERS, CONTINUING, TERMINAL
from kg.text.fold import Line

__all__ = ["BYLINE_RE", "AUTHOR_RE", "SECTION_RE", "is_heading_text", "is_byline_text",
           "is_marker", "is_md_heading_text", "is_md_heading", "is_deck_text",
           "drop_interrupting_captions", "paragraph_breaks"]

#: A byline: reporter or correspondent credit (also OCR fragments such as ``报记``).
BYLINE_RE = re.compile(r"(本报|记者|通讯员|报记|特约撰稿)")
#: An author line closing an article: ``（王某某）``.
AUTHOR_RE = re.compile(r"^[（(][^（）()，。,]{2,12}[）)]$")
#: A section number alone on a line.
SECTION_RE = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})[、.]?$")
#: Longest Markdown heading line (non-space characters) kept as a heading.
MD_HEADING_MAX = 60
#: Longest line (non-space characters) that can be a heading.
HEADING_MAX = 40
#: Longest byline (non-space characters).
BYLINE_MAX = 30
#: A line shorter than this share of the local line length is "short".
SHORT_SHARE = 0.8
#: Longest subtitle line (non-space characters) under a heading, and what it never holds.
DECK_MAX = 30
DECK_STOPS = "。；;：:！？!?"
#: Lines either side used to measure the local line length.
WINDOW = 6
#: Longest photo caption (characters before its final 。).
CAPTION_MAX = 20

_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("【", "】"))


def _final_char(text: str) -> str:
    """The last character of ``text`` before closing quotes and brackets (``""`` if none)."""
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
    return _balanced(body)


def _balanced(body: str) -> bool:
    """A heading's quotes and brackets are closed; an open one means a wrapped sentence."""
    return all(body.count(a) == body.count(b) for a, b in _PAIRS)


def is_byline_text(text: str) -> bool:
    """True for a byline: a reporter's credit, short and with no sentence in it.

    >>> is_byline_text("本报记者 张三"), is_byline_text("记者走访了调解中心，了解情况")
    (True, False)
    """
    compact = text.replace(" ", "")
    return bool(BYLINE_RE.search(compact)) and len(compact) <= BYLINE_MAX \
        and not any(c in "。，," for c in compact)


def is_marker(text: str) -> bool:
    """Bylines, author lines and section numbers always stand alone."""
    compact = text.replace(" ", "")
    return bool(SECTION_RE.match(compact) or AUTHOR_RE.match(compact)) or is_byline_text(compact)


def is_md_heading_text(text: str) -> bool:
    """A line Markdown marks as a heading that reads like one: short, no full stop.

    OCR'd Markdown also marks body lines (``### 的实际，有效利用…``); those are long, hold a
    full stop, or leave a quotation or bracket open (a wrapped sentence), and are ordinary lines.

    >>> is_md_heading_text("福建霞浦构建海上矛盾纠纷多元化解体系"), is_md_heading_text('的实际,有效利用"')
    (True, False)
    """
    body = text.replace(" ", "")
    return 0 < len(body) <= MD_HEADING_MAX and "。" not in text and body.count('"') % 2 == 0 and _balanced(body)


def is_md_heading(line: Line) -> bool:
    """A Markdown heading or quote line that reads like one (:func:`is_md_heading_text`)."""
    return line.md > 0 and is_md_heading_text(line.text)


def is_deck_text(text: str) -> bool:
    """The shape of a subtitle line under a headline: short, and no full stop, colon or question."""
    compact = text.replace(" ", "")
    return 0 < len(compact) <= DECK_MAX and not any(c in DECK_STOPS for c in compact)


def _runs_on(text: str) -> bool:
    """True when a byline's line goes on into the story after its bracket (本报讯（记者 某某）近日，…).

    >>> _runs_on("本报讯（记者 张三）海东"), _runs_on("本报讯（记者 张三）")
    (True, False)
    """
    compact = text.replace(" ", "")
    close = max(compact.rfind("）"), compact.rfind(")"))
    return BYLINE_RE.match(compact) is not None and 0 <= close < len(compact) - 1


def _local_width(lengths: list[int], k: int) -> float:
    around = [x for j, x in enumerate(lengths[max(0, k - WINDOW):k + WINDOW + 1], max(0, k - WINDOW))
              if j != k]
    return median(around) if around else float(lengths[k])


def _is_caption(lines: list[Line], k: int) -> bool:
    """A photo caption: a short sentence standing alone after a wide gap (≥ 2 blank lines)."""
    ln = lines[k]
    text = ln.text.replace(" ", "").rstrip("。")
    return (ln.gap_before >= 2 and ln.gap_after >= 1 and 0 < len(text) <= CAPTION_MAX
            and ln.text.endswith("。") and not any(c in CLAUSE for c in text))


def drop_interrupting_captions(lines: list[Line]) -> list[Line]:
    """Drop captions that the OCR reading order put inside a sentence.

    ``构建“矛盾分流+ / 召开座谈会。 / 社会治理”新模式`` — the caption belongs to a photo,
    not to the sentence it splits; keeping it would cut the sentence (and the quoted
    name) in two. Captions between paragraphs are kept as paragraphs of their own.
    """
    out: list[Line] = []
    for k, ln in enumerate(lines):
        if (out and k + 1 < len(lines) and _is_caption(lines, k)
                and _final_char(out[-1].text) not in TERMINAL and not is_heading_text(out[-1].text)):
            lines[k + 1].gap_before = max(lines[k + 1].gap_before, ln.gap_before)
            continue
        out.append(ln)
    for a, b in zip(out, out[1:]):
        a.gap_after = b.gap_before
    return out


def paragraph_breaks(lines: list[Line]) -> list[bool]:
    """For each line but the last: is the break after it a paragraph break?"""
    texts = [ln.text for ln in lines]
    lengths = [ln.length for ln in lines]
    widths = [_local_width(lengths, k) for k in range(len(lines))]
    marker = [is_marker(t) or _is_caption(lines, k) or is_md_heading(lines[k]) for k, t in enumerate(texts)]

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
                and lines[k].gap_after > 0 and is_deck_text(t) and lengths[k] < SHORT_SHARE * widths[k]
                and any(c in "，," for c in t) and _final_char(t) not in TERMINAL and t[-1] not in CONTINUING)

    out: list[bool] = []
    starts_para = True
    for k in range(len(lines) - 1):
        p, nxt = texts[k], texts[k + 1]
        last = _final_char(p)
        if marker[k] and _runs_on(p) and not marker[k + 1] and lines[k].gap_after == 0 \
                and lengths[k] >= SHORT_SHARE * widths[k] and last not in TERMINAL:
            brk = False  # 本报讯（记者 某某）海东 / 市乐都区…: the story starts on the byline's line and wraps
        elif marker[k] or marker[k + 1] or nxt.startswith("——"):
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
