"""RelationRules: relations read from one sentence at a time (``relation_triggers.jsonl``).

- **adaptedFrom** — a learning verb (ADAPT/adapt: 借鉴, 学习, 复制, 引进, 移植 …) governing a
  place written right after it (了 may stand between) and a scheme right after the place (or
  after 的/等地): all in one clause; the place is neither the article's place nor one of its
  ancestors (a page does not learn from itself); no place inside a body's name. 推广 (spreading
  a scheme out) is no learning;
- **implementedBy** — the body that is the subject of the scheme's clause (it opens a clause
  and a predicate follows), a body before a LEAD word (由X牵头, 在X的领导下), the owner
  written right before the scheme, or the body of a copular definition after it (“S”是X推行
  的…); bodies joined to it by 与/和/、 and listed after a co-verb (X联合Y、Z建立…) too. Else, when a
  LAUNCH/LEAD verb (开展, 推行, 牵头 …) stands before the scheme, the paragraph's topic (the
  last body that opened a sentence, unless a place opened a later one), else the article's
  subject body;
- **implementedIn** — that body's place; else the nearest place (or 该旗 …) before the scheme
  in the sentence, not the adaptedFrom source, narrowed to the subject place when it is one
  of its ancestors; else the township, village or area the paragraph named last inside the
  article's subject place; else that subject place;
- **locatedIn** / **subOrganisationOf** — from the organisation grammar (name or article);
- **partOf** — stated chains (白银市会宁县) and places outside the register.
Register-only partOf links are added per file by :mod:`kg.link.page`.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import partial

from kg.nlp.components._scan import is_cjk, automaton, iter_matches, within_any
from kg.text.articles import NEWS_DATELINE_RE
from kg.text.sentences import sentence_at, sentence_spans
from kg.lexicon import Lexicon, body_level_words, ethnic_town_stem, function_chars, function_words, max_len
from kg.context import ArticleContext, Ref
from kg.nlp.components.base import RuleComponent
from kg.nlp.spans import Found
from kg.nlp.types import RelationHit
from kg.register.divisions import get_kb
from kg.register.facts import inside

__all__ = ["RelationRules"]

_VERB_GAP_SPAN = 4              # characters (OCR spaces included) the gap may span
_LIST_JOINERS = ("、", "和", "及")  # between the places of a list (在X镇、Y镇和Z镇)
_COPULA_REACH = 12              # characters read for the copula after a scheme, and for 推行的 after the body
_PLACE_GAP = 8                  # X的矛盾化解“…”法: at most this many name characters before the scheme
_DOC_REACH = 8                  # characters between a body and 的《 of a document it issued
_ADVERBIAL = 8                  # characters of a time/adverbial clause before a sentence's subject
_PILOT_REACH = 8                # characters after a scheme in which the pilot noun stands (的首个试点村)


def _is_subject(text: str, s0: int, body, longest: dict | None = None) -> bool:
    """A body opening its clause with a predicate after it (not a list item: 成立A，B，…).

    A list of bodies (A、B和C（…）签署…; ``longest``: :func:`_longest_at` of the doc's
    bodies) is the clause's subject when a predicate follows its last item.
    """
    end = _list_end(text, body, longest or {})
    after = text[end:end + 1]
    return _opens_clause(text, s0, body.start) and bool(after) and \
        after not in function_chars("clause_end") + "、"


def _list_end(text: str, body, longest: dict) -> int:
    """End of the list of bodies ``body`` opens (A、B和C, a bracket after the last item included)."""
    items = _list_items(text, body, longest)
    return _after_bracket(text, items[-1].end)


def _after_bracket(text: str, end: int) -> int:
    """``end`` moved past a short bracket right after it (X中心（Y分会）: the bracket names X again)."""
    if text.startswith("（", end) and "）" in text[end:end + 20]:
        return text.index("）", end) + 1
    return end


def _longest_at(agents) -> dict:
    """Start → the longest body starting there (read once per doc for :func:`_list_items`)."""
    longest: dict[int, object] = {}
    for a in agents:
        if a.start not in longest or a.end > longest[a.start].end:
            longest[a.start] = a
    return longest


def _list_items(text: str, body, longest: dict) -> list:
    """The bodies of the list ``body`` opens, joined by 、/和/与 … (the longest body at each place).

    An item is the unit written right after a body (X委员会Y分会), as the subject is (X支队Y派出所).
    """
    items = [body]
    while True:
        while items[-1].end in longest:  # X委员会Y分会: the unit written right after its body is the item
            items[-1] = longest[items[-1].end]
        end = _after_bracket(text, items[-1].end)
        nxt = next((longest[end + len(j)] for j in function_words("co_agent_joiners")
                    if j and text.startswith(j, end) and end + len(j) in longest), None)
        if nxt is None:
            return items
        items.append(nxt)


def _partners(text: str, org, end: int, agents, launch_words: tuple[str, ...] = ()) -> list[Ref]:
    """Bodies the subject works with before the scheme (X还与Y合作，开设“S”): subjects too; and
    a body the subject's next clause joins it with before a launch verb (X设立A，并与Y建立“S”)."""
    out = []
    ends = function_chars("clause_end")
    for o in agents:
        if o.start <= org.end or o.end > end:
            continue
        before = "".join(text[org.end:o.start].split())
        joined = any(j and before.endswith(j) for j in function_words("co_agent_joiners"))
        if not joined:
            continue
        after = "".join(text[o.end:end].split())
        if not any(c in ends for c in before):
            if after.startswith(function_words("partner_words")):
                out.append(o.ref)
            continue
        last = before[max(before.rfind(c) for c in ends) + 1:]  # a clause with no subject of its own
        last = last.removeprefix("并").removeprefix("还").removeprefix("又")
        if last in function_words("co_agent_joiners") and after.startswith(launch_words):
            out.append(o.ref)
    return out


