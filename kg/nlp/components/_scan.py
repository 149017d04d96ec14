"""Character-level helpers shared by the components: name scans, quotes, automata.

jieba tokens do not align with names (乌兰哈达嘎查 is cut into single characters), so
the components work on characters: a name is read backwards from its head noun until a
boundary word (``lexicons/org_boundaries.tsv``), a punctuation mark or the end of a
place mention.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from functools import lru_cache

import ahocorasick_rs

from kg.lexicon import function_chars, function_words, max_len, words

__all__ = ["titles", "is_cjk", "NAME_CHARS", "back_scan", "quotes", "automaton", "iter_matches",
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
              allow_quotes: bool = False, keep: tuple[str, ...] = ()) -> int:
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
    keep : tuple of str
        Words that are part of the name when they stand right before the head, even where
        they are or hold boundary words elsewhere (组织 in 县委组织部, a verb in 组织开展;
        全 in 国家安全局).
    """
    bset, k = boundaries()
    i = end
    w = next((w for w in keep if text.endswith(w, floor, end)), None)
    if w is not None:
        i = end - len(w)
    while i > floor and end - i < limit:
        if i in stops:
            break
        c = text[i - 1]
        if allow_quotes and c == "”":
            j = text.rfind("“", floor, i - 1)
            if j < 0 or i - j > 20:
                break
            i = j
            continue
        if not (is_cjk(c) or c in NAME_CHARS):
            n = _service_number_before(text, i, floor)
            if n and end - (i - n) < limit:
                i -= n  # X院12309检察服务中心: a government service number is part of the name
                continue
            break
        if any(text[max(floor, i - n):i] in bset for n in range(1, k + 1) if i - n >= floor):
            break
        i -= 1
    return i


_SERVICE_NUMBER = re.compile(r"(?<![0-9])12[0-9]{3}$")


def _service_number_before(text: str, i: int, floor: int = 0) -> int:
    """Length of a five-digit government service number (12309, 12348 …) ending at ``i``, or 0.

    Why: the short numbers 12xxx are assigned to public services nation-wide and name the
    service's centre or hotline (12309检察服务中心, 12348公共法律服务热线); any other
    number ends a name.
    """
    m = _SERVICE_NUMBER.search(text, max(floor, i - 6), i)
    return 5 if m and m.end() == i else 0


_QUOTE = re.compile(r"“([^“”\n]{1,60}?)”")
_TITLE = re.compile(r"《[^《》\n]{1,60}》")


def titles(text: str) -> list[tuple[int, int]]:
    """Spans of 《…》 titles (documents, laws, media): nothing inside is an entity."""
    return [(m.start(), m.end()) for m in _TITLE.finditer(text)]


def quotes(text: str) -> list[tuple[int, int]]:
    """Spans (including the marks) of “…” quotations, nested ‘’ kept inside."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def name_quotes(text: str) -> list[tuple[int, int]]:
    """The :func:`quotes` that may be a name: one holding a sentence's end (speech_marks) is speech.

    Why: a name is quoted whole (“X工作法”, “X，Y”机制), while a quoted speech runs over
    sentences and names places and bodies as any sentence does.

    >>> text = "推行“木槿，柏岭”机制。“木槿村离镇上远。”他说。"
    >>> [text[a:b] for a, b in name_quotes(text)]
    ['“木槿，柏岭”']
    """
    ends = function_chars("speech_marks")
    return [q for q in quotes(text) if not any(c in ends for c in text[q[0] + 1:q[1] - 1])]


_INNER_QUOTE = re.compile(r"‘([^‘’“”\n]{1,40}?)’")


def inner_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of ‘…’ quotations: the inner quotes of Chinese nesting (a name quoted in speech)."""
    return [(m.start(), m.end()) for m in _INNER_QUOTE.finditer(text)]


