"""Normalisation: OCR spaces, line joins, width and punctuation folding, offsets."""
from __future__ import annotations

import pytest

from kg.io.decode import read_source
from kg.text.chars import fold_char, is_cjk
from kg.text.normalize import normalize


@pytest.mark.parametrize(("source", "expected"), [
    ("赤峰市松山 区开展调解。", "赤峰市松山区开展调解。"),                 # OCR space inside a Han run
    ("赤 峰 市 松 山 区 开 展 调 解 。", "赤峰市松山区开展调解。"),     # justified line
    ("2024 年，通辽市", "2024年，通辽市"),                                # digit + Han
    ("引进“24小时 互联网无人律所”。", "引进“24小时互联网无人律所”。"),
    ("开通“12348 微微语音”。", "开通“12348微微语音”。"),
    ("推广COVID 19检测。", "推广COVID 19检测。"),                          # two ASCII tokens stay apart
    ("达 98%以上。", "达98%以上。"),
    ("通辽市\u3000科尔沁区。", "通辽市科尔沁区。"),                       # ideographic space
])
def test_normalize_spaces(source, expected):
    assert normalize(source).text == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("ＡＢＣ１２３，", "ABC123，"),
    ("１名顾问＋Ｎ名调解员。", "1名顾问+N名调解员。"),
    ("通辽市,赤峰市;锡林郭勒盟:", "通辽市，赤峰市；锡林郭勒盟："),
    ("管理办法(试行)。", "管理办法（试行）。"),
    ("是否?对!", "是否？对！"),
    ("共1,000人,覆盖3:2。", "共1,000人，覆盖3:2。"),                   # ASCII between digits stays
    ('推行"枫叶""调解"模式。', "推行“枫叶”“调解”模式。"),
    ("推行「枫叶」模式。", "推行“枫叶”模式。"),
    ("本报记者●张三·李四•王五", "本报记者●张三·李四•王五"),
])
def test_normalize_width_and_punctuation(source, expected):
    assert normalize(source).text == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("錫林郭勒盟開展調解工作。", "锡林郭勒盟开展调解工作。"),
    ("甘肅省後續發展。", "甘肃省后续发展。"),
    ("显著成效，乾坤朗朗。", "显著成效，乾坤朗朗。"),   # characters also used in simplified text stay
])
def test_normalize_traditional_to_simplified(source, expected):
    assert normalize(source).text == expected


@pytest.mark.parametrize(("source", "expected"), [
    # narrow column wrapped mid-sentence, also across a blank line
    ("锡林郭勒盟苏尼特右旗紧扣乡村\n振兴目标，建成“一村一警\n\n”工作站。",
     "锡林郭勒盟苏尼特右旗紧扣乡村振兴目标，建成“一村一警”工作站。"),
    # a line ending with a comma always continues
    ("通辽市开展普法宣传，\n\n赤峰市开展调解。", "通辽市开展普法宣传，赤峰市开展调解。"),
    # a sentence end keeps the paragraph break
    ("通辽市开展普法宣传。\n\n赤峰市开展调解。", "通辽市开展普法宣传。\n赤峰市开展调解。"),
    # headings stand alone, and keep the space between their halves
    ("构筑安全防线 建设法治校园\n\n赤峰市公安局开展宣传。", "构筑安全防线 建设法治校园\n赤峰市公安局开展宣传。"),
    # but an OCR space splitting a short run in a heading goes
    ("锡林郭勒 盟 政法工作综述\n\n赤峰市公安局开展宣传。", "锡林郭勒盟政法工作综述\n赤峰市公安局开展宣传。"),
    # a long paragraph line cut mid-word continues after the blank line
    ("通辽市科尔沁区坚持和发展新时代青禾经验，深入推进矛盾纠纷多元化解，全\n\n力防范风险。",
     "通辽市科尔沁区坚持和发展新时代青禾经验，深入推进矛盾纠纷多元化解，全力防范风险。"),
    # a byline and a section number are paragraphs of their own
    ("1\n\n强化使命担当\n\n本报记者●张三 通讯员●李四\n\n赤峰市开展调解。",
     "1\n强化使命担当\n本报记者●张三 通讯员●李四\n赤峰市开展调解。"),
    # markdown heading marks are dropped
    ("# 加强队伍建设\n\n赤峰市开展调解。", "加强队伍建设\n赤峰市开展调解。"),
    # a photo caption inside a sentence is dropped; between paragraphs it stays
    ("通辽市探索构建“矛盾分流+\n\n\n\n召开座谈会。\n\n社会治理”新模式。",
     "通辽市探索构建“矛盾分流+社会治理”新模式。"),
    ("通辽市开展调解。\n\n\n\n召开座谈会。\n\n赤峰市开展宣传。", "通辽市开展调解。\n召开座谈会。\n赤峰市开展宣传。"),
    # Latin words across a line break keep one space
    ("通辽市公安局持续推广反诈APP\nstore下载量上升。", "通辽市公安局持续推广反诈APP store下载量上升。"),
    # CRLF and lone CR
    ("通辽市开展调解。\r\n\r\n赤峰市开展宣传。\r甘肃省跟进。", "通辽市开展调解。\n赤峰市开展宣传。\n甘肃省跟进。"),
])
def test_normalize_lines(source, expected):
    assert normalize(source).text == expected


