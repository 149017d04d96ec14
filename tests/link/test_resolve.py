"""Place resolution by page context and anaphora, on the path the build takes.

A register surface is read as the gazetteer reads it: its kinds full, abbrev and stem in
turn through the context's readings (``ctx.readings.division``, :class:`kg.link.readings.Readings`,
which the page linker hands to the pipeline with every context), the first that resolves,
with the page context of :func:`page_context`. Context places are given by code and named on the "page" by their
register name, so no place name is written here that the codes do not already imply.
"""
from __future__ import annotations

import pytest

from kg.context import ArticleContext, Ref, Subject
from kg.register.divisions import get_kb
from kg.link.page import PageLinker
from kg.link.resolve import anaphor_target, page_context, resolve_division
from kg.nlp.components.gazetteer import register_matches, scan_register
from kg.text.normalize import normalize


@pytest.fixture(scope="module")
def kb():
    return get_kb()


def _read(kb, surface: str, named: tuple[str, ...] = ()) -> str | None:
    """Code of the division ``surface`` stands for on a page naming the places ``named`` in full.

    A stem standing alone (no ordinary word around it) may be a prefecture's, as in the
    gazetteer.
    """
    province, codes = page_context(kb, [(kb.get(code).name, "full") for code in named])
    ctx = ArticleContext(province=province, context_codes=codes)
    kinds = {m.kind for m in kb.lookup(surface)}
    for kind in ("full", "abbrev", "stem"):
        if kind in kinds:
            div = ctx.readings.division(surface, kind, stem_prefecture=kind == "stem")
            if div is not None:
                return div.code
    return None


def test_resolve_page_context_gives_province(kb):
    prov, codes = page_context(kb, [("赤峰市", "full"), ("克什克腾旗", "full")])
    assert prov == "150000000000" and "150400000000" in codes


def test_resolve_stem_needs_context(kb):
    assert ArticleContext().readings.division("克什克腾", "stem") is None
    _, codes = page_context(kb, [("克什克腾旗", "full")])
    div = ArticleContext(context_codes=codes).readings.division("克什克腾", "stem")
    assert div is not None and div.name == "克什克腾旗"
    assert resolve_division(kb, "克什克腾", "stem", ArticleContext(context_codes=codes)) is div


@pytest.mark.parametrize(
    ("surface", "n"),
    [("普陀区", 2), ("兴安", 3), ("城关镇", 82), ("平安乡", 3), ("阿旗", 2)],
)
def test_resolve_ambiguous_surfaces_need_context(kb, surface, n):
    assert len(kb.lookup(surface)) == n
    assert _read(kb, surface) is None


@pytest.mark.parametrize(
    ("surface", "named", "expected"),
    [
        ("普陀区", ("330000",), "330903000000"),  # the one in 浙江
        ("普陀区", ("310000",), "310107000000"),  # the one in 上海
        ("兴安", ("450000",), "450325000000"),  # stem, resolved inside 广西
        ("兴安", ("150000",), "152200000000"),  # stem of the league inside 内蒙古
        ("矿区", ("140300",), "140303000000"),
        ("通辽", ("150000",), "150500000000"),
        # a sibling county names the province too (page context holds ancestors), and a
        # prefecture's stem standing alone is read inside the page province
        ("通辽", ("152502",), "150500000000"),
        ("通辽", ("630000",), None),  # no support in another province
        ("锡林郭勒", (), "152500000000"),  # an abbreviation needs no context
        ("海南", (), "460000000000"),  # abbreviation beats stems
        ("青海", ("632500",), "630000000000"),  # contains the context place
    ],
)
def test_resolve_with_context(kb, surface, named, expected):
    assert _read(kb, surface, named) == expected


# Readings are ranked by how specific the page's support is: the deepest named place wins.
@pytest.mark.parametrize("surface, named, expected", [
    ("城关镇", ("150123",), "150123100000"),  # several 城关镇 in the province, one in the county
    ("鼓楼区", ("320300",), "320302000000"),  # two 鼓楼区 in the province, one in the city named
])
def test_resolve_most_specific_support_wins(kb, surface, named, expected):
    assert _read(kb, surface, named) == expected


@pytest.mark.xfail(strict=True, reason="a nationally unique abbreviation is taken before the stem of a context place")
def test_resolve_context_place_itself_beats_abbreviation(kb):
    assert _read(kb, "海南", ("632500",)) == "632500000000"


@pytest.mark.parametrize("surface", ["通辽", "兴安", "普陀区"])
def test_resolve_needs_context(kb, surface):
    assert _read(kb, surface) is None


def test_resolve_ignores_unknown_context(kb):
    ctx = ArticleContext(context_codes=frozenset({"000000000000", "xyz"}))
    assert resolve_division(kb, "锡林郭勒盟", "full", ctx).code == "152500000000"
    assert page_context(kb, [("不是地名", "full"), ("xyz", "abbrev")]) == (None, frozenset())


def test_resolve_anaphor_level_must_fit():
    ctx = ArticleContext(place=Subject(Ref.division("150425000000"), "克什克腾旗", "County", "150425000000"))
    assert anaphor_target("该旗", ctx).label == "克什克腾旗"
    assert anaphor_target("该县", ctx) is None


def _linker(kb, page: str) -> PageLinker:
    return PageLinker(kb, normalize(page), register_matches, scan_register)


def test_linker_contexts_read_a_stem_the_page_names_in_full(kb):
    """The page linker's context (what the build hands the pipeline) reads a stem of a place the page names."""
    linker = _linker(kb, "克什克腾旗召开会议。")
    assert linker.context(0).readings.division("克什克腾", "stem").code == "150425000000"
    assert _linker(kb, "召开会议。").context(0).readings.division("克什克腾", "stem") is None


def test_linker_contexts_read_anaphora_of_the_article_subject(kb):
    """该旗 is the subject banner, 该市 its prefecture (the level words the linker built), 该县 nothing."""
    linker = _linker(kb, "克什克腾旗召开会议。")
    place = Subject(Ref.division("150425000000"), "克什克腾旗", "County", "150425000000")
    read = linker.context(1, place=place).readings
    assert read.anaphor("该旗") == place
    assert read.anaphor("该市").code == kb.ancestors("150425000000")[0].code
    assert read.anaphor("该县") is None
    assert linker.context(1).readings.anaphor("该旗") is None  # no subject place
