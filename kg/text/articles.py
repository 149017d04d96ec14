"""Stage 3 — split a normalised page into articles (headline, subtitle, byline, extent).

A newspaper page holds one or more articles, and OCR reading order does not always put
the headline first. The segmenter works on the paragraphs of the normalised text
(:func:`kg.text.normalize.normalize` keeps one paragraph per line) and uses layout and
grammar cues only — no names:

* **heading** — a short paragraph with no clause punctuation (``。！？；，``);
* **byline** — ``本报记者●…``, ``通讯员●…`` (also OCR fragments such as ``报记``);
* **author line** — ``（王某某）`` closing an article body;
* **masthead** — a short line ending in a newspaper name (``…法制报``) or an edition line
  (date and page, ``2026年5月20日 第2版 综合新闻``), ignored.

Headline blocks are found two ways:

1. *leading*: one to three headings directly followed by a byline. The article runs
   from the block to the next article. When such a block is the first one on the page
   and body text precedes it (the headline was read after the body, as on some pages),
   that text belongs to the same article.
2. *trailing*: headings directly after an author line, not followed by a byline: the
   headline of the body *above* it. Its body starts after the previous headline block;
   when that block leads another article, the start is the paragraph whose opening
   shares the longest run of characters (at least four) with the trailing headline or
   subtitle — the lede usually repeats the subject named in the subtitle.

In a block of two or more headings the last one is the subtitle (a line starting with
``——`` always is), unless the last two are short lines of similar length, which are the
two halves of one headline; the headline's lines are joined with a space.
A page without any block is one article titled by its first heading, if any.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text.layout import (AUTHOR_RE, SECTION_RE, is_byline_text, is_deck_text, is_heading_text,
                            is_md_heading_text)
from kg.text.normalize import NormalizedText

__all__ = ["ArticleSpan", "segment", "MASTHEAD_RE", "is_caption_line"]

#: A masthead fragment: a short line ending with a newspaper name (…日报, 兴文报, 沂南新闻, …周刊).
MASTHEAD_RE = re.compile(r"^.{0,8}(报|新闻|周刊)$")
#: An edition line: the issue's date and page (``2026年5月20日 星期三 第2版 综合新闻``, also
#: after the paper's name), front matter like a masthead, never part of a headline.
EDITION_RE = re.compile(r"^[^。，；]{0,12}\d{4}年\d{1,2}月\d{1,2}日[^。，；]{0,8}第\d+版[^。，；]{0,12}$")
#: A dateline: ``《某某日报》（2025年01月02日第19版）``, ignored like a masthead; the writers'
#: names before it (``本报记者 张三``, or the names alone) make it a byline.
DATELINE_RE = re.compile(r"^(?P<byline>[^《》。，]{0,16})?《[^》]{2,12}》（\d{4}年\d{1,2}月\d{1,2}日第\d+版）$")
#: An editor's sign-off closing an introduction: ``——编者``.
SIGNOFF_RE = re.compile(r"^——\s*\S{1,4}$")
#: A short ``label：value`` line under a box or chart, credited like a photo.
SOURCE_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}[：:][^。，；]{1,16}$")
#: Section labels that start a box, not a headline (``■延伸阅读``).
LABEL_MARKS = "■□▲◆◇★☆"
#: Longest question-form headline (``…是毒品吗？``) accepted before a byline.
QUESTION_MAX = 30
#: Most headings in one headline block (kicker, headline, subtitle).
MAX_BLOCK = 3
#: Longest headline holding a comma accepted right before a byline (``近一点，走访调解更有耐心``).
COMMA_HEAD_MAX = 20
#: Shortest shared run between a trailing headline and its lede.
MIN_SHARED = 4
#: Two headline halves: each at most this long, lengths within 3 characters.
HALF_MAX = 10
#: A writer's name standing alone under a headline: two to four Han characters.
NAME_LINE_RE = re.compile(r"^[\u4e00-\u9fff](?: *[\u4e00-\u9fff]){1,3}$")
#: A news dateline opening a story's first paragraph: 本报厦门3月2日电, 本报讯, 新华社X月X日电.
NEWS_DATELINE_RE = re.compile(r"^(本报|新华社)[\u4e00-\u9fff]{0,6}(\d{1,2}月\d{1,2}日)?(电|讯)")


@dataclass(frozen=True, slots=True, order=True)
class ArticleSpan:
    """One article of a page, in normalised offsets.

    ``start``/``end`` delimit the article's whole extent (headline, byline and body,
    end exclusive); ``title_start`` is where its headline starts (``-1`` when the
    article has no headline). Map to the source with ``NormalizedText.source_span``.
    """

    index: int
    title: str
    subtitle: str
    byline: str
    start: int
    end: int
    title_start: int


@dataclass(slots=True)
class _Para:
    start: int
    end: int
    text: str
    kind: str  # head | byline | author | section | masthead | body | blank
    md: int = 0  # Markdown heading level (1–6, 7 for a quote), 0 for none


@dataclass(slots=True)
class _Block:
    kind: str            # leading | trailing
    first: int           # paragraph index of the first heading
    last: int            # paragraph index after the block (bylines included)
    heads: list[int]
    byline: str


def _classify(text: str, index: int, md: bool) -> str:
    compact = text.replace(" ", "")
    if not compact:
        return "blank"
    if AUTHOR_RE.match(compact) or SIGNOFF_RE.match(compact):
        return "author"
    if SECTION_RE.match(compact):
        return "section"
    dateline = DATELINE_RE.match(compact) if index < 8 else None
    if dateline:
        return "byline" if dateline.group("byline") else "masthead"
    if index < 3 and MASTHEAD_RE.match(compact) or index < 8 and EDITION_RE.match(compact):
        return "masthead"
    if is_caption_line(compact):
        return "credit"  # a photo credit or a box's source line, not a byline
    if is_byline_text(compact):
        return "byline"
    if compact[0] in LABEL_MARKS:
        return "label"
    if is_heading_text(text) or (md and is_md_heading_text(compact)):
        return "head"
    if len(compact) <= QUESTION_MAX and compact[-1] in "？！" and not any(c in "。；，" for c in compact[:-1]):
        return "question"
    return "body"


def is_caption_line(text: str) -> bool:
    """A photo caption or credit (…摄, …摄（影像中国）) or a box's source line (数据来源：…)."""
    compact = text.replace(" ", "")
    return compact.endswith("摄") or "摄（" in compact or bool(SOURCE_LINE_RE.match(compact))


