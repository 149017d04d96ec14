"""OffsetMap: from positions in normalised text back to positions in the source text.

Normalisation (:mod:`kg.text.normalize`) deletes characters (OCR spaces, line breaks
inside sentences) and replaces others one for one (width folding, traditional →
simplified, punctuation); it never inserts. So every normalised character comes from
exactly one source character, and the map is increasing. It is stored as *runs*
(:class:`Runs`): a run starts where a character does not come from the source character
after the previous one's (after a deletion), and within a run positions advance
together. A page has a run every line or so, not one integer per character: the map of
a 50 MB file takes a few MB, not hundreds (``docs/scale.md``). Normalisation carries
the runs of each line and paragraph the same way while it cuts and joins them, without
a tuple per character.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from typing import Iterable

__all__ = ["OffsetMap", "Runs"]


class Runs:
    """Source indices of the characters of a piece of text, as runs in two arrays.

    Run ``k`` starts at position ``pos[k]`` of the piece, at source index ``src[k]``;
    ``length`` is the piece's length. ``Runs(start, length)`` is one run: a piece copied
    from the source at ``start``.

    Examples
    --------
    >>> r = Runs(10, 2); r.add(Runs(12, 1)); r.add(Runs(30, 3))
    >>> r.pairs(), r.length
    ([(0, 10), (3, 30)], 6)
    >>> r.cut(1, 5).pairs()
    [(0, 11), (2, 30)]
    """

    __slots__ = ("pos", "src", "length")

    def __init__(self, start: int | None = None, length: int = 0) -> None:
        self.pos, self.src = array("q"), array("q")
        self.length = 0
        if start is not None and length > 0:
            self.pos.append(0)
            self.src.append(start)
            self.length = length

    def pairs(self) -> list[tuple[int, int]]:
        """``[(position, source index), …]``, one per run."""
        return list(zip(self.pos, self.src))

    def source(self, i: int) -> int:
        """Source index of position ``i`` (``0 <= i < length``)."""
        k = bisect_right(self.pos, i) - 1
        return self.src[k] + i - self.pos[k]

    def add(self, other: "Runs") -> None:
        """Append the piece ``other`` maps; a run continuing the last one is merged into it,
        so equal maps have equal runs however they were assembled."""
        pos, src, shift = self.pos, self.src, self.length
        for p, s in zip(other.pos, other.src):
            p += shift
            if not pos or src[-1] + p - pos[-1] != s:
                pos.append(p)
                src.append(s)
        self.length += other.length

    def cut(self, i: int, j: int) -> "Runs":
        """The runs of positions ``[i, j)`` of the piece."""
        out = Runs()
        if j <= i:
            return out
        k = bisect_right(self.pos, i) - 1
        out.pos.append(0)
        out.src.append(self.src[k] + i - self.pos[k])
        for k in range(k + 1, len(self.pos)):
            if self.pos[k] >= j:
                break
            out.pos.append(self.pos[k] - i)
            out.src.append(self.src[k])
        out.length = j - i
        return out


class OffsetMap:
    """Map index ``i`` of the normalised text to an index of the source text.

    Parameters
    ----------
    indices
        For each normalised character, its index in the source text (strictly
        increasing); or the :class:`Runs` of the whole normalised text.
    source_length
        Length of the source text; where the end of the normalised text maps.

    Examples
    --------
    >>> m = OffsetMap([0, 2, 3], source_length=5)
    >>> m.to_source(1)
    2
    >>> m.span(0, 2)
    (0, 3)
    >>> m.span(3, 3)
    (5, 5)
    >>> m.runs
    2
    """

    __slots__ = ("_runs", "_source_length")

    def __init__(self, indices: Runs | Iterable[int], source_length: int) -> None:
        if not isinstance(indices, Runs):
            runs = Runs()
            for src in indices:
                runs.add(Runs(src, 1))
            indices = runs
        self._runs = indices
        self._source_length = int(source_length)

    def __len__(self) -> int:
        return self._runs.length

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, OffsetMap) and len(self) == len(other)
                and self._runs.pos == other._runs.pos and self._runs.src == other._runs.src
                and self._source_length == other._source_length)

    def __hash__(self) -> int:
        return hash((self._runs.pos.tobytes(), self._runs.src.tobytes(), len(self), self._source_length))

    def __repr__(self) -> str:
        return f"OffsetMap(<{len(self)} positions in {self.runs} runs>, source_length={self._source_length})"

    def __getstate__(self):
        return self._runs.pos, self._runs.src, len(self), self._source_length

    def __setstate__(self, state) -> None:
        pos, src, length, self._source_length = state
        self._runs = Runs()
        self._runs.pos, self._runs.src, self._runs.length = pos, src, length

    @property
    def source_length(self) -> int:
        """Length of the source text the map points into."""
        return self._source_length

    @property
    def runs(self) -> int:
        """Number of runs the map is stored as."""
        return len(self._runs.pos)

    def to_source(self, i: int) -> int:
        """Source index of normalised index ``i``; ``len(self)`` maps to the source end.

        Raises
        ------
        IndexError
            When ``i`` is outside ``0 .. len(self)``.
        """
        n = len(self)
        if i == n:
            return self._source_length
        if not 0 <= i < n:
            raise IndexError(f"normalised index {i} outside 0..{n}")
        return self._runs.source(i)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span ``(start, end)`` (end exclusive) of normalised span ``[start, end)``.

        The end maps to one past the source index of the last character in the span, so
        deleted characters after the span (a trailing newline, an OCR space) are not
        included. An empty span maps to an empty span at ``to_source(start)``.
        """
        n = len(self)
        if not 0 <= start <= end <= n:
            raise IndexError(f"normalised span ({start}, {end}) outside 0..{n}")
        s = self.to_source(start)
        if end == start:
            return s, s
        return s, self._runs.source(end - 1) + 1
