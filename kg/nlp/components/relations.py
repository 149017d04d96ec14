"""RelationRules: relations read from one sentence at a time (``relation_triggers.jsonl``).

- **adaptedFrom** — a learning verb (ADAPT/adapt: 借鉴, 学习, 复制, 引进, 移植 …) governing a
  place written right after it (了 may stand between) and a scheme right after the place (or
  after 的/等地): all in one clause; the place is neither the article's place nor one of its
  ancestors (a page does not learn from itself); no place inside a body's name. 推广 (spreading
  a scheme out) is no learning;
- **implementedBy** — the body that is the subject of the sentence (the first organisation
  before the scheme, not after 与/和/向/对/在/被), else the article's subject body when a
  LAUNCH/LEAD verb (开展, 推行, 牵头 …) stands before the scheme in the sentence;
- **implementedIn** — that body's place; else the nearest place (or 该旗 …) before the scheme
  in the sentence, not the adaptedFrom source, narrowed to the subject place when it is one
  of its ancestors; else the article's subject place;
- **locatedIn** / **subOrganisationOf** — from the organisation grammar (name or article);
- **partOf** — stated chains (白银市会宁县) and places outside the register.
Register-only partOf links are added per file by :mod:`kg.nlp.records`.
"""
from __future__ import annotations

from kg.link.resolve import inside
from kg.nlp.components._scan import is_cjk, doc_text, automaton, iter_matches, sentence_at, sentence_spans, within_any
from kg.nlp.lexicon import patterns
from kg.nlp.types import ArticleContext, RelationHit

__all__ = ["RelationRules"]

_NOT_SUBJECT = "与和及向对在到被为同跟"
_CLAUSE_END = "，,；;：:。！？!?"  # a learning verb governs only inside its clause
_VERB_GAP = ("", "了")          # 借鉴了X: what may stand between the verb and the place
_VERB_GAP_SPAN = 4              # characters (OCR spaces included) the gap may span
_PLACE_GAP = 8                  # X的矛盾化解“…”法: at most this many name characters before the scheme


