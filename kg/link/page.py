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

The pipeline names entities as data (:class:`kg.context.Ref`); every key is minted here,
after the pipeline, when a run is folded in (:func:`kg.link.canonical.key_of`,
:class:`kg.link.page_fold.PageFold`). The linker reads docs only through their extension
attributes (``doc._.kg_mentions``, ``doc._.kg_relations``, copied into each
:class:`ArticleRun`); it imports nothing from :mod:`kg.nlp`. The register scan it needs
for subjects is handed to it (``scan``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from kg.link.canonical import aliases_for, division_key, entity_key
from kg.context import ArticleContext, Subject
from kg.link.pinyin import romanise
from kg.link.readings import Readings
from kg.link.page_fold import PageFold, evidence
from kg.link.page_merge import area_body_names, page_merge, place_merge, scheme_merge
from kg.link.resolve import build_levels, page_context
from kg.register.facts import division_class, get_division
from kg.link.subjects import frequent_place, headline_subjects, home_place, narrower_place, seat_subject, seat_within
from kg.records import Entity, FileRecord, Relation
from kg.text.pieces import split_spans
from kg.text.sentences import SENTENCE_ENDS, sentence_spans

__all__ = ["ArticleRun", "PageLinker", "file_record"]

#: ``scan(text, names)``: the register names of ``text`` (``(start, end, surface, kinds)``),
#: ``names`` being the raw register matches in it when already known.
RegisterScan = Callable[[str, tuple | None], list]


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


def _reference_entity(div) -> Entity:
    """A register division written to the divisions graph only (no mention on the page)."""
    return Entity(key=division_key(div.code), cls=division_class(div), label=div.name, code=div.code,
                  parent=division_key(div.parent) if div.parent else None, pinyin=_pinyin(div.name))


_SPECIFIC = {"Village": 0, "Place": 0, "Township": 1, "County": 2, "Prefecture": 3, "Province": 4}


def _one_location(rels: dict, ents: dict[str, dict]) -> None:
    """One place per body: the most specific the page states; its schemes follow it.

    Why: a body is located in one place (gold/GUIDE.md). When the page gives it two —
    the place its name starts with (<province>X派出所) and the place a sentence says it stands in
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


def _inherit_location(rels: dict, unplaced: dict[str, Relation]) -> None:
    """A unit whose own place is no entity of the page sits where its parent body sits.

    Why: a short form in a unit's name (X州 in …X州边境管理支队) is part of its name, not
    a place of the page (gold/GUIDE.md); the unit is located where the body it belongs to
    is (the body's locatedIn, itself possibly inherited: done until nothing changes).
    """
    located: dict[str, set[str]] = {}
    parents: dict[str, list[str]] = {}
    for s_, p_, o in rels:
        if p_ == "locatedIn":
            located.setdefault(s_, set()).add(o)
        elif p_ == "subOrganisationOf" and s_ in unplaced:
            parents.setdefault(s_, []).append(o)
    changed = True
    while changed:
        changed = False
        for body, rel in unplaced.items():
            if body in located:
                continue
            where = sorted(set().union(*(located.get(p, ()) for p in parents.get(body, ()))))
            if where:
                rels[(body, "locatedIn", where[0])] = replace(rel, object=where[0])
                located[body] = {where[0]}
                changed = True


def _nearest_parents(rels: dict, ents: dict[str, dict], kb, predicate: str = "partOf") -> None:
    """Drop a ``partOf`` (or ``subOrganisationOf``) link to an ancestor of another parent of the same entity.

    Why: partOf goes to the nearest parent the page names (gold/GUIDE.md); a village read
    once with its chain (…Y乡X村) and once alone in an article about its province gets
    both the township and the province, and the province is the township's ancestor. So
    for bodies: a station of a city bureau's branch (X局Y分局Z所) belongs to the branch.
    """
    ups: dict[str, set[str]] = {}
    for s_, p_, o in rels:
        if p_ == predicate:
            ups.setdefault(s_, set()).add(o)

    def above(key: str) -> set[str]:
        out: set[str] = set()
        stack = [key]
        while stack:
            x = stack.pop()
            code = ents.get(x, {}).get("code")
            nxt = set(ups.get(x, ())) | ({division_key(a.code) for a in kb.ancestors(code)} if code else set())
            for o in nxt - out:
                out.add(o)
                stack.append(o)
        return out

    for place, parents in ups.items():
        if len(parents) > 1:
            for o in parents:
                if any(o in above(other) for other in parents - {o}):
                    del rels[(place, predicate, o)]


def file_record(file_name: str, sha256: str, source_text: str, nt, runs: Iterable[ArticleRun], kb) -> FileRecord:
    """Assemble the sorted, deduplicated record of one file from its articles' runs.

    ``runs`` may be a stream: each run is folded in (:class:`kg.link.page_fold.PageFold`)
    and dropped, so a long file's pieces are never held together.
    """
    fold = PageFold(nt)
    for run in runs:
        fold.add(run)
    ents, first_sent = fold.ents, fold.first_sent
    rels: dict[tuple[str, str, str], Relation] = {}
    areas = place_merge(ents)
    merged = page_merge(ents) | areas | scheme_merge(ents)
    for key, label in area_body_names(ents, areas).items():  # 互市贸易区管理委员会 → in full
        full = entity_key("organisation", label)
        if key in merged or full == key:
            continue
        if full not in ents:  # the short-named body's surfaces and articles join it below
            ents[full] = {**ents[key], "label": label, "surfaces": set(), "articles": set()}
        merged[key] = full
    for short, full in sorted(merged.items()):
        e = ents.pop(short)
        ents[full]["surfaces"].update(e["surfaces"] | {e["label"]})
        ents[full]["articles"].update(e["articles"])
        if short in first_sent and (full not in first_sent or first_sent[short] < first_sent[full]):
            first_sent[full] = first_sent[short]
        first_sent.pop(short, None)
    subjects = {k: v for k, v in fold.subjects.items() if k not in merged}
    unnamed = fold.inside_names_only() - ents.keys()

    def ensure(key: str) -> bool:
        if key in ents:
            return True
        if key in subjects and key not in unnamed:
            index, s = subjects[key]
            ents[key] = {"cls": s.cls, "label": s.label, "surfaces": set(), "articles": {index},
                         "code": s.code, "parent": None}
            return True
        return False

    unplaced: dict[str, Relation] = {}  # bodies whose place read off their name is no entity of the page
    for (subj, predicate, obj), (index, ev) in fold.hits.items():
        subj, obj = merged.get(subj, subj), merged.get(obj, obj)
        if subj == obj or not (ensure(subj) and ensure(obj)):
            if predicate == "locatedIn" and subj in ents and subj not in unplaced:
                unplaced[subj] = Relation(subj, predicate, obj, index, ev)
            continue
        rel = Relation(subj, predicate, obj, index, ev)
        k = (subj, predicate, obj)
        if k not in rels or rel < rels[k]:
            rels[k] = rel
    _inherit_location(rels, unplaced)
    _one_location(rels, ents)
    # an article's subject is an entity of the page even when only its headline names it:
    # added before the hierarchy and the register, so it gets its parent, partOf and pinyin
    articles = fold.articles
    for art in articles:
        if art.about is not None:
            ensure(art.about)
    # organisations named as a unit of another mentioned one (…公安局禁毒大队 → …公安局)
    # only the nearest (longest) such body: 大学+学院+教研室 belongs to 学院, not to 大学
    orgs = sorted((v["label"], k) for k, v in ents.items() if v["cls"] == "Organisation")
    stated_parents: dict[str, set[str]] = {}
    for s_, p_, o in rels:
        if p_ == "subOrganisationOf":
            stated_parents.setdefault(s_, set()).add(o)
    by_first: dict[str, list[tuple[str, str]]] = {}  # a parent's name starts the unit's: same first character
    for plabel, pkey in orgs:
        by_first.setdefault(plabel[:1], []).append((plabel, pkey))
    for label, key in orgs:
        parents = [(len(plabel), pkey) for plabel, pkey in by_first.get(label[:1], ())
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
            rels[(key, "subOrganisationOf", pkey)] = Relation(
                key, "subOrganisationOf", pkey, idx, evidence(nt, s0, s1))
    # register: links to the nearest named ancestor between mentioned places; ancestors as reference
    codes = {v["code"]: k for k, v in ents.items() if v["code"]}
    reference: dict[str, Entity] = {}
    for key in sorted(unnamed & {art.about for art in articles if art.about is not None}):
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
    _nearest_parents(rels, ents, kb)
    _nearest_parents(rels, ents, kb, "subOrganisationOf")
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
    """The linker of one page: its province and the places it names in full.

    Parameters
    ----------
    kb
        The division register (:func:`kg.register.divisions.get_kb`).
    nt
        The normalised page (:func:`kg.text.normalize.normalize`).
    match
        The raw register matches of a text (:func:`kg.nlp.components.gazetteer.register_matches`).
    scan
        The register scan (:func:`kg.nlp.components.gazetteer.scan_register`).
    """

    def __init__(self, kb, nt, match: Callable[[str], tuple], scan: RegisterScan) -> None:
        self.kb, self.nt, self.text, self.match, self.scan = kb, nt, nt.text, match, scan
        self._headline_at = 0  # where the last headline was found
        self.province, self.codes = page_context(
            kb, ((surf, k) for _, _, surf, kinds in self.scan_within(0, len(self.text)) for k in kinds))

    def names_within(self, start: int, end: int) -> tuple:
        """The raw register matches inside ``[start, end)``, in offsets from ``start``.

        Why per span, not the page's matches kept: a match lies within the characters it
        covers, and a long file's matches took more memory than its text.
        """
        return self.match(self.text[start:end])

    def scan_within(self, start: int, end: int) -> Iterator[tuple]:
        """The register names of ``[start, end)`` (offsets from ``start``), a bounded piece at a time.

        Pieces are cut at paragraph breaks (:func:`kg.text.pieces.split_spans`), which no
        name crosses: a span that fits in one piece (every ordinary article or page) is
        scanned whole, and a long file never holds the names of all its text.
        """
        for a, b in split_spans(self.text, start, end):
            for s, e, surface, kinds in self.scan(self.text[a:b], self.names_within(a, b)):
                yield s + a - start, e + a - start, surface, kinds

    def context(self, index: int, **subjects) -> ArticleContext:
        """A context of the page for article ``index``: its level words and the readings of its names.

        ``subjects``: the ArticleContext fields known (``place``, ``body``, ``is_title``).
        """
        ctx = ArticleContext(index=index, province=self.province, context_codes=self.codes, **subjects)
        ctx.places_by_level = build_levels(self.kb, ctx)
        ctx.readings = Readings(ctx, self.kb)
        return ctx

    def headline_context(self, index: int, headline: str) -> ArticleContext:
        """The context a headline is read in (before its article's subject is known)."""
        ctx = self.context(index, is_title=True)
        # looked for from the previous headline on (they come in page order), else before it:
        # a file of many articles is not searched from its start for each headline
        o = self.text.find(headline, self._headline_at)
        o = o if o >= 0 else self.text.rfind(headline, 0, self._headline_at + len(headline))
        self._headline_at = max(self._headline_at, o)
        ctx.register = self.names_within(o, o + len(headline)) if o >= 0 else None
        return ctx

    def subjects(self, index: int, start: int, end: int, headline_docs) -> tuple[Subject | None, Subject | None]:
        """The place and body article ``index`` (page span ``[start, end)``) is about.

        ``headline_docs``: the docs of its subtitle and title, in that order (either may
        be None). The first headline that names them gives the place and the body; a body
        named in the headline sits in its seat; else the lede's most frequent place (a
        page's later stories name other places), else the article's.
        """
        base = self.context(index, is_title=True)
        place = body = None
        for doc in headline_docs:
            if doc is not None and (place is None or body is None):
                p, b = headline_subjects(doc)
                place = place or p
                if body is None and b is not None:
                    body = b
        if body is not None and (place is None or seat_within(self.kb, body, place)):
            place = seat_subject(self.kb, body) or place
        first = split_spans(self.text, start, end)[0][1]  # the lede is in the first piece: not a long file's sentences
        lede = self._lede(start, first) if place is None else None
        for a, b in ((lede, ) if lede is not None else ()) + ((start, end),):
            if place is None:
                text = self.text[a:b]
                # the lede's bodies name its place (近年来，X县人民检察院…); the later stories' do not
                place = frequent_place(self.kb, text, base, self.scan_within(a, b), in_bodies=(a, b) == lede)
        if place is not None and place.cls in ("Province", "Prefecture"):
            place = narrower_place(self.kb, self.text[start:end], base, self.scan_within(start, end), place) \
                or place
        if place is not None:  # 我县开展…: a county paper's county-wide story
            place = home_place(self.kb, [d.text for d in headline_docs if d is not None], place) or place
        return place, body

    def _lede(self, start: int, end: int) -> tuple[int, int] | None:
        """The first sentence of the article's text: after its headline and byline (lines with no
        sentence end), else its first line."""
        spans = [(s, e) for s, e in sentence_spans(self.text, start, end) if e > s and self.text[s:e].strip()]
        return next((sp for sp in spans if self.text[sp[0]:sp[1]].rstrip()[-1:] in SENTENCE_ENDS),
                    spans[0] if spans else None)

    def article_context(self, index: int, place: Subject | None, body: Subject | None,
                        start: int, end: int, sentences) -> ArticleContext:
        """The context article text ``[start, end)`` is read in (``sentences`` in page offsets)."""
        ctx = self.context(index, place=place, body=body)
        ctx.sentences = tuple((s - start, e - start) for s, e in sentences)
        ctx.register = self.names_within(start, end)
        return ctx

    def record(self, file_name: str, sha256: str, source_text: str, nt, runs: Iterable[ArticleRun]) -> FileRecord:
        """The sorted, deduplicated record of the page from its articles' runs, a stream (:func:`file_record`)."""
        return file_record(file_name, sha256, source_text, nt, runs, self.kb)
