"""No rule, lexicon row, extraction test or comment names something of a gold or corpus page.

Why: the extraction must hold on pages nobody here has read; a name copied from a page
into a rule makes the page's score say nothing about unseen pages. This reads every gold
file of ``../shared/gold`` and checks that no proper name of a gold entity (or alias) is
written in the extraction code and data (``kg/nlp``, ``kg/link``, ``kg/text``,
``kg/data``: every gold file) or in the extraction tests (``tests/nlp``, ``tests/text``:
the dev gold, pages the project does not ship). Generic names are not proper names: a level word, unit
function words and a head noun (县司法局, 反诈中心, 治安大队) name a kind of body, and
the official register of central bodies (``national_bodies.tsv``, complete by its
source) and the division register are reference data, not rows picked from pages.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Extraction rules, checked against every gold file (seeds and dev).
RULES = ("kg/nlp", "kg/link", "kg/text", "kg/data")
#: Extraction tests, checked against the gold of pages not shipped with the project (dev):
#: the seeds are the project's own inputs, and tests of reading them name what they hold.
TESTS = ("tests/nlp", "tests/text")
#: Reference tables complete by their source: a name in them is no name picked from a page.
REFERENCE = ("kg/data/lexicons/national_bodies.tsv",)
SUFFIXES = (".py", ".tsv", ".jsonl", ".cfg", ".md")
LEVELS = ("自治区", "自治州", "省", "市", "盟", "州", "旗", "县", "区", "乡", "镇", "苏木", "嘎查", "村")
_STRIP = re.compile(r"[\s“”\"「」‘’'（）()·]")


@lru_cache(maxsize=1)
def _generic_parts() -> tuple[frozenset[str], frozenset[str]]:
    from kg.lexicon import patterns, words

    fns = set(words("unit_functions")) | set(words("org_generic_names", "name")) | set(words("generic_modifiers"))
    heads = {p.pattern for p in patterns("org_heads") if p.label == "ORG"}
    heads |= {p.pattern for p in patterns("scheme_heads")}
    heads |= set(words("place_heads", "head"))
    for h in list(heads):  # canonical spellings (人民法院, 人民检察院)
        p = next((p for p in patterns("org_heads") if p.pattern == h), None)
        if p is not None and p.get("canon"):
            heads.add(p.get("canon"))
    return frozenset(fns | {"人民", "公共", "法律", "治理", "服务", "党", "委"}), frozenset(heads)


def _generic(name: str) -> bool:
    """A level word, function words and a head: the name of a kind of body, no proper name."""
    fns, heads = _generic_parts()
    for lv in LEVELS:
        if name.startswith(lv) and len(name) > len(lv):
            name = name[len(lv):]
            break

    @lru_cache(maxsize=None)
    def split(rest: str) -> bool:
        if rest in heads:
            return True
        return any(rest.startswith(w) and split(rest[len(w):]) for w in fns | heads
                   if len(w) < len(rest))

    return split(name)


def _gold_names(shared: Path, pattern: str) -> set[str]:
    from kg.register.divisions import get_kb

    register = get_kb().names()
    names: set[str] = set()
    for path in sorted((shared / "gold").glob(pattern)):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for ent in gold.get("entities", []):
            for raw in [ent["name"], *ent.get("aliases", [])]:
                name = _STRIP.sub("", raw)
                if len(name) >= 4 and name not in register and not _generic(name):
                    names.add(name)
    return names


def _checked_files(tops: tuple[str, ...]):
    for top in tops:
        for path in sorted((ROOT / top).rglob("*")):
            rel = path.relative_to(ROOT).as_posix()
            if path.suffix in SUFFIXES and path.is_file() and rel not in REFERENCE \
                    and "__pycache__" not in rel and rel != "tests/test_no_corpus_names.py":
                yield rel, path.read_text(encoding="utf-8", errors="ignore")


def test_generic_names_are_told_from_proper_names():
    assert _generic("县司法局") and _generic("反诈中心") and _generic("治安大队")
    assert not _generic("木槿村党支部") and not _generic("“银杏课堂”")


@pytest.mark.parametrize("tops, gold", [(RULES, "*/*.json"), (TESTS, "dev/*.json")], ids=["rules", "tests"])
def test_no_gold_name_in_rules_or_extraction_tests(shared_dir, tops, gold):
    names = _gold_names(shared_dir, gold)
    if not names:
        pytest.skip(f"no gold files matching ../shared/gold/{gold}")
    hits = sorted({(rel, n) for rel, text in _checked_files(tops) for n in names if n in text})
    assert not hits, f"gold names written in {', '.join(tops)}: {hits}"
