"""Every evidence of every relation of the seeds points at its sentence in the source file."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def _plain(text: str) -> str:
    """Compared without layout: no whitespace (OCR breaks), compatibility forms and quotes folded (？ = ?, “ = ")."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return "".join(text.split())


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_evidence_offsets_give_the_evidence_sentence(path):
    from kg.extract import extract_text

    source = path.read_text(encoding="utf-8")
    record = extract_text(source, path.name)
    checked = 0
    for rel in record.relations:
        ev = rel.evidence
        if ev is None:
            continue  # register facts (partOf from the division tree) have no sentence
        assert 0 <= ev.start < ev.end <= len(source)
        span, sentence = _plain(source[ev.start:ev.end]), _plain(ev.sentence)
        # the span starts and ends with the sentence and holds it in order (the source may
        # also hold what normalisation took out: markup such as ###, a caption line inside it)
        assert span[:1] == sentence[:1] and span[-1:] == sentence[-1:], (rel.subject, rel.predicate, rel.object)
        assert _in_order(sentence, span), (rel.subject, rel.predicate, rel.object)

        checked += 1
    assert checked >= 10
