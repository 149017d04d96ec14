"""Run a per-file function over many sources: serially, on a local process pool, or on Dask.

``kg build`` extracts every source file independently (``kg.build.process_file`` is pure
per file), so extraction parallelises across files; merging is done afterwards, in the
caller, in the order of the paths given. This module only *schedules*: it takes a
picklable function ``fn(path) -> FileRecord`` and yields one :class:`Outcome` per path,
**in input order**, whatever the number of workers or the order in which workers finish.
That is what makes the output byte-identical for any ``--workers`` or ``--scheduler``.

Three executors share one submission loop (:func:`map_files`):

- serial (``workers=1``): in this process, no pickling; the reference behaviour;
- local pool (``workers>1``): :class:`concurrent.futures.ProcessPoolExecutor` on the
  ``forkserver`` context (``spawn`` where that is missing), so workers never inherit a
  forked copy of jieba's or spaCy's state;
- Dask (``scheduler="tcp://host:8786"`` or a ``distributed.Client``): tasks go to a
  ``dask.distributed`` cluster whose workers have govkg installed.

Memory is bounded: at most ``window`` batches are in flight, and finished results wait
only until everything before them has been yielded, so at most ``window`` batches of
records are held at once — never the corpus.

Errors are per file and returned, not raised: a :class:`~kg.errors.SourceError` (or any
exception raised by ``fn``, wrapped in one) becomes the outcome of that file, and the
other files go on. Workers ship the error itself (it pickles with its path and reason). A worker process that dies (killed, out of memory) takes its batch
with it: the pool is restarted and the batch retried once alone before its files are
reported as failed. The other way round, pool workers exit when the process that
started them dies (:func:`_worker_start`), so a killed build leaves no orphans.

An optional cache (:class:`kg.cache.Cache`) is consulted in the calling process before
anything is sent to a worker; hits never leave it, misses are stored when they return.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, NamedTuple, Protocol

from kg.errors import SourceError
from kg.records import FileRecord

if TYPE_CHECKING:  # pragma: no cover
    from kg.cache import Cache

__all__ = ["Outcome", "default_workers", "map_files", "run_batch"]

FileFn = Callable[[Path], FileRecord]
_Results = list[FileRecord | SourceError]  # one per path of a batch, in its order


class Outcome(NamedTuple):
    """What became of one source file.

    ``result`` is the :class:`FileRecord` or the :class:`SourceError` naming the file and
    the reason; ``cached`` is true when the record came from the cache, not a worker.
    """

    path: Path
    result: FileRecord | SourceError
    cached: bool = False


def default_workers() -> int:
    """The number of cores this process may run on (``--workers`` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------- worker side


def run_batch(fn: FileFn, paths: list[str]) -> list[FileRecord | SourceError]:
    """Apply ``fn`` to each path of a batch: its record, or the error naming the file.

    Runs inside workers (process pool or Dask); both outcomes pickle back to the caller
    (:meth:`SourceError.__reduce__`). Any other exception is wrapped in a
    :class:`SourceError` for that file, so a bad file never loses the others.
    """
    out: list[FileRecord | SourceError] = []
    for p in paths:
        try:
            out.append(fn(Path(p)))
        except SourceError as err:
            out.append(err)
        except Exception as err:  # noqa: BLE001 - a bad file must never lose the others
            out.append(SourceError(p, f"extraction failed: {type(err).__name__}: {err}"))
    return out


def _worker_start(parent_pid: int, initializer: Callable[[], None] | None,
                  progress_log: bool = False) -> None:
    """Initializer of every pool worker: die with the parent, then run ``initializer``.

    Why: a worker busy on a long file does not look at its task queue, so when ``kg
    build`` is killed (``kill -9``, OOM killer) it kept running for minutes, re-parented
    to PID 1. Two guards make it exit as soon as the build's process is gone:

    - ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (Linux) kills the worker when its parent dies;
      with the ``forkserver`` start method the parent is the fork server, which exits
      when the build's process does;
    - a daemon thread waits on a pidfd of the build's process (or polls it once a
      second where pidfds are missing) and ends the worker with ``os._exit``.

    ``progress_log``: the parent logs progress inside long files to stderr, so the
    worker does too (:func:`kg.build.enable_progress_log`).
    """
    _set_parent_death_signal()
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="govkg-parent-watch",
                     daemon=True).start()
    if progress_log:  # the parent shows progress inside long files: so do its workers
        from kg.build import enable_progress_log

        enable_progress_log()
    if initializer is not None:
        initializer()


def _set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        pass


