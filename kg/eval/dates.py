"""Date accuracy: is the time a relation's evidence states the time the gold gives?

A gold relation may carry an optional ``"date"`` — ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``, at the precision the text states (``docs/time.md``). For each such
relation of a file, the predicted relation with both ends matched to the same gold names
is looked up, and the ``dcterms:date`` values of its evidence nodes in that file's graph
(:mod:`kg.dating`) are compared with the gold date, exactly (``2019`` ≠ ``2019-03``):

- **tp** — the relation is predicted and one of its evidence dates is the gold date;
- **fp** — it is predicted with dates, none of them the gold date (a wrong date);
- **fn** — the gold date is not found: the relation is missing or undated.

So P is the accuracy of the dates given, R the share of gold dates recovered.
"""
from __future__ import annotations

from typing import Any, MutableSequence

__all__ = ["date_score"]


def date_score(gold: Any, pred: Any, mapped: dict[str, str], counts: MutableSequence[int],
               misses: dict[str, list[str]]) -> None:
    """Add the date tp/fp/fn of one gold file to ``counts`` and its misses to ``misses``.

    Parameters
    ----------
    gold : kg.eval.gold.GoldFile
    pred : kg.eval.score.FilePrediction
        Its ``times`` map (subject IRI, relation, object IRI) to evidence dates.
    mapped : dict
        Predicted IRI → the gold name it matched (the entity step of the scoring).
    counts : list of three ints
        tp, fp, fn, updated in place.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> gold = NS(file="x.txt", relations=[NS(s="甲模式", p="implementedIn", o="某县", date="2019"),
    ...                                    NS(s="乙模式", p="implementedIn", o="某县", date="2020-05")])
    >>> pred = NS(times={("e1", "implementedIn", "e3"): frozenset({"2019"}),
    ...                  ("e2", "implementedIn", "e3"): frozenset({"2020"})})
    >>> counts, misses = [0, 0, 0], {}
    >>> date_score(gold, pred, {"e1": "甲模式", "e2": "乙模式", "e3": "某县"}, counts, misses)
    >>> counts, misses["fp date"]
    ([1, 1, 0], ['x.txt: 乙模式 → 某县: 2020 (gold 2020-05)'])
    """
    given: dict[tuple[str | None, str, str | None], set[str]] = {}
    for (s, p, o), values in pred.times.items():
        given.setdefault((mapped.get(s), p, mapped.get(o)), set()).update(values)
    for r in gold.relations:
        if not r.date:
            continue
        values = given.get((r.s, r.p, r.o), set())
        if r.date in values:
            counts[0] += 1
        elif values:
            counts[1] += 1
            misses.setdefault("fp date", []).append(
                f"{gold.file}: {r.s} → {r.o}: {', '.join(sorted(values))} (gold {r.date})")
        else:
            counts[2] += 1
            misses.setdefault("fn date", []).append(f"{gold.file}: {r.s} → {r.o}: {r.date}")
