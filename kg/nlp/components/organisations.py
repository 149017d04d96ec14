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
- **quoted team** (“马背宣讲队”, “漠北驼铃”护边队, X站“Y先锋队”, X大队“Y”背包警务队: a unit of the body written before it, as written; 团队 and the like only with a quoted name).

National bodies (党中央 …) come from ``lexicons/national_bodies.tsv``; a short form there (中办, 最高法) names its full body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import jieba

from kg.nlp.components.generic import common_word, descriptive_only, tiered
from kg.nlp.components._scan import (automaton, back_scan, crosses_word, dict_words, is_cjk, iter_matches, quotes,
                                     titles, trim_name)
from kg.text.sentences import sentence_at, sentence_spans
from kg.lexicon import (Lexicon, Pattern, body_level_words, function_chars, function_words, last_named_levels, table,
                        level_suffix_rows)
from kg.context import ArticleContext, Ref
from kg.nlp.components.base import RuleComponent
from kg.nlp.spans import Found, mention_id
from kg.nlp.types import Mention

__all__ = ["OrgGrammar"]

_WORD_FREQ = 50
_LEVEL_TAIL = 5  # characters after 县委/市委 within which a head makes it part of a longer name
_UNIT_REACH = 8  # characters of a unit's name written on after its parent body
_AT = "在"  # X局在P设立Y: the place a body sets a unit up in
_LOCAL_CLASSES = ("Township", "Village", "Place")  # places below a county: where a team is formed
_UNIT_WORDS = 6  # plain characters between a body and its unit's place stem (总队高速公路Y支队)
_QUOTE_TO_HEAD = 10  # characters from a quotation's end to the head of the body it names (“X”物业纠纷诉前调解工作室)
_TAIL_WORD = 4  # characters of the word between a team's quotation and its head (“X”志愿者大队)
_TIERS = re.compile(r"[两三四五][级个]")
_QUOTE_REACH = 20  # characters of a quoted name a backward scan may have cut off


@dataclass(slots=True)
class _Page:
    """One doc's places and the bodies read so far, shared by the steps of one ``match``."""

    text: str
    ctx: ArticleContext
    place_ends: dict[int, Mention]
    place_starts: dict[int, Mention]
    full_refs: frozenset[Ref]       # places named in full in the doc
    org_ends: dict[int, Mention]    # bodies read so far, by end
    kept: list[Mention]             # bodies read so far
    village_words: dict[int, Mention]  # 该村, 村里 read as the paragraph's village, by end

    @property
    def place_ref(self) -> Ref | None:
        """The article's place: where a body with no place of its own sits."""
        return self.ctx.place.ref if self.ctx.place else None


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One head and the name read before it, handed from step to step of ``OrgGrammar._org``."""

    s: int                          # head start
    e: int                          # head end (the mention's end)
    head: str
    pat: Pattern                    # the head's row of org_heads
    start: int                      # name start (after the places)
    name: str                       # text[start:s]
    chain: tuple[Mention, ...]      # places written right before the name, first to last
    owner: Mention | None           # the body before 所属/下属/成立 right before the name as first read

    @property
    def canon(self) -> str:
        """The head in its canonical spelling (检察院 → 人民检察院)."""
        return self.pat.get("canon") or self.head

    @property
    def surface_start(self) -> int:
        """Where the mention starts: at its first place, else at its name."""
        return self.chain[0].start if self.chain else self.start

    @property
    def owner_ref(self) -> Ref | None:
        """The owner body, the default larger body of every reading."""
        return self.owner.ref if self.owner is not None else None

    @property
    def inner(self) -> tuple[Ref, ...]:
        """The places named in full inside the mention."""
        return tuple(p.ref for p in self.chain if p.kind == "full")


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a step read the body as: its label, the kind of reading, its place and larger body."""

    label: str
    kind: str                       # placed | level | bare | named | unit
    place_ref: Ref | None
    parent_org: Ref | None


def _second_nameplates(text: str, kept: list[Mention]) -> list[Mention]:
    """A body's second name in brackets right after it (A（B）) is an alias of A.

    Why: one body with two nameplates (一个机构两块牌子, X监狱（X医院）) is written so; B is
    no body of its own.
    """
    ends = {a.end: a for a in kept}
    out = []
    for m in kept:
        bracketed = text[m.start - 1:m.start] == "（" and text[m.end:m.end + 1] == "）"
        first = ends.get(m.start - 1) if bracketed else None
        if first is not None and first.kind != "national" and m.kind != "national":
            m = replace(m, label=first.label, ref=first.ref, place_ref=first.place_ref, parent_org=first.parent_org,
                        kind="alias", aliases=(m.surface,))
        out.append(m)
    return out


def _implied_committee(m: Mention, head: str) -> Mention:
    """The party committee a working body's bare name starts with (区委 of 区委组织部), read as
    the body is (乐都区委): the committee is written, only its place comes from the article."""
    cut = len(head) - 1  # the head keeps the committee's 委 (委组织部)
    label = m.label[:-cut]
    return Mention(m.start, m.end - cut, "organisation", "Organisation", m.surface[:-cut], label,
                   Ref.named("organisation", label), kind="level", place_ref=m.place_ref,
                   aliases=(m.surface[:-cut],))


def _youth_league(text: str, kept: list[Mention]) -> list[Mention]:
    """团县委, 共青团X县委: the Youth League committee of the place, not its party committee.

    Why: the league's committees are written as the party committee's name after 团 or
    共青团 (gold/GUIDE.md lists the Youth League among mass organisations).
    """
    prefixes = function_words("league_prefixes")
    out = []
    for m in kept:
        lead = next((w for w in prefixes if text.endswith(w, 0, m.start)), "")
        if lead and m.label.endswith("委") and m.kind != "national" and \
                jieba.dt.FREQ.get(text[m.start - len(lead) - 1:m.start], 0) < _WORD_FREQ:  # 集团, 兵团: no league
            label, surface = prefixes[0] + m.label, lead + m.surface
            aliases = m.aliases if surface == label else tuple(dict.fromkeys((*m.aliases, surface)))
            m = replace(m, start=m.start - len(lead), surface=surface, label=label,
                        ref=Ref.named("organisation", label), parent_org=None, aliases=aliases)
        out.append(m)
    return out


def _keeps_level_word(place: str, level: str, head: str) -> bool:
    """True for a committee of a place named by one character and its level word (沛县 + 县委 →
    沛县县委, not 沛县委): the level word is written again before 委."""
    return head.startswith("委") and len(place) == 2 and place.endswith(level)


def _work_owner(page: "_Page", c: "_Candidate") -> Mention | None:
    """The body a bare numbered department belongs to (第三检察部 → the procuratorate named last), or None."""
    name = c.name
    if not name.startswith("第") or c.chain:
        return None
    owner_head = next((row["owner"] for row in table("unit_owners", ("work", "owner")) if row["work"] in name), None)
    if owner_head is None:
        return None
    before = [k for k in page.kept if k.end <= c.start and k.label.endswith(owner_head) and k.family == "organisation"]
    return max(before, key=lambda k: k.end) if before else None