class RelationRules:
    """spaCy component: relation hits into ``doc._.kg_relations``."""

    def __init__(self, nlp=None, name: str = "kg_relations", *, triggers: str = "relation_triggers") -> None:
        self.name = name
        rows = patterns(triggers)
        self.adapt_auto = automaton((p.pattern, p.id) for p in rows if p.label == "ADAPT" and p.id == "adapt")
        self.launch_auto = automaton((p.pattern, p.id) for p in rows if p.label in ("LAUNCH", "LEAD"))

    def __call__(self, doc):
        ctx: ArticleContext = doc._.kg_context or ArticleContext()
        if ctx.is_title:
            return doc
        from kg.link.divisions import get_kb

        kb = get_kb()
        text = doc_text(doc)
        mentions = [m for m in (doc._.kg_mentions or [])]
        rels = list(doc._.kg_relations or [])
        sents = ctx.sentences or tuple(sentence_spans(text))
        org_spans = [(m.start, m.end) for m in mentions if m.family == "organisation"]
        orgs = [m for m in mentions if m.family == "organisation"]  # in mention order
        in_org = within_any(org_spans)  # inside an organisation's name
        seen_org: set[str] = set()
        for m in mentions:
            s0, s1 = sentence_at(sents, m.start)
            if m.family == "organisation" and m.entity and m.key in seen_org and m.place_key and \
                    text.startswith("位于", m.end):
                rels.append(RelationHit(m.key, "locatedIn", m.place_key, s0, s1))  # <body>位于P
            if m.family == "organisation" and m.entity and m.key not in seen_org:
                seen_org.add(m.key)
                if m.place_key and m.kind != "national":
                    rels.append(RelationHit(m.key, "locatedIn", m.place_key, s0, s1))
                if m.parent_org and m.parent_org != m.key:
                    rels.append(RelationHit(m.key, "subOrganisationOf", m.parent_org, s0, s1))
            elif m.family == "place" and m.entity and m.parent_place and m.kind in ("head", "suffix"):
                rels.append(RelationHit(m.key, "partOf", m.parent_place, s0, s1))
        places = [m for m in mentions if m.family in ("place", "anaphor") and m.cls != "Province"]
        all_places = sorted((m for m in mentions if m.family == "place" and m.entity),
                            key=lambda m: (m.start, -m.end))
        for a, b in zip(places, places[1:]):
            if a.end == b.start and a.code and b.code and a.family == b.family == "place" and \
                    inside(kb, b.code, a.code):
                s0, s1 = sentence_at(sents, a.start)
                rels.append(RelationHit(b.key, "partOf", a.key, s0, s1))
        for m in mentions:
            if m.family != "scheme":
                continue
            s0, s1 = sentence_at(sents, m.start)
            source = self._adapt_source(kb, text, s0, m, all_places, in_org, ctx)
            if source is not None:
                rels.append(RelationHit(m.key, "adaptedFrom", source.key, s0, s1))
            org = next((o for o in orgs if s0 <= o.start and o.end <= m.start
                        and not (o.start > 0 and text[o.start - 1] in _NOT_SUBJECT)), None)
            # the article's body runs a scheme only when the sentence says it is run (a LAUNCH
            # verb before it); a scheme merely named or described is no evidence
            launched = ctx.body is not None and any(True for _ in iter_matches(self.launch_auto, text[s0:m.start]))
            body_key = org.key if org is not None else (ctx.body.key if launched else None)
            if body_key:
                rels.append(RelationHit(m.key, "implementedBy", body_key, s0, s1))
            place_key = None
            if org is not None and org.place_key:
                place_key = org.place_key
            else:
                cands = [p for p in places if s0 <= p.start and p.end <= m.start and p is not source
                         and not in_org(p.start, p.end) and not self._learned_from(text, s0, p)]
                if cands:
                    p = cands[-1]
                    place_key = p.key
                    if p.end == m.start:
                        pass  # 白银市“互联网+执法”平台: the place names the scheme's own area
                    elif ctx.place and ctx.place.code and p.code and inside(kb, ctx.place.code, p.code):
                        place_key = ctx.place.key
            if place_key is None and ctx.place is not None:
                place_key = ctx.place.key
            if place_key:
                rels.append(RelationHit(m.key, "implementedIn", place_key, s0, s1))
        doc._.kg_relations = rels
        return doc

    def _learned_from(self, text: str, s0: int, place) -> bool:
        """True when a learning verb governs the place (学习借鉴 X …): not where work is done."""
        head = "".join(text[s0:place.start].split())
        head = head[:-1] if head.endswith("了") else head
        return any(True for _, te, _, _ in iter_matches(self.adapt_auto, head) if te == len(head))

    def _adapt_source(self, kb, text: str, s0: int, scheme, places, in_org, ctx: ArticleContext):
        """The place a scheme was learned from, or None (see the module docstring).

        Why so strict: a learning verb anywhere earlier in a long sentence (学习贯彻 …,
        党纪学习教育) says nothing about where a later scheme came from; only a verb whose
        object is ``place + scheme`` does.
        """
        c0 = max(s0, *(i + 1 for i in range(s0, scheme.start) if text[i] in _CLAUSE_END), s0)
        for _, te, _, _ in iter_matches(self.adapt_auto, text[c0:scheme.start]):
            v_end = c0 + te
            first = [p for p in places if v_end <= p.start <= v_end + _VERB_GAP_SPAN
                     and "".join(text[v_end:p.start].split()) in _VERB_GAP]
            for p in first[:1]:
                while True:  # a written chain (甘肃省会宁县): the last, most specific place
                    nxt = next((q for q in places if q.start == p.end), None)
                    if nxt is None:
                        break
                    p = nxt
                gap = text[p.end:scheme.start]
                if p.end > scheme.start or len(gap) > _PLACE_GAP or \
                        not all(is_cjk(c) for c in gap) or in_org(p.start, p.end):
                    continue
                if ctx.place is not None and (p.key == ctx.place.key or (
                        ctx.place.code and p.code and inside(kb, ctx.place.code, p.code))):
                    continue
                return p
        return None
