"""Synthetic datasets shaped like ``kg build`` output, for benchmarks at any size.

The shape follows ``design/output-contract.md`` and ``kg/rdf/graph.py``:

- a **divisions graph** (``<https://w3id.org/govkg/graph/divisions>``): a register tree
  province → prefecture → county → township → village, each place with its class,
  ``rdfs:label@zh``, pinyin ``skos:altLabel@zh-Latn-pinyin`` and its lookup key
  (``skos:hiddenLabel``), ``gov:divisionCode`` and its direct ``gov:partOf`` parent;
- one **named graph per document** (IRI = the ``gov:Document``): the document, 1–3
  articles (``dcterms:isPartOf``, ``dcterms:title``, ``gov:about``), the entities it
  mentions (class, label, aliases and the keys ``kg build`` would write beside them,
  ``gov:mentionedIn``), the relations read from it as
  direct triples (implementedIn, implementedBy, adaptedFrom, awarded, locatedIn,
  subOrganisationOf) and one ``gov:Evidence`` node (8 quads) per relation.

Schemes, bodies and awards are drawn from pools with a skewed (Zipf-like) popularity,
so some are mentioned in many documents, as in real news. Names are random strings of
common characters with real suffixes (市, 旗, 镇, 嘎查, 工作法, 专项行动, …): they name no
real place. Everything is deterministic for a given ``seed``.

API
---
``SynthWorld(n_quads, seed)``      the world: place tree, pools, ``examples`` for queries
``synth_dataset(n_quads, seed)``   iterator of N-Quads lines (about ``n_quads`` of them)
``write_synth(path, n_quads)``     write them to a ``.nq`` file, return the count

Run ``python bench/synth.py OUT.nq 100000`` to write a file.
"""
from __future__ import annotations

import hashlib
import importlib.util
import random
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator

__all__ = ["SynthWorld", "synth_dataset", "write_synth", "DIVISIONS_GRAPH"]

GOV = "https://w3id.org/govkg/ontology#"
ID = "https://w3id.org/govkg/id/"
DIVISIONS_GRAPH = "https://w3id.org/govkg/graph/divisions"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

# Characters for made-up names, and the real suffixes of each level/family.
_CHARS = "安宝北昌成大德东丰福高广海和红华吉嘉江金康乐林龙明南宁平青庆瑞山盛顺泰通文西祥新兴阳永裕长正中"
_LEVELS = (  # class, suffixes, children per parent
    ("Province", ("省",), 0),
    ("Prefecture", ("市", "盟"), 6),
    ("County", ("旗", "县", "区"), 7),
    ("Township", ("镇", "苏木", "乡"), 6),
    ("Village", ("嘎查", "村", "社区"), 5),
)
_SCHEME_HEADS = (("Initiative", "工作法"), ("Initiative", "治理模式"), ("Initiative", "工作机制"),
                 ("Programme", "专项行动"), ("Programme", "工程"), ("Initiative", "经验"))
_ORG_HEADS = ("公安局", "人民法院", "人民检察院", "司法局", "政法委", "综治中心", "派出所")
_AWARD_HEADS = ("先进集体", "示范单位", "模范旗县", "文明单位")


