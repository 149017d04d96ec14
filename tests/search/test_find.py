"""kg.search on a crafted graph: names, pinyin, sentences, offsets, ranking, short texts."""
from __future__ import annotations

import pytest

from kg.search import open_index
from kg.search.index import fold

ID = "https://w3id.org/govkg/id/"


@pytest.fixture(scope="module")
def index(search_graph):
    with open_index(search_graph) as idx:
        yield idx


def entities(idx, text):
    return [h.iri.removeprefix(ID) for h in idx.find(text) if h.kind == "entity"]


def sentences(idx, text):
    return [(h.file, h.start, h.end) for h in idx.find(text) if h.kind == "sentence"]


@pytest.mark.parametrize("text,expected", [
    # 测试旗 exactly (the county and the programme named so), then the names containing it
    ("ceshiqi", [{"county1", "s2"}, {"org1", "s1"}]),    # stored pinyin, tone-less, no spaces
    ("Ceshi Qi", [{"county1", "s2"}, {"org1", "s1"}]),   # case and spaces do not matter
    ("CESHIQI", [{"county1", "s2"}, {"org1", "s1"}]),
    ("ceshiqisifaju", [{"org1"}]),
    ("yanglizhen", [{"town1"}]),           # no pinyin in the graph: from the label
    ("yangli zhen", [{"town1"}]),
    ("ceshiqx", []),                       # negative
    ("zhen", [{"town1"}]),                 # short pinyin: still found
])
def test_find_pinyin(index, text, expected):
    found = entities(index, text)
    groups, at = [], 0
    for g in expected:
        groups.append(set(found[at:at + len(g)]))
        at += len(g)
    assert groups == expected and at == len(found)


def test_find_label_alias_and_ranking(index):
    # exact name first (a label equal to the text), then names starting with it, then containing it
    found = entities(index, "测试旗")
    assert found[:2] in (["county1", "s2"], ["s2", "county1"])
    assert set(found[2:]) == {"org1", "s1"}
    # an alias is found (without quotes or with), and ranks after a label of equal quality
    assert entities(index, "测试旗调解工作法") == ["s1"]
    assert entities(index, "司法局") == ["org1"]
    assert entities(index, "不存在的名字") == []


def test_find_entity_carries_files(index):
    hit = next(h for h in index.find("调解") if h.kind == "entity")
    assert (hit.label, hit.files, hit.file, hit.via) == ("“测试旗调解”工作法", 2, "901_search_a.txt", "label")


@pytest.mark.parametrize("text,expected", [
    ("率先试点", [("901_search_a.txt", 12, 36)]),
    ("样例镇", [("902_search_b.txt", 0, 14), ("901_search_a.txt", 12, 36)]),  # shorter sentence first
    # the shorter sentence first
    ("测试旗", [("901_search_a.txt", 40, 53), ("902_search_b.txt", 0, 14), ("901_search_a.txt", 12, 36)]),
    ("试点", [("901_search_a.txt", 12, 36)]),      # two characters: scan
    ("镇", [("902_search_b.txt", 0, 14), ("901_search_a.txt", 12, 36)]),  # one character
    ("测试 旗", [("901_search_a.txt", 40, 53), ("902_search_b.txt", 0, 14), ("901_search_a.txt", 12, 36)]),
    ("无此句子", []),
])
def test_find_sentences_ranked_with_offsets(index, text, expected):
    assert sentences(index, text) == expected


def test_find_sentence_once_with_all_its_relations(index):
    hits = [h for h in index.find("率先试点") if h.kind == "sentence"]
    assert len(hits) == 1
    h = hits[0]
    assert (h.title, h.article) == ("测试旗推进基层治理", ID + "doc1-a0")
    gov = "https://w3id.org/govkg/ontology#"
    assert set(h.relations) == {f"{ID}s1 {gov}implementedIn {ID}county1", f"{ID}s1 {gov}implementedIn {ID}town1"}


@pytest.mark.parametrize("text", ["测试", "测试旗", "调解工作", "工作法", "旗", "镇率先", "Ceshi", "qi", "“测", "。"])
def test_find_index_agrees_with_a_scan(index, text):
    """The FTS5 trigram path (≥ 3 characters) and the scan (< 3) give what a plain scan gives."""
    conn = index._conn
    key = fold(text)
    want = {iri for (iri,) in conn.execute(
        "SELECT DISTINCT e.iri FROM name n JOIN entity e ON e.id = n.entity WHERE instr(n.key, ?) > 0", (key,))}
    assert {h.iri for h in index.find(text) if h.kind == "entity"} == want
    want_s = {(f, s) for f, s, t in conn.execute("SELECT file, start, text FROM sentence") if text.replace(" ", "") in t}
    assert {(h.file, h.start) for h in index.find(text) if h.kind == "sentence"} == want_s


def test_find_fold_examples():
    assert fold("Wulatehou Qi") == fold("wulate houqi") == "wulatehouqi"


@pytest.mark.parametrize("text,table", [
    ("测试旗", "sentence_fts"), ("调解工作法", "sentence_fts"),      # ≥ 3 characters: trigrams
    ("测试", "sentence_chars"), ("镇", "sentence_chars"),            # 1–2: one character per token
    ("“测", "FROM sentence s WHERE instr"),                         # punctuation: not a token, scan
])
def test_find_short_texts_use_an_index(index, text, table):
    seen: list[str] = []
    index._conn.set_trace_callback(seen.append)
    try:
        index.find(text, entities=False)
    finally:
        index._conn.set_trace_callback(None)
    assert any(table in sql for sql in seen), seen