def test_normalize_empty():
    nt = normalize(" \n\n ")
    assert nt.text == "" and len(nt.offsets) == 0


def _compatible(src: str, norm: str) -> bool:
    """Could ``src`` have been folded into ``norm``?"""
    if norm == "\n":
        return src in "\r\n\u2028\u2029\x85\x0b\x0c"
    if norm == " ":
        return src.isspace()
    f = fold_char(src)
    if f == norm:
        return True
    full = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
    return full.get(f) == norm or (f == '"' and norm in "“”") or (f == "'" and norm in "‘’")


def test_normalize_offsets_point_at_source_characters(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        source = read_source(path).text
        nt = normalize(source)
        assert len(nt.offsets) == len(nt.text)
        previous = -1
        for i, ch in enumerate(nt.text):
            j = nt.offsets.to_source(i)
            assert j > previous, (path.name, i)
            assert _compatible(source[j], ch), (path.name, i, source[j], ch)
            previous = j


def test_normalize_offsets_crlf():
    source = "通辽市开展调解。\r\n\r\n赤峰 市"
    nt = normalize(source)
    assert nt.text == "通辽市开展调解。\n赤峰市"
    assert source[nt.offsets.to_source(8)] == "\r"
    assert nt.source_span(9, 12) == (12, 16)
    assert source[slice(*nt.source_span(9, 12))] == "赤峰 市"


def test_normalize_seeds_have_no_ocr_spaces_between_han(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = normalize(read_source(path).text).text
        for line in text.split("\n"):
            for a, b, c in zip(line, line[1:], line[2:]):
                if b == " " and is_cjk(a) and is_cjk(c):
                    assert len(line) <= 40, (path.name, line)


@pytest.mark.parametrize(("seed", "fragment"), [
    ("000", "依托3辆“爱民普法直通车”，"),          # wrapped across a blank line
    ("000", "“24小时互联网无人律所”"),
    ("000", "“12348微微语音服务塔群”"),
    ("000", "“人大+法院”“政协+法院”"),             # straight quotes paired
    ("001", "全力防范“新形象工程”"),                # long line cut mid-word
    ("002", "并为农民工提起民事诉讼提供支持"),      # justified, spaced-out line
    ("002", "该旗成立“一村一警”警务模式"),
    ("003", "包头市九原区委政法委2022年度十大工作亮点"),
    ("004", "“1、3、5分钟”快速响应机制"),
    ("004", "“矛盾分流+社会治理”新模式"),           # caption inside the sentence dropped
])
def test_normalize_seed_fragments(seeds_dir, seed, fragment):
    path = next(seeds_dir.glob(f"{seed}_*.txt"))
    assert fragment in normalize(read_source(path).text).text


def test_normalize_joins_a_story_starting_on_its_bylines_line():
    """本报讯（记者 某某）海东 / 市乐都区…: the story starts on the byline's line and the column wraps it."""
    page = ("乐都区调解见闻\n\n本报讯（记者 张三 通讯员 李四）海东\n市乐都区地处湟水谷地，辖区内河流众多。\n"
            "今年以来，乐都区司法局开展调解工作，化解\n纠纷120件。\n")
    assert "）海东市乐都区地处" in normalize(page).text
    page = "乐都区调解见闻\n\n本报讯（记者 张三）\n海东市乐都区地处湟水谷地，辖区内河流众多。\n"
    assert "）\n海东市" in normalize(page).text  # a byline alone on its line stands alone


def test_normalize_a_marked_line_leaving_a_quotation_open_is_a_wrapped_line():
    """### 的实际,有效利用" / 线上+线下"服务模式: OCR's Markdown mark on a column line that leaves a
    quotation open is no heading; the sentence and its quotation run on."""
    page = '乐都区推进法律服务\n\n### 的实际,有效利用"\n线上+线下"服务模式,以区级中心为主导。\n'
    assert "有效利用“线上+线下”服务模式" in normalize(page).text
