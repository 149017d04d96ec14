"""Benchmark: load and query synthetic datasets on rdflib in memory vs the Oxigraph store.

For each size (default 100k and 1M quads) it writes a synthetic N-Quads file
(``bench/synth.py``, shaped like ``kg build`` output), then in separate child processes
(so peak memory is per engine):

- ``rdflib``: ``open_graph(file, engine="rdflib")`` — rdflib ``Dataset`` in memory;
- ``oxigraph-file``: ``open_graph(file)`` — pyoxigraph in memory;
- ``oxigraph-store``: ``load_store(file, dir)`` then ``open_graph(dir)`` — on disk;
- ``store-no-union``: a plain ``bulk_load`` of the file into an on-disk store, without the
  materialised union — load time only, the floor the union copy is measured against;

and times every query of ``queries/`` through ``KGraph.query`` (results converted to
rdflib terms, as every caller gets them), with parameters that exist in the data; each
query runs in a forked child stopped after ``--cap`` seconds (shown as ``inf``). It
prints load rate, peak RSS, per-query milliseconds (median of runs) and the
rdflib/oxigraph ratios. rdflib is skipped above ``--rdflib-max`` quads (default 1M)
because it needs ~1.2 KB per quad and minutes.

``--engines oxigraph-store`` times one engine only; ``--before DIR`` also times, in the
same child on the same store, the ``queries/`` of another checkout (e.g. main's, before
a rewrite) and prints each query's time and CPU time (of the thread that runs it: the
figure that holds on a machine shared with other jobs) after/before, and whether both
gave the same rows in the same order (a digest of the rows as N-Triples terms).

Usage: ``python bench/sparql.py [--sizes 100000,1000000] [--runs 3] [--json OUT]
[--engines oxigraph-store] [--before DIR]``
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
from synth import SynthWorld, write_synth  # noqa: E402

__all__ = ["bench_engine", "main"]

ENGINES = ("rdflib", "oxigraph-file", "oxigraph-store", "store-no-union")


def _params(query, examples: dict[str, str]) -> dict[str, str]:
    """``--param`` strings for a library query, from the synthetic world's examples."""
    table = {
        "place": examples["place"], "name": examples["pinyin"], "text": examples["text"],
        "scheme": examples["scheme"],
        "s": f"<{examples['subject']}>", "o": f"<{examples['object']}>", "year": "2020",
        "entities": f"<{examples['subject']}> <{examples['object']}>",
    }
    # queries whose place param rolls up read better on a county for the pairwise one
    if query.name in ("places_sharing_scheme", "bodies_by_place", "schemes_by_year"):
        table["place"] = examples["county"]
    if query.name == "entity_sources":
        table["name"] = examples["county"]
    return {k: table[k] for k in query.param_names if k in table
            and not (query.name == "relation_evidence" and k == "o")}


