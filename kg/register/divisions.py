"""Administrative-division knowledge base: register codes, parents, names and short forms.

It has the shape of scispacy's linker KB: code → :class:`Division`, and surface →
candidate divisions with the kind of surface (``full`` official name, ``abbrev``
rule-derived short form usable alone, ``stem`` name without its suffix, usable only with
context). Its tables come from :mod:`kg.register.division_tables` (the register to the
township, villages under their townships, cached); which reading a page means is
:mod:`kg.link.resolve`'s to say. Names outside the register are typed by their suffix
(:func:`level_of_name`).

A village has no register code: its ``code`` is ``"<township code>:<name>"``, stable but
not official (:attr:`Division.registered` is ``False``).
"""
from __future__ import annotations

import os
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Mapping

from kg.lexicon import level_suffix_rows
from kg.register.division_tables import KIND_ABBREV, KIND_FULL, KIND_NAMES, LEVELS, load_tables, pad_code

__all__ = [
    "Division",
    "DivisionKB",
    "Match",
    "get_kb",
    "build_kb",
    "level_of_name",
    "level_suffixes",
    "village_parent_candidates",
]

@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division.

    Attributes
    ----------
    code : str
        12-digit register code (villages: ``"<township code>:<name>"``).
    name : str
        Full official name, e.g. ``"克什克腾旗"``.
    level : str
        One of :data:`kg.register.division_tables.LEVELS`.
    parent : str or None
        Code of the direct parent (``None`` for provinces).
    """

    code: str
    name: str
    level: str
    parent: str | None

    @property
    def registered(self) -> bool:
        """True when ``code`` is an official register code (all levels but villages)."""
        return self.code.isdigit()


@dataclass(frozen=True, slots=True)
class Match:
    """A division that a surface string can name, and how (``full``/``abbrev``/``stem``)."""

    division: Division
    kind: str


@lru_cache(maxsize=1)
def level_suffixes() -> Mapping[str, str]:
    """Name suffix → level, longest suffix first (``自治区`` before ``区``).

    From ``kg/data/divisions/level_suffixes.tsv`` (:func:`kg.lexicon.level_suffix_rows`),
    read on first use; types names that are not in the register.
    """
    return {r.suffix: r.level for r in level_suffix_rows()}


def level_of_name(name: str) -> str | None:
    """Level implied by a name's suffix (suffix grammar for names not in the register).

    Examples
    --------
    >>> level_of_name("查干诺尔苏木"), level_of_name("白音嘎查"), level_of_name("人民")
    ('Township', 'Village', None)
    """
    for suffix, level in level_suffixes().items():
        if len(name) > len(suffix) and name.endswith(suffix):
            return level
    return None


class DivisionKB:
    """Code → division and surface → candidate divisions, over the register and villages.

    Build it with :func:`get_kb` (cached). The register part is loaded at once; the
    village part (about 600,000 names) on first use, by ``village_loader``.

    Divisions are numbered internally: register rows first, then villages; a surface maps
    to ``number * 8 + kind`` entries.
    """

    def __init__(self, register: dict, village_loader: Callable[[], dict] | None = None) -> None:
        self._codes: list[str] = register["codes"]
        self._names: list[str] = register["names"]
        self._levels: bytes = register["levels"]
        self._parents: list[int] = register["parents"]
        self._surfaces: dict[str, tuple[int, ...]] = register["surfaces"]
        self._index = {c: i for i, c in enumerate(self._codes)}
        self._n = len(self._codes)
        self._objs: dict[int, Division] = {}
        self._village_loader = village_loader
        self._v: dict | None = None
        self.metadata: Mapping[str, object] = register["metadata"]
        # extraction asks for the same few thousand surfaces on every page
        self.lookup = lru_cache(maxsize=1 << 16)(self._lookup)  # type: ignore[method-assign]

    def names(self) -> frozenset[str]:
        """Full names of the register's divisions (villages not included)."""
        return frozenset(self._names)

    # -- villages, loaded lazily -----------------------------------------------------------

    def _villages(self) -> dict:
        if self._v is None:
            raw = self._village_loader() if self._village_loader else {"names": "", "parents": b""}
            parents = array("i")
            parents.frombytes(raw["parents"])
            names = raw["names"].split("\n") if raw["names"] else []
            self._v = {"names": names, "parents": parents}
        return self._v

    def _village_range(self, name: str) -> range:
        """Village numbers named ``name`` (villages are sorted by name)."""
        names = self._villages()["names"]
        lo = bisect_left(names, name)
        hi = bisect_right(names, name, lo)
        return range(lo, hi)

    def _parent(self, i: int) -> int:
        return self._parents[i] if i < self._n else self._villages()["parents"][i - self._n]

    def _level(self, i: int) -> int:
        return self._levels[i] if i < self._n else 5

    def _name(self, i: int) -> str:
        return self._names[i] if i < self._n else self._villages()["names"][i - self._n]

    def _code(self, i: int) -> str:
        return self._codes[i] if i < self._n else f"{self._codes[self._parent(i)]}:{self._name(i)}"

    def _entries(self, surface: str) -> tuple[int, ...]:
        reg = self._surfaces.get(surface, ())
        vil = self._village_range(surface)
        return reg + tuple((self._n + j) * 8 + KIND_FULL for j in vil) if vil else reg

    def _find(self, code: str) -> int:
        code = pad_code(code)
        i = self._index.get(code)
        if i is not None:
            return i
        town, sep, name = code.partition(":")
        t = self._index.get(town)
        if sep and t is not None:
            for v in self._village_range(name):
                if self._villages()["parents"][v] == t:
                    return self._n + v
        raise KeyError(f"no division with code {code!r} in the register or the village list")

    # -- records -------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._n + len(self._villages()["names"])

    def __contains__(self, code: object) -> bool:
        try:
            self._find(code)  # type: ignore[arg-type]
        except (KeyError, AttributeError):
            return False
        return True

    @property
    def n_register(self) -> int:
        """Number of register rows (levels Province to Township)."""
        return self._n

    def _obj(self, i: int) -> Division:
        d = self._objs.get(i)
        if d is None:
            p = self._parent(i)
            d = Division(self._code(i), self._name(i), LEVELS[self._level(i) - 1], self._codes[p] if p >= 0 else None)
            self._objs[i] = d
        return d

    def get(self, code: str) -> Division:
        """The division with this code (6-, 9- or 12-digit; shorter codes are padded).

        Raises
        ------
        KeyError
            When no division has that code.

        Examples
        --------
        >>> get_kb().get("152500").name
        '锡林郭勒盟'
        """
        return self._obj(self._find(code))

    def divisions(self, level: str | None = None) -> Iterator[Division]:
        """Every division (of one level): register rows in register order, then villages by name."""
        want = LEVELS.index(level) + 1 if level else 0
        for i, lv in enumerate(self._levels):
            if not want or lv == want:
                yield self._obj(i)
        if not want or want == 5:
            for j in range(len(self._villages()["names"])):
                yield self._obj(self._n + j)

    # -- names ---------------------------------------------------------------------------

    def lookup(self, surface: str) -> tuple[Match, ...]:
        """Every division this surface can name: full names first, then by code (cached).

        Examples
        --------
        >>> [(m.division.name, m.kind) for m in get_kb().lookup("科右前旗")]
        [('科尔沁右翼前旗', 'abbrev')]
        """
        return self._lookup(surface)

    def _lookup(self, surface: str) -> tuple[Match, ...]:
        return tuple(Match(self._obj(v >> 3), KIND_NAMES[v & 7]) for v in self._entries(surface))

    def surfaces(self, levels: Iterable[str] | None = None) -> Iterator[tuple[str, int]]:
        """Yield ``(surface, kinds)`` once per surface, for building an Aho-Corasick automaton.

        ``kinds`` is a bit set of ``KIND_FULL``, ``KIND_ABBREV`` and ``KIND_STEM``
        (:mod:`kg.register.division_tables`)
        over all divisions the surface names. ``levels`` restricts to divisions of those
        levels (leave out ``"Village"`` for an automaton of 100,000 rather than 500,000
        surfaces). Order: register surfaces sorted, then village-only names sorted.
        """
        wanted = set(range(1, 6)) if levels is None else {LEVELS.index(lv) + 1 for lv in levels}
        vnames = self._villages()["names"] if 5 in wanted else []
        for surface, entries in self._surfaces.items():
            mask = KIND_FULL if vnames and self._village_range(surface) else 0
            for v in entries:
                if self._levels[v >> 3] in wanted:
                    mask |= v & 7
            if mask:
                yield surface, mask
        previous = None
        for surface in vnames:
            if surface != previous and surface not in self._surfaces:
                yield surface, KIND_FULL
            previous = surface

    def ambiguous(self, kinds: int = KIND_FULL | KIND_ABBREV) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Register surfaces of the given kinds that name more than one division, with codes."""
        for surface, entries in self._surfaces.items():
            codes = tuple(self._codes[v >> 3] for v in entries if v & kinds)
            if len(codes) > 1:
                yield surface, codes

    # -- hierarchy -----------------------------------------------------------------------

    def _chain(self, i: int) -> list[int]:
        out = []
        p = self._parent(i)
        while p >= 0:
            out.append(p)
            p = self._parents[p]
        return out

    def ancestors(self, code: str) -> list[Division]:
        """Parents of ``code``, the direct parent first, up to the province.

        Examples
        --------
        >>> [d.code for d in get_kb().ancestors("152502")]
        ['152500000000', '150000000000']
        """
        return [self._obj(p) for p in self._chain(self._find(code))]

    def is_inside(self, code: str, ancestor_code: str) -> bool:
        """True when ``ancestor_code`` is a proper ancestor of ``code``."""
        return self._find(ancestor_code) in self._chain(self._find(code))

    # -- villages ------------------------------------------------------------------------

    def village_parent_candidates(self, name: str) -> tuple[Division, ...]:
        """Townships holding a village of this name in the committed village list.

        Examples
        --------
        >>> all(d.level == "Township" for d in get_kb().village_parent_candidates("新村"))
        True
        """
        parents = self._villages()["parents"]
        return tuple(self._obj(parents[j]) for j in self._village_range(name))


def build_kb(use_cache: bool = False) -> DivisionKB:
    """Build a knowledge base; ``use_cache=False`` rebuilds it from the sources (slow)."""
    register, villages = load_tables(use_cache)
    return DivisionKB(register, villages)


@lru_cache(maxsize=1)
def get_kb() -> DivisionKB:
    """The process-wide knowledge base, from the marshal cache unless ``GOVKG_NO_CACHE=1``."""
    return build_kb(use_cache=os.environ.get("GOVKG_NO_CACHE") != "1")


def village_parent_candidates(name: str) -> tuple[Division, ...]:
    """Townships holding a village named ``name`` (:meth:`DivisionKB.village_parent_candidates`)."""
    return get_kb().village_parent_candidates(name)
