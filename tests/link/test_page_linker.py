"""The page linker mints every key, chooses divisions by the page and reads anaphors by the article.

Crafted inputs with invented names (a county, a body, a scheme in no register, gold or
corpus file); register places only where the register is what is tested.
"""
from __future__ import annotations

import pytest

from kg.context import ArticleContext, Ref, Subject
from kg.link.canonical import key_of
from kg.link.page import ArticleRun, PageLinker, file_record
from kg.nlp.components.gazetteer import register_matches, scan_register
from kg.nlp.types import Mention, RelationHit
from kg.register.divisions import get_kb
from kg.text.normalize import normalize

BANNER = "150425000000"  # a county-level banner of the register


@pytest.fixture(scope="module")
def kb():
    return get_kb()


def _mention(text: str, surface: str, family: str, cls: str, ref: Ref, **kw) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), family, cls, surface, kw.pop("label", surface), ref, **kw)


def _record(kb, text: str, mentions, relations, place: Subject | None = None):
    ctx = ArticleContext(sentences=((0, len(text)),), place=place)
    run = ArticleRun(0, "", "", "", 0, len(text), list(mentions), list(relations), ctx, [place])
    return file_record("p.txt", "", text, normalize(text), [run], kb)


@pytest.mark.parametrize("ref, key", [
    (Ref.named("organisation", "青禾县 公安局"), "org:青禾县公安局"),
    (Ref.named("scheme", "“三色预警”工作法"), "scheme:三色预警工作法"),
    (Ref.named("award", "“青禾之星”"), "award:青禾之星"),
    (Ref.named("place", "柳岸湿地公园"), "place:柳岸湿地公园"),
    (Ref.division(BANNER), f"division:{BANNER}"),
])
def test_page_linker_key_of_each_family(ref, key):
    assert key_of(ref) == key


def test_page_linker_mints_the_keys_of_mentions_and_relation_ends(kb):
    """Refs become keys only in the linker: quoted and bare forms of a name are one entity,
    a relation's ends are the entities' keys, an anaphor (no entity) gives none."""
    text = "青禾县公安局推行“三色预警”工作法，该局将三色预警工作法推广到克什克腾旗。"
    body = Ref.named("organisation", "青禾县公安局")
    scheme = Ref.named("scheme", "“三色预警”工作法")
    banner = Ref.division(BANNER)
    mentions = [
        _mention(text, "青禾县公安局", "organisation", "Organisation", body, kind="named", place_ref=banner),
        _mention(text, "“三色预警”工作法", "scheme", "Programme", scheme, kind="quote"),
        _mention(text, "该局", "anaphor", "Organisation", body, label="青禾县公安局", kind="anaphor", entity=False),
        _mention(text, "三色预警工作法", "scheme", "Programme", Ref.named("scheme", "三色预警工作法"), kind="quote"),
        _mention(text, "克什克腾旗", "place", "County", banner, label="克什克腾旗", kind="full", code=BANNER),
    ]
    relations = [RelationHit(scheme, "implementedBy", body, 0, len(text)),
                 RelationHit(scheme, "implementedIn", banner, 0, len(text)),
                 RelationHit(body, "locatedIn", banner, 0, len(text))]
    rec = _record(kb, text, mentions, relations)
    ents = {e.key: e for e in rec.entities}
    assert set(ents) == {"org:青禾县公安局", "scheme:三色预警工作法", f"division:{BANNER}"}
    assert ents["scheme:三色预警工作法"].label == "“三色预警”工作法"
    assert "三色预警工作法" in ents["scheme:三色预警工作法"].aliases
    assert ents[f"division:{BANNER}"].code == BANNER and ents[f"division:{BANNER}"].parent
    assert {(r.subject, r.predicate, r.object) for r in rec.relations} >= {
        ("scheme:三色预警工作法", "implementedBy", "org:青禾县公安局"),
        ("scheme:三色预警工作法", "implementedIn", f"division:{BANNER}"),
        ("org:青禾县公安局", "locatedIn", f"division:{BANNER}")}


def test_page_linker_mints_the_subject_key_the_article_is_about(kb):
    """An article's subject (a Subject of its context) is named by its ref's key, and is an entity
    of the page with its register parent even when only the context names it."""
    text = "青禾县公安局召开会议。"
    place = Subject(Ref.division(BANNER), "克什克腾旗", "County", BANNER)
    body = Ref.named("organisation", "青禾县公安局")
    rec = _record(kb, text, [_mention(text, "青禾县公安局", "organisation", "Organisation", body, kind="named",
                                      place_ref=place.ref)],
                  [RelationHit(body, "locatedIn", place.ref, 0, len(text))], place=place)
    assert rec.articles[0].about == f"division:{BANNER}"
    assert ("org:青禾县公安局", "locatedIn", f"division:{BANNER}") in {
        (r.subject, r.predicate, r.object) for r in rec.relations}
    assert next(e for e in rec.entities if e.key == f"division:{BANNER}").parent


