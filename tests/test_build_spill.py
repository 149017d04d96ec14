"""A build whose per-key tables spill to disk writes the same bytes as one that keeps them.

The merge and the assembler keep tables per entity key for the whole build; past
``spill_after`` entries they move to a temporary SQLite file (:mod:`kg.io.spill`). Forced
to spill every few keys, the seeds, the crafted merge pages and synthetic pages (invented
names) must give the same TriG, entity counts and merge report, and leave no file behind.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

import kg.build
from kg.build import build, process_file
from kg.io.spill import Spill

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[Path]:
    """The seeds, the crafted merge pages and 24 synthetic pages."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synth_pages import write_pages
    finally:
        sys.path.remove(str(ROOT / "bench"))
    synth = tmp_path_factory.mktemp("synth")
    write_pages(synth, 24, seed=17)
    return [ROOT / "seeds", ROOT / "tests" / "data" / "merge", synth]


@pytest.fixture(scope="module")
def process():
    """process_file, each file extracted once for all the builds of this module."""
    done = {}

    def run(path: Path):
        if path not in done:
            done[path] = process_file(path)
        return done[path]
    return run


def test_build_spilled_every_few_keys_gives_the_same_bytes(sources, process, tmp_path, monkeypatch):
    spills: list[Spill] = []

    class Recorded(Spill):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            spills.append(self)

    monkeypatch.setattr(kg.build, "Spill", Recorded)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = {}
    for limit in (None, 3, 40):
        out[limit] = tmp_path / f"spill-{limit}.trig"
        summary = build(sources, out[limit], process=process, spill_after=limit)
        out[limit, "summary"] = (summary.entities, summary.merges, summary.triples)
    assert [s.spilled > 0 for s in spills] == [False, True, True]
    assert spills[1].spilled > spills[2].spilled > 0
    assert sum(out[None, "summary"][0].values()) > 500 and out[None, "summary"][1]   # merges made
    for limit in (3, 40):
        assert out[limit].read_bytes() == out[None].read_bytes()
        assert out[limit, "summary"] == out[None, "summary"]
    assert list(scratch.glob(".govkg-spill*")) == []   # the spill files are gone
