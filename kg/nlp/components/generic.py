"""Generic mentions: grammar that tells a kind of thing from a named one.

gold/GUIDE.md admits only named, specific things. A backward scan from a head noun
(派出所, 自然保护区, 村) or a quotation before a scheme head also finds phrases that only
describe a kind: rank and level words (国家级自然保护区), descriptive modifiers
(农村派出所, 一站式派出所), tiers (县乡村三级…中心), counts (N个嘎查村), and common words in
scare quotes (“绿色通道”, “大平安”, “承包制”管理模式). The words are data
(``lexicons/generic_modifiers.tsv``); this module holds the grammar.
"""
from __future__ import annotations

import re
from functools import lru_cache

import jieba

from kg.nlp.components._scan import _tags, dict_words
from kg.lexicon import function_chars, table

__all__ = ["generic_words", "manner", "descriptive_only", "tiered", "counted_start", "common_word",
           "generic_quote"]

_TIER = re.compile(r"[二三四五六七八九两2-9]级")
_STYLE = re.compile(r"^[\u4e00-\u9fff]{1,3}式$")  # 一站式, 保姆式: a manner, not a name
_NAME_TAGS = ("ns", "nr", "nz")  # place, person and other proper-name words of the dictionary


@lru_cache(maxsize=1)
def generic_words() -> dict[str, frozenset[str]]:
    """Kind → words of ``lexicons/generic_modifiers.tsv``."""
    out: dict[str, set[str]] = {}
    for row in table("generic_modifiers", ("word", "kind")):
        out.setdefault(row["kind"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in out.items()}


def manner(word: str) -> bool:
    """A manner word (一站式, 保姆式): how something is done, no name."""
    return bool(_STYLE.match(word))


def descriptive_only(name: str) -> bool:
    """True when ``name`` (before a head noun) is made only of rank/descriptive words.

    Longest modifiers are stripped from the front until nothing or a proper part is
    left; a lone manner word (X式) also counts as description.

    >>> descriptive_only("国家级"), descriptive_only("自治区重点"), descriptive_only("锡林")
    (True, True, False)
    """
    mods = sorted(generic_words().get("modifier", ()), key=len, reverse=True)
    rest = name
    while rest:
        if manner(rest):
            return True
        w = next((m for m in mods if rest.startswith(m)), None)
        if w is None:
            return False
        rest = rest[len(w):]
    return bool(name)


def tiered(name: str) -> bool:
    """A name holding a tier count (三级, 四级): a system of bodies at several levels.

    >>> tiered("村三级社会治理"), tiered("二连浩特")
    (True, False)
    """
    return bool(_TIER.search(name))


def counted_start(text: str, start: int, name: str) -> bool:
    """The name opens with a measure word right after a number (86个…): a count, no name.

    >>> counted_start("12个嘎查村", 2, "个嘎查"), counted_start("个别", 0, "个别")
    (True, False)
    """
    return bool(name) and name[0] in generic_words().get("measure", ()) and start > 0 and \
        text[start - 1] in function_chars("numerals")


def common_word(word: str) -> bool:
    """True when ``word`` is one ordinary dictionary word (not a proper-name word)."""
    tags = _tags()  # also loads the dictionary
    if not word or jieba.dt.FREQ.get(word, 0) <= 0:
        return False
    return not tags.get(word, "").startswith(_NAME_TAGS)


def generic_quote(content: str, standalone: bool) -> bool:
    """Is a quotation's content a common word in scare quotes rather than a name?

    Always: one ordinary word + a system suffix (“承包制”, a management method).
    Standing alone (no head noun after it): one ordinary word (“绿色通道”), or a size
    word + one ordinary word (“大和谐”, a slogan word).

    >>> generic_quote("承包制", False), generic_quote("绿色通道", True), generic_quote("草原轻骑", True)
    (True, True, False)
    """
    words = generic_words()
    for suffix in words.get("system_suffix", ()):
        if content.endswith(suffix) and len(content) > len(suffix):
            stem = content[:-len(suffix)]
            if common_word(stem) and jieba.dt.FREQ.get(stem, 0) >= 50:
                return True
    if not standalone:
        return False
    if common_word(content) and len(dict_words(content)) == 1:
        return True
    return len(content) >= 2 and content[0] in words.get("slogan_prefix", ()) and \
        common_word(content[1:]) and len(dict_words(content[1:])) == 1
