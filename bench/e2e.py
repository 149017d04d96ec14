"""Benchmark the whole road, ``kg build`` → ``kg load`` → ``kg export``, on synthetic pages.

Each stage runs the real command line, ``python -m kg …`` from this checkout (so the
code measured is the code beside this script, not whatever ``.venv/bin/kg`` imports), in
a child process. Every 0.2 s this process samples the child *and all its descendants*
(the build's worker pool and forkserver; ``bench/_proctree.py``: psutil, else
``/proc``) and keeps the peak of their summed RSS — pages shared between processes
count in each, so it errs high; the summed PSS beside it (read every 2 s, it costs more)
shares them out — with the processes that made it up. CPU seconds of the tree are the larger of ``getrusage`` of
the reaped children and the per-process samples (a forkserver's workers are not reaped
by the child).

Stages, on ``--pages`` pages from ``bench/synth_pages.py`` (generated once into
``--data``, only the missing ones, kept between runs):

1. ``build``: ``kg build PAGES --out WORK/corpus.trig --no-cache`` (the default worker
   count: one per core);
2. ``load``: ``kg load WORK/corpus.trig --store WORK/corpus.store`` (the union graph
   materialised, the search index written);
3. ``export-<view>``: ``kg export WORK/corpus.store --format gexf --view <view>`` for
   each view of docs/exporting.md (``full``, ``scheme-place``, ``place-place``).

Figures per stage: wall, CPU (and cores used), peak RSS and PSS of the tree, pages/s and
quads/s (quads of the built dataset over the stage's wall time), and the **baseline
ratio**: the stage's wall (and CPU) time per page over ``jieba.lcut``'s alone on one core
over a sample of the same pages, measured in this run as ``bench/build.py`` does — so a
busy machine stretches both sides. The load average before and after, free disk, the
output's size and the commit are kept too. Every stage is written to ``--json`` as soon
as it ends, and the running stage every 30 s, so a long run that is stopped keeps what
it measured. The target of issue 13 is a peak below 2 GB at every stage at 100k pages.

Usage::

    python bench/e2e.py --pages 500 --json out/e2e-500.json
    python bench/e2e.py --pages 500 --work out/e2e --skip-build   # load and export again
    nohup nice -n 19 python bench/e2e.py --pages 100000 \\
        --data /tmp/e2e/pages --work /tmp/e2e/work --json out/e2e-100k.json &
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _proctree import Watched, fmt_mb, watch  # noqa: E402
from build import jieba_floor  # noqa: E402
from synth_pages import ensure_pages  # noqa: E402

__all__ = ["main", "report_table", "run_stage", "stage_commands"]

VIEWS = ("full", "scheme-place", "place-place")
LIMIT_GB = 2.0
FLOOR_PAGES = 1000  # pages jieba segments for the floor (a sample: its rate is flat)


def stage_commands(src: Path, work: Path, views: list[str],
                   workers: int | None = None) -> list[tuple[str, list[str], Path]]:
    """``(stage, argv, output)`` of every stage, in order; argv starts after ``python -m kg``."""
    trig, store = work / "corpus.trig", work / "corpus.store"
    build = ["build", str(src), "--out", str(trig), "--no-cache"]
    if workers is not None:
        build += ["--workers", str(workers)]
    stages = [("build", build, trig), ("load", ["load", str(trig), "--store", str(store)], store)]
    stages += [(f"export-{v}", ["export", str(store), "--format", "gexf", "--view", v,
                                "--out", str(work / f"{v}.gexf")], work / f"{v}.gexf") for v in views]
    return stages


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _git(*a: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *a], capture_output=True, text=True).stdout.strip()


def _commit() -> str:
    """The commit the code under test is at (``+dirty`` when tracked files have changes)."""
    return _git("rev-parse", "--short", "HEAD") + ("+dirty" if _git("status", "--porcelain", "--untracked-files=no")
                                                    else "")


def _env() -> dict[str, str]:
    """This checkout first on the path of the child and of every worker it starts."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, PYTHONPATH=path, PYTHONHASHSEED="0")