def _paragraphs(text: str, md_levels: dict[int, int]) -> list[_Para]:
    paras: list[_Para] = []
    pos = 0
    for k, line in enumerate(text.split("\n")):
        md = md_levels.get(pos, 0)
        paras.append(_Para(pos, pos + len(line), line, _classify(line, k, md > 0), md))
        pos += len(line) + 1
    paras = [p for p in paras if p.kind != "blank"]
    for p, nxt in zip(paras, paras[1:]):
        if p.kind == "credit" and nxt.kind == "byline" and SOURCE_LINE_RE.match(p.text.replace(" ", "")):
            p.kind = "head"  # 阳朔：游客纠纷“码上调” above a byline: a roundup story's headline, no box's source line
    return paras


def _comma_headline(text: str) -> bool:
    """A short line right before a byline: its headline, even with a comma or a question mark.

    Why: headlines are often two phrases joined by a comma (近一点，走访调解更有耐心); body
    text never sits between a headline and the byline, so a short line there without a full
    stop is the story's headline and the byline opens a new article.
    """
    compact = text.replace(" ", "")
    return 0 < len(compact) <= COMMA_HEAD_MAX and not any(c in "。；;：:" for c in compact) and \
        compact[-1] not in "，,、"


def _deck(text: str) -> bool:
    """A subtitle line: short, no full stop, not ending in punctuation (``甲变乙，打破丙循环``)."""
    return is_deck_text(text) and text.replace(" ", "")[-1] not in "，,、”」』）)"


