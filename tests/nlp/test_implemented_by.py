"""implementedBy: the body running a scheme, read from the clause's subject and the paragraph's topic.

Crafted sentences; names appear in no gold or corpus file.
"""
from __future__ import annotations

import pytest

from tests.nlp.doc_views import _rels

_PLACE = "克什克腾旗"
_BUREAU = "克什克腾旗司法局"
_COURT = "克什克腾旗人民法院"


@pytest.mark.parametrize("text, expected", [
    # a dropped subject is carried over from the sentence that opened the paragraph
    (f"{_BUREAU}深化诉源治理。同时，全面推行“暖心解纷”工作机制。", [_BUREAU]),
    # a body standing as a list item (成立A，B，…) is no subject: the paragraph's topic runs it
    (f"{_BUREAU}深化诉源治理；成立克什克腾旗法律援助中心，克什克腾旗调解中心，推行“暖心解纷”工作机制。",
     [_BUREAU]),
    # a body inside the predicate is an object, not the agent
    (f"健全{_BUREAU}调解机制，推行“暖心解纷”工作机制。", []),
    # a place opening a later sentence takes the topic over
    (f"{_BUREAU}深化诉源治理。{_PLACE}推行“暖心解纷”工作机制。", []),
    # the topic does not cross a paragraph
    (f"{_BUREAU}深化诉源治理。\n全面推行“暖心解纷”工作机制。", []),
    # 在X的领导下: the body leads the work wherever it stands
    (f"在{_BUREAU}的领导下，各苏木镇推行“暖心解纷”工作机制。", [_BUREAU]),
    # co-ordinated subjects run it together
    (f"{_COURT}与{_BUREAU}联合推行“暖心解纷”工作机制。", [_BUREAU, _COURT]),
    # the clause's own subject wins over the paragraph's topic
    (f"{_BUREAU}深化诉源治理。{_COURT}推行“暖心解纷”工作机制。", [_COURT]),
])
def test_implemented_by(analyse, text, expected):
    got = [o for s, o in _rels(analyse(text, _PLACE), "implementedBy") if "暖心解纷" in s]
    assert got == sorted(expected)

