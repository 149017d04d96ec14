"""The three export views of a govkg graph as networkx graphs, with researchers' filters.

Views (``output-contract.md``, ``kg export --view``):

``full``
    Every typed entity and every relation between them: a :class:`networkx.MultiDiGraph`
    whose edge key is the relation (``partOf``, ``implementedIn``, …), so that two
    different relations between the same pair stay two edges. ``weight`` and
    ``sources`` are the number of source documents stating the fact (``weight`` is at
    least 1: a fact from reference data alone has ``sources`` 0).
``scheme-place``
    Bipartite :class:`networkx.Graph`: programmes and initiatives (``bipartite=0``)
    linked to the places that run them (``gov:implementedIn``, ``bipartite=1``).
``place-place``
    :class:`networkx.Graph` of places that run at least one scheme, two places linked
    when they run the same scheme; ``weight`` is the number of schemes they share and
    ``shared`` lists them. A place whose schemes no other place runs stays, isolated.

Filters (all optional, combined with AND):

- ``families`` / ``types``: keep nodes of these families (place, organisation, scheme,
  award) or classes (Province … Village, Place, Organisation, Programme, Initiative,
  Award). In the two scheme/place views a filter restricts its own side only: ``types=
  ["Programme"]`` keeps places but links them through programmes only.
- ``within``: a place (IRI, Chinese label, alias or pinyin) whose ``gov:partOf``
  subtree bounds the export: its places, organisations located there, schemes run
  there or by those organisations, awards given to any of them.
- ``documents``: file names (or document IRIs); keep only facts those documents state
  and entities they mention.
"""
from __future__ import annotations

import os
from bisect import bisect_right
from collections import defaultdict
from itertools import groupby
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import networkx as nx

from kg.errors import ExportError
from kg.export.attributes import EDGE_ATTRIBUTES, LEVELS, NODE_ATTRIBUTES, clean
from kg.export.entities import Entity
from kg.export.facts import Facts, iter_years, read_facts, relations_of, shown_in_key_order, starts_in_key_order
from kg.export.stream import Edge, GraphStream, to_networkx
from kg.export.summary import read_summary
from kg.records import CLASSES, FAMILY
from kg.store.load import is_store_dir

__all__ = ["VIEWS", "FAMILIES", "export_view", "build_view", "view_stream", "load_facts"]

VIEWS = ("full", "scheme-place", "place-place")
FAMILIES = tuple(sorted(set(FAMILY.values())))


def load_facts(graph: Any) -> Facts:
    """Facts of a graph given as a path, an opened graph, or already as :class:`Facts`.

    A store directory with a current export summary (written by ``kg load``,
    :mod:`kg.export.summary`) is read from it: one row per entity and relation instead
    of one per quad; any other store, from its quads.
    """
    if isinstance(graph, Facts):
        return graph
    if isinstance(graph, (str, os.PathLike)) and is_store_dir(graph):
        facts = read_summary(graph)
        if facts is not None:
            return facts
    return read_facts(graph)


def export_view(graph: Any, view: str = "full", *, families: Iterable[str] = (),
                types: Iterable[str] = (), within: str | None = None,
                documents: Iterable[str] = ()) -> nx.Graph:
    """Return the networkx graph of one view of a govkg graph, for notebooks and writers.

    Parameters
    ----------
    graph
        A dataset file or store path (opened with ``kg.store.open.open_graph``), an
        opened graph with a ``query`` method (``KGraph`` or an rdflib ``Dataset``), or
        :class:`~kg.export.facts.Facts` already read.
    view
        ``"full"``, ``"scheme-place"`` or ``"place-place"``.
    families, types, within, documents
        Filters, see the module docstring. A single string is one value.

    Returns
    -------
    networkx.Graph
        ``MultiDiGraph`` for ``full``, ``Graph`` for the other two. Nodes are entity
        IRIs, inserted in sorted order; attributes follow
        :data:`kg.export.attributes.NODE_ATTRIBUTES` / ``EDGE_ATTRIBUTES``.

    Raises
    ------
    ExportError
        Unknown view, family, type or document; a ``within`` place that is unknown or
        ambiguous; a filter that does not apply to the view.

    Examples
    --------
    >>> from kg.export.views import export_view          # doctest: +SKIP
    >>> G = export_view("seeds.trig", "place-place")     # doctest: +SKIP
    >>> sorted(G.degree, key=lambda nd: -nd[1])[:3]      # doctest: +SKIP
    """
    return build_view(load_facts(graph), view, families=families, types=types,
                      within=within, documents=documents)


