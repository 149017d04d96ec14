"""Character-level helpers shared by the components: name scans, quotes, automata.

jieba tokens do not align with names (额肯呼都格嘎查 is cut into single characters), so
the components work on characters: a name is read backwards from its head noun until a
boundary word (``lexicons/org_boundaries.tsv``), a punctuation mark or the end of a
place mention.
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from kg.nlp.lexicon import max_len, words

__all__ = ["is_cjk", "NAME_CHARS", "back_scan", "quotes", "automaton", "iter_matches",
           "boundaries", "DIGITS"]

DIGITS = set("0123456789")
NAME_CHARS = "·"


def is_cjk(c: str) -> bool:
    """True for a CJK ideograph."""
    return "\u3400" <= c <= "\u9fff"


@lru_cache(maxsize=1)
def boundaries() -> tuple[frozenset[str], int]:
    """Boundary words and their longest length."""
    b = words("org_boundaries")
    return b, max_len(b)


def back_scan(text: str, end: int, limit: int, stops=frozenset(), floor: int = 0,
              allow_quotes: bool = False) -> int:
    """Start of the name that ends at ``end``: scan left until a boundary.

    Parameters
    ----------
    text : str
    end : int
        Offset where the name (before its head) ends.
    limit : int
        Longest name read.
    stops : set of int
        Offsets where a scan stops (ends of place mentions).
    floor : int
        Never scan before this offset (start of the sentence).
    allow_quotes : bool
        Let a quoted segment be part of the name (“一村一警”警务模式改革领导小组).
    """
    bset, k = boundaries()
    i = end
    while i > floor and end - i < limit:
        if i in stops and i != end:
            break
        c = text[i - 1]
        if allow_quotes and c == "”":
            j = text.rfind("“", floor, i - 1)
            if j < 0 or i - j > 20:
                break
            i = j
            continue
        if not (is_cjk(c) or c in NAME_CHARS):
            break
        if any(text[max(floor, i - n):i] in bset for n in range(1, k + 1) if i - n >= floor):
            break
        i -= 1
    return i


_QUOTE = re.compile(r"“([^“”\n]{1,60}?)”")


def quotes(text: str) -> list[tuple[int, int]]:
    """Spans (including the marks) of “…” quotations, nested ‘’ kept inside."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def automaton(items) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton whose values are ``(surface, payload)``."""
    a = ahocorasick.Automaton()
    for surface, payload in items:
        if surface:
            a.add_word(surface, (surface, payload))
    if len(a):
        a.make_automaton()
    return a


def iter_matches(a: ahocorasick.Automaton, text: str):
    """Yield ``(start, end, surface, payload)`` for every match."""
    if not len(a):
        return
    for end_idx, (surface, payload) in a.iter(text):
        yield end_idx + 1 - len(surface), end_idx + 1, surface, payload


_SENT = re.compile(r"[。！？!?；]+[”’]?|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Fallback sentence spans (。！？； and line breaks) when none are given."""
    out, s = [], 0
    for m in _SENT.finditer(text):
        if text[s:m.end()].strip():
            out.append((s, m.end()))
        s = m.end()
    if text[s:].strip():
        out.append((s, len(text)))
    return out


def sentence_at(spans, pos: int) -> tuple[int, int]:
    """The span in ``spans`` that holds ``pos`` (or the nearest before it)."""
    best = (0, 0)
    for s, e in spans:
        if s <= pos < e:
            return s, e
        if s <= pos:
            best = (s, e)
    return best


__all__ += ["sentence_spans", "sentence_at"]