def _watch_parent(pid: int) -> None:
    """Return only by ending this process, once ``pid`` has exited."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        while not poller.poll():
            pass
    else:  # pragma: no cover - kernels before 5.3
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                pass
            time.sleep(1.0)
    os._exit(70)  # EX_SOFTWARE: the build that owned this worker is gone


# ---------------------------------------------------------------- executors


class _Executor(Protocol):
    def submit(self, fn: FileFn, batch: list[str]) -> Any: ...
    def result(self, future: Any, fn: FileFn, batch: list[str]) -> _Results: ...
    def close(self) -> None: ...


class _Serial:
    """Compute at submission time, in this process."""

    def submit(self, fn: FileFn, batch: list[str]) -> Future:
        fut: Future = Future()
        fut.set_result(run_batch(fn, batch))
        return fut

    def result(self, future: Future, fn: FileFn, batch: list[str]) -> _Results:
        return future.result()

    def close(self) -> None:
        pass


def _mp_context(name: str | None):
    methods = multiprocessing.get_all_start_methods()
    name = name or os.environ.get("GOVKG_MP_CONTEXT") or ("forkserver" if "forkserver" in methods else "spawn")
    return multiprocessing.get_context(name)


class _Pool:
    """A process pool that restarts itself when a worker dies."""

    def __init__(self, workers: int, initializer: Callable[[], None] | None, context: str | None) -> None:
        self.workers, self.initializer, self.ctx = workers, initializer, _mp_context(context)
        self.generation = 0
        self._born: dict[int, int] = {}  # id(future) → generation of the pool that ran it
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        progress_log = bool(logging.getLogger("kg.build").handlers)
        return ProcessPoolExecutor(self.workers, mp_context=self.ctx, initializer=_worker_start,
                                   initargs=(os.getpid(), self.initializer, progress_log))

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.generation += 1
        self.pool = self._new()

    def submit(self, fn: FileFn, batch: list[str]) -> Future:
        try:
            fut = self.pool.submit(run_batch, fn, batch)
        except BrokenProcessPool:
            self._restart()
            fut = self.pool.submit(run_batch, fn, batch)
        self._born[id(fut)] = self.generation
        return fut

    def result(self, future: Future, fn: FileFn, batch: list[str]) -> _Results:
        born = self._born.pop(id(future), self.generation)
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # A worker died; this batch may be innocent (another one may have killed it).
        # Retry it on a fresh pool (restarted once per broken pool, not once per batch),
        # one file at a time, so that only a file that kills a worker again is lost.
        if born == self.generation:
            self._restart()
        out: _Results = []
        for p in batch:
            try:
                out.extend(self.pool.submit(run_batch, fn, [p]).result())
            except BrokenProcessPool:
                self._restart()
                out.append(SourceError(p, "extraction failed: the worker process died"))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Send batches to a ``dask.distributed`` cluster."""

    def __init__(self, scheduler: Any) -> None:
        from distributed import Client

        if isinstance(scheduler, Client):
            self.client, self.owned = scheduler, False
        else:
            self.client, self.owned = Client(scheduler), True
        self.slots = max(1, sum(self.client.nthreads().values()))

    def submit(self, fn: FileFn, batch: list[str]) -> Any:
        # pure=False: the same paths may have changed on disk between builds.
        return self.client.submit(run_batch, fn, batch, pure=False)

    def result(self, future: Any, fn: FileFn, batch: list[str]) -> _Results:
        # run_batch catches every per-file error, so what arrives here is the cluster's
        # (a worker killed more often than distributed's allowed_failures, a lost
        # connection): the batch's files are reported, the others go on.
        try:
            return future.result()
        except Exception as err:  # noqa: BLE001
            reason = f"extraction failed on the cluster: {type(err).__name__}: {err}"
            return [SourceError(p, reason) for p in batch]
        finally:
            future.release()

    def close(self) -> None:
        if self.owned:
            self.client.close()


# ---------------------------------------------------------------- submission loop


