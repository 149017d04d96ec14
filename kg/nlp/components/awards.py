"""AwardRecognizer: honours a place or body received (``patterns/award_triggers.jsonl``).

After a trigger (荣获, 被评为, 定为 …) the same clause is read for quoted honours
(optionally with a short prefix: 全国“…奖”) or an unquoted one ending in an honour head
(…先进集体, …奖). A quoted name ending in a strong head (…示范旗) is an honour without a
trigger. The awardee is the nearest place, body or anaphor before the trigger in the
sentence (not the agent after 被), the object of 将/把, or the article's subject.
"""
from __future__ import annotations

import re

from kg.nlp.components._scan import Cover, automaton, iter_matches, quotes, within_any
from kg.text.sentences import sentence_at, sentence_spans
from kg.lexicon import Lexicon, function_chars, function_words
from kg.context import ArticleContext, Ref
from kg.text.names import strip_quotes
from kg.nlp.components.base import RuleComponent
from kg.nlp.spans import Found, mention_id
from kg.nlp.types import Mention, RelationHit

__all__ = ["AwardRecognizer", "holder_before"]

_CLAUSE_END = re.compile(r"[，,。；;！？!?\n：:]")


def holder_before(mentions, text, s0, pos, ctx, covered=lambda s, e: False):
    """Nearest place/organisation/anaphor before ``pos`` in [s0, pos) that can be a subject.

    ``covered(s, e)`` is true for spans inside a quotation or award name (no subject there).
    """
    best = None
    for m in mentions:
        if m.family not in ("place", "organisation", "anaphor") or not (s0 <= m.start and m.end <= pos):
            continue
        if covered(m.start, m.end):
            continue
        if m.start > 0 and text[m.start - 1] in function_chars("not_holder_before"):
            continue
        if best is None or m.end > best.end:
            best = m
    return best


class AwardRecognizer(RuleComponent):
    """spaCy component: award mentions and ``awarded`` relation hits into ``doc.spans["kg_awards"]``."""

    def __init__(self, nlp=None, name: str = "kg_awards", *, triggers: str = "award_triggers") -> None:
        self.tables = {"triggers": triggers}
        super().__init__(name)

    def setup(self, lex: Lexicon) -> None:
        rows = lex.patterns(self.tables["triggers"])
        self.triggers = {p.pattern: p for p in rows if p.label == "AWARD_TRIGGER"}
        self.heads = {p.pattern: p for p in rows if p.label == "AWARD_HEAD"}
        self.trig_auto = automaton((t, t) for t in self.triggers)
        self.head_auto = automaton((h, h) for h in self.heads)
        self._head_ends = tuple(h for h, p in self.heads.items() if p.id != "wrapper")
        self._strong_ends = tuple(h for h, p in self.heads.items() if p.id == "strong")
        # 荣誉称号, 称号, 荣誉: stripped from an unquoted honour's end, longest first
        self._wrapper_ends = tuple(sorted((h for h, p in self.heads.items() if p.id == "wrapper"), key=len,
                                          reverse=True))

    def _ends_with_head(self, name: str, strong: bool = False) -> bool:
        return name.endswith(self._strong_ends if strong else self._head_ends)

    def match(self, doc) -> Found:
        ctx: ArticleContext = doc._.kg_context or ArticleContext()
        text = doc._.kg_text
        mentions = doc._.kg_mentions
        awards: list[Mention] = []
        rels: list[RelationHit] = []
        sents = ctx.sentences or tuple(sentence_spans(text))
        qs = quotes(text)
        orgs = [(m.start, m.end) for m in mentions if m.family == "organisation"]
        claimed: list[tuple[int, int]] = []
        found: list[tuple[Mention, int]] = []  # (award, trigger position)
        hits = sorted(iter_matches(self.trig_auto, text), key=lambda h: (h[0], -(h[1] - h[0])))
        last = -1
        for ts, te, trig, _ in hits:
            if ts < last:
                continue
            last = te
            weak = self.triggers[trig].id == "weak"
            m = _CLAUSE_END.search(text, te)
            ce = m.start() if m else len(text)
            region_q = [q for q in qs if te <= q[0] and q[1] <= ce]
            if region_q:
                prev = te
                for a, b in region_q:
                    prefix = text[prev:a]
                    if len(prefix) > 4 or any(c in prefix for c in function_chars("award_prefix_breaks")):
                        prefix = ""
                    content = text[a + 1:b - 1]
                    tail = text[b:b + 6]
                    if weak and not (self._ends_with_head(content) or
                                     tail.startswith(function_words("honour_after_quote"))):
                        continue
                    label = prefix + strip_quotes(content)
                    found.append((self._award(a - len(prefix), b, text, label), ts))
                    claimed.append((a - len(prefix), b))
                    prev = b
                continue
            region = text[te:ce]
            ends = [e for s, e, h, _ in iter_matches(self.head_auto, region)]
            if not ends:
                continue
            end = max(ends)
            label = region[:end]
            for w in self._wrapper_ends:
                if label.endswith(w):
                    label = label[: -len(w)]
            label = label.lstrip("了")
            if not (4 <= len(label) <= 25) or "、" in label or not self._ends_with_head(label):
                continue
            s = te + region.index(label)
            found.append((self._award(s, s + len(label), text, label), ts))
            claimed.append((s, s + len(label)))
        cover = Cover(len(text), claimed + orgs)
        for a, b in qs:
            if a in cover:
                continue
            content = text[a + 1:b - 1]
            if self._ends_with_head(content, strong=True):
                found.append((self._award(a, b, text, strip_quotes(content)), a))
                claimed.append((a, b))
                cover.add(a, b)
        scheme_q = [q for q in qs if q not in claimed]
        quoted = within_any(scheme_q + claimed)
        for award, pos in found:
            s0, s1 = sentence_at(sents, award.start)
            holder = None
            jiang = max(text.rfind("将", s0, pos), text.rfind("把", s0, pos))
            if jiang >= 0:
                holder = next((m for m in mentions if m.start == jiang + 1 and m.family != "award"), None)
                if holder is None and text[jiang] == "把":
                    continue  # 村里把每周五下午定为“说事日”: what 把 designates is no place or body, no honour
            if holder is None:
                holder = holder_before(mentions, text, s0, pos, ctx, covered=quoted)
            ref = holder.ref if holder is not None else (
                ctx.body.ref if ctx.body else ctx.place.ref if ctx.place else None)
            awards.append(award)
            if ref:
                rels.append(RelationHit(ref, "awarded", award.ref, s0, s1))
        in_award = within_any(claimed)
        inside = [p for p in mentions if p.family in ("place", "organisation") and in_award(p.start, p.end)]
        return Found(mentions=tuple(awards), relations=tuple(rels),
                     demoted=frozenset(mention_id(p) for p in inside if p.family == "organisation"),
                     removed=frozenset(mention_id(p) for p in inside if p.family == "place"))

    @staticmethod
    def _award(s, e, text, label):
        return Mention(s, e, "award", "Award", text[s:e], label, Ref.named("award", label), kind="award")
