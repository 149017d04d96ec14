"""OffsetMap: from positions in normalised text back to positions in the source text.

Normalisation (:mod:`kg.text.normalize`) deletes characters (OCR spaces, line breaks
inside sentences) and replaces others one for one (width folding, traditional →
simplified, punctuation); it never inserts. So every normalised character comes from
exactly one source character, and the map is one integer per normalised character,
stored in a compact ``array('q')`` (8 bytes a character, picklable).
"""
from __future__ import annotations

from array import array
from typing import Iterable

__all__ = ["OffsetMap"]


class OffsetMap:
    """Map index ``i`` of the normalised text to an index of the source text.

    Parameters
    ----------
    indices
        For each normalised character, its index in the source text (strictly
        increasing).
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
    """

    __slots__ = ("_idx", "_source_length")

    def __init__(self, indices: Iterable[int], source_length: int) -> None:
        self._idx = array("q", indices)
        self._source_length = int(source_length)

    def __len__(self) -> int:
        return len(self._idx)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, OffsetMap) and self._idx == other._idx
                and self._source_length == other._source_length)

    def __hash__(self) -> int:
        return hash((self._idx.tobytes(), self._source_length))

    def __repr__(self) -> str:
        return f"OffsetMap(<{len(self._idx)} positions>, source_length={self._source_length})"

    def __reduce__(self):
        return (OffsetMap, (self._idx, self._source_length))

    @property
    def source_length(self) -> int:
        """Length of the source text the map points into."""
        return self._source_length

    def to_source(self, i: int) -> int:
        """Source index of normalised index ``i``; ``len(self)`` maps to the source end.

        Raises
        ------
        IndexError
            When ``i`` is outside ``0 .. len(self)``.
        """
        n = len(self._idx)
        if i == n:
            return self._source_length
        if not 0 <= i < n:
            raise IndexError(f"normalised index {i} outside 0..{n}")
        return self._idx[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span ``(start, end)`` (end exclusive) of normalised span ``[start, end)``.

        The end maps to one past the source index of the last character in the span, so
        deleted characters after the span (a trailing newline, an OCR space) are not
        included. An empty span maps to an empty span at ``to_source(start)``.
        """
        n = len(self._idx)
        if not 0 <= start <= end <= n:
            raise IndexError(f"normalised span ({start}, {end}) outside 0..{n}")
        s = self.to_source(start)
        if end == start:
            return s, s
        return s, self._idx[end - 1] + 1
