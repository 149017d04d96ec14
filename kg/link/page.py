"""Link one page: article subjects, one entity across the page, the body hierarchy, register facts.

The second stage of extraction. The pipeline (:mod:`kg.nlp`) finds mentions in each
headline and article; the page linker decides what each article is about before its text
is read (:meth:`PageLinker.article_context`, from the headline's mentions, the seat of a
body the headline names, else the lede's or the article's most frequent place), and
turns what the articles' docs found into one :class:`kg.records.FileRecord`
(:meth:`PageLinker.record`): mentions become entities (one per key, short forms of a
body or place merged into the fuller name the page gives), relation hits become
relations with their evidence sentence in *source* offsets, bodies named as a unit of
another get their parent, and the register adds ``partOf`` links and the ancestors of
the places named (``FileRecord.reference``). Every entity gets its canonical label,
aliases and pinyin, however it was added.

The linker reads docs only through their extension attributes (``doc._.kg_mentions``,
``doc._.kg_relations``, copied into each :class:`ArticleRun`); it imports nothing from
:mod:`kg.nlp`. The register scan it needs for subjects is handed to it (``scan``).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

from kg.lexicon import patterns
from kg.link.canonical import aliases_for, canonical_label, division_key
from kg.link.context import ArticleContext, Subject
from kg.link.pinyin import romanise
from kg.link.resolve import build_levels, division_class, get_division, page_context, resolve_division
from kg.records import Article, Entity, Evidence, FileRecord, Relation
from kg.text.sentences import sentence_at, sentence_spans

__all__ = ["ArticleRun", "PageLinker", "file_record"]

#: ``scan(text, names)``: the register names of ``text`` (``(start, end, surface, kinds)``),
#: ``names`` being the raw register matches in it when already known.
RegisterScan = Callable[[str, tuple | None], list]


_RANK = {"Village": 0, "Township": 1, "County": 2, "Place": 3, "Prefecture": 4, "Province": 5}


def _org_head(label: str) -> str:
    heads = sorted((p.pattern for p in patterns("org_heads") if p.label == "ORG"), key=len, reverse=True)
    return next((h for h in heads if label.endswith(h)), "")


def _subjects(doc) -> tuple[Subject | None, Subject | None]:
    """Most specific place and first body named in a headline doc."""
    ms = [m for m in doc._.kg_mentions or [] if m.entity]
    places = [m for m in ms if m.family == "place" and m.cls in _RANK]
    orgs = [m for m in ms if m.family == "organisation" and m.kind != "national"]
    place = min(places, key=lambda m: (_RANK[m.cls], m.start)) if places else None
    body = orgs[0] if orgs else None
    for o in orgs[1:]:  # X支队Y大队: the unit at the end of the headline's chain is its body
        if body is not None and o.parent_org == body.key:
            body = o
    ps = Subject(place.key, place.label, place.cls, place.code) if place else None
    bs = None
    if body is not None:
        bs = Subject(body.key, body.label, "Organisation", head=_org_head(body.label),
                     place_key=body.place_key)
    return ps, bs


def _subject_of(div) -> Subject:
    return Subject(division_key(div.code), div.name, division_class(div), div.code)


def _seat_subject(kb, body: Subject) -> Subject | None:
    """Subject place of a headline that names a body but no place on its own.

    Why: an article is about the most specific place it is about (gold/GUIDE.md); a body
    named in the headline (<province short form><city stem>支队, X公安 read as X市公安局)
    sits in its seat, which is then the article's place.
    """
    if not body.place_key or not body.place_key.startswith("division:"):
        return None
    seat = get_division(kb, body.place_key.split(":", 1)[1])
    if seat is None:
        return None
    return _subject_of(seat)


def _seat_within(kb, body: Subject, place: Subject) -> bool:
    """True when the headline body's seat lies strictly inside the headline's place.

    Why: an article is about the most specific place it is about (gold/GUIDE.md); a
    headline naming a province and a body of one of its cities or counties (<province
    short form><city stem>公安, …<county stem>大队) is about the body's city or county.
    """
    if not (body.place_key and body.place_key.startswith("division:") and place.code):
        return False
    seat = body.place_key.split(":", 1)[1]
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
    return any(h in tail for h in _body_heads())


@lru_cache(maxsize=1)
def _body_heads() -> tuple[str, ...]:
    """Organisation heads of two characters or more (``org_heads.jsonl``)."""
    return tuple(sorted({p.pattern for p in patterns("org_heads") if p.label == "ORG" and len(p.pattern) >= 2}))


def _frequent_place(kb, text: str, ctx: ArticleContext, names) -> Subject | None:
    """The county-level (or lowest) register place named most often in a text.

    ``names`` are the register names in ``text`` (``(start, end, surface, kinds)``).
    Places inside a body's name are not counted (:func:`_in_body_name`).
    """
    counts: Counter = Counter()
    first: dict[str, int] = {}
    divs = {}
    for s, e, surface, kinds in names:
        if _in_body_name(text, e):
            continue
        for kind in kinds:
            div = resolve_division(kb, surface, kind, ctx)
            if div is not None:
                counts[div.code] += 1
                first.setdefault(div.code, s)
                divs[div.code] = div
                break
    if not counts:
        return None
    best = min(counts, key=lambda c: (_RANK.get(division_class(divs[c]), 9) > 2, -counts[c], first[c]))
    return _subject_of(divs[best])


_FAMILIES = ("place", "organisation", "scheme", "award")


@dataclass
class ArticleRun:
    """One article after the pipeline: its span, headline data, what its doc found, and context."""

    index: int
    title: str
    subtitle: str
    byline: str
    start: int          # page (normalised) offsets
    end: int
    mentions: list      # the doc's ``_.kg_mentions`` (the doc itself is not kept)
    relations: list     # the doc's ``_.kg_relations``
    ctx: object
    subjects: list = field(default_factory=list)  # Subjects the article refers to


def _pinyin(label: str, place: bool = True) -> str:
    """Romanised label: place-name style for places, word by word for bodies and schemes."""
    return romanise(label, kind="place" if place else "name")


_HONORIFIC = "人民"  # 人民法院/人民检察院: the full form of 法院/检察院


def _org_heads() -> tuple[str, ...]:
    return tuple(sorted({p.pattern for p in patterns("org_heads") if p.label == "ORG" and len(p.pattern) >= 2},
                        key=len, reverse=True))


def _page_merge(ents: dict[str, dict]) -> dict[str, str]:
    """Short organisation key → the key of the same body under its fuller name on the page.

    A headline often names a body short (X检察院) where the text gives the full chain
    (Y市X人民检察院). Two organisations are one when, ignoring 人民, the shorter label is a
    suffix of the longer, both end in the same head, the shorter carries more than the bare
    head, and what the longer adds in front holds no body head (only places: a bare unit is
    not merged with another body's unit of the same name) unless that front is itself a
    body named on the page: then the longer is the unit written after its parent
    (…总站X支队) and the shorter the same unit without it (X支队). The fuller name wins; the
    shorter becomes an alias. Why page-level: the two forms sit in different articles.
    """
    heads = _org_heads()
    orgs = sorted((v["label"], k) for k, v in ents.items() if v["cls"] == "Organisation")
    labels = {label.replace(_HONORIFIC, "") for label, _ in orgs}
    out: dict[str, str] = {}
    for label, key in orgs:
        short = label.replace(_HONORIFIC, "")
        head = next((h for h in heads if short.endswith(h)), "")
        if not head or len(short) <= len(head) + 1:
            continue
        cands = []
        for flabel, fkey in orgs:
            full = flabel.replace(_HONORIFIC, "")
            if fkey == key or len(full) <= len(short) or not full.endswith(short):
                continue
            front = full[:-len(short)]
            if any(h in front for h in heads) and front not in labels:
                continue
            cands.append((len(flabel), flabel, fkey))
        if not cands:
            cands = [(len(flabel), flabel, fkey) for flabel, fkey in orgs
                     if fkey != key and _abridged(short, flabel.replace(_HONORIFIC, ""), heads)]
        if len(cands) == 1 or len({c[2] for c in cands}) == 1:
            out[key] = cands[0][2]
    # chains: a → b → c all go to c
    for k in list(out):
        seen = {k}
        while out[k] in out and out[k] not in seen:
            seen.add(out[k])
            out[k] = out[out[k]]
    return out


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def _abridged(short: str, full: str, heads: tuple[str, ...]) -> bool:
    """True when ``short`` is ``full`` with its parent body written shorter.

    Both name the same unit with its own proper name (the tail: X路派出所, X边境管理支队)
    after a parent body; the short parent is the long one abridged — a level left out
    (A局 for A局B分局) or the name contracted (新疆边检总站 for 新疆出入境边防检查总站): it
    starts with the same character, its characters appear in order in the long one, and
    the long one ends in a body's head, the short one too or in the head's last two
    characters (边检总站 for …检查总站).
    """
    if len(full) <= len(short):
        return False
    n = 0
    while n < len(short) and short[-1 - n] == full[-1 - n]:
        n += 1
    for t in range(n, 0, -1):
        tail, front_s, front_l = short[-t:], short[:-t], full[:-t]
        head = next((h for h in heads if tail.endswith(h)), "")
        if not head or len(tail) < len(head) + 2 or not front_s:
            continue
        if front_l.endswith(heads) and (front_s.endswith(heads) or front_s[-2:] == front_l[-2:]) and \
                front_s[0] == front_l[0] and _subsequence(front_s, front_l):
            return True
    return False


def _place_merge(ents: dict[str, dict]) -> dict[str, str]:
    """Short place key → the key of the same named place written after its parent's name.

    A page names a place outside the register once in full (Y市X口岸) and once without
    the parent it already stated (X口岸). They are one place when the shorter label is the
    longer one's end and what the longer adds in front is the name or a surface of a
    division on the page. The fuller name wins; the shorter becomes an alias.
    """
    fronts = {x for v in ents.values() if v["cls"] != "Place" and v.get("code")
              for x in v["surfaces"] | {v["label"]}}
    named = sorted((v["label"], k) for k, v in ents.items() if v["cls"] == "Place" and not v.get("code"))
    out: dict[str, str] = {}
    for label, key in named:
        cands = {fkey for flabel, fkey in named
                 if len(flabel) > len(label) >= 3 and flabel.endswith(label) and flabel[:-len(label)] in fronts}
        if len(cands) == 1:
            out[key] = cands.pop()
    return out


def _reference_entity(div) -> Entity:
    """A register division written to the divisions graph only (no mention on the page)."""
    return Entity(key=division_key(div.code), cls=division_class(div), label=div.name, code=div.code,
                  parent=division_key(div.parent) if div.parent else None, pinyin=_pinyin(div.name))


def _inside_names_only(runs: list[ArticleRun]) -> set[str]:
    """Keys of places the page writes only as a stem or short name inside other names.

    Why: such a place is no entity (gold/GUIDE.md: a bare stem in <stem>边境管理支队), even
    when it is an article's subject: the article is still about it (``gov:about``, written
    to the divisions graph), but no relation points at it.
    """
    inside, named = set(), set()
    for run in runs:
        for m in run.mentions:
            if m.family == "place":
                (named if m.entity else inside).add(m.key)
    return inside - named


_SPECIFIC = {"Village": 0, "Place": 0, "Township": 1, "County": 2, "Prefecture": 3, "Province": 4}


def _one_location(rels: dict, ents: dict[str, dict]) -> None:
    """One place per body: the most specific the page states; its schemes follow it.

    Why: a body is located in one place (gold/GUIDE.md). When the page gives it two —
    the place its name starts with (新疆X派出所) and the place a sentence says it stands in
    (位于…Y村) — the more specific is where it is, and a scheme the body runs that was put
    in the body's other place runs where the body is.
    """
    where: dict[str, list[str]] = {}
    for s_, p_, o in rels:
        if p_ == "locatedIn" and o in ents:
            where.setdefault(s_, []).append(o)
    for body, places in where.items():
        if len(places) < 2:
            continue
        keep = min(places, key=lambda k: (_SPECIFIC.get(ents[k]["cls"], 5), k))
        dropped = set(places) - {keep}
        for o in dropped:
            del rels[(body, "locatedIn", o)]
        for s_, p_, o in list(rels):
            if p_ == "implementedIn" and o in dropped and (s_, "implementedBy", body) in rels:
                rel = rels.pop((s_, p_, o))
                rels.setdefault((s_, p_, keep), replace(rel, object=keep))


def file_record(file_name: str, sha256: str, source_text: str, nt, runs: list[ArticleRun], kb) -> FileRecord:
    """Assemble the sorted, deduplicated record of one file from its articles' docs."""
    ents: dict[str, dict] = {}
    first_sent: dict[str, tuple[int, int, int]] = {}
    rels: dict[tuple[str, str, str], Relation] = {}

    def evidence(run: ArticleRun, s: int, e: int) -> Evidence:
        ps, pe = run.start + s, run.start + e
        sentence = nt.text[ps:pe].strip()
        lead = len(nt.text[ps:pe]) - len(nt.text[ps:pe].lstrip())
        ps += lead
        pe = ps + len(sentence)
        src = nt.source_span(ps, pe)
        return Evidence(src[0], src[1], sentence)

    for run in runs:
        for m in run.mentions:
            if not m.entity or m.family not in _FAMILIES:
                continue
            e = ents.setdefault(m.key, {"cls": m.cls, "label": canonical_label(m.label), "surfaces": set(),
                                        "articles": set(), "code": m.code, "parent": None})
            e["surfaces"].add(m.surface)
            e["surfaces"].update(m.aliases)
            e["articles"].add(run.index)
            if m.code and not e["code"]:
                e["code"] = m.code
            if m.key not in first_sent:
                s0, s1 = sentence_at(run.ctx.sentences, m.start)
                first_sent[m.key] = (run.index, s0, s1)
    merged = _page_merge(ents) | _place_merge(ents)
    for short, full in sorted(merged.items()):
        e = ents.pop(short)
        ents[full]["surfaces"].update(e["surfaces"] | {e["label"]})
        ents[full]["articles"].update(e["articles"])
        if short in first_sent and (full not in first_sent or first_sent[short] < first_sent[full]):
            first_sent[full] = first_sent[short]
        first_sent.pop(short, None)
    subjects = {s.key: (run, s) for run in runs for s in run.subjects if s is not None
                and s.key not in merged}
    unnamed = _inside_names_only(runs) - ents.keys()

    def ensure(key: str) -> bool:
        if key in ents:
            return True
        if key in subjects and key not in unnamed:
            run, s = subjects[key]
            ents[key] = {"cls": s.cls, "label": s.label, "surfaces": set(), "articles": {run.index},
                         "code": s.code, "parent": None}
            return True
        return False

    for run in runs:
        for h in run.relations:
            subj, obj = merged.get(h.subject, h.subject), merged.get(h.object, h.object)
            if subj == obj or not (ensure(subj) and ensure(obj)):
                continue
            rel = Relation(subj, h.predicate, obj, run.index, evidence(run, h.sent_start, h.sent_end))
            k = (subj, h.predicate, obj)
            if k not in rels or rel < rels[k]:
                rels[k] = rel
    _one_location(rels, ents)
    # an article's subject is an entity of the page even when only its headline names it:
    # added before the hierarchy and the register, so it gets its parent, partOf and pinyin
    articles = []
    for run in runs:
        ss, se = nt.source_span(run.start, run.end) if run.end > run.start else (0, 0)
        about = run.ctx.place.key if run.ctx.place is not None else None
        if about is not None:
            ensure(about)
        articles.append(Article(index=run.index, title=run.title, start=ss, end=se,
                                byline=run.byline, subtitle=run.subtitle, about=about))
    # organisations named as a unit of another mentioned one (…公安局禁毒大队 → …公安局)
    # only the nearest (longest) such body: 大学+学院+教研室 belongs to 学院, not to 大学
    orgs = sorted((v["label"], k) for k, v in ents.items() if v["cls"] == "Organisation")
    stated_parents: dict[str, set[str]] = {}
    for s_, p_, o in rels:
        if p_ == "subOrganisationOf":
            stated_parents.setdefault(s_, set()).add(o)
    for label, key in orgs:
        parents = [(len(plabel), pkey) for plabel, pkey in orgs
                   if pkey != key and label.startswith(plabel) and len(plabel) < len(label)]
        if not parents:
            continue
        pkey = max(parents)[1]
        stated = stated_parents.get(key, set())
        if stated and pkey not in stated:
            for o in stated & {k for _, k in parents}:  # a grandparent stated by a looser rule
                del rels[(key, "subOrganisationOf", o)]
        if (key, "subOrganisationOf", pkey) not in rels and key in first_sent:
            idx, s0, s1 = first_sent[key]
            run = runs[idx] if runs[idx].index == idx else next(r for r in runs if r.index == idx)
            rels[(key, "subOrganisationOf", pkey)] = Relation(
                key, "subOrganisationOf", pkey, idx, evidence(run, s0, s1))
    # register: links to the nearest named ancestor between mentioned places; ancestors as reference
    codes = {v["code"]: k for k, v in ents.items() if v["code"]}
    reference: dict[str, Entity] = {}
    for key in sorted(unnamed & {r.ctx.place.key for r in runs if r.ctx.place is not None}):
        # an article's subject named only inside bodies' names: in the register, not on the page
        code = key.split(":", 1)[1] if key.startswith("division:") else None
        for div in [get_division(kb, code), *(kb.ancestors(code) if code else [])]:
            if div is not None and div.code not in codes:
                reference.setdefault(division_key(div.code), _reference_entity(div))
    for code, key in sorted(codes.items()):
        div = get_division(kb, code)
        if div is None:
            continue
        parent = getattr(div, "parent", None)
        ents[key]["parent"] = division_key(parent) if parent else None
        # the nearest ancestor named in the file (X镇 → Y市 when the county is not named: GUIDE)
        ancestors = kb.ancestors(code)
        near = next((codes[a.code] for a in ancestors if a.code in codes), None)
        if near is not None and (key, "partOf", near) not in rels:
            rels[(key, "partOf", near)] = Relation(key, "partOf", near, min(ents[key]["articles"]), None)
        for anc in ancestors:
            if anc.code in codes or division_key(anc.code) in reference:
                continue
            reference[division_key(anc.code)] = _reference_entity(anc)
    entities = []
    for key, v in ents.items():
        is_place = v["cls"] in ("Province", "Prefecture", "County", "Township", "Village", "Place")
        entities.append(Entity(key=key, cls=v["cls"], label=v["label"],
                               aliases=aliases_for(v["label"], v["surfaces"]),
                               articles=tuple(sorted(v["articles"])), code=v["code"],
                               parent=v["parent"], pinyin=_pinyin(v["label"], place=is_place)))
    return FileRecord(file_name=file_name, sha256=sha256, text_length=len(source_text),
                      articles=tuple(sorted(articles)), entities=tuple(sorted(entities)),
                      relations=tuple(sorted(rels.values(), key=lambda r: (r.subject, r.predicate, r.object))),
                      reference=tuple(sorted(reference.values())))


