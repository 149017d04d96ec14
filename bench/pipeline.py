"""Benchmark the whole road, ``kg build`` → ``kg load`` → ``kg export``, on synthetic pages.

Each stage runs the real command (``.venv/bin/kg`` beside this Python) in a child process;
this process samples the resident memory of the child *and all its descendants* (the
build's worker pool) every 50 ms and keeps the peak of their sum (shared pages counted in
each process, so the figure errs high), and takes the CPU seconds of the whole tree from
``getrusage(RUSAGE_CHILDREN)`` around the stage (exact: every descendant is reaped).

Stages, on ``--pages`` pages from ``bench/synth_pages.py`` (generated once into
``--data``, kept between runs):

1. ``build``: ``kg build PAGES --out WORK/corpus.nq --workers W --no-cache``;
2. ``load``: ``kg load WORK/corpus.nq --store WORK/corpus.store``;
3. ``export-<view>``: ``kg export WORK/corpus.store --format gexf --view <view>`` for
   each view.

Every stage's figures (wall, CPU, cores used, peak RSS of the tree, load average before
and after, output size, the commit the code was at) are printed and written to
``--json`` as soon as the stage ends, so a long run that is stopped keeps what it
measured. The target of issue 13 is a peak below 2 GB at every stage at 100k pages.

Usage::

    python bench/pipeline.py --pages 1000                      # ≈ 1 min on 2 cores
    nohup nice -n 19 python bench/pipeline.py --pages 100000 \\
        --data /tmp/pages --work /tmp/e2e --json out/bench-pipeline-100k.json &
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import _fmt_mb, _sample_tree  # noqa: E402  shared with bench/build.py
from synth_pages import page_name, synth_page  # noqa: E402

__all__ = ["main", "run_stage"]

VIEWS = ("full", "scheme-place", "place-place")
LIMIT_GB = 2.0


def _write_page(args: tuple[Path, int]) -> None:
    folder, index = args
    name, text = synth_page(index)
    (folder / name).write_text(text, encoding="utf-8")


def ensure_pages(data: Path, n: int, workers: int) -> Path:
    """A folder of the first ``n`` pages (symlinks into ``data``); only missing pages are
    generated, on ``workers`` processes (100k pages take ≈ 8 CPU minutes)."""
    from concurrent.futures import ProcessPoolExecutor

    data.mkdir(parents=True, exist_ok=True)
    have = {p.name for p in data.glob("*.txt")}
    missing = [i for i in range(n) if page_name(i) not in have]
    if missing:
        with ProcessPoolExecutor(workers) as pool:
            for _ in pool.map(_write_page, ((data, i) for i in missing), chunksize=256):
                pass
    sub = data.parent / f"{data.name}-{n}"
    sub.mkdir(exist_ok=True)
    linked = {p.name for p in sub.glob("*.txt")}
    for i in range(n):
        name = page_name(i)
        if name not in linked:
            (sub / name).symlink_to(data / name)
    if len(linked) > n:
        raise SystemExit(f"{sub} holds more than {n} pages; remove it")
    return sub


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _commit() -> str:
    """The commit the code under test is at (``+dirty`` when the tree has changes)."""
    def git(*a: str) -> str:
        return subprocess.run(["git", "-C", str(HERE.parent), *a], capture_output=True, text=True).stdout.strip()
    return git("rev-parse", "--short", "HEAD") + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def run_stage(name: str, cmd: list[str], output: Path, log: Path,
              progress: Callable[[dict], None] | None = None) -> dict:
    """Run one command; return wall, CPU and peak RSS of its process tree, and its output size.

    The command's stdout and stderr go to ``log`` (a pipe would fill up and block a long
    build); every 30 s ``progress`` gets the figures so far with the log's last line.
    """
    import psutil

    load0, commit = os.getloadavg()[0], _commit()
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as fh:
        child = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, text=True,
                                 env=dict(os.environ, PYTHONHASHSEED="0"))
        proc = psutil.Process(child.pid)
        peak, seen, tick = 0, {}, t0
        while child.poll() is None:
            peak = max(peak, _sample_tree(proc, seen))
            if progress is not None and time.perf_counter() - tick > 30:
                tick = time.perf_counter()
                progress({"stage": name, "running": True, "wall_s": tick - t0, "cpu_s": sum(seen.values()),
                          "peak_rss": peak, "commit": commit, "says": _last_line(log)})
            time.sleep(0.05)
    wall = time.perf_counter() - t0
    # Exact for every reaped descendant; the sampled per-process figure catches workers
    # a pool left to init, so the larger of the two is kept.
    cpu = max(_children_cpu() - cpu0, sum(seen.values()))
    if child.returncode != 0:
        raise SystemExit(f"stage {name} failed ({child.returncode}): {' '.join(cmd)}\n{log.read_text()[-2000:]}")
    size = (sum(f.stat().st_size for f in output.rglob("*") if f.is_file()) if output.is_dir()
            else output.stat().st_size if output.exists() else 0)
    return {"stage": name, "wall_s": wall, "cpu_s": cpu, "cores": cpu / wall, "peak_rss": peak,
            "loadavg": [round(load0, 2), round(os.getloadavg()[0], 2)], "output_bytes": size,
            "commit": commit, "says": _last_line(log)}


def _last_line(log: Path) -> str:
    with open(log, "rb") as fh:
        fh.seek(max(0, log.stat().st_size - 4096))
        lines = fh.read().decode("utf-8", "replace").replace("\r", "\n").strip().splitlines()
    return lines[-1] if lines else ""


def _print(r: dict) -> None:
    print(f"{r['stage']:20s} {r['wall_s']:9.1f} s  CPU {r['cpu_s']:9.1f} s ({r['cores']:.2f} cores)  "
          f"peak RSS {_fmt_mb(r['peak_rss']):>9s}  out {r['output_bytes'] / 2**20:9,.0f} MB  "
          f"load {r['loadavg'][0]:.1f}→{r['loadavg'][1]:.1f}  [{r['commit']}] {r['says']}",
          flush=True)


def _table(rows: list[dict]) -> str:
    lines = ["| stage | wall s | CPU s | cores used | peak RSS (tree) | output | load avg |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['stage']} | {r['wall_s']:,.1f} | {r['cpu_s']:,.1f} | {r['cores']:.2f} | "
                     f"{_fmt_mb(r['peak_rss'])} | {r['output_bytes'] / 2**20:,.0f} MB | "
                     f"{r['loadavg'][0]:.1f}→{r['loadavg'][1]:.1f} |")
    total_wall = sum(r["wall_s"] for r in rows)
    total_cpu = sum(r["cpu_s"] for r in rows)
    peak = max((r["peak_rss"] for r in rows), default=0)
    lines.append(f"| **all stages** | **{total_wall:,.1f}** | **{total_cpu:,.1f}** | "
                 f"{total_cpu / max(total_wall, 1e-9):.2f} | **{_fmt_mb(peak)}** | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--views", nargs="+", default=list(VIEWS), choices=VIEWS)
    ap.add_argument("--data", type=Path, help="folder for the synthetic pages (kept between runs)")
    ap.add_argument("--work", type=Path, help="folder for the N-Quads, store and exports (default: temporary)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--json", type=Path, help="write the figures here after every stage")
    args = ap.parse_args(argv)

    kg = str(Path(sys.executable).with_name("kg"))
    tmp = tempfile.TemporaryDirectory(prefix="govkg-bench-e2e-")
    data = args.data or Path(tmp.name) / "pages"
    work = args.work or Path(tmp.name) / "work"
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    src = ensure_pages(data, args.pages, args.workers)
    pages = sorted(src.glob("*.txt"))
    chars = sum(p.stat().st_size for p in pages)
    print(f"{len(pages):,} synthetic pages ({chars / 2**20:,.0f} MB) ready in {time.perf_counter() - t0:.0f} s; "
          f"cores {os.cpu_count()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

    nq, store = work / "corpus.nq", work / "corpus.store"
    stages = [("build", [kg, "build", str(src), "--out", str(nq), "--workers", str(args.workers), "--no-cache"], nq),
              ("load", [kg, "load", str(nq), "--store", str(store)], store)]
    stages += [(f"export-{v}", [kg, "export", str(store), "--format", "gexf", "--view", v,
                                "--out", str(work / f"{v}.gexf")], work / f"{v}.gexf") for v in args.views]
    report = {"pages": args.pages, "workers": args.workers, "cores": os.cpu_count(),
              "generate_s": round(time.perf_counter() - t0, 1), "loadavg_start": os.getloadavg(), "stages": []}
    def save(partial: dict | None = None) -> None:
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            doc = dict(report, running=partial) if partial else report
            args.json.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    for name, cmd, output in stages:
        r = run_stage(name, cmd, output, work / f"{name}.log", save)
        report["stages"].append(r)
        _print(r)
        save()
    print()
    print(_table(report["stages"]))
    peak_gb = max(r["peak_rss"] for r in report["stages"]) / 2**30
    print(f"\npeak RSS of any stage {peak_gb:.2f} GB   target < {LIMIT_GB} GB   "
          f"{'met' if peak_gb < LIMIT_GB else 'NOT met'}")
    if not args.keep and args.work:
        for p in (nq, store, *(work / f"{v}.gexf" for v in args.views)):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
