"""Article segmentation on crafted pages and on the seeds against the gold headlines."""
from __future__ import annotations

import difflib
import json

import pytest

from kg.io.decode import read_source
from kg.text.articles import segment
from kg.text.normalize import normalize

TWO_LEADING = """
锡林郭勒盟多伦县推进平安建设 守护草原安宁
锡林郭勒盟多伦县政法系统构建基层治理新格局

本报记者●张三 通讯员●李四

多伦县坚持以人民为中心，推动矛盾纠纷多元化解。

强化源头治理

该县建成3个调解中心，实现纠纷就地化解。

凝聚警民合力 筑牢安全防线

——通辽市科尔沁区公安分局开展“平安校园”专项行动

本报通讯员●王五

近日，通辽市科尔沁区公安分局在辖区学校开展宣传活动。
"""

TRAILING = """
开拓创新 服务群众
赤峰市松山区打造“一站式”服务平台

本报记者●赵六

赤峰市松山区持续优化政务服务，群众办事更便捷。

松山区推行“马上办”机制，企业满意度明显提升。

甘肃省张掖市甘州区“普法驿站”建设开展以来，甘州区坚持因地制宜，推动普法工作走深走实。

甘州区在各乡镇设立普法驿站12个，群众参与踊跃。

（孙七）

建设普法驿站

打通服务末梢
甘肃省张掖市甘州区普法驿站建设见成效
"""

HEADLINE_AFTER_BODY = """
四川省内江市政法系统坚持以人民为中心，推动各项工作落地见效。

加强基层治理

内江市建成综治中心，实现矛盾纠纷一站式化解。

# 四川省内江市政法工作综述

本报记者●周八

强化队伍建设

内江市开展教育整顿，队伍面貌焕然一新。
"""


MARKDOWN = """---
title: "甘肃省推进法治乡村建设"
keywords: [甘肃, 法治]
---

# 甘肃省推进法治乡村建设（法治头条）

## ——来自陇原基层的故事

> 《北疆日报》（2025年03月02日第 5 版）

甘肃省各地持续推进法治乡村建设。

——编  者

张掖市甘州区干部——

从小细节做好调解

本报记者  赵六

甘州区调解员坚持走村入户，化解纠纷。

■延伸阅读

调解协议有效吗？

本报记者  孙七

调解协议具有法律约束力。
"""


def _rows(page):
    nt = normalize(page)
    return nt, segment(nt)


def test_articles_two_leading_headlines():
    nt, arts = _rows(TWO_LEADING)
    assert [(a.title, a.subtitle, a.byline) for a in arts] == [
        ("锡林郭勒盟多伦县推进平安建设 守护草原安宁", "锡林郭勒盟多伦县政法系统构建基层治理新格局", "本报记者●张三 通讯员●李四"),
        ("凝聚警民合力 筑牢安全防线", "通辽市科尔沁区公安分局开展“平安校园”专项行动", "本报通讯员●王五"),
    ]
    assert "强化源头治理" in nt.text[arts[0].start:arts[0].end]
    assert nt.text[arts[1].title_start:].startswith("凝聚警民合力")
    assert arts[0].end <= arts[1].start and arts[1].end == len(nt.text)


def test_articles_trailing_headline_after_author_line():
    nt, arts = _rows(TRAILING)
    assert [(a.title, a.subtitle, a.byline) for a in arts] == [
        ("开拓创新 服务群众", "赤峰市松山区打造“一站式”服务平台", "本报记者●赵六"),
        ("建设普法驿站 打通服务末梢", "甘肃省张掖市甘州区普法驿站建设见成效", "孙七"),
    ]
    second = nt.text[arts[1].start:arts[1].end]
    assert second.startswith("甘肃省张掖市甘州区“普法驿站”建设开展以来")
    assert "马上办" in nt.text[arts[0].start:arts[0].end] and "马上办" not in second
    assert arts[1].title_start > arts[1].start


def test_articles_headline_after_body_is_one_article():
    nt, arts = _rows(HEADLINE_AFTER_BODY)
    assert [(a.title, a.byline) for a in arts] == [("四川省内江市政法工作综述", "本报记者●周八")]
    assert arts[0].start == 0 and arts[0].end == len(nt.text)
    assert arts[0].title_start > 0


