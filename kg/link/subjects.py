"""What an article is about, decided from its headline before its text is read.

An article is about the most specific place it is about (gold/GUIDE.md): the place its
headline names (the subtitle first), the seat of a body the headline names, else the
place its lede — then its text — names most often.
"""
from __future__ import annotations

from collections import Counter

from kg.lexicon import function_words, org_head_words
from kg.context import ArticleContext, Ref, Subject
from kg.link.resolve import resolve_division
from kg.register.facts import division_class, get_division

__all__ = ["headline_subjects", "seat_subject", "seat_within", "frequent_place", "narrower_place", "home_place",
           "RANK"]

RANK = {"Village": 0, "Township": 1, "County": 2, "Place": 3, "Prefecture": 4, "Province": 5}


def _org_head(label: str) -> str:
    return next((h for h in org_head_words() if label.endswith(h)), "")


def headline_subjects(doc) -> tuple[Subject | None, Subject | None]:
    """Most specific place and first body named in a headline doc."""
    ms = [m for m in doc._.kg_mentions or [] if m.entity]
    # an area the headline does not place (X库区 across provinces) says no place of the article
    places = [m for m in ms if m.family == "place" and m.cls in RANK and (m.cls != "Place" or m.parent_place)]
    orgs = [m for m in ms if m.family == "organisation" and m.kind != "national"]
    place = min(places, key=lambda m: (RANK[m.cls], m.start)) if places else None
    body = orgs[0] if orgs else None
    for o in orgs[1:]:  # X支队Y大队: the unit at the end of the headline's chain is its body
        if body is not None and o.parent_org == body.ref:
            body = o
    ps = Subject(place.ref, place.label, place.cls, place.code) if place else None
    bs = None
    if body is not None:
        bs = Subject(body.ref, body.label, "Organisation", head=_org_head(body.label),
                     place_ref=body.place_ref)
    return ps, bs


def subject_of(div) -> Subject:
    return Subject(Ref.division(div.code), div.name, division_class(div), div.code)


def seat_subject(kb, body: Subject) -> Subject | None:
    """Subject place of a headline that names a body but no place on its own.

    Why: an article is about the most specific place it is about (gold/GUIDE.md); a body
    named in the headline (<province short form><city stem>支队, X公安 read as X市公安局)
    sits in its seat, which is then the article's place.
    """
    if body.place_ref is None or not body.place_ref.code:
        return None
    seat = get_division(kb, body.place_ref.code)
    if seat is None:
        return None
    return subject_of(seat)


def seat_within(kb, body: Subject, place: Subject) -> bool:
    """True when the headline body's seat lies strictly inside the headline's place.

    Why: an article is about the most specific place it is about (gold/GUIDE.md); a
    headline naming a province and a body of one of its cities or counties (<province
    short form><city stem>公安, …<county stem>大队) is about the body's city or county.
    """
    if not (body.place_ref is not None and body.place_ref.code and place.code):
        return False
    seat = body.place_ref.code
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
    return any(h in tail for h in org_head_words(2))


def _place_counts(kb, text: str, ctx: ArticleContext, names, in_bodies: bool = False):
    """(counts, first offset, division) of the register places named in ``text`` outside bodies' names.

    ``in_bodies``: count the full names inside bodies' names too (a lede's
    近年来，X省Y市Z县人民检察院… is about county Z).
    """
    counts: Counter = Counter()
    first: dict[str, int] = {}
    divs = {}
    for s, e, surface, kinds in names:
        if _in_body_name(text, e):
            if not in_bodies or "full" not in kinds:
                continue
            kinds = ("full",)
        for kind in kinds:
            div = resolve_division(kb, surface, kind, ctx)
            if div is not None:
                counts[div.code] += 1
                first.setdefault(div.code, s)
                divs[div.code] = div
                break
    return counts, first, divs


def frequent_place(kb, text: str, ctx: ArticleContext, names, in_bodies: bool = False) -> Subject | None:
    """The county-level (or lowest) register place named most often in a text.

    ``names`` are the register names in ``text`` (``(start, end, surface, kinds)``).
    Places inside a body's name are not counted (:func:`_in_body_name`; with
    ``in_bodies`` full names are), nor a province or city when a place inside it is named too.
    """
    counts, first, divs = _place_counts(kb, text, ctx, names, in_bodies)
    if not counts:
        return None
    # a province or city named with a place inside it (四川省绵阳市): the text is about the
    # inner one (a county stays the subject when one of its townships is named)
    cands = [c for c in counts if RANK.get(division_class(divs[c]), 9) <= 2
             or not any(d != c and kb.is_inside(d, c) for d in counts)]
    best = min(cands, key=lambda c: (RANK.get(division_class(divs[c]), 9) > 2, -counts[c], first[c]))
    return subject_of(divs[best])


def narrower_place(kb, text: str, ctx: ArticleContext, names, place: Subject) -> Subject | None:
    """A place inside ``place`` that the whole article stays in, or None.

    Why: a headline or lede names the province or city (探访X省Y派出所); when every
    county-or-lower place the article names is one place Q inside it, Q's ancestors or
    places inside Q, and Q is named at least twice, the article is about Q (the most
    specific place it is about, gold/GUIDE.md). An article going county by county stays
    about the province.
    """
    if not place.code or RANK.get(place.cls, 9) < RANK["Prefecture"]:
        return None
    counts, _, divs = _place_counts(kb, text, ctx, names)
    local = [c for c in counts if RANK.get(division_class(divs[c]), 9) <= 2 and kb.is_inside(c, place.code)]
    if not local:
        return None
    best = max(local, key=lambda c: (counts[c], -RANK.get(division_class(divs[c]), 9)))
    if counts[best] < 2:
        return None
    if not all(c == best or kb.is_inside(best, c) or kb.is_inside(c, best) for c in local):
        return None
    return subject_of(divs[best])


def home_place(kb, headlines: list[str], place: Subject) -> Subject | None:
    """The county or city of a local paper's 我县/我市 in the headline, above a lower ``place``, or None.

    Why: a county paper's headline says 我县开展… (or 县人民法院推行…) for a county-wide
    story; the township its text names most (the one place outside bodies' names) is where
    part of it happens, not what it is about.
    """
    levels = [w[-1] for w in function_words("home_words") if any(w in h for h in headlines)]
    # ——县人民法院推行…: a headline opening with a level word and a body is a county body's story
    levels += [lv for h in headlines for lv in ("县", "旗")
               if h.lstrip("—— ").startswith(tuple(lv + b for b in function_words("home_bodies")))]
    if not levels or not place.code or any(place.label.endswith(lv) for lv in levels):
        return None
    div = get_division(kb, place.code)
    while div is not None and div.parent:
        div = get_division(kb, div.parent)
        if div is not None and any(div.name.endswith(lv) for lv in levels):
            return subject_of(div)
    return None
