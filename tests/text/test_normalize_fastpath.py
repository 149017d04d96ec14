"""The fast normalisation path (``str.translate`` + C-level splitting) against the
character-by-character loop it replaced, on the seed pages and crafted variants."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.text.articles import _longest_shared
from kg.text.fold import fold_lines, fold_lines_slow
from kg.text.normalize import normalize

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _lines(lines):
    return [(ln.chars, ln.newline, ln.gap_before, ln.gap_after, ln.md, ln.text, ln.length) for ln in lines]


def _variants(text: str) -> list[str]:
    return [text, "---\ntitle: x\n---\n" + text, "# " + text.replace("\n\n", "\n\n## ", 3),
            text.replace("\n", "\r"), "\t  " + text.replace("。", "。 \t") + "\n\n\n",
            text.replace("\n", "\u2028", 5)]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_fold_lines_fast_equals_slow(path):
    for text in _variants(path.read_text(encoding="utf-8")):
        assert _lines(fold_lines(text)) == _lines(fold_lines_slow(text))


def test_dropped_characters_and_crlf_take_the_exact_loop():
    text = "赤峰市\u200b松山区\r\n开展“枫叶”行动。\r\n\r\n通辽市"
    nt = normalize(text)
    assert nt.text == "赤峰市松山区开展“枫叶”行动。\n通辽市"
    assert text[nt.offsets.to_source(3)] == "松"
    assert _lines(fold_lines(text)) == _lines(fold_lines_slow(text))


def test_offsets_point_at_the_source_character_on_seeds():
    from kg.text.chars import fold_char

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
