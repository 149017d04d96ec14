"""Award recogniser: triggers, quoted and unquoted honours, the awardee."""
from __future__ import annotations

import pytest

from kg.link.canonical import key_of


def _awarded(doc):
    labels = {m.ref: m.label for m in doc._.kg_mentions}
    return sorted((key_of(r.subject), labels.get(r.object)) for r in doc._.kg_relations if r.predicate == "awarded")


@pytest.mark.parametrize("text, expected", [
    ("克什克腾旗先后荣获“国家卫生县城”“全区双拥模范旗县”等荣誉称号。",
     [("division:150425000000", "全区双拥模范旗县"), ("division:150425000000", "国家卫生县城")]),
    ("克什克腾旗委政法委被自治区评为“全区平安建设先进集体”。",
     [("org:克什克腾旗委政法委", "全区平安建设先进集体")]),
    ("55个集体、166名个人荣获国家、自治区及市级表彰。", []),
    # 把 designates a thing (a day), no place or body: no honour
    ("克什克腾旗把每周五下午定为“说事日”，干部都在长廊值班。", []),
])
def test_awards_awardee(analyse, text, expected):
    assert _awarded(analyse(text, "克什克腾旗")) == expected
