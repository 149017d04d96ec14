"""Pairwise precision/recall/F1 of cross-page merging: one name, one thing, one IRI.

Every gold entity of every gold file is a *mention*: ``(file, gold name, family)``. Two
mentions in different files are one real entity when their gold names are equal (the
issue's rule; the guide's names are canonical). The graph puts two mentions together
when the nodes matched to them (:func:`kg.eval.score.match_nodes`, the scoring's own
entity rule) are the same IRI. Over all cross-file pairs of mentions:

- **tp** — same gold name and same IRI;
- **fp** — same IRI, different gold names (an over-merge);
- **fn** — same gold name, not the same IRI (a split, or a mention not found at all).

Pairs inside one file are left out: the measure is about merging *across* pages.
Results are given per family and over all (keys ``merge:<family>``, ``merge:ALL``).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Mapping, Sequence

from kg.eval.gold import GoldFile
from kg.eval.score import FilePrediction, Score, match_nodes
from kg.records import FAMILY

__all__ = ["mentions", "pairwise_merge"]


def mentions(predictions: Mapping[str, FilePrediction],
             gold: Sequence[GoldFile]) -> list[tuple[str, str, str, str | None]]:
    """``(file, family, gold name, matched IRI or None)`` for every gold entity of every file."""
    out = []
    for gf in gold:
        pred = predictions.get(gf.file, FilePrediction({}, frozenset()))
        found = {(family, hit.name): iri for iri, family, hit in match_nodes(gf, pred) if hit is not None}
        for ent in gf.entities:
            family = FAMILY[ent.type]
            out.append((gf.file, family, ent.name, found.get((family, ent.name))))
    return out


def pairwise_merge(predictions: Mapping[str, FilePrediction],
                   gold: Sequence[GoldFile]) -> dict[str, Score]:
    """Pairwise cross-file merge scores per family and over all (``merge:ALL``).

    Examples
    --------
    >>> from kg.eval.gold import GoldEntity
    >>> from kg.eval.score import Node
    >>> g = [GoldFile(f, (GoldEntity("甲模式", "Initiative"),), ()) for f in ("a", "b", "c")]
    >>> p = {"a": FilePrediction({"x": Node(frozenset({"Initiative"}), ("甲模式",))}, frozenset()),
    ...      "b": FilePrediction({"x": Node(frozenset({"Initiative"}), ("甲模式",))}, frozenset()),
    ...      "c": FilePrediction({"y": Node(frozenset({"Initiative"}), ("甲模式",))}, frozenset())}
    >>> s = pairwise_merge(p, g)["merge:ALL"]; (s.tp, s.fp, s.fn)
    (1, 0, 2)
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    by_family: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for file, family, name, iri in mentions(predictions, gold):
        by_family[family].append((file, name, iri))
    for family, items in by_family.items():
        c = counts[family]
        for (f1, n1, i1), (f2, n2, i2) in combinations(items, 2):
            if f1 == f2:
                continue
            same_gold, same_iri = n1 == n2, i1 is not None and i1 == i2
            if same_gold and same_iri:
                c["tp"] += 1
            elif same_iri:
                c["fp"] += 1
            elif same_gold:
                c["fn"] += 1
    scores = {f"merge:{fam}": Score(c["tp"], c["fp"], c["fn"]) for fam, c in sorted(counts.items())
              if sum(c.values())}   # a family with no cross-file pair has nothing to score
    scores["merge:ALL"] = Score(*(sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")))
    return scores
