"""OrgGrammar: organisations from place + name + body head (``patterns/org_heads.jsonl``).

For every head noun (公安局, 人民检察院, 政法委, 中心, 派出所 …) the name is read backwards
(:func:`kg.nlp.components._scan.back_scan`) and classified:

- **place + name + head** (会宁县委政法委, 兰州市七里河区委政法委): canonical label is the
  most specific place + the rest, with the head in its canonical spelling (检察院 →
  人民检察院); the place named in full stays an entity, a stem does not;
- **level word + head** (旗委, 区委政法委, 旗级矛盾调处中心): the level word stands for the
  subject place or its ancestor at that level;
- **bare head** allowed for specific bodies (由政法委、司法局常驻) → subject place + head;
- **functional unit** (反诈中心, 禁毒大队, 刑事检察部门): in an article about a body that owns
  such units → body + unit; otherwise subject place + unit;
- **proper name + head** (红星警务服务中心, 红柳沟派出所): the label is the surface;
- **quoted team** (“马背宣讲队”, “漠北驼铃”护边队).

National bodies (党中央 …) come from ``lexicons/national_bodies.tsv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import jieba

from kg.link.canonical import entity_key
from kg.nlp.components.generic import descriptive_only, tiered
from kg.nlp.components._scan import automaton, back_scan, dict_words, is_cjk, iter_matches, quotes, titles, trim_name
from kg.lexicon import Lexicon, body_level_words, function_chars, function_words, last_named_levels
from kg.link.context import ArticleContext
from kg.nlp.components.base import RuleComponent
from kg.nlp.spans import Found, mention_id
from kg.nlp.types import Mention

__all__ = ["OrgGrammar"]

_WORD_FREQ = 50
_TIERS = re.compile(r"[两三四五][级个]")


@dataclass(slots=True)
class _Page:
    """One doc's places and the bodies read so far, shared by the steps of one ``match``."""

    text: str
    ctx: ArticleContext
    place_ends: dict[int, Mention]
    place_starts: dict[int, Mention]
    full_keys: frozenset[str]       # places named in full in the doc
    org_ends: dict[int, Mention]    # bodies read so far, by end
    kept: list[Mention]             # bodies read so far


