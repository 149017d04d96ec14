"""extract_text on a real seed: known facts, sorted records, determinism."""
from __future__ import annotations

import pytest

from kg.records import FileRecord


@pytest.fixture(scope="module")
def seed000(seeds_dir):
    from kg.extract import extract_text

    path = seeds_dir / "000_b6e0c8eb3083d629.txt"
    return path.read_text(encoding="utf-8"), extract_text(path.read_text(encoding="utf-8"), path.name)


def test_extract_scheme_implemented_in_banner(seed000):
    _, rec = seed000
    labels = {e.key: e.label for e in rec.entities}
    facts = {(labels[r.subject], r.predicate, labels[r.object]) for r in rec.relations}
    assert ("“1+3+3”社会治理模式", "implementedIn", "乌拉特后旗") in facts
    assert ("乌拉特后旗", "partOf", "巴彦淖尔市") in facts


def test_extract_evidence_points_into_source(seed000):
    text, rec = seed000
    ev = next(r.evidence for r in rec.relations if r.evidence is not None)
    assert 0 <= ev.start < ev.end <= len(text)
    assert "".join(text[ev.start:ev.end].split())[:4] == "".join(ev.sentence.split())[:4]


def test_extract_register_keys_and_reference(seed000):
    _, rec = seed000
    banner = next(e for e in rec.entities if e.label == "乌拉特后旗")
    assert banner.key == "division:150825000000" and banner.cls == "County"
    assert banner.parent == "division:150800000000"
    assert rec.articles and rec.articles[0].about == banner.key


def test_extract_is_deterministic_and_sorted(seed000):
    from kg.extract import extract_text

    text, rec = seed000
    again = extract_text(text, "000_b6e0c8eb3083d629.txt")
    assert isinstance(rec, FileRecord) and again == rec
    assert list(rec.entities) == sorted(rec.entities)