def _cpu() -> float:
    """CPU seconds of this process and its threads so far (Oxigraph loads on several)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _time_one(g, text, bindings, runs, out) -> None:
    import hashlib

    from kg.store.results import term_to_n3

    samples, cpu, r = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.thread_time()
        r = g.query(text, bindings)
        samples.append(time.perf_counter() - t)
        cpu.append(time.thread_time() - c)
    digest = hashlib.sha256(repr([tuple(map(term_to_n3, row)) for row in r.rows]
                                 if r.kind == "SELECT" else r.boolean).encode()).hexdigest()
    out.send({"ms": 1000 * statistics.median(samples), "cpu_ms": 1000 * statistics.median(cpu),
              "rows": len(r), "digest": digest})


def _time_query(g, text, bindings, runs, cap: float) -> dict[str, float]:
    """Median time of a query, run in a forked child killed after ``cap`` seconds."""
    ctx = mp.get_context("fork")
    a, b = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_time_one, args=(g, text, bindings, runs, b))
    p.start()
    if a.poll(cap):
        res = a.recv()
        p.join()
        return res
    p.kill()
    p.join()
    return {"ms": float("inf"), "rows": -1}


def bench_engine(engine: str, nq: str, examples: dict[str, str], runs: int, out,
                 cap: float = 30.0, before: str | None = None) -> None:
    """Child process: load with one engine, time every query, send a dict back."""
    from kg.store.library import list_queries
    from kg.store.load import load_store
    from kg.store.open import open_graph
    from kg.store.query import parse_params

    res: dict[str, object] = {"engine": engine}
    c0 = _cpu()
    t0 = time.perf_counter()
    tmp = None
    if engine == "store-no-union":
        import pyoxigraph as ox
        tmp = tempfile.mkdtemp(prefix="kgbench.")
        st = ox.Store(str(Path(tmp) / "plain"))
        st.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
        st.flush()
        res["load_s"] = time.perf_counter() - t0
        res["load_cpu_s"] = _cpu() - c0
        res["quads"] = len(st)
        res["queries"] = {}
        res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        del st
        shutil.rmtree(tmp, ignore_errors=True)
        out.send(res)
        return
    if engine == "oxigraph-store":
        tmp = tempfile.mkdtemp(prefix="kgbench.")
        load_store(nq, Path(tmp) / "store")
        res["load_s"] = time.perf_counter() - t0
        res["load_cpu_s"] = _cpu() - c0
        t1 = time.perf_counter()
        g = open_graph(Path(tmp) / "store")
        res["open_s"] = time.perf_counter() - t1
    else:
        g = open_graph(nq, engine="rdflib" if engine == "rdflib" else "oxigraph")
        res["load_s"] = time.perf_counter() - t0
        res["load_cpu_s"] = _cpu() - c0
    res["quads"] = len(g)
    times: dict[str, dict[str, float]] = {}
    for q in list_queries():
        bindings = parse_params(f"{k}={v}" for k, v in _params(q, examples).items())
        times[q.name] = _time_query(g, q.text, bindings, 1 if engine == "rdflib" else runs, cap)
    res["queries"] = times
    if before:
        res["before"] = {q.name: _time_query(g, q.text, parse_params(
            f"{k}={v}" for k, v in _params(q, examples).items()), runs, cap)
            for q in list_queries(Path(before) / "queries")}
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    g.close()
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    out.send(res)


def _run(engine: str, nq: str, examples: dict[str, str], runs: int, cap: float,
         before: str | None = None) -> dict:
    ctx = mp.get_context("spawn")
    a, b = ctx.Pipe(duplex=False)
    p = ctx.Process(target=bench_engine, args=(engine, nq, examples, runs, b, cap, before))
    p.start()
    res = a.recv()
    p.join()
    return res


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rdflib-max", type=int, default=1_000_000)
    ap.add_argument("--cap", type=float, default=20.0,
                    help="seconds after which one query is stopped and shown as inf")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma list of " + ", ".join(ENGINES))
    ap.add_argument("--before", help="a checkout whose queries/ are also timed on the store")
    args = ap.parse_args(argv)
    report: dict[str, object] = {}
    work = Path(tempfile.mkdtemp(prefix="kgbench."))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            nq = work / f"synth_{size}.nq"
            t = time.perf_counter()
            n = write_synth(nq, size)
            examples = SynthWorld(size).examples
            print(f"\n== load average {_loadavg()} at start")
            print(f"== {n:,} quads (synthetic, generated in {time.perf_counter() - t:.1f} s;"
                  f" params {examples['place']} / {examples['county']} / {examples['pinyin']})")
            results = {}
            for engine in args.engines.split(","):
                if engine == "rdflib" and size > args.rdflib_max:
                    continue
                results[engine] = r = _run(engine, str(nq), examples, args.runs, args.cap,
                                           args.before if engine == "oxigraph-store" else None)
                rate = n / r["load_s"]
                extra = f", reopen {r['open_s'] * 1000:.0f} ms" if "open_s" in r else ""
                print(f"{engine:15s} load {r['load_s']:6.2f} s ({rate / 1000:7.1f}k quads/s{extra}),"
                      f" CPU {r['load_cpu_s']:6.2f} s ({n / r['load_cpu_s'] / 1000:6.1f}k quads/CPU-s),"
                      f" peak RSS {r['peak_rss_mb']:6.0f} MB", flush=True)
            if "store-no-union" in results:
                u = results["oxigraph-store"]["load_s"] / results["store-no-union"]["load_s"]
                print(f"union copy costs {u:.2f}x a plain bulk_load")
            qres = {e: r for e, r in results.items() if r["queries"]}
            names = sorted(results["oxigraph-store"]["queries"])
            head = f"{'query':24s}" + "".join(f"{e:>16s}" for e in qres) + "   rows  rdflib/store"
            print(head)
            for q in names:
                cells = "".join(f"{qres[e]['queries'][q]['ms']:13.1f} ms" for e in qres)
                rows = results["oxigraph-store"]["queries"][q]["rows"]
                ratio = ""
                if "rdflib" in results:
                    st = max(results["oxigraph-store"]["queries"][q]["ms"], 0.01)
                    ratio = f"{results['rdflib']['queries'][q]['ms'] / st:9.1f}x"
                print(f"{q:24s}{cells} {rows:6d}  {ratio}")
            if "rdflib" in results:
                lr = results["rdflib"]["load_s"] / results["oxigraph-store"]["load_s"]
                print(f"load ratio rdflib/store: {lr:.1f}x")
            before = results["oxigraph-store"].get("before")
            if before:
                print(f"{'query':24s}{'before':>13s}{'after':>13s}  after/before  "
                      f"{'CPU before':>13s}{'CPU after':>13s}  after/before  same rows")
                for q in names:
                    a, b = results["oxigraph-store"]["queries"][q], before.get(q)
                    if b:
                        same = "yes" if a.get("digest") and a.get("digest") == b.get("digest") else "NO"
                        ca, cb = a.get("cpu_ms", float("inf")), b.get("cpu_ms", float("inf"))
                        print(f"{q:24s}{b['ms']:10.1f} ms{a['ms']:10.1f} ms  {a['ms'] / max(b['ms'], 0.01):9.3f}    "
                              f"{cb:10.1f} ms{ca:10.1f} ms  {ca / max(cb, 0.01):9.3f}     {same}")
            worst = max(results["oxigraph-store"]["queries"].items(), key=lambda kv: kv[1]["ms"])
            print(f"slowest query on the store: {worst[0]} {worst[1]['ms']:.1f} ms")
            print(f"== load average {_loadavg()} at end", flush=True)
            report[str(size)] = results
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return report


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