class PageLinker:
    """The linker of one page: its register names, its province and the places it names in full.

    Parameters
    ----------
    kb
        The division register (:func:`kg.link.divisions.get_kb`).
    nt
        The normalised page (:func:`kg.text.normalize.normalize`).
    names
        The raw register matches of the page (:func:`kg.nlp.components.gazetteer.register_matches`).
    scan
        The register scan (:func:`kg.nlp.components.gazetteer.scan_register`).
    """

    def __init__(self, kb, nt, names: tuple, scan: RegisterScan) -> None:
        self.kb, self.nt, self.text, self.names, self.scan = kb, nt, nt.text, names, scan
        ends = [e for _, e, _, _ in names]
        # ordered by end (as the automaton reports them): an article's share is found by bisection
        self._ends = ends if all(a <= b for a, b in zip(ends, ends[1:])) else None
        self.province, self.codes = page_context(
            kb, [(surf, k) for _, _, surf, kinds in scan(self.text, names) for k in kinds])

    def names_within(self, start: int, end: int) -> tuple:
        """The page's raw register matches inside ``[start, end)``, in offsets from ``start``."""
        names = self.names
        if self._ends is not None:  # linear in the article, not the page: a long file has many pieces
            names = names[bisect_left(self._ends, start):bisect_right(self._ends, end)]
        return tuple((s - start, e - start, surface, kinds) for s, e, surface, kinds in names
                     if s >= start and e <= end)

    def headline_context(self, index: int, headline: str) -> ArticleContext:
        """The context a headline is read in (before its article's subject is known)."""
        ctx = ArticleContext(index=index, province=self.province, context_codes=self.codes, is_title=True)
        ctx.places_by_level = build_levels(self.kb, ctx)
        o = self.text.find(headline)
        ctx.register = self.names_within(o, o + len(headline)) if o >= 0 else None
        return ctx

    def subjects(self, index: int, start: int, end: int, headline_docs) -> tuple[Subject | None, Subject | None]:
        """The place and body article ``index`` (page span ``[start, end)``) is about.

        ``headline_docs``: the docs of its subtitle and title, in that order (either may
        be None). The first headline that names them gives the place and the body; a body
        named in the headline sits in its seat; else the lede's most frequent place (a
        page's later stories name other places), else the article's.
        """
        base = ArticleContext(index=index, province=self.province, context_codes=self.codes, is_title=True)
        base.places_by_level = build_levels(self.kb, base)
        place = body = None
        for doc in headline_docs:
            if doc is not None and (place is None or body is None):
                p, b = _subjects(doc)
                place = place or p
                if body is None and b is not None:
                    body = b
        if body is not None and (place is None or _seat_within(self.kb, body, place)):
            place = _seat_subject(self.kb, body) or place
        lede = next(((s, e) for s, e in sentence_spans(self.text, start, end) if e > s and self.text[s:e].strip()),
                    None) if place is None else None
        for a, b in ((lede, ) if lede is not None else ()) + ((start, end),):
            if place is None:
                text = self.text[a:b]
                place = _frequent_place(self.kb, text, base, self.scan(text, self.names_within(a, b)))
        return place, body

    def article_context(self, index: int, place: Subject | None, body: Subject | None,
                        start: int, end: int, sentences) -> ArticleContext:
        """The context article text ``[start, end)`` is read in (``sentences`` in page offsets)."""
        ctx = ArticleContext(index=index, province=self.province, context_codes=self.codes,
                             place=place, body=body)
        ctx.places_by_level = build_levels(self.kb, ctx)
        ctx.sentences = tuple((s - start, e - start) for s, e in sentences)
        ctx.register = self.names_within(start, end)
        return ctx

    def record(self, file_name: str, sha256: str, source_text: str, nt, runs: list[ArticleRun]) -> FileRecord:
        """The sorted, deduplicated record of the page from its articles' docs (:func:`file_record`)."""
        return file_record(file_name, sha256, source_text, nt, runs, self.kb)