def _inner_block(paras: list[_Para], k: int) -> _Block | None:
    """A headline block inside the page that has no ``本报记者`` byline.

    Three shapes open a new story between body paragraphs: a heading over a paragraph that
    opens with a news dateline (本报X月X日电), a heading over a deck line
    (a subtitle of clauses joined by a comma) over body text, and a heading over a bare writer's name (two to four Han
    characters) over body text. A single heading, or two headings without a comma, between
    body paragraphs stay section headings of the story around them.
    """
    n = len(paras)
    # (a kicker-style heading 省市：标题 reads as a credit line; before a dateline it is a headline)
    if 0 < k and k + 1 < n and paras[k].kind in ("head", "credit") and paras[k - 1].kind in ("body", "credit") \
            and paras[k + 1].kind == "body" and NEWS_DATELINE_RE.match(paras[k + 1].text.replace(" ", "")):
        return _Block("leading", k, k + 1, [k], "")  # a heading over a paragraph opening 本报X电
    if not (0 < k and k + 2 < n and paras[k].kind == "head" and paras[k - 1].kind in ("body", "credit")
            and paras[k + 2].kind == "body"):
        return None
    nxt = paras[k + 1]
    name = nxt.text.strip()
    if nxt.kind == "head" and NAME_LINE_RE.match(name) and len(paras[k].text) > len(name):
        return _Block("leading", k, k + 2, [k], " ".join(name.split()))
    if nxt.kind == "body" and _deck(nxt.text) and len(nxt.text) > len(paras[k].text):
        return _Block("leading", k, k + 2, [k, k + 1], "")
    return None


def _find_blocks(paras: list[_Para]) -> list[_Block]:
    blocks: list[_Block] = []
    n = len(paras)
    k = 0
    while k < n:
        inner = _inner_block(paras, k)
        if inner is not None:
            blocks.append(inner)
            k = inner.last
            continue
        if paras[k].kind == "byline":
            run_end = k
            run_start = k
            while run_start > 0 and k - run_start < MAX_BLOCK and (
                    paras[run_start - 1].kind == "head"
                    or (paras[run_start - 1].kind in ("question", "body") and run_start == k
                        and _comma_headline(paras[run_start - 1].text))):
                run_start -= 1
            if run_start < k and not (blocks and blocks[-1].last > run_start):
                last = k
                bylines = []
                while last < n and paras[last].kind == "byline":
                    bylines.append(paras[last].text.split("《")[0].strip())  # drop a dateline
                    last += 1
                # an OCR-split name fragment right after the byline (≤ 3 characters)
                if last < n and paras[last].kind == "head" and len(paras[last].text) <= 3:
                    bylines.append(paras[last].text)
                    last += 1
                blocks.append(_Block("leading", run_start, last, list(range(run_start, run_end)),
                                     " ".join(bylines)))
                k = last
                continue
        if paras[k].kind == "author" and k + 1 < n and paras[k + 1].kind == "head":
            last = k + 1
            while last < n and paras[last].kind == "head" and last - k <= MAX_BLOCK:
                last += 1
            if not (last < n and paras[last].kind == "byline"):
                blocks.append(_Block("trailing", k + 1, last, list(range(k + 1, last)),
                                     paras[k].text.strip("（）() ")))
                k = last
                continue
        k += 1
    return blocks


def _title_subtitle(heads: list[str], levels: list[int] | None = None) -> tuple[str, str]:
    if len(heads) == 1:
        return heads[0], ""
    kickers = [h for h in heads if h.endswith("——") and len(h) > 2]
    if kickers and len(kickers) < len(heads):   # ``某某——`` above the headline
        return " ".join(h for h in heads if h not in kickers), kickers[0]
    if heads[-1].startswith("——"):
        return " ".join(heads[:-1]), heads[-1].lstrip("—- ")
    if levels and all(0 < lv <= 6 for lv in levels) and levels.count(min(levels)) == 1 and len(set(levels)) > 1:
        # Markdown marks the headline (``#``); deeper headings (``###`` kickers) are its subtitle
        top = levels.index(min(levels))
        return heads[top], " ".join(h for h, lv in zip(heads, levels) if lv != min(levels))
    a, b = heads[-2], heads[-1]
    if len(a) <= HALF_MAX and len(b) <= HALF_MAX and abs(len(a) - len(b)) <= 3:
        return " ".join(heads), ""
    return " ".join(heads[:-1]), heads[-1]


