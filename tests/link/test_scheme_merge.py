"""One scheme named on a page with its full head and again with the head cut short."""
from __future__ import annotations

from kg.extract import extract_text


def _schemes(page: str) -> dict[str, tuple[str, ...]]:
    record = extract_text(page, "x.txt")
    return {e.label: e.aliases for e in record.entities if e.cls in ("Programme", "Initiative")}


def test_shorter_head_is_an_alias_of_the_fuller_name():
    """“X”供热服务热线 … “X”热线: one scheme under the fullest name the text writes."""
    page = ("# 乐都区开通供热热线\n\n乐都区今冬开通“木槿速办”供热服务热线。"
            "乐都区住建局牵头开通“木槿速办”热线，群众反映的问题限时办结。")
    schemes = _schemes(page)
    assert list(schemes) == ["“木槿速办”供热服务热线"]
    assert "“木槿速办”热线" in schemes["“木槿速办”供热服务热线"]


def test_same_quote_with_heads_that_do_not_nest_stays_two_schemes():
    """“X”工作法 and “X”协商机制 share a quotation but neither head ends the other: two schemes."""
    page = ("# 乐都区推行新做法\n\n乐都区推行“木槿议事”工作法，还建立“木槿议事”协商机制。")
    assert set(_schemes(page)) == {"“木槿议事”工作法", "“木槿议事”协商机制"}