@pytest.mark.parametrize(("page", "expected"), [
    ("通辽市开展调解。赤峰市开展宣传。", [("", -1)]),
    ("通辽市开展普法宣传月活动\n\n通辽市近日开展普法宣传月活动，覆盖全市。", [("通辽市开展普法宣传月活动", 0)]),
    ("北疆法制报\n\n赤峰市开展调解。", [("", -1)]),   # a masthead is not a headline
    ("海东法治报\n2026年5月20日 星期三 第2版 海东·政法\n\n乐都区调解见闻\n\n乐都区开展调解。",
     [("乐都区调解见闻", 28)]),  # nor is a paper's name or an edition line before the headline
    ("乐都新闻\n\n乐都区开展调解。", [("", -1)]),
    ("", []),
])
def test_articles_without_byline(page, expected):
    _, arts = _rows(page)
    assert [(a.title, a.title_start) for a in arts] == expected


@pytest.mark.parametrize("byline", [
    "本报记者●张三",
    "本报通讯员●李四",
    "通讯员●王五",
    "记者 张三 通讯员 李四",
    "本报记者●张三 通讯员●李四 王五",
])
def test_articles_byline_forms(byline):
    page = f"赤峰市创新调解机制\n\n{byline}\n\n赤峰市创新调解机制，纠纷化解率明显提升。"
    _, arts = _rows(page)
    assert [(a.title, a.byline) for a in arts] == [("赤峰市创新调解机制", byline)]


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio()


@pytest.mark.parametrize("gold_set", ["seeds", "dev"])
def test_articles_match_gold(shared_dir, seeds_dir, gold_set):
    """Same number of articles as the gold, headlines (and subtitles) alike at ≥ 0.8."""
    text_dir = seeds_dir if gold_set == "seeds" else shared_dir / "corpus" / "rmrb"
    gold_paths = sorted((shared_dir / "gold" / gold_set).glob("*.json"))
    if not gold_paths:
        pytest.skip(f"no gold files in gold/{gold_set}")
    for gold_path in gold_paths:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = text_dir / gold.get("file", gold_path.with_suffix(".txt").name)
        arts = segment(normalize(read_source(seed).text))
        expected = gold["articles"]
        assert len(arts) == len(expected), seed.name
        for art, exp in zip(arts, expected):
            assert _similar(art.title, exp["headline"]) >= 0.8, (seed.name, art.title, exp["headline"])
            if exp.get("subtitle"):
                assert _similar(art.subtitle.strip("—"), exp["subtitle"].strip("—")) >= 0.8, \
                    (seed.name, art.subtitle)


