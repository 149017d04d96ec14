"""Benchmark ``kg export``: each view of a synthetic graph, against networkx alone.

For each view (``full``, ``scheme-place``, ``place-place``) of a synthetic dataset from
``bench/synth.py`` (default 1M quads, the generator shared with the SPARQL benchmark),
two child processes run one after the other, each measured by its own peak RSS
(``os.wait4``):

- **export**: the whole ``kg export --format gexf`` path — read the facts in one pass
  (:func:`kg.export.facts.read_facts`: the N-Quads file parsed as a stream, or with
  ``--source store`` an on-disk store made beforehand by ``kg load`` read by pattern
  scans), build the view (as ``kg export`` does: :func:`kg.export.views.view_stream`,
  so the place–place view's edges are made while the GEXF is written), write GEXF —
  with the time of each phase and the peak RSS up to the end of the write;
- **networkx alone**: build the *same* networkx graph (same nodes, edges and attributes,
  unpickled from the export child) with ``add_nodes_from``/``add_edges_from``: the floor
  any exporter built on networkx pays, and write it with ``nx.write_gexf``.

Printed: the phases, the totals and the ratios export/networkx for time and peak RSS,
against issue 13's targets (≤ 2× the time, ≤ 1.5× the memory), with the load average;
and the CPU time of the same phases (``time.process_time``), whose ratio a busy shared
machine disturbs less than wall time.

With ``--source store`` the store is made by ``kg load`` (which writes the export summary
read by the export, :mod:`kg.export.summary`), in a child measured like the others; the
summary written alone is measured too, so its share of the load shows.

``--scale N N …`` measures memory at scale instead: for each size a synthetic dataset of N
quads, its export summary written into a directory holding a store's marker only (what
``kg load`` adds; an export of a store reads nothing else), and each view exported by
``kg export STORE --format gexf`` in a child measured by ``wait4`` (with ``--before``, also
by the other checkout, alternating, the files compared); printed: peak RSS per view and
size, and the slope in MB per million relations between the first and last sizes (the
entities grow with them).

``--before DIR`` also runs each export (and, from a store, ``kg load``) with the ``kg``
of another checkout (e.g. ``git archive`` of main unpacked in DIR), alternating with
this one, each against the same networkx child: a change measured against the code it
replaces in one run. Every child imports ``kg`` from its checkout (``PYTHONPATH``).

Usage::

    python bench/export.py                 # 1M quads
    python bench/export.py --quads 100000  # quicker
    python bench/export.py --source store  # export from an on-disk store
    python bench/export.py --before /tmp/main-kg --views scheme-place
    python bench/export.py --source store --before /tmp/main-kg --load-before
    python bench/export.py --graph out/pages.trig --source store --views full   # a kg build
    python bench/export.py --json out/bench-export.json
    python bench/export.py --scale 1000000 4000000 8000000 --before /tmp/main-kg   # memory at scale
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # the checkout whose kg this bench measures
sys.path.insert(0, str(HERE))

__all__ = ["main"]

VIEWS = ("full", "scheme-place", "place-place")


def _child_export(source: str, view: str, dump: str, out: str) -> dict:
    from kg.export.views import build_view, load_facts, view_stream
    from kg.export.gexf import write_gexf

    t = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    facts = load_facts(source)  # as kg export: a store's summary when it has one
    t["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    stream = view_stream(facts, view)  # as kg export: the place-place view is never built
    t["view"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with open(out, "wb") as fh:
        write_gexf(stream, fh)
    t["write_gexf"] = time.perf_counter() - t0  # for place-place: the view's edges made as written
    cpu = time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the graph for the dump
    G = build_view(facts, view)
    with open(dump, "wb") as fh:
        edges = list(G.edges(keys=True, data=True)) if G.is_multigraph() else list(G.edges(data=True))
        pickle.dump((type(G).__name__, list(G.nodes(data=True)), edges), fh, protocol=5)
    return {"times": t, "cpu_s": cpu, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "peak_mb": peak_mb}


def _child_networkx(dump: str, out: str) -> dict:
    import networkx as nx

    with open(dump, "rb") as fh:
        cls, nodes, edges = pickle.load(fh)
    t = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    G = getattr(nx, cls)()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    t["build"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    nx.write_gexf(G, out)
    t["write_gexf"] = time.perf_counter() - t0
    return {"times": t, "cpu_s": time.process_time() - c0, "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def _child_summary(store: str, source: str) -> dict:
    from kg.export.summary import write_summary

    c0, t0 = time.process_time(), time.perf_counter()
    report = write_summary(store, source)
    return {"seconds": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
            "entities": report.entities, "relations": report.relations}


def _env(root: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(root)}


def _measure(args: list[str], root: Path = ROOT) -> dict:
    """Run this script as a child with ``root``'s kg; its JSON report plus its peak RSS in MB.

    The parent stays small: a child started by ``vfork`` inherits its parent's peak RSS as
    its own starting peak (Linux keeps the high-water mark across ``exec``).
    """
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True,
                            env=_env(root))
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"child {args[:2]} failed with status {status}")
    report = json.loads(out)
    report.setdefault("peak_mb", usage.ru_maxrss / 1024)  # Linux: KiB (the export child says its own)
    report.setdefault("cpu_s", usage.ru_utime + usage.ru_stime)
    return report


def _measure_load(nq: Path, store: Path, root: Path) -> dict:
    """``kg load`` (the command, as a user runs it) with ``root``'s kg: wall, CPU, peak RSS."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "load", str(nq), "--store", str(store)],
                            env=_env(root), cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"kg load failed with status {status}")
    return {"seconds": time.perf_counter() - t0, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024}


