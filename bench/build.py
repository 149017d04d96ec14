"""Benchmark ``kg build``: pages/s and peak RSS, against bare ``jieba.lcut`` in the same run.

For each corpus size (full: 1k and 10k synthetic pages; ``--quick``: 200 and 1k) and each
worker count (1 and 2), the whole build (read, extract, merge, write N-Quads) runs in a
child process; this process samples the resident memory of the child *and all its
descendants* (the worker pool) every 50 ms and keeps the peak of their sum. The floor is
``jieba.lcut`` alone, in one process, over the same text.

Printed ratios, with the issue's targets:

- pipeline throughput per core / bare jieba throughput  (target ≥ 0.30);
- 2 workers / 1 worker                                    (target ≥ 1.7×);
- peak RSS of the largest run                             (target < 2 GB at 10k pages).

Pages come from ``bench/synth_pages.py`` (recombined register places, generic bodies and
scheme heads in the seeds' sentence shapes, with OCR noise) and are generated once into
``--data`` (default: a temp folder).

Usage::

    python bench/build.py            # 1k and 10k pages, 1 and 2 workers
    python bench/build.py --quick    # 200 and 1k pages
    python bench/build.py --json out/bench-build.json
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _proctree import fmt_mb, watch  # noqa: E402
from synth_pages import ensure_pages  # noqa: E402

__all__ = ["main"]


# ---------------------------------------------------------------- child side


def _child(args: argparse.Namespace) -> None:
    """Run one build; print one JSON line with the pipeline's own timings."""
    src = Path(args.src)
    out = Path(args.out)
    t0 = time.perf_counter()
    try:
        import kg.extract  # noqa: F401  the real extractor has landed
        from kg.build import build
    except ImportError:
        build = None
    if build is not None:
        summary = build([src], out, workers=args.workers, cache=args.cache)
        if summary.errors:
            raise SystemExit(f"{len(summary.errors)} files failed, e.g. {summary.errors[0]}")
        detail = summary.line()
        pipeline = "kg.build.build"
    else:  # the harness before the pipeline lands: jieba through the same executors
        from kg.parallel import map_files

        n = sum(1 for _ in map_files(_jieba_record, sorted(src.glob("*.txt")), workers=args.workers))
        detail, pipeline = f"{n} files", "stand-in (jieba via kg.parallel)"
    print(json.dumps({"seconds": time.perf_counter() - t0, "detail": detail, "pipeline": pipeline}))


def _jieba_record(path: Path):
    import hashlib

    import jieba

    from kg.records import FileRecord

    raw = path.read_bytes()
    text = raw.decode("utf-8")
    jieba.lcut(text)
    return FileRecord(path.name, hashlib.sha256(raw).hexdigest(), len(text))


# ---------------------------------------------------------------- parent side