def _sentence_start(page: "_Page", pos: int) -> int:
    """Start of the sentence holding ``pos`` (the article's sentences, as the build split them)."""
    return sentence_at(page.ctx.sentences or tuple(sentence_spans(page.text)), pos)[0]


def _strip_back(text: str, pos: int, words: tuple[str, ...]) -> int:
    """``pos`` moved back over any run of ``words`` written right before it (还专门, 在此专门)."""
    while True:
        w = next((w for w in words if w and text.endswith(w, 0, pos)), None)
        if w is None:
            return pos
        pos -= len(w)


def _chain_start(text: str, place_ends: dict, end: int, through_de: bool = False) -> int:
    """Start of the chain of places ending at ``end`` (X省Y市Z县; with ``through_de`` X镇的Y景区 too)."""
    while end in place_ends or (through_de and text.endswith("的", 0, end) and end - 1 in place_ends):
        end = place_ends[end if end in place_ends else end - 1].start
    return end


class OrgGrammar(RuleComponent):
    """spaCy component: organisation mentions into ``doc.spans["kg_orgs"]``."""

    def __init__(self, nlp=None, name: str = "kg_orgs", *, heads: str = "org_heads",
                 functions: str = "unit_functions", generic: str = "org_generic_names",
                 national: str = "national_bodies", anaphora: str = "anaphora", max_name: int = 24) -> None:
        self.max_name = max_name
        self.tables = {"heads": heads, "functions": functions, "generic": generic, "national": national,
                       "anaphora": anaphora}
        super().__init__(name)

    def setup(self, lex: Lexicon) -> None:
        self.heads = {p.pattern: p for p in lex.patterns(self.tables["heads"]) if p.label == "ORG"}
        self.head_auto = automaton((h, h) for h in self.heads)
        # 该院 → (人民法院, 法院, …): body anaphors and the heads of the bodies they refer to
        self.anaphor_auto = automaton((r["surface"], tuple(r["level"].split(",")))
                                      for r in lex.table(self.tables["anaphora"], ("surface", "target", "level"))
                                      if r["target"] == "body")
        self.functions = lex.words(self.tables["functions"])
        self.fn_auto = automaton((w, w) for w in self.functions)
        self.functions_tuple = tuple(sorted(self.functions, key=len, reverse=True))  # longest first
        self.named_heads = tuple(h for h, p in self.heads.items() if p.get("named"))
        self.generic = lex.words(self.tables["generic"], "name")
        rows = lex.table(self.tables["national"], ("name", "cls", "full"))
        self.national = {r["name"]: r["full"] or r["name"] for r in rows}  # name as written → full name
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
        # the words naming a village or a compound alone before its body's head (村党支部, 小区居委会)
        self.village_words = tuple(sorted({r.suffix for r in level_suffix_rows() if r.level == "Village"} |
                                          {r["head"] for r in lex.table("place_heads", ("head", "cls", "min_name", "dict_check"))
                                           if r["cls"] == "Place"}, key=lambda w: (-len(w), w)))
        # verbs a body's name never holds: the scan before a head stops after them (此专门设置X警务室)
        self.cut_verbs = frozenset(p.pattern for p in lex.patterns("relation_triggers")
                                   if p.label in ("LAUNCH", "OWNER") and len(p.pattern) >= 2)
        # verbs after which a body's name does not go on (X局联合Y所, X局开展Y中心)
        self.act_words = tuple(sorted({p.pattern for p in lex.patterns("relation_triggers")
                                       if p.label in ("JOIN", "LAUNCH", "LEAD") and len(p.pattern) >= 2}))

    # -- helpers ---------------------------------------------------------------------------
    def _functional(self, name: str) -> bool:
        return any(name.startswith(w) for w in self.functions)

    def _named(self, body) -> bool:
        """The body's head takes a proper name (派出所, 边境管理支队): the places before are its name."""
        return body.label.endswith(self.named_heads)

    def _level_body(self, text: str, s: int, e: int, head: str) -> bool:
        """县委, 市委 standing alone: a level word and a head that takes no name (the place's body).

        Inside a longer name written with the level word (县委宣传部, 市委网信办) it is part of
        that name, no parent of its own (gold/GUIDE.md: a parent counts when written in full).
        """
        if not self.heads[head].get("direct") or text[s - 1] not in body_level_words():
            return False
        return not self._head_follows(text, e, _LEVEL_TAIL)

    def _head_follows(self, text: str, e: int, reach: int) -> bool:
        """A body's head closes a name running on from ``e`` (within ``reach`` CJK characters)."""
        tail = text[e:e + reach]
        n = next((i for i, ch in enumerate(tail) if not is_cjk(ch)), len(tail))
        return any(True for _ in iter_matches(self.head_auto, tail[:n]))

    def _function_before(self, text: str, s: int) -> bool:
        """A unit's function word ends right before the head (民政|局, 宣传|部): a body's name."""
        return any(text.endswith(w, 0, s) for w in self.functions if len(w) >= 2)

    def _generic(self, name: str) -> bool:
        """A name that makes the mention a kind of body (基层派出所, 各派出所), not one body.

        A unit's function word that opens with a generic word (人民调解 after 人民) is the
        longer reading: 人民调解委员会 is a body.
        """
        if name in self.generic:
            return True
        short = function_chars("generic_name_chars")  # 各, 全, 该: generic as one character too
        fn = max((len(w) for w in self.functions if name.startswith(w)), default=0)
        return any(name.startswith(g) and fn <= len(g) for g in self.generic if len(g) >= 2 or g in short)

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
            full = self.national[name]
            if full != name and len(name) <= 3 and crosses_word(text, s, e, _WORD_FREQ):
                continue  # 集中办理, 全国办: a short form's characters inside ordinary words
            cands.append(Mention(s, e, "organisation", "Organisation", name, full,
                                 Ref.named("organisation", full), kind="national",
                                 aliases=(name,) if full != name else ()))
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
            m = self._quoted_tail(text, qspans, s, e, head, ctx)
            if m is not None:
                cands.append(m)
                skip.add(e)
                continue
            if len(head) == 1 and self.heads[head].id == "section" and not text.startswith(self.titles, e) and \
                    any(hs == 0 and he > 1 for hs, he, _, _ in iter_matches(self.head_auto, text[e:e + 3])):
                skip.add(e)  # X公安局朱科派出所: a section's 科 right before another body's head ends a name
                continue
            if len(head) == 1 and s > 0 and s not in place_ends and text[s - 1:e] not in self.heads and \
                    jieba.dt.FREQ.get(text[s - 1:e], 0) >= _WORD_FREQ and not self._function_before(text, s) \
                    and not self._level_body(text, s, e, head):
                skip.add(e)  # 格局, 大局, 干部: the head closes an ordinary word (not 民政|局)
        nationals = [m for m in cands if m.kind == "national"]
        # the longest national name at a place (中共中央X委员会, not 中共中央 inside it)
        kept: list[Mention] = [m for m in nationals if not any(
            o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
            for o in nationals)]
        org_ends: dict[int, Mention] = {m.end: m for m in kept}
        page = _Page(text, ctx, place_ends, {m.start: m for m in places},
                     frozenset(m.ref for m in place_ends.values() if m.kind == "full"), org_ends, kept,
                     {m.end: m for m in mentions if m.family == "anaphor" and m.cls == "Village"})
        for m in mentions:  # 该院 + 刑事检察部门: a unit of the article's body
            if m.family == "anaphor" and m.ref.family == "organisation":
                org_ends[m.end] = Mention(m.start, m.end, "anaphor", "Organisation", m.surface, m.label,
                                          m.ref, kind="anaphor",
                                          place_ref=ctx.body.place_ref if ctx.body else None)
        pending = self._anaphor_matches(text, mentions)  # 该院 before a unit of the body it refers to
        for e, (s, head) in sorted(by_end.items()):
            if e in skip:
                continue
            while pending and pending[0][1] <= s:
                a = self._body_anaphor(pending.pop(0), kept)
                if a is not None:
                    org_ends.setdefault(a.end, a)  # 该院第五检察部: the unit of the body 该院 refers to
            m = self._org(page, s, e, head)
            if m is None:
                continue
            over = [k for k in kept if not (m.end <= k.start or m.start >= k.end)]
            # 乐都区委 in 乐都区委政法委 (read as 乐都区 + 委政法委): the committee is a body, the parent
            committee = next((k for k in over if k.start == m.start and k.label.endswith("委")
                              and s <= k.end <= s + 1 and m.label.startswith(k.label)), None) \
                if self.heads[head].get("of_committee") else None
            if committee is not None:
                over.remove(committee)
                m = replace(m, parent_org=committee.ref)
            elif m.kind == "level" and self.heads[head].get("of_committee"):
                committee = _implied_committee(m, head)  # 区委组织部 read as 乐都区委组织部: 乐都区委 too
                kept.append(committee)
                m = replace(m, parent_org=committee.ref)
            if any(k.end - k.start > m.end - m.start or (k.kind == "national" and k.end - k.start == m.end - m.start)
                   for k in over):
                continue  # a national body's name as listed wins over the grammar's reading of it
            for k in over:
                kept.remove(k)
                org_ends.pop(k.end, None)
            kept.append(m)
            org_ends[m.end] = m
        kept += [self._owned_quote(m, org_ends) or self._placed_team(page, m) for m in cands
                 if m.kind == "quoted" and all(m.end <= k.start or m.start >= k.end for k in kept)]
        # “X”志愿服务队 read by its head, placed in the article: where its sentence has placed it
        kept = [self._placed_team(page, m) if m.kind == "named" and m.label.startswith("“") and
                m.place_ref == page.place_ref else m for m in kept]
        kept = _youth_league(text, _second_nameplates(text, kept))
        kept += self._body_anaphors(text, kept, mentions)
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

    def _body_anaphors(self, text: str, kept: list[Mention], mentions) -> list[Mention]:
        """该院, 该局 the article's body does not answer: the nearest body before it with that head.

        Why: a story about several bodies (该院 after X县人民法院 in an article about a
        county) refers back to the last court named, not to the article's subject.
        """
        return [a for a in (self._body_anaphor(hit, kept) for hit in self._anaphor_matches(text, mentions)) if a]

    def _anaphor_matches(self, text: str, mentions) -> list:
        """(start, end, surface, heads) of each 该院, 该局 … the article's subject does not answer, in text order."""
        taken = {m.start for m in mentions if m.family == "anaphor"}
        return sorted(h for h in iter_matches(self.anaphor_auto, text) if h[0] not in taken)

    @staticmethod
    def _body_anaphor(hit, kept: list[Mention]) -> Mention | None:
        """The anaphor ``hit`` as a mention of the nearest body before it with its head, or None."""
        s, e, surface, heads = hit
        ante = max((k for k in kept if k.end <= s and k.kind not in ("anaphor", "national")
                    and k.label.endswith(heads)), key=lambda k: k.end, default=None)
        if ante is None:
            return None
        return Mention(s, e, "anaphor", "Organisation", surface, ante.label, ante.ref,
                       kind="anaphor", place_ref=ante.place_ref, entity=False)

    @staticmethod
    def _placed_team(page: _Page, m: Mention) -> Mention:
        """A team formed where its sentence has just placed it (在X村，…“Y”调解队; 村里组建了“Y”队) sits there.

        Why: teams are local; the village, township or named area written earlier in the
        sentence is more specific than the article's place, and so is that of a local body
        forming it (社区居委会组织志愿者成立了“Y”服务队: the community's).
        """
        lo = _sentence_start(page, m.start)
        local = [p for p in page.place_ends.values() if p.family == "place" and p.entity and
                 p.cls in _LOCAL_CLASSES and lo <= p.start and p.end <= m.start]
        local += [v for v in page.village_words.values() if lo <= v.start and v.end <= m.start]  # 村里组建了“Y”队
        where = {p.ref: p for p in page.place_ends.values() if p.family == "place" and p.cls in _LOCAL_CLASSES}
        at = [(p.end, p.ref) for p in local]
        at += [(o.end, o.place_ref) for o in page.org_ends.values() if o.family == "organisation" and
               lo <= o.start and o.end <= m.start and o.place_ref in where]
        return replace(m, place_ref=max(at, key=lambda x: x[0])[1]) if at else m

    @staticmethod
    def _owned_quote(m: Mention, org_ends: dict[int, Mention]) -> Mention | None:
        """A quoted team written right after a body (X检查站“Y服务队”) is that body's unit, or None."""
        owner = org_ends.get(m.start)
        if owner is None or owner.family != "organisation" or owner.kind == "anaphor":
            return None
        label = owner.label + m.label
        return replace(m, label=label, ref=Ref.named("organisation", label), place_ref=owner.place_ref,
                       parent_org=owner.ref, aliases=(m.surface,))

    def _quoted(self, text, q, head, ctx):
        pat = self.heads[head]
        content = text[q[0] + 1:q[1] - 1]
        after = text[q[1]:q[1] + 3]
        if not pat.get("quotable") or "式" in content or after.startswith(self.scheme_over_body):
            return None
        name = content[:-len(head)]
        if len(head) == 1 and (len(name) < 2 or name[0] in function_chars("count_numerals") or
                               (common_word(name) and len(dict_words(name)) == 1)):
            return None  # “志愿队”: a common word and a bare 队 in scare quotes (“驼铃宣讲队” is a name); “一室一艇一队”: a formula
        label = text[q[0]:q[1]]
        return Mention(q[0], q[1], "organisation", "Organisation", label, label,
                       Ref.named("organisation", label), kind="quoted",
                       place_ref=ctx.place.ref if ctx.place else None)

    def _quoted_tail(self, text, qspans, s, e, head, ctx) -> Mention | None:
        """“X”调解队, “X”志愿者大队: a quotation, a short word and a team head name one team.

        Why: teams are named by their quotation and a word of what they do, an open set
        (调解, 巡逻, 志愿者); the head alone (队) names no body, the quotation makes it one.
        """
        if not self.heads[head].get("quoted_tail"):
            return None
        q = next(((a, b) for a, b in qspans if b < s <= b + _TAIL_WORD), None)
        if q is None or q[1] - q[0] < 4 or "的" in text[q[1]:s] or not all(is_cjk(c) for c in text[q[1]:s]) \
                or any(c in function_chars("clause_end") for c in text[q[0]:q[1]]):
            return None  # “以前…，现在…。”护渔队: speech before a kind of team, no team's name
        label = text[q[0]:e]
        return Mention(q[0], e, "organisation", "Organisation", label, label,
                       Ref.named("organisation", label), kind="quoted",
                       place_ref=ctx.place.ref if ctx.place else None)

    def _org(self, page: _Page, s: int, e: int, head: str) -> Mention | None:
        """The body whose head is ``text[s:e]``: read its name, then let its pattern decide the reading."""
        c = self._candidate(page, s, e, head)
        pat = c.pat
        if pat.get("party_of_body") and not c.chain and c.start == s and s in page.org_ends:
            return self._party_unit(page, c, page.org_ends[s])
        if pat.get("chain_cls") and not (c.chain and c.chain[-1].cls in pat.get("chain_cls")):
            level = None if c.chain else self._level(c.name, c.head)
            if level is not None and body_level_words()[level[0]] in pat.get("chain_cls"):
                return self._finish(page, c, self._levelled(page, c, level))  # 省公安厅: the page's province
            if c.chain or c.start != s or "Village" not in pat.get("chain_cls"):
                return None  # 游戏厅, 县党支部: the head names this body only after a place of its level
            return self._clause_village_body(page, c) or self._level_village_body(page, c)
        if pat.get("alias_only"):
            return self._bare_alias(page, c)
        if not pat.get("direct") and c.surface_start in page.org_ends:
            return self._unit(page, c, page.org_ends[c.surface_start])
        if pat.get("needs_owner"):
            return self._owned_unit(page, c)
        if pat.get("quoted_only") and not c.name.startswith("“"):
            c = self._quote_before_words(page, c)
            if c is None:
                return None  # 团队, 工作室 name a body only with a quoted name (“X”团队)
        if c.chain:
            return self._finish(page, c, self._placed(page, c)) or self._unit_across_words(page, c)
        return self._unplaced(page, c)

    def _unit_across_words(self, page: _Page, c: _Candidate) -> Mention | None:
        """X交通管理总队高速公路Y支队: a unit after its body, a few plain words and a place's stem.

        Why: a place read as a stem stops the scan for the unit's name, so the body right
        before the words (the unit's parent, as in 公安局红星派出所) is found by scanning on.
        """
        text, j = page.text, c.chain[0].start
        k = j
        while k > 0 and j - k < _UNIT_WORDS and k not in page.org_ends and is_cjk(text[k - 1]) and \
                text[k - 1] not in "在与和及的":
            k -= 1
        if k == j or k not in page.org_ends or any(p.kind != "stem" for p in c.chain):
            return None
        return self._unit(page, replace(c, start=k, name=text[k:c.s], chain=()), page.org_ends[k])

    @staticmethod
    def _quote_before_words(page: _Page, c: _Candidate) -> _Candidate | None:
        """“X”物业纠纷诉前调解工作室: a quotation shortly before the head, with plain words of what
        the body does between, opens the name.

        Why: the words of function stop the scan for a name (纠纷, 诉前), so the quotation
        that names the body lies just before them; nothing but CJK words may stand between
        (no clause break, 的, list word, place or body).
        """
        text, s = page.text, c.s
        b = text.rfind("”", max(0, s - _QUOTE_TO_HEAD), s)
        if b < 0 or c.chain:
            return None
        words = text[b + 1:s]
        a = text.rfind("“", max(0, b - 14), b)
        if a < 0 or not all(is_cjk(ch) for ch in words) or any(ch in words for ch in "的在与和及") or \
                any(ch in function_chars("clause_end") + "“" for ch in text[a + 1:b]) or \
                any(b < e <= s for e in page.place_ends) or any(b < e <= s for e in page.org_ends):
            return None
        return replace(c, start=a, name=text[a:s])

    # -- reading the name ------------------------------------------------------------------
    def _candidate(self, page: _Page, s: int, e: int, head: str) -> _Candidate:
        """The head with its name and the places written before it, read once for every step."""
        pat = self.heads[head]
        start = s if pat.get("direct") else self._after_act_verb(page, self._name_start(page, s), s)
        chain = self._place_chain(page, start)
        owner = self._owner(page.text, chain[0].start if chain else start, page.org_ends, page.place_ends)
        return _Candidate(s, e, head, pat, start, page.text[start:s], chain, owner)

    def _after_act_verb(self, page: _Page, start: int, s: int) -> int:
        """Where a body's name starts after a verb of working with (联合) in the scanned name.

        X局联合县公安局, 该院联合县妇联: the verb right after a body, or before a place or a
        level word, opens the next body's name; 镇里联合县司法局: so does the last such verb
        inside the name.
        """
        verb = next((w for w in self.act_words if page.text.startswith(w, start)), "")
        if verb and s - start > len(verb) and (start in page.org_ends or self._opens_place(page, start + len(verb))):
            return start + len(verb)
        ends = [i + len(w) for w in self.act_words if (i := page.text.rfind(w, start, s)) > start]
        return max((e for e in ends if e < s and self._opens_place(page, e)), default=start)

    @staticmethod
    def _opens_place(page: _Page, i: int) -> bool:
        """A place's name or a level word standing for one (县妇联) starts at ``i``."""
        return i in page.place_starts or page.text.startswith(tuple(body_level_words()), i)

    def _name_start(self, page: _Page, s: int) -> int:
        """Where the name before the head starts: a backward scan up to a place or body, less leading words."""
        text, org_ends = page.text, page.org_ends
        stops = set(page.place_ends) | set(org_ends)
        start = back_scan(text, s, self.max_name, stops=stops, allow_quotes=True, keep=self.functions_tuple)
        cp = self._compound(text, start, s)
        if cp is not None:
            start = back_scan(text, cp, self.max_name - (s - cp), stops=stops)
        if start not in stops and self._owner(text, start, org_ends) is None:
            start += trim_name(text[start:s if cp is None else cp], self.functions, keep_last=cp is None,
                               verbs=self.cut_verbs)
        start = self._joined(text, start, stops)
        seg = text[start:s]
        if "”" in seg and "“" not in seg[:seg.index("”")]:
            opening = text.rfind("“", max(0, start - _QUOTE_REACH), start)
            if opening >= 0 and "”" not in text[opening:start]:
                start = opening  # the scan stopped inside a quoted name (“X…Y”服务队): the name is all of it
        return start

    @staticmethod
    def _place_chain(page: _Page, start: int) -> tuple[Mention, ...]:
        """The places written right before the name (兰州市七里河区), first to last: the body's place."""
        chain: list[Mention] = []
        j = start
        while j in page.place_ends and page.place_ends[j].family == "place":
            chain.append(page.place_ends[j])
            j = page.place_ends[j].start
        return tuple(reversed(chain))

    # -- readings that need no place -------------------------------------------------------
    @staticmethod
    def _party_unit(page: _Page, c: _Candidate, parent: Mention) -> Mention | None:
        """The party committee (党委, 纪委, 党支部 …) of the body written right before it (X所党委)."""
        if parent.family != "organisation" or parent.kind in ("national", "anaphor"):
            return None
        label = parent.label + c.head
        return Mention(c.s, c.e, "organisation", "Organisation", page.text[c.s:c.e], label,
                       Ref.named("organisation", label), kind="chain", place_ref=parent.place_ref,
                       parent_org=parent.ref)

    @staticmethod
    def _clause_village_body(page: _Page, c: _Candidate) -> Mention | None:
        """A bare village body (村委会) right after its village's name in the same clause list.

        Why: X村党支部书记、村委会主任 names the committee of village X; only the village named
        just before, with nothing but the list between (、, a title), is certain.
        """
        text, s, e = page.text, c.s, c.e
        lo = max(text.rfind(ch, 0, s) for ch in "。；！？\n，")
        named = [p for end, p in page.place_ends.items() if lo < p.start and end <= s and p.family == "place"
                 and p.cls == "Village" and p.entity]
        if len(named) != 1:
            return None
        village = named[0]
        label = village.label + c.head
        return Mention(s, e, "organisation", "Organisation", text[s:e], label, Ref.named("organisation", label),
                       kind="alias", place_ref=village.ref, aliases=(text[s:e],))

    def _level_village_body(self, page: _Page, c: _Candidate) -> Mention | None:
        """A village's body written with the level word alone (村党支部, 村委会, 小区居委会), or None.

        Why: 村党支部书记, 找到村委会 name the body of the village (or compound) the
        paragraph has just named, as 镇党委 names the township's; the level word is written
        before the head or opens it (村委会). A place of that kind named earlier in the same
        paragraph is certain, and so is the one such place of a story that has not moved on
        to another township or village since (:meth:`_story_stays`); a counted or
        distributive word before it (各村, 每个社区) makes it a kind of body.
        """
        text, s = page.text, c.s
        lv = next((w for w in self.village_words if text.endswith(w, 0, s)), "")
        if not lv:
            lv = next((w for w in self.village_words if c.head.startswith(w)), "")
            if not lv:
                return None
            start = s
        else:
            start = s - len(lv)
        if start in page.place_ends or (start > 0 and text[start - 1] in function_chars("not_name_start")):
            return None
        kinds = c.pat.get("chain_cls")
        named = self._named_before(page, start, kinds, lv, text.rfind("\n", 0, start) + 1)
        if not named:  # 村党支部 in a later paragraph of a story about one village: still that village's,
            # unless the story has since named a place that does not hold it (在A镇、B镇推行…村委会)
            named = self._named_before(page, start, kinds, lv, 0)
            if len({p.ref for p in named}) != 1 or not self._story_stays(page, named[-1], start):
                return None
        village = max(named, key=lambda p: p.end)
        label = village.label + c.head
        return Mention(start, c.e, "organisation", "Organisation", text[start:c.e], label,
                       Ref.named("organisation", label), kind="alias", place_ref=village.ref,
                       aliases=(text[start:c.e],))

    @staticmethod
    def _named_before(page: _Page, start: int, kinds, level: str, lo: int) -> list[Mention]:
        """Places of ``kinds`` whose name ends in ``level``, named between ``lo`` and ``start``."""
        return [p for end, p in page.place_ends.items() if lo <= p.start and end <= start and p.family == "place"
                and p.cls in kinds and p.entity and p.label.endswith(level)]

    @staticmethod
    def _story_stays(page: _Page, village: Mention, start: int) -> bool:
        """True when no other locality is named after ``village`` and before ``start``.

        A township or village of the register named since then that does not hold the
        village (在A镇、B镇推行…村委会) moves the story on; a city visited or learned from (到X市学习)
        and a compound (柏岭花苑, most likely inside it) do not.
        """
        from kg.register.divisions import get_kb

        kb, parent = get_kb(), village.parent_place
        code = village.code or getattr(parent, "code", None)
        for p in page.place_ends.values():
            if not (village.end <= p.start and p.end <= start) or p.family != "place" or p.ref == village.ref \
                    or p.cls not in ("Township", "Village"):
                continue
            if p.code and not (code and (p.code == code or kb.is_inside(code, p.code))):
                return False
        return True

    def _bare_alias(self, page: _Page, c: _Candidate) -> Mention | None:
        """A bare common head (公司) standing for the body of that kind named before it, or None.

        Why: a definite bare noun (随后，公司召回…) refers back to the company already named;
        with a name before it (某家装公司, 第三方公司) it is a kind, not a body, and is no
        mention at all.
        """
        if c.chain or c.start != c.s:
            return None
        ante = self._antecedent(c.head, c.head, c.s, page.kept, page.ctx)
        if ante is None:
            return None
        return Mention(c.s, c.e, "organisation", "Organisation", c.head, ante[1], ante[0], kind="alias",
                       place_ref=ante[2], aliases=(c.head,))

    def _unit(self, page: _Page, c: _Candidate, parent: Mention) -> Mention | None:
        """A unit named right after its parent body (公安局红星派出所, 海关驻机场办事处监管一科)."""
        text, pat, name, j = page.text, c.pat, c.name, c.surface_start
        mid = text[j:c.s]
        quoted_team = pat.id == "team" and mid.startswith("“")  # X大队“Y”背包警务队: the team's own name
        if pat.get("direct") or (name and (self._generic(name) or self._counted(text, c.start, name))) or \
                ("“" in mid and not quoted_team) or mid.startswith("某"):
            return None  # X局某特色战队: a unit the paper keeps anonymous
        verb = next((w for w in self.act_words if mid.startswith(w)), "")
        if verb and len(mid) > len(verb) and not self._functional(mid[len(verb):]):
            return None  # X街道办事处联合辖区派出所: the verb joins two bodies (联合调解中心 is a unit)
        if not mid and len(c.head) <= 2 and pat.get("bare_generic"):
            return None
        if not quoted_team and mid and trim_name(mid, self.functions):
            return None  # X工作站累计派出Y法庭: a verb phrase between two bodies joins no unit to its body
        # a quoted team keeps its body's name as written (X法院“Y”工作站)
        label = (text[parent.start:j] if quoted_team else parent.label) + mid + c.head
        if len(label) > 40:
            return None
        place_ref = parent.place_ref
        if c.chain and (c.chain[-1].kind != "stem" or c.chain[-1].ref in page.full_refs):
            place_ref = c.chain[-1].ref
        surface = text[j:c.e]
        return Mention(j, c.e, "organisation", "Organisation", surface, label,
                       Ref.named("organisation", label), kind="chain", place_ref=place_ref,
                       parent_org=parent.ref, aliases=(surface,) if mid else (),
                       inner=c.inner)

    @staticmethod
    def _owned_unit(page: _Page, c: _Candidate) -> Mention | None:
        """A unit whose head names no body alone (X所属Y队): the owner's label before it, or no mention.

        A numbered department named by its body's work alone (由第三检察部的检察官值守) is the
        department of the nearest body of that work named before it (``unit_owners``).
        """
        owner = c.owner or _work_owner(page, c)
        if owner is None:
            return None
        surface = page.text[c.surface_start:c.e]
        label = owner.label + surface
        return Mention(c.surface_start, c.e, "organisation", "Organisation", surface, label,
                       Ref.named("organisation", label), kind="unit", place_ref=owner.place_ref,
                       parent_org=owner.ref, aliases=(surface,))

    # -- place + name + head ---------------------------------------------------------------
    def _placed(self, page: _Page, c: _Candidate) -> _Reading | None:
        """<places> + name + head (会宁县委政法委): the most specific place as written or in full."""
        place = c.chain[-1]
        if c.name and place.kind == "full" and _keeps_level_word(place.label, c.name, c.head):
            return _Reading(place.label + c.name + c.head, "level", place.ref, c.owner_ref)  # 沛县 + 县委(政法委)
        if self._placed_rejected(c, place):
            return None
        label = self._place_base(c, place) + c.name + self._head_text(c, place)
        if c.pat.get("full_place"):
            branch = self._district_branch(place)
            if branch is not None and place.kind == "stem":  # the branch as the page wrote it (X分局)
                short = branch.replace(place.label + "分局", place.surface + "分局")
                branch = short if any(k.label == short for k in page.kept) else branch
            label = branch or label
        place_ref = page.place_ref
        if place.kind != "stem" or place.ref in page.full_refs or place.cls in ("Prefecture", "County"):
            place_ref = place.ref  # 兰州海关 sits in 兰州市; a township stem only when named in full
        parent = (c.owner.ref if c.owner is not None else None) or self._article_owner(c.pat, place, page.ctx)
        return _Reading(label, "placed", place_ref, parent)

    def _placed_rejected(self, c: _Candidate, place: Mention) -> bool:
        """An anaphor, a quote, a kind of body or a generic bare head after the place: no one body."""
        pat, name = c.pat, c.name
        if place.family == "anaphor" or not place.ref:
            return True
        if "“" in name and not pat.get("named") and not pat.get("quote_in_name"):
            return True
        if name and (self._generic(name) or _TIERS.search(name) or name in self.act_words):
            return True  # X市两级法院: bodies of several levels; X村联合司法所: a verb, no name
        if not name and pat.get("province_collective") and place.cls == "Province" and place.kind == "abbrev":
            return True  # 浙江法院: the province's courts together, no one body
        return not name and not pat.get("bare_ok") and not pat.get("direct") and not pat.get("canon") \
            and bool(pat.get("bare_generic"))

    def _place_base(self, c: _Candidate, place: Mention) -> str:
        """The place as the label writes it: in full, as written (a stem, a province's short form) or not at all."""
        pat, name = c.pat, c.name
        if pat.get("named") and not pat.get("place_in_name") and len(name) >= 2 and not self._functional(name) and \
                all(p.kind in ("stem", "abbrev") for p in c.chain) and "“" not in name and \
                (place.kind == "stem" or place.cls != "Province"):
            return ""  # <province><city stem>Y派出所: short place names before a unit's own name are places
            # (a province's short form alone, 云南X戒毒所, 浙江X公司, is part of the name)
        if place.kind == "stem" and pat.get("stem_full") and not name and place.cls in ("County", "Prefecture"):
            return place.label  # X法院 of county X县: the court is named with the county's full name
        # a stem (红柳沟) and a province's short form (云南, 广西) stay as written:
        # 甘肃出入境边防检查总站, 甘肃女子强制隔离戒毒所 are the bodies' own names
        keep = place.kind == "stem" or (place.kind == "abbrev" and place.cls == "Province" and not
                                        pat.get("direct") and place.label.startswith(place.surface))
        return place.surface if keep and not pat.get("full_place") else place.label

    @staticmethod
    def _head_text(c: _Candidate, place: Mention) -> str:
        """The head in its canonical spelling (检察院 → 人民检察院) when it follows the place directly."""
        pat = c.pat
        if c.name or (pat.get("canon_cls") and place.cls not in pat.get("canon_cls")):
            return c.head
        if pat.get("prefecture_canon") and place.cls == "Prefecture":
            return pat.get("prefecture_canon")  # a city's court is its intermediate court
        if (c.canon.endswith(c.head) or pat.get("full_place")) and \
                not place.label.endswith(tuple(pat.get("canon_not_after", ()))):
            return c.canon
        return c.head

    # -- no place before the name ----------------------------------------------------------
    def _unplaced(self, page: _Page, c: _Candidate) -> Mention | None:
        """No place before the name: a level word, a bare head, a proper name or a functional unit."""
        if c.pat.get("direct"):
            lc = self._level_word_start(page, c)
            if lc is None:  # 镇党委、政府: the level word written once for the list
                listed = self._list_unit(page, c)
                return None if listed is None else self._finish(page, c, listed)
            c = lc
        level = self._level(c.name, c.head) if c.name else None
        if level is not None:
            return self._finish(page, c, self._levelled(page, c, level))
        if not c.name:
            ante = self._antecedent(c.head, c.canon, c.s, page.kept, page.ctx)
            if ante is not None:
                return self._alias(page, c, ante)
            reading = self._bare(page, c) or self._scene_unit(page, c) or self._list_unit(page, c)
        elif self._generic(c.name) or self._counted(page.text, c.start, c.name) or descriptive_only(c.name) \
                or tiered(c.name) or c.name in self.act_words:
            return None  # 农村派出所, 一站式派出所, 村三级…中心: a kind of body; 联合司法所: a verb, no name
        elif not self._functional(c.name):
            reading = self._set_up_unit(page, c) or self._proper(page, c)
        else:  # 法律服务工作站: words of function name a kind; the place makes it one body
            reading = self._functional_unit(page, c)
        if reading is None:
            return None
        if not c.pat.get("direct"):
            ante = self._antecedent(c.head, page.text[c.start:c.e], c.s, page.kept, page.ctx)
            if ante is not None:  # 林草局 after 会宁县林草局: the same body, shortened
                return self._alias(page, c, ante)
        return self._finish(page, c, reading)

    def _level_word_start(self, page: _Page, c: _Candidate) -> _Candidate | None:
        """A head that takes no name (委) read with the level word before it (旗委), or None without one."""
        text, s = page.text, c.s
        lv = next((lv for lv in body_level_words() if text.endswith(lv, 0, s)), None)
        if lv is None or (s - len(lv) in page.place_ends) or (s - len(lv)) - 1 >= 0 and \
                text[s - len(lv) - 1] in "的":
            return None
        start = s - len(lv)
        if any(len(h) > c.e - start and text.startswith(h, start) for h in self.heads):
            return None  # 村委会: a longer head starts at the level word; it names the body
        return replace(c, start=start, name=lv)

    def _levelled(self, page: _Page, c: _Candidate, level: tuple[str, str]) -> _Reading | None:
        """Level word + head (旗委, 区委政法委): the subject place or the place of that level named last."""
        if self._counted(page.text, c.start, c.name):
            return None  # 各县委, 各市公安局: the bodies of every place of a level, no one body
        if not level[1] and c.pat.get("bare_generic"):
            return None  # 镇中心, 市中心: a level word and a common head are a part of town, no body
        # 共合镇政府为镇中心学校…: a township or village its sentence has just named comes first
        subj = self._last_local(level[0], c.start, page.place_ends, page.text, _sentence_start(page, c.start)) or \
            page.ctx.places_by_level.get(level[0]) or \
            self._last_local(level[0], c.start, page.place_ends, page.text)
        if subj is None:
            return None
        head = c.canon if not level[1] else c.head
        doubled = not level[1] and _keeps_level_word(subj.label, level[0], head)  # 县委 of 沛县: 沛县县委
        label = subj.label + (level[0] if doubled else level[1]) + head
        return _Reading(label, "level", subj.ref, c.owner_ref)

    @staticmethod
    def _bare(page: _Page, c: _Candidate) -> _Reading | None:
        """A bare head allowed alone (由政法委、司法局常驻): the body of the article's place."""
        if not c.pat.get("bare_ok") or page.ctx.place is None:
            return None
        return _Reading(page.ctx.place.label + c.canon, "bare", page.place_ref, c.owner_ref)

    def _list_unit(self, page: _Page, c: _Candidate) -> _Reading | None:
        """镇司法所、派出所: a bare unit listed right after a body named by its place is that place's.

        Why: a list of a place's units writes the place once (gold/GUIDE.md: place + unit where
        the text makes the place certain).
        """
        text = page.text
        if c.start < 2 or text[c.start - 1] not in function_chars("list_joiners"):
            return None
        prev = page.org_ends.get(c.start - 1)
        place = next((p for p in page.place_ends.values() if prev is not None and p.ref == prev.place_ref), None)
        if prev is None or place is None or prev.kind not in ("level", "placed") or \
                not prev.label.startswith(place.label) or place.cls not in ("Township", "Village", "County"):
            return None
        head = c.head if c.pat.get("direct") else c.canon  # a head that takes no name stays as written
        return _Reading(place.label + head, "bare", place.ref, c.owner_ref)

    def _scene_unit(self, page: _Page, c: _Candidate) -> _Reading | None:
        """在X乡，派出所…: a bare unit opening the clause after a township or village set as the
        scene is that place's unit (gold/GUIDE.md: place + unit where the text makes it certain)."""
        ref = self._located(page.text, c.start, page.place_ends)
        place = page.place_ends.get(c.start - 1)
        if ref is None or place is None or place.ref != ref or place.cls not in ("Township", "Village"):
            return None
        return _Reading(place.label + c.canon, "bare", place.ref, c.owner_ref)

    def _proper(self, page: _Page, c: _Candidate) -> _Reading | None:
        """Proper name + head (红星警务服务中心): the label is the surface."""
        pat, name, ctx = c.pat, c.name, page.ctx
        if len(name) < 2 or pat.get("unit_only"):
            return None
        # 国家法医实验室: a national body serves no one place; X海关 with X a place the page
        # does not read (a city elsewhere): its place is that one, not the article's
        place_ref = None if name.startswith(self.national_prefixes) or self._named_after_elsewhere(page, c) \
            else page.place_ref
        if c.owner is not None and c.owner.place_ref:
            place_ref = c.owner.place_ref  # X海关所属Y海关: the unit sits where the body owning it does
        parent = c.owner_ref
        if pat.get("owner") and ctx.body is not None and ctx.body.head.endswith(pat.get("owner")):
            parent = parent or ctx.body.ref
        return _Reading(name + c.head, "named", place_ref, parent)

    @staticmethod
    def _named_after_elsewhere(page: _Page, c: _Candidate) -> bool:
        """True when the name opens with a city's short name the page did not read as a place here.

        (A township's or village's stem before 派出所 is the body's own name: it sits in the
        article's place.)
        """
        from kg.register.divisions import get_kb

        for s, e, surface, kinds in page.ctx.register or ():
            if s == c.start and "full" not in kinds and s not in page.place_starts:
                levels = {m.division.level for m in get_kb().lookup(surface)}
                return bool(levels) and levels <= {"Prefecture", "Province"}
        return False

    def _functional_unit(self, page: _Page, c: _Candidate) -> _Reading | None:
        """Functional unit (反诈中心, 禁毒大队): of the article's body if it owns such units, else of its place."""
        pat, body, place = c.pat, page.ctx.body, page.ctx.place
        if body is not None and body.head in self.owners and not pat.get("direct") and pat.get("unit_of_body"):
            return _Reading(body.label + c.name + c.head, "unit", body.place_ref or page.place_ref, body.ref)
        if pat.get("unit_only") or len(c.name) < int(pat.get("min_bare", 1)) or self._set_up_in_many(page, c.start):
            return None
        here = self._set_up_at(page, c.start)
        if here is not None:  # 在X村设立法律服务工作站: the unit of the place it is set up in
            return _Reading(here.label + c.name + c.head, "unit", here.ref, c.owner_ref)
        if place is None:
            return None
        return _Reading(place.label + c.name + c.head, "unit", page.place_ref, c.owner_ref)

    def _set_up_unit(self, page: _Page, c: _Candidate) -> _Reading | None:
        """在P设立旅游警务站: a unit named by ordinary words only is P's (gold/GUIDE.md: a unit
        written generically takes the place the text makes certain), else None."""
        here = self._set_up_at(page, c.start)
        if here is None or not all(common_word(w) for w in dict_words(c.name)):
            return None
        return _Reading(here.label + c.name + c.head, "unit", here.ref, c.owner_ref)

    def _set_up_in_many(self, page: _Page, start: int) -> bool:
        """True when the unit at ``start`` is set up in several places at once (在A、B等单位设立…,
        在全县19个乡镇设立…, 在各村成立…): one unit in each, a kind of body, not one body."""
        text = page.text
        verb = next((w for w in self.owner_words if text.endswith(w, 0, start)), None)
        if verb is None:
            return False
        at = start - len(verb)
        lo = max(text.rfind(ch, 0, at) for ch in function_chars("clause_end") + "\n") + 1
        where = text.rfind("在", lo, at)
        if where < 0:
            return False
        span = text[where + 1:at]
        counted = any(i > 0 and (span[i - 1].isdigit() or span[i - 1] in function_chars("count_numerals"))
                      for i, ch in enumerate(span) if ch == "个")
        return counted or "等" in span or "、" in span or span.startswith(("各", "每"))

    def _set_up_at(self, page: _Page, start: int) -> Mention | None:
        """P in 在P设立<unit> (成立, 组建), or a village's or compound's P成立<unit>: the place a unit
        is set up in, named right before the verb."""
        text = page.text
        verb = next((w for w in self.owner_words if text.endswith(w, 0, start)), None)
        p = page.place_ends.get(start - len(verb)) if verb else None
        if p is None and verb:  # 村里还成立了红白理事会: the village the paragraph last named
            at = start - len(verb)
            at -= next((len(a) for a in function_words("owner_adverbs") if text.endswith(a, 0, at)), 0)
            return page.village_words.get(at)
        if p is None or p.family != "place":
            return None
        # X小区成立业主委员会: a village or compound sets up its own body (no 在 needed)
        at = text.endswith(_AT, 0, _chain_start(text, page.place_ends, p.end))
        return p if at or p.cls in ("Village", "Place") else None

    # -- the mention -----------------------------------------------------------------------
    def _alias(self, page: _Page, c: _Candidate, ante: tuple) -> Mention:
        """A short mention of an earlier body (林草局 after 会宁县林草局): that body's ref and label."""
        surface = page.text[c.start:c.e]
        return Mention(c.start, c.e, "organisation", "Organisation", surface, ante[1], ante[0],
                       kind="alias", place_ref=self._located_after(page, c.e) or ante[2], aliases=(surface,))

    def _finish(self, page: _Page, c: _Candidate, r: _Reading | None) -> Mention | None:
        """The mention of a reading, placed where the text says the body sits (位于P, 在P，) if it does."""
        if r is None or len(r.label) > 30:
            return None
        start = c.surface_start
        set_up = self._set_up_at(page, start)  # 在P设立Y室: Y室 sits in P
        located = self._located_after(page, c.e) or (set_up.ref if set_up is not None else None)
        if not self._head_follows(page.text, c.e, _UNIT_REACH):  # 位于P的X法院Y法庭: P is the unit's place
            located = self._located(page.text, start, page.place_ends) or located
        return Mention(start, c.e, "organisation", "Organisation", page.text[start:c.e], r.label,
                       Ref.named("organisation", r.label), kind=r.kind, place_ref=located or r.place_ref,
                       parent_org=r.parent_org, inner=c.inner)

    @staticmethod
    def _district_branch(place) -> str | None:
        """X市公安局Y区分局 for the police of a city's district (Y公安, Y警方), else None.

        Why: a prefecture-level city's districts (市辖区) are policed by branches of the
        city's bureau, while counties and county-level cities have bureaus of their own.
        """
        from kg.register.divisions import get_kb

        if place.cls != "County" or not place.label.endswith("区") or not place.code:
            return None
        kb = get_kb()
        parent = next(iter(kb.ancestors(place.code)), None)
        if parent is None or not parent.name.endswith("市"):
            return None
        return f"{parent.name}公安局{place.label}分局"

    @staticmethod
    def _last_local(level: str, start: int, place_ends, text: str, since: int | None = None):
        """The county, township or village named last before ``start`` whose name ends in ``level``, or None.

        Why: 镇党委, 村党支部 name the body of the township or village the story is at; when
        that is not the article's own place, it is the one the text has just named. The
        same holds for 县检察院, 区民政局 in an article about a city or province that goes
        county by county — but only within the paragraph: a county named in an earlier
        paragraph is another story's. With ``since`` (the sentence's start), only a township
        or village named earlier in the same sentence.
        """
        cls = last_named_levels().get(level)
        if cls is None or (since is not None and cls == "County"):
            return None
        lo = since if since is not None else text.rfind("\n", 0, start) + 1 if cls == "County" else 0
        named = [p for e, p in place_ends.items() if e <= start and p.start >= lo and p.family == "place"
                 and p.cls == cls and p.entity and p.label.endswith(level)]
        return max(named, key=lambda p: p.end) if named else None

    @staticmethod
    def _article_owner(pat, place, ctx):
        """The article's body when a unit named after a place below it is one of its units.

        Why: in an article about a county's 公安局, X开发区派出所 or X镇派出所 is one of that
        bureau's stations (the unit's owner head matches the body's head and the place lies
        below county level, inside the body's area); a station named after a county or a
        city belongs to that place's own bureau.
        """
        owner = pat.get("owner")
        if not owner or ctx.body is None or not ctx.body.head.endswith(owner) or \
                place.cls not in ("Township", "Village", "Place"):
            return None
        return ctx.body.ref

    def _joined(self, text, start, stops):
        """Extend a name over 〈unit word〉和 before it: 禁毒和治安大队 is one unit."""
        if start < 2 or text[start - 1] not in function_words("unit_joiners"):
            return start
        for w in self.functions_tuple:
            p = start - 1 - len(w)
            if p >= 0 and text[p:start - 1] == w and (p == 0 or p in stops or not is_cjk(text[p - 1])):
                return p
        return start

    def _owner(self, text, start, org_ends, place_ends=None):
        """The body before 所属/下属/直属 or 成立(了) right before ``start``, or None.

        With ``place_ends``, also the body that sets the unit up in a place (X局在P设立了Y室):
        the unit is X局's, wherever it stands.
        """
        for w in self.owner_words:
            if not text.endswith(w, 0, start):
                continue
            pos = start - len(w)
            if pos in org_ends:
                return org_ends[pos]
            bare = _strip_back(text, pos, function_words("owner_adverbs") + function_words("here_words"))
            if bare != pos and bare in org_ends:
                return org_ends[bare]  # X所在此专门设置Y室, X所专门设立了Y室: X所's unit
            if place_ends and pos in place_ends:
                pos = _chain_start(text, place_ends, pos, through_de=True)  # 在X镇的Y景区设立
                if not text.endswith(_AT, 0, pos):
                    return None
                pos -= len(_AT)
                pos -= next((len(a) for a in function_words("owner_adverbs") if text.endswith(a, 0, pos)), 0)
                return org_ends.get(pos)
        return None

    def _antecedent(self, head, tail, s, kept, ctx):
        """(ref, label, place_ref) of an earlier body this short mention refers to.

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
            return best.ref, best.label, best.place_ref
        body = ctx.body
        if body is not None and body.label.endswith(tail) and len(body.label) > len(tail):
            return body.ref, body.label, body.place_ref
        return None

    def _compound(self, text, start, s):
        """Start of a department name whose 和 stopped the scan (X县文化和旅游局), or None."""
        for w in self.compounds:
            p = start - 1 - w.index("和")
            if p >= 0 and text.startswith(w, p) and p + len(w) <= s:
                return p
        return None

    def _located_after(self, page: "_Page", e: int):
        """The last place of the chain in <body>位于P…: the body sits there, or None."""
        if not page.text.startswith("位于", e):
            return None
        j, last = e + 2, None
        while j in page.place_starts:
            last = page.place_starts[j]
            j = last.end
        if last is None or last.family != "place" or not last.entity and last.kind in ("stem", "abbrev"):
            return None
        return last.ref

    def _located(self, text, start, place_ends):
        """P in 位于P的<body> or 在…P，<body> right before ``start`` (the body sits there), or None.

        Why 在…P，: a sentence-initial locative phrase sets the scene for the subject that
        opens the next clause (在X省Y市Z园区，W公司员工正忙着生产): the body is there, at
        the last (most specific) place of the chain.
        """
        if text.endswith("的", 0, start) and (start - 1) in place_ends:
            p = place_ends[start - 1]
            if p.family == "place" and text.endswith("位于", 0, p.start):
                return p.ref
            # 在X镇Y村的调解室里: the scene's own unit, at a township or village
            return p.ref if p.cls in ("Township", "Village") and self._scene_at(text, place_ends, p) else None
        if not text.endswith(("，", ","), 0, start) or (start - 1) not in place_ends:
            return None
        last = place_ends[start - 1]
        return last.ref if self._scene_at(text, place_ends, last) else None

    @staticmethod
    def _scene_at(text: str, place_ends, last) -> bool:
        """The chain of places ending with ``last`` follows 在 opening a clause (在X省Y市Z园区…)."""
        first = _chain_start(text, place_ends, last.end)
        return last.family == "place" and text.endswith(_AT, 0, first) and \
            (first <= 1 or text[first - 2] in "，,。；;：:\n”" or text[first - 2].isspace())