def build_view(facts: Facts, view: str = "full", *, families: Iterable[str] = (),
               types: Iterable[str] = (), within: str | None = None,
               documents: Iterable[str] = ()) -> nx.Graph:
    """:func:`export_view` on facts already read (pure; used by the benchmark)."""
    return to_networkx(_view(facts, view, _as_tuple(families), _as_tuple(types), within, _as_tuple(documents)))


def view_stream(facts: Facts, view: str = "full", *, families: Iterable[str] = (),
                types: Iterable[str] = (), within: str | None = None,
                documents: Iterable[str] = ()) -> GraphStream:
    """:func:`build_view` as a :class:`~kg.export.stream.GraphStream`, for streamed writers.

    No view is built: each view's edges are made in networkx's order as the writer reads
    them — the ``place-place`` edges one place's at a time, so the memory it takes is
    that of the scheme–place links and the nodes, not of the pairs of places (millions
    in a large graph) — and the ``full`` and ``scheme-place`` nodes each time they are
    read: from a store's summary a chunk of entities at a time, so neither the nodes nor
    the entities are all held. :func:`build_view` is the networkx graph of the same stream.
    """
    return _view(facts, view, _as_tuple(families), _as_tuple(types), within, _as_tuple(documents))


def _view(facts: Facts, view: str, families: tuple[str, ...], types: tuple[str, ...],
          within: str | None, documents: tuple[str, ...]) -> GraphStream:
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}: expected one of {', '.join(VIEWS)}")
    fams, classes = _check_kinds(families, types)
    docs = _resolve_documents(facts, documents)
    relations = facts.relations
    if docs is not None:
        relations = {k: kept for k, v in relations.items() if (kept := tuple(d for d in v if d in docs))}
    inside = _subtree(facts, within) if within else None
    if view == "full":
        return _full(facts, relations, fams, classes, inside, docs)
    return _bipartite_or_projection(facts, relations, view, fams, classes, inside, docs)


# --- filters ---------------------------------------------------------------------------

def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _check_kinds(families: tuple[str, ...], types: tuple[str, ...]) -> tuple[set[str], set[str]]:
    by_lower = {c.lower(): c for c in CLASSES}
    classes = set()
    for t in types:
        if t.lower() not in by_lower:
            raise ExportError(f"unknown type {t!r}: expected one of {', '.join(CLASSES)}")
        classes.add(by_lower[t.lower()])
    fams = set()
    for f in families:
        if f.lower() not in FAMILIES:
            raise ExportError(f"unknown family {f!r}: expected one of {', '.join(FAMILIES)}")
        fams.add(f.lower())
    return fams, classes


def _resolve_documents(facts: Facts, names: tuple[str, ...]) -> set[str] | None:
    if not names:
        return None
    docs = set()
    for name in names:
        iri = facts.document_iri(name)
        if iri is None:
            known = ", ".join(sorted(facts.file_names.values())[:5])
            raise ExportError(f"unknown document {name!r}: not a gov:fileName in the graph (e.g. {known})")
        docs.add(iri)
    return docs


def _subtree(facts: Facts, within: str) -> set[str]:
    """The ``within`` place and every place under it through ``gov:partOf`` (any source)."""
    places = {i: e for i, e in facts.entities.items() if FAMILY[e.cls] == "place"}
    if within in places:
        roots = {within}
    else:
        roots = {i for i, e in places.items()
                 if within in e.labels_zh or within in e.aliases or within in e.labels_other
                 or within.lower() in {p.lower() for p in e.pinyin}}
    if not roots:
        raise ExportError(f"unknown place {within!r} for --within: no place has this IRI or label")
    if len(roots) > 1:
        raise ExportError(f"ambiguous place {within!r} for --within: matches {', '.join(sorted(roots))}; "
                          "pass one IRI")
    children: dict[str, set[str]] = defaultdict(set)
    for (s, _, o), _docs in relations_of(facts.relations, "partOf"):
        children[o].add(s)
    seen, todo = set(roots), list(roots)
    while todo:
        for child in children[todo.pop()]:
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def _anchored(facts: Facts, relations: Mapping, inside: set[str]) -> set[str]:
    """Entities anchored in the subtree: its places, their bodies, schemes, awards."""
    keep = set(inside)
    for rel in ("locatedIn", "implementedIn", "implementedBy"):
        keep |= {s for (s, _, o), _docs in relations_of(relations, rel) if o in keep}
    keep |= {o for (s, _, o), _docs in relations_of(relations, "awarded") if s in keep}
    return keep


# --- views -----------------------------------------------------------------------------

