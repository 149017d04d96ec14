"""Character classes and one-for-one character folding used by the normaliser.

Folding never changes the number of characters: a character is kept, replaced by one
character, or dropped (``""``). That is what lets :class:`kg.text.offsets.OffsetMap`
point every normalised character back at the source character it came from.

Traditional → simplified uses OpenCC's character table (``TSCharacters.txt`` from
opencc-python-reimplemented), restricted to characters that are never themselves
simplified forms, plus the overrides in ``kg/data/text/t2s_exceptions.tsv``. Phrase
tables are not used: they can change lengths and would break the 1:1 mapping.
"""
from __future__ import annotations

import functools
import unicodedata
from importlib import resources

from kg.resources import read_tsv

__all__ = ["fold_char", "uniform_width", "is_cjk", "is_han", "is_word_char", "t2s_table",
           "TERMINAL", "CLAUSE", "CLOSERS", "OPENERS", "CONTINUING"]

#: Sentence-final punctuation (after folding).
TERMINAL = frozenset("。！？；!?;…")
#: Punctuation that marks running prose (a headline contains none of it).
CLAUSE = TERMINAL | frozenset("，,")
#: Closing quotes and brackets, skipped when looking for a line's final punctuation.
CLOSERS = frozenset("”’）)】》」』\"'")
OPENERS = frozenset("“‘（(【《「『")
#: A line ending with one of these continues on the next line.
CONTINUING = frozenset("，,、：:“‘（(《【·●+")

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_KEEP_FULLWIDTH = frozenset("，：；？！（）")
_BRACKET_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}


def is_han(ch: str) -> bool:
    """True for a Han ideograph (BMP blocks and the supplementary extensions)."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3134F or cp == 0x3007)


def is_cjk(ch: str) -> bool:
    """True for Han, CJK punctuation, full-width forms and the Chinese quote marks."""
    if is_han(ch):
        return True
    cp = ord(ch)
    return (0x3000 < cp <= 0x303F or 0xFF01 <= cp <= 0xFF65 or 0xFE30 <= cp <= 0xFE4F
            or ch in "“”‘’—…●•·")


def is_word_char(ch: str) -> bool:
    """True for ASCII letters and digits (the tokens that a space may really separate)."""
    return ch.isascii() and ch.isalnum()


@functools.lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """The character-level traditional → simplified table (built once, cached)."""
    path = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        trad, cands = line.split("\t", 1)
        options = cands.split()
        if len(trad) != 1 or not options or trad in options:
            continue
        if len(options[0]) == 1:
            table[trad] = options[0]
    for row in read_tsv("text/t2s_exceptions.tsv", ("char", "simplified", "note")):
        if row["simplified"] == row["char"]:
            table.pop(row["char"], None)
        else:
            table[row["char"]] = row["simplified"]
    return table


@functools.lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one character: ``""`` (drop), ``" "`` (a space), ``"\\n"`` or one character.

    Full-width ASCII letters, digits and symbols become half-width, except the
    punctuation Chinese prose writes full-width (``，：；？！（）``). The ideographic space
    and other Unicode spaces become ``" "``; zero-width and control characters are
    dropped; ``「」『』`` become ``“”‘’``; traditional characters are simplified.

    Examples
    --------
    >>> [fold_char(c) for c in "Ａ１，\\u3000「區"]
    ['A', '1', '，', ' ', '“', '区']
    """
    cp = ord(ch)
    if ch == "\n" or ch == "\r":
        return "\n"
    if ch == "\t":
        return " "
    if cp < 0x80:
        return ch if cp >= 0x20 else ""
    if 0xFF01 <= cp <= 0xFF5E:
        return ch if ch in _KEEP_FULLWIDTH else chr(cp - 0xFEE0)
    if ch in _BRACKET_QUOTES:
        return _BRACKET_QUOTES[ch]
    if ch in "\u2028\u2029\x85\x0b\x0c":
        return "\n"
    if ch in _ZERO_WIDTH:
        return ""
    cat = unicodedata.category(ch)
    if cat == "Zs":
        return " "
    if cat in ("Cc", "Cf"):
        return ""
    if ch == "\u30fb":       # katakana middle dot, an OCR variant of ·
        return "·"
    return t2s_table().get(ch, ch)


def uniform_width(name: str) -> str:
    """A name's punctuation all half-width when it mixes the two widths.

    Why: :func:`fold_char` makes full-width symbols half-width (＋ → +) but keeps the prose
    punctuation Chinese writes full-width (``，：；？！（）``), so a name written all full-width
    comes out mixed and matches neither its written nor its half-width form. A name with no
    half-width symbol is left as written.

    Examples
    --------
    >>> uniform_width("甲（乙）+丙"), uniform_width("甲（乙）丙"), uniform_width("甲+丙")
    ('甲(乙)+丙', '甲（乙）丙', '甲+丙')
    """
    if not any(c in _KEEP_FULLWIDTH for c in name) or not any(_is_half_symbol(c) for c in name):
        return name
    return "".join(chr(ord(c) - 0xFEE0) if c in _KEEP_FULLWIDTH else c for c in name)


def _is_half_symbol(ch: str) -> bool:
    """An ASCII symbol other than a quote mark (quotes follow the quote policy)."""
    return ch.isascii() and not ch.isalnum() and not ch.isspace() and ch not in "\"'"
