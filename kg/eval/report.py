"""Evaluate a graph file against a gold folder, and lay the scores out as a table."""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Iterable

from kg.eval.gold import read_gold_dir
from kg.eval.merging import pairwise_merge
from kg.eval.score import EvalResult, Score, read_predictions, score

__all__ = ["evaluate", "format_table", "format_misses"]

_SECTIONS = (("entities by family", "entity:"), ("entities, strict type", "entity-strict:"),
             ("relations", "relation:"), ("dates of gold relations (P: accuracy)", "date:"))


def evaluate(graph: str | os.PathLike, gold_dir: str | os.PathLike,
             only: Iterable[str] | None = None) -> EvalResult:
    """Score the dataset file (or store) ``graph`` against the gold files in ``gold_dir``.

    Raises
    ------
    kg.errors.StoreError
        When the graph cannot be opened.
    kg.eval.gold.GoldError
        When the gold folder or a gold file is unreadable.
    """
    from kg.store.open import open_graph

    gold = read_gold_dir(gold_dir)
    kgraph = open_graph(graph)
    try:
        predictions = read_predictions(kgraph, [g.file for g in gold])
    finally:
        close = getattr(kgraph, "close", None)
        if close is not None:
            close()
    result = score(predictions, gold, only)
    kept = [g for g in gold if only is None or g.file in set(only)]
    if len(kept) > 1:
        result = replace(result, merging=pairwise_merge(predictions, kept))
    return result


def format_table(result: EvalResult) -> str:
    """A fixed-width table: one section per kind of score, then the overall rows.

    Examples
    --------
    >>> from kg.eval.score import Score
    >>> print(format_table(EvalResult({"entity:place": Score(3, 1, 0),
    ...                                "entity:ALL": Score(3, 1, 0)})).splitlines()[2])
      place                              0.750   1.000   0.857     3     1     0
    """
    head = f"{'score':34} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}"

    def row(name: str, key: str, s: Score | None = None) -> str:
        s = s or result.scores[key]
        return (f"{name:34} {s.precision:7.3f} {s.recall:7.3f} {s.f1:7.3f} "
                f"{s.tp:5} {s.fp:5} {s.fn:5}")

    lines = [head]
    for title, prefix in _SECTIONS:
        keys = [k for k in result.scores if k.startswith(prefix) and not k.endswith(":ALL")]
        if keys:
            lines.append(title)
            lines += [row("  " + k[len(prefix):], k) for k in keys]
    lines.append("overall")
    for name, key in (("  entities", "entity:ALL"), ("  relations", "relation:ALL")):
        if key in result.scores:
            lines.append(row(name, key))
    if result.merging:
        lines.append("cross-page merging (pairs of gold mentions in different files)")
        for key, s in result.merging.items():
            lines.append(row("  " + key.split(":", 1)[1], key, s))
    return "\n".join(lines)


def format_misses(result: EvalResult) -> str:
    """The misses, one section per kind (``fn entity:place``, ``fp relation:…``)."""
    out = []
    for kind, items in result.misses.items():
        out.append(f"## {kind} ({len(items)})")
        out += [f"   {x}" for x in items]
    return "\n".join(out)