def _co_verb_partners(text: str, s0: int, end: int, agents, longest: dict, launch_auto) -> list[Ref]:
    """The bodies listed after a co-verb (联合, 会同 …) in the clause that launches the scheme.

    Why: X联合Y、Z建立“S” has Y and Z launch the scheme with X, and 镇里联合Y开展“S”
    names Y as the only body running it when the subject is no body at all. The list must
    run on to a launch verb before the scheme with no clause end between (a comma before a
    scene, X联合Y，在全县开办“S”, is no end).
    """
    ends = function_chars("clause_end")
    for o in agents:
        if o.start < s0 or o.end > end:
            continue
        before = "".join(text[s0:o.start].split())
        if not before.endswith(function_words("co_verbs")):
            continue
        items = [i for i in _list_items(text, o, longest) if i.end <= end]
        tail = text[_after_bracket(text, items[-1].end):end]
        if tail[:1] in "，," and tail[1:].startswith("在"):
            tail = tail[1:]  # X联合Y，在全县开办“S”: a comma before the scene, then the launch
        if any(c in ends for c in tail) or not iter_matches(launch_auto, tail):
            continue
        return [i.ref for i in items]
    return []


def _place_list(text: str, pos: int, places) -> list[list]:
    """The places written as a list from ``pos`` on (X镇、Y镇和Z镇), each item the chain of
    places written one right after another (X区Y公园), in order."""
    chains: list[list] = []
    for p in places:
        if p.start < pos:
            continue
        if chains and p.start == chains[-1][-1].end:
            chains[-1].append(p)
        elif p.start == pos or (chains and text[pos:p.start] in _LIST_JOINERS):
            chains.append([p])
        else:
            break
        pos = p.end
    return chains


def _co_builders(text: str, s0: int, end: int, places) -> list[Ref]:
    """The places a scheme is built together with (与A、B共建“S”), each the last of its chain.

    Why: a scheme set up jointly with other regions runs in each of them (gold/GUIDE.md:
    every place the text says it runs in). The list must stand right after 与/同 and right
    before a co-building verb (``co_build_verbs``) that ends at the scheme.
    """
    head = text[s0:end].rstrip()
    verb = next((v for v in function_words("co_build_verbs") if v and head.endswith(v)), None)
    if verb is None:
        return []
    stop = s0 + len(head) - len(verb)
    at = max((i for i in (text.rfind(j, s0, stop) for j in function_words("co_build_joiners")) if i >= 0), default=-1)
    if at < 0:
        return []
    chains = _place_list(text, at + 1, [p for p in places if at < p.start < stop])
    return [c[-1].ref for c in chains] if chains and chains[-1][-1].end == stop else []


def _stated_within(text: str, mentions) -> dict[Ref, Ref]:
    """Area or village → the village or township the text says it lies in (A所在的B), or nothing.

    Why: a compound or scenic area is placed by the community it lies in (锦园小区所在的X社区),
    more specific than the district it would otherwise be put in.
    """
    starts = {m.start: m for m in mentions if m.family == "place" and m.entity and m.cls in ("Village", "Township")}
    out: dict[Ref, Ref] = {}
    for m in mentions:
        if m.family == "place" and m.entity and m.cls in ("Place", "Village"):
            word = next((w for w in function_words("within_words") if text.startswith(w, m.end)), None)
            outer = starts.get(m.end + len(word)) if word else None
            if outer is not None and outer.ref != m.ref:
                out.setdefault(m.ref, outer.ref)
    return out