def _measure_kg_export(store: Path, view: str, out: Path, root: Path) -> dict:
    """``kg export STORE --view VIEW --format gexf`` with ``root``'s kg: wall, CPU, peak RSS."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "export", str(store), "--view", view, "--format", "gexf",
                             "--out", str(out)], env=_env(root), cwd=root, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"kg export failed with status {status}")
    return {"seconds": time.perf_counter() - t0, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024}


def _scale(sizes: list[int], views: list[str], roots: dict[str, Path], tmp: Path) -> dict:
    """Peak RSS of each view's export of a store's summary at each size (see the docstring)."""
    import sqlite3

    from synth import write_synth

    results: dict = {}
    for n in sizes:
        nq, store = tmp / f"s{n}.nq", tmp / f"s{n}.store"
        write_synth(nq, n)
        store.mkdir()
        (store / "govkg-store.json").write_text(json.dumps({"bench": n}), encoding="utf-8")
        summary = _measure(["--_child", "summary", str(store), str(nq)])
        nq.unlink()
        conn = sqlite3.connect(store / "export.sqlite")
        rels, ents = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("relation", "entity"))
        conn.close()
        print(f"{n} quads: {ents} entities, {rels} relations (summary {summary['cpu_s']:.1f} CPU s, "
              f"peak {summary['peak_mb']:.0f} MB); load average {os.getloadavg()[0]:.2f}", flush=True)
        for view in views:
            outs = {}
            for name, root in roots.items():
                outs[name] = tmp / f"{view}.{name}.gexf"
                got = _measure_kg_export(store, view, outs[name], root)
                results.setdefault(name, {}).setdefault(view, []).append({"quads": n, "relations": rels,
                                                                          "entities": ents, **got})
                print(f"  {view:12s} {name:6s} peak {got['peak_mb']:6.0f} MB, CPU {got['cpu_s']:6.2f} s", flush=True)
            assert all(filecmp.cmp(o, outs["after"], shallow=False) for o in outs.values())  # in blocks (vfork)
            for o in outs.values():
                o.unlink()
        shutil.rmtree(store)
    for name, by_view in results.items():
        for view, runs in by_view.items():
            first, last = runs[0], runs[-1]
            slope = (last["peak_mb"] - first["peak_mb"]) / max(last["relations"] - first["relations"], 1) * 1e6
            print(f"{name:6s} {view:12s} {slope:6.0f} MB per 1M relations "
                  f"({first['relations']} -> {last['relations']} relations)")
    return results


def _report_view(view: str, name: str, exp: dict, base: dict) -> dict:
    """Print one export's phases and ratios to the networkx child; return the ratios."""
    t_exp, t_base = sum(exp["times"].values()), sum(base["times"].values())
    build_exp = exp["times"]["read"] + exp["times"]["view"]
    ratios = {"time": t_exp / t_base, "memory": exp["peak_mb"] / base["peak_mb"],
              "cpu": exp["cpu_s"] / base["cpu_s"]}
    phases = ", ".join(f"{k} {v:.2f}s" for k, v in exp["times"].items())
    print(f"  export {name:7s} {t_exp:7.2f} s  peak {exp['peak_mb']:7.0f} MB   ({phases})")
    print(f"    ratio export/networkx: time {ratios['time']:.2f}x (target <= 2: "
          f"{'met' if ratios['time'] <= 2 else 'NOT met'}), peak memory {ratios['memory']:.2f}x "
          f"(target <= 1.5: {'met' if ratios['memory'] <= 1.5 else 'NOT met'}), CPU {ratios['cpu']:.2f}x "
          f"({exp['cpu_s']:.2f} s); graph building (read + view) vs add_*_from: "
          f"{build_exp / max(base['times']['build'], 1e-9):.0f}x; load average {os.getloadavg()[0]:.2f}",
          flush=True)
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--graph", type=Path, help="export this dataset file instead of a synthetic one")
    parser.add_argument("--views", nargs="+", default=list(VIEWS), choices=VIEWS)
    parser.add_argument("--source", choices=("file", "store"), default="file",
                        help="export the N-Quads file, or a store made from it by kg load beforehand")
    parser.add_argument("--before", type=Path, help="also measure the kg of this checkout, alternating")
    parser.add_argument("--load-before", action="store_true",
                        help="with --source store: also time --before's kg load (its exports read "
                             "its own store; otherwise the store this kg loaded)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--scale", type=int, nargs="+", metavar="QUADS",
                        help="measure the peak RSS of exports of a store's summary at these sizes instead")
    parser.add_argument("--_child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._child:
        kind, *rest = args._child
        child = {"export": _child_export, "networkx": _child_networkx, "summary": _child_summary}[kind]
        print(json.dumps(child(*rest)))
        return 0

    from synth import write_synth

    roots = {"after": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    if args.scale:
        with tempfile.TemporaryDirectory(prefix="govkg-bench-export-") as tmp:
            scaled = _scale(args.scale, args.views, roots, Path(tmp))
        if args.json:
            args.json.write_text(json.dumps({"scale": scaled}, indent=1), encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory(prefix="govkg-bench-export-") as tmp:
        if args.graph is not None:  # e.g. a kg build of synthetic pages (bench/synth_pages.py)
            nq, n = args.graph.resolve(), 0
            print(f"dataset {nq}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        else:
            nq = Path(tmp) / "synth.nq"
            t0 = time.perf_counter()
            n = write_synth(nq, args.quads)
            print(f"synthetic dataset: {n} quads ({time.perf_counter() - t0:.1f} s to generate); "
                  f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        sources = {name: str(nq) for name in roots}
        loads: dict[str, dict] = {}
        if args.source == "store":
            # in children: a parent grown by the load would hand its resident pages to
            # every forked child, and their peak RSS would measure the parent
            for name, root in roots.items():
                if name == "before" and not args.load_before:  # its kg reads the same store's quads
                    sources[name] = sources["after"]
                    continue
                sources[name] = str(Path(tmp) / f"{name}.store")
                loads[name] = _measure_load(nq, Path(sources[name]), root)
                print(f"kg load ({name}): {loads[name]['seconds']:.2f} s, CPU {loads[name]['cpu_s']:.2f} s, "
                      f"peak {loads[name]['peak_mb']:.0f} MB; load average {os.getloadavg()[0]:.2f}", flush=True)
            summary = _measure(["--_child", "summary", sources["after"], str(nq)])
            loads["summary alone"] = summary
            print(f"export summary alone: {summary['seconds']:.2f} s, CPU {summary['cpu_s']:.2f} s, peak "
                  f"{summary['peak_mb']:.0f} MB ({summary['entities']} entities, {summary['relations']} relations); "
                  f"{summary['cpu_s'] / loads['after']['cpu_s']:.0%} of the CPU of kg load (after)", flush=True)
        results: dict[str, dict] = {}
        for view in args.views:
            dump = str(Path(tmp) / f"{view}.pickle")
            exports = {}
            for name, root in roots.items():
                out = str(Path(tmp) / f"{view}.{name}.gexf")
                exports[name] = _measure(["--_child", "export", sources[name], view,
                                          dump if name == "after" else dump + ".before", out], root)
            base = _measure(["--_child", "networkx", dump, str(Path(tmp) / f"{view}.nx.gexf")])
            if "before" in roots:  # the change must not change the file (compared in blocks:
                # this parent's peak RSS is every later child's floor, see _measure)
                assert filecmp.cmp(Path(tmp) / f"{view}.after.gexf", Path(tmp) / f"{view}.before.gexf",
                                   shallow=False)
            print(f"\n{view}: {base['nodes']} nodes, {base['edges']} edges")
            print(f"  networkx only  {sum(base['times'].values()):7.2f} s  peak {base['peak_mb']:7.0f} MB   "
                  f"(build {base['times']['build']:.2f}s, write_gexf {base['times']['write_gexf']:.2f}s, "
                  f"CPU {base['cpu_s']:.2f} s)")
            results[view] = {"networkx": base, "loadavg": os.getloadavg()}
            for name, exp in exports.items():
                assert (exp["nodes"], exp["edges"]) == (base["nodes"], base["edges"])
                results[view][name] = {"export": exp, "ratios": _report_view(view, name, exp, base)}
        if args.json:
            args.json.write_text(json.dumps({"quads": n, "source": args.source, "loads": loads,
                                             "views": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
