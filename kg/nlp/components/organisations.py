"""OrgGrammar: organisations from place + name + body head (``patterns/org_heads.jsonl``).

For every head noun (公安局, 人民检察院, 政法委, 中心, 派出所 …) the name is read backwards
(:func:`kg.nlp.components._scan.back_scan`) and classified:

- **place + name + head** (乌拉特后旗委政法委, 包头市九原区委政法委): canonical label is the
  most specific place + the rest, with the head in its canonical spelling (检察院 →
  人民检察院); the place named in full stays an entity, a stem does not;
- **level word + head** (旗委, 区委政法委, 旗级公共法律服务中心): the level word stands for the
  subject place or its ancestor at that level;
- **bare head** allowed for specific bodies (由政法委、司法局常驻) → subject place + head;
- **functional unit** (反诈中心, 禁毒大队, 刑事检察部门): in an article about a body that owns
  such units → body + unit; otherwise subject place + unit;
- **proper name + head** (金川警务服务中心, 台阁牧派出所): the label is the surface;
- **quoted team** (“驼背宣讲队”, “漠北驼铃”护边队).

National bodies (党中央 …) come from ``lexicons/national_bodies.tsv``.
"""
from __future__ import annotations

import jieba

from kg.link.canonical import entity_key
from kg.nlp.components._scan import doc_text, automaton, back_scan, iter_matches, quotes, titles, trim_name
from kg.nlp.lexicon import patterns, table, words
from kg.nlp.types import ArticleContext, Mention

__all__ = ["OrgGrammar"]

LEVEL_CHARS = ("自治区", "省", "市", "盟", "州", "旗", "县", "区")
_WORD_FREQ = 50


