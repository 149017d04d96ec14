"""Romanised labels in Hanyu Pinyin, place-name style (``skos:altLabel@zh-Latn-pinyin``).

Place names follow GB/T 16159-2012 and the place-name spelling rules (中国地名汉语拼音
字母拼写规则): the specific part (专名) is one word, the administrative suffix (通名) a
separate capitalised word, and a one-syllable specific part is joined to its suffix::

    察哈尔右翼后旗 → Chaha'er Youyi Houqi      锡林郭勒盟 → Xilinguole Meng
    额尔古纳市     → E'erguna Shi              矿区       → Kuangqu

The suffixes and their spellings come from ``kg/data/divisions/level_suffixes.tsv`` (the
table that types names by level); position words before 旗 stay with it (右翼后旗 →
Youyi Houqi). An apostrophe separates a syllable starting with a, o or e from the one
before it inside a word (Xi'an). No tone marks. 内蒙古 follows the same rule
(Neimenggu Zizhiqu); the Mongolian-based exonym "Nei Mongol" is not produced.

Organisation and scheme labels are cut into words with jieba (a private tokenizer, so the
pipeline's global dictionary is untouched); a leading division name keeps place-name style,
and dictionary words of four or more characters are split once more (人民检察院 → Renmin
Jianchayuan). Quotes and punctuation are dropped; digits and Latin letters are kept.

Readings come from pypinyin with phrase context, corrected by
``kg/data/lexicons/pinyin_overrides.tsv`` for polyphones in names (都 du, 长 chang, 朝 chao…).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Literal

from kg.lexicon import level_suffix_rows
from kg.resources import read_tsv

__all__ = ["romanise", "romanise_place", "romanise_name", "syllables"]

_OVERRIDES = "lexicons/pinyin_overrides.tsv"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KEEP = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]+")
#: A name's chunks keep ASCII joiners: “1+3+3”工作法, “互联网+”, “一村一警-2”.
_NAME_CHUNK = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]+(?:[+\-][A-Za-z0-9]+)*\+?")
_VOWEL_START = ("a", "o", "e")


@lru_cache(maxsize=1)
def _overrides() -> tuple[tuple[str, tuple[str, ...], str, str], ...]:
    """Override rows (text, syllables, context, scope), general rows first."""
    rows = []
    for row in read_tsv(_OVERRIDES, ("text", "pinyin", "context", "scope", "note")):
        rows.append((row["text"], tuple(row["pinyin"].split()), row["context"], row["scope"]))
    return tuple(sorted(rows, key=lambda r: (len(r[2]), len(r[0]), r[0], r[2])))


@lru_cache(maxsize=1)
def _suffixes() -> tuple[tuple[str, str], ...]:
    return tuple((r.suffix, r.pinyin) for r in level_suffix_rows())


@lru_cache(maxsize=65536)
def syllables(text: str, place: bool = True) -> tuple[str, ...]:
    """One toneless pinyin syllable per Han character of ``text``; other characters as is.

    Parameters
    ----------
    text : str
        Any string; characters that are not Han are returned one per item.
    place : bool
        Apply the override rows of scope ``place`` as well as ``all``.

    Examples
    --------
    >>> syllables("长治")
    ('chang', 'zhi')
    >>> syllables("县长", place=False)
    ('xian', 'zhang')
    """
    from pypinyin import Style, lazy_pinyin

    out = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors=lambda s: list(s))
    if len(out) != len(text):  # pypinyin keeps runs of non-Han together in some versions
        out = [lazy_pinyin(ch, style=Style.NORMAL, v_to_u=True)[0] if _HAN.match(ch) else ch for ch in text]
    for word, reading, context, scope in _overrides():
        if scope == "place" and not place:
            continue
        key = context or word
        offset = key.find(word)
        if offset < 0:
            continue
        start = text.find(key)
        while start >= 0:
            at = start + offset
            out[at : at + len(word)] = reading if len(reading) == len(word) else [" ".join(reading)] + [""] * (len(word) - 1)
            start = text.find(key, start + 1)
    return tuple(out)


def _word(sylls: tuple[str, ...] | list[str]) -> str:
    """Join syllables into one capitalised word, with an apostrophe before a/o/e syllables."""
    text = ""
    for s in sylls:
        if not s:
            continue
        if text and s[0].lower() in _VOWEL_START and text[-1].isalpha():
            text += "'"
        text += s
    return text[:1].upper() + text[1:]


def _split_suffix(name: str) -> tuple[str, str]:
    for suffix, spelling in _suffixes():
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], spelling
    return name, ""


@lru_cache(maxsize=65536)
def romanise_place(name: str) -> str:
    """Romanise a place name: specific part as one word, then the suffix.

    Examples
    --------
    >>> romanise_place("察哈尔右翼后旗")
    "Chaha'er Youyi Houqi"
    >>> romanise_place("额尔古纳市")
    "E'erguna Shi"
    >>> romanise_place("矿区")
    'Kuangqu'
    """
    name = "".join(_KEEP.findall(name))
    stem, spelling = _split_suffix(name)
    sylls = syllables(name, place=True)[: len(stem)]  # read in full: overrides see 单县
    if not spelling:
        return _word(sylls)
    if len(stem) == 1:  # one-syllable specific part joins its suffix: 单县 Shanxian
        head, _, rest = spelling.partition(" ")
        return " ".join(filter(None, [_word([*sylls, head.lower()]), rest]))
    return f"{_word(sylls)} {spelling}"


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _split_long(word: str) -> list[str]:
    """Split a dictionary word of four or more characters into its best sub-word route."""
    tok = _tokenizer()
    dag = tok.get_DAG(word)
    dag[0] = [j for j in dag[0] if j != len(word) - 1] or [0]
    route: dict[int, tuple[float, int]] = {}
    tok.calc(word, dag, route)
    parts, i = [], 0
    while i < len(word):
        j = route[i][1] + 1
        parts.append(word[i:j])
        i = j
    return parts if all(len(p) >= 2 for p in parts) else [word]


def _leading_place(text: str) -> int:
    """Length of the longest register name or abbreviation that starts ``text`` (0 if none)."""
    from kg.register.divisions import get_kb

    kb = get_kb()
    for n in range(min(len(text), 16), 1, -1):
        if any(m.kind != "stem" for m in kb.lookup(text[:n])):
            return n
    return 0


@lru_cache(maxsize=65536)
def romanise_name(label: str) -> str:
    """Romanise an organisation or scheme label: jieba words, each one capitalised word.

    Examples
    --------
    >>> romanise_name("锡林浩特市人民检察院")
    'Xilinhaote Shi Renmin Jianchayuan'
    >>> romanise_name("“草原110”警务模式")
    'Caoyuan 110 Jingwu Moshi'
    >>> romanise_name("“1+3+3”工作法")
    '1+3+3 Gongzuo Fa'
    """
    words: list[str] = []
    for chunk in _NAME_CHUNK.findall(label):
        while chunk and (n := _leading_place(chunk)):
            words.append(romanise_place(chunk[:n]))
            chunk = chunk[n:]
        if not chunk:
            continue
        if not _HAN.search(chunk):
            words.append(chunk)
            continue
        for token in _tokenizer().cut(chunk):
            for part in _split_long(token) if len(token) >= 4 and _HAN.match(token) else [token]:
                words.append(_word(syllables(part, place=False)) if _HAN.match(part) else part)
    return " ".join(w for w in words if w)


def romanise(label: str, kind: Literal["auto", "place", "name"] = "auto") -> str:
    """Romanised label for any entity, in place-name style for places.

    Parameters
    ----------
    label : str
        The canonical Chinese label.
    kind : {"auto", "place", "name"}
        ``place`` for places, ``name`` for organisations, schemes and awards; ``auto``
        treats the label as a place when it is a division name in the register or the
        village list, or ends in an administrative suffix and has no other punctuation.

    Returns
    -------
    str
        The romanisation, for ``skos:altLabel`` with language tag ``zh-Latn-pinyin``.

    Examples
    --------
    >>> romanise("锡林郭勒盟")
    'Xilinguole Meng'
    >>> romanise("西安市")
    "Xi'an Shi"
    >>> romanise("锡林郭勒盟行政公署", kind="name")
    'Xilinguole Meng Xingzheng Gongshu'
    """
    if kind == "place" or (kind == "auto" and _is_place(label)):
        return romanise_place(label)
    return romanise_name(label)


def _is_place(label: str) -> bool:
    from kg.register.divisions import get_kb, level_of_name

    if get_kb().lookup(label):
        return True
    return bool(level_of_name(label)) and _KEEP.fullmatch(label) is not None and len(label) <= 10
