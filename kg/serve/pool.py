"""A pool of query worker processes that a runaway query cannot block.

Each worker process opens the GRAPH once (a store directory read-only, a dataset file
into its own in-memory Oxigraph store) and answers up to ``threads`` queries at a time
on it, one per thread, each over a pipe of its own (a *slot*). pyoxigraph releases the
GIL while it evaluates, so the threads of one process run their queries on several
cores at once over one shared store: twenty clients are served side by side, a short
query is not queued behind a long one, and memory is one store per process, not one
per concurrent query. The caller waits for the answer at most ``timeout`` seconds; past
that the worker is **killed** (SIGKILL — a query running inside the engine cannot be
interrupted any other way) and a fresh one is started in the background, so the server
keeps answering others. The other queries that were running on the killed worker are
run again on another slot within their own deadlines (queries are read-only, so running
one twice changes nothing). With ``workers`` processes of ``threads`` slots, at most
``workers * threads`` queries run at once; more wait for a free slot (also bounded by
``timeout``).

Why processes and not only threads: pyoxigraph evaluates a query to completion once it
starts, holding a thread we could never reclaim; a bounded thread pool fills up with
runaway queries and then refuses everything. A killed process gives its CPU and memory
back at once. The cost is one pipe round trip per query (≈0.1 ms on loopback, see
``docs/querying.md``).

A worker that dies on its own (a crash in the engine) is reported as
:class:`WorkerCrashed`, not as a timeout. The pool watches the GRAPH it serves: each
worker reports the *version* it opened (inode, size, mtime); when the file or store is
replaced (``kg load`` over a served store) the pool logs it and moves every worker to
the new version — a worker of the old one is never given another query, so answers do
not alternate between old and new data. When it is deleted, the workers already open
keep answering from their copy, and if none is left the answer is an immediate 503
saying why, not a wait for the timeout.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

__all__ = ["Answer", "QueryTimeout", "PoolBusy", "WorkerCrashed", "GraphUnavailable",
           "WorkerPool", "graph_version"]


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


class GraphUnavailable(PoolBusy):
    """No worker is left and none can open the graph (it was deleted or broken)."""


class WorkerCrashed(Exception):
    """The worker process died while answering (a crash inside the engine)."""


def graph_version(graph: str | Path) -> tuple[int, ...] | None:
    """What identifies one version of a GRAPH on disk (None when it is gone)."""
    from kg.store.load import STORE_MARKER

    p = Path(graph)
    try:
        st = p.stat()
        if p.is_dir():
            marker = p / STORE_MARKER
            m = marker.stat() if marker.exists() else st
            return (st.st_dev, st.st_ino, m.st_ino, m.st_mtime_ns)
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        return None


def _worker_main(graph: str, engine: str, allow_service: Sequence[str], conns: Sequence[Any]) -> None:
    # runs in the child: one store opened once, one thread per connection (slot) sharing it
    from kg.serve.answer import answer
    from kg.store.open import open_graph

    try:
        version = graph_version(graph)
        g = open_graph(graph, engine=engine, allow_service=allow_service)
        if graph_version(graph) != version:
            raise RuntimeError("the graph changed while it was being opened")
        conns[0].send(("ready", len(g), version))
    except Exception as err:  # noqa: BLE001 - reported to the parent
        conns[0].send(("failed", str(err), None))
        return

    def serve(conn: Any) -> None:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            conn.send(answer(g, **job))

    threads = [threading.Thread(target=serve, args=(c,), daemon=True) for c in conns[1:]]
    for t in threads:
        t.start()
    serve(conns[0])
    for t in threads:
        t.join()


class _Worker:
    """One process and its ``threads`` slots (a pipe each) over one opened store."""

    def __init__(self, ctx: Any, graph: str, engine: str, allow_service: Sequence[str],
                 threads: int) -> None:
        pairs = [ctx.Pipe() for _ in range(max(1, threads))]
        self.proc = ctx.Process(target=_worker_main,
                                args=(graph, engine, tuple(allow_service), [c for _, c in pairs]),
                                daemon=True)
        self.proc.start()
        for _, child in pairs:
            child.close()
        self.slots = [_Slot(self, conn) for conn, _ in pairs]
        self.conn = self.slots[0].conn
        self.version: tuple[int, ...] | None = None
        #: set once the pool has killed it (a timeout, a crash, an old version): its slots
        #: are dropped, and a query that was running on it for nothing is run again
        self.retired = False

    def wait_ready(self, timeout: float) -> int:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(f"query worker did not start within {timeout:.0f} s")
        try:
            status, info, version = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise RuntimeError("query worker died while opening the graph") from None
        if status != "ready":
            self.kill()
            raise RuntimeError(info)
        self.version = version
        return int(info)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        for slot in self.slots:
            slot.conn.close()

    def death(self) -> str:
        """How the process ended, for the error message."""
        self.proc.join(1)
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"


class _Slot:
    """One query at a time on one thread of a worker process."""

    def __init__(self, worker: _Worker, conn: Any) -> None:
        self.worker, self.conn = worker, conn

    @property
    def proc(self) -> Any:
        return self.worker.proc


def _log(message: str) -> None:
    print(f"kg serve: {message}", file=sys.stderr, flush=True)


class WorkerPool:
    """``workers`` query processes over one GRAPH, ``threads`` queries each, with a timeout.

    Parameters
    ----------
    graph : str or Path
        A dataset file or a store directory.
    workers : int
        Processes, each opening the GRAPH once.
    threads : int
        Queries each process runs at the same time on its one store (so at most
        ``workers * threads`` queries run at once); 1 for a file on the rdflib engine.
    timeout : float
        Seconds a query may run (and wait for a worker) before it is stopped.
    engine : str
        Engine for a dataset file (see :func:`kg.store.open.open_graph`).
    allow_service : sequence of str
        Hosts a query's ``SERVICE`` may call (:mod:`kg.store.guard`).
    """

    def __init__(self, graph: str | Path, *, workers: int = 2, threads: int = 1,
                 timeout: float = 10.0, engine: str = "oxigraph", start_timeout: float = 600.0,
                 allow_service: Sequence[str] = ()) -> None:
        self.graph, self.engine = str(graph), engine
        self.name = Path(graph).name
        self.allow_service = tuple(allow_service)
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.size = max(1, workers)
        # rdflib evaluates in Python under the GIL (threads would gain nothing) and does not
        # promise concurrent queries on one Dataset: one query per worker there
        on_rdflib = engine == "rdflib" and not Path(graph).is_dir()
        self.threads = 1 if on_rdflib else max(1, threads)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Slot] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.quads = 0
        self.killed = 0
        self.retried = 0  # queries run again after their worker was killed for another
        self.live = 0  # workers running or starting
        self.version = graph_version(graph)
        self.unavailable: str | None = None
        starting = [self._new_worker() for _ in range(self.size)]
        try:
            for w in starting:
                self.quads = w.wait_ready(start_timeout)
                self._put(w)
        except Exception:
            for w in starting:
                w.kill()
            raise
        self.live = self.size
        self.version = starting[0].version

    def _new_worker(self) -> _Worker:
        return _Worker(self._ctx, self.graph, self.engine, self.allow_service, self.threads)

    def _put(self, worker: _Worker) -> None:
        for slot in worker.slots:
            self._idle.put(slot)

    def current_version(self) -> tuple[int, ...] | None:
        """The version of the graph being served (after noticing a change on disk)."""
        self._watch()
        return self.version

    def _watch(self) -> None:
        """Notice a deleted or replaced graph (one ``stat`` per query)."""
        now = graph_version(self.graph)
        if now == self.version:
            return
        with self._lock:
            if now == self.version:
                return
            if now is None:
                _log(f"the graph {self.name} was deleted; answering from the copy already open")
            else:
                _log(f"the graph {self.name} was replaced; reopening every query worker on it")
                self.unavailable = None
                missing = self.size - self.live
                self.live += missing
                for _ in range(missing):
                    self._replace()
            self.version = now

    def _retire(self, worker: _Worker) -> bool:
        """Kill a worker and start one in its place, once (False: it was retired already)."""
        with self._lock:
            if worker.retired:
                return False
            worker.retired = True
        worker.kill()
        self._replace()
        return True

    def run(self, job: dict[str, Any]) -> Answer:
        """Run one job (keyword arguments of :func:`kg.serve.answer.answer`) on a free slot.

        A query that was running in a worker killed for another query's timeout is run
        again on another slot (queries are read-only), within the same deadline.

        Raises
        ------
        QueryTimeout
            The query ran longer than the timeout (its worker was killed and replaced).
        WorkerCrashed
            The worker died while answering (it is replaced).
        GraphUnavailable
            No worker is left and the graph cannot be opened again.
        PoolBusy
            No worker became free within the timeout.
        """
        self._watch()
        deadline = time.monotonic() + self.timeout
        while True:
            slot = self._take(deadline)
            worker = slot.worker
            try:
                slot.conn.send(job)
                if slot.conn.poll(max(0.0, deadline - time.monotonic())):
                    result = slot.conn.recv()
                    self._idle.put(slot)
                    return Answer(*result)
            except (EOFError, OSError, BrokenPipeError):
                if worker.retired:  # killed for another query: run this one again elsewhere
                    self.retried += 1
                    continue
                how = worker.death()
                self._retire(worker)
                raise WorkerCrashed(f"the query crashed its worker process ({how}); it was not "
                                    "answered, and a new worker is starting") from None
            if self._retire(worker):
                self.killed += 1
            raise QueryTimeout(f"query stopped after {self.timeout:g} s (timeout)")

    def _take(self, deadline: float) -> _Slot:
        """A free slot of a live worker of the current version (waits until ``deadline``)."""
        while True:
            if self.live == 0 and self.unavailable:
                raise GraphUnavailable(f"the graph cannot be served: {self.unavailable}")
            try:
                slot = self._idle.get(timeout=min(0.5, max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= deadline:
                    raise PoolBusy(f"all query workers busy for {self.timeout:g} s") from None
                continue
            if slot.worker.retired:
                continue  # a slot of a worker already killed
            if slot.worker.version == self.version or self.version is None:
                return slot
            self._retire(slot.worker)  # opened an older version of the graph: never answers again

    def _replace(self) -> None:
        """Start a worker in the background (in place of one gone: ``live`` counts it already)."""
        def start() -> None:
            if self._closed:
                return
            w = self._new_worker()
            try:
                w.wait_ready(self.start_timeout)
            except RuntimeError as err:
                with self._lock:
                    self.live -= 1
                    self.unavailable = str(err).replace(self.graph, self.name)
                _log(f"cannot start a query worker: {self.unavailable}")
                return
            if self._closed:
                w.kill()
                return
            if w.version != self.version:
                self._watch()
            self._put(w)

        threading.Thread(target=start, daemon=True).start()

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        workers: dict[int, _Worker] = {}
        while True:
            try:
                slot = self._idle.get_nowait()
            except queue.Empty:
                break
            workers[id(slot.worker)] = slot.worker
            try:
                slot.conn.send(None)
            except OSError:
                pass
        for w in workers.values():
            w.kill()