def test_articles_cover_the_page_in_order(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        nt = normalize(read_source(path).text)
        arts = segment(nt)
        assert [a.index for a in arts] == list(range(len(arts)))
        for a, b in zip(arts, arts[1:]):
            assert a.end <= b.start
        assert all(a.start <= a.title_start < a.end for a in arts)
        assert arts[-1].end == len(nt.text)


def test_articles_markdown_page():
    nt, arts = _rows(MARKDOWN)
    assert "keywords" not in nt.text  # front matter is not text
    assert [(a.title, a.subtitle, a.byline) for a in arts] == [
        ("甘肃省推进法治乡村建设（法治头条）", "来自陇原基层的故事", ""),
        ("从小细节做好调解", "张掖市甘州区干部——", "本报记者 赵六"),
        ("调解协议有效吗？", "", "本报记者 孙七"),
    ]


COMMA_HEADLINE = """
多伦县推进平安建设

本报记者●张三

多伦县坚持以人民为中心，推动矛盾纠纷多元化解。

脚步勤一点，心与群众更近

本报记者●李四

霍林郭勒市公安局民警走村入户，化解纠纷。
"""


def test_comma_headline_before_a_byline_opens_an_article():
    """A short line with a comma right before a byline is the next story's headline."""
    arts = segment(normalize(COMMA_HEADLINE))
    assert [(a.title, a.byline) for a in arts] == [("多伦县推进平安建设", "本报记者●张三"),
                                                   ("脚步勤一点，心与群众更近", "本报记者●李四")]


KICKER_AND_STORIES = """---
title: "三个小区的新变化（基层治理新实践）"
date: 2031-02-03
---

### 各地社区党组织带领居民共商共治，提升小区服务

# 三个小区的新变化（基层治理新实践）

> 本报记者  柳青青《某某日报》（2031年02月03日第 9 版）

编者按：小区治理关系着居民生活的方方面面。记者走进三地，记录各地加强党建引领、提升小区服务的生动做法，展现一件件实事为群众带来的获得感。

一个新建小区的议事厅

大事小情共商量，物业和业主不再各说各话

青禾县枫林街道木槿社区的议事厅里，十几位居民正围坐在一起，讨论小区停车位怎样划分、充电桩装在哪里、费用由谁来出。

社区党委书记说，议事厅每月开放两次，居民有事就来，大家商量着办，办完了再把结果贴在楼道里，让每一户都看得见。

一个老旧小区的微改造

楼道亮了，车位多了，居民自己定下改造清单

在松溪市柏岭区，老旧小区的改造不再由施工方说了算，而是由居民投票决定先做哪一件、后做哪一件，钱花在哪里都要公示。

改造完成后，小区成立了由党员和楼栋长组成的互助小组，负责日常维护和矛盾调处，居民满意度明显提高。
"""


def test_markdown_kicker_is_the_subtitle_and_decked_stories_open_articles():
    """``###`` above ``#`` is the kicker; a heading over a comma deck over body is a story."""
    _, arts = _rows(KICKER_AND_STORIES)
    assert [(a.title, a.subtitle) for a in arts] == [
        ("三个小区的新变化（基层治理新实践）", "各地社区党组织带领居民共商共治，提升小区服务"),
        ("一个新建小区的议事厅", "大事小情共商量，物业和业主不再各说各话"),
        ("一个老旧小区的微改造", "楼道亮了，车位多了，居民自己定下改造清单"),
    ]
    assert arts[0].byline.startswith("本报记者")


NAMED_COMMENTARY = """
青禾县开展巡逻防控

本报记者●柳青青

青禾县公安局组织民警开展夜间巡逻。

数据来源：青禾县公安局

守护平安 温暖人心

林小舟

每一次出警，都是一次守护。民警们日复一日坚守在岗位上。

巡逻的脚步从未停歇。
"""


def test_heading_over_a_bare_name_opens_a_signed_article():
    """A heading, then a writer's name alone, then body: a signed piece after a data box."""
    _, arts = _rows(NAMED_COMMENTARY)
    assert [(a.title, a.byline) for a in arts] == [
        ("青禾县开展巡逻防控", "本报记者●柳青青"),
        ("守护平安 温暖人心", "林小舟"),
    ]


def test_section_headings_inside_a_story_do_not_split_it():
    """Two headings without a comma between body paragraphs stay section headings."""
    page = ("青禾县推进法治建设\n\n本报记者●柳青青\n\n青禾县坚持依法治县，各项工作稳步推进。\n\n"
            "夯实基础\n\n筑牢防线 守护安宁\n\n该县建成调解中心，化解矛盾纠纷。\n")
    _, arts = _rows(page)
    assert [a.title for a in arts] == ["青禾县推进法治建设"]


ROUNDUP = (
    "各地创新基层治理\n编者按：各地积极探索基层治理新路径。本版选取两地经验。\n"
    "青海乐都：“木槿议事”化解纠纷\n本报西宁3月2日电 （记者 木子）乐都区雨润镇推行“木槿议事”机制。\n"
    "青海互助：法官进村\n本报西宁3月2日电 互助土族自治县人民法院推出“法官驻村”工作法。\n"
)


def test_articles_kicker_headings_over_datelines_open_stories():
    """省市：标题 over a paragraph opening 本报X月X日电 is a new story's headline (a roundup)."""
    nt, arts = _rows(ROUNDUP)
    assert [a.title for a in arts[1:]] == ["青海乐都：“木槿议事”化解纠纷", "青海互助：法官进村"]


def test_articles_roundup_headlines_with_a_colon_above_bylines():
    """# 乐都：… above 本报记者 …: each a story's headline (not a box's ``label：value`` source line)."""
    page = ("基层治理一线\n\n# 乐都：调解进村\n\n本报记者 张三\n\n本报西宁11月5日电 乐都区开展调解。\n\n"
            "# 互助：矛盾不出村\n\n本报记者 李四\n\n本报西宁11月5日电 互助土族自治县开展调解。\n")
    _, arts = _rows(page)
    assert len(arts) == 2 and arts[0].title.endswith("乐都：调解进村") and arts[1].title == "互助：矛盾不出村"
    _, arts = _rows("乐都区调解数据\n\n全区调解：1200件\n数据来源：乐都区司法局\n")
    assert len(arts) == 1  # a box's source lines stay credits
