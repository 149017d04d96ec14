"""What a page's record needs of its articles' runs, folded in one run at a time.

Why: a file without headlines is one article run as hundreds of pieces
(:mod:`kg.text.pieces`); keeping every piece's mentions and relation hits until the
record was built made a file's memory grow with its length (≈ 40 MB per million
characters). :class:`PageFold` keeps instead what the record is made of — one entry per
entity, per relation as read and per article — and :func:`kg.link.page.file_record`
finishes the record from it. Folding is exact: the record is the one built from all the
runs at once (the least evidence of each relation, the first sentence of each entity, the
entities in the order they were first named). Keys are minted here, as each run comes
(:func:`kg.link.canonical.key_of` of each mention's, relation end's and subject's ref).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.link.canonical import key_of
from kg.context import Subject
from kg.records import Article, Evidence
from kg.text.names import canonical_label
from kg.text.sentences import sentence_at

__all__ = ["PageFold", "evidence"]

_FAMILIES = ("place", "organisation", "scheme", "award")


def evidence(nt, start: int, end: int) -> Evidence:
    """The evidence of page span ``[start, end)``: the sentence stripped, its span in the source."""
    sentence = nt.text[start:end].strip()
    start += len(nt.text[start:end]) - len(nt.text[start:end].lstrip())
    src = nt.source_span(start, start + len(sentence))
    return Evidence(src[0], src[1], sentence)


@dataclass
class PageFold:
    """The runs of one page (``nt``, normalised) folded into what its record is made of."""

    nt: object
    #: key → cls, label, surfaces, articles, code, parent (as :func:`kg.link.page.file_record` reads them)
    ents: dict[str, dict] = field(default_factory=dict)
    #: key → (article, page start, page end) of the sentence of its first mention
    first_sent: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: (subject, predicate, object) as read → the least (article, evidence) it was read with
    hits: dict[tuple[str, str, str], tuple[int, Evidence]] = field(default_factory=dict)
    #: key → (article, subject) of the last article about it
    subjects: dict[str, tuple[int, Subject]] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    _inside: set[str] = field(default_factory=set)   # places named inside other names …
    _named: set[str] = field(default_factory=set)    # … and named as entities

    def add(self, run) -> None:
        """Fold in one :class:`kg.link.page.ArticleRun` (runs come in article order)."""
        for m in run.mentions:
            key = key_of(m.ref)
            if m.family == "place":
                (self._named if m.entity else self._inside).add(key)
            if not m.entity or m.family not in _FAMILIES:
                continue
            e = self.ents.setdefault(key, {"cls": m.cls, "label": canonical_label(m.label), "surfaces": set(),
                                             "articles": set(), "code": m.code, "parent": None})
            e["surfaces"].add(m.surface)
            e["surfaces"].update(m.aliases)
            e["articles"].add(run.index)
            if m.code and not e["code"]:
                e["code"] = m.code
            if key not in self.first_sent:
                s0, s1 = sentence_at(run.ctx.sentences, m.start)
                self.first_sent[key] = (run.index, run.start + s0, run.start + s1)
        for h in run.relations:
            key = (key_of(h.subject), h.predicate, key_of(h.object))
            old = self.hits.get(key)
            if old is not None and old[0] < run.index:
                continue  # an earlier article's evidence wins
            found = (run.index, evidence(self.nt, run.start + h.sent_start, run.start + h.sent_end))
            if old is None or found < old:
                self.hits[key] = found
        for s in run.subjects:
            if s is not None:
                self.subjects[key_of(s.ref)] = (run.index, s)
        ss, se = self.nt.source_span(run.start, run.end) if run.end > run.start else (0, 0)
        self.articles.append(Article(index=run.index, title=run.title, start=ss, end=se, byline=run.byline,
                                     subtitle=run.subtitle,
                                     about=key_of(run.ctx.place.ref) if run.ctx.place is not None else None))

    def inside_names_only(self) -> set[str]:
        """Keys of places the page writes only as a stem or short name inside other names.

        Why: such a place is no entity (gold/GUIDE.md: a bare stem in <stem>边境管理支队), even
        when it is an article's subject: the article is still about it (``gov:about``, written
        to the divisions graph), but no relation points at it.
        """
        return self._inside - self._named
