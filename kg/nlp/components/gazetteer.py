"""PlaceGazetteer: register names, anaphors, suffix villages and head-noun places.

Four passes over the article text, all on characters:

1. register names from :mod:`kg.register.divisions` (full names, abbreviations, stems) with an
   Aho-Corasick automaton; longest matches win; which division a name is on this page is
   the page linker's answer (``ctx.readings.division``; a name with no reading is dropped);
2. anaphors (该旗, 全旗 …; what they refer to is the linker's answer, ``ctx.readings.anaphor``)
   and a bare 自治区 (the page's province when it is one);
3. places outside the register by head noun (…自然保护区, …开发区, …地区;
   ``lexicons/place_heads.tsv``), lying in the place named inside them or the subject;
4. villages and townships outside the register by suffix (…嘎查, …村, …镇), lying in the
   place right before them or the article's subject place.

Why the two questions are asked here, while spans are found, and not left to the linker:
the later passes and components build on the answers (see :mod:`kg.link.readings`). The
mentions name entities as data (:class:`kg.context.Ref`); no key is minted here.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

import jieba

from kg.nlp.components.generic import counted_start, descriptive_only, tiered
from kg.nlp.components._scan import (Cover, _tags, automaton, back_scan, crosses_word, dict_words, has_adverb, is_cjk,
                                     iter_matches, name_quotes, quotes, titles, trim_name, within_any, word_around)
from kg.text.sentences import sentence_at, sentence_spans
from kg.lexicon import (Lexicon, country_names, function_chars, function_words, level_suffix_rows, local_suffixes,
                        words)
from kg.context import ArticleContext, Ref
from kg.nlp.components.base import RuleComponent
from kg.nlp.spans import Found
from kg.nlp.types import Mention
from kg.register.facts import division_class, inside

__all__ = ["PlaceGazetteer", "register_automaton", "register_matches", "matches_within", "scan_register",
           "short_name_ok"]

_DICT_FREQ = 50  # a name that is a jieba word this frequent is an ordinary word


def _kb():
    from kg.register.divisions import get_kb

    return get_kb()


@lru_cache(maxsize=1)
def register_automaton():
    """Automaton over every register surface (minus ``place_stoplist``), built once."""
    stop = words("place_stoplist", "surface")
    bits = ((1, "full"), (2, "abbrev"), (4, "stem"))
    kb = _kb()
    try:
        items = kb.surfaces(levels=("Province", "Prefecture", "County", "Township"))
    except TypeError:  # a knowledge base without level filtering
        items = kb.surfaces()
    kinds: dict[str, tuple[str, ...]] = {}
    for surface, mask in items:
        if len(surface) < 2 or surface in stop:
            continue
        if isinstance(mask, str):
            names = kinds.get(surface, ()) + (mask,)
        else:
            names = tuple(name for bit, name in bits if mask & bit)
        kinds[surface] = names
    return automaton(kinds.items())


def _longest(matches):
    """Non-overlapping matches, longest first, then leftmost.

    Taken characters are marked in a byte array, so each match is checked in time
    proportional to its length (comparing it with every match taken so far made a
    page's scan quadratic in its number of register names).
    """
    taken = bytearray(max((m[1] for m in matches), default=0))
    out = []
    for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        s, e = m[0], m[1]
        if taken.find(1, s, e) < 0:
            taken[s:e] = b"\x01" * (e - s)
            out.append(m)
    return sorted(out)


def register_matches(text: str) -> tuple:
    """Every match of the register automaton in ``text`` (overlapping; :func:`scan_register` chooses)."""
    return tuple(iter_matches(register_automaton(), text))


def matches_within(matches: tuple, start: int, end: int) -> tuple:
    """The matches lying in ``[start, end)``, shifted to offsets from ``start``.

    Why: a match depends only on the characters it covers, so an article's or a
    headline's matches are the page's matches inside it; the page is scanned once with
    the large register automaton, not two or three times.
    """
    return tuple((s - start, e - start, surface, kinds) for s, e, surface, kinds in matches
                 if s >= start and e <= end)


def scan_register(text: str, raw: tuple | None = None):
    """Register matches ``(start, end, surface, kinds)`` of a text, longest first.

    ``raw``, when given, holds the automaton's matches in ``text`` already (the page is
    scanned once, :func:`register_matches`; an article's or headline's share of them is
    passed down with its context). Short forms (abbreviations and stems, no level word)
    that the text shows to be something else are dropped (:func:`short_name_ok`): page
    context, article subjects and mentions then never rest on an ordinary word read as a
    county.
    """
    if raw is None:
        raw = register_matches(text)
    quoted = quotes(text)
    out = []
    for m in _longest(raw):
        s, e, surface, kinds = m
        chained = bool(out) and out[-1][1] == s  # 青海海东: right after another register name
        if "full" not in kinds and not short_name_ok(text, s, e, quoted, chained=chained):
            continue
        out.append(m)
    return out


_COMMON_TAGS = ("n", "v", "vn", "a", "an", "d", "i", "l", "t")  # not person-name tags (阿里-like names)
_COMMON_FREQ = 300      # a short name this frequent as a common word is that word (a noun: 光明, 平安)
_CROSS_FREQ = 20        # a dictionary word this frequent crossing the name's edge (长寿|命 in 长寿命)


def short_name_ok(text: str, s: int, e: int, quoted=(), chained: bool = False) -> bool:
    """Can ``text[s:e]``, a register short form with no level word, be read as a place?

    Grammar and the dictionary, no names: not when the short form is a frequent common
    word (a noun or verb that is no place name in the jieba dictionary), when a
    frequent dictionary word crosses its edge (the name is part of a longer word:
    …山 mountain, …寺 temple, …全 in 安全), when a township or village suffix follows (the
    name is that township's: X镇), when a photo credit follows (a person's name), or
    when it sits inside a quotation that is more than the name (a slogan or a scheme's
    name: nothing inside is annotated). Right after another register name (``chained``:
    安徽X) a short form is a place even when the dictionary also knows it as a noun.

    >>> short_name_ok("在东胜区公安局", 1, 3), short_name_ok("东胜镇政府", 0, 2)
    (True, False)
    """
    surface = text[s:e]
    tags = _tags()
    freq = jieba.dt.FREQ
    tag = tags.get(surface, "")
    if tag in _COMMON_TAGS and freq.get(surface, 0) >= _COMMON_FREQ and not chained:
        return False
    if text.startswith(local_suffixes(), e) or text.startswith(function_words("photo_credit"), e):
        return False  # X镇: the township's own name; 某某摄: a photographer
    if e < len(text) and text[e] in function_chars("landmark_chars"):
        return False
    k = bisect_left(quoted, (s,)) - 1  # quotations do not overlap: only the last one opened before s can hold it
    if k >= 0 and e < quoted[k][1] and text[quoted[k][0] + 1:quoted[k][1] - 1] != surface:
        return False
    lo, hi = max(0, s - 3), min(len(text), e + 3)
    pos = lo
    for tok in dict_words(text[lo:hi]):
        a, b = pos, pos + len(tok)
        pos = b
        if b <= s or a >= e or (a >= s and b <= e):
            continue
        if tags.get(tok, "") == "ns" and (a == s or b == e):
            continue  # 上海市, 西藏阿里: a longer place word
        if freq.get(tok, 0) >= _CROSS_FREQ:
            return False
    return True



def _verb_before(text: str, pos: int) -> str:
    """The few characters before ``pos``, less a 了 ending them: where a verb governing a place ends."""
    return text[max(0, pos - 6):pos].removesuffix("了")


def _standalone(text: str, s: int, e: int) -> bool:
    """A city's short name standing as a place on its own: a dateline, a place gone to or come from, a list item.

    Why: the page's context cannot settle a city elsewhere in the country, but where it
    stands leaves no other reading — 本报X1月5日电 (the dateline), X、Y、Z等地 (a list
    of places); there a short name that names one city in the whole country is that city.
    """
    if text.endswith(function_words("dateline_open"), 0, s) and (
            text[e:e + 1].isdigit() or text.startswith(function_words("dateline_close"), e)):
        return True
    if text.endswith(function_words("place_frame_before"), 0, s) and \
            text.startswith(function_words("place_frame_after"), e):
        return True  # 记者从X获悉, 来到X，: a place the sentence goes to or comes from
    return text.startswith("、", e) or (
        text.endswith("、", 0, s) and text.startswith(function_words("place_list_next"), e))


def _suffix_classes(rows) -> dict[str, str]:
    """Township and village suffixes (苏木, 镇, 嘎查, 村 …) → class, from the divisions table (levels are class names)."""
    return {suffix: level for suffix, level in rows if level in ("Township", "Village") and suffix}


_CHAINED_NAME = 12  # characters an area's name may run to right after a full place's name
_FORMER = "原"  # 原X村: a village before a merger, named X村
_COMMON_IN_NAME = 1000  # a word this frequent (农村, 城市) in a would-be name makes it generic
_NEAR_REACH = 12  # characters between two register names of one clause for the first to read the second
_FAMILY_HOME, _FAMILY_FREQ = "家", 1000  # X家村: a family's village, unless X家 is a frequent word (大家)


#: Divisions whose name, written right before a suffix name, makes that name a place.
_CHAIN_PARENTS = ("Prefecture", "County", "Township")
_AFTER_FREQ = 50  # a word ending at the suffix this common (乡村) keeps it inside that word
_VILLAGE_LEVELS = ("村", "嘎查", "社区")  # anaphors of these levels may name the paragraph's village


def _village_word_name(name: str, suffix: str) -> bool:
    """True when a dictionary word before a village suffix is still a village's name.

    Why: villages are named after families and landmarks (张家村, 营盘村) whose stems are
    also dictionary words, so the word test refuses them; the national village list
    (``lexicons/villages.tsv.gz``) tells a real name from a phrase, but it also holds
    names that are common words (城中村, 东西村), so only a rare word, or a family's
    name (one character and 家, not a frequent word such as 大家, 国家), is let through.
    """
    freq = jieba.dt.FREQ.get(name, 0)
    shaped = freq < _COMMON_FREQ or (len(name) == 2 and name.endswith(_FAMILY_HOME) and freq < _FAMILY_FREQ)
    return shaped and bool(_kb().village_parent_candidates(name + suffix))


def _word_after(text: str, s: int, e: int) -> bool:
    """True when the suffix ``text[s:e]`` ends a name before a word it would otherwise start (X村|落实).

    Why: 村落, 镇长 are words, but in X村落实, X镇长期 the word after the suffix is the more
    common one (落实, 长期), and nothing before the suffix joins it.
    """
    freq = jieba.dt.FREQ
    return freq.get(text[e:e + 2], 0) > freq.get(text[s:e + 1], 0) and freq.get(text[s - 1:e], 0) < _AFTER_FREQ


def _story_area(place) -> str | None:
    """The code of ``place`` when it is a county or township (a province or prefecture is too
    wide a net to tell one village of a name from another), else None."""
    return place.code if place is not None and place.code and place.cls in ("County", "Township") else None


def _in_area(township: str, area: str) -> bool:
    return township == area or inside(_kb(), township, area)


def _outside(div, place) -> bool:
    """True when ``place`` is a county or township and the village ``div`` lies outside it."""
    area = _story_area(place)
    return area is not None and not _in_area(div.parent, area)


def _local_village(label: str, place) -> bool:
    """True when the national village list has a village ``label`` inside ``place`` (a county or township).

    Why: villages are often named by common words (光明村, 团结村, 胜利村) that the word test
    refuses anywhere; in a story about a county that has a village of that very name, the
    word standing as a name (``_named_there``) names that village.
    """
    area = _story_area(place)
    return area is not None and any(_in_area(t.code, area) for t in _kb().village_parent_candidates(label))


def _near_codes(text: str, regs: list, s: int) -> frozenset:
    """Codes of the register places read just before ``s`` in its clause (海东市公安局乐都分局…).

    ``regs`` are in text order, so only the last few can end within reach.
    """
    ends = function_chars("clause_end")
    codes = []
    for r in reversed(regs):
        if s - r.end > _NEAR_REACH:
            break
        if r.end <= s and not any(c in ends for c in text[r.end:s]):
            codes.append(r.code)
    return frozenset(codes)


def _holds_common_word(name: str) -> bool:
    """True when a very frequent common word (not a place or person name) is in ``name``."""
    tags = _tags()
    freq = jieba.dt.FREQ
    return any(len(t) >= 2 and t != name and freq.get(t, 0) >= _COMMON_IN_NAME
               and not tags.get(t, "").startswith("nr") for t in dict_words(name))


def _is_word(name: str) -> bool:
    """An ordinary dictionary word; a rare place-name word (tag ns) is a name."""
    f = jieba.dt.FREQ.get(name, 0)
    if _tags().get(name, "").startswith("ns") and f < _COMMON_FREQ:
        return False
    return f >= _DICT_FREQ


def _strip_parents(inner: list, start: int, head_start: int):
    """(parent, start, inner) after peeling the full register names that open a place name.

    A chain of full names before the name (泰州市兴化市X工业园区) states where the place
    lies; they are its parents, not part of its label, as long as two characters of name
    remain; so is a province's or prefecture's short form (上海X小区) or a region (渝东北X库区). A stem stays in the
    name (X工业园区 named after county X).
    """
    parent = None
    while inner and inner[0].start == start and head_start - inner[0].end >= 2 and (
            inner[0].kind in ("full", "region") or inner[0].kind == "abbrev" and inner[0].cls in ("Province", "Prefecture")):
        parent, start, inner = inner[0], inner[0].end, inner[1:]
    return parent, start, inner


class PlaceGazetteer(RuleComponent):
    """spaCy component: place mentions into ``doc.spans["kg_places"]``."""

    def __init__(self, nlp=None, name: str = "kg_places", *, heads: str = "place_heads",
                 generic: str = "org_generic_names", max_name: int = 8) -> None:
        self.max_name = max_name
        self.tables = {"heads": heads, "generic": generic}
        super().__init__(name)

    def setup(self, lex: Lexicon) -> None:
        rows = lex.table(self.tables["heads"], ("head", "cls", "min_name", "dict_check"))
        self.heads = {r["head"]: r for r in rows}
        self.head_auto = automaton((h, h) for h in self.heads)
        self.suffixes = _suffix_classes((r.suffix, r.level) for r in level_suffix_rows())
        self.suffix_auto = automaton((s, s) for s in self.suffixes)
        self.generic = lex.words(self.tables["generic"], "name")
        self.region_auto = automaton(
            (r["abbreviation"] + d, r["province"]) for r in lex.table("province_abbreviations",
                                                                      ("abbreviation", "province", "regions"))
            if r["regions"] == "yes" for d in function_words("region_directions"))
        self.foreign_auto = automaton((n, n) for n in lex.words("foreign_regions", "name") | country_names())
        rows = lex.table("anaphora", ("surface", "target", "level"))
        self.anaphora_auto = automaton((s, s) for s in [*(r["surface"] for r in rows), "自治区"])
        self.village_anaphora_auto = automaton((r["surface"], r["surface"]) for r in rows
                                               if r["target"] == "place" and r["level"] in _VILLAGE_LEVELS)
        self.adapt_words = tuple(sorted({p.pattern for p in lex.patterns("relation_triggers")
                                         if p.label == "ADAPT" and p.id == "adapt"}))
        # heads of a village's own bodies (村委会, 党支部): X村 before them is a village
        self.village_heads = tuple(sorted({p.pattern for p in lex.patterns("org_heads")
                                           if "Village" in (p.get("chain_cls") or ())}))
        self.body_heads = tuple(sorted({p.pattern for p in lex.patterns("org_heads") if p.label == "ORG"
                                        and (len(p.pattern) >= 2 or p.get("scan_stop"))}))

    def match(self, doc) -> Found:
        ctx: ArticleContext = doc._.kg_context or ArticleContext()
        text = doc._.kg_text
        read = ctx.readings
        mentions: list[Mention] = []
        regs: list[Mention] = []
        for s, e, surface, kinds in scan_register(text, ctx.register):
            if len(surface) == 2 and surface[0] in function_chars("name_joiners") and s > 0 and \
                    text[s - 1] not in function_chars("clause_open") and \
                    not any(r.end == s for r in regs):
                continue  # 法院和县司法局: 和 joins two bodies (和县 only after its prefecture)
            if surface.startswith(function_words("co_verbs")) and text.endswith(self.body_heads, 0, s) and \
                    not any(r.end == s for r in regs):
                continue  # 县委政法委会同县民政局: the verb 会同 after a body, not the county 会同县
            near = _near_codes(text, regs, s)
            for kind in kinds:
                div = read.division(surface, kind, stem_prefecture=kind == "stem" and not word_around(text, s, e),
                                    near=near)
                if div is None and kind in ("stem", "abbrev") and self._after_adapt(text, s, e):
                    div = read.unique(surface, kind)
                if div is None and kind == "stem" and _standalone(text, s, e):
                    div = read.unique(surface, kind)
                    div = div if div is not None and division_class(div) == "Prefecture" else None
                if div is not None:
                    break
            else:
                continue
            cls = division_class(div)
            regs.append(Mention(s, e, "place", cls, surface, div.name, Ref.division(div.code),
                                kind=kind, code=div.code, level=cls))
        mentions += regs
        mentions += self._foreign(text, regs)
        mentions += self._regions(text, mentions)
        mentions += self._anaphors(text, ctx, regs)
        mentions += self._head_places(text, ctx, mentions)
        mentions += self._suffix_places(text, ctx, mentions)
        mentions += self._village_anaphors(text, ctx, mentions)
        mentions = self._areas_reparented(text, ctx, mentions)
        tspans = titles(text)
        mentions = [m for m in mentions if not any(a < m.start and m.end < b for a, b in tspans)]
        return Found(mentions=tuple(mentions))

    def _after_adapt(self, text: str, s: int, e: int) -> bool:
        """A short form right after a learning verb (借鉴了X) and before a quote or 的."""
        return _verb_before(text, s).endswith(self.adapt_words) and e < len(text) and \
            text[e] in function_chars("after_learned_place")

    # -- passes ---------------------------------------------------------------------------
    def _foreign(self, text, regs):
        """Regions and countries abroad (``lexicons/foreign_regions.tsv``, ISO 3166-1): places with no parent here."""
        taken = Cover(len(text), ((m.start, m.end) for m in regs))
        out = []
        for s, e, name, _ in sorted(iter_matches(self.foreign_auto, text), key=lambda h: (h[0], -h[1])):
            if taken.overlaps(s, e):
                continue
            taken.add(s, e)
            out.append(Mention(s, e, "place", "Place", name, name, Ref.named("place", name), kind="foreign"))
        return out

    def _regions(self, text, mentions):
        """Regions named by a province's abbreviation and a direction (陕南, 苏北, 渝东北): places in it.

        Why: news names parts of a province this way (no register holds them); a pair that
        is the end and start of other words (江苏北部: 江苏 + 北部) is none, unless the
        dictionary knows the pair as a place name (滇西边境).
        """
        tags = _tags()
        taken = Cover(len(text), ((m.start, m.end) for m in mentions))
        out = []
        for s, e, name, province in sorted(iter_matches(self.region_auto, text), key=lambda h: (h[0], -h[1])):
            if taken.overlaps(s, e):
                continue
            known = tags.get(name) == "ns"  # the dictionary's place names (滇西) stand anywhere
            if not known and crosses_word(text, s, e, _DICT_FREQ):
                continue  # 江苏北部: the end of one word and the start of another
            div = next((m.division for m in _kb().lookup(province) if m.kind == "full"), None)
            if div is None:
                continue
            taken.add(s, e)
            out.append(Mention(s, e, "place", "Place", name, name, Ref.named("place", name), kind="region",
                               parent_place=Ref.division(div.code)))
        return out

    def _anaphors(self, text, ctx, regs):
        covered = Cover(len(text), [(m.start, m.end) for m in regs])
        out = []
        for s, e, surface, _ in iter_matches(self.anaphora_auto, text):
            if covered.overlaps(s, e):
                continue
            if surface == "自治区":
                prov = ctx.places_by_level.get("自治区")
                if prov is None or (s > 0 and text[s - 1] in function_chars("region_determiners")):
                    continue
                out.append(Mention(s, e, "place", prov.cls, surface, prov.label, prov.ref,
                                   kind="abbrev", code=prov.code, level=prov.cls))
                continue
            subj = ctx.readings.anaphor(surface)
            if subj is not None:
                out.append(Mention(s, e, "anaphor", subj.cls, surface, subj.label, subj.ref,
                                   kind="anaphor", code=subj.code, entity=False))
        return out

    def _village_anaphors(self, text, ctx, mentions):
        """该村, 村里 in an article about a county: the village the paragraph last named.

        Why: an article's subject is rarely a village, yet its paragraphs tell of one village
        after another (X村是…。村里还成立了…); within a paragraph the village word refers to
        the village written last before it.
        """
        out = []
        villages = sorted((m for m in mentions if m.family == "place" and m.cls == "Village" and m.entity),
                          key=lambda m: m.end)
        taken = Cover(len(text), [(m.start, m.end) for m in mentions])
        for s, e, surface, _ in iter_matches(self.village_anaphora_auto, text):
            if taken.overlaps(s, e) or ctx.readings.anaphor(surface) is not None:
                continue
            para = text.rfind("\n", 0, s) + 1
            ante = [v for v in villages if para <= v.start and v.end <= s]
            if ante:
                v = ante[-1]
                out.append(Mention(s, e, "anaphor", v.cls, surface, v.label, v.ref,
                                   kind="anaphor", code=v.code, entity=False))
        return out

    def _head_places(self, text, ctx, mentions):
        out = []
        ends = {m.end: m for m in mentions if m.family == "place"}
        hits = sorted(iter_matches(self.head_auto, text), key=lambda h: (-(h[1] - h[0]), h[1]))
        decided: set[int] = set()  # ends whose longest head was read
        level_words = [(a, b) for a, b, _, _ in iter_matches(self.anaphora_auto, text)]
        inquote = within_any(quotes(text))
        for s, e, head, _ in hits:
            if e in decided:
                continue  # the longest head ending here decides: 重点工业园区 is no 重点工业 + 园区
            decided.add(e)
            reg = ends.get(e)
            if reg is not None and reg.start <= s:
                continue  # the head closes a register name (X地区, X新区): that place, no new one
            if any(text.startswith(h, e) for h in self.heads):
                continue  # X家园小区: the head goes on into another; the last one closes the name
            row = self.heads[head]
            start = back_scan(text, s, self.max_name)
            reach = back_scan(text, s, _CHAINED_NAME)
            after = max((m.end for m in mentions if m.family == "place" and m.kind == "full"
                         and reach <= m.end <= s - 2), default=None)
            if after is not None:
                start = after  # right after a full place the whole name is the area's (X县Y湖黑颈鹤抢救保护基地)
            else:
                start += trim_name(text[start:s])
            start = self._after_body(text, start, s)  # 公安局花园派出所: 花园 is the station's name
            start = self._after_local_name(text, start, s, int(row["min_name"]))
            start = next((b for a, b in level_words if a < start < b), start)  # 全市边境地区: 全市 + 边境地区
            if inquote(start, e):
                continue  # “守护X家园”: words of a quoted name, no place
            # the name may begin with a register place: 七里河工业园区 (stem), 科尔沁左翼中旗红星开发区
            inner = [m for m in mentions if m.family == "place" and start <= m.start and m.end <= s]
            name = text[start:s]
            if len(name) < int(row["min_name"]) or name in self.generic:
                continue
            home = next((w for w in function_words("home_words") if w and name.startswith(w)), "")
            if descriptive_only(name[len(home):]) or tiered(name):
                continue  # 国家级 + 自然保护区, 自治区重点 + 工业园区, 我县重点 + 园区: a kind of place, no name
            if name.endswith(tuple(function_words("motion_verbs"))):
                continue  # 普法进小区, 调解入园区: a slogan of taking work somewhere, no place
            if row["dict_check"] == "yes" and _is_word(name):
                continue
            e = self._block_after(text, e)
            parent, start, inner = _strip_parents(inner, start, s)
            if parent is None and inner:
                parent = inner[0]
            label = text[start:e]
            if parent is None and start in ends:
                parent = ends[start]
            if parent is None:
                parent = self._place_before(text, ctx, mentions, start)
            parent_ref = parent.ref if parent is not None else (ctx.place.ref if ctx.place else None)
            if any(o.start < e and start < o.end for o in out):
                continue
            for m in inner:
                if m.kind in ("stem", "abbrev"):
                    m.entity = False  # a short name inside a place name is no place of its own
            out.append(Mention(start, e, "place", row["cls"], label, label,
                               Ref.named("place", label), kind="head", parent_place=parent_ref,
                               inner=tuple(m.ref for m in inner)))
        return out

    @staticmethod
    def _block_after(text: str, e: int) -> int:
        """Extend a compound's name over a lettered or numbered block after it (X花园B区, X小区二期)."""
        if e + 1 < len(text) and text[e + 1] in "区期" and (text[e].isascii() and text[e].isalnum()
                                                             or text[e] in function_chars("count_numerals")):
            return e + 2
        return e

    @staticmethod
    def _after_local_name(text: str, start: int, s: int, min_name: int) -> int:
        """Move ``start`` past a township's or village's name that opens the scanned name.

        Why: in X镇Y小区, X社区Y花园 the backward scan runs over the township or village the
        compound lies in (not yet read: suffix names are read after head names); the
        compound's own name starts after that suffix (the scan may have cut the village's
        name: two characters of a name must stand before the suffix in the text). A suffix
        leaving too short a name after it (镇江新区) is no boundary.
        """
        seg = text[start:s]
        for i in range(len(seg) - min_name, 1, -1):
            for suffix in local_suffixes():
                j = i - len(suffix)
                if j >= 0 and seg.startswith(suffix, j) and start + j >= 2 and \
                        all(is_cjk(c) for c in text[start + j - 2:start + j]) and \
                        not _is_word(text[start + j - 2:start + i]):
                    return start + i
        return start

    def _areas_reparented(self, text: str, ctx: ArticleContext, mentions: list[Mention]) -> list[Mention]:
        """Areas given the article's place for want of a parent, read again once townships are known.

        Why: townships and villages written by their suffix (在X镇的Y景区) are read after the
        areas, so an area's sentence is looked at again for the place it lies in.
        """
        home = ctx.place.ref if ctx.place is not None else None
        out = []
        for m in mentions:
            if m.kind == "head" and not m.inner and m.parent_place == home:
                p = self._place_before(text, ctx, mentions, m.start, coded=False)
                if p is not None and p.ref != home:
                    m = replace(m, parent_place=p.ref)
            out.append(m)
        return out

    def _place_before(self, text: str, ctx: ArticleContext, mentions, start: int,
                      levels: tuple[str, ...] = ("County", "Township", "Village"), coded: bool = True):
        """The county- or lower-level register place named last before ``start`` in its sentence.

        Why: a managed area written without its parent (…，X古镇…) lies in the county,
        township or village the sentence has just named (a village without its chain, in
        the county: X镇和Y村 lists two places), more specifically than in the article's
        place; with none named, the article's place is its parent. A place learned from
        (学习借鉴X等地做法) is elsewhere, no parent.
        """
        spans = ctx.sentences or tuple(sentence_spans(text))
        lo, _ = sentence_at(spans, start)
        places = [m for m in mentions if m.family == "place" and lo <= m.start and m.end <= start]
        best = None
        for m in places:
            if (m.code or not coded) and m.entity and m.cls in levels and (best is None or m.end > best.end) and \
                    not self._learned_from(text, m, places):
                best = m
        return best

    def _learned_from(self, text: str, m: Mention, places) -> bool:
        """``m`` (with the places written right before it: 浙江X) follows a learning verb, or is
        visited to learn (到X学习)."""
        start = m.start
        while (prev := next((p for p in places if p.end == start), None)) is not None:
            start = prev.start
        head = _verb_before(text, start)
        # 到X学习: a place visited to learn from
        return head.endswith(self.adapt_words) or (
            head.endswith(function_words("visit_words")) and text.startswith(self.adapt_words, m.end))

    def _after_body(self, text: str, start: int, end: int) -> int:
        """Move ``start`` past the last body head inside ``text[start:end]``.

        A village or township name never holds a body's head noun: in …分局X镇派出所 or
        …派出所社区民警 the backward scan overran a body's name (X镇 is the place; after
        派出所 nothing is left).
        """
        seg = text[start:end]
        cut = max((seg.rfind(h) + len(h) for h in self.body_heads if h in seg), default=0)
        return start + cut

    def _named_there(self, text: str, start: int, end: int) -> bool:
        """X村 stands as a name: its own body follows (X村党支部) or a word of going or being there precedes (在X村).

        (A common word + 村 elsewhere is a phrase: 建设新农村, 创建文明村.)
        """
        return text.startswith(self.village_heads, end) or text.endswith(function_words("place_frame_before"), 0, start)

    def _suffix_places(self, text, ctx, mentions):
        out = []
        taken = Cover(len(text), ((m.start, m.end) for m in mentions))
        ends = {m.end: m for m in mentions if m.family == "place"}
        head_starts = {m.start: m for m in mentions if m.family == "place" and m.kind == "head"}
        stops = set(ends)
        inquote = within_any(name_quotes(text))  # a quoted name holds no place; a quoted speech does
        for s, e, suffix, _ in sorted(iter_matches(self.suffix_auto, text)):
            if taken.overlaps(s, e):
                continue
            if word_around(text, s, e) and not text.startswith(self.village_heads, e) \
                    and not text.startswith(suffix, e) and not _word_after(text, s, e):
                continue  # 乡村, 乡镇, 村民: the suffix is part of an ordinary word (X村村委会, X村村民 are not)
            start = back_scan(text, s, 6, stops=stops)
            start = self._after_body(text, start, s)
            if start not in ends:  # after its parent's name nothing is a verb phrase (X街道Y社区)
                start += trim_name(text[start:s])
            if text.startswith(_FORMER, start) and s - start > 2:
                start += len(_FORMER)  # 原X村: the former village X村
            while s - start > 2 and start > 0 and jieba.dt.FREQ.get(text[start - 1:start + 1], 0) >= _COMMON_IN_NAME:
                start += 1  # 和谐新湖乡: the name does not start inside a common word (和|谐)
            name = text[start:s]
            prev = ends.get(start)
            # right after its county or township (X区Y街道Z社区) a name is a name even when it
            # is also a common word (a verb or a noun): the chain leaves no other reading
            chained = prev is not None and prev.cls in _CHAIN_PARENTS and prev.entity
            if len(name) < 2 or name in self.generic or name in self.suffixes \
                    or (not chained and (_is_word(name) or _holds_common_word(name))
                        and not _village_word_name(name, suffix) and not (
                            self._named_there(text, start, e) and _local_village(name + suffix, ctx.place))) \
                    or has_adverb(name) or name[0] in function_chars("not_name_start") or inquote(start, e) \
                    or counted_start(text, start, name) or descriptive_only(name):
                continue  # N个嘎查村: a count of villages, no name
            if any(name.startswith(g) for g in self.generic if len(g) >= 2):
                continue
            label = name + suffix
            chain_parent = prev if chained else None
            if prev is None or prev.cls not in ("County", "Township"):
                # a village lies in the township its sentence has named (X镇的Y村, 在X镇，Y村…)
                levels = ("County", "Township") if self.suffixes[suffix] == "Village" else ("County",)
                prev = self._place_before(text, ctx, mentions + out, start, levels=levels)
            parent_ref = prev.ref if prev is not None else (ctx.place.ref if ctx.place else None)
            taken.add(start, e)
            stops.add(e)
            div = ctx.readings.division(label, "full")
            stated = chain_parent or (prev if prev is not None and prev.cls == "Township" else None)
            if div is not None and stated is not None and stated.code and div.parent != stated.code:
                div = None  # X街道Y社区, X镇的Y村: a same-named village of another township is not this one
            elif div is not None and stated is None and _outside(div, ctx.place):
                div = None  # a village of the same name in another county: not the one this story is in
            if div is not None:
                out.append(Mention(start, e, "place", division_class(div), label, div.name,
                                   Ref.division(div.code), kind="full", code=div.code,
                                   level=division_class(div)))
            else:
                out.append(Mention(start, e, "place", self.suffixes[suffix], label, label,
                                   Ref.named("place", label), kind="suffix", parent_place=parent_ref))
            ends[e] = out[-1]  # the next name of a chain (X街道Y社区) reads this one as its parent
            if e in head_starts:
                head_starts[e].parent_place = out[-1].ref  # X镇Y小区: the compound lies in X镇
        return out
