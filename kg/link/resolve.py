"""Mention → entity: place disambiguation by page context, and article anaphora.

A register name can be ambiguous (many counties share a stem; 城关镇 exists hundreds of
times). The page settles it: the places a page names in full give its province and
prefectures (``context codes``); an ambiguous surface is kept only when exactly one
reading lies inside them. Anaphors (该旗, 全旗, 该院, 自治区 …) refer to the subject of
the article they stand in (gold/GUIDE.md, "Unit: one source file").
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from kg.lexicon import subject_level_words, table
from kg.context import ArticleContext, Ref, Subject
from kg.register.facts import division_class, get_division

__all__ = ["page_context", "resolve_division", "resolve_unique", "anaphor_target", "level_place", "build_levels",
           "ANAPHORA"]


def _ancestors(kb, code: str) -> list:
    try:
        return list(kb.ancestors(code))
    except (KeyError, ValueError):  # an unknown code simply has no ancestors
        return []


def page_context(kb, surfaces) -> tuple[str | None, frozenset[str]]:
    """Province code and context codes of a page from its unambiguous full/abbrev names.

    Parameters
    ----------
    kb : DivisionKB
    surfaces : iterable of (surface, kind)
        Register surfaces found on the page.

    Returns
    -------
    (province_code or None, frozenset of codes named on the page and their ancestors)
    """
    codes: set[str] = set()
    provinces: Counter = Counter()
    for surface, kind in surfaces:
        if kind not in ("full", "abbrev"):
            continue
        matches = [m for m in kb.lookup(surface) if m.kind == kind
                   and division_class(m.division) in ("Province", "Prefecture", "County")]
        if len(matches) != 1:
            continue
        div = matches[0].division
        chain = [div, *_ancestors(kb, div.code)]
        codes.update(d.code for d in chain)
        top = chain[-1]
        if division_class(top) == "Province":
            provinces[top.code] += 1
    province = min(provinces, key=lambda c: (-provinces[c], c)) if provinces else None
    return province, frozenset(codes)


def _best_supported(kb, divs: dict, ctx_codes) -> list:
    """The readings inside the page context whose support is the most specific.

    A reading is supported by the page when it, or one of its ancestors, is a place the
    page names in full. 鼓楼区 on a page naming 江苏省南京市 has two readings in 江苏省
    (南京市's and 徐州市's) but only one in 南京市: the deeper the place that supports a
    reading, the more the page says about it, so the readings supported deepest win.
    """
    depth: dict[str, int] = {}
    for c in sorted(divs):
        chain = [c, *(a.code for a in _ancestors(kb, c))]
        # the chain runs from the reading up: the first named place is the deepest support
        k = next((i for i, x in enumerate(chain) if x in ctx_codes), None)
        if k is not None:
            depth[c] = len(chain) - k
    if not depth:
        return []
    best = max(depth.values())
    return [divs[c] for c in sorted(depth) if depth[c] == best]


def resolve_division(kb, surface: str, kind: str, ctx: ArticleContext, stem_prefecture: bool = False,
                     codes=None):
    """The division a surface of the given kind stands for on this page, or None.

    Full names and abbreviations that are unique nationally are accepted anywhere;
    ambiguous ones and stems only when one reading lies inside the page context (or
    inside ``codes`` when given instead). A stem of a prefecture (兰州) is read only with
    ``stem_prefecture`` (the caller has checked it is no part of an ordinary word: 长治久安).
    """
    matches = [m for m in kb.lookup(surface) if m.kind == kind]
    if not matches:
        return None
    divs = {m.division.code: m.division for m in matches}
    ctx_codes = ctx.context_codes if codes is None else codes
    inside = _best_supported(kb, divs, ctx_codes)
    if kind == "stem":
        # a stem is read only for a place the page names (or one inside a place it names)
        named = [d for d in inside if d.code in ctx_codes
                 or division_class(d) in ("County", "Township")
                 or (stem_prefecture and division_class(d) == "Prefecture")]
        return named[0] if len(named) == 1 else None
    if len(divs) == 1:
        div = next(iter(divs.values()))
        if division_class(div) == "Township" and not inside:
            return None  # township names repeat across the country; need page support
        return div
    return inside[0] if len(inside) == 1 else None


def resolve_unique(kb, surface: str, kind: str):
    """The one county or prefecture a short form names in the whole country, or None.

    For a short form the page context cannot settle because the place lies elsewhere: a
    place a scheme was learned from (借鉴<stem>“…”经验) is usually in another province.
    """
    matches = {m.division.code: m.division for m in kb.lookup(surface) if m.kind == kind
               and division_class(m.division) in ("County", "Prefecture")}
    return next(iter(matches.values())) if len(matches) == 1 else None


@lru_cache(maxsize=1)
def ANAPHORA() -> dict[str, tuple[str, tuple[str, ...]]]:  # noqa: N802 - table accessor
    """surface → (target, levels) from ``lexicons/anaphora.tsv``."""
    return {r["surface"]: (r["target"], tuple(r["level"].split(",")))
            for r in table("anaphora", ("surface", "target", "level"))}


def anaphor_target(surface: str, ctx: ArticleContext) -> Subject | None:
    """The article subject an anaphor (该旗, 该院 …) refers to, when its level fits."""
    entry = ANAPHORA().get(surface)
    if entry is None:
        return None
    target, levels = entry
    if target == "place":
        subj = ctx.place
        if subj is not None and any(subj.label.endswith(lv) for lv in levels):
            return subj
        return ctx.places_by_level.get(levels[0])
    subj = ctx.body
    if subj is not None and any(subj.head.endswith(lv) or subj.label.endswith(lv) for lv in levels):
        return subj
    return None


def level_place(kb, ctx: ArticleContext, level_char: str) -> Subject | None:
    """The place a level word stands for (旗 → the subject banner, 市 → its prefecture).

    ``自治区``/``省`` give the page province.
    """
    return ctx.places_by_level.get(level_char)


def build_levels(kb, ctx: ArticleContext) -> dict[str, Subject]:
    """Map level words (旗, 县, 区, 市, 盟, 自治区, 省 …) to the subject place and its ancestors."""
    out: dict[str, Subject] = {}
    chain = []
    if ctx.place is not None and ctx.place.code:
        div = get_division(kb, ctx.place.code)
        if div is not None:
            chain = [div, *_ancestors(kb, div.code)]
    elif ctx.province:
        div = get_division(kb, ctx.province)
        if div is not None:
            chain = [div]
    if ctx.province and not any(division_class(d) == "Province" for d in chain):
        div = get_division(kb, ctx.province)
        if div is not None:
            chain.append(div)
    for div in chain:
        cls = division_class(div)
        subj = Subject(ref=Ref.division(div.code), label=div.name, cls=cls, code=div.code)
        for suffix in subject_level_words():
            if div.name.endswith(suffix) and suffix not in out:
                out[suffix] = subj
                break
    return out

