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

Usage::

    python bench/export.py                 # 1M quads
    python bench/export.py --quads 100000  # quicker
    python bench/export.py --source store  # export from an on-disk store
    python bench/export.py --json out/bench-export.json
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

__all__ = ["main"]

VIEWS = ("full", "scheme-place", "place-place")


def _child_export(source: str, view: str, dump: str, out: str) -> dict:
    from kg.export.facts import read_facts
    from kg.export.views import build_view, view_stream
    from kg.export.gexf import write_gexf

    t = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    facts = read_facts(source)
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


def _measure(args: list[str]) -> dict:
    """Run this script as a child; return its JSON report plus its peak RSS in MB."""
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"child {args[:2]} failed with status {status}")
    report = json.loads(out)
    report.setdefault("peak_mb", usage.ru_maxrss / 1024)  # Linux: KiB (the export child says its own)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--views", nargs="+", default=list(VIEWS), choices=VIEWS)
    parser.add_argument("--source", choices=("file", "store"), default="file",
                        help="export the N-Quads file, or a store loaded from it beforehand (not timed)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--_child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._child:
        kind, *rest = args._child
        report = _child_export(*rest) if kind == "export" else _child_networkx(*rest)
        print(json.dumps(report))
        return 0

    from synth import write_synth

    with tempfile.TemporaryDirectory(prefix="govkg-bench-export-") as tmp:
        nq = Path(tmp) / "synth.nq"
        t0 = time.perf_counter()
        n = write_synth(nq, args.quads)
        print(f"synthetic dataset: {n} quads ({time.perf_counter() - t0:.1f} s to generate); "
              f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        source = str(nq)
        if args.source == "store":
            # in a child: a parent grown by the load would hand its resident pages to
            # every forked child, and their peak RSS would measure the parent
            source = str(Path(tmp) / "synth.store")
            subprocess.run([sys.executable, "-m", "kg", "load", str(nq), "--store", source], check=True)
        results = {}
        for view in args.views:
            dump = str(Path(tmp) / f"{view}.pickle")
            exp = _measure(["--_child", "export", source, view, dump, str(Path(tmp) / f"{view}.gexf")])
            base = _measure(["--_child", "networkx", dump, str(Path(tmp) / f"{view}.nx.gexf")])
            assert (exp["nodes"], exp["edges"]) == (base["nodes"], base["edges"])
            t_exp, t_base = sum(exp["times"].values()), sum(base["times"].values())
            build_exp = exp["times"]["read"] + exp["times"]["view"]
            ratios = {"time": t_exp / t_base, "memory": exp["peak_mb"] / base["peak_mb"],
                      "cpu": exp["cpu_s"] / base["cpu_s"]}
            results[view] = {"export": exp, "networkx": base, "ratios": ratios,
                             "loadavg": os.getloadavg()}
            phases = ", ".join(f"{k} {v:.2f}s" for k, v in exp["times"].items())
            print(f"\n{view}: {exp['nodes']} nodes, {exp['edges']} edges")
            print(f"  export        {t_exp:7.2f} s  peak {exp['peak_mb']:7.0f} MB   ({phases})")
            print(f"  networkx only {t_base:7.2f} s  peak {base['peak_mb']:7.0f} MB   "
                  f"(build {base['times']['build']:.2f}s, write_gexf {base['times']['write_gexf']:.2f}s)")
            print(f"  ratio export/networkx: time {ratios['time']:.2f}x (target <= 2: "
                  f"{'met' if ratios['time'] <= 2 else 'NOT met'}), peak memory {ratios['memory']:.2f}x "
                  f"(target <= 1.5: {'met' if ratios['memory'] <= 1.5 else 'NOT met'}); "
                  f"graph building (read + view) vs add_*_from: {build_exp / max(base['times']['build'], 1e-9):.0f}x; "
                  f"load average {os.getloadavg()[0]:.2f}", flush=True)
            print(f"  CPU time of the timed phases: export {exp['cpu_s']:.2f} s, networkx "
                  f"{base['cpu_s']:.2f} s, ratio {ratios['cpu']:.2f}x (wall times stretch with the load average)",
                  flush=True)
        if args.json:
            args.json.write_text(json.dumps({"quads": n, "source": args.source, "views": results}, indent=1),
                                 encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
