"""Benchmark: ``kg load`` (union materialised) against a plain Oxigraph ``bulk_load``, same run.

For each size (default 1M quads) it writes a synthetic N-Quads file (``bench/synth.py``)
and loads it ``--runs`` times each way, alternating, each load in a fresh child process:

- ``plain``: ``Store(dir).bulk_load(path=file)`` — no union, no compaction; the floor;
- ``kg load``: :func:`kg.store.load.load_store` — the union written in the same pass
  (:mod:`kg.store.union`), compaction, marker, atomic rename;
- ``kg load without compaction``: the same load without ``optimize()``, to show its share;
- ``kg load (before)``: ``load_store`` of another checkout (``--before DIR``, e.g. main),
  so a change is measured against the code it replaces in the same run.

It prints per way the median wall time, quads/s (quads of the file per second), CPU
seconds (all threads), peak RSS and the size of the store on disk, and the ratios of
``kg load``'s rate and CPU to the plain load's (and to the before load's). On a machine
shared with other jobs wall times measure the others too; the CPU seconds and the load
average (printed) say how much.

Usage: ``python bench/store_load.py [--sizes 1000000] [--runs 3] [--json OUT]
[--before DIR] [--trig]`` (``--trig``: the same quads as TriG, the parsed path); ``--kg-root DIR --ways plain,"kg load"`` measures another checkout's
``kg`` alone.
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
BEFORE = "kg load (before)"


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def load_once(way: str, nq: str, out, before: str | None = None) -> None:
    """Child process: one load one way; sends wall, CPU, peak RSS and disk size back."""
    import pyoxigraph as ox

    if before:
        sys.path.insert(0, before)  # this child imports kg from the other checkout
    tmp = Path(tempfile.mkdtemp(prefix="kgbench."))
    try:
        c0, t0 = _cpu(), time.perf_counter()
        if way == "plain":
            store = ox.Store(str(tmp / "plain"))
            store.bulk_load(path=nq, format=ox.RdfFormat.TRIG if nq.endswith(".trig") else ox.RdfFormat.N_QUADS)
            store.flush()
        elif way in ("kg load", BEFORE):
            from kg.store.load import load_store

            load_store(nq, tmp / "store")
        else:
            from kg.store.load import FILE_FORMATS
            from kg.store.union import load_union

            store = ox.Store(str(tmp / "store"))
            load_union(store, nq, FILE_FORMATS[Path(nq).suffix][0])
            store.flush()
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        out.send({"wall_s": wall, "cpu_s": cpu, "disk_mb": _disk_mb(tmp),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _as_trig(nq: Path) -> Path:
    """The same quads as a TriG file beside ``nq``."""
    import pyoxigraph as ox

    trig = nq.with_suffix(".trig")
    ox.serialize(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS), output=str(trig),
                 format=ox.RdfFormat.TRIG)
    return trig


def _run(way: str, nq: str, before: str | None) -> dict:
    ctx = mp.get_context("spawn")
    a, b = ctx.Pipe(duplex=False)
    p = ctx.Process(target=load_once, args=(way, nq, b, before if way == BEFORE else None))
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
    ap.add_argument("--before", help="also load with this checkout's kg, as \"%s\"" % BEFORE)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--trig", action="store_true",
                    help="load the same quads as TriG (what kg build writes by default): parsed into "
                         "objects and bulk_extend-ed, not cut as N-Quads lines")
    args = ap.parse_args(argv)
    ways = [w for w in args.ways.split(",") if w]
    if args.before:
        ways.append(BEFORE)
        args.before = str(Path(args.before).resolve())
    sys.path.insert(0, str(Path(args.kg_root or Path(__file__).resolve().parents[1]).resolve()))
    import kg  # noqa: F401 - the checkout measured (children inherit sys.path)
    print(f"kg from {Path(kg.__file__).parent}")
    report: dict[str, object] = {}
    work = Path(tempfile.mkdtemp(prefix="kgbench."))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            nq = work / f"synth_{size}.nq"
            n = write_synth(nq, size)
            if args.trig:
                nq = _as_trig(nq)
            print(f"== {n:,} quads; load average {os.getloadavg()[0]:.2f} at start", flush=True)
            runs: dict[str, list[dict]] = {w: [] for w in ways}
            for _ in range(args.runs):
                for way in ways:
                    runs[way].append(_run(way, str(nq), args.before))
            res = {}
            for way in ways:
                wall = statistics.median(r["wall_s"] for r in runs[way])
                cpu = statistics.median(r["cpu_s"] for r in runs[way])
                rss = max(r["peak_rss_mb"] for r in runs[way])
                disk = statistics.median(r["disk_mb"] for r in runs[way])
                res[way] = {"wall_s": wall, "quads_per_s": n / wall, "cpu_s": cpu, "peak_rss_mb": rss,
                            "disk_mb": disk, "runs": runs[way]}
                print(f"{way:26s} {wall:6.2f} s  {n / wall / 1000:6.1f}k quads/s  CPU {cpu:6.2f} s"
                      f"  peak RSS {rss:5.0f} MB  disk {disk:4.0f} MB", flush=True)
            for base in ("plain", BEFORE):
                if "kg load" in res and base in res:
                    ratio = res["kg load"]["quads_per_s"] / res[base]["quads_per_s"]
                    cpu_ratio = res["kg load"]["cpu_s"] / res[base]["cpu_s"]
                    res[f"ratio_vs_{base}"] = ratio
                    print(f"kg load rate / {base} rate: {ratio:.2f}x (CPU {cpu_ratio:.2f}x)", flush=True)
            print(f"load average {os.getloadavg()[0]:.2f} at end", flush=True)
            report[str(size)] = res
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main()