def _node_attrs(facts: Facts, e: Entity, parents: dict[str, str], **extra: Any) -> dict[str, Any]:
    first, last = iter_years(e.years)
    parent = parents.get(e.iri)
    return clean({
        "label": e.label,
        "pinyin": e.pinyin[0] if e.pinyin else None,
        "type": e.cls,
        "family": FAMILY[e.cls],
        "level": LEVELS.get(e.cls),
        "division_code": e.codes[0] if e.codes else None,
        "parent": parent,
        "parent_label": facts.entities[parent].label if parent else None,
        "documents": len(e.documents),
        "first_year": first,
        "last_year": last,
        "aliases": "|".join(e.aliases) or None,
        **extra,
    }, NODE_ATTRIBUTES)


def _parents(facts: Facts) -> dict[str, str]:
    """Each place's parent: the register's (no document) first, then the lowest IRI."""
    best: dict[str, tuple[int, str]] = {}
    for (s, _, o), docs in relations_of(facts.relations, "partOf"):
        cand = (1 if docs else 0, o)
        if s not in best or cand < best[s]:
            best[s] = cand
    return {s: o for s, (_, o) in best.items()}


def _kind_ok(cls: str, fams: set[str], classes: set[str]) -> bool:
    return (not fams and not classes) or FAMILY[cls] in fams or cls in classes


def _full(facts, relations, fams, classes, inside, docs) -> GraphStream:
    """The full view: its nodes read in key order each time they are (:class:`_Nodes`),
    its edges made as they are read, in the order of the networkx graph of old."""
    cls = facts.class_of
    keep = {i for i in facts.entities if _kind_ok(cls(i), fams, classes)}
    if inside is not None:
        keep &= _anchored(facts, relations, inside)
    if docs is not None:
        stated = {x for (s, _, o) in relations for x in (s, o)}
        keep = {e.iri for e in facts.stream(sorted(keep)) if not docs.isdisjoint(e.documents) or e.iri in stated}
    return GraphStream("full", True, True, _Nodes(facts, sorted(keep), _parents(facts)),
                       _full_edges(facts, relations, keep))


class _Nodes(Sequence[tuple[str, dict]]):
    """Nodes ``(IRI, attributes)`` in the order given, made each time they are read.

    A streamed writer reads the nodes twice (the attribute declarations open the file);
    from a store's summary the entities come a chunk at a time, so the view's nodes and
    entities are never all held (:meth:`~kg.export.facts.Facts.stream`). When the
    entities are held anyway (read from a file), the nodes are made once and kept.
    """

    def __init__(self, facts: Facts, iris: list[str], parents: dict[str, str],
                 extra: Callable[[str], dict] | None = None, starts: Mapping[str, int] | None = None) -> None:
        self._facts, self._iris, self._parents = facts, iris, parents
        self._extra, self._starts = extra, starts or {}
        self._cached = sorted({parents[i] for i in iris if i in parents})  # for parent labels
        self._made: list[tuple[str, dict]] | None = None

    def _attrs(self, e: Entity) -> dict:
        """The node's attributes, view-specific ones (``extra``) and its start year last."""
        attrs = _node_attrs(self._facts, e, self._parents, **(self._extra(e.iri) if self._extra else {}))
        if e.iri in self._starts:
            attrs["start_year"] = self._starts[e.iri]
        return attrs

    def __len__(self) -> int:
        return len(self._iris)

    def __getitem__(self, at):  # type: ignore[override]
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        e = next(self._facts.stream([self._iris[at]], self._cached))
        return e.iri, self._attrs(e)

    def __iter__(self) -> Iterator[tuple[str, dict]]:
        if self._made is not None:
            return iter(self._made)
        made = ((e.iri, self._attrs(e)) for e in self._facts.stream(self._iris, self._cached))
        if not self._facts.held:
            return made
        self._made = list(made)
        return iter(self._made)


def _full_edges(facts: Facts, relations: Mapping, keep: set[str]) -> Iterator[Edge]:
    """The full view's edges as networkx lists those of the graph built from the sorted
    facts: by subject, then each object in the order first reached, its relations in order.
    Only one subject's facts are held at a time (from a store's summary they are read in
    key order, never all held)."""
    start_of = starts_in_key_order(facts.starts)  # asked in key order: the group is read in it
    for s, group in groupby(shown_in_key_order(relations, keep), key=lambda item: item[0][0]):
        by_object: dict[str, list[tuple[tuple[str, str, str], int, int | None]]] = {}
        for key, stated in group:
            by_object.setdefault(key[2], []).append((key, len(stated), start_of(key)))
        for items in by_object.values():
            for key, n, start in items:
                yield s, key[2], key[1], clean({"relation": key[1], "weight": max(n, 1), "sources": n,
                                                "start_year": start}, EDGE_ATTRIBUTES)