def map_files(
    fn: FileFn,
    paths: Iterable[Path | str],
    *,
    workers: int | None = None,
    scheduler: Any = None,
    cache: "Cache | None" = None,
    batch_size: int | None = None,
    window: int | None = None,
    initializer: Callable[[], None] | None = None,
    context: str | None = None,
) -> Iterator[Outcome]:
    """Apply ``fn`` to every path and yield the outcomes in input order.

    Parameters
    ----------
    fn
        ``fn(path) -> FileRecord``; a module-level function (it is pickled by reference
        for the pool and for Dask). It may raise :class:`SourceError`.
    paths
        The source files, in the order the outputs must follow (``kg build`` passes them
        sorted); consumed lazily.
    workers
        Local processes; ``None`` means one per core, ``1`` runs in this process.
        Ignored when ``scheduler`` is given.
    scheduler
        A Dask scheduler address (``"tcp://10.0.0.5:8786"``) or a ``distributed.Client``.
    cache
        Consulted before submission; fresh records are stored into it.
    batch_size
        Files per task: 1 for the local pool (pages take tens of milliseconds or more,
        so pickling overhead is small), 8 on Dask (where every task costs a scheduler
        round trip).
    window
        Batches in flight at once (default: four per worker); bounds memory.
    initializer
        Run once in each pool worker, e.g. to load the spaCy pipeline before the first
        file rather than during it.
    context
        Multiprocessing start method; default ``forkserver`` (env ``GOVKG_MP_CONTEXT``).

    Yields
    ------
    Outcome
        ``(path, FileRecord | SourceError, cached)``, one per path, in input order.

    Examples
    --------
    >>> from kg.records import FileRecord
    >>> from kg.parallel import map_files
    >>> outs = list(map_files(lambda p: FileRecord(p.name, "0", 0), ["b.txt", "a.txt"], workers=1))
    >>> [(o.path.name, o.result.file_name, o.cached) for o in outs]
    [('b.txt', 'b.txt', False), ('a.txt', 'a.txt', False)]
    """
    executor: _Executor
    if scheduler is not None:
        executor = _Dask(scheduler)
        slots = executor.slots
        batch_size = batch_size or 8
    else:
        n = workers or default_workers()
        executor = _Serial() if n <= 1 else _Pool(n, initializer, context)
        slots = n
        batch_size = batch_size or 1
    window = window or max(2, 4 * slots)
    try:
        yield from _ordered(executor, fn, (Path(p) for p in paths), cache, batch_size, window)
    finally:
        executor.close()


class _Entry:
    """One slot of the reassembly queue: ready results, or a batch still running."""

    __slots__ = ("paths", "keys", "future", "ready")

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.keys: list[str | None] = []
        self.future: Any = None
        self.ready: list[Outcome] | None = None


def _ordered(executor: _Executor, fn: FileFn, paths: Iterator[Path], cache: "Cache | None",
             batch_size: int, window: int) -> Iterator[Outcome]:
    queue: deque[_Entry] = deque()
    running = 0  # batches submitted and not yet drained
    open_batch: _Entry | None = None

    def flush() -> None:
        nonlocal open_batch, running
        if open_batch is not None:
            open_batch.future = executor.submit(fn, [str(p) for p in open_batch.paths])
            running += 1
            open_batch = None

    def drain_head() -> Iterator[Outcome]:
        nonlocal running
        entry = queue.popleft()
        if entry.ready is not None:
            yield from entry.ready
            return
        if entry.future is None:  # the open batch itself reached the head
            flush_entry(entry)
        items = executor.result(entry.future, fn, [str(p) for p in entry.paths])
        running -= 1
        for path, key, result in zip(entry.paths, entry.keys, items):
            if cache is not None and key is not None and isinstance(result, FileRecord):
                cache.put(key, result)
            yield Outcome(path, result, False)

    def flush_entry(entry: _Entry) -> None:
        nonlocal open_batch
        if entry is open_batch:
            flush()

    for path in paths:
        key, record = cache.lookup(path) if cache is not None else (None, None)
        if record is not None:
            if not queue:
                yield Outcome(path, record, True)
                continue
            # Keep order: it waits behind what is in flight (bounded by the window).
            if open_batch is not None and queue[-1] is open_batch:
                flush()
            hit = _Entry()
            hit.ready = [Outcome(path, record, True)]
            queue.append(hit)
        else:
            if open_batch is None:
                open_batch = _Entry()
                queue.append(open_batch)
            open_batch.paths.append(path)
            open_batch.keys.append(key)
            if len(open_batch.paths) >= batch_size:
                flush()
        # Yield whatever is finished at the head; block when the window is full.
        while queue and (len(queue) >= window or running >= window or _head_done(queue[0], open_batch)):
            yield from drain_head()
    flush()
    while queue:
        yield from drain_head()


def _head_done(entry: _Entry, open_batch: _Entry | None) -> bool:
    if entry.ready is not None:
        return True
    if entry is open_batch or entry.future is None:
        return False
    done = getattr(entry.future, "done", None)
    return bool(done()) if callable(done) else False