def run_build(src: Path, workers: int, out: Path, cache: Path | None = None) -> dict:
    """Time one build in a child process and sample its process tree's RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", "--src", str(src),
           "--out", str(out), "--workers", str(workers)] + (["--cache", str(cache)] if cache else [])
    env = dict(os.environ, PYTHONHASHSEED="0")
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen = watch(child, interval=0.05, pss_every=0)
    wall = time.perf_counter() - t0
    stdout, stderr = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"build of {src} with {workers} workers failed:\n{stderr[-2000:]}")
    inner = json.loads(stdout.strip().splitlines()[-1])
    # CPU seconds of the whole tree (last sample of each process, 50 ms resolution): on a
    # machine shared with other jobs, wall time says how many cores the build *got*,
    # CPU time what it *needed*.
    return {"wall": wall, "peak_rss": seen.peak.rss, "cpu": seen.cpu_s, **inner}


def jieba_floor(paths: list[Path]) -> dict:
    """``jieba.lcut`` alone over the same pages in this process (dictionary loaded first)."""
    import jieba

    jieba.initialize()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        jieba.lcut(t)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    chars = sum(map(len, texts))
    return {"pages": len(texts), "seconds": secs, "cpu": cpu, "pages_s": len(texts) / secs,
            "chars_s": chars / secs, "cpu_chars_s": chars / cpu}


def _report(r: dict) -> None:
    who = f"{r['workers']} worker(s)" if r["workers"] else "all cached"
    print(f"  {r['pages']:>6} pages  {who:11s}  {r['wall']:7.1f} s  {r['pages_s']:7.1f} pages/s  "
          f"CPU {r['cpu']:7.1f} s ({r['cpu'] / r['wall']:.2f} cores)  "
          f"peak RSS {fmt_mb(r['peak_rss'])}  load {r['loadavg'][0]:.1f}→{r['loadavg'][1]:.1f}  "
          f"[{r['pipeline']}]", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg build throughput and memory benchmark")
    sub = ap.add_subparsers(dest="cmd")
    c = sub.add_parser("_child")
    c.add_argument("--src", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--workers", type=int, required=True)
    c.add_argument("--cache", default=None)
    ap.add_argument("--quick", action="store_true", help="200 and 1k pages instead of 1k and 10k")
    ap.add_argument("--sizes", type=int, nargs="+", help="corpus sizes (pages)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--data", type=Path, help="folder for the synthetic pages (kept between runs)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--no-rebuild", action="store_true",
                    help="skip the rebuild from a warm cache (merge and writer alone)")
    args = ap.parse_args(argv)
    if args.cmd == "_child":
        _child(args)
        return 0

    sizes = args.sizes or ([200, 1000] if args.quick else [1000, 10000])
    tmp = tempfile.TemporaryDirectory(prefix="govkg-bench-")
    data = args.data or Path(tmp.name) / "pages"
    t0 = time.perf_counter()
    all_pages = sorted(ensure_pages(data, max(sizes), max(args.workers)).glob("*.txt"))
    print(f"synthetic pages: {len(all_pages)} in {time.perf_counter() - t0:.1f} s "
          f"({sum(p.stat().st_size for p in all_pages) / len(all_pages) / 1024:.1f} KiB each)", flush=True)

    print(f"cores: {os.cpu_count()}, load average now {os.getloadavg()[0]:.1f} "
          "(other processes on the machine skew every figure below)", flush=True)
    floor = jieba_floor(all_pages[: min(1000, len(all_pages))])
    print(f"floor: jieba.lcut {floor['pages_s']:.1f} pages/s, {floor['chars_s'] / 1000:.0f}k chars/s "
          f"(one core, {floor['pages']} pages); per CPU second {floor['cpu_chars_s'] / 1000:.0f}k chars", flush=True)

    rows = []
    for n in sizes:
        src = ensure_pages(data, n)
        for w in args.workers:
            load0 = os.getloadavg()[0]
            cache = Path(tmp.name) / f"cache-{n}" if w == min(args.workers) else None
            r = run_build(src, w, Path(tmp.name) / f"out-{n}-{w}.nq", cache)
            r["loadavg"] = [round(load0, 2), round(os.getloadavg()[0], 2)]
            r.update(pages=n, workers=w, pages_s=n / r["wall"], pages_s_inner=n / r["seconds"])
            rows.append(r)
            _report(r)
        if not args.no_rebuild:
            # Every record from the cache: the merge and the writer alone (the serial part).
            r = run_build(src, 1, Path(tmp.name) / f"out-{n}-cached.nq", Path(tmp.name) / f"cache-{n}")
            r.update(pages=n, workers=0, pages_s=n / r["wall"], pages_s_inner=n / r["seconds"],
                     loadavg=[round(os.getloadavg()[0], 2)] * 2)
            rows.append(r)
            _report(r)

    print()
    print("| pages | workers | seconds | pages/s | per core vs jieba | CPU s/page | cores used | peak RSS |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        r["vs_jieba_per_core"] = r["pages_s"] / max(r["workers"], 1) / floor["pages_s"]
        print(f"| {r['pages']:,} | {r['workers'] or 'cached'} | {r['wall']:.1f} | {r['pages_s']:.1f} | "
              f"{r['vs_jieba_per_core']:.2f} | {r['cpu'] / r['pages']:.3f} | {r['cpu'] / r['wall']:.2f} | "
              f"{fmt_mb(r['peak_rss'])} |")
    print(f"| jieba.lcut floor | 1 | {floor['seconds']:.1f} ({floor['pages']} p) | {floor['pages_s']:.1f} | 1.00 "
          f"| {floor['cpu'] / floor['pages']:.3f} | | |")
    print()
    ratios = {}
    for n in sizes:
        by_w = {r["workers"]: r for r in rows if r["pages"] == n and r["workers"]}
        if 1 in by_w and 2 in by_w:
            ratios[f"speedup_2v1_{n}"] = by_w[2]["pages_s"] / by_w[1]["pages_s"]
            # What two idle cores would give: twice the work per CPU second of one worker,
            # discounted by the extra CPU the pool spends (pickling, a second pipeline).
            ratios[f"cpu_bound_speedup_2v1_{n}"] = 2 * by_w[1]["cpu"] / by_w[2]["cpu"]
        if 1 in by_w:
            ratios[f"per_core_vs_jieba_{n}"] = by_w[1]["vs_jieba_per_core"]
            # The same in CPU seconds: jieba's CPU per page over the whole build's CPU per
            # page (startup included) — what the ratio is on an idle core.
            ratios[f"cpu_per_core_vs_jieba_{n}"] = (floor["cpu"] / floor["pages"]) / (by_w[1]["cpu"] / n)
    big = max(sizes)
    ratios[f"peak_rss_gb_{big}"] = max(r["peak_rss"] for r in rows if r["pages"] == big) / 2**30
    targets = {"per_core_vs_jieba": (">=", 0.30), "cpu_per_core_vs_jieba": (">=", 0.30), "speedup_2v1": (">=", 1.7),
               "cpu_bound_speedup_2v1": (">=", 1.7), "peak_rss_gb": ("<", 2.0)}
    for name, value in ratios.items():
        op, goal = next(v for k, v in targets.items() if name.startswith(k))
        ok = value >= goal if op == ">=" else value < goal
        print(f"{name:28s} {value:6.2f}   target {op} {goal}   {'met' if ok else 'NOT met'}")
    r1 = [r for r in rows if r["pages"] == big and r["workers"] == max(args.workers)]
    if r1:
        est = 100_000 / r1[0]["pages_s"]
        print(f"\n100k pages at the {big:,}-page rate with {r1[0]['workers']} workers: ≈ {est / 60:.0f} min")
    one = [r for r in rows if r["pages"] == big and r["workers"] == 1]
    if one:
        cpu_page = one[0]["cpu"] / big
        print(f"100k pages of extraction: ≈ {100_000 * cpu_page / 3600:.1f} CPU hours "
              f"({cpu_page:.3f} CPU s/page); on 2 idle cores ≈ {100_000 * cpu_page / 2 / 60:.0f} min, "
              f"on a 32-core Dask cluster ≈ {100_000 * cpu_page / 32 / 60:.0f} min")
    merge = [r for r in rows if r["pages"] == big and r["workers"] == 0]
    if merge:
        print(f"merge + write alone (all records from the cache): {merge[0]['pages_s']:.0f} pages/s → "
              f"≈ {100_000 / merge[0]['pages_s'] / 60:.0f} min for 100k pages, the serial floor of any build")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"floor": floor, "runs": rows, "ratios": ratios}, indent=2) + "\n")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