def _linker(kb, page: str) -> PageLinker:
    return PageLinker(kb, normalize(page), register_matches, scan_register)


@pytest.mark.parametrize("page, expected", [
    ("河北省沧州市召开会议。", "130902000000"),   # the page's city has one 新华区
    ("河南省平顶山市召开会议。", "410402000000"),
    ("河北省召开会议。", None),                   # two in the page's province: no reading
    ("召开会议。", None),                          # three in the country, none the page supports
])
def test_page_linker_chooses_the_division_the_page_supports(kb, page, expected):
    """One name, three districts of the register: the places the page names in full decide."""
    div = _linker(kb, page).context(0).readings.division("新华区", "full")
    assert (div.code if div is not None else None) == expected


def test_page_linker_reads_the_pipeline_name_by_the_page(kb):
    """What the pipeline writes for the name is the linker's reading on that page (a code, no key)."""
    from kg.extract import extract_text

    rec = extract_text("河南省平顶山市新华区青禾街道推行“三色预警”工作法。\n", "p.txt")
    assert "division:410402000000" in {e.key for e in rec.entities}


_BANNER = Subject(Ref.named("place", "青禾旗"), "青禾旗", "County")
_COURT = Subject(Ref.named("organisation", "青禾旗人民法院"), "青禾旗人民法院", "Organisation", head="人民法院",
                 place_ref=_BANNER.ref)
_STATION = Subject(Ref.named("organisation", "柳岸派出所"), "柳岸派出所", "Organisation", head="派出所")


@pytest.mark.parametrize("surface, place, body, expected", [
    ("该旗", _BANNER, None, _BANNER),       # the subject place, its level word fits
    ("全旗", _BANNER, _COURT, _BANNER),
    ("该县", _BANNER, None, None),          # a banner is no county
    ("该院", _BANNER, _COURT, _COURT),      # the subject body, its head fits
    ("本院", None, _COURT, _COURT),
    ("该局", _BANNER, _COURT, None),        # a court is no bureau
    ("所里", None, _STATION, _STATION),
    ("所里", None, _COURT, None),
    ("该院", _BANNER, None, None),          # no subject body
])
def test_page_linker_reads_anaphors_by_the_article_subject(kb, surface, place, body, expected):
    ctx = _linker(kb, "召开会议。").context(1, place=place, body=body)
    assert ctx.readings.anaphor(surface) == expected


def test_page_linker_anaphor_relation_lands_on_the_subject_body(kb):
    """该院 in a story about a court: the scheme it runs is the court's (a key minted from the body's ref)."""
    from kg.extract import extract_text

    rec = extract_text("青禾县人民法院推进诉源治理\n青禾县人民法院召开会议。该院推行“三色调解”工作法。\n", "p.txt")
    assert ("scheme:三色调解工作法", "implementedBy", "org:青禾县人民法院") in {
        (r.subject, r.predicate, r.object) for r in rec.relations}


_CAPTIONED_PAGE = """守护平安（平安建设进行时）

图①：阿拉善右旗公安局民警走访牧户。图②：海东市公安局乐都分局高庙镇派出所民警开展反诈宣传。

“牧区的平安，就是我的心愿”

本报记者 王木槿

阿拉善右旗地处边疆，牧民居住分散。阿拉善右旗公安局推行“马背警务”工作法，民警骑马入户走访。

“群众的事再小也是大事”

本报记者 李柏岭

河南省南阳市宛城区的民警每天走村入户。宛城区公安局推行“警民恳谈”机制，收集群众意见。
"""


def test_a_clause_reads_its_own_ambiguous_township_before_the_page_does():
    """高庙镇 has four readings; the page's other story (宛城区) supports the one in Henan, but the
    caption's own clause (海东市公安局乐都分局…) states the one in 海东市: the clause wins."""
    from kg.extract import extract_text

    rec = extract_text(_CAPTIONED_PAGE, "captions.txt")
    label = {e.key: e.label for e in list(rec.entities) + list(rec.reference)}
    town = next(e for e in rec.entities if e.label == "高庙镇")
    assert town.key.endswith("630202101000")
    assert ("高庙镇", "海东市") in {(label.get(r.subject), label.get(r.object)) for r in rec.relations
                                 if r.predicate == "partOf"}
