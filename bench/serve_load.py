"""Load test of ``kg serve`` on loopback: C concurrent clients × N queries, latency p50/p95.

Builds a synthetic store (``bench/synth.py``, default 100k quads), starts the server in
this process on 127.0.0.1 with an ephemeral port, and runs ``--clients`` threads that
each send ``--queries`` requests (a mix of library queries with parameters, alternating
GET and POST, JSON/CSV/TSV/XML), then reports errors, throughput, p50/p95/max
latency and the CPU time the server and its workers spent per request (the figure that
holds on a machine shared with other jobs: on an idle one, throughput is about
cores / CPU per request). Exits non-zero when any request failed. Traffic goes to 127.0.0.1 only, and
the loop is bounded by the request count.

The same load runs on the same store in one run: without the answer cache
(``cache_mb=0``, the baseline) and with it (``kg serve``'s default), and the ratios of
the two are printed (issue 13.5). Each server runs in a child process of its own (the
clients' threads do not share its interpreter), with the ``kg`` and ``queries/`` of a
checkout: ``--kg-root DIR`` (repeatable) measures others too — e.g. main's before a
change — and prints every run's p50/p95 as a ratio to the first root's, same cache.

Usage: ``python bench/serve_load.py [--quads 100000] [--clients 50] [--queries 20]
[--workers 2] [--threads 8 | 1,8] [--kg-root DIR …] [--store DIR]``
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import SynthWorld, write_synth  # noqa: E402

__all__ = ["main"]

ACCEPTS = ("application/sparql-results+json", "text/csv", "text/tab-separated-values",
           "application/sparql-results+xml")


def _jobs(examples: dict[str, str], root: Path) -> list[tuple[str, list[str]]]:
    plan = [("rollup_schemes", [f"place={examples['place']}"]),
            ("label_lookup", [f"name={examples['pinyin']}"]),
            ("bodies_by_place", [f"place={examples['county']}"]),
            ("scheme_places", [f"scheme={examples['scheme']}"]),
            ("entity_sources", [f"name={examples['county']}"]),
            ("division_tree", [f"place={examples['place']}"]),
            ("places_sharing_scheme", [f"place={examples['county']}"]),
            ("awards_by_place", [f"place={examples['place']}"])]
    return [((root / "queries" / f"{name}.rq").read_text(encoding="utf-8"), params)
            for name, params in plan]


def _client(url: str, jobs, n: int, offset: int, lat: list[float], errors: list[str]) -> None:
    for i in range(n):
        text, params = jobs[(offset + i) % len(jobs)]
        accept = ACCEPTS[(offset + i) % len(ACCEPTS)]
        fields = [("query", text)] + [("param", p) for p in params]
        body = urllib.parse.urlencode(fields)
        if i % 2:
            req = urllib.request.Request(url, data=body.encode(), headers={
                "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        else:
            req = urllib.request.Request(f"{url}?{body}", headers={"Accept": accept})
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                resp.read()
                if resp.status != 200:
                    errors.append(str(resp.status))
        except (urllib.error.URLError, OSError) as err:
            errors.append(str(err))
        lat.append(time.perf_counter() - t)


def _p(lat: list[float], q: float) -> float:
    return 1000 * lat[min(len(lat) - 1, int(q * len(lat)))]


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its live descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) / tick
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _tree_cpu(int(child))
    except OSError:
        pass
    return total


def _serve(root: str, store: str, options: dict, conn) -> None:
    """Child process: ``kg serve`` of the checkout ``root`` on an ephemeral port until told;
    answers "cpu" with the CPU seconds of itself and its workers so far."""
    sys.path.insert(0, root)
    from dataclasses import fields

    from kg.serve.app import ServeConfig, run_in_thread

    known = {f.name for f in fields(ServeConfig)}
    server, _ = run_in_thread(store, ServeConfig(**{k: v for k, v in options.items() if k in known}))
    conn.send(server.server_address[1])
    while conn.recv() == "cpu":
        conn.send(_tree_cpu(os.getpid()))
    server.shutdown()
    server.server_close()


def _load(store: Path, root: Path, jobs, args, threads: int,
          cache_mb: int) -> tuple[list[float], float, list[str], float]:
    """One load run on a fresh server: sorted latencies, wall seconds, errors, and the
    CPU seconds the server and its workers spent on it (robust on a shared machine)."""
    a, b = mp.get_context("spawn").Pipe()
    options = {"port": 0, "workers": args.workers, "threads": threads, "timeout": 30.0,
               "cache_mb": cache_mb}
    proc = mp.get_context("spawn").Process(target=_serve, args=(str(root), str(store), options, b))
    proc.start()
    url = f"http://127.0.0.1:{a.recv()}/sparql"
    lat: list[float] = []
    errors: list[str] = []
    threads_ = [threading.Thread(target=_client, args=(url, jobs, args.queries, c, lat, errors))
                for c in range(args.clients)]
    a.send("cpu")
    cpu0 = a.recv()
    t = time.perf_counter()
    for th in threads_:
        th.start()
    for th in threads_:
        th.join()
    wall = time.perf_counter() - t
    a.send("cpu")
    cpu = a.recv() - cpu0
    a.send(None)
    proc.join()
    return sorted(lat), wall, errors, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quads", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", default="8",
                    help="queries per worker process, or a comma list to compare (ignored by a "
                         "checkout without --threads)")
    ap.add_argument("--kg-root", action="append", default=[],
                    help="a checkout whose kg and queries/ serve (repeatable; default: this one)")
    ap.add_argument("--store", help="an existing store of --quads synthetic quads (kept)")
    args = ap.parse_args(argv)
    roots = [Path(r).resolve() for r in args.kg_root] or [Path(__file__).resolve().parents[1]]
    setups = [(root, int(n)) for root in roots for n in args.threads.split(",")]

    work = Path(tempfile.mkdtemp(prefix="kgserve."))
    runs: dict[tuple[int, int], tuple[list[float], float, list[str], float]] = {}
    try:
        store = Path(args.store) if args.store else work / "store"
        if not args.store:
            from kg.store.load import load_store

            write_synth(work / "synth.nq", args.quads)
            load_store(work / "synth.nq", store)
        examples = SynthWorld(args.quads).examples
        for cache_mb in (0, 64):
            for i, (root, threads) in enumerate(setups):
                runs[i, cache_mb] = _load(store, root, _jobs(examples, root), args, threads, cache_mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    errors = [e for _, _, errs, _ in runs.values() for e in errs]
    names = [f"{root.name} {args.workers}x{threads}" for root, threads in setups]
    print(f"{args.clients} clients x {args.queries} queries on {args.quads:,} quads "
          f"(workers x threads per checkout)")
    for (i, cache_mb), (lat, wall, errs, cpu) in runs.items():
        print(f"{names[i]:28s} cache {cache_mb:2d} MB: {len(lat)} requests, {len(errs)} errors, "
              f"{len(lat) / wall:5.0f} req/s, server CPU {1000 * cpu / len(lat):6.1f} ms/request; p50 {_p(lat, 0.5):7.1f} ms, p95 {_p(lat, 0.95):7.1f} ms, "
              f"max {1000 * lat[-1]:7.1f} ms, mean {1000 * statistics.mean(lat):7.1f} ms")
    for i in range(len(setups)):
        (l0, w0, _, _), (l1, w1, _, _) = runs[i, 0], runs[i, 64]
        print(f"{names[i]:28s} with cache / without: p50 {_p(l1, 0.5) / _p(l0, 0.5):.3f}, "
              f"p95 {_p(l1, 0.95) / _p(l0, 0.95):.3f}, throughput {w0 / w1:.2f}x")
        if i:
            for cache_mb in (0, 64):
                (la, wa, _, ca), (lb, wb, _, cb) = runs[0, cache_mb], runs[i, cache_mb]
                print(f"{names[i]:28s} / {names[0]}, cache {cache_mb} MB: p50 "
                      f"{_p(lb, 0.5) / _p(la, 0.5):.3f}, p95 {_p(lb, 0.95) / _p(la, 0.95):.3f}, "
                      f"throughput {wa / wb:.2f}x, server CPU {cb / max(ca, 1e-9):.3f}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for e in errors[:5]:
        print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
