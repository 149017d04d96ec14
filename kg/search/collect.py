"""Read what the search index holds from a graph's quads: entities with their names, and evidence sentences.

One pass over the quads — from the dataset file's parser (what ``kg load`` and
``kg search FILE`` use) or from a store — keeps only the predicates below and joins
them in dictionaries keyed by IRI. Parsing the file is about ten times faster than
reading the same quads back from the on-disk store, where every term of every quad is a
dictionary lookup; named-graph quads and their copies in a materialised default graph
(see :mod:`kg.store.union`) describe the same facts, so everything is collected into sets
and dictionaries and a repeat costs nothing. The source file of an entity or a sentence
is found through its article (``dcterms:isPartOf``) rather than the graph name, so a
merged Turtle file without graph names is read the same way.

Reads only the terms of the output contract: the entity classes, ``rdfs:label``,
``skos:altLabel`` (``@zh`` aliases and ``@zh-Latn-pinyin`` spellings), ``gov:mentionedIn``,
``dcterms:isPartOf``, ``dcterms:title``, ``gov:fileName``, ``gov:sha256`` and the evidence pattern of
:mod:`kg.rdf.evidence` (``gov:sentence``, ``gov:startOffset``, ``gov:endOffset``,
``prov:wasDerivedFrom``, ``rdf:subject``/``rdf:predicate``/``rdf:object``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import pyoxigraph as ox

from kg.records import CLASSES, FAMILY

__all__ = ["EntityRow", "SentenceRow", "Collector", "collect"]

_GOV = "https://w3id.org/govkg/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = _RDF + "type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_MENTIONED = _GOV + "mentionedIn"
_PART_OF = "http://purl.org/dc/terms/isPartOf"
_TITLE = "http://purl.org/dc/terms/title"
_FILE = _GOV + "fileName"
_SHA = _GOV + "sha256"
_SENTENCE = _GOV + "sentence"
_START = _GOV + "startOffset"
_END = _GOV + "endOffset"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_SUBJECT, _PREDICATE, _OBJECT = _RDF + "subject", _RDF + "predicate", _RDF + "object"
_KEEP = {_TYPE, _LABEL, _ALT, _MENTIONED, _PART_OF, _TITLE, _FILE, _SHA, _SENTENCE, _START, _END,
         _DERIVED, _SUBJECT, _PREDICATE, _OBJECT}
_PINYIN_TAG = "zh-latn-pinyin"
_RANK = {_GOV + c: i for i, c in enumerate(CLASSES)}


@dataclass
class EntityRow:
    """One entity: its IRI, class, canonical label, aliases, pinyin spellings and source files."""

    iri: str
    type: str
    label: str = ""
    aliases: set[str] = field(default_factory=set)
    pinyin: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)

    @property
    def family(self) -> str:
        return FAMILY.get(self.type, "")


@dataclass
class SentenceRow:
    """One evidence sentence in one file, with the relations it supports."""

    file: str
    start: int
    end: int
    text: str
    article: str = ""
    title: str = ""
    claims: list[tuple[str, str, str, str]] = field(default_factory=list)  # (evidence, s, p, o)


class Collector:
    """Takes quads (:meth:`add`), then gives sorted entity and sentence rows."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, str]] = defaultdict(dict)   # predicate → subject → value
        self.types: dict[str, int] = {}                               # entity → most specific class rank
        self.labels: dict[str, str] = {}
        self.alt: set[tuple[str, str, bool]] = set()                  # (entity, name, is pinyin)
        self.mentions: set[tuple[str, str]] = set()

    def add(self, quads: Iterable[ox.Quad]) -> "Collector":
        """Read ``quads``, keeping the predicates the index needs."""
        keep, values = _KEEP, self.values
        for q in quads:
            p = q.predicate.value
            if p not in keep:
                continue
            s, o = q.subject.value, q.object
            if p == _TYPE:
                r = _RANK.get(o.value)
                if r is not None and r > self.types.get(s, -1):
                    self.types[s] = r
            elif p == _LABEL:
                if s not in self.labels or o.value < self.labels[s]:
                    self.labels[s] = o.value
            elif p == _ALT:
                self.alt.add((s, o.value, (getattr(o, "language", None) or "").lower() == _PINYIN_TAG))
            elif p == _MENTIONED:
                self.mentions.add((s, o.value))
            else:
                values[p][s] = o.value
        return self

    def documents(self) -> list[tuple[str, str]]:
        """(file name, sha256) of every source document, sorted: the files the graph was built from."""
        sha = self.values[_SHA]
        return sorted({(name, sha.get(doc, "")) for doc, name in self.values[_FILE].items()})

    def _file_of(self, node: str) -> str:
        files = self.values[_FILE]
        return files.get(node) or files.get(self.values[_PART_OF].get(node, ""), "")

    def entities(self) -> list[EntityRow]:
        """Every typed entity with its names and files, sorted by IRI."""
        ents = {s: EntityRow(s, CLASSES[r], self.labels.get(s, "")) for s, r in self.types.items()}
        for s, name, pinyin in self.alt:
            e = ents.get(s)
            if e is not None:
                (e.pinyin if pinyin else e.aliases).add(name)
        for s, where in self.mentions:
            e = ents.get(s)
            name = self._file_of(where) if e is not None else ""
            if name:
                e.files.add(name)
        for e in ents.values():
            e.aliases.discard(e.label)
        return [ents[k] for k in sorted(ents)]

    def sentences(self) -> list[SentenceRow]:
        """Every evidence sentence once per (file, start, end), sorted by length, file and offset.

        Shorter sentences come first so that the index's row order is the rank order of
        sentence hits (see :mod:`kg.search.find`) and a search can stop at its limit.
        """
        v = self.values
        start, end, source, titles = v[_START], v[_END], v[_DERIVED], v[_TITLE]
        subj, pred, obj = v[_SUBJECT], v[_PREDICATE], v[_OBJECT]
        rows: dict[tuple[str, int, int], SentenceRow] = {}
        for ev, text in v[_SENTENCE].items():
            art = source.get(ev, "")
            key = (self._file_of(art), int(start.get(ev, -1)), int(end.get(ev, -1)))
            row = rows.get(key)
            if row is None:
                row = rows[key] = SentenceRow(*key, text, art, titles.get(art, ""))
            if ev in subj:
                row.claims.append((ev, subj[ev], pred.get(ev, ""), obj.get(ev, "")))
        for row in rows.values():
            row.claims.sort()
        return sorted(rows.values(), key=lambda r: (len(r.text), r.file, r.start, r.end))


def collect(quads: Iterable[ox.Quad]) -> tuple[list[EntityRow], list[SentenceRow], list[tuple[str, str]]]:
    """Entity rows, sentence rows and (file, sha256) documents of a graph given as quads."""
    c = Collector().add(quads)
    return c.entities(), c.sentences(), c.documents()
