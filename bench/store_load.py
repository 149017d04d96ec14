"""Benchmark: ``kg load`` (union materialised) against a plain Oxigraph ``bulk_load``, same run.

For each size (default 1M quads) it writes a synthetic N-Quads file (``bench/synth.py``)
and loads it ``--runs`` times each way, alternating, each load in a fresh child process:

- ``plain``: ``Store(dir).bulk_load(path=file)`` — no union, no compaction; the floor;
- ``kg load``: :func:`kg.store.load.load_store` — the union written in the same pass
  (:mod:`kg.store.union`), compaction, marker, atomic rename;
- ``kg load without compaction``: the same load without ``optimize()``, to show its share.

It prints per way the median wall time, quads/s (quads of the file per second), CPU
seconds (all threads) and peak RSS, and the ratio of ``kg load``'s rate to the plain
one's. On a machine shared with other jobs wall times measure the others too; the CPU
seconds and the load average (printed) say how much.

Usage: ``python bench/store_load.py [--sizes 1000000] [--runs 3] [--json OUT]``;
``--kg-root DIR --ways plain,"kg load"`` measures another checkout's ``kg`` (before/after).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_synth  # noqa: E402

__all__ = ["load_once", "main"]

WAYS = ("plain", "kg load", "kg load without compaction")


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def load_once(way: str, nq: str, out) -> None:
    """Child process: one load one way; sends wall, CPU and peak RSS back."""
    import pyoxigraph as ox

    tmp = Path(tempfile.mkdtemp(prefix="kgbench."))
    try:
        c0, t0 = _cpu(), time.perf_counter()
        if way == "plain":
            store = ox.Store(str(tmp / "plain"))
            store.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
            store.flush()
        elif way == "kg load":
            from kg.store.load import load_store

            load_store(nq, tmp / "store")
        else:
            from kg.store.load import FILE_FORMATS
            from kg.store.union import load_union

            store = ox.Store(str(tmp / "store"))
            load_union(store, nq, FILE_FORMATS[".nq"][0])
            store.flush()
        out.send({"wall_s": time.perf_counter() - t0, "cpu_s": _cpu() - c0,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(way: str, nq: str) -> dict:
    ctx = mp.get_context("spawn")
    a, b = ctx.Pipe(duplex=False)
    p = ctx.Process(target=load_once, args=(way, nq, b))
    p.start()
    res = a.recv()
    p.join()
    return res


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ways", default=",".join(WAYS), help="comma-separated, from: " + ", ".join(WAYS))
    ap.add_argument("--kg-root", help="import kg from this checkout (default: this one)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    ways = [w for w in args.ways.split(",") if w]
    sys.path.insert(0, str(Path(args.kg_root or Path(__file__).resolve().parents[1]).resolve()))
    import kg  # noqa: F401 - the checkout measured (children inherit sys.path)
    print(f"kg from {Path(kg.__file__).parent}")
    report: dict[str, object] = {}
    work = Path(tempfile.mkdtemp(prefix="kgbench."))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            nq = work / f"synth_{size}.nq"
            n = write_synth(nq, size)
            print(f"== {n:,} quads; load average {os.getloadavg()[0]:.2f} at start", flush=True)
            runs: dict[str, list[dict]] = {w: [] for w in ways}
            for _ in range(args.runs):
                for way in ways:
                    runs[way].append(_run(way, str(nq)))
            res = {}
            for way in ways:
                wall = statistics.median(r["wall_s"] for r in runs[way])
                cpu = statistics.median(r["cpu_s"] for r in runs[way])
                rss = max(r["peak_rss_mb"] for r in runs[way])
                res[way] = {"wall_s": wall, "quads_per_s": n / wall, "cpu_s": cpu, "peak_rss_mb": rss,
                            "runs": runs[way]}
                print(f"{way:24s} {wall:6.2f} s  {n / wall / 1000:6.1f}k quads/s  CPU {cpu:6.2f} s"
                      f"  peak RSS {rss:5.0f} MB", flush=True)
            ratio = res["kg load"]["quads_per_s"] / res["plain"]["quads_per_s"]
            cpu_ratio = res["kg load"]["cpu_s"] / res["plain"]["cpu_s"]
            res["ratio_vs_plain"] = ratio
            print(f"kg load rate / plain bulk_load rate: {ratio:.2f}x (CPU {cpu_ratio:.2f}x the plain load's);"
                  f" load average {os.getloadavg()[0]:.2f} at end", flush=True)
            report[str(size)] = res
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main()
