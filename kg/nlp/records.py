"""Docs → :class:`kg.records.FileRecord` (the only spaCy → kg boundary).

Mentions become entities (one per key, with aliases and the articles that mention them),
relation hits become relations with their evidence sentence in *source* offsets, and the
register adds partOf links between mentioned places and the ancestors of mentioned places
(``FileRecord.reference``) so the RDF layer can write the division tree.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.link.canonical import aliases_for, canonical_label, division_key
from kg.link.resolve import division_class, get_division
from kg.nlp.types import RelationHit
from kg.records import Article, Entity, Evidence, FileRecord, Relation

__all__ = ["ArticleRun", "file_record"]

_FAMILIES = ("place", "organisation", "scheme", "award")


@dataclass
class ArticleRun:
    """One article after the pipeline: its span, headline data, doc and context."""

    index: int
    title: str
    subtitle: str
    byline: str
    start: int          # page (normalised) offsets
    end: int
    doc: object
    ctx: object
    subjects: list = field(default_factory=list)  # Subjects the article refers to


def _pinyin(label: str, place: bool = True) -> str:
    """Romanised label: place-name style for places, word by word for bodies and schemes."""
    from kg.link.pinyin import romanise

    return romanise(label, kind="place" if place else "name")


_HONORIFIC = "人民"  # 人民法院/人民检察院: the full form of 法院/检察院


def _org_heads() -> tuple[str, ...]:
    from kg.lexicon import patterns

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
        if len(cands) == 1 or len({c[2] for c in cands}) == 1:
            out[key] = cands[0][2]
    # chains: a → b → c all go to c
    for k in list(out):
        seen = {k}
        while out[k] in out and out[k] not in seen:
            seen.add(out[k])
            out[k] = out[out[k]]
    return out


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
        for m in run.doc._.kg_mentions or []:
            if m.family == "place":
                (named if m.entity else inside).add(m.key)
    return inside - named


def file_record(file_name: str, sha256: str, source_text: str, nt, runs: list[ArticleRun], kb) -> FileRecord:
    """Assemble the sorted, deduplicated record of one file."""
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
        for m in run.doc._.kg_mentions or []:
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
                from kg.nlp.components._scan import sentence_at, sentence_spans

                sents = run.ctx.sentences or tuple(sentence_spans(run.doc.user_data.get('kg_text', '')))
                s0, s1 = sentence_at(sents, m.start)
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
        for h in run.doc._.kg_relations or []:
            h = RelationHit(merged.get(h.subject, h.subject), h.predicate, merged.get(h.object, h.object),
                            h.sent_start, h.sent_end)
            if h.subject == h.object or not (ensure(h.subject) and ensure(h.object)):
                continue
            rel = Relation(h.subject, h.predicate, h.object, run.index, evidence(run, h.sent_start, h.sent_end))
            k = (h.subject, h.predicate, h.object)
            if k not in rels or rel < rels[k]:
                rels[k] = rel
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
    articles = []
    for run in runs:
        ss, se = nt.source_span(run.start, run.end) if run.end > run.start else (0, 0)
        about = run.ctx.place.key if run.ctx.place is not None else None
        if about is not None:
            ensure(about)
        articles.append(Article(index=run.index, title=run.title, start=ss, end=se,
                                byline=run.byline, subtitle=run.subtitle, about=about))
    # subjects added by ensure() after the entity list was built
    have = {e.key for e in entities}
    for key, v in ents.items():
        if key not in have:
            entities.append(Entity(key=key, cls=v["cls"], label=v["label"],
                                   aliases=aliases_for(v["label"], v["surfaces"]),
                                   articles=tuple(sorted(v["articles"])), code=v["code"],
                                   parent=v["parent"]))
    return FileRecord(file_name=file_name, sha256=sha256, text_length=len(source_text),
                      articles=tuple(sorted(articles)), entities=tuple(sorted(entities)),
                      relations=tuple(sorted(rels.values(), key=lambda r: (r.subject, r.predicate, r.object))),
                      reference=tuple(sorted(reference.values())))