class OrgGrammar(RuleComponent):
    """spaCy component: organisation mentions into ``doc.spans["kg_orgs"]``."""

    def __init__(self, nlp=None, name: str = "kg_orgs", *, heads: str = "org_heads",
                 functions: str = "unit_functions", generic: str = "org_generic_names",
                 national: str = "national_bodies", max_name: int = 24) -> None:
        self.max_name = max_name
        self.tables = {"heads": heads, "functions": functions, "generic": generic, "national": national}
        super().__init__(name)

    def setup(self, lex: Lexicon) -> None:
        self.heads = {p.pattern: p for p in lex.patterns(self.tables["heads"]) if p.label == "ORG"}
        self.head_auto = automaton((h, h) for h in self.heads)
        self.functions = lex.words(self.tables["functions"])
        self.fn_auto = automaton((w, w) for w in self.functions)
        self.functions_tuple = tuple(sorted(self.functions, key=len, reverse=True))  # longest first
        self.named_heads = tuple(h for h, p in self.heads.items() if p.get("named"))
        self.generic = lex.words(self.tables["generic"], "name")
        self.national = {r["name"] for r in lex.table(self.tables["national"], ("name", "cls"))}
        self.national_auto = automaton((n, n) for n in self.national)
        self.national_prefixes = tuple(r["prefix"] for r in lex.table("national_prefixes", ("prefix",)))
        self.owners = {p.get("owner") for p in self.heads.values() if p.get("owner")}
        self.owners |= {h for h, p in self.heads.items() if p.get("owns_units")}
        self.compounds = tuple(sorted(lex.words("org_name_compounds"), key=len, reverse=True))
        self.titles = tuple(sorted(lex.words("person_titles"), key=len, reverse=True))
        # a quoted name before one of these scheme heads is the scheme's (“X服务队”品牌)
        self.scheme_over_body = tuple(p.pattern for p in lex.patterns("scheme_heads") if p.get("outranks_body"))
        self.owner_words = tuple(sorted((p.pattern for p in lex.patterns("relation_triggers")
                                         if p.label == "OWNER"), key=len, reverse=True))
        # verbs after which a body's name does not go on (X局联合Y所, X局开展Y中心)
        self.act_words = tuple(sorted({p.pattern for p in lex.patterns("relation_triggers")
                                       if p.label in ("JOIN", "LAUNCH", "LEAD") and len(p.pattern) >= 2}))

    # -- helpers ---------------------------------------------------------------------------
    def _functional(self, name: str) -> bool:
        return any(name.startswith(w) for w in self.functions)

    def _named(self, body) -> bool:
        """The body's head takes a proper name (派出所, 边境管理支队): the places before are its name."""
        return body.label.endswith(self.named_heads)

    def _function_before(self, text: str, s: int) -> bool:
        """A unit's function word ends right before the head (民政|局, 宣传|部): a body's name."""
        return any(text.endswith(w, 0, s) for w in self.functions if len(w) >= 2)

    def _generic(self, name: str) -> bool:
        if name in self.generic:
            return True
        short = function_chars("generic_name_chars")  # 各, 全, 该: generic as one character too
        return any(name.startswith(g) for g in self.generic if len(g) >= 2 or g in short)

    @staticmethod
    def _counted(text: str, start: int, name: str) -> bool:
        """A counted mention (5个法官联系点, 三大中心) names a kind of body, not one body."""
        before = text[start - 1:start] if start > 0 else ""
        if before.isdigit() or before in function_words("count_before"):
            return True
        if _TIERS.search(name):
            return True  # X两级法院, 市县两级: bodies of several levels, no one body
        return len(name) >= 2 and name[0] in function_chars("count_numerals") and \
            name[1] in function_chars("count_measures")

    def _level(self, name: str, head: str):
        """(level word, rest) when ``name`` opens with a level word used as a place."""
        for lv in body_level_words():
            if name.startswith(lv):
                rest = name[len(lv):]
                if rest.startswith("级"):
                    return lv, rest[1:]
                if not rest and head:
                    return lv, rest
                if rest.startswith("委") or self._functional(rest) or rest in self.heads:
                    return lv, rest
                # 县林草局, 市湖长制办公室: the level word is a word of its own (not 市场, 区域)
                if len(rest) >= 2 and head and not self._generic(rest) and \
                        dict_words(name)[0] == lv:
                    return lv, rest
        return None

    def _word_continues(self, text: str, s: int, e: int) -> bool:
        """The head is the start of a longer ordinary word (局面, 中心城区), not of a title (党委书记)."""
        if text.startswith(self.titles, e):
            return False
        for n in (1, 2):
            w = text[s:e + n]
            if len(w) > e - s and e + n <= len(text) and jieba.dt.FREQ.get(w, 0) >= _WORD_FREQ:
                return True
        return False

    # -- component -------------------------------------------------------------------------
    def match(self, doc) -> Found:
        ctx: ArticleContext = doc._.kg_context or ArticleContext()
        text = doc._.kg_text
        mentions: list[Mention] = doc._.kg_mentions
        places = [m for m in mentions if m.family == "place"]
        place_ends = {m.end: m for m in places}
        qspans = quotes(text)
        tspans = titles(text)
        cands: list[Mention] = []
        for s, e, name, _ in iter_matches(self.national_auto, text):
            if any(a < s and e < b for a, b in tspans):
                continue  # 《…》: the issuer inside a document's title is no mention
            cands.append(Mention(s, e, "organisation", "Organisation", name, name,
                                 entity_key("organisation", name), kind="national"))
        by_end: dict[int, tuple[int, str]] = {}
        for s, e, head, _ in iter_matches(self.head_auto, text):
            if e not in by_end or e - s > by_end[e][1].__len__():
                by_end[e] = (s, head)
        skip: set[int] = set()
        for e, (s, head) in sorted(by_end.items()):
            q = next(((a, b) for a, b in qspans if a < s and e < b), None)
            if q is not None and e == q[1] - 1:
                m = self._quoted(text, q, head, ctx)
                if m is not None:
                    cands.append(m)
                skip.add(e)
                continue
            if q is not None or self._word_continues(text, s, e) or any(a < s < b for a, b in tspans):
                skip.add(e)
                continue
            if len(head) == 1 and s > 0 and s not in place_ends and text[s - 1:e] not in self.heads and \
                    jieba.dt.FREQ.get(text[s - 1:e], 0) >= _WORD_FREQ and not self._function_before(text, s):
                skip.add(e)  # 格局, 大局, 干部: the head closes an ordinary word (not 民政|局)
        kept: list[Mention] = [m for m in cands if m.kind == "national"]
        org_ends: dict[int, Mention] = {m.end: m for m in kept}
        page = _Page(text, ctx, place_ends, {m.start: m for m in places},
                     frozenset(m.key for m in place_ends.values() if m.kind == "full"), org_ends, kept)
        for m in mentions:  # 该院 + 刑事检察部门: a unit of the article's body
            if m.family == "anaphor" and m.key.startswith("org:"):
                org_ends[m.end] = Mention(m.start, m.end, "anaphor", "Organisation", m.surface, m.label,
                                          m.key, kind="anaphor",
                                          place_key=ctx.body.place_key if ctx.body else None)
        for e, (s, head) in sorted(by_end.items()):
            if e in skip:
                continue
            m = self._org(page, s, e, head)
            if m is None:
                continue
            over = [k for k in kept if not (m.end <= k.start or m.start >= k.end)]
            if any(k.end - k.start > m.end - m.start for k in over):
                continue
            for k in over:
                kept.remove(k)
                org_ends.pop(k.end, None)
            kept.append(m)
            org_ends[m.end] = m
        kept += [m for m in cands if m.kind == "quoted"
                 and all(m.end <= k.start or m.start >= k.end for k in kept)]
        full_starts = {m.start for m in places if m.kind == "full"}
        place_starts = {m.start for m in places}
        demoted = set()
        for p in places:
            if p.end in full_starts:
                continue  # 浙江 in 浙江X市公安局: a short name before a full name is a place (GUIDE)
            if p.cls == "Province" and p.kind == "abbrev" and p.end in place_starts and not any(
                    k.start <= p.start and p.end <= k.end and (k.label.startswith(p.surface) or self._named(k))
                    for k in kept):
                continue  # 浙江 in 浙江X法院: before a city's name, not part of the body's own name
            for k in kept:
                if k.start <= p.start and p.end <= k.end and p.kind in ("stem", "abbrev"):
                    demoted.add(mention_id(p))  # a short name inside the body's name
        return Found(mentions=tuple(kept), demoted=frozenset(demoted))

    def _quoted(self, text, q, head, ctx):
        pat = self.heads[head]
        content = text[q[0] + 1:q[1] - 1]
        after = text[q[1]:q[1] + 3]
        if not pat.get("quotable") or "式" in content or after.startswith(self.scheme_over_body):
            return None
        label = text[q[0]:q[1]]
        return Mention(q[0], q[1], "organisation", "Organisation", label, label,
                       entity_key("organisation", label), kind="quoted",
                       place_key=ctx.place.key if ctx.place else None)

    def _org(self, page: "_Page", s: int, e: int, head: str):
        text, ctx, place_ends, org_ends, kept = page.text, page.ctx, page.place_ends, page.org_ends, page.kept
        pat = self.heads[head]
        canon = pat.get("canon") or head
        stops = set(place_ends) | set(org_ends)
        if pat.get("direct"):
            start = s
        else:
            start = back_scan(text, s, self.max_name, stops=stops, allow_quotes=True, keep=self.functions_tuple)
            cp = self._compound(text, start, s)
            if cp is not None:
                start = back_scan(text, cp, self.max_name - (s - cp), stops=stops)
            if start not in stops and self._owner(text, start, org_ends) is None:
                start += trim_name(text[start:s if cp is None else cp], self.functions, keep_last=cp is None)
            start = self._joined(text, start, stops)
        chain = []
        j = start
        while j in place_ends and place_ends[j].family == "place":
            chain.insert(0, place_ends[j])
            j = place_ends[j].start
        full_keys = page.full_keys
        if pat.get("party_of_body") and not chain and start == s and s in org_ends:
            return self._party_unit(text, s, e, head, org_ends[s])
        if pat.get("chain_cls") and not (chain and chain[-1].cls in pat.get("chain_cls")):
            if chain or start != s or "Village" not in pat.get("chain_cls"):
                return None  # 游戏厅, 县党支部: the head names this body only after a place of its level
            return self._clause_village_body(text, s, e, head, place_ends)
        if pat.get("alias_only"):
            return self._bare_alias(text, start, s, e, head, chain, kept, ctx)
        if not pat.get("direct") and j in org_ends:
            return self._unit(text, j, start, s, e, head, org_ends[j], chain, full_keys)
        name = text[start:s]
        surface_start = chain[0].start if chain else start
        surface = text[surface_start:e]
        place_key = ctx.place.key if ctx.place else None
        owner = self._owner(text, surface_start, org_ends)
        parent_org = owner.key if owner is not None else None
        if pat.get("needs_owner") and owner is None:
            return None
        if owner is not None and pat.get("needs_owner"):
            return Mention(surface_start, e, "organisation", "Organisation", surface,
                           owner.label + surface, entity_key("organisation", owner.label + surface),
                           kind="unit", place_key=owner.place_key, parent_org=owner.key,
                           aliases=(surface,))
        if pat.get("quoted_only"):
            return None
        kind = "named"
        if chain:
            place = chain[-1]
            if place.family == "anaphor" or not place.key:
                return None
            if "“" in name and not pat.get("named") and not pat.get("quote_in_name"):
                return None
            if name and (self._generic(name) or _TIERS.search(name)):
                return None  # X市两级法院: bodies of several levels, no one body
            if not name and not pat.get("bare_ok") and not pat.get("direct") and not pat.get("canon") \
                    and pat.get("bare_generic"):
                return None
            head_txt = canon if not name and (canon.endswith(head) or pat.get("full_place")) and not (
                place.label.endswith(tuple(pat.get("canon_not_after", ())))) else head
            if pat.get("canon_cls") and name == "" and place.cls not in pat.get("canon_cls"):
                head_txt = head
            stem = place.kind != "full" or place.label != place.surface
            # a stem (红柳沟) and a province's short form (云南, 广西) stay as written:
            # 甘肃出入境边防检查总站, 甘肃女子强制隔离戒毒所 are the bodies' own names
            keep = place.kind == "stem" or (place.kind == "abbrev" and place.cls == "Province" and not
                                            pat.get("direct") and place.label.startswith(place.surface))
            base = place.label if pat.get("full_place") else place.surface if keep else place.label
            if pat.get("named") and len(name) >= 2 and not self._functional(name) and \
                    all(p.kind in ("stem", "abbrev") for p in chain) and "“" not in name and \
                    (place.kind == "stem" or place.cls != "Province"):
                base = ""  # <province><city stem>Y派出所: short place names before a unit's own name are places
                # (a province's short form alone, 云南X戒毒所, 浙江X公司, is part of the name)
            label = base + name + head_txt
            if pat.get("full_place"):
                label = self._district_branch(place) or label
            if place.kind != "stem" or place.key in full_keys or place.cls in ("Prefecture", "County"):
                place_key = place.key  # 兰州海关 sits in 兰州市; a township stem only when named in full
            kind = "placed"
            parent_org = parent_org or self._article_owner(pat, place, ctx)
            if stem and place.kind == "stem" and pat.get("named") and place.key not in full_keys and \
                    place.cls not in ("Prefecture", "County"):
                place_key = ctx.place.key if ctx.place else None
        else:
            if pat.get("direct"):
                lv = next((lv for lv in body_level_words() if text.endswith(lv, 0, s)), None)
                if lv is None or (s - len(lv) in place_ends) or (s - len(lv)) - 1 >= 0 and \
                        text[s - len(lv) - 1] in "的":
                    return None
                start = s - len(lv)
                name = lv
                if any(len(h) > e - start and text.startswith(h, start) for h in self.heads):
                    return None  # 村委会: a longer head starts at the level word; it names the body
            level = self._level(name, head) if name else None
            if level is not None:
                subj = ctx.places_by_level.get(level[0]) or self._last_local(level[0], start, place_ends, text)
                if subj is None:
                    return None
                label = subj.label + level[1] + (canon if not level[1] else head)
                place_key = subj.key
                kind = "level"
            elif not name:
                ante = self._antecedent(head, canon, s, kept, ctx)
                if ante is not None:
                    return Mention(start, e, "organisation", "Organisation", text[start:e], ante[1],
                                   ante[0], kind="alias", place_key=self._located_after(page, e) or ante[2],
                                   aliases=(text[start:e],))
                if not pat.get("bare_ok") or ctx.place is None:
                    return None
                label = ctx.place.label + canon
                kind = "bare"
            elif self._generic(name) or self._counted(text, start, name) or descriptive_only(name) \
                    or tiered(name):
                return None  # 农村派出所, 一站式派出所, 村三级…中心: a kind of body, no name
            elif pat.get("named") or not self._functional(name):
                if len(name) < 2 or pat.get("unit_only"):
                    return None
                label = name + head
                if name.startswith(self.national_prefixes):
                    place_key = None  # 国家法医实验室: a national body serves no one place
                if pat.get("owner") and ctx.body is not None and ctx.body.head.endswith(pat.get("owner")):
                    parent_org = parent_org or ctx.body.key
            else:
                body = ctx.body
                if body is not None and body.head in self.owners and not pat.get("direct") and \
                        pat.get("unit_of_body"):
                    label = body.label + name + head
                    parent_org = body.key
                    place_key = body.place_key or place_key
                elif pat.get("unit_only") or ctx.place is None or len(name) < int(pat.get("min_bare", 1)):
                    return None
                else:
                    label = ctx.place.label + name + head
                kind = "unit"
            surface = text[start:e]
            if kind in ("named", "unit", "bare") and not pat.get("direct"):
                ante = self._antecedent(head, surface, s, kept, ctx)
                if ante is not None:  # 林草局 after 会宁县林草局: the same body, shortened
                    return Mention(start, e, "organisation", "Organisation", surface, ante[1], ante[0],
                                   kind="alias", place_key=self._located_after(page, e) or ante[2],
                                   aliases=(surface,))
        if len(label) > 30:
            return None
        located = self._located(text, surface_start if chain else start, place_ends) or \
            self._located_after(page, e)
        return Mention(surface_start if chain else start, e, "organisation", "Organisation",
                       surface, label, entity_key("organisation", label), kind=kind,
                       place_key=located or place_key, parent_org=parent_org,
                       inner=tuple(p.key for p in chain if p.kind == "full"))

    @staticmethod
    def _party_unit(text, s, e, head, parent):
        """The party committee (党委, 纪委, 党支部 …) of the body written right before it (X所党委)."""
        if parent.family != "organisation" or parent.kind in ("national", "anaphor"):
            return None
        label = parent.label + head
        return Mention(s, e, "organisation", "Organisation", text[s:e], label,
                       entity_key("organisation", label), kind="chain", place_key=parent.place_key,
                       parent_org=parent.key)

    @staticmethod
    def _clause_village_body(text, s, e, head, place_ends):
        """A bare village body (村委会) right after its village's name in the same clause list.

        Why: X村党支部书记、村委会主任 names the committee of village X; only the village named
        just before, with nothing but the list between (、, a title), is certain.
        """
        lo = max(text.rfind(c, 0, s) for c in "。；！？\n，")
        named = [p for end, p in place_ends.items() if lo < p.start and end <= s and p.family == "place"
                 and p.cls == "Village" and p.entity]
        if len(named) != 1:
            return None
        village = named[0]
        label = village.label + head
        return Mention(s, e, "organisation", "Organisation", text[s:e], label, entity_key("organisation", label),
                       kind="alias", place_key=village.key, aliases=(text[s:e],))

    @staticmethod
    def _district_branch(place) -> str | None:
        """X市公安局Y区分局 for the police of a city's district (Y公安, Y警方), else None.

        Why: a prefecture-level city's districts (市辖区) are policed by branches of the
        city's bureau, while counties and county-level cities have bureaus of their own.
        """
        from kg.link.divisions import get_kb

        if place.cls != "County" or not place.label.endswith("区") or not place.code:
            return None
        kb = get_kb()
        parent = next(iter(kb.ancestors(place.code)), None)
        if parent is None or not parent.name.endswith("市"):
            return None
        return f"{parent.name}公安局{place.label}分局"

    @staticmethod
    def _last_local(level: str, start: int, place_ends, text: str):
        """The county, township or village named last before ``start`` whose name ends in ``level``, or None.

        Why: 镇党委, 村党支部 name the body of the township or village the story is at; when
        that is not the article's own place, it is the one the text has just named. The
        same holds for 县检察院, 区民政局 in an article about a city or province that goes
        county by county — but only within the paragraph: a county named in an earlier
        paragraph is another story's.
        """
        cls = last_named_levels().get(level)
        if cls is None:
            return None
        lo = text.rfind("\n", 0, start) + 1 if cls == "County" else 0
        named = [p for e, p in place_ends.items() if e <= start and p.start >= lo and p.family == "place"
                 and p.cls == cls and p.entity and p.label.endswith(level)]
        return max(named, key=lambda p: p.end) if named else None

    @staticmethod
    def _article_owner(pat, place, ctx):
        """Key of the article's body when a unit named after a place below it is one of its units.

        Why: in an article about a county's 公安局, X开发区派出所 or X镇派出所 is one of that
        bureau's stations (the unit's owner head matches the body's head and the place lies
        below county level, inside the body's area); a station named after a county or a
        city belongs to that place's own bureau.
        """
        owner = pat.get("owner")
        if not owner or ctx.body is None or not ctx.body.head.endswith(owner) or \
                place.cls not in ("Township", "Village", "Place"):
            return None
        return ctx.body.key

    def _bare_alias(self, text, start, s, e, head, chain, kept, ctx):
        """A bare common head (公司) standing for the body of that kind named before it, or None.

        Why: a definite bare noun (随后，公司召回…) refers back to the company already named;
        with a name before it (某家装公司, 第三方公司) it is a kind, not a body, and is no
        mention at all.
        """
        if chain or start != s:
            return None
        ante = self._antecedent(head, head, s, kept, ctx)
        if ante is None:
            return None
        return Mention(s, e, "organisation", "Organisation", head, ante[1], ante[0], kind="alias",
                       place_key=ante[2], aliases=(head,))

    def _unit(self, text, j, start, s, e, head, parent, chain, full_keys):
        """A unit named right after its parent body (公安局红星派出所, 海关驻机场办事处监管一科)."""
        pat = self.heads[head]
        name = text[start:s]
        mid = text[j:s]
        if pat.get("direct") or (name and (self._generic(name) or self._counted(text, start, name))) or \
                "“" in mid or mid.startswith("某"):
            return None  # X局某特色战队: a unit the paper keeps anonymous
        verb = next((w for w in self.act_words if mid.startswith(w)), "")
        if verb and len(mid) > len(verb) and not self._functional(mid[len(verb):]):
            return None  # X街道办事处联合辖区派出所: the verb joins two bodies (联合调解中心 is a unit)
        if not mid and len(head) <= 2 and pat.get("bare_generic"):
            return None
        label = parent.label + mid + head
        if len(label) > 40:
            return None
        place_key = parent.place_key
        if chain and (chain[-1].kind != "stem" or chain[-1].key in full_keys):
            place_key = chain[-1].key
        surface = text[j:e]
        return Mention(j, e, "organisation", "Organisation", surface, label,
                       entity_key("organisation", label), kind="chain", place_key=place_key,
                       parent_org=parent.key, aliases=(surface,) if mid else (),
                       inner=tuple(p.key for p in chain if p.kind == "full"))

    def _joined(self, text, start, stops):
        """Extend a name over 〈unit word〉和 before it: 禁毒和治安大队 is one unit."""
        if start < 2 or text[start - 1] not in function_words("unit_joiners"):
            return start
        for w in self.functions_tuple:
            p = start - 1 - len(w)
            if p >= 0 and text[p:start - 1] == w and (p == 0 or p in stops or not is_cjk(text[p - 1])):
                return p
        return start

    def _owner(self, text, start, org_ends):
        """The body before 所属/下属/直属 or 成立(了) right before ``start``, or None."""
        for w in self.owner_words:
            if text.endswith(w, 0, start) and (start - len(w)) in org_ends:
                return org_ends[start - len(w)]
        return None

    def _antecedent(self, head, tail, s, kept, ctx):
        """(key, label, place_key) of an earlier body this short mention refers to.

        A bare head (戒毒所) or a short name (水务局) after a body whose name ends with it
        (…强制隔离戒毒所, 会宁县林草局) is that body: the nearest one before it in the article.
        """
        if len(tail) < 2 or self.heads[head].get("no_antecedent"):
            return None
        best = None
        for k in kept:
            if k.end <= s and k.label.endswith(tail) and len(k.label) > len(tail) and k.kind != "alias" \
                    and (best is None or k.end > best.end):
                best = k
        if best is not None:
            return best.key, best.label, best.place_key
        body = ctx.body
        if body is not None and body.label.endswith(tail) and len(body.label) > len(tail):
            return body.key, body.label, body.place_key
        return None

    def _compound(self, text, start, s):
        """Start of a department name whose 和 stopped the scan (X县文化和旅游局), or None."""
        for w in self.compounds:
            p = start - 1 - w.index("和")
            if p >= 0 and text.startswith(w, p) and p + len(w) <= s:
                return p
        return None

    def _located_after(self, page: "_Page", e: int):
        """Key of the last place of the chain in <body>位于P…: the body sits there, or None."""
        if not page.text.startswith("位于", e):
            return None
        j, last = e + 2, None
        while j in page.place_starts:
            last = page.place_starts[j]
            j = last.end
        if last is None or last.family != "place" or not last.entity and last.kind in ("stem", "abbrev"):
            return None
        return last.key

    def _located(self, text, start, place_ends):
        """Key of P in 位于P的<body> or 在…P，<body> right before ``start`` (the body sits there), or None.

        Why 在…P，: a sentence-initial locative phrase sets the scene for the subject that
        opens the next clause (在X省Y市Z园区，W公司员工正忙着生产): the body is there, at
        the last (most specific) place of the chain.
        """
        if text.endswith("的", 0, start) and (start - 1) in place_ends:
            p = place_ends[start - 1]
            return p.key if p.family == "place" and text.endswith("位于", 0, p.start) else None
        if not text.endswith(("，", ","), 0, start) or (start - 1) not in place_ends:
            return None
        last = p = place_ends[start - 1]
        while p.start in place_ends:
            p = place_ends[p.start]
        if last.family != "place" or not text.endswith("在", 0, p.start) or \
                (p.start > 1 and text[p.start - 2] not in "，,。；;：:\n" and not text[p.start - 2].isspace()):
            return None
        return last.key
