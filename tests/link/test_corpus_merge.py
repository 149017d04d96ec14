"""Cross-page merging (kg.link.corpus_merge): each rule, overrides, stable keys; made-up names."""
from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.link.corpus_merge import CorpusMerger, Overrides, read_overrides
from kg.records import Entity, Evidence, FileRecord, Relation

CITY = Entity("division:439900000000", "Prefecture", "甲山市")
TOWN = Entity("division:439901000000", "County", "乙水区", parent="division:439900000000")
OTHER = Entity("division:439902000000", "County", "丙林县", parent="division:439900000000")


def _rec(name: str, *ents: Entity, rels: tuple[Relation, ...] = ()) -> FileRecord:
    return FileRecord(name, "0" * 64, 10, entities=tuple(sorted(ents)), relations=tuple(sorted(rels)),
                      reference=(CITY, TOWN, OTHER))


def _org(label: str) -> Entity:
    return Entity(f"org:{label}", "Organisation", label)


def _scheme(label: str, cls: str = "Initiative") -> Entity:
    return Entity("scheme:" + label.replace("“", "").replace("”", ""), cls, label)


def _seat(org: Entity, place: Entity) -> Relation:
    return Relation(org.key, "locatedIn", place.key, 0, Evidence(0, 5, "……"))


def _keys(merger: CorpusMerger, *records: FileRecord) -> list[list[str]]:
    return [[e.key for e in merger.apply(r).entities if not e.key.startswith("division:")]
            for r in records]


@pytest.mark.parametrize("first, second, merged, rule", [
    (_org("乙水区人民法院"), _org("乙水区法院"), True, "name"),
    (_org("中共乙水区委"), _org("乙水区委"), True, "name"),
    (_scheme("“云溪·议事”工作法"), _scheme("“云溪议事”工作法"), True, "name"),
    (_scheme("“云溪议事”工作机制"), _scheme("“云溪议事”建设", "Programme"), True, "head"),
    (_scheme("“云溪议事”"), _scheme("“云溪议事”工作法"), True, "head"),
    (_scheme("“云溪议事”专项行动", "Programme"), _scheme("“云溪议事”工作法"), False, ""),
    (_scheme("“云溪议事”大会"), _scheme("“云溪议事”工作法"), False, ""),   # head not in the table
    (_org("乙水区公安局"), _org("乙水区检察院"), False, ""),
])
def test_corpus_merge_rules(first, second, merged, rule):
    m = CorpusMerger()
    (k1,), (k2,) = _keys(m, _rec("a.txt", first), _rec("b.txt", second))
    assert (k1 == k2) is merged and k1 == first.key
    rows = {r["key"]: r["rule"] for r in m.report_rows()}
    assert rows.get(second.key, "") == rule


def test_corpus_merge_place_rule_needs_compatible_seats():
    full, short = _org("甲山市乙水区公安局"), _org("乙水区公安局")
    m = CorpusMerger()
    out = _keys(m, _rec("a.txt", full, TOWN, rels=(_seat(full, TOWN),)),
                _rec("b.txt", short, TOWN, rels=(_seat(short, TOWN),)))
    assert out == [[full.key], [full.key]]
    assert {r["key"]: r["rule"] for r in m.report_rows()}[short.key] == "place"
    # the same short name seated in another county is another body
    m = CorpusMerger()
    out = _keys(m, _rec("a.txt", full, TOWN, rels=(_seat(full, TOWN),)),
                _rec("b.txt", short, OTHER, rels=(_seat(short, OTHER),)))
    assert out == [[full.key], [short.key]]


def test_corpus_merge_place_rule_front_must_be_places():
    full, short = _org("甲山市交通局乙水区公安局"), _org("乙水区公安局")   # front holds a body
    m = CorpusMerger()
    out = _keys(m, _rec("a.txt", full, rels=(_seat(full, TOWN),)),
                _rec("b.txt", short, rels=(_seat(short, TOWN),)))
    assert out == [[full.key], [short.key]]


