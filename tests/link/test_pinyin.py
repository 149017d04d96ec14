"""Romanised labels: place-name style, apostrophes, overrides, organisation words.

Examples are places and bodies outside the gold and corpus pages.
"""
from __future__ import annotations

import pytest

from kg.link.pinyin import romanise, romanise_name, romanise_place, syllables


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("锡林郭勒盟", "Xilinguole Meng"),  # 勒 le by override
        ("科尔沁右翼前旗", "Ke'erqin Youyi Qianqi"),  # position words stay with 旗
        ("新巴尔虎左旗", "Xinba'erhu Zuoqi"),
        ("达尔罕茂明安联合旗", "Da'erhanmaoming'an Lianheqi"),
        ("额尔古纳市", "E'erguna Shi"),  # apostrophe before e
        ("西安市", "Xi'an Shi"),  # apostrophe before a
        ("延安市", "Yan'an Shi"),
        ("二连浩特市", "Erlianhaote Shi"),  # word-initial e: no apostrophe
        ("通辽市", "Tongliao Shi"),
        ("宁夏回族自治区", "Ningxiahuizu Zizhiqu"),
        ("青海省", "Qinghai Sheng"),
        ("巴彦宝力格苏木", "Bayanbaolige Sumu"),
        ("白音查干嘎查", "Baiyinchagan Gacha"),
        ("东风街道", "Dongfeng Jiedao"),
        ("红旗社区", "Hongqi Shequ"),
        ("平安乡", "Ping'an Xiang"),
        ("矿区", "Kuangqu"),  # one-syllable specific part joins the suffix
        ("锡林郭勒", "Xilinguole"),  # no suffix: one word
    ],
)
def test_pinyin_place_style(label, expected):
    assert romanise(label) == expected
    assert romanise_place(label) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("长治市", "Changzhi Shi"),  # 长 chang in place names (pypinyin: zhang)
        ("长白朝鲜族自治县", "Changbaichaoxianzu Zizhixian"),  # 长 chang, 朝 chao
        ("朝阳区", "Chaoyang Qu"),
        ("都匀市", "Duyun Shi"),  # 都 du in place names (pypinyin: dou)
        ("单县", "Shanxian"),  # 单 shan only in this context
        ("浚县", "Xunxian"),
        ("陕西省", "Shaanxi Sheng"),  # kept apart from 山西省
        ("山西省", "Shanxi Sheng"),
    ],
)
def test_pinyin_overrides(label, expected):
    assert romanise(label) == expected


def test_pinyin_override_scope():
    assert syllables("长治") == ("chang", "zhi")
    assert syllables("县长", place=False) == ("xian", "zhang")
    assert syllables("单位", place=True) == ("dan", "wei")  # 单 shan needs its context
    assert romanise("河长制工作机制", kind="name") == "Hezhangzhi Gongzuo Jizhi"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("锡林浩特市人民检察院", "Xilinhaote Shi Renmin Jianchayuan"),
        ("通辽市科尔沁区人民法院", "Tongliao Shi Ke'erqin Qu Renmin Fayuan"),
        ("锡林郭勒盟行政公署", "Xilinguole Meng Xingzheng Gongshu"),
        ("“草原110”警务模式", "Caoyuan 110 Jingwu Moshi"),  # quotes dropped, digits kept
        ("新时代文明实践中心", "Xin Shidai Wenming Shijian Zhongxin"),
        ("一村一品示范工程", "Yicun Yipin Shifan Gongcheng"),
    ],
)
def test_pinyin_names(label, expected):
    assert romanise(label) == expected
    assert romanise_name(label) == expected


def test_pinyin_kind_forces_style():
    assert romanise("红旗社区", kind="name") == "Hongqi Shequ"
    assert romanise("示范村", kind="place") == "Shifan Cun"


def test_pinyin_doctests():
    import doctest

    import kg.link.pinyin as mod

    failures, _ = doctest.testmod(mod)
    assert failures == 0
