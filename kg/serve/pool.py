"""A pool of query worker processes that a runaway query cannot block.

Each worker opens the GRAPH once (a store directory read-only, a dataset file into its
own in-memory Oxigraph store) and answers one query at a time over a pipe. The caller
waits for the answer at most ``timeout`` seconds; past that the worker is **killed**
(SIGKILL — a query running inside the engine cannot be interrupted any other way) and
a fresh one is started in the background, so the server keeps answering others. With
``workers`` processes, at most that many queries run at once; more wait for a free
worker (also bounded by ``timeout``).

Why processes and not threads: pyoxigraph evaluates a query to completion once it
starts, holding a thread we could never reclaim; a bounded thread pool fills up with
runaway queries and then refuses everything. A killed process gives its CPU and memory
back at once. The cost is one pipe round trip per query (≈0.1 ms on loopback, see
``docs/querying.md``).
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Answer", "QueryTimeout", "PoolBusy", "WorkerPool"]


@dataclass(frozen=True)
class Answer:
    """A formatted answer: HTTP status, media type, body, and whether rows were cut."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False


class QueryTimeout(Exception):
    """The query ran past the timeout; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free within the timeout."""


def _worker_main(graph: str, engine: str, conn: Any) -> None:  # runs in the child
    from kg.serve.answer import answer
    from kg.store.open import open_graph

    try:
        g = open_graph(graph, engine=engine)
        conn.send(("ready", len(g)))
    except Exception as err:  # noqa: BLE001 - reported to the parent, which stops
        conn.send(("failed", str(err)))
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(answer(g, **job))


class _Worker:
    def __init__(self, ctx: Any, graph: str, engine: str) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(graph, engine, child), daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> int:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(f"query worker did not start within {timeout:.0f} s")
        status, info = self.conn.recv()
        if status != "ready":
            self.kill()
            raise RuntimeError(info)
        return int(info)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """``workers`` query processes over one GRAPH, with a per-query timeout.

    Parameters
    ----------
    graph : str or Path
        A dataset file or a store directory.
    workers : int
        Processes, i.e. queries that can run at the same time.
    timeout : float
        Seconds a query may run (and wait for a worker) before it is stopped.
    engine : str
        Engine for a dataset file (see :func:`kg.store.open.open_graph`).
    """

    def __init__(self, graph: str | Path, *, workers: int = 2, timeout: float = 10.0,
                 engine: str = "oxigraph", start_timeout: float = 600.0) -> None:
        self.graph, self.engine = str(graph), engine
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self.quads = 0
        self.killed = 0
        starting = [_Worker(self._ctx, self.graph, engine) for _ in range(max(1, workers))]
        try:
            for w in starting:
                self.quads = w.wait_ready(start_timeout)
                self._idle.put(w)
        except Exception:
            for w in starting:
                w.kill()
            raise

    def run(self, job: dict[str, Any]) -> Answer:
        """Run one job (keyword arguments of :func:`kg.serve.answer.answer`) on a free worker.

        Raises
        ------
        QueryTimeout
            The query ran longer than the timeout (its worker was killed and replaced).
        PoolBusy
            No worker became free within the timeout.
        """
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy(f"all query workers busy for {self.timeout:g} s") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                result = worker.conn.recv()
                self._idle.put(worker)
                return Answer(*result)
        except (EOFError, OSError, BrokenPipeError):
            pass  # the worker died: replace it below
        worker.kill()
        self.killed += 1
        self._replace()
        raise QueryTimeout(f"query stopped after {self.timeout:g} s (timeout)")

    def _replace(self) -> None:
        def start() -> None:
            if self._closed:
                return
            w = _Worker(self._ctx, self.graph, self.engine)
            try:
                w.wait_ready(self.start_timeout)
            except RuntimeError:
                return
            if self._closed:
                w.kill()
            else:
                self._idle.put(w)
        threading.Thread(target=start, daemon=True).start()

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.kill()
