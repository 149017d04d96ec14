"""Bodies, places and schemes found by their shape, not by a list (issue: unseen pages).

Every sentence is invented; the register names in it (青海省海东市乐都区, 碾伯镇 …) and
the made-up names (木槿村, 柏岭社区 …) occur in no gold or corpus file
(``tests/test_no_corpus_names.py`` checks the rules and tests for that).
"""
from __future__ import annotations

import pytest

from tests.nlp.doc_views import _orgs, _page_rels, _places, _rels, _schemes


# -- organisations: open heads --------------------------------------------------------------
@pytest.mark.parametrize("text, org", [
    ("青海省公安厅组织民警开展培训。", "青海省公安厅"),                         # 厅 after a province
    ("乐都区民政局走访困难群众。", "乐都区民政局"),                             # 民政|局, not 政局
    ("海东市委宣传部组织宣讲。", "海东市委宣传部"),                             # a party committee's 部
    ("乐都区交通委推进道路整治。", "乐都区交通委"),                             # …委 for …委员会
    ("青海省人力资源和社会保障厅出台办法。", "青海省人力资源和社会保障厅"),
])
def test_state_and_party_bodies(analyse, text, org):
    assert org in _orgs(analyse(text, place="乐都区"))


def test_village_bodies_after_their_village(analyse):
    doc = analyse("碾伯镇木槿村党支部和木槿村村委会召开会议。", place="乐都区")
    orgs = _orgs(doc)
    assert "木槿村党支部" in orgs and "木槿村村委会" in orgs
    assert ("木槿村党支部", "木槿村") in _rels(doc, "locatedIn")


def test_branch_heads_need_a_village_or_compound():
    """A county has no 党支部 of its own: 乐都区党支部 is no body (the head needs a village)."""
    from kg.nlp.pipeline import get_nlp, run
    from kg.context import ArticleContext

    doc = run("乐都区党支部书记说。", ArticleContext(), get_nlp())
    assert not [m for m in doc._.kg_mentions if m.family == "organisation"]


def test_committees_of_a_one_character_county_keep_its_county_word():
    """沛县县委, 沛县县委政法委, and 县委 of 沛县: a county named by one character keeps its 县."""
    subs = _page_rels("沛县见闻\n\n江苏省徐州市沛县开展活动。沛县县委政法委牵头推行“木槿议事”。县委书记说。\n",
                      "subOrganisationOf")
    assert ("沛县县委政法委", "沛县县委") in subs


def test_bare_numbered_department_is_the_last_named_bodys(analyse):
    """由第三检察部的检察官值守: the department of the procuratorate named before it; none without one."""
    doc = analyse("乐都区人民检察院在雨润镇设立检察工作站，由第三检察部的检察官轮流值守。", place="乐都区")
    assert ("乐都区人民检察院第三检察部", "乐都区人民检察院") in _rels(doc, "subOrganisationOf")
    assert _orgs(analyse("乐都区人民法院开庭，第二检察部参加。", place="乐都区")) == ["乐都区人民法院"]


def test_units_after_their_body(analyse):
    doc = analyse("乐都区公安局治安大队和乐都区人民法院民事审判庭联合行动。", place="乐都区")
    assert ("乐都区公安局治安大队", "乐都区公安局") in _rels(doc, "subOrganisationOf")


def test_unit_after_its_body_across_plain_words_and_a_stem(analyse):
    """X总队高速公路Y支队: the unit's name runs back over the words and the stem to its body;
    a place after 在 opens no unit of the body before it."""
    doc = analyse("青海省公安厅交通管理总队高速公路西宁支队民警在收费站执勤。", place="乐都区")
    assert ("青海省公安厅交通管理总队高速公路西宁支队", "青海省公安厅交通管理总队") in _rels(doc, "subOrganisationOf")
    assert "碾伯镇派出所" in _orgs(analyse("乐都区公安局在碾伯镇派出所开会。", place="乐都区"))


def test_street_office(analyse):
    assert "碾伯镇街道办事处" not in _orgs(analyse("威远镇办事处开展活动。", place="互助土族自治县"))
    doc = analyse("互助土族自治县威远街道办事处开展活动。", place="互助土族自治县")
    assert any(o.endswith("街道办事处") for o in _orgs(doc))


def test_ordinary_words_ending_in_a_head_are_no_bodies(analyse):
    """干部, 格局, 游戏厅, 补办: a one-character head closing an ordinary word or verb."""
    doc = analyse("乐都区干部形成新格局，关停游戏厅，为群众补办证件。", place="乐都区")
    assert _orgs(doc) == []


# -- places ---------------------------------------------------------------------------------
def test_countries_from_the_iso_register(analyse):
    doc = analyse("该县与乌兹别克斯坦、塔吉克斯坦和蒙古国客商洽谈，内蒙古自治区代表参加。",
                  place="乐都区")
    places = _places(doc)
    assert {"乌兹别克斯坦", "塔吉克斯坦", "蒙古国"} <= set(places)
    assert "蒙古" not in places  # a two-character name only with 国


def test_names_in_a_chain_are_places_even_when_common_words(analyse):
    """X区Y街道Z社区: after its parent a name is a place even when it is a word (振兴 is a verb)."""
    doc = analyse("在青海省海东市乐都区碾伯镇兴旺社区，居民议事。", place="乐都区")
    assert "兴旺社区" in _places(doc)


@pytest.mark.parametrize("text, place", [
    ("游客来到柏岭古镇参观。", "柏岭古镇"),
    ("居民在木槿湖湿地公园散步。", "木槿湖湿地公园"),
    ("青海木槿小区的居民议事。", "木槿小区"),          # the province's short form is a parent
])
def test_managed_areas(analyse, text, place):
    assert place in _places(analyse(text, place="乐都区"))


def test_longest_area_head_decides(analyse):
    """自治区重点工业园区 names a kind of zone: no 重点工业 + 园区 either."""
    assert _places(analyse("全县有两个自治区重点工业园区。", place="乐都区")) == []


