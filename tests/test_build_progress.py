"""kg.build: progress inside a long file (issue 12, item 8)."""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def long_file(tmp_path_factory) -> Path:
    """Eight synthetic pages (invented names) as one line of ≈ 85k characters."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synth_pages import synth_page
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text("".join(synth_page(i, seed=5)[1].replace("\n", "") for i in range(8)), encoding="utf-8")
    return path


def _percentages(lines: list[str], name: str) -> list[int]:
    return [int(m.group(1)) for ln in lines if (m := re.search(rf"{re.escape(name)}: (\d+)% of [\d,]+ characters", ln))]


def test_build_progress_inside_a_long_file(long_file, tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="kg.build"):
        summary = build([long_file], tmp_path / "g.nq")
    assert summary.ok and summary.articles == 1
    pcts = _percentages([r.getMessage() for r in caplog.records], str(long_file))
    assert len(pcts) >= 3 and pcts == sorted(pcts) and all(0 < p < 100 for p in pcts)


def test_build_no_progress_for_ordinary_pages(seeds_dir, tmp_path, caplog):
    page = sorted(seeds_dir.glob("*.txt"))[0]
    with caplog.at_level(logging.INFO, logger="kg.build"):
        build([page], tmp_path / "g.nq")
    assert [r for r in caplog.records if r.name == "kg.build"] == []


@pytest.mark.slow
def test_build_progress_from_pool_workers_reaches_stderr(long_file, tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(long_file), "--out", str(tmp_path / "g.nq"),
                           "--workers", "2", "--no-cache"], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("build: ")]
    assert len(_percentages(lines, str(long_file))) >= 3
