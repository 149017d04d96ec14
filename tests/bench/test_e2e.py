"""bench/e2e.py: build → load → export on synthetic pages, every stage measured.

A behavioural check of the benchmark (every stage ran and has figures), not of speed.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAGES = ["build", "load", "export-full", "export-scheme-place", "export-place-place"]


def test_ensure_pages_generates_only_the_missing_pages(bench, tmp_path):
    synth_pages = bench("synth_pages")
    data = tmp_path / "pages"
    sub = synth_pages.ensure_pages(data, 3)
    assert sub == tmp_path / "pages-3"
    first = data / synth_pages.page_name(0)
    first.write_text("kept", encoding="utf-8")  # an existing page is not written again
    sub5 = synth_pages.ensure_pages(data, 5, workers=2)
    assert sorted(p.name for p in sub5.iterdir()) == sorted(synth_pages.page_name(i) for i in range(5))
    assert (sub5 / first.name).read_text(encoding="utf-8") == "kept"
    assert (sub5 / synth_pages.page_name(4)).read_text(encoding="utf-8") == synth_pages.synth_page(4)[1]
    with pytest.raises(SystemExit, match="more than 3 pages"):
        (sub / "extra.txt").write_text("x", encoding="utf-8")
        synth_pages.ensure_pages(data, 3)


def test_stage_commands_use_kg_defaults_unless_told(bench, tmp_path):
    e2e = bench("e2e")
    stages = e2e.stage_commands(tmp_path / "src", tmp_path, ["full"])
    assert [s[0] for s in stages] == ["build", "load", "export-full"]
    assert "--workers" not in stages[0][1] and "--no-cache" in stages[0][1]
    assert stages[0][2].suffix == ".trig" and stages[1][1][1] == str(stages[0][2])
    assert "--workers" in e2e.stage_commands(tmp_path / "src", tmp_path, [], workers=1)[0][1]


def test_dataset_quads_reads_the_build_summary(bench):
    e2e = bench("e2e")
    assert e2e.dataset_quads("build: 1/1\n3 files, 4 articles, entities: 1 place; 1234 triples in 4 graphs → x") == 1234
    with pytest.raises(ValueError):
        e2e.dataset_quads("Error: nothing built")


def test_an_unfinished_report_reads_with_the_running_build_rated_on_its_pages_done(bench):
    e2e = bench("e2e")
    floor = {"pages": 10, "seconds": 1.0, "cpu": 0.5, "pages_s": 10.0}
    doc = {"pages": 1000, "source_bytes": 2**20, "started": "today", "nice": 19, "cores": 2,
           "loadavg_start": [3.0, 2.0, 1.0], "floor": floor, "stages": [],
           "running": {"stage": "build", "wall_s": 100.0, "cpu_s": 50.0, "peak_rss": 2**30, "peak_pss": 2**29,
                       "says": "build: 400/1000 files (40%), 4.0 files/s, ETA 0:02:30"}}
    text = e2e.report_table(doc)
    assert "not finished" in text
    row = next(ln for ln in text.splitlines() if ln.startswith("| build"))
    # 400 pages in 100 s: 4 pages/s, 0.25 s a page = 2.5× jieba's 0.1 s, CPU 0.125 s = 2.5× its 0.05 s
    assert row.split(" | ")[:9] == ["| build (running, 400 pages done)", "100.0", "50.0", "0.50", "4.0", "",
                                    "2.50", "2.50", "1,024 MB"]
    assert "all stages" not in text


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_e2e_runs_every_stage_and_measures_it(tmp_path):
    out = tmp_path / "e2e.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "e2e.py"), "--pages", "20", "--workers", "1",
                    "--data", str(tmp_path / "pages"), "--work", str(tmp_path / "work"), "--json", str(out)],
                   check=True, capture_output=True, text=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["pages"] == 20 and report["quads"] > 20 * 100
    assert Path(report["kg"]) == ROOT / "kg"  # this checkout's code was measured
    assert report["floor"]["pages"] == 20 and report["floor"]["seconds"] > 0
    assert [r["stage"] for r in report["stages"]] == STAGES
    for r in report["stages"]:
        for key in ("wall_s", "cpu_s", "peak_rss", "peak_pss", "pages_s", "quads_s", "wall_per_page_vs_jieba",
                    "cpu_per_page_vs_jieba", "output_bytes"):
            assert r[key] > 0, (r["stage"], key)
        assert r["peak_procs"] and r["peak_procs"][0]["rss"] <= r["peak_rss"]
    # the store and the exports were removed (no --keep); the pages stay for the next run
    assert not any((tmp_path / "work").glob("*.gexf")) and not (tmp_path / "work" / "corpus.store").exists()
    assert len(list((tmp_path / "pages-20").iterdir())) == 20
    text = subprocess.run([sys.executable, str(ROOT / "bench" / "e2e.py"), "--table", str(out)],
                          check=True, capture_output=True, text=True).stdout
    assert [ln.split(" | ")[0] for ln in text.splitlines() if ln.startswith("| ")][2:] == \
        [f"| {s}" for s in STAGES] + ["| **all stages**"]