def _kg_imported() -> str:
    """Where ``python -m kg`` in the children imports ``kg`` from (said in the report)."""
    out = subprocess.run([sys.executable, "-c", "import kg; print(kg.__file__)"], cwd=REPO, env=_env(),
                         capture_output=True, text=True, check=True)
    return str(Path(out.stdout.strip()).parent)


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size if path.exists() else 0


def _peak_procs(seen: Watched) -> list[dict]:
    """The processes making up the RSS peak, biggest first (which one to look at)."""
    return [{"pid": p.pid, "name": p.name, "rss": p.rss, "pss": p.pss}
            for p in sorted(seen.peak.procs, key=lambda p: -p.rss)]


def run_stage(name: str, argv: list[str], output: Path, log: Path,
              progress: Callable[[dict], None] | None = None) -> dict:
    """Run ``python -m kg ARGV``; return wall, CPU, peak RSS/PSS of its tree and its output size.

    The command's stdout and stderr go to ``log`` (a pipe would fill up and block a long
    build); every 30 s ``progress`` gets the figures so far with the log's last line.
    """
    load0, commit = os.getloadavg()[0], _commit()
    cpu0 = _children_cpu()
    t0 = time.perf_counter()

    def figures(seen: Watched) -> dict:
        return {"stage": name, "wall_s": time.perf_counter() - t0, "cpu_s": seen.cpu_s,
                "peak_rss": seen.peak.rss, "peak_pss": seen.peak_pss, "peak_procs": _peak_procs(seen),
                "commit": commit, "says": _last_line(log)}

    with open(log, "w", encoding="utf-8") as fh:
        child = subprocess.Popen([sys.executable, "-m", "kg", *argv], stdout=fh, stderr=subprocess.STDOUT,
                                 text=True, cwd=REPO, env=_env())
        seen = watch(child, 0.2, None if progress is None else lambda s: progress(dict(figures(s), running=True)))
    r = figures(seen)
    # Exact for every reaped descendant; the sampled figure catches workers a forkserver
    # reaped instead, so the larger of the two is kept.
    r["cpu_s"] = max(_children_cpu() - cpu0, seen.cpu_s)
    if child.returncode != 0:
        raise SystemExit(f"stage {name} failed ({child.returncode}): kg {' '.join(argv)}\n{log.read_text()[-2000:]}")
    r.update(cores=r["cpu_s"] / r["wall_s"], samples=seen.samples, output_bytes=_size(output),
             loadavg=[round(load0, 2), round(os.getloadavg()[0], 2)],
             disk_free=shutil.disk_usage(output.parent).free, log=log.read_text(encoding="utf-8")[-4000:])
    return r


def _last_line(log: Path) -> str:
    try:
        with open(log, "rb") as fh:
            fh.seek(max(0, log.stat().st_size - 4096))
            lines = fh.read().decode("utf-8", "replace").replace("\r", "\n").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def dataset_quads(build_log: str) -> int:
    """Quads ``kg build`` wrote, from its summary line.

    Examples
    --------
    >>> dataset_quads("1 file, 2 articles, entities: 3 place; 40 triples in 2 graphs → out.trig")
    40
    """
    m = re.search(r"(\d+) triples in \d+ graphs? ", build_log)
    if m is None:
        raise ValueError(f"no summary line in the build's output: {build_log[-300:]!r}")
    return int(m.group(1))


def add_rates(r: dict, pages: int, quads: int, floor: dict) -> dict:
    """Pages/s, quads/s and the stage's time per page over bare jieba's, in place."""
    r.update(pages_s=pages / r["wall_s"], quads_s=quads / r["wall_s"],
             wall_per_page_vs_jieba=(r["wall_s"] / pages) / (floor["seconds"] / floor["pages"]),
             cpu_per_page_vs_jieba=(r["cpu_s"] / pages) / (floor["cpu"] / floor["pages"]))
    return r


