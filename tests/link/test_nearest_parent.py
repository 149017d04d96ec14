"""A place gets partOf its nearest parent the page names, not also that parent's ancestors (GUIDE)."""
from __future__ import annotations

from kg.extract import extract_text


def _part_of(record) -> set[tuple[str, str]]:
    label = {e.key: e.label for e in (*record.entities, *record.reference)}
    return {(label[r.subject], label[r.object]) for r in record.relations if r.predicate == "partOf"}


def test_village_read_alone_later_keeps_its_township():
    """木槿村 is read with its chain once and alone (parent: the article's province) once."""
    page = "青海省推进乡村治理\n\n青海省海东市乐都区碾伯镇木槿村，党员说。\n\n青海省各地推进。在木槿村，村民说。"
    links = _part_of(extract_text(page, "x.txt"))
    assert ("木槿村", "碾伯镇") in links
    assert ("木槿村", "青海省") not in links


def test_unit_named_with_a_short_form_sits_where_its_body_sits():
    """海西州 in …海西州边境管理支队 is the unit's name, no place of the page: the unit is in 青海省."""
    record = extract_text("青海出入境边防检查总站海西州边境管理支队民警巡逻。青海各地推进边境管理。", "x.txt")
    label = {e.key: e.label for e in (*record.entities, *record.reference)}
    located = {(label[r.subject], label[r.object]) for r in record.relations if r.predicate == "locatedIn"}
    assert ("青海出入境边防检查总站海西州边境管理支队", "青海省") in located



def test_station_of_a_branch_belongs_to_the_branch_only():
    """Z所 read as a unit of the branch (X局Y分局Z所) and of the city bureau: the branch is nearer."""
    from kg.link.page import _nearest_parents

    station, branch, bureau = "org:X局Y分局Z所", "org:X局Y分局", "org:X局"
    rels = {(station, "subOrganisationOf", branch): 1, (station, "subOrganisationOf", bureau): 2,
            (branch, "subOrganisationOf", bureau): 3}
    _nearest_parents(rels, {}, kb=None, predicate="subOrganisationOf")
    assert set(rels) == {(station, "subOrganisationOf", branch), (branch, "subOrganisationOf", bureau)}
