"""SchemeRecognizer: named programmes and initiatives (``patterns/scheme_heads.jsonl``).

A scheme needs a proper name (gold/GUIDE.md). Read from grammar, never from a name list:

- a run of quotations (“A”“B”、“C”) followed by modifiers and a head noun: each quote +
  head is a scheme (“检察护农”“检护平安”两个专项行动 → “检察护农”专项行动, …); a
  *wrapper* head (品牌, 样板, 平台 after 等) leaves the quote alone as the name;
- a quotation standing alone as the object of a launch verb (开展, 打造, 依托 …;
  ``relation_triggers.jsonl`` LAUNCH) or framed as 以“…”为抓手, or whose own text ends in a
  head noun (“巴特尔一线工作法”);
- a numbered model (8+N调解模式).

Quotations followed by 的, slogans without head or verb, and the nation-wide campaigns and
generic words of ``lexicons/scheme_stoplist.tsv`` are not schemes; nor, by
``lexicons/scheme_context.tsv``, what a verb guards against (防范“…”), a goal (打造“X样板”)
or what 全国 makes nation-wide. Programme vs
Initiative follows the head noun, else the verb (开展 → Programme).
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.nlp.components.generic import generic_quote, manner
from kg.nlp.components._scan import (Cover, _tags, automaton, boundaries, dict_words, inner_quotes, iter_matches,
                                     name_quotes, titles, within_any)
from kg.lexicon import Lexicon, function_chars, function_words
from kg.context import ArticleContext, Ref
from kg.text.names import strip_quotes
from kg.nlp.components.base import RuleComponent
from kg.nlp.spans import Found, mention_id
from kg.nlp.types import Mention

__all__ = ["SchemeRecognizer"]

_QUANT = re.compile(r"^(?:等|以及)?(?:(?:\d+|[一二三四五六七八九十两]+)[个项大条种类])?")
_MODS = re.compile(r"^[\u4e00-\u9fffA-Za-z、·]{0,12}")
_SEP = re.compile(r"^(?:、|和|及|与|以及|，|,)?$")
_NUMBERED = re.compile(r"(?<![\d“+＋A-Za-z])(\d+(?:[+＋][\dA-Za-z]+)+)")
_DOUBLE = str.maketrans("‘’", "“”")
_WEAK_MODS = 2  # modifier characters a weak head (警务, 协同) allows before it (背包警务)
_NAME_QUOTE = 30  # longest “…” read as a name holding a ‘…’; a longer one is speech
#: A quoted formula of two or more terms joined by + (“法院+工会”): the name of a way of
#: working wherever it stands (a slogan is a clause, never a sum of terms).
_FORMULA = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,8}(?:[+＋][\u4e00-\u9fffA-Za-z]{1,8})+$")


def _ends_in_verb(name: str) -> bool:
    """True when the last dictionary word of ``name`` is a verb (“单车棚要维修”: a clause, no name)."""
    words = dict_words(name)
    return bool(words) and _tags().get(words[-1], "").startswith("v")


class SchemeRecognizer(RuleComponent):
    """spaCy component: scheme mentions into ``doc.spans["kg_schemes"]``."""

    def __init__(self, nlp=None, name: str = "kg_schemes", *, heads: str = "scheme_heads",
                 triggers: str = "relation_triggers", stoplist: str = "scheme_stoplist",
                 context: str = "scheme_context", max_gap: int = 8) -> None:
        self.max_gap = max_gap
        self.tables = {"heads": heads, "triggers": triggers, "stoplist": stoplist, "context": context}
        super().__init__(name)

    def setup(self, lex: Lexicon) -> None:
        self.heads = {p.pattern: p for p in lex.patterns(self.tables["heads"])}
        self.head_auto = automaton((h, h) for h in self.heads)
        self._longest_first = sorted(self.heads, key=len, reverse=True)
        rows = lex.patterns(self.tables["triggers"])
        self.launch = {p.pattern: p.id for p in rows if p.label == "LAUNCH"}
        self.frame = {p.pattern for p in rows if p.label == "FRAME"}
        self.launch_auto = automaton((t, t) for t in self.launch)
        self.stop = lex.words(self.tables["stoplist"], "phrase")
        roles: dict[str, list[str]] = {}
        for row in lex.table(self.tables["context"], ("word", "role")):
            roles.setdefault(row["role"], []).append(row["word"])
        self.oppose = tuple(roles.get("oppose", ()))
        self.goal = tuple(roles.get("goal", ()))
        self.national = tuple(roles.get("national", ()))

    # -- helpers ---------------------------------------------------------------------------
    def _head_after(self, text: str, pos: int):
        """(end, head) of the head noun that closes the name after ``pos``, or None."""
        window = text[pos:pos + 16]
        q = _QUANT.match(window)
        skip = q.end() if q else 0
        joined = next((w for w in function_words("scheme_connectors") if window.startswith(w, skip)), "")
        skip += len(joined)
        mods = _MODS.match(window[skip:])
        limit = skip + (mods.end() if mods else 0)
        best = None
        hits = [h for h in iter_matches(self.head_auto, window[:limit]) if h[0] >= skip]
        last_full = max((e for _, e, h, _ in hits if not self.heads[h].get("weak")), default=-1)
        for s, e, head, _ in hits:
            between = window[skip:s]
            if between.endswith("等"):
                between = between[:-1]  # “A”、“B”止付等机制: 等 closes the list before the shared head
            if "的" in between or "为" in between[:1] or self._has_boundary(between):
                continue
            if self.heads[head].get("weak") and (len(between) > _WEAK_MODS or "、" in between or e < last_full):
                continue  # 警务 + 运行模式: a weak head inside a longer name is no head
            if best is None or e < best[0] or (e == best[0] and len(head) > len(best[1])):
                best = (e, head)
        if best is None or (len(joined) > 1 and self.heads[best[1]].id == "wrapper"):
            return None  # “A+B”相结合的方式: a manner of working described, no name
        # extend to the longest head ending at the same place (专项行动 over 行动)
        return pos + best[0], best[1], pos + skip, skip > 0

    def _has_boundary(self, between: str) -> bool:
        bset, k = boundaries()
        exempt = function_words("modifier_boundary_exempt")
        return any(between[i:i + n] in bset for i in range(len(between))
                   for n in range(1, k + 1) if between[i:i + n] not in exempt and i + n <= len(between))

    def _content_head(self, content: str):
        for h in self._longest_first:
            if content.endswith(h) and len(content) > len(h) and self.heads[h].id != "wrapper" and \
                    not self.heads[h].get("weak"):
                return self.heads[h]
        return None

    def _verb_before(self, text: str, a: int):
        """Launch verb right before a quotation (within ``max_gap`` characters, same clause)."""
        lo = max(0, a - self.max_gap - 6)
        best = None
        for s, e, verb, _ in iter_matches(self.launch_auto, text[lo:a]):
            gap = text[lo + e:a]
            breaks = function_chars("verb_gap_breaks")
            # X推出的“Y”: the verb's object written as its relative clause (Y launched by X)
            if len(gap) <= self.max_gap and not any(c in gap for c in breaks) or gap in ("", "的"):
                if best is None or lo + e > best[0]:
                    best = (lo + e, verb)
        return self.launch[best[1]] if best else None

    def _framed(self, text: str, a: int, b: int) -> bool:
        """以“…”为抓手 / 以…“…”为统领 / 把“…”作为…载体."""
        clause_start = max(text.rfind(c, 0, a) for c in "，。；\n")
        head = text[clause_start + 1:a]
        if "以" in head:
            tail = text[b:b + 6]
            return tail.startswith("为") and any(tail[1:].startswith(f) for f in self.frame)
        if head.endswith("把") and text.startswith("作为", b):
            stop = min((i for i in (text.find(c, b) for c in "，。；\n") if i >= 0), default=len(text))
            return any(f in text[b:stop] for f in self.frame)  # 把“X”作为村民自治的重要载体
        return False

    def _defined(self, text: str, b: int) -> str | None:
        """The class of the kind a copula after the quotation defines it as (“X”是Y推行的一项制度), or None.

        Why: a bare quoted name is introduced by saying what it is; the head noun closing the
        clause (制度, 工程, 做法 …) makes it a scheme of that head's class. A demonstrative and
        such a noun right after it (“X”这个办法, “X”这一机制) say the same.
        """
        this = next((d for d in function_words("scheme_demonstratives") if text.startswith(d, b)), None)
        if this is not None:  # “X”这个办法, “X”这一机制: the quotation named as a way of working
            after = b + len(this)
            head = next((h for h in self._longest_first if text.startswith(h, after)), None)
            if head is not None and self.heads[head].id != "wrapper":
                return self.heads[head].label
            return "Initiative" if text.startswith(function_words("way_nouns"), after) else None
        copula = next((c for c in function_words("scheme_copulas") if c and text.startswith(c, b)), None)
        if copula is None:
            return None
        stop = min((i for i in (text.find(c, b) for c in function_chars("clause_end") + "\n") if i >= 0), default=len(text))
        de = text.rfind("的", b, stop)
        head = self._head_after(text, de + 1) if de >= 0 else None
        return self.heads[head[1]].label if head is not None and head[0] == stop else None

    def _not_local(self, text: str, a: int, headed: bool) -> bool:
        """The quotation at ``a`` is guarded against (防范“…”) or nation-wide (全国“…”).

        A verb of opposition says nothing when a head noun follows: 整治“X”专项行动 is the
        programme's own name.
        """
        before = text[max(0, a - 4):a]
        before = before[:-1] if before.endswith("了") else before
        return (not headed and before.endswith(self.oppose)) or before.endswith(self.national)

    # -- component -------------------------------------------------------------------------
    def match(self, doc) -> Found:
        ctx: ArticleContext = doc._.kg_context or ArticleContext()
        text = doc._.kg_text
        mentions = doc._.kg_mentions
        taken = [(m.start, m.end) for m in mentions if m.family in ("organisation", "award")] + titles(text)
        cover = Cover(len(text), taken)
        # a quotation holding a sentence's end is speech, no name: the names are its ‘…’
        outer = name_quotes(text)
        inside_outer = within_any(q for q in outer if q[1] - q[0] <= _NAME_QUOTE)  # ‘…’ inside a name
        qs = sorted(q for q in outer + [q for q in inner_quotes(text) if not inside_outer(*q)]
                    if q[0] not in cover)
        series: list[list[tuple[int, int]]] = []
        for q in qs:
            if series and _SEP.match(text[series[-1][-1][1]:q[0]]) and text[series[-1][-1][1]:q[0]] != "，":
                series[-1].append(q)
            else:
                series.append([q])
        out: list[Mention] = []
        for run in series:
            out += self._run(text, run, ctx)
        for x in out:
            cover.add(x.start, x.end)
        for m in _NUMBERED.finditer(text):
            if m.start() in cover:
                continue
            h = self._head_after(text, m.end())
            if h is None:
                continue
            end, head, _, _ = h
            label = text[m.start():end]
            out.append(Mention(m.start(), end, "scheme", self.heads[head].label, label, label,
                               Ref.named("scheme", label), kind="numbered"))
            cover.add(m.start(), end)
        out = _later_as_repeats(out)
        out += self._repeats(text, qs, out, cover)
        out += self._this_scheme(text, out, cover)
        inside = within_any((m.start, m.end) for m in out)
        return Found(mentions=tuple(out), removed=frozenset(
            mention_id(p) for p in mentions
            if p.family in ("place", "organisation", "anaphor") and inside(p.start, p.end)))

    @staticmethod
    def _repeats(text: str, qs, found: list[Mention], cover: Cover) -> list[Mention]:
        """The scheme's quoted name written again on its own (推行“X”工作法。…“X”已在Y村落地).

        Why: a story names a scheme in full once and then by its quoted name; the later
        sentences say where it runs. A repeat is a mention of the same scheme.
        """
        named: dict[str, Mention] = {}
        for m in found:
            if m.label.startswith("“") and "”" in m.label:
                named.setdefault(m.label[1:m.label.index("”")], m)
        out = []
        for a, b in qs:
            m = named.get(text[a + 1:b - 1])
            if m is None or a in cover or (m.start <= a < m.end) or text[b - 2] in function_chars("role_ends"):
                continue  # “法律明白人”王某: a quoted role names the people the scheme trains, not the scheme
            out.append(Mention(a, b, "scheme", m.cls, text[a:b], m.label, m.ref, kind="repeat", verb=m.verb))
            cover.add(a, b)
        return out

    def _this_scheme(self, text: str, found: list[Mention], cover: Cover) -> list[Mention]:
        """这一做法, 这项制度 … after a verb of launching or spreading: the scheme its paragraph named last;
        and a scheme's head noun opening a sentence in the passive (…“S”平台。平台由A运营): that scheme.

        Why: 在全县推开这一做法 tells who spread the scheme just described and where; the
        demonstrative (``scheme_demonstratives``) and a head or way noun stand for it.
        """
        out = []
        for this in function_words("scheme_demonstratives"):
            i = -1
            while (i := text.find(this, i + 1)) >= 0:
                after = i + len(this)
                noun = next((w for w in (*self._longest_first, *function_words("way_nouns"))
                             if text.startswith(w, after)), None)
                if noun is None or i in cover or (self._verb_before(text, i) is None and
                                                   not self._fronted(text, i, after + len(noun))):
                    continue
                para = text.rfind("\n", 0, i) + 1
                m = max((f for f in found if para <= f.start and f.end <= i and f.kind != "anaphor"),
                        key=lambda f: f.start, default=None)
                if m is None:
                    continue
                end = after + len(noun)
                out.append(Mention(i, end, "scheme", m.cls, text[i:end], m.label, m.ref, kind="anaphor"))
                cover.add(i, end)
        for m in found:  # …“S”平台。平台由A和B共同运营: the head noun opening a passive stands for S
            head = next((h for h in self._longest_first if m.label.endswith(h) and self.heads[h].id != "wrapper"), None)
            para_end = text.find("\n", m.end)
            i = m.end
            while head and (i := text.find(head + "由", i + 1, para_end if para_end >= 0 else len(text))) >= 0:
                if text[i - 1] in "。！？" and i not in cover:
                    out.append(Mention(i, i + len(head), "scheme", m.cls, head, m.label, m.ref, kind="anaphor"))
                    cover.add(i, i + len(head))
        return out

    def _fronted(self, text: str, i: int, end: int) -> bool:
        """将这一做法在A镇推广: the demonstrative is the object 把/将 fronts, a launch or spreading
        verb later in its clause."""
        before = text[max(0, i - 3):i]
        if not before.endswith(tuple(function_words("object_markers"))):
            return False
        stop = min((k for k in (text.find(c, end) for c in function_chars("clause_end") + "\n") if k >= 0),
                   default=len(text))
        return any(True for _ in iter_matches(self.launch_auto, text[end:stop]))

    def _run(self, text, run, ctx):
        last = run[-1][1]
        head = self._head_after(text, last)
        verb = self._verb_before(text, run[0][0])
        framed = len(run) == 1 and self._framed(text, run[0][0], run[0][1])
        defined = self._defined(text, last) if len(run) == 1 else None
        nxt = text[last:last + 1]
        standalone_ok = (not nxt or nxt in function_chars("standalone_next") or
                         text.startswith(function_words("standalone_continuers"), last))
        out = []
        if self._not_local(text, run[0][0], head is not None and self.heads[head[1]].id != "wrapper"):
            return out
        # “X热线”“Y”……: a quotation listed beside one named with its own head is a scheme of that kind
        sibling = len(run) > 1 and any(self._content_head(strip_quotes(text[a + 1:b - 1])) for a, b in run)
        for i, (a, b) in enumerate(run):
            content = text[a + 1:b - 1]
            bare = strip_quotes(content)
            if not bare or bare in self.stop or len(bare) > 40:
                continue
            if bare.endswith(self.goal) and (head is None or self.heads[head[1]].id == "wrapper"):
                continue  # 打造“X样板”: a goal to reach, not a scheme
            own = self._content_head(bare)
            if generic_quote(bare, head is None and own is None):
                continue  # “绿色通道”, “大平安”, “计件制”: a common word in scare quotes
            if head is not None and self.heads[head[1]].get("weak") and manner(bare):
                continue  # “保姆式”服务: a manner of working described, no name
            if head is not None and self.heads[head[1]].get("build_only") and len(bare) <= 2 and not bare.isdigit():
                continue  # “综X”建设: a clipped common noun being built, no programme name
            if head is not None:
                end, h, mod_start, counted = head
                pat = self.heads[h]
                several = len(run) > 1 and text[mod_start:end].startswith("系列")
                of = pat.get("wrapper_after_de") and text[last:mod_start].endswith("的")  # “X”的经验: X's lessons
                if pat.id == "wrapper" or of or (counted and "等" in text[last:mod_start]) or several or (
                        own is not None and (pat.get("build_only") or several)):
                    label, cls, aliases = text[a:b], (own or pat).label, (text[a:b] + text[b:end] if i == len(run) - 1 else "",)
                    start, stop = a, b if i < len(run) - 1 else end
                else:
                    mods = text[mod_start:end - len(h)]
                    if mods.endswith("等"):  # the words before 等 are the last item's; each gets the head
                        mods = mods[:-1] if i == len(run) - 1 else ""
                    label = text[a:b] + mods + h
                    cls = pat.label
                    aliases = (text[a:b],)
                    start, stop = a, (b if i < len(run) - 1 else end)
                if strip_quotes(label) in self.stop:
                    continue
            elif own is not None and text[b:b + 1] != "的" and not (
                    own.get("build_only") and _ends_in_verb(bare[:-len(own.pattern)])):  # “X要建设”: a clause
                label, cls, aliases = text[a:b], own.label, ()
                start, stop = a, b
            # (a sibling that is a clause, “X要维修”, is none: a name ends in a noun, not a verb)
            elif defined or framed or ((verb or (sibling and not _ends_in_verb(bare)) or _FORMULA.match(bare))
                                       and standalone_ok):
                if "，" in content or text[b:b + 1] == "的":
                    continue
                cls = defined or ("Programme" if verb == "programme" else "Initiative")
                label, aliases = text[a:b], ()
                start, stop = a, b
            else:
                continue
            label = label.translate(_DOUBLE)  # ‘X’机制 inside speech is the scheme “X”机制
            out.append(Mention(start, stop, "scheme", cls, text[start:stop], label,
                               Ref.named("scheme", label), kind="quote",
                               aliases=tuple(x for x in aliases if x), verb=verb or ""))
        return out


def _later_as_repeats(found: list[Mention]) -> list[Mention]:
    """A quoted scheme written again in full later in the article is a repeat of its first mention.

    Why: a recap (“X热线”“Y知心人”……一串串电话号码) or a later sentence about the same scheme
    says where it runs only by the places it names; the article's own place comes from the
    first mention, and a roundup's recap would otherwise give every story's scheme the
    article's place.
    """
    first: dict = {}
    out = []
    for m in sorted(found, key=lambda m: m.start):
        if m.kind == "quote" and m.ref in first:
            m = replace(m, kind="again")
        first.setdefault(m.ref, m)
        out.append(m)
    return out
