"""Load the extraction data files (``kg/data/patterns``, ``kg/data/lexicons``) once.

Every pattern and word list the components use lives in a data file, so adding a head
noun or a stop word is a one-line data change (see ``docs/extraction.md``). The loaders
are cached: a process reads each file once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.resources import read_jsonl, read_tsv

__all__ = ["Pattern", "patterns", "words", "table", "max_len"]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row of a ``patterns/*.jsonl`` file (spaCy ``{"label","pattern","id"}`` shape)."""

    label: str
    pattern: str
    id: str = ""
    attrs: tuple[tuple[str, object], ...] = ()

    def get(self, name: str, default=None):
        """Return an extra attribute of the row (``named``, ``owner``, ``canon`` …)."""
        return dict(self.attrs).get(name, default)


@lru_cache(maxsize=None)
def patterns(name: str) -> tuple[Pattern, ...]:
    """Rows of ``patterns/<name>.jsonl`` in file order."""
    rows = []
    for obj in read_jsonl(f"patterns/{name}.jsonl"):
        extra = tuple(sorted((k, v) for k, v in obj.items() if k not in ("label", "pattern", "id")))
        rows.append(Pattern(obj["label"], obj["pattern"], obj.get("id", ""), extra))
    return tuple(rows)


@lru_cache(maxsize=None)
def table(name: str, header: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of ``lexicons/<name>.tsv`` after a header check."""
    return tuple(read_tsv(f"lexicons/{name}.tsv", header))


@lru_cache(maxsize=None)
def words(name: str, column: str = "word") -> frozenset[str]:
    """The first column of a one-column (or keyed) lexicon as a set."""
    from kg.resources import read_text

    first = next(ln for ln in read_text(f"lexicons/{name}.tsv").splitlines()
                 if ln and not ln.startswith("#"))
    header = tuple(first.split("\t"))
    return frozenset(row[column] for row in table(name, header))


def max_len(items) -> int:
    """Length of the longest string in ``items`` (0 when empty)."""
    return max((len(x) for x in items), default=0)
