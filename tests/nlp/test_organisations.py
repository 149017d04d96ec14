"""Organisation grammar: place + head, level words, units, named bodies, negatives."""
from __future__ import annotations

import pytest


def _orgs(doc):
    return sorted(m.label for m in doc._.kg_mentions if m.family == "organisation" and m.entity)


@pytest.mark.parametrize("text, place, body, head, expected", [
    ("通辽市科尔沁区检察院开展公益诉讼。", None, None, "", ["科尔沁区人民检察院"]),
    ("赤峰市委和克什克腾旗委高度重视。", None, None, "", ["克什克腾旗委", "赤峰市委"]),
    ("克什克腾旗委政法委牵头推动。", None, None, "", ["克什克腾旗委", "克什克腾旗委政法委"]),  # the committee before its working body (GUIDE)
    ("在新一届旗委、旗政府的领导下。", "克什克腾旗", None, "", ["克什克腾旗委", "克什克腾旗政府"]),
    ("以旗级公共法律服务中心为主导。", "克什克腾旗", None, "", ["克什克腾旗公共法律服务中心"]),
    ("禁毒大队在学校开展宣传。", "克什克腾旗", "克什克腾旗公安局", "公安局",
     ["克什克腾旗公安局禁毒大队"]),
    ("经棚派出所在学校开展宣传。", "克什克腾旗", "克什克腾旗公安局", "公安局", ["经棚派出所"]),
    ("成立“草原轻骑”宣讲队。", "克什克腾旗", None, "", ["“草原轻骑”宣讲队"]),
    ("派出所民警走访群众。", "克什克腾旗", None, "", []),
    ("检察机关和政法各单位协同。", "克什克腾旗", None, "", []),
    ("全旗5个法官联系点全部运行。", "克什克腾旗", None, "", []),
])
def test_organisations_labels(analyse, text, place, body, head, expected):
    assert _orgs(analyse(text, place, body, head)) == expected


def test_organisations_stem_inside_name_is_no_place(analyse):
    doc = analyse("经棚派出所民警入户走访。", "克什克腾旗")
    assert not [m for m in doc._.kg_mentions if m.family == "place" and m.entity]
