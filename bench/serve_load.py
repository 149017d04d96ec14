"""Queries under load at 1M quads: single-client latency of every library query, and
C concurrent clients on ``kg serve`` over loopback (issue 13, item 5).

Builds a synthetic store (``bench/synth.py``, default 1M quads; ``--store DIR`` reuses
one made by ``kg load`` of the same size), then for each checkout (``--kg-root DIR``,
repeatable; default this one — e.g. main's before a change, then this one):

1. **Single client** (``--single RUNS``, default 3; 0 skips it): every case of
   :func:`query_cases.single_cases` — each file of ``queries/`` with its default
   parameters, then the parameter shapes the engine-agreement tests use — run RUNS
   times one after the other (after one warm-up run), through the engine directly
   (``open_graph(store).query``, what ``kg query`` does, rows as rdflib terms; with the
   CPU time of the thread that ran it, the figure that holds on a machine shared with
   other jobs) and through ``kg serve`` over HTTP (JSON, answer cache off, its row
   limit). Prints p50/p95 per case and marks those over 200 ms p50.
2. **Concurrent clients** (``--clients``, default 20, × ``--queries`` each): a mix of
   the issue's eight lookup queries (``--mix jena``, the mix its Jena figures were
   measured on) or of every case (``--mix all``), each place, scheme or name drawn from
   the world with a skewed popularity (:func:`query_cases.mixed_cases`: a cache sees
   repeats as in use, not one request repeated), alternating GET and POST and the four
   result formats; without the answer cache (``cache_mb=0``: what the queries cost) and
   with it (``kg serve``'s default: repeats are answered from it), for each
   ``--workers`` × ``--threads`` given. Reports errors, throughput, p50/p95/max latency
   and the CPU the server and its workers spent per request (``--by-query``: and the
   latency of each query of the mix).

Each server runs in a child process of its own with its checkout's ``kg`` and
``queries/`` (the clients' threads do not share its interpreter). Exits non-zero when
any request failed. Traffic goes to 127.0.0.1 only, and every loop is bounded.

Usage: ``python bench/serve_load.py [--quads 1000000] [--store DIR] [--single 3]
[--cases NAME,…] [--clients 20] [--queries 20] [--workers 2 | 1,2] [--threads 8 | 4,8]
[--mix jena|all] [--caches 0,64] [--by-query] [--kg-root DIR …] [--no-load]``
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
from query_cases import JENA_MIX, mixed_cases, single_cases  # noqa: E402
from synth import SynthWorld, write_synth  # noqa: E402

__all__ = ["main"]

ACCEPTS = ("application/sparql-results+json", "text/csv", "text/tab-separated-values",
           "application/sparql-results+xml")
#: Single-client p50 over which a query is marked (issue 13.5).
TARGET_MS = 200.0

Case = tuple[str, tuple[str, ...]]
Job = tuple[str, tuple[str, ...]]  # (query text, --param strings)


def _texts(root: Path, cases: list[Case]) -> list[Job]:
    return [((root / "queries" / f"{name}.rq").read_text(encoding="utf-8"), params)
            for name, params in cases]


def _request(url: str, job: Job, i: int) -> urllib.request.Request:
    """The ``i``-th request of a client: GET and POST alternating, the formats in turn."""
    text, params = job
    accept = ACCEPTS[i % len(ACCEPTS)]
    body = urllib.parse.urlencode([("query", text)] + [("param", p) for p in params])
    if i % 2:
        return urllib.request.Request(url, data=body.encode(), headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    return urllib.request.Request(f"{url}?{body}", headers={"Accept": accept})


def _send(req: urllib.request.Request, errors: list[str]) -> float:
    """Seconds to the whole answer; a failure is appended to ``errors``."""
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            resp.read()
            if resp.status != 200:
                errors.append(str(resp.status))
    except (urllib.error.URLError, OSError) as err:
        errors.append(str(err))
    return time.perf_counter() - t


def _client(url: str, jobs: list[tuple[str, Job]], lat: list[tuple[str, float]],
            errors: list[str]) -> None:
    for i, (name, job) in enumerate(jobs):
        lat.append((name, _send(_request(url, job, i), errors)))


def _p(lat: list[float], q: float) -> float:
    """Percentile ``q`` of sorted seconds, in milliseconds (nearest rank)."""
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


class _Server:
    """``kg serve`` of a checkout in a child process, for a ``with`` block."""

    def __init__(self, root: Path, store: Path, workers: int, threads: int, cache_mb: int) -> None:
        self._conn, child = mp.get_context("spawn").Pipe()
        options = {"port": 0, "workers": workers, "threads": threads, "timeout": 60.0,
                   "cache_mb": cache_mb}
        self._proc = mp.get_context("spawn").Process(
            target=_serve, args=(str(root), str(store), options, child))

    def __enter__(self) -> "_Server":
        self._proc.start()
        self.url = f"http://127.0.0.1:{self._conn.recv()}/sparql"
        return self

    def cpu(self) -> float:
        self._conn.send("cpu")
        return self._conn.recv()

    def __exit__(self, *exc: object) -> None:
        self._conn.send(None)
        self._proc.join()


def _direct(root: str, store: str, jobs: list[Job], runs: int, conn) -> None:
    """Child process: each job through ``open_graph(store).query`` of the checkout
    ``root``, one warm-up then ``runs`` times; sends per job (seconds, CPU seconds, rows)."""
    sys.path.insert(0, root)
    from kg.store.open import open_graph
    from kg.store.query import parse_params

    g = open_graph(store)
    out = []
    for text, params in jobs:
        bindings = parse_params(params)
        rows = len(g.query(text, bindings))
        wall, cpu = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.thread_time()
            g.query(text, bindings)
            wall.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
        out.append((sorted(wall), sorted(cpu), rows))
    g.close()
    conn.send(out)


def _single(root: Path, store: Path, cases: list[Case], runs: int) -> list[dict]:
    """Single-client figures of every case: directly on the engine, then over HTTP."""
    jobs = _texts(root, cases)
    a, b = mp.get_context("spawn").Pipe(duplex=False)
    proc = mp.get_context("spawn").Process(target=_direct, args=(str(root), str(store), jobs, runs, b))
    proc.start()
    direct = a.recv()
    proc.join()
    res = []
    with _Server(root, store, 1, 1, 0) as server:
        for (name, params), job, (wall, cpu, rows) in zip(cases, jobs, direct):
            errors: list[str] = []
            _send(_request(server.url, job, 0), errors)  # warm-up, as for the engine
            http = sorted(_send(_request(server.url, job, 0), errors) for _ in range(runs))
            res.append({"name": name, "params": params, "rows": rows, "direct": wall,
                        "cpu": cpu, "http": http, "errors": errors})
    return res


def _print_single(label: str, res: list[dict], before: list[dict] | None) -> None:
    print(f"\n{label}: single client, p50 / p95 in ms (direct: open_graph().query; "
          f"HTTP: kg serve, JSON, no cache); * = p50 over {TARGET_MS:.0f} ms")
    head = f"{'query':22s} {'parameters':34s} {'rows':>6s} {'direct p50':>10s} {'p95':>7s} " \
           f"{'CPU p50':>8s} {'HTTP p50':>9s} {'p95':>7s}"
    print(head + ("   CPU after/before" if before else ""))
    for i, r in enumerate(res):
        params = " ".join(p.split("=", 1)[0] + "=" + p.split("=", 1)[1][:12] for p in r["params"])
        over = "*" if _p(r["direct"], 0.5) > TARGET_MS or _p(r["http"], 0.5) > TARGET_MS else " "
        line = (f"{r['name']:22s} {params[:34]:34s} {r['rows']:6d} {_p(r['direct'], 0.5):10.1f} "
                f"{_p(r['direct'], 0.95):7.1f} {_p(r['cpu'], 0.5):8.1f} {_p(r['http'], 0.5):9.1f} "
                f"{_p(r['http'], 0.95):7.1f} {over}")
        if before:
            line += f" {_p(r['cpu'], 0.5) / max(_p(before[i]['cpu'], 0.5), 0.01):8.3f}"
        if r["errors"]:
            line += f"  errors: {r['errors'][:2]}"
        print(line)
    worst = max(res, key=lambda r: _p(r["direct"], 0.5))
    print(f"{sum(_p(r['direct'], 0.5) > TARGET_MS for r in res)} of {len(res)} cases over "
          f"{TARGET_MS:.0f} ms p50 directly, {sum(_p(r['http'], 0.5) > TARGET_MS for r in res)} "
          f"over HTTP; slowest {worst['name']} {_p(worst['direct'], 0.5):.0f} ms")


def _load(server: _Server, jobs: list[tuple[str, Job]], clients: int,
          per_client: int) -> tuple[list[tuple[str, float]], float, list[str], float]:
    """One closed-loop run: (query name, latency) pairs, wall seconds, errors, and the
    CPU seconds the server and its workers spent on it (robust on a shared machine)."""
    lat: list[tuple[str, float]] = []
    errors: list[str] = []
    threads = [threading.Thread(target=_client, args=(
        server.url, [jobs[(c * per_client + i) % len(jobs)] for i in range(per_client)], lat, errors))
        for c in range(clients)]
    cpu0 = server.cpu()
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    return sorted(lat), wall, errors, server.cpu() - cpu0


def _print_by_query(pairs: list[tuple[str, float]]) -> None:
    """p50 / p95 / max latency of each query of a concurrent run (where its tail is)."""
    for name in sorted({n for n, _ in pairs}):
        lat = sorted(t for n, t in pairs if n == name)
        print(f"    {name:22s} {len(lat):4d} requests: p50 {_p(lat, 0.5):7.1f} ms, "
              f"p95 {_p(lat, 0.95):7.1f} ms, max {1000 * lat[-1]:7.1f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--store", help="an existing store of --quads synthetic quads (kept)")
    ap.add_argument("--single", type=int, default=3, help="single-client runs per case (0: none)")
    ap.add_argument("--cases", help="comma list of query names for the single-client part")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--queries", type=int, default=20, help="requests per client")
    ap.add_argument("--workers", default="2", help="worker processes, or a comma list")
    ap.add_argument("--threads", default="8",
                    help="queries per worker process, or a comma list to compare")
    ap.add_argument("--no-load", action="store_true", help="skip the concurrent clients")
    ap.add_argument("--caches", default="0,64",
                    help="answer-cache sizes (MB) to run the clients with; 0 = no cache")
    ap.add_argument("--mix", choices=("jena", "all"), default="jena",
                    help="the concurrent clients' queries: the issue's eight lookups (its Jena "
                         "figures) or every case of the single-client part")
    ap.add_argument("--by-query", action="store_true",
                    help="also print each query's latency in the concurrent runs")
    ap.add_argument("--kg-root", action="append", default=[],
                    help="a checkout whose kg and queries/ serve (repeatable; default: this one)")
    args = ap.parse_args(argv)
    roots = [Path(r).resolve() for r in args.kg_root] or [Path(__file__).resolve().parents[1]]
    world = SynthWorld(args.quads)
    cases = [c for c in single_cases(world) if not args.cases or c[0] in args.cases.split(",")]
    mix = list(mixed_cases(world, args.clients * args.queries,
                           JENA_MIX if args.mix == "jena" else None))
    setups = [(w, t) for w in map(int, args.workers.split(",")) for t in map(int, args.threads.split(","))]
    print(f"{args.quads:,} synthetic quads; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start", flush=True)
    errors: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="kgserve."))
    try:
        store = Path(args.store) if args.store else work / "store"
        if not args.store:
            from kg.store.load import load_store

            write_synth(work / "synth.nq", args.quads)
            load_store(work / "synth.nq", store)
        singles: list[list[dict]] = []
        for root in roots if args.single else ():
            singles.append(_single(root, store, cases, args.single))
            _print_single(root.name, singles[-1], singles[0] if len(singles) > 1 else None)
            errors += [e for r in singles[-1] for e in r["errors"]]
        if not args.no_load:
            print(f"\n{args.clients} clients x {args.queries} requests, a mix of "
                  f"{len({name for name, _ in mix})} queries ({args.mix}), parameters drawn from the world")
        for root in () if args.no_load else roots:
            jobs = list(zip([name for name, _ in mix], _texts(root, mix)))
            for workers, threads in setups:
                for cache_mb in map(int, args.caches.split(",")):
                    with _Server(root, store, workers, threads, cache_mb) as server:
                        pairs, wall, errs, cpu = _load(server, jobs, args.clients, args.queries)
                    lat = sorted(t for _, t in pairs)
                    errors += errs
                    print(f"{root.name:14s} {workers}x{threads:<2d} cache {cache_mb:2d} MB: "
                          f"{len(lat)} requests, {len(errs)} errors, {len(lat) / wall:5.1f} req/s, "
                          f"server CPU {1000 * cpu / len(lat):6.1f} ms/request; p50 {_p(lat, 0.5):7.1f} ms, "
                          f"p95 {_p(lat, 0.95):7.1f} ms, max {1000 * lat[-1]:7.1f} ms, "
                          f"mean {1000 * statistics.mean(lat):7.1f} ms", flush=True)
                    if args.by_query:
                        _print_by_query(pairs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at end")
    for e in errors[:5]:
        print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
