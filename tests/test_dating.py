"""kg.dating: page dates and stated times put on the record, never guessed."""
from __future__ import annotations

from kg.dating import date_record
from kg.records import DocumentMeta, Evidence, FileRecord, Relation

SENT = "去年3月，某镇推行甲乙模式。"


def _record(*rels: Relation, date: str = "") -> FileRecord:
    return FileRecord("x.txt", "0" * 64, 20, relations=rels, meta=DocumentMeta(date=date))


def _rel(pred: str = "implementedIn", sentence: str = SENT) -> Relation:
    subject = "scheme:甲乙模式" if pred != "locatedIn" else "org:某镇政府"
    return Relation(subject, pred, "place:某镇", 0, Evidence(0, len(sentence), sentence))


def test_dating_masthead_dates_page_and_resolves():
    out = date_record(_record(_rel()), "某报\n2023年5月12日 星期五\n" + SENT)
    assert (out.meta.date, out.meta.date_text) == ("2023-05-12", "2023年5月12日星期五")  # normalised
    ev = out.relations[0].evidence
    assert (ev.time, ev.time_text) == ("2022-03", "去年3月")


def test_dating_front_matter_wins_over_masthead():
    out = date_record(_record(_rel(), date="2024-01-02"), "2023年5月12日 星期五\n" + SENT)
    assert out.meta.date == "2024-01-02" and out.meta.date_text == ""
    assert out.relations[0].evidence.time == "2023-03"


def test_dating_undated_page_keeps_stated_text():
    out = date_record(_record(_rel()), SENT)
    ev = out.relations[0].evidence
    assert out.meta.date == "" and (ev.time, ev.time_text) == ("", "去年3月")


def test_dating_only_scheme_relations_and_stated_times():
    rels = (_rel("locatedIn"), _rel("adaptedFrom"), _rel("implementedBy", "某镇推行甲乙模式。"),
            Relation("division:1", "partOf", "division:2"))
    out = date_record(_record(*rels), "2023年5月12日 星期五")
    assert [(r.evidence.time_text if r.evidence else None) for r in out.relations] == \
        ["", "去年3月", "", None]


def test_dating_doctests():
    import doctest

    import kg.dating

    result = doctest.testmod(kg.dating)
    assert result.failed == 0 and result.attempted > 0
