"""Folding by ``str.translate`` and runs against a character-by-character reference loop
(the code it replaced), on the seed pages and crafted variants."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.text.articles import _longest_shared
from kg.text.chars import fold_char
from kg.text.fold import _MD_HEAD_RE, _md_level, fold_lines
from kg.text.meta import FRONT_MATTER_RE
from kg.text.normalize import normalize

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _fold_lines_reference(source: str) -> list[tuple]:
    """Lines as ``(text, source index of each character, newline, gap before, gap after, md)``,
    one character at a time."""
    lines: list[list] = []
    cur: list[tuple[str, int]] = []
    blanks = 0
    n = len(source)
    front = FRONT_MATTER_RE.match(source)
    i = front.end() if front else 0

    def close(newline_at: int) -> None:
        nonlocal cur, blanks
        while cur and cur[0][0] == " ":
            cur.pop(0)
        m = _MD_HEAD_RE.match("".join(c for c, _ in cur[:7]))
        md = _md_level(m.group(1)) if m else 0
        if m:
            cur = cur[m.end():]
            while cur and cur[0][0] == " ":
                cur.pop(0)
        while cur and cur[-1][0] == " ":
            cur.pop()
        if cur:
            if lines:
                lines[-1][4] = blanks
            lines.append(["".join(c for c, _ in cur), [k for _, k in cur], newline_at, blanks, 0, md])
            blanks = 0
        else:
            blanks += 1
        cur = []

    while i < n:
        ch = source[i]
        f = fold_char(ch)
        if f == "\n":
            close(i)
            if ch == "\r" and i + 1 < n and source[i + 1] == "\n":
                i += 1
        elif f:
            cur.append((f, i))
        i += 1
    close(n)
    if lines:
        lines[-1][4] = blanks
    return [tuple(ln) for ln in lines]


def _lines(lines):
    return [(ln.text, [ln.runs.source(k) for k in range(len(ln.text))], ln.newline, ln.gap_before,
             ln.gap_after, ln.md) for ln in lines]


def _variants(text: str) -> list[str]:
    return [text, "---\ntitle: x\n---\n" + text, "# " + text.replace("\n\n", "\n\n## ", 3),
            text.replace("\n", "\r"), "\t  " + text.replace("。", "。 \t") + "\n\n\n",
            text.replace("\n", "\u2028", 5)]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_fold_lines_equals_the_reference_loop(path):
    for text in _variants(path.read_text(encoding="utf-8")):
        assert _lines(fold_lines(text)) == _fold_lines_reference(text)


def test_dropped_characters_and_crlf_map_exactly():
    text = "赤峰市\u200b松山区\r\n开展“枫叶”行动。\r\n\r\n通辽市"
    nt = normalize(text)
    assert nt.text == "赤峰市松山区开展“枫叶”行动。\n通辽市"
    assert text[nt.offsets.to_source(3)] == "松"
    assert _lines(fold_lines(text)) == _fold_lines_reference(text)


def test_offsets_point_at_the_source_character_on_seeds():
    for path in SEEDS:
        source = path.read_text(encoding="utf-8")
        nt = normalize(source)
        for i, ch in enumerate(nt.text):
            src = source[nt.offsets.to_source(i)]
            assert ch == "\n" or fold_char(src) in (ch, '"', "'", " ") or ch in "，；：？！（）“”‘’", (i, ch, src)


def test_longest_shared_substring_matches_brute_force():
    import random

    def brute(a: str, b: str) -> int:
        return max([k for i in range(len(a)) for j in range(i + 1, len(a) + 1)
                    if (k := j - i) and a[i:j] in b], default=0)

    rnd = random.Random(7)
    for _ in range(400):
        a = "".join(rnd.choice("甘肃省四川") for _ in range(rnd.randint(0, 12)))
        b = "".join(rnd.choice("甘肃省四川") for _ in range(rnd.randint(0, 12)))
        assert _longest_shared(a, b) == brute(a, b), (a, b)