@pytest.mark.parametrize("long_label, merged", [
    ("甲山市乙水区公安局", True),        # only places in front
    ("甲山市交通局乙水区公安局", False),  # a body in front
    ("共青团乙水区公安局", False),        # (made up) a league's prefix is no place
])
def test_corpus_merge_place_rule_when_the_short_name_comes_first(long_label, merged):
    """The long form met after the short one is judged by its own name (a new key has no label yet)."""
    short, full = _org("乙水区公安局"), _org(long_label)
    m = CorpusMerger()
    out = _keys(m, _rec("a.txt", short, rels=(_seat(short, TOWN),)),
                _rec("b.txt", full, rels=(_seat(full, TOWN),)))
    assert (out == [[short.key], [short.key]]) is merged


def test_corpus_merge_overrides_keep_apart_and_merge():
    over = read_overrides("keep_apart\t“云溪议事”工作机制\t“云溪议事”建设\n"
                          "merge\t丁队\t乙水区护河队\n")
    m = CorpusMerger(over)
    out = _keys(m, _rec("a.txt", _scheme("“云溪议事”工作机制"), _org("乙水区护河队")),
                _rec("b.txt", _scheme("“云溪议事”建设", "Programme"), _org("丁队")))
    assert out == [["org:乙水区护河队", "scheme:云溪议事工作机制"], ["org:乙水区护河队", "scheme:云溪议事建设"]]
    assert {r["key"]: r["rule"] for r in m.report_rows()}["org:丁队"] == "override"


def test_corpus_merge_renames_relations_and_keeps_other_keys():
    a, b = _scheme("“云溪议事”工作机制"), _scheme("“云溪议事”建设", "Programme")
    keep = _scheme("“晴川”模式")
    m = CorpusMerger()
    m.apply(_rec("a.txt", a))
    rel = Relation(b.key, "implementedIn", TOWN.key, 0, Evidence(0, 5, "……"))
    self_rel = Relation(b.key, "implementedBy", a.key, 0, Evidence(0, 5, "……"))   # becomes a→a
    out = m.apply(_rec("b.txt", a, b, keep, TOWN, rels=(rel, self_rel)))
    assert [r.subject for r in out.relations] == [a.key]
    ents = {e.key: e for e in out.entities}
    assert keep.key in ents and b.key not in ents
    assert "“云溪议事”建设" in ents[a.key].aliases


def test_corpus_merge_bad_override_line():
    with pytest.raises(UsageError, match=r"my.tsv, line 2: expected 'keep_apart' or 'merge'"):
        read_overrides("# ok\nsplit\tA\tB\n", "my.tsv")


def test_corpus_merge_no_merge_without_rule_gives_same_record():
    m = CorpusMerger()
    rec = _rec("a.txt", _org("乙水区公安局"))
    assert m.apply(rec) is rec and m.report_rows() == []


def test_corpus_merge_doctests():
    import doctest

    import kg.link.corpus_merge
    import kg.link.merge_report

    for mod in (kg.link.corpus_merge, kg.link.merge_report):
        assert doctest.testmod(mod).failed == 0


def test_corpus_merge_lone_keys_keep_first_page_until_joined():
    # memory: a key no other joins keeps only its first page and names; from the moment
    # a second key joins, every page of both counts
    court, short = _org("乙水区人民法院"), _org("乙水区法院")
    alone = _org("丙林县司法局")
    m = CorpusMerger()
    _keys(m, _rec("a.txt", court, alone), _rec("b.txt", court, alone),
          _rec("c.txt", short), _rec("d.txt", court, alone))
    rows = {r["key"]: r for r in m.report_rows()}
    assert sorted(rows) == [court.key, short.key]
    assert rows[court.key]["files"] == "a.txt|d.txt" and rows[short.key]["files"] == "c.txt"
    assert rows[short.key]["names"] == "乙水区法院" and rows[court.key]["rule"] == "first"
    assert list(m.clusters) == [court.key] and m.canon == {short.key: court.key}