def _bipartite_or_projection(facts, relations, view, fams, classes, inside, docs) -> GraphStream:
    for f in fams:
        if f not in ("scheme", "place"):
            raise ExportError(f"--family {f} does not apply to view {view}: it shows schemes and places only")
    for c in classes:
        if FAMILY[c] not in ("scheme", "place"):
            raise ExportError(f"--type {c} does not apply to view {view}: it shows schemes and places only")
    side = {fam: ({f for f in fams if f == fam}, {c for c in classes if FAMILY[c] == fam})
            for fam in ("scheme", "place")}
    cls = facts.class_of
    links: dict[tuple[str, str], tuple[str, ...]] = {}
    for (s, _, o), srcs in relations_of(relations, "implementedIn"):
        cs, co = cls(s), cls(o)
        if FAMILY[cs] != "scheme" or FAMILY[co] != "place":
            continue
        if not _kind_ok(cs, *side["scheme"]) or not _kind_ok(co, *side["place"]):
            continue
        if inside is not None and o not in inside:
            continue
        links[(s, o)] = srcs
    parents = _parents(facts)
    starts = {(s, o): y for (s, _, o), y in relations_of(facts.starts, "implementedIn") if y and (s, o) in links}
    firsts: dict[str, int] = {}
    for (s, o), y in starts.items():
        for x in (s, o):
            firsts[x] = min(firsts.get(x, y), y)
    shown = {x for pair in links for x in pair}
    if view == "scheme-place":
        def side_of(iri: str) -> dict[str, int]:
            return {"bipartite": 0 if FAMILY[cls(iri)] == "scheme" else 1}

        return GraphStream(view, False, False, _Nodes(facts, sorted(shown), parents, side_of, firsts),
                           _bipartite_edges(links, starts))
    facts.resolve(shown | {parents[x] for x in shown if x in parents})
    return _projection(facts, links, starts, firsts, parents, view)


def _bipartite_edges(links: dict[tuple[str, str], tuple[str, ...]],
                     starts: dict[tuple[str, str], int]) -> Iterator[Edge]:
    """Scheme–place edges as networkx lists those of the graph built from the sorted
    links (nodes in sorted order): each pair once, from its lower IRI, pairs in order."""
    for a, b, key in sorted((min(s, o), max(s, o), (s, o)) for (s, o) in links):
        n = len(links[key])
        yield a, b, None, clean({"relation": "implementedIn", "weight": max(n, 1), "sources": n,
                                 "start_year": starts.get(key)}, EDGE_ATTRIBUTES)


def _projection(facts: Facts, links: dict[tuple[str, str], tuple[str, ...]],
                starts: dict[tuple[str, str], int], firsts: dict[str, int],
                parents: dict[str, str], view: str) -> GraphStream:
    """The place–place view: its nodes, and its edges made as they are read (see
    :func:`view_stream`): for each place in sorted order, the places after it that
    share a scheme with it, in sorted order — the order of the sorted pairs."""
    runs: dict[str, list[str]] = defaultdict(list)     # scheme -> places
    by_place: dict[str, list[str]] = defaultdict(list)   # place -> schemes
    for (s, o) in links:
        runs[s].append(o)
        by_place[o].append(s)
    for places in runs.values():
        places.sort()
    nodes = []
    for iri in sorted(by_place):
        attrs = _node_attrs(facts, facts.entities[iri], parents, schemes=len(by_place[iri]))
        if iri in firsts:
            attrs["start_year"] = firsts[iri]
        nodes.append((iri, attrs))
    return GraphStream(view, False, False, nodes, _shared_edges(facts, links, starts, runs, by_place))


def _shared_edges(facts: Facts, links: dict[tuple[str, str], tuple[str, ...]],
                  starts: dict[tuple[str, str], int], runs: dict[str, list[str]],
                  by_place: dict[str, list[str]]) -> Iterator[Edge]:
    """Place–place edges in sorted pair order; only one place's partners are held at a time."""
    ents = facts.entities
    for a in sorted(by_place):
        partners: dict[str, list[str]] = defaultdict(list)
        for s in by_place[a]:
            places = runs[s]
            for b in places[bisect_right(places, a):]:
                partners[b].append(s)
        for b in sorted(partners):
            schemes = partners[b]
            srcs = set().union(*(links[(s, p)] for s in schemes for p in (a, b)))
            both = [max(starts[(s, a)], starts[(s, b)]) for s in schemes
                    if (s, a) in starts and (s, b) in starts]
            yield a, b, None, clean({
                "relation": "sharedScheme", "weight": len(schemes), "sources": len(srcs),
                "shared": "|".join(sorted(ents[s].label for s in schemes)),
                "start_year": min(both) if both else None,
            }, EDGE_ATTRIBUTES)