class Automaton:
    """Aho-Corasick over a fixed set of surfaces, each with a payload.

    Backed by ``ahocorasick_rs`` (Rust): on the register's 36k surfaces it scans a page
    about 15× faster than pyahocorasick, whose trie searches each node's children
    linearly (the root has thousands). The contiguous NFA scans as fast as the DFA here
    and takes 12 MB instead of 112 MB per process. Build it with :func:`automaton`.
    """

    __slots__ = ("_ac", "_values")

    def __init__(self, values: dict[str, object]) -> None:
        surfaces = list(values)
        self._values = [(x, values[x]) for x in surfaces]
        self._ac = ahocorasick_rs.AhoCorasick(
            surfaces, matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA) if surfaces else None

    def __len__(self) -> int:
        return len(self._values)

    def matches(self, text: str) -> list[tuple[int, int, str, object]]:
        """See :func:`iter_matches`."""
        if self._ac is None:
            return []
        hits = sorted(self._ac.find_matches_as_indexes(text, overlapping=True), key=lambda h: (h[2], h[1]))
        values = self._values
        return [(s, e, *values[i]) for i, s, e in hits]


def automaton(items) -> Automaton:
    """An automaton over ``(surface, payload)`` items; a repeated surface keeps its last payload."""
    values: dict[str, object] = {}
    for surface, payload in items:
        if surface:
            values[surface] = payload
    return Automaton(values)


def iter_matches(a: Automaton, text: str) -> list[tuple[int, int, str, object]]:
    """``(start, end, surface, payload)`` of every match, overlapping ones included.

    Ordered by end, then longest first: the order a classic Aho-Corasick scan reports them.

    >>> iter_matches(automaton([("旗", 1), ("后旗", 2), ("乌拉特", 3)]), "乌拉特后旗")
    [(0, 3, '乌拉特', 3), (3, 5, '后旗', 2), (4, 5, '旗', 1)]
    """
    return a.matches(text)


__all__ += ["dict_words", "inner_quotes", "name_quotes"]


@lru_cache(maxsize=1 << 16)
def dict_words(text: str) -> tuple[str, ...]:
    """jieba's dictionary words of a short string (no HMM), cached.

    The components ask for the words of the same candidate names and windows again and
    again across a corpus; one cached look-up per distinct string instead of a jieba call
    per mention.
    """
    import jieba

    return tuple(jieba.lcut(text, HMM=False))




_STRIP_TAGS = ("v", "p", "c", "u", "d", "q", "r", "y", "e", "o", "ad", "vd")


@lru_cache(maxsize=1)
def _tags() -> dict:
    import jieba.posseg

    dt = jieba.posseg.dt
    if hasattr(dt, "initialize"):
        dt.initialize()
    return dt.word_tag_tab


def trim_name(name: str, protect=frozenset(), keep_last: bool = False, verbs=frozenset()) -> int:
    """Offset in ``name`` after its last function word (verb, preposition, classifier …).

    A backward scan may overrun into the verb phrase before a name (完善红柳沟地区); the
    jieba dictionary's part-of-speech tags (a table lookup, not the slow tagger) find
    where the name proper starts. Words in ``protect`` (functional unit words such as
    禁毒, which the dictionary tags as verbs) are kept; with ``keep_last`` the word right
    before the head is kept too (区级社会治理 + 中心). Words in ``verbs`` (the trigger verbs of
    launching and setting up: 设置, 启动, which the dictionary tags as nouns of action) always cut.
    """
    import jieba

    tags = _tags()
    toks = dict_words(name)
    pos = 0
    cut = 0
    for i, tok in enumerate(toks):
        pos += len(tok)
        if tok in protect:
            continue
        if tok in verbs:
            cut = pos  # 此专门设置X警务室: the name starts after the verb
            continue
        if keep_last and i == len(toks) - 1 and i > 0 and (toks[i - 1] in protect or toks[i - 1].endswith("级")):
            continue  # 社会治理中心, 联合调处中心: a verb after a unit word names the body's work
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if len(tok) == 1 and (nxt is None or len(nxt) == 1):
            continue  # a run of single characters is an unknown proper name (乌兰哈达)
        if tok in function_words("unit_joiners") and i > 0 and toks[i - 1] in protect:
            continue  # 禁毒和治安大队
        tag = tags.get(tok, "")
        if tok in function_words("ask_verbs") and nxt in protect:
            cut = pos  # 某某请综治中心: a lone verb right before a unit word ends the phrase before it
            continue
        if len(tok) == 1 and tag[:1] in ("v", "d"):
            continue  # a lone verb/adverb character is usually a mis-cut name character
        if tag in _STRIP_TAGS or tag.startswith("u") or (
                tag == "m" and tok.endswith(function_words("classifier_ends"))):
            cut = pos
    return cut