def _print(r: dict) -> None:
    print(f"{r['stage']:20s} {r['wall_s']:9.1f} s  CPU {r['cpu_s']:9.1f} s ({r['cores']:.2f} cores)  "
          f"peak RSS {fmt_mb(r['peak_rss']):>9s} (PSS {fmt_mb(r['peak_pss'])})  "
          f"{r['pages_s']:8.1f} pages/s  {r['quads_s'] / 1000:8.1f}k quads/s  "
          f"{r['wall_per_page_vs_jieba']:6.2f}× jieba  out {r['output_bytes'] / 2**20:9,.0f} MB  "
          f"load {r['loadavg'][0]:.1f}→{r['loadavg'][1]:.1f}  [{r['commit']}] {r['says']}", flush=True)


def running_row(running: dict, floor: dict) -> dict:
    """The stage still running, as a row: its rates over the pages its progress line says
    are done (``build: 40000/100000 files``), so a stopped or unfinished run still reads."""
    r = dict(running, stage=f"{running['stage']} (running)", cores=running["cpu_s"] / running["wall_s"])
    m = re.search(r"(\d+)/\d+ files", running.get("says", ""))
    if m and int(m.group(1)):
        r["stage"] = f"{running['stage']} (running, {int(m.group(1)):,} pages done)"
        r = add_rates(r, int(m.group(1)), 0, floor)
        r["quads_s"] = None
    return r


def _cell(r: dict, key: str, fmt: str) -> str:
    return "" if r.get(key) is None else format(r[key], fmt)


