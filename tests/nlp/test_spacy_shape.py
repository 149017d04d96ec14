"""The pipeline is a spaCy pipeline: spans in doc.spans, nlp.pipe, to_disk/spacy.load, no state between calls."""
from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEXT = "青禾县公安局在木槿村推行“三色预警”工作法，青禾县人民法院荣获“全国模范法院”称号。\n"


@pytest.fixture()
def ctx():
    from kg.context import ArticleContext

    return ArticleContext(sentences=((0, len(TEXT)),))


def _found(doc):
    return ({name: [(s.start_char, s.end_char, s.label_, s.id) for s in group]
             for name, group in doc.spans.items()}, doc._.kg_mentions, doc._.kg_relations)


def test_each_component_writes_its_own_span_group(nlp, ctx):
    from kg.nlp.pipeline import run

    doc = run(TEXT, ctx, nlp)
    assert list(doc.spans) == [name for name, _ in nlp.pipeline]
    orgs = {s.text: s.label_ for s in doc.spans["kg_orgs"]}
    assert orgs.get("青禾县公安局") == "organisation"
    assert any(s.text == "“三色预警”工作法" for s in doc.spans["kg_schemes"])
    assert any(s.label_ == "implementedBy" for s in doc.spans["kg_relations"])
    # a span's id points at the mention it stands for
    group = doc.spans["kg_orgs"]
    for span in group:
        m = group.attrs["mentions"][span.id]
        assert (m.start, m.end, m.family) == (span.start_char, span.end_char, span.label_)


def test_nlp_pipe_equals_one_call_per_doc_and_keeps_no_state(nlp, ctx):
    from kg.nlp.pipeline import annotate, run

    other = "木槿村党支部开展“红色议事厅”活动。\n"
    alone = [_found(run(t, ctx, nlp)) for t in (TEXT, other)]
    piped = [_found(d) for d in annotate([(TEXT, ctx), (other, ctx), (TEXT, ctx)], nlp)]
    assert piped == alone + alone[:1]


def test_match_leaves_the_doc_untouched(nlp, ctx):
    from kg.nlp.pipeline import make_doc

    doc = make_doc(TEXT, ctx, nlp)
    places = nlp.get_pipe("kg_places")
    found = places.match(doc)
    assert found.mentions and not doc.spans
    places.set_annotations(doc, found)
    assert len(doc.spans["kg_places"]) == len(found.mentions)


def test_to_disk_and_spacy_load_round_trip_the_pipeline_with_its_data(nlp, ctx, tmp_path):
    import spacy

    from kg.nlp.pipeline import run

    nlp.to_disk(tmp_path / "pipe")
    saved = tmp_path / "pipe" / "kg_orgs" / "patterns" / "org_heads.jsonl"
    assert saved.is_file()
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == nlp.pipe_names
    assert _found(run(TEXT, ctx, loaded)) == _found(run(TEXT, ctx, nlp))
    # the saved tables are what the loaded pipeline reads: drop the police heads, lose the bureau
    rows = [ln for ln in saved.read_text(encoding="utf-8").splitlines()
            if not ("公安" in json.loads(ln)["pattern"] or json.loads(ln)["pattern"].endswith("局"))]
    saved.write_text("\n".join(rows) + "\n", encoding="utf-8")
    doc = run(TEXT, ctx, spacy.load(tmp_path / "pipe"))
    assert "青禾县公安局" not in {s.text for s in doc.spans["kg_orgs"]}


