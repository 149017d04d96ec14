"""Load the extraction data files (``kg/data/patterns``, ``kg/data/lexicons``) once.

Every pattern and word list the components use lives in a data file, so adding a head
noun or a stop word is a one-line data change (see ``docs/extraction.md``). The loaders
are cached: a process reads each file once. What each table and field means is in
``kg/data/README.md``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import PatternError
from kg.resources import read_jsonl, read_text, read_tsv

__all__ = ["Pattern", "Lexicon", "patterns", "words", "table", "max_len", "country_names", "org_head_words", "LevelSuffix",
           "level_suffix_rows", "subject_level_words", "body_level_words", "last_named_levels",
           "local_suffixes", "function_chars", "function_words"]

#: ISO 3166-1 codes of China and its special regions: not foreign countries here.
_HOME = frozenset({"CN", "HK", "MO", "TW"})


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
def patterns(name: str, root: str | None = None) -> tuple[Pattern, ...]:
    """Rows of ``patterns/<name>.jsonl`` in file order (under ``root`` instead of kg/data when given)."""
    rows = []
    for obj in read_jsonl(f"patterns/{name}.jsonl", root):
        extra = tuple(sorted((k, v) for k, v in obj.items() if k not in ("label", "pattern", "id")))
        rows.append(Pattern(obj["label"], obj["pattern"], obj.get("id", ""), extra))
    return tuple(rows)


@lru_cache(maxsize=None)
def table(name: str, header: tuple[str, ...], root: str | None = None) -> tuple[dict[str, str], ...]:
    """Rows of ``lexicons/<name>.tsv`` after a header check."""
    return tuple(read_tsv(f"lexicons/{name}.tsv", header, root))


@lru_cache(maxsize=None)
def words(name: str, column: str = "word", root: str | None = None) -> frozenset[str]:
    """The first column of a one-column (or keyed) lexicon as a set."""
    first = next(ln for ln in read_text(f"lexicons/{name}.tsv", root).splitlines()
                 if ln and not ln.startswith("#"))
    header = tuple(first.split("\t"))
    rows = table(name, header) if root is None else table.__wrapped__(name, header, root)
    return frozenset(row[column] for row in rows)


class Lexicon:
    """The tables one component reads: from the package, or from a saved pipeline's folder.

    A component reads its tables through its own ``Lexicon`` and remembers which it read,
    so ``nlp.to_disk`` can write exactly those files beside the component's settings and
    ``spacy.load`` reads them back (:class:`kg.nlp.components.base.RuleComponent`). With
    ``root=None`` the package's tables are read (and cached once per process).
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = str(root) if root is not None else None
        self.used: set[str] = set()

    def _read(self, loader, *args):
        # the package's tables are read once per process; a folder's are read afresh (it may change)
        return loader(*args, None) if self.root is None else loader.__wrapped__(*args, self.root)

    def patterns(self, name: str) -> tuple[Pattern, ...]:
        self.used.add(f"patterns/{name}.jsonl")
        return self._read(patterns, name)

    def table(self, name: str, header: tuple[str, ...]) -> tuple[dict[str, str], ...]:
        self.used.add(f"lexicons/{name}.tsv")
        return self._read(table, name, header)

    def words(self, name: str, column: str = "word") -> frozenset[str]:
        self.used.add(f"lexicons/{name}.tsv")
        return self._read(words, name, column)

    def to_disk(self, path: str | Path) -> None:
        """Write every table read so far under ``path`` (same relative names as in kg/data)."""
        for rel in sorted(self.used):
            out = Path(path) / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(read_text(rel, self.root), encoding="utf-8")


@dataclass(frozen=True, slots=True)
class LevelSuffix:
    """One row of ``divisions/level_suffixes.tsv``: a suffix of division names and its uses."""

    suffix: str
    level: str
    pinyin: str
    names_subject: bool  # 旗委, 该旗: the word alone names the article's place at this level
    opens_body: bool  # 县委, 镇党委, 村委会: before a body's head the word stands for the place
    names_last: bool  # 镇党委, 县检察院: the place of its level the text named last


@lru_cache(maxsize=None)
def org_head_words(min_len: int = 1) -> tuple[str, ...]:
    """Organisation head nouns (``patterns/org_heads.jsonl``, label ORG) of ``min_len`` characters or more, longest first."""
    return tuple(sorted({p.pattern for p in patterns("org_heads") if p.label == "ORG" and len(p.pattern) >= min_len},
                        key=lambda h: (-len(h), h)))