def _longest_shared(a: str, b: str) -> int:
    """Length of the longest common substring of ``a`` and ``b``.

    For each start in ``a``, grow the best length while the longer piece still occurs in
    ``b`` (substring tests run in C).

    >>> _longest_shared("通辽市推行调解", "推行调解模式"), _longest_shared("ab", "")
    (4, 0)
    """
    best = 0
    for i in range(len(a)):
        while i + best < len(a) and a[i:i + best + 1] in b:
            best += 1
    return best


def _lede(paras: list[_Para], lo: int, hi: int, heads: list[str]) -> int:
    """Paragraph index in ``(lo, hi)`` where a trailing-headline article's body starts."""
    best, best_k = MIN_SHARED - 1, None
    for k in range(lo + 1, hi):
        if paras[k].kind != "body":
            continue
        opening = paras[k].text[:24]
        score = max(_longest_shared(opening, h) for h in heads)
        if score > best:
            best, best_k = score, k
    if best_k is not None:
        return best_k
    for k in range(hi - 1, lo, -1):  # fallback: after the last heading before the author line
        if paras[k].kind == "head":
            return k + 1
    return hi


def segment(nt: NormalizedText) -> list[ArticleSpan]:
    """Split a normalised page into articles, ordered by position.

    Parameters
    ----------
    nt
        The normalised page.

    Returns
    -------
    list of ArticleSpan
        At least one article for a page with any text; ``[]`` for an empty page.

    Examples
    --------
    >>> from kg.text.normalize import normalize
    >>> page = "通辽市开展普法活动\\n\\n本报记者●张三\\n\\n近日，通辽市开展普法活动。"
    >>> [(a.title, a.byline) for a in segment(normalize(page))]
    [('通辽市开展普法活动', '本报记者●张三')]
    """
    text = nt.text
    paras = _paragraphs(text, dict(zip(nt.md_headings, nt.md_levels or [1] * len(nt.md_headings))))
    if not paras:
        return []
    content = [k for k, p in enumerate(paras) if p.kind != "masthead"]
    first_content = content[0] if content else 0
    blocks = _find_blocks(paras)
    if paras[first_content].kind == "head" and not (blocks and blocks[0].first <= first_content):
        # headings opening the page, with no byline: the first article's headline
        last = first_content
        while last < len(paras) and paras[last].kind == "head" and last - first_content < MAX_BLOCK:
            last += 1
        if not (blocks and blocks[0].first < last) and last < len(paras):
            blocks.insert(0, _Block("leading", first_content, last, list(range(first_content, last)), ""))
    if not blocks:
        title_k = next((k for k in content[:3] if paras[k].kind == "head"), None)
        title = paras[title_k].text if title_k is not None else ""
        return [ArticleSpan(0, title, "", "", paras[first_content].start, len(text),
                            paras[title_k].start if title_k is not None else -1)]
    # article extents as paragraph ranges [lo, hi)
    ranges: list[list[int]] = []
    for b_i, blk in enumerate(blocks):
        if blk.kind == "leading":
            lo = blk.first
            if b_i == 0 and any(paras[k].kind == "body" for k in range(first_content, blk.first)):
                lo = first_content
            elif b_i == 0:
                lo = min(first_content, blk.first)
            ranges.append([lo, len(paras)])
        else:
            heads = [paras[h].text for h in blk.heads]
            if b_i == 0:
                lo = first_content
            elif blocks[b_i - 1].kind == "trailing":
                lo = blocks[b_i - 1].last
            else:
                lo = _lede(paras, blocks[b_i - 1].last - 1, blk.first - 1, heads)
            ranges.append([lo, blk.last])
    for i in range(len(ranges) - 1):
        ranges[i][1] = min(ranges[i][1], ranges[i + 1][0]) if blocks[i].kind == "leading" else ranges[i][1]
    ranges[-1][1] = len(paras)
    if ranges[0][0] > first_content:
        ranges[0][0] = first_content
    articles: list[ArticleSpan] = []
    for i, (blk, (lo, hi)) in enumerate(zip(blocks, ranges)):
        heads = [paras[h].text for h in blk.heads]
        title, subtitle = _title_subtitle(heads, [paras[h].md for h in blk.heads])
        start = paras[lo].start
        end = paras[hi - 1].end if hi > lo else paras[lo].end
        articles.append(ArticleSpan(i, title, subtitle, blk.byline, start, max(end, start),
                                    paras[blk.heads[0]].start))
    return articles
