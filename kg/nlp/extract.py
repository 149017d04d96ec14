"""One source text → one :class:`kg.records.FileRecord` (pure; no I/O).

normalise (:mod:`kg.text.normalize`) → segment articles (:mod:`kg.text.articles`) →
page context from the register names on the page → per article: find its subject from
the headline (subtitle first), then run the spaCy pipeline on the article text with that
context → link and assemble (:mod:`kg.nlp.records`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from kg.link.canonical import division_key
from kg.link.resolve import get_division, build_levels, division_class, page_context, resolve_division
from kg.nlp.components.gazetteer import scan_register
from kg.lexicon import patterns
from kg.nlp.pieces import merge_pieces, split_spans
from kg.nlp.pipeline import get_nlp, run
from kg.nlp.records import ArticleRun, file_record
from kg.link.context import ArticleContext, Subject
from kg.records import FileRecord

__all__ = ["extract_text"]

_RANK = {"Village": 0, "Township": 1, "County": 2, "Place": 3, "Prefecture": 4, "Province": 5}


def _org_head(label: str) -> str:
    heads = sorted((p.pattern for p in patterns("org_heads") if p.label == "ORG"), key=len, reverse=True)
    return next((h for h in heads if label.endswith(h)), "")


def _subjects(doc) -> tuple[Subject | None, Subject | None]:
    """Most specific place and first body named in a headline doc."""
    ms = [m for m in doc._.kg_mentions or [] if m.entity]
    places = [m for m in ms if m.family == "place" and m.cls in _RANK]
    orgs = [m for m in ms if m.family == "organisation" and m.kind != "national"]
    place = min(places, key=lambda m: (_RANK[m.cls], m.start)) if places else None
    body = orgs[0] if orgs else None
    for o in orgs[1:]:  # X支队Y大队: the unit at the end of the headline's chain is its body
        if body is not None and o.parent_org == body.key:
            body = o
    ps = Subject(place.key, place.label, place.cls, place.code) if place else None
    bs = None
    if body is not None:
        bs = Subject(body.key, body.label, "Organisation", head=_org_head(body.label),
                     place_key=body.place_key)
    return ps, bs


def _subject_of(div) -> Subject:
    return Subject(division_key(div.code), div.name, division_class(div), div.code)


def _seat_subject(kb, body: Subject) -> Subject | None:
    """Subject place of a headline that names a body but no place on its own.

    Why: an article is about the most specific place it is about (gold/GUIDE.md); a body
    named in the headline (<province short form><city stem>支队, X公安 read as X市公安局)
    sits in its seat, which is then the article's place.
    """
    if not body.place_key or not body.place_key.startswith("division:"):
        return None
    seat = get_division(kb, body.place_key.split(":", 1)[1])
    if seat is None:
        return None
    return _subject_of(seat)


def _seat_within(kb, body: Subject, place: Subject) -> bool:
    """True when the headline body's seat lies strictly inside the headline's place.

    Why: an article is about the most specific place it is about (gold/GUIDE.md); a
    headline naming a province and a body of one of its cities or counties (<province
    short form><city stem>公安, …<county stem>大队) is about the body's city or county.
    """
    if not (body.place_key and body.place_key.startswith("division:") and place.code):
        return False
    seat = body.place_key.split(":", 1)[1]
    return seat != place.code and kb.is_inside(seat, place.code)


_NAME_SPAN = 8  # characters after a place that can still be the rest of a body's name


def _in_body_name(text: str, end: int) -> bool:
    """True when a body's head follows the place within a name's reach (X分局, X县公安局).

    Why: a place written inside a body's name (a stem before 分局, 派出所 …) names the
    body, not the place the story is about; counting it gives multi-story pages the wrong
    subject.
    """
    tail = text[end:end + _NAME_SPAN]
    cut = next((i for i, c in enumerate(tail) if not ("\u3400" <= c <= "\u9fff")), len(tail))
    tail = tail[:cut]
    return any(h in tail for h in _body_heads())


@lru_cache(maxsize=1)
def _body_heads() -> tuple[str, ...]:
    """Organisation heads of two characters or more (``org_heads.jsonl``)."""
    return tuple(sorted({p.pattern for p in patterns("org_heads") if p.label == "ORG" and len(p.pattern) >= 2}))


def _frequent_place(kb, text: str, ctx: ArticleContext) -> Subject | None:
    """The county-level (or lowest) register place named most often in a text.

    Places inside a body's name are not counted (:func:`_in_body_name`).
    """
    counts: Counter = Counter()
    first: dict[str, int] = {}
    divs = {}
    for s, e, surface, kinds in scan_register(text):
        if _in_body_name(text, e):
            continue
        for kind in kinds:
            div = resolve_division(kb, surface, kind, ctx)
            if div is not None:
                counts[div.code] += 1
                first.setdefault(div.code, s)
                divs[div.code] = div
                break
    if not counts:
        return None
    best = min(counts, key=lambda c: (_RANK.get(division_class(divs[c]), 9) > 2, -counts[c], first[c]))
    return _subject_of(divs[best])


def extract_text(source_text: str, file_name: str, sha256: str = "",
                 progress: Callable[[int, int], None] | None = None) -> FileRecord:
    """Extract the entities and relations of one source file.

    Parameters
    ----------
    source_text : str
        The decoded source text (offsets in the record point into it).
    file_name : str
        Base name of the source file, kept in the record.
    sha256 : str
        Hash of the raw bytes, kept in the record.
    progress : callable, optional
        ``progress(done, total)`` after each article or piece, in normalised characters.

    Returns
    -------
    FileRecord
        Sorted and deduplicated: equal input gives an equal record; ``meta`` holds what
        the front matter says about the page (:func:`kg.text.meta.read_metadata`).
    """
    from kg.link.divisions import get_kb
    from kg.text.articles import segment
    from kg.text.meta import read_metadata
    from kg.text.normalize import normalize, sentences

    kb = get_kb()
    nlp = get_nlp()
    nt = normalize(source_text)
    text = nt.text
    province, codes = page_context(kb, [(surf, k) for _, _, surf, kinds in scan_register(text) for k in kinds])
    runs: list[ArticleRun] = []
    owner: dict[int, int] = {}  # run index → article index (they differ after a split)
    extra = 0
    spans = segment(nt) or []
    for art in spans:
        base = ArticleContext(index=art.index, province=province, context_codes=codes, is_title=True)
        base.places_by_level = build_levels(kb, base)
        place = body = None
        for head in (getattr(art, "subtitle", ""), art.title):
            if head and (place is None or body is None):
                head_doc = run(head, base, nlp)
                p, b = _subjects(head_doc)
                place = place or p
                if body is None and b is not None:
                    body = b
        if body is not None and (place is None or _seat_within(kb, body, place)):
            place = _seat_subject(kb, body) or place
        body_text = text[art.start:art.end]
        if place is None:  # the lede's place first: a page's later stories name other places
            lede = next(((s - art.start, e - art.start) for s, e in sentences(nt, art.start, art.end)
                         if e > s and text[s:e].strip()), None)
            if lede is not None:
                place = _frequent_place(kb, body_text[lede[0]:lede[1]], base)
        if place is None:
            place = _frequent_place(kb, body_text, base)
        pieces = split_spans(text, art.start, art.end)  # one piece unless oversized
        for k, (start, end) in enumerate(pieces):
            index = art.index + extra + k
            ctx = ArticleContext(index=index, province=province, context_codes=codes,
                                 place=place, body=body)
            ctx.places_by_level = build_levels(kb, ctx)
            ctx.sentences = tuple((s - start, e - start) for s, e in sentences(nt, start, end))
            doc = run(text[start:end], ctx, nlp)
            if progress is not None:
                progress(end, len(text))
            owner[index] = art.index
            runs.append(ArticleRun(index, art.title, getattr(art, "subtitle", "") or "",
                                   getattr(art, "byline", "") or "", start, end, doc, ctx,
                                   [place, body]))
        extra += len(pieces) - 1
    record = file_record(file_name, sha256, source_text, nt, runs, kb)
    if any(piece != index for piece, index in owner.items()):
        record = merge_pieces(record, owner)
    return replace(record, meta=read_metadata(source_text))