# -- schemes --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, scheme", [
    ("乐都区民警开设“银杏课堂”，教老人用手机。", "“银杏课堂”"),       # 开设 + quotation
    ("居民通过“随心拍”“随口说”，反映问题。", "“随心拍”"),             # 通过 + quotations
    ("乐都区检察院推行“以工代罚”的执法方式。", "“以工代罚”"),        # quotation + 的 + 方式
    ("乐都区大队推行“木棉花”背包警务以来，走访百户。", "“木棉花”背包警务"),  # weak head 警务
    ("乐都区公安局通过“警校企”协同助力转化。", "“警校企”协同"),          # weak head 协同
    ("检察官开展“守护柏岭湿地”普法宣传。", "“守护柏岭湿地”普法宣传"),
    ("法院采取“走访+回访”相结合的机制，化解纠纷。", "“走访+回访”机制"),    # 相结合的 joins, not named
])
def test_schemes_by_context(analyse, text, scheme):
    doc = analyse(text, place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert scheme in labels


# -- bodies named by context ----------------------------------------------------------------
def test_police_of_a_place(analyse):
    """X警方 / X公安 is the police body of X (gold/GUIDE.md), labelled with X's full name;
    a city's district is policed by a branch of the city's bureau, a county by its own."""
    doc = analyse("青海海东公安推出便民措施，乐都警方破获一起案件，青海循化警方协助。", place="乐都区")
    assert {"海东市公安局", "海东市公安局乐都区分局", "循化撒拉族自治县公安局"} <= set(_orgs(doc))


def test_police_of_a_district_as_the_page_writes_its_branch(analyse):
    """乐都警方 after 海东市公安局乐都分局 is that branch, not a second one named 乐都区分局."""
    doc = analyse("海东市公安局乐都分局民警巡逻，乐都警方破获一起案件。", place="海东市")
    orgs = set(_orgs(doc))
    assert "海东市公安局乐都分局" in orgs and "海东市公安局乐都区分局" not in orgs


def test_township_bodies_by_level_word(analyse):
    """镇党委, 镇政府 after the township just named: that township's bodies."""
    doc = analyse("乐都区碾伯镇召开会议，镇党委、镇政府负责人参加。", place="乐都区")
    assert {"碾伯镇党委", "碾伯镇政府"} <= set(_orgs(doc))


def test_community_committee_is_no_district_committee(analyse):
    """社区党委 is a community's committee: never the district's 区党委."""
    doc = analyse("乐都区碾伯镇木槿社区党委书记说，社区党委每月开会。", place="乐都区")
    orgs = _orgs(doc)
    assert "木槿社区党委" in orgs and "乐都区党委" not in orgs


def test_body_named_in_a_title(analyse):
    """X党委书记: the body is named in the person's title (gold/GUIDE.md)."""
    assert "木槿社区党委" in _orgs(analyse("碾伯镇木槿社区党委书记介绍。", place="乐都区"))


def test_headline_body_seat_is_the_article_place():
    """青海X公安 in a headline: the article is about X, the body's city, not the province."""
    from kg.extract import extract_text

    rec = extract_text("青海海东公安推动政务服务升级\n\n本报记者●柳青\n\n近日，青海海东公安推出便民措施。\n", "p.txt")
    assert rec.articles[0].about == "division:630200000000"


def test_quoted_list_sharing_a_head_after_deng(analyse):
    """“A”、“B”止付等机制: each quotation takes the head; the words before 等 are B's."""
    doc = analyse("民警立即启动“云端预警、上门劝阻”、“警邮协作”冻结等机制，挽回损失。", place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert {"“云端预警、上门劝阻”机制", "“警邮协作”冻结机制"} <= labels


def test_names_in_inner_quotes_of_speech(analyse):
    """‘X’机制 inside a long quoted speech is a scheme, labelled with double quotes; ‘…’ inside
    a short quoted name stays part of that name."""
    doc = analyse("“我们将继续依托派出所建立矛盾纠纷滚动排查机制、‘法官进所’机制、‘三所联调’机制，"
                  "深入排查化解各类矛盾纠纷，守护一方平安。”乐都区开展“1名律师＋N名‘调解能手’”行动。",
                  place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert {"“法官进所”机制", "“三所联调”机制"} <= labels
    assert "“调解能手”" not in labels


def test_short_speech_is_no_name_but_its_inner_quotes_are(analyse):
    """“我们推出了‘X’模式。”: a short quotation ending a sentence is speech, not a name
    holding ‘X’; a comma may stand inside a quoted name (“X，Y”工作机制)."""
    doc = analyse("民警说：“我们推出了‘柏岭+网格’模式。”乐都区推行“木槿吹哨，部门报到”工作机制。",
                  place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert labels == {"“柏岭+网格”模式", "“木槿吹哨，部门报到”工作机制"}


@pytest.mark.parametrize("text, present, absent", [
    ("青海省海东市国家安全局开展宣传。", "海东市国家安全局", None),     # 全 inside 国家安全 is no boundary
    ("海东两级法院审理此案。", None, "海东两级法院"),                  # bodies of two levels: a kind
    ("海东市多部门联合行动。", None, "海东市多部门"),
    ("海东市公安局某特色战队出动。", "海东市公安局", "海东市公安局某特色战队"),  # 某: an anonymised unit
])
def test_kinds_and_anonymised_units_are_no_bodies(analyse, text, present, absent):
    orgs = _orgs(analyse(text, place="乐都区"))
    assert present is None or present in orgs
    assert absent is None or absent not in orgs


def test_part_of_the_nearest_named_ancestor(tmp_path):
    """A county-level city whose prefecture the page never names is partOf its province, in
    the file's graph (gold/GUIDE.md: partOf links the nearest ancestor that is an entity)."""
    from rdflib import Dataset, Namespace

    from kg.build import build

    page = tmp_path / "p.txt"
    page.write_text("青海省乐都区开展活动\n\n本报记者●柳青\n\n湖南省慈利县民警巡逻。\n", encoding="utf-8")
    out = tmp_path / "p.trig"
    build([page], out)
    gov = Namespace("https://w3id.org/govkg/ontology#")
    ds = Dataset()
    ds.parse(str(out), format="trig")
    doc_graphs = [g for g in ds.graphs() if "divisions" not in str(g.identifier)]
    pairs = {(str(s).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1])
             for g in doc_graphs for s, o in g.subject_objects(gov.partOf)}
    assert ("430821000000", "430000000000") in pairs   # 慈利县 → 湖南省 (张家界市 unnamed)


def test_scheme_runs_in_the_township_its_sentence_names_and_the_bodys_county(analyse):
    """X镇居民…，X区公安启动“…”: the scheme runs in the district and in the township (GUIDE)."""
    doc = analyse("乐都区碾伯镇居民陈先生突发疾病，乐都公安启动“一键护送”系统，民警及时送医。", place="乐都区")
    assert {("“一键护送”系统", "乐都区"), ("“一键护送”系统", "碾伯镇")} <= set(_rels(doc, "implementedIn"))


def test_bare_village_committee_after_its_village(analyse):
    """X村党支部书记、村委会主任: the committee of village X; a later bare 村委会 names no body
    (it could be any village's: GUIDE, aliases unique in a file), and 村委 is no 村 + 委."""
    doc = analyse("碾伯镇木槿村党支部书记、村委会主任一起调解。后来村委会又来了。", place="乐都区")
    assert _orgs(doc) == ["木槿村党支部", "木槿村村委会"]


def test_quoted_formula_is_a_scheme_without_verb_or_head(analyse):
    """“A+B”: a sum of terms names a way of working; a quoted clause stays a slogan."""
    doc = analyse("乐都区检察院聚焦“检察+调解”，拓展阵地。群众说“办事真方便”。", place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert "“检察+调解”" in labels and "“办事真方便”" not in labels


def test_latin_head_after_a_quote(analyse):
    """创立“X”IP: a head noun in Latin letters closes the name too."""
    doc = analyse("乐都区公安局创立“青禾反诈”IP，宣传防骗知识。", place="乐都区")
    assert "“青禾反诈”IP" in {m.label for m in doc._.kg_mentions if m.family == "scheme"}


def test_short_places_before_a_units_own_name_are_not_in_its_label(analyse):
    """青海海东X边境派出所: 青海 and 海东 say where; the unit's name is X边境派出所 (GUIDE)."""
    doc = analyse("青海海东柏岭边境派出所民警走访牧户。", place="乐都区")
    assert "柏岭边境派出所" in _orgs(doc)


def test_party_organ_of_a_body_and_court_short_forms(analyse):
    """X戒毒所党委 is that body's committee (subOrganisationOf); 青海高院 is the province's
    高级人民法院 (中院/高院 read with the place's full name)."""
    doc = analyse("青海省第一强制隔离戒毒所党委开展教育，青海高院发布案例。", place="乐都区")
    assert ("青海省第一强制隔离戒毒所党委", "青海省第一强制隔离戒毒所") in _rels(doc, "subOrganisationOf")
    assert "青海省高级人民法院" in _orgs(doc)


def test_province_short_form_before_a_city_in_a_court_name_is_a_place(analyse):
    """青海海东法院: 青海 is a place (GUIDE: a short name before a name); in a name that takes
    a proper name (青海X边境管理支队) it is part of the body's name."""
    doc = analyse("青海海东法院加强审判。", place="乐都区")
    assert "青海省" in _places(doc)
    doc = analyse("青海海东边境管理支队民警巡逻。", place="乐都区")
    assert "青海省" not in _places(doc)


def test_scenic_area_named_by_a_common_word_is_no_place(analyse):
    """漂流景区 (a rafting area) is a kind of area; 柏岭景区 names one."""
    places = _places(analyse("游客来到漂流景区游玩，又去了柏岭景区。", place="乐都区"))
    assert "漂流景区" not in places and "柏岭景区" in places


def test_level_word_body_of_the_county_named_last_in_the_paragraph(analyse):
    """县检察院 in a city's article that goes county by county: the county the paragraph just named."""
    text = ("化隆回族自治县群科镇古民居墙体开裂，县检察院向主管部门发出检察建议。\n"
            "县公安局随后开展巡查。\n")
    orgs = _orgs(analyse(text, place="海东市"))
    assert "化隆回族自治县人民检察院" in orgs
    assert not any(o.startswith("化隆回族自治县公安") for o in orgs)  # another paragraph: not that county's


def test_named_station_after_short_place_names_keeps_its_own_name_and_one_place():
    """青海海东X边境派出所: the short names are places; the body stands where the text says (位于…)."""
    from kg.extract import extract_text

    text = ("# 守边固防\n\n青海海东柏岭边境派出所民警骑马巡逻。柏岭边境派出所位于青海省海东市乐都区木槿村，地形复杂。\n\n"
            "近年来，派出所推行“三色预警”工作法，服务群众。\n")
    rec = extract_text(text, "p.txt")
    assert "柏岭边境派出所" in {e.label for e in rec.entities if e.cls == "Organisation"}
    rels = {(r.subject, r.predicate, r.object) for r in rec.relations}
    assert {o for s, p, o in rels if s == "org:柏岭边境派出所" and p == "locatedIn"} == {"place:木槿村"}
    assert ("scheme:三色预警工作法", "implementedIn", "place:木槿村") in rels


def test_a_verb_after_a_body_ends_its_name(analyse):
    """X街道办事处联合辖区派出所: 联合 joins two bodies; what follows is no unit of the first."""
    orgs = _orgs(analyse("碾伯街道办事处联合辖区派出所开展夜间巡查。", place="乐都区"))
    assert not any("联合" in o for o in orgs)
    assert not any("开展" in o for o in _orgs(analyse("乐都区公安局开展夜间巡查服务中心建设。", place="乐都区")))


@pytest.mark.parametrize("text, city", [
    ("# 基层治理\n\n本报洛阳1月5日电 四川省绵阳市推行网格化调解。\n", "洛阳市"),        # a dateline
    ("# 基层治理\n\n四川省绵阳市学习苏州、无锡等地做法，推行网格化调解。\n", "无锡市"),  # a list of places
])
def test_a_city_elsewhere_named_by_its_short_name_in_a_dateline_or_a_list(text, city):
    from kg.extract import extract_text

    assert city in {e.label for e in extract_text(text, "p.txt").entities}


def test_a_scheme_placed_later_in_its_sentence_runs_there_too():
    """X区推行“…”，已在Y镇落地: the district's scheme also runs in the township the sentence names after 在."""
    from kg.extract import extract_text

    rec = extract_text("# 基层治理\n\n青海省海东市乐都区推行“三色预警”工作法，已在碾伯镇落地见效。\n", "p.txt")
    places = {r.object for r in rec.relations if r.subject == "scheme:三色预警工作法" and r.predicate == "implementedIn"}
    assert places == {"division:630202000000", "place:碾伯镇"}


def test_a_village_without_its_chain_lies_in_the_county_its_sentence_named():
    """海东市's article, 乐都区的木槿村: the village is part of the county just named, not of the city."""
    from kg.extract import extract_text

    rec = extract_text("# 海东市推进基层治理\n\n青海省海东市乐都区的木槿村推行网格化调解。\n", "p.txt")
    parts = {r.object for r in rec.relations if r.subject == "place:木槿村" and r.predicate == "partOf"}
    assert parts == {"division:630202000000"}


@pytest.mark.parametrize("text, expected, absent", [
    ("乐都法院开展巡回审判。", "乐都区人民法院", "乐都人民法院"),           # a county's court: the full name
    ("海东法院开展巡回审判。", "海东市中级人民法院", "海东人民法院"),       # a city's court: its intermediate court
    ("青海法院开展巡回审判。", None, "青海人民法院"),                       # the province's courts together
])
def test_court_named_by_a_short_place_name(analyse, text, expected, absent):
    orgs = _orgs(analyse(text, place="乐都区"))
    assert absent not in orgs and (expected is None or expected in orgs)


def test_a_trial_stage_names_no_court(analyse):
    """二审法院 is the court of a stage of a case, a kind of court, not one body."""
    assert not any("二审" in o for o in _orgs(analyse("上诉后，二审法院维持原判。", place="乐都区")))


def test_a_verb_before_a_bare_head_is_no_name(analyse):
    """X村联合司法所开展调解: 联合 is what the village does with the office, not the office's name."""
    assert not any(o.endswith("联合司法所") for o in _orgs(analyse("木槿村联合司法所开展矛盾调解。", place="乐都区")))


def test_a_body_named_after_a_city_elsewhere_is_not_put_in_the_article_place():
    """X海关 with X a city in another province: the body is that city's, not the article's county's."""
    from kg.extract import extract_text

    rec = extract_text("# 乐都区推进口岸治理\n\n青海省海东市乐都区与洛阳海关签订合作协议。\n", "p.txt")
    assert "洛阳海关" in {e.label for e in rec.entities}
    assert not [r for r in rec.relations if r.subject == "org:洛阳海关" and r.predicate == "locatedIn"]


# -- a village's bodies by the level word alone ---------------------------------------------
@pytest.mark.parametrize("text, org, place", [
    ("碾伯镇木槿村，以前选不出村党支部书记。", "木槿村党支部", "木槿村"),     # 村 + head
    ("碾伯镇木槿村村民张某多次找到村委会。", "木槿村村委会", "木槿村"),        # the head opens with 村
    ("碾伯镇柏岭花苑小区，民警来到小区居委会。", "柏岭花苑小区居委会", "柏岭花苑小区"),
])
def test_level_word_bodies_of_the_village_just_named(analyse, text, org, place):
    doc = analyse(text, place="乐都区")
    assert org in _orgs(doc)
    assert (org, place) in _rels(doc, "locatedIn")


def test_level_word_bodies_need_a_village_named_in_the_paragraph(analyse):
    """各村党支部 is every village's; with no village named before, 村委会 names none."""
    assert _orgs(analyse("碾伯镇木槿村，各村党支部书记参加会议。", place="乐都区")) == []
    assert _orgs(analyse("群众多次找到村委会反映。", place="乐都区")) == []


def test_level_word_bodies_of_the_one_village_of_the_story(analyse):
    """A story about one village: 村党支部 in a later paragraph is still that village's, unless
    another township has been named since (在A镇、B镇推行…，村民可到村委会: every village's)."""
    story = "乐都区碾伯镇木槿村的麦田里一片金黄。\n\n2023年以来，村党支部推行“四议两公开”制度。"
    doc = analyse(story, place="乐都区")
    assert ("木槿村党支部", "木槿村") in _rels(doc, "locatedIn")
    moved = "乐都区碾伯镇木槿村的麦田里一片金黄。\n\n该局在碾伯镇、瞿昙镇推行议事制度，村民可到村委会议事。"
    assert _orgs(analyse(moved, place="乐都区")) == []


def test_area_after_a_township_and_de_lies_in_it(analyse):
    """在碾伯镇的柏岭云峰景区: the township is read by its suffix after the area, and still its parent."""
    doc = analyse("县法院在碾伯镇的柏岭云峰景区设立法官工作站。", place="乐都区")
    assert ("柏岭云峰景区", "碾伯镇") in _rels(doc, "partOf")


def test_slogans_and_kinds_before_an_area_head_are_no_places(analyse):
    """普法进小区 (a slogan of taking work somewhere), 我区重点园区 (a kind): no place; a named park is."""
    doc = analyse("乐都区开展送法进村活动，推动普法进小区、调解入园区。我区重点园区的企业增加了。"
                  "乐都区木槿工业园区管委会说。", place="乐都区")
    assert [p for p in _places(doc) if p not in ("乐都区",)] == ["木槿工业园区"]


def test_village_before_its_villagers(analyse):
    """X村村民: the doubled 村 ends the village's name (村民 is the next word)."""
    assert "木槿村" in _places(analyse("碾伯镇木槿村村民张某说。", place="乐都区"))


# -- residential compounds inside a township or community -----------------------------------
def test_compound_after_its_community_keeps_its_own_name(analyse):
    """X街道Y社区Z花园B区: the compound's name starts after the community; it lies in it."""
    doc = analyse("乐都区碾伯镇木槿社区柏岭住宅花园B区党群服务中心开展活动。", place="乐都区")
    assert "柏岭住宅花园B区" in _places(doc) and "木槿社区" in _places(doc)
    assert ("柏岭住宅花园B区", "木槿社区") in _rels(doc, "partOf")
    assert ("柏岭住宅花园B区党群服务中心", "柏岭住宅花园B区") in _rels(doc, "locatedIn")


def test_compound_heads_are_no_place_in_a_body_or_a_quotation(analyse):
    """公安局花园派出所: 花园 names the station; “守护X家园” is words of a quoted name."""
    doc = analyse("乐都区公安局花园派出所开展“守护柏岭家园”宣传活动。", place="乐都区")
    assert not [p for p in _places(doc) if p.endswith(("花园", "家园"))]


def test_weak_scheme_heads_yield_to_a_full_head(analyse):
    """警务 inside 警务运行机制, or ending a quotation, is no head; “A+B”相结合的方式 is a manner."""
    doc = analyse("乐都区推行“情研判”警务运行机制，做实“小警务”，以“线上+线下”相结合的方式培训。", place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert "“情研判”警务运行机制" in labels
    assert not labels & {"“情研判”警务", "“小警务”", "“线上+线下”"}


# -- regions of a province --------------------------------------------------------------------
def test_regions_by_a_province_abbreviation_and_a_direction(analyse):
    """陕南, 渝东北: a part of a province named by its 简称 and a direction, a Place in it."""
    doc = analyse("盐道连接起渝东北、陕南的多处盐场。", place="乐都区")
    assert {"渝东北", "陕南"} <= set(_places(doc))
    assert [o for s, o in _rels(doc, "partOf") if s == "陕南"] == ["division:610000000000"]  # 陕西省


def test_no_region_across_two_words(analyse):
    """江苏北部 is 江苏 + 北部: no region 苏北 inside it."""
    assert "苏北" not in _places(analyse("江苏北部多地开展活动。", place="乐都区"))


def test_area_after_a_region_starts_after_it(analyse):
    doc = analyse("渝东北柏岭库区文物多。", place="乐都区")
    assert "柏岭库区" in _places(doc) and ("柏岭库区", "渝东北") in _rels(doc, "partOf")


def test_numbered_branch_of_a_procuratorate(analyse):
    doc = analyse("海东市人民检察院第二分院随即组织辖区检察机关。", place="海东市")
    assert ("海东市人民检察院第二分院", "海东市人民检察院") in _rels(doc, "subOrganisationOf")


def test_unit_sits_where_its_owner_sits(analyse):
    """X所属Y医院: Y has no place in its name; it lies where X does, not in the article's province."""
    doc = analyse("海东市卫生健康委员会所属木槿医院医生说。", place="青海省")
    assert ("木槿医院", "海东市卫生健康委员会") in _rels(doc, "subOrganisationOf")
    assert ("木槿医院", "海东市") in _rels(doc, "locatedIn")


# -- who runs a scheme ------------------------------------------------------------------------
def test_list_of_bodies_after_a_dateline_runs_the_scheme(analyse):
    """本报X电 （记者Y）A、B、C和D（…）签署…，共同建立“…”机制: the four bodies run it; the
    dateline's city is not where it runs."""
    doc = analyse("本报西宁7月22日电  （记者张三）青海海事局、青海省人力资源和社会保障厅、"
                  "海东市司法局和乐都区人民法院（乐都法院）近日签署合作协议，共同建立“调解+仲裁”协同合作机制。",
                  place="青海省")
    runners = {o for s, o in _rels(doc, "implementedBy") if s == "“调解+仲裁”协同合作机制"}
    assert runners == {"青海海事局", "青海省人力资源和社会保障厅", "海东市司法局", "乐都区人民法院"}
    assert "西宁市" not in {o for s, o in _rels(doc, "implementedIn")}


# -- teams with quoted names ------------------------------------------------------------------
@pytest.mark.parametrize("text, org", [
    ("乐都区妇联成立“爱心姐姐”团队，开展活动。", "“爱心姐姐”团队"),                  # 团队 only with a quoted name
    ("民警组建“老伙计”反诈团队。", "“老伙计”反诈团队"),                              # words between quote and head
    ("乐都区“爱心妈妈”团队走访。", "乐都区“爱心妈妈”团队"),                          # the place written before it
    ("海东市公安局乐都分局组建了9支“警察叔叔听你说”社区少年服务队。", "“警察叔叔听你说”社区少年服务队"),
    ("碾伯镇组建“老娘舅”调解队，化解纠纷。", "“老娘舅”调解队"),                     # any word + 队 after a quote
    ("乐都区成立“银杏”志愿者大队。", "“银杏”志愿者大队"),
])
def test_teams_with_quoted_names(analyse, text, org):
    assert org in _orgs(analyse(text, place="乐都区"))


@pytest.mark.parametrize("text, org, parent", [
    ("乐都边境管理大队“木棉花”背包警务队民警走访。", "乐都边境管理大队“木棉花”背包警务队", "乐都边境管理大队"),
    ("柏岭边境检查站“红柳服务队”成员说。", "柏岭边境检查站“红柳服务队”", "柏岭边境检查站"),
    # party committee departments belong to their committee, also written with the level only
    ("区委组织部牵头召开会议。", "乐都区委组织部", "乐都区委"),
    ("海东市委宣传部组织宣讲。", "海东市委宣传部", "海东市委"),
    ("区委社会工作部负责人表示。", "乐都区委社会工作部", "乐都区委"),
])
def test_unit_belongs_to_the_body_written_before_it(analyse, text, org, parent):
    """A quoted team after its body; a party committee's department after the committee."""
    assert (org, parent) in _rels(analyse(text, place="乐都区"), "subOrganisationOf")


def test_team_formed_by_a_local_body_sits_where_it_does(analyse):
    """社区居委会组织志愿者成立了“Y”服务队: the team is the community's, not the article place's."""
    doc = analyse("碾伯镇木槿社区是老旧小区集中的社区。社区居委会还组织志愿者成立了“暖冬”志愿服务队。",
                  place="乐都区")
    assert ("“暖冬”志愿服务队", "木槿社区") in _rels(doc, "locatedIn")
    doc = analyse("乐都区司法局组织律师成立了“木槿”法律服务队。", place="乐都区")
    assert ("“木槿”法律服务队", "乐都区") in _rels(doc, "locatedIn")


def test_no_team_without_a_quoted_name_and_no_unit_across_a_verb(analyse):
    """参与应急救援队: a kind of team; X工作站累计派出Y法庭: 派出 joins no 法庭 to the station."""
    doc = analyse("快递员参与应急救援队。乐都区人民法院“木棉”工作站累计派出车载流动法庭。", place="乐都区")
    orgs = _orgs(doc)
    assert "应急救援队" not in orgs and not [o for o in orgs if o.endswith("流动法庭")]


def test_no_team_from_a_quotation_and_a_phrase(analyse):
    """推行“一村一警”的工作队, “木棉”，巡逻队: 的 or a clause break between quote and head."""
    doc = analyse("乐都区推行“一村一警”的工作队。乐都区推广“木棉”，组建巡逻队。", place="乐都区")
    assert not [o for o in _orgs(doc) if "“" in o]


def test_area_named_after_a_full_place_keeps_its_verbs(analyse):
    """X县Y湖黑颈鹤抢救保护基地: after the county the whole name is the base's (抢救 is no cut)."""
    doc = analyse("检察官来到青海省海东市乐都区柏岭湖黑颈鹤抢救保护基地，开展“守护柏岭湖”普法宣传。", place="乐都区")
    assert "柏岭湖黑颈鹤抢救保护基地" in _places(doc)
    assert ("“守护柏岭湖”普法宣传", "柏岭湖黑颈鹤抢救保护基地") in _rels(doc, "implementedIn")


def test_scheme_run_in_a_named_area_is_placed_there_only(analyse):
    """Run in the base the sentence names, not also in the county the body sits in (GUIDE)."""
    doc = analyse("乐都区人民检察院检察官来到乐都区柏岭湖黑颈鹤抢救保护基地，开展“守护柏岭湖”普法宣传。",
                  place="乐都区")
    assert {o for s, o in _rels(doc, "implementedIn")} == {"柏岭湖黑颈鹤抢救保护基地"}


def test_scheme_heading_its_paragraph_runs_where_the_paragraph_goes(analyse):
    """“A+B”，拓展工作阵地。在X园、Y园，…: the scheme runs in both areas (each the last of its chain)."""
    doc = analyse("“检察+文旅”，拓展工作阵地。在乐都区柏岭遗址公园、互助土族自治县木槿考古遗址公园，"
                  "检察机关与部门共建办公室。", place="乐都区")
    assert {o for s, o in _rels(doc, "implementedIn") if s == "“检察+文旅”"} == {"柏岭遗址公园", "木槿考古遗址公园"}


def test_second_nameplate_in_brackets_is_an_alias(analyse):
    """A（B）: one body with two nameplates; B is no body of its own."""
    doc = analyse("张三生前任青海省柏岭监狱（青海省木槿医院）副监狱长。", place="青海省")
    assert _orgs(doc) == ["青海省柏岭监狱"]


def test_prison_administration_branch_is_one_body(analyse):
    doc = analyse("青海省柏岭监狱管理分局特警大队民警巡逻。", place="青海省")
    assert set(_orgs(doc)) == {"青海省柏岭监狱管理分局", "青海省柏岭监狱管理分局特警大队"}


# -- central bodies by their official short forms; offices written …办 ---------------------------
def test_central_bodies_by_short_forms_are_their_full_names(analyse):
    doc = analyse("中组部、工信部印发意见。最高法、最高检联合发布典型案例。", place="乐都区")
    assert {"中央组织部", "工业和信息化部", "最高人民法院", "最高人民检察院"} <= set(_orgs(doc))
    assert not {"中组部", "工信部", "最高法", "最高检"} & set(_orgs(doc))


def test_short_forms_inside_ordinary_words_are_no_bodies(analyse):
    assert _orgs(analyse("集中办理群众诉求，全国办结率高。", place="乐都区")) == []


def test_longest_central_name_wins(analyse):
    """中共中央纪律检查委员会 is one body (not also 中共中央); 中央纪委 is its alias."""
    assert _orgs(analyse("中央纪委负责人说，中共中央纪律检查委员会部署工作。", place="乐都区")) == \
        ["中共中央纪律检查委员会"]


@pytest.mark.parametrize("text, org", [
    ("海东市政务服务办负责人介绍。", "海东市政务服务办"),
    ("乐都区综治办和区信访办联合接访。", "乐都区综治办"),
    ("国家安全部新闻办负责人说。", "国家安全部新闻办"),
])
def test_offices_written_with_ban(analyse, text, org):
    assert org in _orgs(analyse(text, place="乐都区"))


@pytest.mark.parametrize("text, place", [
    ("记者从洛阳获悉，工作取得进展。", "洛阳市"),      # a place news comes from
    ("记者来到无锡，采访居民。", "无锡市"),            # a place gone to
])
def test_city_short_name_in_a_frame_of_going_or_coming(analyse, text, place):
    """A short name that names one city in the country, in a frame that leaves no other reading."""
    assert place in _places(analyse(text, place="乐都区"))


def test_quotation_listed_beside_a_named_scheme(analyse):
    """“X热线”“Y”……: Y is a scheme of the same list; a clause in quotes (“X要建设”) is none."""
    doc = analyse("“柏岭热线”“乐都知心人”……一串串电话号码。“单车棚要维修”“监控系统要建设”……居民说。",
                  place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert labels == {"“柏岭热线”", "“乐都知心人”"}


def test_body_issuing_a_document_runs_no_scheme_it_proposes(analyse):
    """X印发的《…》提出，实施“…”培养工程: the document proposes it; the issuer runs nothing."""
    doc = analyse("中组部印发的《关于加强乡村治理的意见》提出，实施“柏岭明白人”培养工程。", place="乐都区")
    assert _rels(doc, "implementedBy") == []


def test_body_after_a_verb_of_working_with(analyse):
    """X院联合县公安局: 联合 ends the court's name; 县公安局 is the county's bureau."""
    doc = analyse("乐都区人民检察院联合区公安局、区市场监管局开展“护苗”专项行动。", place="乐都区")
    assert {"乐都区公安局", "乐都区市场监管局"} <= set(_orgs(doc))


def test_anaphor_of_the_article_body_runs_in_its_place(analyse):
    """该院依托“…”: the scheme runs where the article's court is, never in the court itself."""
    doc = analyse("该院依托“检察+”工作模式办案。", place="乐都区", body="乐都区人民检察院", body_head="人民检察院")
    places = {o for s, o in _rels(doc, "implementedIn")}
    assert places == {"division:630202000000"}  # 乐都区, not org:乐都区人民检察院



def test_village_after_a_city_short_name_inside_a_chain_reads():
    """X街道 + a city's short name + a register village (…西安Y村) on a synthetic page: no error (a regression)."""
    from kg.extract import extract_text

    page = ("该旗借鉴白河县“一线连心”治理经验,在全旗探索。白狐沟街道西安高胜村全面实施“民生智慧”品牌,"
            "截至目前,13个嘎查村已全部挂牌运行。")
    record = extract_text(page, "x.txt")
    assert any(e.label == "“民生智慧”" for e in record.entities)


# -- units set up in a place; parents of villages ----------------------------------------------
@pytest.mark.parametrize("text, org, place", [
    ("乐都区司法局在木槿村设立法律服务工作站。", "木槿村法律服务工作站", "木槿村"),
    ("乐都区人民法院在碾伯镇建立法官工作站。", "碾伯镇法官工作站", "碾伯镇"),
])
def test_unit_set_up_in_a_place_is_that_places(analyse, text, org, place):
    """在P设立<unit>: a unit named by its function only is the unit of the place it is set up in."""
    doc = analyse(text, place="乐都区")
    assert org in _orgs(doc) and (org, place) in _rels(doc, "locatedIn")


def test_unit_named_by_function_alone_takes_the_articles_place(analyse):
    """法律服务工作站 with no place of its own: the article's place + unit, the bare form an alias."""
    assert "乐都区法律服务工作站" in _orgs(analyse("法律服务工作站为群众提供服务。", place="乐都区"))


def test_a_place_learned_from_is_no_parent(analyse):
    """学习借鉴X等地做法，在Y村…: Y村 lies in the article's county, not in the county learned from."""
    doc = analyse("乐都区司法局学习借鉴江苏昆山等地做法，在木槿村设立调解室。", place="乐都区")
    assert ("木槿村", "乐都区") in _rels(doc, "partOf")
    assert not [o for s, o in _rels(doc, "partOf") if s == "木槿村" and o != "乐都区"]


# -- a level word for the article's place ------------------------------------------------------
@pytest.mark.parametrize("text, org", [
    ("乐都区位于青海省海东市。市委、市政府高度重视。", "海东市委"),              # 市委 alone: the city's committee
    ("乐都区位于青海省海东市。区委书记说。", "乐都区委"),                        # a body in a title
    ("乐都区位于青海省海东市。省公安厅相关负责人表示。", "青海省公安厅"),          # 厅 after the level word 省
])
def test_level_word_bodies_of_the_articles_places(analyse, text, org):
    assert org in _orgs(analyse(text, place="乐都区"))


def test_level_word_bodies_counted_or_inside_a_longer_name(analyse):
    """各县委, 各省公安厅: bodies of every place of a level; 区委 inside 区委网信办 is no parent."""
    doc = analyse("乐都区位于青海省海东市。各县委、各省公安厅部署。对区委网信办发现的问题整改。",
                  place="乐都区")
    assert _orgs(doc) == ["乐都区委网信办"]


def test_verb_of_working_with_before_a_level_word_opens_the_next_body(analyse):
    """该院联合县妇联: 联合 after an anaphor, before a level word, is no part of the body's name."""
    doc = analyse("乐都区人民法院审结一案。该院还联合区妇联开展活动。", place="乐都区")
    orgs = _orgs(doc)
    assert "乐都区妇联" in orgs and not [o for o in orgs if "联合" in o]


def test_party_committee_written_before_its_politics_and_law_committee(analyse):
    """乐都区委政法委: 乐都区委 is a body too and its parent (gold/GUIDE.md "Parent bodies in a name")."""
    doc = analyse("乐都区委政法委有关负责人介绍。", place="乐都区")
    assert {"乐都区委", "乐都区委政法委"} <= set(_orgs(doc))
    assert ("乐都区委政法委", "乐都区委") in _rels(doc, "subOrganisationOf")


def test_level_word_body_of_the_township_its_sentence_names(analyse):
    """In an article about 瞿昙镇, 雨润镇政府为镇中心学校…，镇派出所… names 雨润镇's school and
    station (the township the sentence has just named), and 镇中心 (a part of town) is no body."""
    doc = analyse("乐都区雨润镇政府为镇中心学校更换了锅炉，镇派出所民警冬季巡逻。", place="瞿昙镇")
    orgs = _orgs(doc)
    assert {"雨润镇中心学校", "雨润镇派出所"} <= set(orgs)
    assert not [o for o in orgs if o.startswith("瞿昙镇") or o.endswith("镇中心")]


@pytest.mark.parametrize("text, org", [
    ("村里组建了“木槿说理团”。", "“木槿说理团”"),          # 团 inside the quotation
    ("村里成立了“柏岭调解队”。", "“柏岭调解队”"),          # 队 inside the quotation
])
def test_teams_quoted_whole(analyse, text, org):
    assert org in _orgs(analyse(text, place="乐都区"))


def test_a_common_word_and_a_bare_team_head_in_quotes_is_no_team(analyse):
    """带动社会“志愿队”: scare quotes round a common word + 队; “驼铃宣讲队” keeps its team head."""
    doc = analyse("乐都区带动社会“志愿队”，组建“驼铃宣讲队”。", place="乐都区")
    assert _orgs(doc) == ["“驼铃宣讲队”"]


def test_team_formed_in_the_village_its_sentence_names_sits_there(analyse):
    doc = analyse("在雨润镇木槿村，村里成立了由5名妇女组成的“木槿调解队”。", place="乐都区")
    assert ("“木槿调解队”", "木槿村") in _rels(doc, "locatedIn")


@pytest.mark.parametrize("text, org", [
    ("乐都区人民法院与团区委联合开展活动。", "共青团乐都区委"),   # 团 + the level word's committee
    ("共青团乐都区委组织青年志愿者。", "共青团乐都区委"),
])
def test_youth_league_committees(analyse, text, org):
    orgs = _orgs(analyse(text, place="乐都区"))
    assert org in orgs and "乐都区委" not in orgs


def test_no_league_after_a_word_ending_in_tuan(analyse):
    """某集团党委: 团 closes 集团, no Youth League committee."""
    assert not [o for o in _orgs(analyse("乐都区某集团党委书记说。", place="乐都区")) if "共青团" in o]


def test_named_services(analyse):
    """“X”服务 is a named service (an Initiative, gold/GUIDE.md); “X式”服务 a manner of serving."""
    doc = analyse("乐都区法律援助中心推出“木槿上门”服务，为群众提供“保姆式”服务。", place="乐都区")
    labels = {m.label for m in doc._.kg_mentions if m.family == "scheme"}
    assert labels == {"“木槿上门”服务"}
    assert ("“木槿上门”服务", "乐都区法律援助中心") in _rels(doc, "implementedBy")


def test_scheme_launched_by_a_body_in_a_relative_clause(analyse):
    """这是X推出的“Y”: Y is a scheme (the launch verb's object) and X runs it."""
    doc = analyse("这是乐都区司法局推出的“木槿明白车”，车上配有律师。", place="乐都区")
    assert ("“木槿明白车”", "乐都区司法局") in _rels(doc, "implementedBy")


def test_located_phrase_places_the_unit_not_its_parent(analyse):
    """位于P的X法院Y法庭: P is where the unit sits; the parent court stays in its own place."""
    doc = analyse("位于雨润镇的乐都区人民法院雨润人民法庭，把巡回审判点设到了村里。", place="乐都区")
    located = _rels(doc, "locatedIn")
    assert ("乐都区人民法院", "乐都区") in located and ("乐都区人民法院", "雨润镇") not in located


def test_place_visited_to_learn_a_scheme(analyse):
    """到X学习“Y”的做法: Y was learned from X; X is no parent of the places named after it."""
    doc = analyse("木槿社区党委组织干部到西宁市学习“楼道议事”的做法，在柏岭花园小区推行。", place="乐都区")
    assert ("“楼道议事”", "西宁市") in _rels(doc, "adaptedFrom")
    assert not [o for s, o in _rels(doc, "partOf") if o == "西宁市" and s != "乐都区"]


def test_dispute_words_name_a_units_function(analyse):
    """矛盾纠纷联调中心: 纠纷 says what the unit does, so the verb after it (联调) is its work, not a
    verb phrase the name starts after."""
    doc = analyse("乐都区公安局在瞿昙镇建立边境矛盾纠纷联调中心。", place="乐都区")
    assert ("瞿昙镇边境矛盾纠纷联调中心", "瞿昙镇") in _rels(doc, "locatedIn")


def test_quoted_name_before_words_of_function(analyse):
    """“X”物业纠纷诉前调解工作室: the quotation opens the name across the words of what it does;
    a quotation closed by a comma is no part of a later body's name."""
    doc = analyse("乐都区人民法院在雨润镇设立“木槿调和”物业纠纷诉前调解工作室。", place="乐都区")
    assert ("“木槿调和”物业纠纷诉前调解工作室", "雨润镇") in _rels(doc, "locatedIn")
    assert not [o for o in _orgs(analyse("乐都区推行“木槿议事”，成立调解工作室。", place="乐都区"))
                if o.endswith("工作室")]


def test_level_word_written_once_for_a_list_of_bodies(analyse):
    """镇党委、政府: the township's government too, named as written; a bare 政府 alone names none."""
    doc = analyse("乐都区碾伯镇木槿村村民发生纠纷。镇党委、政府组织调查小组。", place="乐都区")
    assert ("碾伯镇政府", "碾伯镇") in _rels(doc, "locatedIn")
    assert not [o for o in _orgs(analyse("政府组织调查小组。", place="乐都区")) if o.endswith("政府")]


def test_a_unit_set_up_in_many_places_is_a_kind(analyse):
    """在A、B等单位设立…, 在全区19个乡镇设立…: one unit in each, no one body; 在P设立… is P's."""
    doc = analyse("乐都区司法局在区人民法院、区妇联等单位设立法律援助工作站，在雨润镇设立法律服务工作站。"
                  "乐都区人民法院在全区19个乡镇设立法官工作站。", place="乐都区")
    orgs = _orgs(doc)
    assert "雨润镇法律服务工作站" in orgs
    assert not [o for o in orgs if o.endswith(("法律援助工作站", "法官工作站"))]


def test_a_scheme_named_again_runs_only_where_that_sentence_says():
    """A recap naming a scheme again (“X热线”“Y”……一串串电话号码) adds no place of the article's."""
    ran = _page_rels("乐都区民警风采\n\n在青海省乐都区碾伯镇，民警王某坚守岗位。\n\n"
                     "在互助土族自治县威远镇，有个群众耳熟能详的“小李热线”。\n\n"
                     "“小李热线”“木槿知心人”……一串串社区民警的电话号码，饱含着警民情谊。\n", "implementedIn")
    assert ("“小李热线”", "威远镇") in ran and ("“小李热线”", "乐都区") not in ran
    # named again with a body spreading it: where that body sits
    ran = _page_rels("木槿热线见闻\n\n在互助土族自治县威远镇，有个“小李热线”。\n\n"
                     "今年6月，青海省公安厅已在全省推广“小李热线”。\n", "implementedIn")
    assert ("“小李热线”", "青海省") in ran


def test_a_body_joined_in_the_subjects_next_clause_runs_the_scheme(analyse):
    """X设立A，并与Y建立“S”: Y runs S with X; a new subject in that clause (，Y建立“S”) is Y alone."""
    doc = analyse("乐都区人民法院在雨润镇设立法官工作室，并与雨润镇司法所建立“庭所共调”机制。", place="乐都区")
    by = _rels(doc, "implementedBy")
    assert {("“庭所共调”机制", "乐都区人民法院"), ("“庭所共调”机制", "雨润镇司法所")} <= set(by)


def test_a_leading_body_runs_what_the_place_runs_but_a_speaker_does_not():
    """由县委政法委牵头，我县推行“S”: the committee leads; X负责人介绍，沛县已建起“T”: the place runs it."""
    by = _page_rels("沛县见闻\n\n今年以来，由县委政法委牵头，我县全面推行“三调联动”工作机制。"
                    "沛县司法局负责人介绍，沛县已在各村建起“木槿长廊”调解平台。\n", "implementedBy")
    assert ("“三调联动”工作机制", "沛县县委政法委") in by
    assert not [o for s_, o in by if s_ == "“木槿长廊”调解平台"]


def test_a_fronted_demonstrative_spread_somewhere_is_the_scheme():
    """将这一做法在A镇、B镇推广: the bureau spreads the scheme just told to those townships."""
    text = ("乐都区见闻\n\n2024年起，乐都区公安局碾伯派出所推行“警民同心”工作机制。\n\n"
            "“警民同心”工作机制运行两年来，发案下降。乐都区公安局已将这一做法在雨润镇、瞿昙镇推广。\n")
    scheme = "“警民同心”工作机制"
    assert {(scheme, "雨润镇"), (scheme, "瞿昙镇")} <= _page_rels(text, "implementedIn")
    assert (scheme, "乐都区公安局") in _page_rels(text, "implementedBy")


def test_a_management_method_is_a_scheme(analyse):
    """“X”管理法, like “X”工作法: a named method of work."""
    doc = analyse("在乐都区碾伯镇，镇综治中心推行“木槿网格”管理法。", place="乐都区")
    assert ("“木槿网格”管理法", "碾伯镇综治中心") in _rels(doc, "implementedBy")


def test_lessons_of_a_scheme_are_the_scheme(analyse):
    """“X”的经验 is the lessons of X: the scheme is “X” (as with 的做法); “X”经验 is a name."""
    doc = analyse("乐都区借鉴了互助土族自治县“院落议事”的经验。乐都区推广“木槿调解”经验。", place="乐都区")
    assert ("“院落议事”", "互助土族自治县") in _rels(doc, "adaptedFrom")
    assert set(_schemes(doc)) == {"“院落议事”", "“木槿调解”经验"}


@pytest.mark.parametrize("text, org", [
    ("乐都区残疾人联合会组织活动。", "乐都区残疾人联合会"),
    ("乐都区木槿律师事务所律师说。", "乐都区木槿律师事务所"),
    ("乐都区劳动人事争议仲裁院受理案件。", "乐都区劳动人事争议仲裁院"),
    ("雨润镇人民调解委员会调解纠纷。", "雨润镇人民调解委员会"),    # 人民调解: a function, not the generic 人民
    ("雨润镇敬老院的老人说。", "雨润镇敬老院"),
    ("雨润镇中心校的学生说。", "雨润镇中心校"),
    ("雨润镇检察联络站设立以来。", "雨润镇检察联络站"),
    ("乐都区律师协会组织律师进村。", "乐都区律师协会"),
    ("乐都区公证处办理公证。", "乐都区公证处"),
    ("雨润镇检察室设立以来。", "雨润镇检察室"),
    ("乐都区监委通报案件。", "乐都区监委"),
])
def test_more_open_heads(analyse, text, org):
    assert org in _orgs(analyse(text, place="乐都区"))


def test_committee_subject_runs_the_scheme_not_its_parent(analyse):
    """乐都区委政法委推行“X”: the politics-and-law committee runs it, not 乐都区委 inside its name;
    “一X一Y一队” is a formula, no team."""
    doc = analyse("乐都区委政法委在全区推行“三级联防”工作机制。乐都区公安局实行“一室一艇一队”勤务模式。",
                  place="乐都区")
    runners = _rels(doc, "implementedBy")
    assert ("“三级联防”工作机制", "乐都区委政法委") in runners and ("“三级联防”工作机制", "乐都区委") not in runners
    assert not [o for o in _orgs(doc) if "一艇" in o]


@pytest.mark.parametrize("text, village", [
    ("乐都区雨润镇的木槿村是首个试点村。", "木槿村"),        # no register holds it
    ("乐都区雨润镇的汪芝麻社区是首个试点。", "汪芝麻社区"),  # the register's one is a Beijing community
])
def test_village_lies_in_the_township_its_sentence_names(analyse, text, village):
    """X镇的Y村: a village lies in the township written before it, not in a same-named
    register village of another township."""
    assert (village, "雨润镇") in _rels(analyse(text, place="乐都区"), "partOf")


@pytest.mark.parametrize("text, unit, owner, place", [
    ("乐都区公安局还在雨润镇设立了湖区警务室，实行巡逻。", "湖区警务室", "乐都区公安局", "雨润镇"),
    ("乐都区人民法院在雨润镇的柏岭景区设立法官工作站。", "柏岭景区法官工作站", "乐都区人民法院", None),
])
def test_unit_a_body_sets_up_in_a_place_is_its_unit_there(analyse, text, unit, owner, place):
    """X局在P设立了Y室, X法院在Y镇的Z景区设立…: the unit is the body's and sits in P."""
    doc = analyse(text, place="乐都区")
    assert (unit, owner) in _rels(doc, "subOrganisationOf")
    assert place is None or (unit, place) in _rels(doc, "locatedIn")


def test_bare_unit_after_a_township_set_as_the_scene(analyse):
    """在雨润镇，派出所与镇综治中心联合开展“X”行动: the township's station runs it too."""
    doc = analyse("在雨润镇，派出所与镇综治中心联合开展“木槿夜巡”行动。", place="乐都区")
    assert ("“木槿夜巡”行动", "雨润镇派出所") in _rels(doc, "implementedBy")
    assert "乐都区派出所" not in _orgs(doc)


def test_body_anaphor_refers_to_the_last_body_with_its_head(analyse):
    """In an article about a district, 该院 after X区人民法院 is that court (not the article's body)."""
    doc = analyse("乐都区推进基层治理。乐都区人民法院坚持能动司法。该院还开展“木槿法官进村”专项行动。",
                  place="乐都区")
    assert ("“木槿法官进村”专项行动", "乐都区人民法院") in _rels(doc, "implementedBy")


def test_colloquial_body_anaphor(analyse):
    """所里推出“X”: 所里 is the station named last (anaphora.tsv: 所里, 院里, 局里 …)."""
    doc = analyse("乐都区公安局雨润派出所辖区人口多。为此，所里推出“木槿议事厅”工作法。", place="乐都区")
    assert ("“木槿议事厅”工作法", "乐都区公安局雨润派出所") in _rels(doc, "implementedBy")


def test_no_team_after_speech_and_no_body_opening_with_a_pronoun_and_a_verb(analyse):
    """“…，…。”护渔队: speech is no team's name; 镇里联合区司法局: 镇里联合 is no part of the body."""
    doc = analyse("“以前打鱼为生，现在护鱼为业。”护渔队队长说。镇里联合区司法局开展“木槿体检”。",
                  place="乐都区")
    orgs = _orgs(doc)
    assert "乐都区司法局" in orgs and not [o for o in orgs if "护渔队" in o or "镇里" in o]


def test_place_name_does_not_start_inside_a_common_word(analyse):
    """议出和谐木槿乡: 和谐 is a word, the township is 木槿乡."""
    assert "木槿乡" in _places(analyse("“木槿议事会”议出和谐木槿乡。", place="乐都区"))


def test_hospital_and_company_names(analyse):
    """X区人民医院 (人民 is no generic name part here); 西宁X有限公司 keeps the city in its registered name."""
    doc = analyse("乐都区人民医院在社区设立了家庭医生工作站。小区引入西宁木槿物业服务有限公司。", place="乐都区")
    orgs = _orgs(doc)
    assert "乐都区人民医院" in orgs and "西宁木槿物业服务有限公司" in orgs


def test_compound_sets_up_its_own_body(analyse):
    """X小区成立Y: the body sits in the compound (no 在 needed before a village or compound)."""
    doc = analyse("雨润镇推动柏岭花园小区成立业主委员会。", place="乐都区")
    assert [o for s, o in _rels(doc, "locatedIn") if s.endswith("业主委员会")] == ["柏岭花园小区"]


def test_body_right_after_a_dateline_is_the_subject(analyse):
    """本报西宁3月2日电乐都区人民法院…推出“X”: the dateline ends before the story's subject."""
    doc = analyse("本报西宁3月2日电乐都区人民法院在雨润镇设立服务站，推出“木槿驻村”工作法。", place="乐都区")
    assert ("“木槿驻村”工作法", "乐都区人民法院") in _rels(doc, "implementedBy")


def test_name_starts_after_a_verb_of_setting_up(analyse):
    """为此专门设置X警务室: 设置 (tagged a noun of action by the dictionary) ends the phrase before the name."""
    doc = analyse("乐都区公安局为此专门设置木槿寺警务室。", place="乐都区")
    assert not [o for o in _orgs(doc) if "设置" in o]
    assert any(o.endswith("木槿寺警务室") for o in _orgs(doc))


def test_bare_unit_listed_after_a_placed_body_is_that_places(analyse):
    """由镇司法所、派出所…值守: the bare 派出所 is the same township's."""
    doc = analyse("乐都区雨润镇推进治理。由镇司法所、派出所和老党员代表共同值守。", place="乐都区")
    assert {"雨润镇司法所", "雨润镇派出所"} <= set(_orgs(doc))


def test_place_opening_a_later_clause_is_the_subject_not_the_speaker_body(analyse):
    """乐都区矛盾纠纷化解中心…。中心负责人介绍，乐都区还推广“X”: the district, not the centre, spreads it."""
    doc = analyse("乐都区矛盾纠纷化解中心接待群众。中心负责人木子介绍，乐都区还在全区推广“木槿和美”调解品牌。",
                  place="乐都区")
    assert not [o for s, o in _rels(doc, "implementedBy") if o.endswith("中心")]


def test_body_under_whose_coordination_a_scheme_runs(analyse):
    """在X的统筹下推行“Y”: X leads it (LEAD 统筹下, 推动下, 带领下)."""
    doc = analyse("近年来，在乐都区委政法委的统筹下推行“木槿联调”机制。", place="乐都区")
    assert ("“木槿联调”机制", "乐都区委政法委") in _rels(doc, "implementedBy")


def test_body_leading_the_work_runs_it_beside_the_bodies_that_carry_it_out(analyse):
    """由X牵头，Y、Z协同推进，实施“S”: X leads (gold/GUIDE.md: leading counts), Y and Z run it."""
    doc = analyse("由区委组织部牵头，区司法局、区民政局协同推进，实施“木槿法润”工程。", place="乐都区")
    assert _runners(doc, "“木槿法润”工程") == {"乐都区委组织部", "乐都区司法局", "乐都区民政局"}


@pytest.mark.parametrize("text, place", [
    ("乐都区司法局在木槿产业园设立服务站。", "木槿产业园"),
    ("柏岭现代物流园区里车来车往。", "柏岭现代物流园区"),        # the longer head at the same start wins
    ("雨润镇的柏岭边民互市贸易区里人来人往。", "柏岭边民互市贸易区"),
])
def test_parks_and_trade_zones_are_places(analyse, text, place):
    assert place in _places(analyse(text, place="乐都区"))


def _runners(doc, scheme):
    return {o for s, o in _rels(doc, "implementedBy") if s == scheme}


def test_bodies_listed_before_a_comma_and_a_launch_verb_run_the_scheme(analyse):
    """X会同Y，开展“S”: the comma after the list is no clause end; the clause goes on with its verb."""
    doc = analyse("乐都区边境管理大队会同乐都区公安局，开展“木槿护边”专项行动。", place="乐都区")
    assert _runners(doc, "“木槿护边”专项行动") == {"乐都区边境管理大队", "乐都区公安局"}


def test_a_body_the_subject_works_with_runs_the_scheme_too(analyse):
    """X还与Y合作，开设“S”: Y is a partner in running it."""
    doc = analyse("乐都区公安局还与雨润镇中心学校合作，开设“木槿反诈”课堂。", place="乐都区")
    assert _runners(doc, "“木槿反诈”课堂") == {"乐都区公安局", "雨润镇中心学校"}
    doc = analyse("乐都区公安局与乐都区司法局见面后，开设“木槿反诈”课堂。", place="乐都区")
    assert "乐都区司法局" in _runners(doc, "“木槿反诈”课堂")  # a list subject, not a partner


def test_a_body_a_scheme_is_learned_from_does_not_run_it_here(analyse):
    """借鉴了X局“S”的做法: X runs S elsewhere; the learner runs it here."""
    doc = analyse("乐都区司法局还借鉴了海东市公安局“木槿护边”的做法。", place="乐都区")
    assert _runners(doc, "“木槿护边”") == {"乐都区司法局"}


def test_a_unit_named_after_an_ethnic_township_sits_there(analyse):
    """达拉人民法庭 serves 达拉土族乡: the township's stem drops the ethnic group and 乡."""
    doc = analyse("五月的达拉土族乡，区法院达拉人民法庭的干警赶到了村里。", place="乐都区")
    assert ("乐都区人民法院达拉人民法庭", "达拉土族乡") in _rels(doc, "locatedIn")


def test_a_border_station_named_after_a_township_sits_there(analyse):
    """X边境派出所: a qualifier between the township's stem and the head."""
    doc = analyse("在雨润镇，雨润边境派出所组织巡逻。", place="乐都区")
    assert any(s.startswith("雨润") and o == "雨润镇" for s, o in _rels(doc, "locatedIn"))


@pytest.mark.parametrize("text, unit, place", [
    ("乐都区公安局还在柏岭景区设立旅游警务站。", "柏岭景区旅游警务站", "柏岭景区"),
    ("乐都区人民法院在雨润镇设立旅游巡回法庭。", "雨润镇旅游巡回法庭", "雨润镇"),
])
def test_a_unit_named_by_ordinary_words_takes_the_place_it_is_set_up_in(analyse, text, unit, place):
    """在P设立旅游警务站: no proper name, so the place the text sets it up in makes it one body."""
    doc = analyse(text, place="乐都区")
    assert (unit, place) in _rels(doc, "locatedIn")
    assert any(s == unit for s, _ in _rels(doc, "subOrganisationOf"))


def test_the_village_word_names_the_village_its_paragraph_last_named(analyse):
    """该村/村里 in an article about a district: the village written last before it, same paragraph."""
    doc = analyse("瞿昙镇柏岭村的变化是全区的缩影。该村设立了“说事亭”。村里还成立了调解委员会。",
                  place="乐都区")
    assert ("“说事亭”", "柏岭村") in _rels(doc, "implementedIn")
    assert ("柏岭村调解委员会", "柏岭村") in _rels(doc, "locatedIn")
    doc = analyse("瞿昙镇柏岭村的变化是全区的缩影。\n该村设立了“说事亭”。", place="乐都区")
    assert ("“说事亭”", "柏岭村") not in _rels(doc, "implementedIn")  # another paragraph


@pytest.mark.parametrize("text, village, found", [
    ("民警去了趟张家村的王某家，把身份证送过去。", "张家村", True),  # a family's village: 张家 is a word
    ("乐都区推进城中村改造。", "城中村", False),  # a listed name that is a frequent word is the word
    ("乐都区推进大家村务公开。", "大家村", False),  # 大家: too frequent for a family's name
])
def test_a_listed_village_named_by_a_word(analyse, text, village, found):
    """A village named by a dictionary word (X家村) is a name when the village list has it."""
    assert (village in _places(analyse(text, place="乐都区"))) is found


def test_a_village_named_in_quoted_speech_is_a_place(analyse):
    """A quotation running over sentences is speech, not a name: the villages it names are places."""
    doc = analyse("“木槿村离集镇二三十公里，来回一趟一个多小时。老人腿脚不利索。”民警说。", place="乐都区")
    assert "木槿村" in _places(doc)
    assert "木槿村" not in _places(analyse("乐都区推行“木槿村”调解法。", place="乐都区"))


def test_a_scheme_runs_in_the_village_its_paragraph_is_about(analyse):
    """A scheme whose sentence names no place runs in the village its paragraph went down to."""
    doc = analyse("乐都区持续推进基层治理。\n走进瞿昙镇柏岭村，老人们围坐在长廊里。每周五下午，大家按“长廊议事”工作法商量大小事务。",
                  place="乐都区")
    assert ("“长廊议事”工作法", "柏岭村") in _rels(doc, "implementedIn")
    doc = analyse("走进瞿昙镇柏岭村，老人们围坐在长廊里。\n每周五下午，大家按“长廊议事”工作法商量大小事务。", place="乐都区")
    assert ("“长廊议事”工作法", "柏岭村") not in _rels(doc, "implementedIn")  # another paragraph


def test_bodies_after_a_co_verb_run_the_scheme(analyse):
    """X还联合Y、Z建立“S”: Y and Z run it with X; 镇里联合Y开展“S”: Y alone (镇里 is no body)."""
    doc = analyse("乐都区司法局还联合乐都区人社局、乐都区总工会建立“薪暖木槿”联动机制，优先办理讨薪案件。",
                  place="乐都区")
    assert set(_runners(doc, "“薪暖木槿”联动机制")) == {"乐都区司法局", "乐都区人社局", "乐都区总工会"}
    doc = analyse("镇里联合乐都区司法局为合作社开展“法治木槿”体检活动。", place="乐都区")
    assert _runners(doc, "“法治木槿”体检活动") == {"乐都区司法局"}
    # a comma before the scene (…联合Y，在全区开办“S”) ends no clause
    doc = analyse("乐都区司法局还联合乐都区总工会，在全区开办“木槿调解员”培训班。", place="乐都区")
    assert set(_runners(doc, "“木槿调解员”培训班")) == {"乐都区司法局", "乐都区总工会"}


def test_a_quoted_name_defined_by_a_copula_is_a_scheme_its_body_runs(analyse):
    """“S”是X推行的一项制度: S is a scheme of the closing head's kind, run by X; “S”是群众的心声 is none."""
    doc = analyse("“柏岭律师”是乐都区司法局推行的一项制度：每个村都聘请一名律师。", place="乐都区")
    assert "“柏岭律师”" in _schemes(doc)
    assert _runners(doc, "“柏岭律师”") == {"乐都区司法局"}
    assert not _schemes(analyse("“早办早好”是群众的心声。", place="乐都区"))


@pytest.mark.parametrize("text", [
    "乐都区公安局木槿派出所在此专门设置柏岭警务室，安排民警轮流值班。",
    "乐都区公安局木槿派出所还专门设立了柏岭警务室。",
])
def test_a_unit_a_body_sets_up_here_is_its_unit(analyse, text):
    """X所在此专门设置Y室 / X所还专门设立了Y室: adverbs and 在此 between the body and the verb."""
    assert ("柏岭警务室", "乐都区公安局木槿派出所") in _rels(analyse(text, place="乐都区"), "subOrganisationOf")



def test_a_level_word_is_no_part_of_an_area_name(analyse):
    """全市边境地区, 全县农村地区: the level word (全市) is read, the rest (边境地区) is no named area."""
    doc = analyse("乐都区三级联动化解矛盾，全市边境地区连续三年保持零命案，全县农村地区实现网格全覆盖。",
                  place="乐都区")
    assert not [p for p in _places(doc) if p.endswith("地区")]


@pytest.mark.parametrize("text, runners", [
    ("“木槿调解”工作法由乐都区司法局推出，化解矛盾纠纷120件。", {"乐都区司法局"}),
    ("“木槿调解”工作法由乐都区司法局牵头，各乡镇配合实施。", {"乐都区司法局"}),
    ("“木槿调解”工作法由群众自发形成。", set()),
])
def test_the_agent_of_a_passive_after_the_scheme_runs_it(analyse, text, runners):
    """“S”由X推出 / 由X牵头: the agent after 由 runs the scheme; 由群众… names no body."""
    assert _runners(analyse(text, place="乐都区"), "“木槿调解”工作法") == runners


def test_a_scheme_runs_in_every_place_of_the_list_after_zai(analyse):
    """…，已在X镇和Y镇全面推开: each township of the list, beside the district that launched it."""
    doc = analyse("乐都区推行“木槿调解”工作法，目前已在雨润镇和瞿昙镇全面推开。", place="乐都区")
    got = {o for s, o in _rels(doc, "implementedIn") if s == "“木槿调解”工作法"}
    assert got == {"乐都区", "雨润镇", "瞿昙镇"}


def test_a_scheme_built_with_other_regions_runs_in_each(analyse):
    """X与A、B共建“S”: S runs in A and B too; 与A开展交流 builds nothing."""
    doc = analyse("乐都区人民检察院深化生态检察协作，与青海、宁夏共建“木槿护河”联动机制。", place="乐都区")
    got = {o for s, o in _rels(doc, "implementedIn") if s == "“木槿护河”联动机制"}
    assert {"青海省", "宁夏回族自治区"} <= got
    doc = analyse("乐都区人民检察院与宁夏开展交流，推行“木槿护河”联动机制。", place="乐都区")
    assert "宁夏回族自治区" not in {o for s, o in _rels(doc, "implementedIn")}


def test_local_peoples_organisations_are_bodies(analyse):
    """The short names of county people's organisations (残联, 工商联, 科协, 侨联, 文联, 红十字会)."""
    doc = analyse("乐都区残联、乐都区工商联、乐都区科协、乐都区侨联、乐都区文联和乐都区红十字会派员参加。",
                  place="乐都区")
    assert {"乐都区残联", "乐都区工商联", "乐都区科协", "乐都区侨联", "乐都区文联", "乐都区红十字会"} <= set(_orgs(doc))


def test_a_service_number_is_part_of_a_body_name(analyse):
    """X院12309检察服务中心: a five-digit 12xxx service number stays in the name; 2024年 does not."""
    doc = analyse("群众可到乐都区人民检察院12309检察服务中心或乐都区司法局12348公共法律服务中心反映问题。",
                  place="乐都区")
    orgs = set(_orgs(doc))
    assert {"乐都区人民检察院12309检察服务中心", "乐都区司法局12348公共法律服务中心"} <= orgs
    assert not [o for o in _orgs(analyse("乐都区2024调解中心成立。", place="乐都区")) if "2024" in o]


def test_a_scheme_the_sentence_points_back_at_runs_in_the_scene_told(analyse):
    """…在X镇Y村，…。这是Z所推出的“S”: the scheme is the scene's, so it runs in Y村 too; without 这是 it does not
    (the scene set inside the paragraph, not by its first words: ``_paragraph_scene`` is another rule)."""
    text = "走访中，在瞿昙镇柏岭村，家家户户门口都挂着一块牌子。{}乐都区公安局瞿昙派出所推出的“一户一灯”群防模式。"
    doc = analyse(text.format("这是"), place="乐都区")
    assert ("“一户一灯”群防模式", "柏岭村") in _rels(doc, "implementedIn")
    doc = analyse(text.format("去年，"), place="乐都区")
    assert ("“一户一灯”群防模式", "柏岭村") not in _rels(doc, "implementedIn")


@pytest.mark.parametrize("text, found", [
    ("胜利村党支部书记张某说，村里建起了调解室。", True),    # its own body follows
    ("在胜利村，村民们围坐在一起。", True),                  # a word of being there precedes
    ("全区创建胜利村的经验在会上介绍。", False),             # a phrase, no name standing
])
def test_a_village_named_by_a_common_word_in_its_own_county(analyse, text, found):
    """乐都区 has a 胜利村 in the national village list: there the word names it; elsewhere it does not."""
    assert ("胜利村" in _places(analyse(text, place="乐都区"))) is found
    assert "胜利村" not in _places(analyse(text, place="互助土族自治县"))  # no such village there


def test_a_co_verb_after_a_body_is_no_county_name(analyse):
    """X委会同县民政局: 会同 is the verb (the body 县民政局 follows), not the county 会同县 of another province."""
    doc = analyse("互助土族自治县地处河湟谷地。今年以来，县委政法委会同县民政局推开这一做法。",
                  place="互助土族自治县")
    assert "会同县" not in _places(doc)
    assert "互助土族自治县民政局" in _orgs(doc)
    assert "会同县" in _places(analyse("湖南省怀化市会同县公安局开展巡逻。", place="怀化市"))  # the county itself


def test_a_section_head_right_before_another_head_is_part_of_its_name(analyse):
    """X公安局雨润科派出所: 科 ends the station's name (a township named …科), no section of its own."""
    doc = analyse("乐都区公安局雨润科派出所民警巡查。乐都区公安局治安科民警说。", place="乐都区")
    assert set(_orgs(doc)) == {"乐都区公安局", "乐都区公安局雨润科派出所", "乐都区公安局治安科"}


def test_a_unit_after_an_anaphor_belongs_to_the_body_it_refers_to(analyse):
    """X检察院…。该院第五检察部…: the unit of the procuratorate named before, in an article about a county."""
    doc = analyse("乐都区人民检察院开展专项行动。今年3月，该院第五检察部在巡查中发现问题。", place="乐都区")
    assert ("乐都区人民检察院第五检察部", "乐都区人民检察院") in _rels(doc, "subOrganisationOf")


@pytest.mark.parametrize("text, found", [
    ("在乐都区雨润镇柏岭村的调解室里，调解员正在给村民讲道理。", True),
    ("“邻里之间，让一步天宽地阔。”在雨润镇柏岭村的调解室里，调解员正在讲道理。", True),  # after speech
    ("柏岭村的调解室里，调解员正在讲道理。", False),  # no scene set by 在
])
def test_the_unit_of_the_village_set_as_the_scene(analyse, text, found):
    """在X镇Y村的调解室里: the village's own unit (place + unit, the place made certain by the text)."""
    assert ("柏岭村调解室" in _orgs(analyse(text, place="乐都区"))) is found


def test_a_quotation_named_as_a_way_of_working_is_a_scheme(analyse):
    """“X”这个办法 / “X”这一机制: the demonstrative and the noun name the quotation a scheme; “X”这个道理 does not."""
    doc = analyse("社区又从居民中选出23名“楼道管家”。“楼道管家”这个办法，如今已在雨润镇11个社区推开。",
                  place="乐都区")
    assert "“楼道管家”" in _schemes(doc)
    assert ("“楼道管家”", "雨润镇") in _rels(doc, "implementedIn")
    assert _schemes(analyse("“有事好商量”这个道理，大家都懂。", place="乐都区")) == []


def test_a_list_of_places_before_a_scheme_and_a_scheme_learned_before_it(analyse):
    """该局学习借鉴X县“S”经验，在A镇、B镇等乡镇推行“T”制度: T runs in both towns; S, learned, in neither."""
    doc = analyse("乐都区司法局学习借鉴互助土族自治县“木槿说理”经验，在瞿昙镇、雨润镇等乡镇推行“一周一议”制度。",
                  place="乐都区")
    runs = _rels(doc, "implementedIn")
    assert {("“一周一议”制度", "瞿昙镇"), ("“一周一议”制度", "雨润镇")} <= set(runs)
    assert not {o for s, o in runs if s.startswith("“木槿说理”")} & {"瞿昙镇", "雨润镇"}
    assert ("“一周一议”制度", "乐都区") not in runs  # the list says where it runs: not the bureau's whole district


def test_a_schemes_name_written_again_runs_where_its_sentence_says(analyse):
    """推行“X”工作法。…“X”已在Y村落地: the repeat is the scheme, run in Y村; its runner is not read again."""
    doc = analyse("瞿昙镇推行“木槿议事”工作法。目前，“木槿议事”已在瞿昙镇柏岭村推开，乐都区司法局派员参与。",
                  place="乐都区")
    assert ("“木槿议事”工作法", "柏岭村") in _rels(doc, "implementedIn")
    assert "乐都区司法局" not in _runners(doc, "“木槿议事”工作法")
    # a quoted role written again names people, not the scheme
    doc = analyse("乐都区开展“木槿明白人”培养工程。瞿昙镇柏岭村的“木槿明白人”张某说。", place="乐都区")
    assert ("“木槿明白人”培养工程", "柏岭村") not in _rels(doc, "implementedIn")


def test_a_pilot_site_runs_the_scheme(analyse):
    """P是“S”的首个试点村: the pilot village runs the scheme (the name written again)."""
    doc = analyse("雨润镇党委在各村推行“湖区议事会”制度。雨润镇的柏岭村是“湖区议事会”的首个试点村。",
                  place="乐都区")
    assert ("“湖区议事会”制度", "柏岭村") in _rels(doc, "implementedIn")


@pytest.mark.parametrize("text, place", [
    ("柏岭村落实了新制度。", "柏岭村"),        # 村|落实, not 村落
    ("木槿村落地了新机制。", "木槿村"),        # 村|落地
])
def test_a_village_suffix_before_a_commoner_word_ends_the_name(analyse, text, place):
    assert place in _places(analyse(text, place="乐都区"))
    assert _places(analyse("建设美丽乡村。", place="乐都区")) == []  # 乡村 stays a word


def test_a_post_named_after_a_compound_sits_in_it(analyse):
    """X苑警务室 with X苑小区 named: the post sits in the compound (the most specific place)."""
    doc = analyse("雨润镇木槿苑小区设立了警务室。乐都区公安局雨润派出所木槿苑警务室民警每天巡查。", place="乐都区")
    assert ("乐都区公安局雨润派出所木槿苑警务室", "木槿苑小区") in _rels(doc, "locatedIn")


@pytest.mark.parametrize("text", [
    "在雨润镇柏岭村，社区民警张某和“白桦林”志愿服务队一起，逐户登记信息。",     # the scene set by 在
    "雨润镇柏岭村是个牧业村。村里还组建了一支由老党员组成的“白桦林”志愿服务队。",  # 村里, the paragraph's village
])
def test_a_quoted_team_sits_where_its_sentence_places_it(analyse, text):
    assert ("“白桦林”志愿服务队", "柏岭村") in _rels(analyse(text, place="乐都区"), "locatedIn")


def test_a_village_of_the_same_name_in_another_county_is_not_this_one(analyse):
    """卓扎沟村 is in the national list only in 互助土族自治县: in a story about 乐都区 it is a village
    of that story (no register code), not the one of the other county."""
    codes = {p.code for p in analyse("卓扎沟村党支部书记张某说，村里建起了调解室。", place="乐都区")._.kg_mentions
             if p.family == "place" and p.label == "卓扎沟村"}
    assert codes == {None}
    codes = {p.code for p in analyse("卓扎沟村党支部书记张某说。", place="互助土族自治县")._.kg_mentions
             if p.family == "place" and p.label == "卓扎沟村"}
    assert codes and None not in codes  # in its own county it is the register's village


def test_an_area_lies_in_the_village_the_text_says_it_is_in(analyse):
    """X小区所在的Y社区, X景区所在的Y村: the area is part of that community or village, not of the district."""
    doc = analyse("2024年，木槿花园小区所在的柏岭社区党委牵头成立小区议事会。", place="乐都区")
    assert ("木槿花园小区", "柏岭社区") in _rels(doc, "partOf")
    assert ("木槿花园小区", "乐都区") not in _rels(doc, "partOf")


def test_a_quotation_a_body_takes_as_its_vehicle_is_a_scheme(analyse):
    """X把“S”作为…的重要载体: a scheme X runs, as 以“S”为抓手 is; 把“…”作为座右铭 is no frame."""
    doc = analyse("乐都区民政局把“院落会”作为村民自治的重要载体，在全区推广。", place="乐都区")
    assert _runners(doc, "“院落会”") == {"乐都区民政局"}
    assert _schemes(analyse("他把“为人民服务”作为座右铭。", place="乐都区")) == []


def test_a_quotation_built_up_is_a_scheme(analyse):
    """全县已在103个行政村建起“说理长廊”: 建起 launches what it builds, as 建成 does."""
    doc = analyse("乐都区委政法委负责人介绍，全区已在103个行政村建起“木槿长廊”。", place="乐都区")
    assert "“木槿长廊”" in _schemes(doc)


def test_a_word_broken_by_a_headline_line_break_is_no_place(analyse):
    """…筑牢乡 / 村振兴…: a headline's two lines joined by a space still read 乡村 as a word, no 筑牢乡."""
    assert _places(analyse("海东市乐都区筑牢乡 村振兴平安基石", place="乐都区")) == ["乐都区", "海东市"]


def test_a_demonstrative_after_a_launch_verb_stands_for_the_paragraphs_scheme(analyse):
    """…推行“S”制度…。县委政法委会同县民政局在全县推开这一做法: both bodies spread S, county-wide."""
    text = ("互助土族自治县地处河湟谷地。柏岭村推行“院落议事会”制度，群众的事在院里议。"
            "2024年以来，县委政法委会同县民政局在全县推开这一做法。")
    doc = analyse(text, place="互助土族自治县")
    assert set(_runners(doc, "“院落议事会”制度")) == {"互助土族自治县委政法委", "互助土族自治县民政局"}
    assert ("“院落议事会”制度", "互助土族自治县") in _rels(doc, "implementedIn")
    doc = analyse(text.replace("在全县推开这一做法", "介绍了这一做法"), place="互助土族自治县")
    assert not _runners(doc, "“院落议事会”制度")  # told of, not spread: no runner


@pytest.mark.parametrize("text", [
    "乐都区开通“木槿快调”纠纷调解平台。“木槿快调”纠纷调解平台由乐都区市场监督管理局和雨润镇人民调解委员会共同运营。",
    "游客扫一扫，就能进入“木槿快调”纠纷调解平台。平台由乐都区市场监督管理局和雨润镇人民调解委员会共同运营。",
])
def test_the_bodies_of_a_passive_with_a_list_run_the_scheme(analyse, text):
    """“S”由A和B共同运营 (or the head noun opening the sentence for S): A and B run it."""
    assert set(_runners(analyse(text, place="乐都区"), "“木槿快调”纠纷调解平台")) == \
        {"乐都区市场监督管理局", "雨润镇人民调解委员会"}


def test_a_scheme_runs_in_the_scene_its_paragraph_opens_on(analyse):
    """在X镇，…。县法院与团县委联合开展“S”: the paragraph's scene holds for its sentences."""
    doc = analyse("乐都区地处湟水谷地。\n在瞿昙镇，巡回审判还走进了校园。乐都区人民法院联合开展“法治小课堂”活动。",
                  place="乐都区")
    assert ("“法治小课堂”活动", "瞿昙镇") in _rels(doc, "implementedIn")
    doc = analyse("乐都区地处湟水谷地。\n巡回审判还走进了瞿昙镇的校园。乐都区人民法院联合开展“法治小课堂”活动。",
                  place="乐都区")
    assert ("“法治小课堂”活动", "瞿昙镇") not in _rels(doc, "implementedIn")  # no scene set by 在X，