class OrgGrammar:
    """spaCy component: organisation mentions into ``doc._.kg_mentions``."""

    def __init__(self, nlp=None, name: str = "kg_orgs", *, heads: str = "org_heads",
                 functions: str = "unit_functions", generic: str = "org_generic_names",
                 national: str = "national_bodies", max_name: int = 24) -> None:
        self.name = name
        self.max_name = max_name
        self.heads = {p.pattern: p for p in patterns(heads) if p.label == "ORG"}
        self.head_auto = automaton((h, h) for h in self.heads)
        self.functions = words(functions)
        self.fn_auto = automaton((w, w) for w in self.functions)
        self.generic = words(generic, "name")
        self.national = {r["name"] for r in table(national, ("name", "cls"))}
        self.national_auto = automaton((n, n) for n in self.national)
        self.owners = {p.get("owner") for p in self.heads.values() if p.get("owner")}
        self.owners |= {"人民检察院", "检察院", "人民法院", "法院", "公安分局"}

    # -- helpers ---------------------------------------------------------------------------
    def _functional(self, name: str) -> bool:
        return any(name.startswith(w) for w in self.functions)

    def _generic(self, name: str) -> bool:
        if name in self.generic:
            return True
        return any(name.startswith(g) for g in self.generic if len(g) >= 2 or g in "各全该本其")

    @staticmethod
    def _counted(text: str, start: int, name: str) -> bool:
        """A counted mention (5个法官联系点, 三大中心) names a kind of body, not one body."""
        before = text[start - 1:start] if start > 0 else ""
        if before.isdigit() or before in ("个", "两", "几", "多", "每", "各", "些"):
            return True
        return len(name) >= 2 and name[0] in "一二三四五六七八九十两" and name[1] in "个大项级类家所"

    def _level(self, name: str, head: str):
        """(level word, rest) when ``name`` opens with a level word used as a place."""
        for lv in LEVEL_CHARS:
            if name.startswith(lv):
                rest = name[len(lv):]
                if rest.startswith("级"):
                    return lv, rest[1:]
                if not rest and head:
                    return lv, rest
                if rest.startswith("委") or self._functional(rest) or rest in self.heads:
                    return lv, rest
        return None

    def _word_continues(self, text: str, s: int, e: int) -> bool:
        """The head is the start of a longer ordinary word (局面, 中心城区)."""
        for n in (1, 2):
            w = text[s:e + n]
            if len(w) > e - s and e + n <= len(text) and jieba.dt.FREQ.get(w, 0) >= _WORD_FREQ:
                return True
        return False

    # -- component -------------------------------------------------------------------------
    def __call__(self, doc):
        ctx: ArticleContext = doc._.kg_context or ArticleContext()
        text = doc_text(doc)
        mentions: list[Mention] = list(doc._.kg_mentions or [])
        places = [m for m in mentions if m.family == "place"]
        place_ends = {m.end: m for m in places}
        qspans = quotes(text)
        tspans = titles(text)
        cands: list[Mention] = []
        for s, e, name, _ in iter_matches(self.national_auto, text):
            cands.append(Mention(s, e, "organisation", "Organisation", name, name,
                                 entity_key("organisation", name), kind="national"))
        by_end: dict[int, tuple[int, str]] = {}
        for s, e, head, _ in iter_matches(self.head_auto, text):
            if e not in by_end or e - s > by_end[e][1].__len__():
                by_end[e] = (s, head)
        for e, (s, head) in sorted(by_end.items()):
            q = next(((a, b) for a, b in qspans if a < s and e < b), None)
            if q is not None and e == q[1] - 1:
                m = self._quoted(text, q, head, ctx)
                if m is not None:
                    cands.append(m)
                continue
            if q is not None or self._word_continues(text, s, e) or any(a < s < b for a, b in tspans):
                continue
            if len(head) == 1 and s > 0 and s not in place_ends and text[s - 1:e] not in self.heads and \
                    jieba.dt.FREQ.get(text[s - 1:e], 0) >= _WORD_FREQ:
                continue  # 格局, 大局: the head closes an ordinary word
            m = self._org(text, s, e, head, ctx, place_ends)
            if m is not None:
                cands.append(m)
        kept: list[Mention] = []
        for m in sorted(cands, key=lambda m: (-(m.end - m.start), m.start)):
            if all(m.end <= k.start or m.start >= k.end for k in kept):
                kept.append(m)
        for p in places:
            for k in kept:
                if k.start <= p.start and p.end <= k.end and p.kind in ("stem", "abbrev"):
                    p.entity = False
        doc._.kg_mentions = sorted(mentions + kept, key=lambda m: (m.start, -m.end))
        return doc

    def _quoted(self, text, q, head, ctx):
        pat = self.heads[head]
        content = text[q[0] + 1:q[1] - 1]
        after = text[q[1]:q[1] + 3]
        if pat.id not in ("team", "tribunal") or "式" in content or after.startswith(("样板", "品牌")):
            return None
        label = text[q[0]:q[1]]
        return Mention(q[0], q[1], "organisation", "Organisation", label, label,
                       entity_key("organisation", label), kind="quoted",
                       place_key=ctx.place.key if ctx.place else None)

    def _org(self, text, s, e, head, ctx, place_ends):
        pat = self.heads[head]
        canon = pat.get("canon") or head
        if pat.get("direct"):
            start = s
        else:
            start = back_scan(text, s, self.max_name, stops=set(place_ends), allow_quotes=True)
            if start not in place_ends:
                start += trim_name(text[start:s], self.functions)
        chain = []
        j = start
        while j in place_ends and place_ends[j].family == "place":
            chain.insert(0, place_ends[j])
            j = place_ends[j].start
        name = text[start:s]
        surface_start = chain[0].start if chain else start
        surface = text[surface_start:e]
        place_key = ctx.place.key if ctx.place else None
        parent_org = None
        kind = "named"
        if chain:
            place = chain[-1]
            if place.family == "anaphor" or not place.key:
                return None
            if "“" in name and not pat.get("named") and pat.id not in ("leading_group", "committee"):
                return None
            if name and self._generic(name):
                return None
            if not name and not pat.get("bare_ok") and not pat.get("direct") and not pat.get("canon") \
                    and pat.id in ("centre", "bureau", "department", "office", "committee", "brigade"):
                return None
            head_txt = canon if not name and canon.endswith(head) and not (
                head == "政法委" and place.label.endswith(("委",))) else head
            if head == "政法委" and name == "" and place.cls not in ("County", "Prefecture"):
                head_txt = head
            stem = place.kind != "full" or place.label != place.surface
            base = place.surface if place.kind == "stem" else place.label
            label = base + name + head_txt
            if place.kind != "stem":
                place_key = place.key
            kind = "placed"
            if stem and place.kind == "stem" and pat.get("named"):
                place_key = ctx.place.key if ctx.place else None
        else:
            if pat.get("direct"):
                lv = next((lv for lv in LEVEL_CHARS if text.endswith(lv, 0, s)), None)
                if lv is None or (s - len(lv) in place_ends) or (s - len(lv)) - 1 >= 0 and \
                        text[s - len(lv) - 1] in "的":
                    return None
                start = s - len(lv)
                name = lv
            level = self._level(name, head) if name else None
            if level is not None:
                subj = ctx.places_by_level.get(level[0])
                if subj is None:
                    return None
                label = subj.label + level[1] + (canon if not level[1] else head)
                place_key = subj.key
                kind = "level"
            elif not name:
                if not pat.get("bare_ok") or ctx.place is None:
                    return None
                label = ctx.place.label + canon
                kind = "bare"
            elif self._generic(name) or self._counted(text, start, name):
                return None
            elif pat.get("named") or not self._functional(name):
                if len(name) < 2 or pat.get("unit_only"):
                    return None
                label = name + head
                if pat.get("owner") and ctx.body is not None and ctx.body.head.endswith(pat.get("owner")):
                    parent_org = ctx.body.key
            else:
                body = ctx.body
                if body is not None and body.head in self.owners and not pat.get("direct") and \
                        pat.id in ("brigade", "centre", "department", "office", "bureau"):
                    label = body.label + name + head
                    parent_org = body.key
                    place_key = body.place_key or place_key
                elif pat.get("unit_only") or ctx.place is None or len(name) < int(pat.get("min_bare", 1)):
                    return None
                else:
                    label = ctx.place.label + name + head
                kind = "unit"
            surface = text[start:e]
        if len(label) > 30:
            return None
        return Mention(surface_start if chain else start, e, "organisation", "Organisation",
                       surface, label, entity_key("organisation", label), kind=kind,
                       place_key=place_key, parent_org=parent_org,
                       inner=tuple(p.key for p in chain if p.kind == "full"))