def test_a_spacy_component_can_join_the_pipeline_from_the_config(ctx):
    """Another component (here spaCy's span_ruler) runs through nlp.pipe beside the rules."""
    import spacy

    from kg.nlp.pipeline import annotate, load_config

    cfg = load_config()
    extra = spacy.blank("zh", config={"nlp": {"tokenizer": dict(cfg["nlp"]["tokenizer"])}})
    for name in cfg["nlp"]["pipeline"]:
        settings = dict(cfg["components"][name])
        extra.add_pipe(settings.pop("factory"), name=name, config=settings)
    ruler = extra.add_pipe("span_ruler", config={"spans_key": "proposals"})
    ruler.add_patterns([{"label": "ORG", "pattern": [{"TEXT": c} for c in "公安局"]}])
    doc = next(annotate([(TEXT, ctx)], extra))
    assert [s.text for s in doc.spans["proposals"]] == ["公安局"]
    assert "kg_relations" in doc.spans


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (``from kg import link`` counts as ``kg.link``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def _reaching(package: str, into: str) -> dict[str, list[str]]:
    def hits(p: Path) -> list[str]:
        return sorted(m for m in _imports(p) if m == into or m.startswith(into + "."))

    found = {str(p.relative_to(ROOT)): hits(p) for p in sorted((ROOT / "kg" / package).rglob("*.py"))}
    return {k: v for k, v in found.items() if v}


def test_linking_imports_nothing_from_extraction():
    """Data flows one way: kg/link never reaches back into kg/nlp."""
    assert _reaching("link", "kg.nlp") == {}


def test_extraction_imports_nothing_from_linking():
    """kg/nlp finds spans, nothing else: no module under it imports from kg/link (keys, the
    resolver, the linker's readings); it asks ``ctx.readings`` the questions its grammar needs
    answered and says which entity a span stands for as data (:class:`kg.context.Ref`)."""
    assert _reaching("nlp", "kg.link") == {}


def test_imports_scanner_sees_every_form(tmp_path):
    """The scanner the two tests above rely on catches each way of importing a module."""
    src = tmp_path / "m.py"
    src.write_text("import kg.link.page\nfrom kg import link\ndef f():\n    from kg.link.canonical import key_of\n",
                   encoding="utf-8")
    assert {"kg.link.page", "kg.link", "kg.link.canonical"} <= _imports(src)


_KEY = re.compile(r"^(division|place|org|scheme|award):")


def _strings(value, seen=None):
    """Every string inside ``value`` (dataclasses, tuples, sets, dicts), depth first."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _strings(v)


def test_pipeline_output_holds_no_entity_keys(analyse):
    """What the pipeline writes (doc.spans, their attributes, every mention and relation hit)
    names entities as data; keys are minted by the page linker only."""
    from kg.link.canonical import key_of

    doc = analyse("青禾县公安局在木槿村推行“三色预警”工作法，该旗荣获“全国模范单位”称号。"
                  "县委政法委、柳岸镇司法所参加。\n", "克什克腾旗", body="青禾县公安局", body_head="公安局")
    groups = dict(doc.spans)
    assert {len(g) for g in groups.values()} != {0}
    strings = [s for g in groups.values() for s in (*_strings(dict(g.attrs)), *(sp.kb_id_ for sp in g))]
    assert strings and not [s for s in strings if _KEY.match(s)]
    # yet the linker can name every entity the doc found and every end of every relation
    refs = [m.ref for m in doc._.kg_mentions] + [r for h in doc._.kg_relations for r in (h.subject, h.object)]
    assert refs and all(_KEY.match(key_of(r)) for r in refs)
    assert any(h.predicate == "awarded" for h in doc._.kg_relations)


def test_a_saved_pipeline_loads_in_a_fresh_interpreter(nlp, tmp_path):
    """spacy.load finds the govkg factories and tokenizer through their entry points."""
    import subprocess
    import sys

    nlp.to_disk(tmp_path / "pipe")
    code = ("import spacy; nlp = spacy.load({!r}); doc = nlp('青禾县公安局推行网格化工作法。');"
            "print(type(nlp.tokenizer).__name__, sorted(s.text for s in doc.spans['kg_orgs']))").format(
        str(tmp_path / "pipe"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split(" ", 1) == ["CharTokenizer", "['青禾县公安局']\n"]
