"""Records → named graphs: one graph per source file and one of reference data.

Layout (``docs/provenance.md`` has the full picture):

- **Document graph** — IRI = the file's ``gov:Document`` node
  (:func:`kg.rdf.iris.document_iri`). Holds the document (``gov:fileName``,
  ``gov:sha256``, ``dcterms:title`` and, where its front matter gives them,
  ``dcterms:date``, ``gov:section``, ``gov:page``, ``dcterms:source``), its articles
  (``dcterms:isPartOf``, title, byline, ``gov:about``, offsets), each entity mentioned
  in the file (type, ``rdfs:label@zh``, ``skos:altLabel`` aliases ``@zh`` and pinyin
  ``@zh-Latn-pinyin``, their lookup keys as ``skos:hiddenLabel`` (:mod:`kg.rdf.lookup`),
  ``gov:mentionedIn`` its articles and the document), every
  relation read from the text as a direct triple, and its evidence node
  (:mod:`kg.rdf.evidence`).
- **Divisions graph** — :data:`kg.rdf.iris.DIVISIONS_GRAPH`. Every register place used
  by any file (mentioned or an ancestor in ``FileRecord.reference``): type, label,
  pinyin and its lookup key, ``gov:divisionCode`` and the direct ``gov:partOf`` parent. Deduplicated across
  files.

:class:`GraphAssembler` is fed records in sorted file order and returns each file's
graph at once, so a writer can stream them; it keeps only small per-entity state (the
first class and label seen for a key, so one entity has one class and one label in the
whole dataset, and the register places for the divisions graph).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, SKOS, XSD

from kg.io.spill import Spill
from kg.rdf.evidence import evidence_triples
from kg.rdf.iris import DIVISIONS_GRAPH, article_iri, document_iri, entity_iri
from kg.rdf.lookup import hidden_labels
from kg.rdf.namespace import GOV
from kg.records import FAMILY, Entity, FileRecord

__all__ = ["NamedGraph", "GraphAssembler", "records_to_graphs", "to_dataset", "PINYIN_LANG"]

PINYIN_LANG = "zh-Latn-pinyin"

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_Place = tuple[str, str, "str | None", "str | None", "str | None"]

# looked up once: a namespace attribute mints a new URIRef on every access
_TYPE, _LABEL, _ALT, _MENTIONED = RDF.type, RDFS.label, SKOS.altLabel, GOV.mentionedIn
_HIDDEN = SKOS.hiddenLabel


@dataclass(frozen=True, slots=True)
class NamedGraph:
    """One named graph: its IRI and its triples, sorted and without duplicates."""

    iri: URIRef
    triples: tuple[Triple, ...]

    def __len__(self) -> int:
        return len(self.triples)


def _n3(term: URIRef | Literal) -> str:
    # URIRef.n3() re-validates the IRI on every call; ours are minted valid
    return f"<{term}>" if type(term) is URIRef else term.n3()


def _sorted(triples: Iterable[Triple]) -> tuple[Triple, ...]:
    return tuple(sorted(set(triples), key=lambda t: (_n3(t[0]), _n3(t[1]), _n3(t[2]))))


def _is_division(key: str) -> bool:
    return key.startswith("division:")


def _document_meta(doc: URIRef, record: FileRecord) -> list[Triple]:
    """Title, date, section, page and source of the Document, where the page gives them.

    The title is the front matter's, else the first headline. ``record.meta`` holds only
    checked values (an ISO date, an http(s) IRI), so they are written as they are.
    """
    meta = record.meta
    title = meta.title or (record.articles[0].title if record.articles else "")
    out: list[Triple] = [(doc, DCTERMS.title, Literal(title))] if title else []
    if meta.date:
        out.append((doc, DCTERMS.date, Literal(meta.date, datatype=XSD.date)))
    if meta.date_text:
        out.append((doc, GOV.timeText, Literal(meta.date_text, lang="zh")))
    if meta.section_name:
        out.append((doc, GOV.section, Literal(meta.section_name)))
    if meta.section:
        out.append((doc, GOV.page, Literal(meta.section)))
    if meta.source_url:
        out.append((doc, DCTERMS.source, URIRef(meta.source_url)))
    return out


@dataclass
class GraphAssembler:
    """Turn :class:`~kg.records.FileRecord` objects into :class:`NamedGraph` objects.

    Feed records with :meth:`add` in sorted file order, then call :meth:`reference`.
    ``files``, ``articles`` and :meth:`entity_counts` (distinct keys per family,
    mentioned in text) count what was added, for the build summary. The first class and
    label of every key are a table of ``spill`` (:mod:`kg.io.spill`: on disk past its
    limit, so the table stays bounded in a long build; in memory without one).
    """

    files: int = 0
    articles: int = 0
    spill: Spill | None = None
    # register place key → (class, label, pinyin, code, parent): the divisions graph
    # needs no more, and a whole Entity would keep its aliases and articles to the end
    # (bounded by the register, so kept in memory)
    _places: dict[str, _Place] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._known = (self.spill or Spill(limit=None)).table("known")   # key → (class, label)

    def _place(self, ent: Entity) -> None:
        if ent.key not in self._places:
            self._places[ent.key] = (ent.cls, ent.label, ent.pinyin, ent.code, ent.parent)

    def _canonical(self, entity: Entity) -> tuple[str, str]:
        """First (class, label) seen for the key: one class and one label per entity."""
        return self._known.setdefault(entity.key, (entity.cls, entity.label))

    def _describe(self, entity: Entity) -> Iterator[Triple]:
        cls, label = self._canonical(entity)
        node = entity_iri(entity.key)
        yield node, _TYPE, GOV[cls]
        yield node, _LABEL, Literal(label, lang="zh")
        aliases = [a for a in entity.aliases if a and a != label]
        for alias in aliases:
            yield node, _ALT, Literal(alias, lang="zh")
        if entity.pinyin:
            yield node, _ALT, Literal(entity.pinyin, lang=PINYIN_LANG)
        for key in hidden_labels([label, *aliases], entity.pinyin):
            yield node, _HIDDEN, Literal(key)

    def add(self, record: FileRecord) -> NamedGraph:
        """Return the named graph of one file and remember its register places.

        Parameters
        ----------
        record : FileRecord
            Everything extracted from one source file.

        Returns
        -------
        NamedGraph
            Named by the file's document IRI; sorted triples.
        """
        name = record.file_name
        doc = document_iri(name)
        triples: list[Triple] = [
            (doc, RDF.type, GOV.Document),
            (doc, GOV.fileName, Literal(name)),
            (doc, GOV.sha256, Literal(record.sha256)),
        ]
        article_nodes = {a.index: article_iri(name, a.index) for a in record.articles}
        for art in record.articles:
            node = article_nodes[art.index]
            triples += [(node, RDF.type, GOV.Article), (node, DCTERMS.isPartOf, doc),
                        (node, GOV.startOffset, Literal(art.start)),
                        (node, GOV.endOffset, Literal(art.end))]
            if art.title:
                triples.append((node, DCTERMS.title, Literal(art.title)))
            if art.subtitle:
                triples.append((node, SDO.alternativeHeadline, Literal(art.subtitle)))
            if art.byline:
                triples.append((node, GOV.byline, Literal(art.byline)))
            if art.about:
                triples.append((node, GOV.about, entity_iri(art.about)))
        triples += _document_meta(doc, record)

        for ent in record.entities:
            node = entity_iri(ent.key)
            triples += self._describe(ent)
            triples.append((node, _MENTIONED, doc))
            triples += [(node, _MENTIONED, article_nodes[i])
                        for i in ent.articles if i in article_nodes]
            if _is_division(ent.key):
                self._place(ent)
        for ent in record.reference:
            if _is_division(ent.key):
                self._place(ent)

        parents = {e.key: e.parent for e in record.entities}
        for rel in record.relations:
            if rel.evidence is None and rel.predicate == "partOf" and _is_division(rel.subject) \
                    and _is_division(rel.object) and parents.get(rel.subject) == rel.object:
                continue  # register fact: the divisions graph holds it (Entity.parent)
            # a register link to the nearest ancestor the file names (X市 → Y省 past an
            # unnamed prefecture) is the file's own fact: its graph holds it
            s, o = entity_iri(rel.subject), entity_iri(rel.object)
            triples.append((s, GOV[rel.predicate], o))
            source = article_nodes.get(rel.article, doc)
            triples += evidence_triples(name, rel, s, o, source)

        self.files += 1
        self.articles += len(record.articles)
        return NamedGraph(doc, _sorted(triples))

    def entity_counts(self) -> dict[str, int]:
        """Distinct entities mentioned in text so far, by family (sorted by family)."""
        counts: Counter = Counter()
        for key, (cls, _) in self._known.items():
            counts[FAMILY[cls]] += 1
        return dict(sorted(counts.items()))

    def reference(self) -> NamedGraph:
        """The divisions graph: every register place used so far, with its parent.

        Returns
        -------
        NamedGraph
            Named :data:`kg.rdf.iris.DIVISIONS_GRAPH`; empty triples when no register
            place was used.
        """
        triples: list[Triple] = []
        for key in sorted(self._places):
            first_cls, first_label, pinyin, code, parent = self._places[key]
            node = entity_iri(key)
            cls, label = self._known.get(key, (first_cls, first_label))
            triples += [(node, RDF.type, GOV[cls]), (node, RDFS.label, Literal(label, lang="zh"))]
            if pinyin:
                triples.append((node, SKOS.altLabel, Literal(pinyin, lang=PINYIN_LANG)))
            triples += [(node, _HIDDEN, Literal(key)) for key in hidden_labels([label], pinyin)]
            if code:
                triples.append((node, GOV.divisionCode, Literal(code)))
            if parent:
                triples.append((node, GOV.partOf, entity_iri(parent)))
        return NamedGraph(DIVISIONS_GRAPH, _sorted(triples))


def records_to_graphs(records: Iterable[FileRecord]) -> Iterator[NamedGraph]:
    """Yield the named graphs of ``records`` (in the given order), then the divisions graph.

    The divisions graph is yielded only when it is not empty.

    Examples
    --------
    >>> from kg.records import FileRecord
    >>> [len(g) for g in records_to_graphs([FileRecord("x.txt", "0" * 64, 0)])]
    [3]
    """
    assembler = GraphAssembler()
    for record in records:
        yield assembler.add(record)
    ref = assembler.reference()
    if ref.triples:
        yield ref


def to_dataset(graphs: Iterable[NamedGraph]) -> Dataset:
    """Load named graphs into an in-memory rdflib :class:`~rdflib.Dataset` (for tests,
    validation and small graphs; large builds are streamed by :mod:`kg.rdf.write`)."""
    ds = Dataset()
    for g in graphs:
        target = ds.graph(g.iri)
        for t in g.triples:
            target.add(t)
    return ds
