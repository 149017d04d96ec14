"""Session fixtures shared by the whole suite.

Package-specific fixtures live in ``tests/<package>/conftest.py``; this file holds only
what several packages need: paths, the shared gold (skipped with a reason when
``../shared`` is absent) and the seeds graph, built once per session.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the clone (CI has it); tests needing it skip otherwise."""
    if not (SHARED / "gold" / "seeds").is_dir():
        pytest.skip("../shared (gold and scorer) is not beside this clone")
    return SHARED


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory) -> Path:
    """The seeds built once into a TriG dataset by the real ``kg.build`` path."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds") / "seeds.trig"
    build([SEEDS], out)
    return out


DATED = ROOT / "tests" / "data" / "dated"


@pytest.fixture(scope="session")
def dated_graph(tmp_path_factory) -> Path:
    """The crafted dated pages (front matter; invented names) built by ``kg.build``.

    801 (2023-03-14): two schemes in 沅陵县; 802 (2024-11-02): one of them in 溆浦县;
    803: front matter that does not parse, so undated.
    """
    from kg.build import build

    out = tmp_path_factory.mktemp("dated") / "dated.trig"
    build([DATED], out)
    return out


TIMELINE = ROOT / "tests" / "data" / "timeline"


@pytest.fixture(scope="session")
def timeline_graph(tmp_path_factory) -> Path:
    """The crafted pages of stated times (invented scheme names), built by ``kg.build``.

    901: masthead 2023-05-12 (weekday), “2019年以来” in 慈利县; 902: dateline 本报3月8日讯
    with the masthead's year 2024, 桑植县 learns the scheme from 慈利县 “去年3月”; 903:
    undated, “今年以来” kept as text; 904: edition line 2025-01-02, 武陵源区 learns it
    from 桑植县 in “2024年6月”, and runs a second scheme for “近三年”; 905: undated,
    “2021年起，全县推行…” (the place only by 全县: the time is on the relation's own evidence).
    """
    from kg.build import build

    out = tmp_path_factory.mktemp("timeline") / "timeline.trig"
    build([TIMELINE], out)
    return out


MERGE_PAGES = ROOT / "tests" / "data" / "merge"


@pytest.fixture(scope="session")
def merge_builds(tmp_path_factory) -> dict[str, Path]:
    """The crafted merge pages built without and with cross-page merging (invented schemes).

    951: “溪声议事”工作机制 and “山桥护航”专项行动 in 慈利县; 952: “溪声议事”建设 (the same
    scheme, head of one class) and “山桥护航”工作法 (another class: another scheme).
    """
    from kg.build import build

    folder = tmp_path_factory.mktemp("merge")
    out = {}
    for name, merge in (("before", False), ("after", True)):
        out[name] = folder / f"{name}.trig"
        build([MERGE_PAGES], out[name], merge=merge)
    return out
