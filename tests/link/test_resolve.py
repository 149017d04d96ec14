"""Place resolution by page context and anaphora."""
from __future__ import annotations

from kg.link.divisions import get_kb
from kg.link.resolve import anaphor_target, page_context, resolve_division
from kg.link.context import ArticleContext, Subject


def test_resolve_page_context_gives_province():
    prov, codes = page_context(get_kb(), [("赤峰市", "full"), ("克什克腾旗", "full")])
    assert prov == "150000000000" and "150400000000" in codes


def test_resolve_stem_needs_context():
    kb = get_kb()
    assert resolve_division(kb, "克什克腾", "stem", ArticleContext()) is None
    _, codes = page_context(kb, [("克什克腾旗", "full")])
    div = resolve_division(kb, "克什克腾", "stem", ArticleContext(context_codes=codes))
    assert div is not None and div.name == "克什克腾旗"


def test_resolve_anaphor_level_must_fit():
    ctx = ArticleContext(place=Subject("division:150425000000", "克什克腾旗", "County", "150425000000"))
    assert anaphor_target("该旗", ctx).label == "克什克腾旗"
    assert anaphor_target("该县", ctx) is None