def table(rows: list[dict], pages: int) -> str:
    """The results as a Markdown table (docs/scale.md), with a total row of the finished stages."""
    lines = ["| stage | wall s | CPU s | cores used | pages/s | quads/s | wall/page ÷ jieba | CPU/page ÷ jieba "
             "| peak RSS (tree) | peak PSS (tree) | output | load avg |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        load = f"{r['loadavg'][0]:.1f}→{r['loadavg'][1]:.1f}" if "loadavg" in r else ""
        out = f"{r['output_bytes'] / 2**20:,.0f} MB" if "output_bytes" in r else ""
        lines.append(f"| {r['stage']} | {r['wall_s']:,.1f} | {r['cpu_s']:,.1f} | {r['cores']:.2f} | "
                     f"{_cell(r, 'pages_s', ',.1f')} | {_cell(r, 'quads_s', ',.0f')} | "
                     f"{_cell(r, 'wall_per_page_vs_jieba', '.2f')} | {_cell(r, 'cpu_per_page_vs_jieba', '.2f')} | "
                     f"{fmt_mb(r['peak_rss'])} | {fmt_mb(r['peak_pss'])} | {out} | {load} |")
    done = [r for r in rows if "loadavg" in r]
    if done:
        wall, cpu = sum(r["wall_s"] for r in done), sum(r["cpu_s"] for r in done)
        lines.append(f"| **all {'stages' if len(done) == len(rows) else 'finished stages'}** | **{wall:,.1f}** | "
                     f"**{cpu:,.1f}** | {cpu / wall:.2f} | {pages / wall:,.1f} | | "
                     f"{sum(r['wall_per_page_vs_jieba'] for r in done):.2f} | "
                     f"{sum(r['cpu_per_page_vs_jieba'] for r in done):.2f} | "
                     f"**{fmt_mb(max(r['peak_rss'] for r in done))}** | {fmt_mb(max(r['peak_pss'] for r in done))} "
                     "| | |")
    return "\n".join(lines)


def report_table(doc: dict) -> str:
    """A saved ``--json`` report (finished or not) as the heading lines and table of docs/scale.md."""
    floor = doc["floor"]
    rows = list(doc["stages"]) + ([running_row(doc["running"], floor)] if doc.get("running") else [])
    head = (f"{doc['pages']:,} pages ({doc['source_bytes'] / 2**20:,.0f} MB), "
            f"{doc.get('quads', 0):,} quads; started {doc['started']}, "
            f"{'finished ' + doc['finished'] if 'finished' in doc else 'not finished'}; nice {doc['nice']}, "
            f"{doc['cores']} cores, load average at start {doc['loadavg_start'][0]:.1f}; floor jieba.lcut "
            f"{floor['pages_s']:.1f} pages/s, {floor['cpu'] / floor['pages'] * 1000:.1f} CPU ms a page "
            f"({floor['pages']} pages)")
    return head + "\n\n" + table(rows, doc["pages"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--workers", type=int, help="kg build --workers (default: kg's own, one per core)")
    ap.add_argument("--views", nargs="+", default=list(VIEWS), choices=VIEWS)
    ap.add_argument("--data", type=Path, help="folder for the synthetic pages (kept between runs)")
    ap.add_argument("--work", type=Path, help="folder for the TriG, store and exports (default: temporary)")
    ap.add_argument("--keep", action="store_true", help="keep the TriG, store and exports")
    ap.add_argument("--json", type=Path, help="write the figures here after every stage")
    ap.add_argument("--floor-pages", type=int, default=FLOOR_PAGES,
                    help="pages jieba segments for the floor (fewer: a shorter run on a busy machine)")
    ap.add_argument("--skip-build", action="store_true",
                    help="reuse WORK/corpus.trig built earlier (its quads from WORK/build.log: the output "
                         "of that kg build) and measure the other stages only")
    ap.add_argument("--table", type=Path, metavar="JSON", help="only print the table of a saved --json report")
    args = ap.parse_args(argv)
    if args.table:
        print(report_table(json.loads(args.table.read_text(encoding="utf-8"))))
        return 0

    tmp = tempfile.TemporaryDirectory(prefix="govkg-bench-e2e-")
    data = args.data or Path(tmp.name) / "pages"
    work = args.work or Path(tmp.name) / "work"
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    src = ensure_pages(data, args.pages, os.cpu_count() or 1)
    pages = sorted(src.glob("*.txt"))
    size = sum(p.stat().st_size for p in pages)
    kg_at = _kg_imported()
    print(f"{len(pages):,} synthetic pages ({size / 2**20:,.0f} MB) ready in {time.perf_counter() - t0:.0f} s; "
          f"cores {os.cpu_count()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"kg from {kg_at}", flush=True)
    floor = jieba_floor(pages[:args.floor_pages])
    print(f"floor: jieba.lcut alone {floor['pages_s']:.1f} pages/s on one core "
          f"({floor['cpu'] / floor['pages'] * 1000:.1f} CPU ms a page, {floor['pages']} pages)", flush=True)

    report: dict = {"pages": args.pages, "source_bytes": size, "workers": args.workers or "default",
                    "cores": os.cpu_count(), "kg": kg_at, "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
                    "nice": os.nice(0), "loadavg_start": os.getloadavg(), "floor": floor, "stages": []}

    def save(running: dict | None = None) -> None:
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            doc = dict(report, running=running) if running else report
            args.json.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    quads = 0
    stages = stage_commands(src, work, args.views, args.workers)
    if args.skip_build:
        if not args.work or not (work / "corpus.trig").is_file():
            raise SystemExit("--skip-build needs --work WORK holding corpus.trig and build.log")
        quads = report["quads"] = dataset_quads((work / "build.log").read_text(encoding="utf-8"))
        report["build"] = "reused"
        stages = stages[1:]
    for name, cmd, output in stages:
        r = run_stage(name, cmd, output, work / f"{name}.log", save)
        if name == "build":
            quads = report["quads"] = dataset_quads(r["log"])
        report["stages"].append(add_rates(r, args.pages, quads, floor))
        _print(r)
        save()
    report["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %z")
    peak_gb = max(r["peak_rss"] for r in report["stages"]) / 2**30
    report["peak_rss_gb"] = peak_gb
    save()
    print()
    print(f"{args.pages:,} pages, {quads:,} quads; floor jieba.lcut {floor['pages_s']:.1f} pages/s on one core")
    print(table(report["stages"], args.pages))
    print(f"\npeak RSS of any stage {peak_gb:.2f} GB   target < {LIMIT_GB} GB   "
          f"{'met' if peak_gb < LIMIT_GB else 'NOT met'}")
    if not args.keep:
        for _, _, out in stages:
            shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
