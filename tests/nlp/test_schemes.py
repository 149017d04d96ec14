"""Scheme recogniser: quoted names with heads, launch verbs, series, stoplist negatives."""
from __future__ import annotations

import pytest


def _schemes(doc):
    return sorted((m.label, m.cls) for m in doc._.kg_mentions if m.family == "scheme")


@pytest.mark.parametrize("text, expected", [
    ("克什克腾旗推行“草原110”社会治理模式。", [("“草原110”社会治理模式", "Initiative")]),
    ("深入开展“护航春耕”“平安牧区”两个专项行动。",
     [("“平安牧区”专项行动", "Programme"), ("“护航春耕”专项行动", "Programme")]),
    ("打造“红石榴”“马背普法”等品牌。", [("“红石榴”", "Initiative"), ("“马背普法”", "Initiative")]),
    ("以“草原网格法”为统领。", [("“草原网格法”", "Initiative")]),
    ("持续开展“百日清查”，成效明显。", [("“百日清查”", "Programme")]),
    ("组成的5+N调解模式运行良好。", [("5+N调解模式", "Initiative")]),
    ("守护人民群众的“钱袋子”。", []),
    ("扎实开展主题教育和“十四五”规划宣传。", []),
    ("忠诚履行“护稳定、促公平”的职责使命。", []),
    ("坚持和发展新时代“青禾经验”。", [("“青禾经验”", "Initiative")]),
])
def test_schemes_labels(analyse, text, expected):
    assert _schemes(analyse(text, "克什克腾旗")) == expected


def test_schemes_name_parts_are_not_places(analyse):
    doc = analyse("坚持和发展新时代“青禾经验”。", "克什克腾旗")
    assert not [m for m in doc._.kg_mentions if m.family == "place"]