@lru_cache(maxsize=1)
def level_suffix_rows() -> tuple[LevelSuffix, ...]:
    """Rows of ``divisions/level_suffixes.tsv``, longest suffix first (自治区 before 区).

    Why one table: typing names by level, romanising them and reading level words (旗委,
    该旗) must agree on what a division's suffix is.
    """
    rows = read_tsv("divisions/level_suffixes.tsv",
                    ("suffix", "level", "pinyin", "names_subject", "opens_body", "names_last"))
    out = [LevelSuffix(r["suffix"], r["level"], r["pinyin"], r["names_subject"] == "yes",
                       r["opens_body"] == "yes", r["names_last"] == "yes") for r in rows]
    return tuple(sorted(out, key=lambda r: (-len(r.suffix), r.suffix)))


@lru_cache(maxsize=1)
def subject_level_words() -> tuple[str, ...]:
    """Level words naming the article's place at their level or its ancestor (该旗, 旗委), longest first."""
    return tuple(r.suffix for r in level_suffix_rows() if r.names_subject)


@lru_cache(maxsize=1)
def body_level_words() -> dict[str, str]:
    """Level word → level, for the words that stand for a place before a body's head (县委, 村委会).

    Longest first, so a scan that takes the first word ending a text takes 社区 before 区.
    """
    return {r.suffix: r.level for r in level_suffix_rows() if r.opens_body}


@lru_cache(maxsize=1)
def last_named_levels() -> dict[str, str]:
    """Level word → level, for the words before a body's head that stand for the place of their
    level the text named last (镇党委, 村党支部; 县检察院 in an article about a city)."""
    return {r.suffix: r.level for r in level_suffix_rows() if r.opens_body and r.names_last}


@lru_cache(maxsize=1)
def local_suffixes() -> tuple[str, ...]:
    """Suffixes of township and village names (镇, 苏木, 嘎查, 社区 …), longest first."""
    return tuple(r.suffix for r in level_suffix_rows() if r.level in ("Township", "Village"))


@lru_cache(maxsize=1)
def _function_sets() -> dict[str, str | tuple[str, ...]]:
    """Name → characters (a str) or words (a tuple) of ``lexicons/function_words.jsonl``."""
    out: dict[str, str | tuple[str, ...]] = {}
    for row in read_jsonl("lexicons/function_words.jsonl"):
        out[row["name"]] = row["chars"] if "chars" in row else tuple(row["words"])
    return out


def function_chars(name: str) -> str:
    """The characters of a character class of ``lexicons/function_words.jsonl`` (one string).

    A class is tested one character at a time (``text[i] in function_chars(...)``).
    """
    chars = _function_sets()[name]
    if not isinstance(chars, str):
        raise PatternError(f"kg/data/lexicons/function_words.jsonl: {name!r} is a word list, not characters")
    return chars


def function_words(name: str) -> tuple[str, ...]:
    """The words of a word list of ``lexicons/function_words.jsonl``, in file order."""
    items = _function_sets()[name]
    if isinstance(items, str):
        raise PatternError(f"kg/data/lexicons/function_words.jsonl: {name!r} is characters, not a word list")
    return items


def max_len(items) -> int:
    """Length of the longest string in ``items`` (0 when empty)."""
    return max((len(x) for x in items), default=0)


@lru_cache(maxsize=1)
def ethnic_alternation() -> str:
    """A regex alternation of the ethnic groups as division names write them, longest first.

    (``divisions/ethnic_groups.tsv``; a two-character name may drop 族: 土家 in 长阳土家族
    自治县, a one-character name keeps it: 回族, not 回.)
    """
    names = sorted((r["name"] for r in read_tsv("divisions/ethnic_groups.tsv", ("name",))), key=lambda s: (-len(s), s))
    return "|".join(f"{re.escape(e)}族?" if len(e) > 1 else f"{re.escape(e)}族" for e in names)


@lru_cache(maxsize=1)
def ethnic_town_stem() -> re.Pattern[str]:
    """A township name of an ethnic group (X苗族乡, X回族镇) with its stem X as group ``stem``."""
    return re.compile(r"(?P<stem>.{2,}?)(?:%s)[乡镇]" % ethnic_alternation())


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Chinese names of the world's countries (ISO 3166-1 with pycountry's zh_CN names).

    Why a package: the complete official list with its translations, not names picked
    from pages. A name of three characters or more is read as it is (乌兹别克斯坦); a
    two-character name only with 国 (蒙古国), the form news uses: alone it is also inside
    other words (蒙古 in 内蒙古 and 蒙古族, 法国 in 依法国家).
    """
    import gettext
    from importlib.resources import files

    import pycountry

    root = files("pycountry")
    with (root / "locales" / "zh_CN" / "LC_MESSAGES" / "iso3166-1.mo").open("rb") as fh:
        zh = gettext.GNUTranslations(fh)
    names: set[str] = set()
    for country in pycountry.countries:
        if country.alpha_2 in _HOME:
            continue
        for english in {country.name, getattr(country, "common_name", country.name)}:
            name = zh.gettext(english)
            if name == english or not name:
                continue  # no Chinese translation
            if len(name) >= 3:
                names.add(name)
            elif not name.endswith("国"):
                names.add(name + "国")
    return frozenset(names)
