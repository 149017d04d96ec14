"""Load test of ``kg serve`` on loopback: C concurrent clients × N queries, latency p50/p95.

Builds a synthetic store (``bench/synth.py``, default 100k quads), starts the server in
this process on 127.0.0.1 with an ephemeral port, and runs ``--clients`` threads that
each send ``--queries`` requests (a mix of library queries with parameters, alternating
GET and POST, JSON/CSV/TSV/XML), then reports errors, throughput and p50/p95/max
latency. Exits non-zero when any request failed. Traffic goes to 127.0.0.1 only, and
the loop is bounded by the request count.

The same load runs twice on the same store in one run: without the answer cache
(``cache_mb=0``, the baseline) and with it (``kg serve``'s default), and the ratios of
the two are printed (issue 13.5).

Usage: ``python bench/serve_load.py [--quads 100000] [--clients 50] [--queries 20]``
"""
from __future__ import annotations

import argparse
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


def _jobs(examples: dict[str, str]) -> list[tuple[str, list[str]]]:
    from kg.store.library import load_query

    plan = [("rollup_schemes", [f"place={examples['place']}"]),
            ("label_lookup", [f"name={examples['pinyin']}"]),
            ("bodies_by_place", [f"place={examples['county']}"]),
            ("scheme_places", [f"scheme={examples['scheme']}"]),
            ("entity_sources", [f"name={examples['county']}"]),
            ("division_tree", [f"place={examples['place']}"]),
            ("places_sharing_scheme", [f"place={examples['county']}"]),
            ("awards_by_place", [f"place={examples['place']}"])]
    return [(load_query(name).text, params) for name, params in plan]


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


def _load(store: Path, jobs, args, cache_mb: int) -> tuple[list[float], float, list[str]]:
    """One load run on a fresh server: sorted latencies, wall seconds, errors."""
    from kg.serve.app import ServeConfig, run_in_thread

    server, _ = run_in_thread(store, ServeConfig(port=0, workers=args.workers, timeout=30.0,
                                                 cache_mb=cache_mb))
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    lat: list[float] = []
    errors: list[str] = []
    threads = [threading.Thread(target=_client, args=(url, jobs, args.queries, c, lat, errors))
               for c in range(args.clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    server.shutdown()
    server.server_close()
    return sorted(lat), wall, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quads", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)

    from kg.store.load import load_store

    work = Path(tempfile.mkdtemp(prefix="kgserve."))
    try:
        write_synth(work / "synth.nq", args.quads)
        load_store(work / "synth.nq", work / "store")
        jobs = _jobs(SynthWorld(args.quads).examples)
        runs = {}
        for cache_mb in (0, 64):
            runs[cache_mb] = _load(work / "store", jobs, args, cache_mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    errors = [e for _, _, errs in runs.values() for e in errs]
    for cache_mb, (lat, wall, errs) in runs.items():
        print(f"cache {cache_mb} MB: {args.clients} clients x {args.queries} queries on "
              f"{args.quads:,} quads, {args.workers} workers: {len(lat)} requests, {len(errs)} errors, "
              f"{len(lat) / wall:.0f} req/s; latency p50 {_p(lat, 0.5):.1f} ms, "
              f"p95 {_p(lat, 0.95):.1f} ms, max {1000 * lat[-1]:.1f} ms, "
              f"mean {1000 * statistics.mean(lat):.1f} ms")
    (l0, w0, _), (l1, w1, _) = runs[0], runs[64]
    print(f"with cache / without: p50 {_p(l1, 0.5) / _p(l0, 0.5):.3f}, "
          f"p95 {_p(l1, 0.95) / _p(l0, 0.95):.3f}, throughput {w0 / w1:.2f}x; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for e in errors[:5]:
        print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