def _pilot_place(text: str, scheme, places) -> list[Ref]:
    """[P] when the text makes place P a pilot of the scheme (P是“S”的首个试点村, P被确定为“S”示范点), else [].

    Why: a pilot or model site runs the scheme (gold/GUIDE.md: every place the text says it
    runs in). P must stand right before the verb, the pilot noun close after the scheme.
    """
    verb = next((v for v in function_words("pilot_verbs") if text.endswith(v, 0, scheme.start)), None)
    if verb is None:
        return []
    at = scheme.start - len(verb)
    place = next((p for p in reversed(places) if p.end == at), None)
    tail = text[scheme.end:scheme.end + _PILOT_REACH]
    stop = min((i for i in (tail.find(c) for c in function_chars("clause_end")) if i >= 0), default=len(tail))
    if place is None or not any(n in tail[:stop] for n in function_words("pilot_nouns")):
        return []
    return [place.ref]


def _opens_sentence(text: str, s0: int, pos: int) -> bool:
    """True when ``pos`` opens its sentence, after at most a short adverbial (3月7日，/ 目前，)."""
    lead = "".join(text[s0:pos].split())
    if not lead:
        return True
    ends = function_chars("clause_end")
    return lead[-1] in "，," and len(lead) <= _ADVERBIAL and not any(c in ends for c in lead[:-1])


def _topic(text: str, s0: int, agents, places, sents):
    """The body the sentence at ``s0`` carries over as its dropped subject, or None.

    The topic is the last body that opened a sentence (:func:`_opens_sentence`) as its
    subject earlier in the same paragraph; a place opening a later sentence takes the topic
    over (阿拉善右旗推进… names the place as the actor), so nothing is carried past it.
    """
    p0 = text.rfind("\n", 0, s0) + 1
    topic = None
    for m in sorted((*agents, *places), key=lambda m: m.start):
        if m.start < p0 or m.start >= s0:
            continue
        a, _ = sentence_at(sents, m.start)
        if not _opens_sentence(text, max(a, p0), m.start):
            continue
        if m.ref.family == "organisation":
            topic = m if _is_subject(text, max(a, p0), m) else topic
        else:
            topic = None
    return topic


def _opens_clause(text: str, s0: int, pos: int) -> bool:
    """True when only spaces stand between the clause's start (or ``s0``) and ``pos``.

    A dateline (本报X月X日电) and its credit in brackets (本报X电 （记者Y）) end before the
    story's first clause.
    """
    i = pos - 1
    while i >= s0 and text[i].isspace():
        i -= 1
    if i >= s0 and text[i] in "）)":
        j = max(text.rfind("（", s0, i), text.rfind("(", s0, i))
        return j >= 0 and text.startswith(function_words("credit_words"), j + 1)
    if i >= s0 and NEWS_DATELINE_RE.fullmatch("".join(text[s0:i + 1].split())):
        return True  # 本报X月X日电X法院…: the story's first clause opens after the dateline
    return i < s0 or text[i] in function_chars("clause_end")