def _lookup_module():
    """``kg/rdf/lookup.py`` of this checkout, loaded by path: the keys are the build's,
    while the bench scripts import the ``kg`` of whichever checkout they measure."""
    path = Path(__file__).resolve().parents[1] / "kg" / "rdf" / "lookup.py"
    spec = importlib.util.spec_from_file_location("_synth_lookup", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_hidden_labels = _lookup_module().hidden_labels


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


@lru_cache(maxsize=None)
def _char_pinyin(ch: str) -> str:
    try:
        from pypinyin import lazy_pinyin
        return lazy_pinyin(ch)[0]
    except ImportError:  # pragma: no cover - pypinyin is a project dependency
        return f"x{ord(ch):x}"


def _pinyin(stem: str) -> str:
    return "".join(_char_pinyin(c) for c in stem).capitalize()


def _lit(text: str, lang: str | None = None) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{esc}"@{lang}' if lang else f'"{esc}"'


def _int(n: int) -> str:
    return f'"{n}"^^<{XSD_INT}>'


class SynthWorld:
    """The entities of a synthetic dataset of about ``n_quads`` quads.

    Attributes
    ----------
    places : list of tuple
        ``(iri, class, label, pinyin, code, parent_iri)`` in tree order.
    examples : dict
        Parameter values that exist in the data, for benchmark queries: a prefecture
        label (``place``), a county label and its pinyin, a scheme label, an org label, a
        label substring, a pair of relation ends.
    """

    def __init__(self, n_quads: int, seed: int = 0) -> None:
        self.n_quads = n_quads
        self.seed = seed
        rnd = random.Random(seed)
        self.n_docs = max(3, n_quads // 34)
        # the place tree: enough provinces that the register is ~15% of the quads
        n_places_target = max(40, n_quads // 40)
        per_province = 1 + 6 + 6 * 7 + 6 * 7 * 6 + 6 * 7 * 6 * 5
        n_prov = max(1, round(n_places_target / per_province))
        self.places: list[tuple[str, str, str, str, str, str | None]] = []
        used: set[str] = set()

        def name(suffixes: tuple[str, ...], length: int) -> tuple[str, str]:
            while True:
                stem = "".join(rnd.choice(_CHARS) for _ in range(length))
                label = stem + rnd.choice(suffixes)
                if label not in used:
                    used.add(label)
                    return stem, label

        def grow(level: int, parent: str | None, code: str) -> None:
            cls, suffixes, _ = _LEVELS[level]
            stem, label = name(suffixes, 2 if level < 3 else 3)
            iri = f"{ID}place/{code}"
            self.places.append((iri, cls, label, _pinyin(stem), code, parent))
            if level + 1 < len(_LEVELS):
                kids = _LEVELS[level + 1][2]
                if level == 3 and len(self.places) > n_places_target:
                    kids = 1
                for k in range(kids):
                    grow(level + 1, iri, _child_code(code, level, k))

        for p in range(n_prov):
            grow(0, None, f"{11 + p:02d}0000000000")
        self.by_level = {cls: [p for p in self.places if p[1] == cls] for cls, _, _ in _LEVELS}
        # pools of schemes, bodies, awards with skewed popularity
        n_schemes = max(10, self.n_docs // 3)
        n_orgs = max(10, self.n_docs // 2)
        n_awards = max(5, self.n_docs // 10)
        self.schemes = []
        for i in range(n_schemes):
            cls, head = _SCHEME_HEADS[i % len(_SCHEME_HEADS)]
            stem, _ = name(("",), 4)
            label = f"“{stem}”{head}"
            self.schemes.append((f"{ID}scheme/{_h('scheme', label)}", cls, label, f"{stem}{head}"))
        counties = self.by_level["County"]
        self.orgs = []
        for i in range(n_orgs):
            county = counties[rnd.randrange(len(counties))]
            label = county[2] + _ORG_HEADS[i % len(_ORG_HEADS)]
            if label in used:
                label = f"{label}{i}"
            used.add(label)
            self.orgs.append((f"{ID}organisation/{_h('org', label)}", "Organisation", label, county[0]))
        self.awards = []
        for i in range(n_awards):
            stem, _ = name(("",), 3)
            label = f"全区{stem}{_AWARD_HEADS[i % len(_AWARD_HEADS)]}"
            self.awards.append((f"{ID}award/{_h('award', label)}", "Award", label))
        self._rnd_state = rnd.getstate()
        pref = self.by_level["Prefecture"][0]
        county = next(c for c in counties if c[5] == pref[0])
        scheme = self.schemes[0]
        self.examples = {
            "place": pref[2],
            "county": county[2],
            "pinyin": county[3],
            "scheme": scheme[2],
            "org": self.orgs[0][2],
            "text": scheme[3][1:3],
            "subject": scheme[0],
            "object": county[0],
        }

    def _pick(self, rnd: random.Random, pool: list) -> tuple:
        # Zipf-like: a few items are everywhere, most are rare
        i = int(len(pool) * (rnd.random() ** 3))
        return pool[min(i, len(pool) - 1)]

    def divisions(self) -> Iterator[str]:
        """N-Quads of the divisions graph."""
        g = f"<{DIVISIONS_GRAPH}>"
        for iri, cls, label, py, code, parent in self.places:
            s = f"<{iri}>"
            yield f"{s} <{RDF}type> <{GOV}{cls}> {g} ."
            yield f"{s} <{RDFS}label> {_lit(label, 'zh')} {g} ."
            yield f"{s} <{SKOS}altLabel> {_lit(py, 'zh-Latn-pinyin')} {g} ."
            for key in _hidden_labels([label], py):
                yield f"{s} <{SKOS}hiddenLabel> {_lit(key)} {g} ."
            yield f"{s} <{GOV}divisionCode> {_lit(code)} {g} ."
            if parent:
                yield f"{s} <{GOV}partOf> <{parent}> {g} ."

    def document(self, d: int, rnd: random.Random) -> Iterator[str]:
        """N-Quads of document ``d``'s named graph."""
        doc = f"{ID}doc/{_h('doc', d)}"
        g = f"<{doc}>"
        fname = f"{d:06d}_{_h('file', d)}.txt"
        yield f"<{doc}> <{RDF}type> <{GOV}Document> {g} ."
        yield f"<{doc}> <{GOV}fileName> {_lit(fname)} {g} ."
        n = int(_h("date", d), 16)  # dated like pages with front matter, 2015–2025
        yield f'<{doc}> <{DCT}date> "{2015 + n % 11}-{1 + n // 11 % 12:02d}-{1 + n // 132 % 28:02d}"^^<{XSD_DATE}> {g} .'
        counties = self.by_level["County"]
        villages = self.by_level["Village"] or counties
        home = counties[rnd.randrange(len(counties))]
        arts = []
        for a in range(rnd.choice((1, 1, 2, 3))):
            art = f"{doc}/article/{a}"
            arts.append(art)
            yield f"<{art}> <{RDF}type> <{GOV}Article> {g} ."
            yield f"<{art}> <{DCT}isPartOf> <{doc}> {g} ."
            yield f"<{art}> <{DCT}title> {_lit(home[2] + '加强基层治理')} {g} ."
            yield f"<{art}> <{GOV}about> <{home[0]}> {g} ."
        described: set[str] = set()

        def describe(iri: str, cls: str, label: str, aliases: tuple[str, ...] = ()) -> Iterator[str]:
            if iri in described:
                return
            described.add(iri)
            yield f"<{iri}> <{RDF}type> <{GOV}{cls}> {g} ."
            yield f"<{iri}> <{RDFS}label> {_lit(label, 'zh')} {g} ."
            for al in aliases:
                yield f"<{iri}> <{SKOS}altLabel> {_lit(al, 'zh')} {g} ."
            for key in _hidden_labels([label, *aliases]):
                yield f"<{iri}> <{SKOS}hiddenLabel> {_lit(key)} {g} ."
            yield f"<{iri}> <{GOV}mentionedIn> <{arts[0]}> {g} ."
            yield f"<{iri}> <{GOV}mentionedIn> <{doc}> {g} ."

        n_ev = 0

        def relation(s: str, p: str, o: str, sentence: str) -> Iterator[str]:
            nonlocal n_ev
            yield f"<{s}> <{GOV}{p}> <{o}> {g} ."
            ev = f"{doc}/evidence/{_h(s, p, o, n_ev)}"
            start = 40 * n_ev + rnd.randrange(30)
            n_ev += 1
            yield f"<{ev}> <{RDF}type> <{GOV}Evidence> {g} ."
            yield f"<{ev}> <{RDF}subject> <{s}> {g} ."
            yield f"<{ev}> <{RDF}predicate> <{GOV}{p}> {g} ."
            yield f"<{ev}> <{RDF}object> <{o}> {g} ."
            yield f"<{ev}> <{GOV}sentence> {_lit(sentence, 'zh')} {g} ."
            yield f"<{ev}> <{GOV}startOffset> {_int(start)} {g} ."
            yield f"<{ev}> <{GOV}endOffset> {_int(start + len(sentence))} {g} ."
            yield f"<{ev}> <{PROV}wasDerivedFrom> <{arts[0]}> {g} ."

        yield from describe(home[0], home[1], home[2])
        scheme = self._pick(rnd, self.schemes)
        org = self._pick(rnd, self.orgs)
        yield from describe(scheme[0], scheme[1], scheme[2], (scheme[3],))
        yield from describe(org[0], org[1], org[2])
        where = villages[rnd.randrange(len(villages))] if rnd.random() < 0.3 else home
        yield from describe(where[0], where[1], where[2])
        yield from relation(scheme[0], "implementedIn", where[0],
                            f"{where[2]}推行{scheme[2]}，成效明显。")
        yield from relation(scheme[0], "implementedBy", org[0],
                            f"{org[2]}牵头实施{scheme[2]}。")
        yield from relation(org[0], "locatedIn", org[3], f"{org[2]}扎实开展工作。")
        if rnd.random() < 0.25:
            src = counties[rnd.randrange(len(counties))]
            yield from describe(src[0], src[1], src[2])
            yield from relation(scheme[0], "adaptedFrom", src[0],
                                f"学习借鉴{src[2]}的{scheme[2]}。")
        if rnd.random() < 0.3:
            award = self._pick(rnd, self.awards)
            yield from describe(award[0], award[1], award[2])
            yield from relation(home[0], "awarded", award[0], f"{home[2]}荣获“{award[2]}”称号。")

    def quads(self) -> Iterator[str]:
        """All N-Quads lines: divisions first, then documents until ``n_quads`` is reached."""
        n = 0
        for line in self.divisions():
            n += 1
            yield line
        rnd = random.Random(self.seed + 1)
        d = 0
        while n < self.n_quads:
            for line in self.document(d, rnd):
                n += 1
                yield line
            d += 1


def _child_code(code: str, level: int, k: int) -> str:
    # 12-digit division codes: PP CC DD TTT VVV
    spans = ((2, 4), (4, 6), (6, 9), (9, 12))
    a, b = spans[level]
    width = b - a
    return code[:a] + f"{k + 1:0{width}d}" + code[b:]


def synth_dataset(n_quads: int, seed: int = 0) -> Iterator[str]:
    """N-Quads lines (without newline) of a synthetic dataset of about ``n_quads`` quads."""
    return SynthWorld(n_quads, seed).quads()


def write_synth(path: str | Path, n_quads: int, seed: int = 0) -> int:
    """Write a synthetic ``.nq`` file; returns the number of quads written."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for line in synth_dataset(n_quads, seed):
            out.write(line)
            out.write("\n")
            n += 1
    return n


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/synth.py OUT.nq N_QUADS")
    print(write_synth(sys.argv[1], int(sys.argv[2])), "quads written to", sys.argv[1])
