"""The pipeline is a spaCy pipeline: spans in doc.spans, nlp.pipe, to_disk/spacy.load, no state between calls."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEXT = "青禾县公安局在木槿村推行“三色预警”工作法，青禾县人民法院荣获“全国模范法院”称号。\n"


@pytest.fixture()
def ctx():
    from kg.link.context import ArticleContext

    return ArticleContext(sentences=((0, len(TEXT)),))


def _found(doc):
    return ({name: [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group]
             for name, group in doc.spans.items()}, doc._.kg_mentions, doc._.kg_relations)


def test_each_component_writes_its_own_span_group(nlp, ctx):
    from kg.nlp.pipeline import run

    doc = run(TEXT, ctx, nlp)
    assert list(doc.spans) == [name for name, _ in nlp.pipeline]
    orgs = {s.text: s.kb_id_ for s in doc.spans["kg_orgs"]}
    assert "青禾县公安局" in orgs and orgs["青禾县公安局"].startswith("org:")
    assert any(s.text == "“三色预警”工作法" for s in doc.spans["kg_schemes"])
    assert any(s.label_ == "implementedBy" for s in doc.spans["kg_relations"])
    # a span's id points at the mention it stands for
    group = doc.spans["kg_orgs"]
    for span in group:
        m = group.attrs["mentions"][span.id]
        assert (m.start, m.end, m.key) == (span.start_char, span.end_char, span.kb_id_)


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
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_linking_imports_nothing_from_extraction():
    """Data flows one way: kg/link never reaches back into kg/nlp."""
    bad = {str(p.relative_to(ROOT)): sorted(m for m in _imports(p) if m.startswith("kg.nlp"))
           for p in sorted((ROOT / "kg" / "link").glob("*.py"))}
    assert {k: v for k, v in bad.items() if v} == {}


def test_extraction_resolves_nothing_itself():
    """kg/nlp asks the linker's readings (ctx.readings) which division a name is and what an anaphor
    refers to; no module under kg/nlp imports the resolver."""
    bad = {str(p.relative_to(ROOT)): sorted(m for m in _imports(p) if m.startswith("kg.link.resolve"))
           for p in sorted((ROOT / "kg" / "nlp").rglob("*.py"))}
    assert {k: v for k, v in bad.items() if v} == {}


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
