"""Benchmark: the search index at scale — build time as a share of `kg load`, and search latency.

Writes a synthetic N-Quads file (``bench/synth.py``, shaped like ``kg build`` output,
default 1M quads), then in one run:

1. **baseline**: ``load_store`` (what ``kg load`` does without the index) — seconds;
2. ``build_store_index`` on the loaded store — seconds, reported as a share of the load
   (index / load) and of the whole ``kg load`` (index / (load + index));
3. **20 typical searches** through the index as ``kg serve`` runs them (a fresh read-only
   connection per search): names, name fragments of 1–2 characters (the scan path), pinyin
   with and without spaces, phrases from sentences, a text that matches nothing, each
   timed ``--runs`` times after one warm-up; p50/p95/max over all timings;
4. **baseline for the searches**: the same texts through the SPARQL ``label_search``
   query on the same store (``CONTAINS`` over every label), median per text; the ratio
   SPARQL / index tells what the index buys.

Target (issue 14): p95 of the 20 searches < 100 ms at 1M quads.

Usage: ``python bench/search.py [--quads 1000000] [--runs 5] [--json OUT]``
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from synth import SynthWorld, write_synth  # noqa: E402

__all__ = ["typical_searches", "main"]


def typical_searches(world: SynthWorld) -> list[str]:
    """Twenty texts a researcher would type, all drawn from (or, one, absent from) the data."""
    ex = world.examples
    county, pref = ex["county"], ex["place"]
    scheme = ex["scheme"].strip("“”").split("”")[0]
    award = world.awards[0][2]
    return [
        county, pref, ex["scheme"], ex["org"], award,             # whole names
        scheme, county[:2], pref[:1], ex["text"],                  # fragments (2, 1 character)
        ex["pinyin"].lower(), ex["pinyin"], " ".join(ex["pinyin"].lower()[i:i + 4] for i in (0, 4)),
        "推行", "牵头实施", "成效明显", "荣获", "学习借鉴",          # phrases in sentences
        "工作法", "专项行动", "不存在的词语",                        # heads; nothing
    ]


def _percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(p / 100 * len(xs) + 0.5) - 1))
    return xs[k]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    from kg.search import build_store_index, open_index
    from kg.store.library import load_query
    from kg.store.load import load_store
    from kg.store.open import open_graph
    from kg.store.query import parse_params

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-search-"))
    try:
        nq = tmp / "synth.nq"
        n = write_synth(nq, args.quads)
        world = SynthWorld(args.quads)
        t = time.perf_counter()
        load = load_store(nq, tmp / "store")
        t_load = time.perf_counter() - t
        rep = build_store_index(tmp / "store")
        t_index = rep.seconds
        size = rep.path.stat().st_size
        texts = typical_searches(world)
        per_text: dict[str, dict] = {}
        timings: list[float] = []
        with open_index(tmp / "store") as idx:
            assert not idx.built
            for text in texts:
                idx.find(text)  # warm-up
                samples = []
                for _ in range(args.runs):
                    t = time.perf_counter()
                    hits = idx.find(text)
                    samples.append(1000 * (time.perf_counter() - t))
                timings += samples
                per_text[text] = {"ms": statistics.median(samples), "hits": len(hits),
                                  "entities": sum(h.kind == "entity" for h in hits)}
        q = load_query("label_search")
        with open_graph(tmp / "store") as g:
            for text in texts:
                samples = []
                for _ in range(max(1, args.runs // 2)):
                    t = time.perf_counter()
                    g.query(q.text, parse_params([f"text={text}"]))
                    samples.append(1000 * (time.perf_counter() - t))
                per_text[text]["sparql_ms"] = statistics.median(samples)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    out = {"quads": n, "load_s": t_load, "index_s": t_index,
           "index_share_of_load": t_index / t_load, "index_share_of_kg_load": t_index / (t_load + t_index),
           "index_mb": size / 1e6, "entities": rep.entities, "sentences": rep.sentences,
           "p50_ms": _percentile(timings, 50), "p95_ms": _percentile(timings, 95), "max_ms": max(timings),
           "searches": per_text}
    print(f"{n:,} quads: kg load's store {t_load:.1f} s (baseline), search index {t_index:.1f} s "
          f"= {out['index_share_of_load']:.2f} of the store load, {out['index_share_of_kg_load']:.0%} of kg load; "
          f"{rep.entities:,} entities, {rep.sentences:,} sentences, {out['index_mb']:.0f} MB")
    print(f"{'text':<24} {'ms':>7} {'hits':>5} {'SPARQL label_search ms':>23} {'ratio':>7}")
    for text, r in per_text.items():
        print(f"{text:<24} {r['ms']:7.1f} {r['hits']:5d} {r['sparql_ms']:23.1f} {r['sparql_ms'] / r['ms']:6.0f}×")
    print(f"20 searches × {args.runs}: p50 {out['p50_ms']:.1f} ms, p95 {out['p95_ms']:.1f} ms "
          f"(target < 100 ms: {'met' if out['p95_ms'] < 100 else 'NOT met'}), max {out['max_ms']:.1f} ms")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