def word_around(text: str, s: int, e: int, min_freq: int = 50) -> bool:
    """True when ``text[s:e]`` is the start or end of a longer common word (局面, 格局, 乡村).

    A space or line break after it does not end the word: a headline's two lines are joined
    by a space (筑牢乡 / 村振兴: 乡村).
    """
    import jieba

    freq = jieba.dt.FREQ
    if s > 0 and freq.get(text[s - 1:e], 0) >= min_freq:
        return True
    after = text[e:e + 4].lstrip(" \n\u3000")[:2]
    return any(freq.get(text[s:e] + after[:n], 0) >= min_freq for n in (1, 2) if len(after) >= n)


def has_adverb(name: str) -> bool:
    """True when ``name`` holds an adverb or negation (大事不出…): not a place name."""
    import jieba

    tags = _tags()
    return any(tags.get(t, "") in ("d", "ad") for t in dict_words(name))


def crosses_word(text: str, s: int, e: int, min_freq: int = 50) -> bool:
    """True when a common word crosses an edge of ``text[s:e]`` (集|中办|理: 集中, 办理; 江|苏北|部).

    Why: a short name (中办, 苏北) whose first character ends a word or whose last
    character starts one is those words' characters, not the name.
    """
    import jieba

    freq = jieba.dt.FREQ
    return (s > 0 and freq.get(text[s - 1:s + 1], 0) >= min_freq) or \
        (e < len(text) and freq.get(text[e - 1:e + 1], 0) >= min_freq)


__all__ += ["trim_name", "word_around", "crosses_word", "has_adverb"]


class Cover:
    """The characters covered by a growing set of spans, for overlap tests.

    ``any(a < e and s < b for a, b in spans)`` per candidate made the components
    quadratic in the number of mentions on a page; here each test costs the length of
    the candidate span. Spans are half-open and non-empty; empty ones cover nothing.

    Examples
    --------
    >>> c = Cover(10, [(2, 4)])
    >>> c.overlaps(3, 6), c.overlaps(4, 6), 2 in c, 4 in c
    (True, False, True, False)
    >>> c.add(5, 7); c.overlaps(4, 6)
    True
    """

    __slots__ = ("_mask",)

    def __init__(self, length: int, spans=()) -> None:
        mask = self._mask = bytearray(max(length, 0))
        n = len(mask)
        for a, b in spans:  # add() inlined: a page has thousands of spans
            a, b = max(a, 0), min(b, n)
            if a < b:
                mask[a:b] = b"\x01" * (b - a)

    def add(self, a: int, b: int) -> None:
        """Cover ``[a, b)``."""
        a, b = max(a, 0), min(b, len(self._mask))
        if a < b:
            self._mask[a:b] = b"\x01" * (b - a)

    def overlaps(self, s: int, e: int) -> bool:
        """True when the non-empty span ``[s, e)`` shares a character with a covered span."""
        s, e = max(s, 0), min(e, len(self._mask))
        return s < e and self._mask.find(1, s, e) >= 0

    def __contains__(self, pos: int) -> bool:
        """True when ``pos`` lies in a covered span (``a <= pos < b``)."""
        return 0 <= pos < len(self._mask) and self._mask[pos] == 1


def within_any(spans):
    """A test ``f(s, e)``: is ``[s, e)`` inside one of ``spans`` (``a <= s and e <= b``)?

    Sorted starts and a running maximum of ends answer it with one binary search.

    >>> f = within_any([(0, 4), (6, 9), (1, 5)])
    >>> f(2, 5), f(3, 7), f(6, 9), f(-1, 0)
    (True, False, True, False)
    """
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))

    def inside(s: int, e: int) -> bool:
        k = bisect_right(starts, s)
        return k > 0 and reach[k - 1] >= e

    return inside


__all__ += ["Cover", "within_any"]
