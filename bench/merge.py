"""Cross-page merging on the gold: pairwise P/R/F1 before and after the merge step.

Extracts the seed pages and the dev corpus once, then builds one dataset from all of them
twice — without the merge step (``build(merge=False)``: every key as extracted) and with
it (:mod:`kg.link.corpus_merge`) — from the same records, and scores each against *all*
gold files of both gold folders together (:mod:`kg.eval.merging`: two mentions with the
same gold name in different files are one entity). The per-folder entity and relation
F1 (the rules of ``gold/GUIDE.md``) are printed too, so a merge that costs extraction
quality shows. Also printed: the clusters the merge step made.

Usage::

    python bench/merge.py                                   # ../shared beside the clone
    python bench/merge.py --shared /work/shared --json out/bench-merge.json
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

__all__ = ["main"]


def _measure(out: Path, gold_dirs: list[Path]) -> dict:
    from kg.eval.gold import read_gold_dir
    from kg.eval.merging import pairwise_merge
    from kg.eval.score import read_predictions, score
    from kg.store.open import open_graph

    golds = {d.name: read_gold_dir(d) for d in gold_dirs}
    everything = [g for gs in golds.values() for g in gs]
    with open_graph(out) as graph:
        pred = read_predictions(graph, [g.file for g in everything])
    res = {"merging": {k: v.as_dict() for k, v in pairwise_merge(pred, everything).items()}}
    for name, gs in golds.items():
        s = score(pred, gs).scores
        res[name] = {"entities_f1": round(s["entity:ALL"].f1, 3), "relations_f1": round(s["relation:ALL"].f1, 3)}
    return res


def main(argv: list[str] | None = None) -> dict:
    from kg.build import build, process_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    sources = [args.shared / "seeds", args.shared / "corpus" / "rmrb"]
    gold_dirs = [args.shared / "gold" / "seeds", args.shared / "gold" / "dev"]

    records: dict[str, object] = {}

    def once(path: Path):
        key = str(path)
        if key not in records:
            records[key] = process_file(path)
        return records[key]

    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, merge in (("before", False), ("after", True)):
            out = Path(tmp) / f"{name}.trig"
            t0 = time.perf_counter()
            summary = build(sources, out, process=once, merge=merge)
            result[name] = _measure(out, gold_dirs)
            result[name]["build_s"] = round(time.perf_counter() - t0, 2)
            result[name]["clusters"] = len({r["cluster"] for r in summary.merges})
            if merge:
                result["merged"] = [f"{r['rule']}: {r['name']} → {r['label']} ({r['files']})"
                                    for r in summary.merges]
    for name in ("before", "after"):
        m = result[name]["merging"]["merge:ALL"]
        print(f"{name:7} merge P {m['p']:.3f} R {m['r']:.3f} F1 {m['f1']:.3f} "
              f"(tp {m['tp']} fp {m['fp']} fn {m['fn']}); "
              + "; ".join(f"{d} entities {v['entities_f1']:.3f} relations {v['relations_f1']:.3f}"
                          for d, v in result[name].items() if isinstance(v, dict) and "entities_f1" in v)
              + f"; clusters {result[name]['clusters']}")
        for fam, v in result[name]["merging"].items():
            if fam != "merge:ALL":
                print(f"          {fam:20} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f} "
                      f"(tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    for line in result.get("merged", []):
        print("  merged", line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
