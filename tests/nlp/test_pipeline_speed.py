"""The speed changes keep extraction the same: character tokens instead of jieba words,
the page's register scan reused for its articles, mask/binary-search overlap tests,
tables loaded up front."""
from __future__ import annotations

import doctest
import importlib
import random
from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_char_tokenizer_keeps_the_text(nlp):
    import spacy

    text = SEEDS[0].read_text(encoding="utf-8")[:3000]
    cnlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg_chars.v1"}}})
    doc = cnlp.make_doc(text)
    assert doc.text == text and len(doc) == len(text)
    # every character offset is a token boundary, so any mention is a span
    assert doc.char_span(5, 17) is not None and doc.char_span(5, 17).text == text[5:17]


def test_jieba_dictionary_loaded_before_the_components(nlp):
    import jieba

    # the components read jieba.dt.FREQ directly; it is empty until the dictionary loads
    assert jieba.dt.initialized and jieba.dt.FREQ.get("乡村", 0) > 0


def test_jieba_words_or_characters_give_the_same_record(nlp, monkeypatch):
    """The components read characters: the character tokenizer changes nothing."""
    import spacy

    import kg.extract as extract
    from kg.nlp.pipeline import load_config

    cfg = load_config()
    jnlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg_jieba.v1"}}})
    for name in cfg["nlp"]["pipeline"]:
        settings = dict(cfg["components"][name])
        jnlp.add_pipe(settings.pop("factory"), name=name, config=settings)
    text = SEEDS[1].read_text(encoding="utf-8")
    assert type(nlp.tokenizer).__name__ == "CharTokenizer"  # the configured default
    chars = extract.extract_text(text, SEEDS[1].name, "0")
    monkeypatch.setattr("kg.nlp.pipeline.get_nlp", lambda: jnlp)
    words = extract.extract_text(text, SEEDS[1].name, "0")
    assert words == chars and words.relations


def test_register_scan_of_a_piece_equals_a_fresh_scan(nlp):
    """Matches of an article or headline come from the page's scan: same as scanning it."""
    from kg.nlp.components.gazetteer import matches_within, register_matches

    rnd = random.Random(3)
    for path in SEEDS:
        page = path.read_text(encoding="utf-8")
        whole = register_matches(page)
        assert whole
        for _ in range(40):
            a = rnd.randrange(len(page))
            b = min(len(page), a + rnd.choice([3, 40, 2000]))
            assert sorted(matches_within(whole, a, b)) == sorted(register_matches(page[a:b]))


def test_longest_matches_equal_the_pairwise_rule():
    from kg.nlp.components.gazetteer import _longest

    def pairwise(matches):
        taken, out = [], []
        for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
            if all(m[1] <= s or m[0] >= e for s, e in taken):
                taken.append((m[0], m[1]))
                out.append(m)
        return sorted(out)

    rnd = random.Random(5)
    for _ in range(500):
        ms = []
        for _ in range(rnd.randint(0, 15)):
            s = rnd.randint(0, 40)
            e = s + rnd.randint(1, 6)
            ms.append((s, e, "x" * (e - s), ("full",)))
        assert _longest(ms) == pairwise(ms)


def test_cover_and_within_any_equal_any():
    from kg.nlp.components._scan import Cover, within_any
    from kg.text.sentences import sentence_at

    rnd = random.Random(11)
    for _ in range(300):
        spans = []
        for _ in range(rnd.randint(0, 8)):
            a = rnd.randint(0, 30)
            spans.append((a, a + rnd.randint(1, 8)))
        cover, inside = Cover(40, spans), within_any(spans)
        for s in range(0, 40):
            assert (s in cover) == any(a <= s < b for a, b in spans)
            for e in range(s + 1, min(40, s + 9)):
                assert cover.overlaps(s, e) == any(a < e and s < b for a, b in spans)
                assert inside(s, e) == any(a <= s and e <= b for a, b in spans)
        cuts = sorted(rnd.sample(range(50), 2 * rnd.randint(0, 6)))
        sents = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
        for pos in range(-1, 52):
            best = (0, 0)
            for s, e in sents:
                if s <= pos < e:
                    best = (s, e)
                    break
                if s <= pos:
                    best = (s, e)
            assert sentence_at(sents, pos) == best


@pytest.mark.parametrize("name", ["kg.nlp.factories", "kg.nlp.components._scan"])
def test_doctests_run(name):
    assert doctest.testmod(importlib.import_module(name)).failed == 0


def test_a_name_does_not_end_inside_a_word(nlp):
    """jieba's dictionary is used where words decide: 江阴市长泾镇 is 江阴市 + 长泾镇, not 市长 (HanLP's known cut)."""
    from kg.extract import extract_text

    record = extract_text("江苏省江阴市长泾镇推行网格化调解工作法。\n", "x.txt")
    labels = {e.label: e.cls for e in record.entities}
    assert labels.get("江阴市") == "County" and labels.get("长泾镇") == "Township"
    assert not any("市长" in label for label in labels)
