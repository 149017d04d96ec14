"""Hand-made FileRecords about places in no gold file (通辽市, 赤峰市, 锡林郭勒盟)."""
from __future__ import annotations

import pytest

from kg.records import Article, Entity, Evidence, FileRecord, Relation

NM = Entity("division:150000000000", "Province", "内蒙古自治区", ("内蒙古",), code="150000000000",
            pinyin="Nei Mongol Zizhiqu")
TONGLIAO = Entity("division:150500000000", "Prefecture", "通辽市", (), articles=(0,),
                  code="150500000000", parent="division:150000000000", pinyin="Tongliao Shi")
CHIFENG = Entity("division:150400000000", "Prefecture", "赤峰市", (), articles=(0, 1),
                 code="150400000000", parent="division:150000000000", pinyin="Chifeng Shi")
ORG = Entity("org:通辽市委政法委", "Organisation", "通辽市委政法委", ("市委政法委",), articles=(0,))
SCHEME = Entity("scheme:“草原卫士”工作法", "Initiative", "“草原卫士”工作法", ("草原卫士工作法",),
                articles=(0,))
AWARD = Entity("award:全区平安建设先进集体", "Award", "全区平安建设先进集体", (), articles=(1,))

SENT1 = "通辽市委政法委借鉴赤峰市经验,推行“草原卫士”工作法。"
TEXT_A = "示例标题\n" + SENT1 + "\n第二篇\n赤峰市荣获全区平安建设先进集体称号。"


def record_a() -> FileRecord:
    s1 = TEXT_A.index(SENT1)
    s2 = TEXT_A.index("赤峰市荣获")
    ev1 = Evidence(s1, s1 + len(SENT1), SENT1)
    ev2 = Evidence(s2, len(TEXT_A), "赤峰市荣获全区平安建设先进集体称号。")
    return FileRecord(
        file_name="900_test_a.txt", sha256="a" * 64, text_length=len(TEXT_A),
        articles=(Article(0, "示例标题", 0, s1 + len(SENT1), byline="本报记者●某某",
                          about="division:150500000000"),
                  Article(1, "第二篇", s1 + len(SENT1) + 1, len(TEXT_A))),
        entities=(CHIFENG, TONGLIAO, ORG, SCHEME, AWARD),
        relations=(
            Relation("division:150400000000", "awarded", "award:全区平安建设先进集体", 1, ev2),
            Relation("org:通辽市委政法委", "locatedIn", "division:150500000000", 0, ev1),
            Relation("scheme:“草原卫士”工作法", "adaptedFrom", "division:150400000000", 0, ev1),
            Relation("scheme:“草原卫士”工作法", "implementedBy", "org:通辽市委政法委", 0, ev1),
            Relation("division:150500000000", "partOf", "division:150000000000"),
        ),
        reference=(NM,),
    )


def record_b() -> FileRecord:
    text = "锡林郭勒盟学习“草原卫士”工作法。"
    return FileRecord(
        file_name="901_test_b.txt", sha256="b" * 64, text_length=len(text),
        articles=(Article(0, "学习", 0, len(text), about="division:152500000000"),),
        entities=(Entity("division:152500000000", "Prefecture", "锡林郭勒盟", ("锡盟",), (0,),
                         code="152500000000", parent="division:150000000000",
                         pinyin="Xilin Gol Meng"),
                  Entity("scheme:“草原卫士”工作法", "Programme", "“草原卫士”工作法", (), (0,))),
        relations=(Relation("scheme:“草原卫士”工作法", "implementedIn", "division:152500000000", 0,
                            Evidence(0, len(text), text)),),
        reference=(NM,),
    )


@pytest.fixture()
def records() -> list[FileRecord]:
    """Two files: 900_test_a.txt (two articles) and 901_test_b.txt (one)."""
    return [record_a(), record_b()]


@pytest.fixture()
def text_a() -> str:
    """The source text that record_a's offsets point into."""
    return TEXT_A


@pytest.fixture()
def rec_b() -> FileRecord:
    return record_b()


@pytest.fixture()
def make_records():
    """The record factories, for tests that alter a record."""
    return record_a, record_b