class RelationRules(RuleComponent):
    """spaCy component: relation hits into ``doc.spans["kg_relations"]`` (each over its sentence)."""

    def __init__(self, nlp=None, name: str = "kg_relations", *, triggers: str = "relation_triggers") -> None:
        self.tables = {"triggers": triggers}
        super().__init__(name)

    def setup(self, lex: Lexicon) -> None:
        rows = lex.patterns(self.tables["triggers"])
        self.adapt_auto = automaton((p.pattern, p.id) for p in rows if p.label == "ADAPT" and p.id == "adapt")
        self.launch_auto = automaton((p.pattern, p.id) for p in rows
                                     if p.label == "LAUNCH" or (p.label == "LEAD" and p.id == "lead"))
        self.unit_heads = tuple(sorted((p.pattern for p in lex.patterns("org_heads")
                                        if p.label == "ORG" and p.get("owner")), key=len, reverse=True))
        self.place_heads = tuple(sorted(lex.words("place_heads", "head"), key=len, reverse=True))
        self.lead_words = tuple(p.pattern for p in rows if p.label == "LEAD")
        self.launch_words = frozenset(p.pattern for p in rows if p.label == "LAUNCH")
        self.launch_prefixes = tuple(sorted(self.launch_words))  # for str.startswith

    def match(self, doc) -> Found:
        ctx: ArticleContext = doc._.kg_context or ArticleContext()
        if ctx.is_title:
            return Found()
        is_inside = partial(inside, get_kb())  # the register's: is one place inside another
        text = doc._.kg_text
        mentions = doc._.kg_mentions
        rels: list[RelationHit] = []
        sents = ctx.sentences or tuple(sentence_spans(text))
        org_spans = [(m.start, m.end) for m in mentions if m.family == "organisation"]
        orgs = [m for m in mentions if m.family == "organisation"]  # in mention order
        in_org = within_any(org_spans)  # inside an organisation's name
        agents = [o for o in mentions if o.family == "organisation" or
                  (o.family == "anaphor" and o.ref.family == "organisation")]  # 该院 stands for the body
        seen_org: set[str] = set()
        lies_in = _stated_within(text, mentions)  # X小区所在的Y社区: the compound is in Y社区
        stated = self._stated_places(text, mentions)
        areas = {m.ref for m in mentions if m.family == "place" and m.cls == "Place"}  # parks, scenic areas …
        longest = _longest_at(agents)
        served = self._served_places(mentions)
        for m in mentions:
            s0, s1 = sentence_at(sents, m.start)
            if m.family == "organisation" and m.entity and m.ref not in seen_org:
                seen_org.add(m.ref)
                where = served.get(m.ref) or stated.get(m.ref) or stated.get(m.parent_org or "") \
                    if m.place_ref else None
                if m.place_ref and m.kind != "national":
                    rels.append(RelationHit(m.ref, "locatedIn", where or m.place_ref, s0, s1))
                if m.parent_org and m.parent_org != m.ref:
                    rels.append(RelationHit(m.ref, "subOrganisationOf", m.parent_org, s0, s1))
            elif m.family == "place" and m.entity and m.parent_place and m.kind in ("head", "suffix", "region"):
                rels.append(RelationHit(m.ref, "partOf", lies_in.get(m.ref, m.parent_place), s0, s1))
        places = [m for m in mentions if m.family in ("place", "anaphor") and m.cls != "Province"]
        starts = [p.start for p in places]  # mentions come sorted by start from the components
        actors = [p for p in places if p.ref.family != "organisation" and not in_org(p.start, p.end)]
        all_places = sorted((m for m in mentions if m.family == "place" and m.entity),
                            key=lambda m: (m.start, -m.end))
        for a, b in zip(places, places[1:]):
            if a.end == b.start and a.code and b.code and a.family == b.family == "place" and \
                    is_inside(b.code, a.code):
                s0, s1 = sentence_at(sents, a.start)
                rels.append(RelationHit(b.ref, "partOf", a.ref, s0, s1))
        schemes = [m for m in mentions if m.family == "scheme"]
        for m in schemes:
            s0, s1 = sentence_at(sents, m.start)
            source = self._adapt_source(is_inside, text, s0, m, all_places, in_org, ctx)
            if source is not None:
                rels.append(RelationHit(m.ref, "adaptedFrom", source.ref, s0, s1))
            org = self._agent(text, s0, m.start, agents, longest, actors) or self._defined_by(text, m, agents)
            # a repeated name (“X”已在…推开) says where it runs; its runner is told where it is named in full
            for ref in self._runners(text, s0, m.start, org, agents, longest, actors, sents, ctx) \
                    if m.kind != "repeat" else ():
                rels.append(RelationHit(m.ref, "implementedBy", ref, s0, s1))
            place_ref = None
            body_anaphor = org is not None and not org.place_ref and org.family == "anaphor" and \
                ctx.body is not None and org.ref == ctx.body.ref and ctx.body.place_ref
            if body_anaphor:
                place_ref = ctx.body.place_ref  # 该院依托“…”: the article's body and its place
            elif org is not None and org.place_ref:
                # where the text puts the body (位于P, the township a station serves) beats its name
                place_ref = served.get(org.ref) or stated.get(org.ref) or org.place_ref
            else:
                near = places[bisect_left(starts, s0):bisect_left(starts, m.start)]  # in the clause before it
                cands = [p for p in near if p.end <= m.start and p is not source and p.ref.family != "organisation"
                         and not in_org(p.start, p.end) and not self._learned_from(text, s0, p)
                         and not text.endswith(function_words("dateline_open"), 0, p.start)]
                if cands:
                    p = cands[-1]
                    place_ref = p.ref
                    if p.end == m.start:
                        pass  # 白银市“互联网+执法”平台: the place names the scheme's own area
                    elif ctx.place and ctx.place.code and p.code and is_inside(ctx.place.code, p.code):
                        place_ref = ctx.place.ref
            topic = self._heading_places(text, m, places, sents) if org is None else []
            if topic:
                place_ref = None  # “X”，拓展…。在A、B，…: a scheme heading its paragraph runs where it goes on
                for p in topic:
                    rels.append(RelationHit(m.ref, "implementedIn", p.ref, s0, s1))
            elif place_ref is None and ctx.place is not None:
                place_ref = self._paragraph_place(is_inside, text, s0, ctx.place.ref, places, starts,
                                                  source, in_org) or ctx.place.ref
            nxt = next((o.start for o in schemes if o.start >= m.end), len(text))  # places after it are its
            narrow, only = ([], False) if topic else self._narrowed(
                is_inside, text, (s0, s1), m, place_ref, places, starts, source, in_org, sents, nxt)
            if only or any(n in areas for n in narrow):
                place_ref = None  # only where 在… says, or in a park or scenic area the sentence names (GUIDE)
            partners = _co_builders(text, s0, m.start, all_places)  # 与A、B共建“S”: A and B run it too
            partners += _pilot_place(text, m, all_places)  # X村是“S”的首个试点村: X runs it
            refs = [k for k in (place_ref, *narrow, *partners) if k]
            if m.kind in ("repeat", "again", "anaphor"):  # a repeated name runs only where its own sentence says
                named = {p.ref for p in places[bisect_left(starts, s0):bisect_left(starts, s1)]}
                if m.kind == "again" and org is not None and org.place_ref:
                    named.add(org.place_ref)  # X市公安局已在全市推广“S”: where the body running it sits
                refs = [k for k in refs if k in named]
            for ref in dict.fromkeys(refs):
                # a district's scheme shown running in one of its villages runs in both (GUIDE)
                rels.append(RelationHit(m.ref, "implementedIn", ref, s0, s1))
        return Found(relations=tuple(rels))

    @staticmethod
    def _heading_places(text: str, scheme, places, sents) -> list:
        """The places a scheme heading its paragraph is shown running in, or [].

        Why: a paragraph may open with a scheme's name and a short gloss (“A+B”，拓展工作
        阵地。) and go on to where it runs (在X园、Y园，…): the places after 在 opening the
        next sentence of the paragraph (a time word may come first), each one the last of
        its chain.
        """
        p0 = text.rfind("\n", 0, scheme.start) + 1
        if text[p0:scheme.start].strip():
            return []
        _, s1 = sentence_at(sents, scheme.start)
        end = text.find("\n", s1)
        _, n1 = sentence_at(sents, s1) if s1 < len(text) else (s1, s1)
        n1 = min(n1, end if end >= 0 else len(text))
        at = text.find("在", s1, min(n1, s1 + _ADVERBIAL))
        if at < 0:
            return []
        named = [p for p in places if p.family == "place" and p.entity]
        return [chain[-1] for chain in _place_list(text, at + 1, named)]  # X区Y公园: the last of a chain

    def set_annotations(self, doc, found: Found) -> None:
        """Each hit as a span over its sentence, labelled with the predicate (``attrs["relations"]`` in order)."""
        super().set_annotations(doc, found)
        group = doc.spans[self.name]
        for i, h in enumerate(found.relations):
            span = doc.char_span(h.sent_start, h.sent_end, label=h.predicate, span_id=i,
                                 alignment_mode="expand")
            if span is not None:
                group.append(span)

    def _paragraph_place(self, is_inside, text: str, s0: int, place_ref, places, starts, source, in_org):
        """The township, village or area inside ``place_ref`` the paragraph named last before ``s0``, or None.

        Why: a story goes down to one village (走进X镇Y村，…。村里…推行“…”): a scheme whose
        sentence names no place runs where its paragraph is, not in the article's county.
        """
        if not place_ref.code:
            return None
        p0 = text.rfind("\n", 0, s0) + 1
        within = self._within(is_inside, text, p0, place_ref, source, in_org)
        before = [p for p in places[bisect_left(starts, p0):bisect_left(starts, s0)] if within(p)]
        return before[-1].ref if before else None

    def _within(self, is_inside, text: str, s0: int, place_ref, source, in_org):
        """A test: is a mention a township, village or area inside ``place_ref`` (not a body's, not learned from)?"""
        code = place_ref.code

        def within(p) -> bool:
            return p.family == "place" and p.entity and p is not source and p.cls in ("Township", "Village", "Place") \
                and not in_org(p.start, p.end) and not self._learned_from(text, s0, p) \
                and (is_inside(p.code, code) if p.code else p.parent_place == place_ref or (
                    p.parent_place is not None and p.parent_place.code
                    and is_inside(p.parent_place.code, code)))
        return within

    def _narrowed(self, is_inside, text: str, sent: tuple[int, int], scheme, place_ref, places, starts, source, in_org,
                  sents, next_scheme: int) -> tuple[list, bool]:
        """The townships or villages inside ``place_ref`` that the scheme's sentence names (else
        ``[place_ref]``), and whether they are all it runs in.

        Why: a scheme runs at the most specific level the text states (gold/GUIDE.md); a
        county body's scheme told of one of its townships or villages (X街道居民…，X区公安
        启动“…”) runs there; so do the ones the sentence goes on to place (…，已在X镇Y村、Z镇
        落地): the last place of each chain of the list after 在. A list after 在 opening the
        scheme's own clause (在A镇、B镇等乡镇推行“S”) is every place it runs in, not the body's
        whole area.
        """
        if not place_ref or not place_ref.code:
            return ([place_ref] if place_ref else []), False
        s0, s1 = sent
        ends = function_chars("clause_end")
        within = self._within(is_inside, text, s0, place_ref, source, in_org)
        near = places[bisect_left(starts, s0):bisect_left(starts, scheme.start)]
        inner = [p for p in near if p.end <= scheme.start and within(p)]
        if inner:
            at = next((p for p in near if text.endswith("在", 0, p.start)), None)
            chains = _place_list(text, at.start, near) if at is not None else []
            listed = [next((q.ref for q in reversed(chain) if within(q)), None) for chain in chains]
            if inner[-1].ref in listed:  # 在X镇、Y镇等乡镇推行“S”: every place of the list
                return [r for r in listed if r], not any(c in ends for c in text[chains[-1][-1].end:scheme.start])
            return [inner[-1].ref], False
        back = self._scene_place(is_inside, text, sent, place_ref, places, starts, source, in_org, sents) \
            or self._paragraph_scene(text, s0, within, places, starts)
        if back is not None:
            return [back], False
        later = places[bisect_left(starts, scheme.end):bisect_left(starts, s1)]
        first = next((p for p in later if text.endswith("在", 0, p.start)), None)
        if first is None:
            return [place_ref], False
        chains = _place_list(text, first.start, later)
        if next_scheme < s1 and not any(c in ends for c in text[chains[-1][-1].end:next_scheme]):
            return [place_ref], False  # 借鉴“S”经验，在X镇、Y镇推行“T”: the list is where the next scheme runs
        found = [next((p.ref for p in reversed(chain) if within(p)), None) for chain in chains]
        return [r for r in found if r] or [place_ref], False

    @staticmethod
    def _paragraph_scene(text: str, s0: int, within, places, starts):
        """The township, village or area a paragraph opens on as its scene (在X镇，…), or None.

        Why: 在周家镇，巡回审判还走进了校园。县法院与团县委联合开展“S”活动: the scene set by the
        paragraph's first words holds for its sentences; the scheme runs there too.
        """
        p0 = text.rfind("\n", 0, s0) + 1
        if not text.startswith("在", p0):
            return None
        chain = _place_list(text, p0 + 1, places[bisect_left(starts, p0):bisect_left(starts, s0)])
        if len(chain) != 1 or not text.startswith(("，", ","), chain[0][-1].end):
            return None
        last = chain[0][-1]
        return last.ref if within(last) else None

    def _scene_place(self, is_inside, text: str, sent: tuple[int, int], place_ref, places, starts, source, in_org,
                     sents):
        """The township, village or area inside ``place_ref`` the sentence before names last, when the
        scheme's sentence points back at it (这是…推出的“S”), else None.

        Why: 在X镇Y村，家家户户…。这是Z所推出的“S”: the demonstrative makes the scene just told
        the scheme's own, so it runs in Y村, the most specific place the text states.
        """
        s0 = sent[0]
        while s0 < sent[1] and text[s0].isspace():
            s0 += 1
        if not s0 or not text.startswith(function_words("scene_pointers"), s0):
            return None
        p0, _ = sentence_at(sents, sent[0] - 1)
        within = self._within(is_inside, text, p0, place_ref, source, in_org)
        back = [p for p in places[bisect_left(starts, p0):bisect_left(starts, sent[0])] if within(p)]
        return back[-1].ref if back else None

    @staticmethod
    def _stated_places(text: str, mentions) -> dict[Ref, Ref]:
        """Body → the place the text says it sits in (位于P的<body>, <body>位于P).

        Why: a stated location beats the place read off the body's name (a province's short
        form in 广西X戒毒所 says whose body it is, 位于南宁市 says where it is), wherever in
        the article the statement stands. Units of the body (戒毒所医院) sit there too.
        """
        ends = {p.end: p for p in mentions if p.family == "place"}
        out: dict[Ref, Ref] = {}
        for m in mentions:
            if m.family != "organisation" or not m.place_ref:
                continue
            before = ends.get(m.start - 1) if text.endswith("的", 0, m.start) else None
            if text.startswith("位于", m.end) or (before is not None and text.endswith("位于", 0, before.start)):
                out.setdefault(m.ref, m.place_ref)
        return out

    def _served_places(self, mentions) -> dict[Ref, Ref]:
        """Body → the township or village a grassroots unit is named after (X派出所 → X镇).

        Why: a police station, justice office or tribunal takes the name of the township it
        serves (with a qualifier between: X边境派出所, X旅游警务站); when the article names that
        township in full (X镇), the unit sits there, the most specific place the text supports.
        A post named after a compound, park or scenic area the article names (X苑警务室, X苑小区)
        sits in that area.
        """
        towns = [p for p in mentions if p.family == "place" and p.entity and p.cls in ("Township", "Village")]
        # characters of the township or village suffix the unit's name drops (镇, 街道, 社区)
        suffix_max = max_len(w for w, lv in body_level_words().items() if lv in ("Township", "Village"))
        # a compound, park or scenic area by its name without the head (X苑 of X苑小区, X of X景区)
        areas = []
        for p in mentions:
            head = next((h for h in self.place_heads if p.label.endswith(h)), "") if p.cls == "Place" else ""
            if p.family == "place" and p.entity and head and len(p.label) - len(head) >= 2:
                areas.append((p.label[:-len(head)], p))
        out: dict[Ref, Ref] = {}
        for m in mentions:
            if m.family != "organisation" or not m.entity:
                continue
            head = next((h for h in self.unit_heads if m.label.endswith(h)), None)
            if head is None:
                continue
            name = m.label[:-len(head)]
            name = next((name[:-len(q)] for q in function_words("unit_qualifiers") if name.endswith(q)), name)
            for t in towns:
                stems = [t.label[:k] for k in range(2, len(t.label) + 1) if len(t.label) - k <= suffix_max]
                ethnic = ethnic_town_stem().fullmatch(t.label)  # X苗族乡 → X
                if any(name.endswith(st) for st in stems) or (ethnic and name.endswith(ethnic["stem"])):
                    out.setdefault(m.ref, t.ref)
            area = next((p for stem, p in areas if name.endswith(stem)), None)
            if area is not None:
                out.setdefault(m.ref, area.ref)  # X苑警务室 in X苑小区 (a township or village of its name first)
        return out

    def _agent(self, text: str, s0: int, end: int, agents, longest: dict, places=()):
        """The body acting as subject before ``end`` in the sentence starting at ``s0``, or None.

        Why: a Chinese clause opens with its subject (X局推行…, 3月7日，X中心开展…), and a body
        followed by a LEAD word (由X牵头, 在X领导下) is the agent wherever it stands; a body
        inside the predicate (加强X查控力度, 健全X运行机制, 以X为主导, 建成集X…为一体) is an
        object and runs nothing. A body written right before the scheme names its owner
        (X局“…”培训活动). The last such body before the scheme is the subject in force.
        """
        best = None
        for o in agents:
            if o.start < s0 or o.end > end or (best is not None and best.start <= o.start and o.end < best.end):
                continue  # X区委 inside X区委政法委: the whole body is the subject
            if "的《" in text[o.end:o.end + _DOC_REACH]:
                continue  # X印发的《…》提出…: the body issued the document, the document is the subject
            if self._learned_from(text, s0, o):
                continue  # 借鉴了X局“…”的做法: X is where the scheme was learned, not who runs it here
            if o.end == end or text[o.end:end] == "的" or _is_subject(text, s0, o, longest) or \
                    self._leads(text, o.end, end) or self._launched_by(text, o.end, end) or \
                    self._list_then_launch(text, s0, o, end, longest) or \
                    (best is not None and o.start == best.end):
                best = o  # X支队Y派出所: a unit written right after the subject body is the subject
        if best is not None and not self._leads(text, best.end, end, title=False) and \
                any(best.end <= p.start < end and _opens_clause(text, s0, p.start) for p in places):
            return None  # 中心负责人介绍，X区还推广“…”: a place opening a later clause is its subject
        return best  # (由X牵头，我县推行“…”: X leads what the place runs)

    def _list_then_launch(self, text: str, s0: int, body, end: int, longest: dict) -> bool:
        """X会同Y，开展“S”: a list of bodies opening the sentence, a comma, then a launch verb.

        Why: a comma after the subject is no clause end when the next clause has no subject
        of its own and starts with the verb that runs the scheme. Only at the sentence's
        start: 成立A，B，推行… lists what was set up, not who runs.
        """
        stop = _list_end(text, body, longest)
        if not _opens_sentence(text, s0, body.start) or text[stop:stop + 1] not in "，,":
            return False
        tail = "".join(text[stop + 1:end].split())
        tail = next((tail[len(w):] for w in function_words("launch_adverbs") if w and tail.startswith(w)), tail)
        return tail.startswith(self.launch_prefixes)

    def _defined_by(self, text: str, scheme, agents):
        """The body in “S”是X推行的一项制度 or “S”由X推出 (written after the scheme), or None.

        Why: a scheme is often introduced by a copula and a relative clause whose subject
        runs it, or in the passive with its agent after 由; the body then stands after the
        scheme, where :meth:`_agent` does not look.
        """
        for words, relative in ((function_words("scheme_copulas"), True), (function_words("scheme_passives"), False)):
            lead = next((w for w in words if w and text.startswith(w, scheme.end)), None)
            if lead is None:
                continue
            pos = scheme.end + len(lead)
            body = max((o for o in agents if o.start == pos), key=lambda o: o.end, default=None)
            if body is None:
                return None
            if relative:
                de = text.find("的", body.end, body.end + _COPULA_REACH)
                return body if de >= 0 and self._launched_by(text, body.end, de + 1) else None
            last = _list_items(text, body, _longest_at(agents))[-1]  # 由A和B共同运营: the list's end
            rest = "".join(text[last.end:last.end + _COPULA_REACH].split())
            rest = rest[next((len(a) for a in function_words("launch_adverbs") if rest.startswith(a)), 0):]
            return body if rest.startswith((*self.launch_words, *function_words("run_verbs"))) or \
                self._leads(text, body.end, body.end + _COPULA_REACH) else None
        return None

    def _launched_by(self, text: str, pos: int, end: int) -> bool:
        """X推出的“Y”, X开通的“Y”: a launch verb and 的 between the body and the scheme (Y launched by X)."""
        tail = "".join(text[pos:end].split())
        verb = tail[:-1].removesuffix("了")
        return tail.endswith("的") and verb in self.launch_words

    def _leads(self, text: str, pos: int, end: int, title: bool = True) -> bool:
        """A LEAD word right after the body (由X牵头, 在X的领导下, X等部门负责); with ``title=False``
        not a person's title (X负责人表示: the person in charge speaks for the body)."""
        tail = "".join(text[pos:end].split())
        return any(tail.startswith(gap + w) and (title or not tail.startswith(gap + w + "人"))
                   for w in self.lead_words for gap in function_words("lead_gap"))

    def _runners(self, text: str, s0: int, end: int, org, agents, longest: dict, places, sents,
                 ctx: ArticleContext) -> list[Ref]:
        """The bodies that run a scheme ending the prefix ``text[s0:end]``.

        The sentence's own agent first, with its co-agents and a body that leads the work
        earlier in the sentence (由X牵头，Y、Z配合，实施…: X leads, Y and Z run). Otherwise, when a LAUNCH/LEAD verb before the scheme
        says it is run, the paragraph's topic body (:func:`_topic`): Chinese drops a subject
        that stays the same from one sentence to the next (X中心探索…。创建…，设立“…”). Last,
        the article's body under the same verb condition. A scheme merely named or
        described is no evidence.
        """
        joined = _co_verb_partners(text, s0, end, agents, longest, self.launch_auto)
        if org is not None:
            leaders = [o.ref for o in agents if s0 <= o.start and o.end <= org.start and self._leads(text, o.end, end)]
            # the agent of a passive after the scheme (“S”由A和B运营): its list runs after it too
            stop = end if org.start < end else len(text)
            return list(dict.fromkeys([org.ref, *self._co_agents(text, org, stop, longest), *leaders,
                                       *_partners(text, org, end, agents, self.launch_prefixes), *joined]))
        if joined:
            return joined
        if not iter_matches(self.launch_auto, text[s0:end]):
            return []
        if not any(_opens_clause(text, s0, p.start) for p in places if s0 <= p.start < end):
            # 该旗创新推出“…”: the place is the subject
            carried = _topic(text, s0, agents, places, sents)
            if carried is not None:
                return [carried.ref]
        return [ctx.body.ref] if ctx.body is not None else []

    @staticmethod
    def _co_agents(text: str, org, end: int, longest: dict) -> list[Ref]:
        """Bodies joined to the subject by 与/和/、… (X法院与Y局、Z会等联合…): subjects too."""
        return [o.ref for o in _list_items(text, org, longest)[1:] if o.end <= end and o.ref != org.ref]

    def _learned_from(self, text: str, s0: int, place) -> bool:
        """True when a learning verb governs the place (学习借鉴 X …): not where work is done."""
        head = "".join(text[s0:place.start].split())
        head = head[:-1] if head.endswith("了") else head
        return any(True for _, te, _, _ in iter_matches(self.adapt_auto, head) if te == len(head))

    def _adapt_source(self, is_inside, text: str, s0: int, scheme, places, in_org, ctx: ArticleContext):
        """The place a scheme was learned from, or None (see the module docstring).

        Why so strict: a learning verb anywhere earlier in a long sentence (学习贯彻 …,
        党纪学习教育) says nothing about where a later scheme came from; only a verb whose
        object is ``place + scheme`` does.
        """
        ends = function_chars("clause_end")
        c0 = max(s0, *(i + 1 for i in range(s0, scheme.start) if text[i] in ends), s0)
        for _, te, _, _ in iter_matches(self.adapt_auto, text[c0:scheme.start]):
            v_end = c0 + te
            first = [p for p in places if v_end <= p.start <= v_end + _VERB_GAP_SPAN
                     and "".join(text[v_end:p.start].split()) in function_words("verb_gap")]
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
                if ctx.place is not None and (p.ref == ctx.place.ref or (
                        ctx.place.code and p.code and is_inside(ctx.place.code, p.code))):
                    continue
                return p
        return self._visited_source(text, c0, scheme, places, in_org)

    def _visited_source(self, text: str, c0: int, scheme, places, in_org):
        """到X学习“Y”的做法: the place visited to learn the scheme written right after the verb."""
        for p in places:
            if not (c0 <= p.start and p.end <= scheme.start) or in_org(p.start, p.end):
                continue
            gap = "".join(text[p.end:scheme.start].split()).removesuffix("了")
            if text[max(c0, p.start - 2):p.start].endswith(function_words("visit_words")) and \
                    any(True for _, te, _, _ in iter_matches(self.adapt_auto, gap) if te == len(gap)) and \
                    len(gap) <= _VERB_GAP_SPAN:
                return p
        return None
