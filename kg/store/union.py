"""Bulk-load a dataset file into Oxigraph with the union of its graphs materialised.

Why materialised: every query sees the default graph as the *union of all graphs* with
set semantics. Oxigraph's own ``use_default_graph_as_union`` (and a ``default_graph``
listing every graph) returns one solution per *quad*: a label stated in 300 document
graphs matches 300 times, and joins over labels multiply (a four-pattern join took 2 s
on 10k quads, 1 ms materialised), ``COUNT`` counts statements instead of facts. So each
triple of every named graph is also written once to the store's default graph (a set),
in the same pass as the file.

How, at the engine's speed: Oxigraph's bulk loader indexes one batch on one thread, so a
single ``bulk_load`` of a file uses one core while it parses and one while it indexes.
Here the file is cut into blocks loaded by ``bulk_load`` calls on several threads (the
loader releases the GIL), each block followed by its union copy:

- **N-Quads without blank nodes** (what ``kg build --out x.nq`` writes) is never turned
  into Python objects: a block is a slice of the file's lines, and its copy is the same
  bytes with the graph IRI cut from the end of each line (one regular expression),
  loaded as **N-Triples**, whose parser refuses any line that is not exactly one triple.
  So a cut that does not give the line's triple (a default-graph line, a blank-node
  graph, a line with a comment) is a syntax error, never a wrong fact; that block's copy
  is then made from parsed quads instead (written back as N-Triples bytes).
- **Anything else with graphs** (TriG, N-Quads with blank nodes): Oxigraph parses, and
  each block of quads goes with its triples to ``bulk_extend`` (one block at a time:
  see :func:`_extend`), which keeps blank-node
  identities (a ``bulk_load`` call renames blank nodes, so a quad and its copy loaded by
  different calls would name different nodes).
- **Triples only** (N-Triples, Turtle): the default graph is the union already; one
  plain ``bulk_load``.

The blocks' files are merged by RocksDB; :func:`kg.store.load.load_store` compacts the
store once at the end. ``bench/store_load.py`` measures the rate against a plain
``bulk_load`` of the same file in the same run.
"""
from __future__ import annotations

import itertools
import mmap
import os
import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

import pyoxigraph as ox

__all__ = ["load_union"]

#: Bytes of N-Quads per block (about 20k quads of ``kg build`` output). Small batches
#: index faster per quad (Oxigraph sorts each batch's keys: 4 MB blocks took 0.86x the
#: CPU of 24 MB ones at 1M quads, optimize included: docs/speed.md) and hold less memory;
#: the compaction at the end merges the many files they make.
_BLOCK_BYTES = 4 << 20
#: Quads per block when the file is parsed into objects. A block and its union copy as
#: Python objects, and again inside ``bulk_extend``, are most of a TriG load's memory:
#: on 1,000 synthetic pages (868k quads) the load's peak RSS was 588 MB with blocks of
#: 150k quads, 314 MB with 75k, 204 MB with 40k, for 10–20 % more CPU.
_BLOCK_QUADS = 50_000
#: A graph IRI ending a line: `` <g> .``.
_GRAPH_END = re.compile(rb" <[^>\s]*> \.$", re.MULTILINE)
#: A line with no statement: blank, or only a comment.
_NO_STATEMENT = re.compile(rb"^[ \t\r]*(?:#[^\n]*)?\n", re.MULTILINE)
#: What starts every line that may hold no statement (a line break's next bytes).
_MAYBE_NO_STATEMENT = (b"\n\n", b"\n#", b"\n ", b"\n\t", b"\n\r")
_WITH_GRAPHS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)


def load_union(store: ox.Store, path: str | Path, fmt: ox.RdfFormat, *,
               workers: int | None = None) -> int:
    """Bulk-load a dataset file into ``store``, each named-graph triple also in the default graph.

    Parameters
    ----------
    store : pyoxigraph.Store
        An empty store, in memory or on disk.
    path : str or Path
        The file.
    fmt : pyoxigraph.RdfFormat
        Its format (N-Quads, TriG, N-Triples or Turtle).
    workers : int, optional
        Loading threads (default: the cores this process may use, at most 4).

    Returns
    -------
    int
        Statements in the file (for a triples-only file: distinct triples loaded).

    Raises
    ------
    SyntaxError, ValueError
        The file does not parse (the parser's own error, with the file's line and column).
    OSError
        The file cannot be read or the store cannot be written.
    """
    path = Path(path)
    if fmt not in _WITH_GRAPHS:
        before = len(store)
        store.bulk_load(path=str(path), format=fmt)
        return len(store) - before
    workers = workers or min(4, len(os.sched_getaffinity(0)))
    try:
        if fmt == ox.RdfFormat.N_QUADS and not _has_blank_nodes(path):
            with _Pool(workers, 2 * workers) as pool:
                return _load_nquads(store, pool, path)
        # one block loads while the next is parsed: the loads run one at a time (see
        # _extend), so more blocks waiting would only hold more memory
        with _Pool(1, 1) as pool:
            return _load_parsed(store, pool, path, fmt)
    except _BlockSyntaxError as err:
        for _ in ox.parse(path=str(path), format=fmt):  # the error at its place in the file
            pass
        raise err.__cause__ from None  # (the whole file parsed: the block's own message)


class _BlockSyntaxError(Exception):
    """A block of the file does not parse; the file is parsed again to say where."""


class _Pool:
    """Worker threads for bulk loads, with at most ``blocks`` blocks loading or waiting
    (memory stays bounded) and the first error raised in the thread that feeds them."""

    def __init__(self, workers: int, blocks: int) -> None:
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="kg-load")
        self._slots = threading.BoundedSemaphore(blocks)
        self._futures: list[Future] = []

    def submit(self, fn: Callable[..., None], *args: object) -> None:
        self._slots.acquire()
        for done in [f for f in self._futures if f.done()]:
            self._futures.remove(done)
            done.result()
        future = self._executor.submit(fn, *args)
        future.add_done_callback(lambda _: self._slots.release())
        self._futures.append(future)

    def __enter__(self) -> "_Pool":
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self._executor.shutdown(wait=True, cancel_futures=kind is not None)
        if kind is None:
            for future in self._futures:
                future.result()


def _has_blank_nodes(path: Path) -> bool:
    """Whether ``_:`` occurs anywhere in the file (a literal containing it is counted too)."""
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return False
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"_:") >= 0


def _line_blocks(path: Path) -> Iterator[bytes]:
    """The file in blocks of whole lines, each ending with a line break."""
    with path.open("rb") as fh:
        rest = b""
        while block := fh.read(_BLOCK_BYTES):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            if cut:
                yield block[:cut]
        if rest:
            yield rest + b"\n"


def _load_nquads(store: ox.Store, pool: _Pool, path: Path) -> int:
    count = 0
    for block in _line_blocks(path):
        count += _statements(block)
        pool.submit(_load_nquads_block, store, block)
    return count


def _statements(block: bytes) -> int:
    """Statement lines in a block of whole lines: all of them unless one may be blank or
    a comment (searched for by bytes, 20x faster than the regular expression), which is
    then counted."""
    lines = block.count(b"\n")
    if block[:1] in (b"\n", b"#", b" ", b"\t", b"\r") or any(m in block for m in _MAYBE_NO_STATEMENT):
        return lines - len(_NO_STATEMENT.findall(block))
    return lines


def _load_nquads_block(store: ox.Store, block: bytes) -> None:
    """One block of N-Quads lines, then its triples as N-Triples (see the module docstring)."""
    try:
        store.bulk_load(input=block, format=ox.RdfFormat.N_QUADS)
    except SyntaxError as err:
        raise _BlockSyntaxError() from err
    try:
        # the terms were validated by the quads' parser just above
        store.bulk_load(input=_GRAPH_END.sub(b" .", block), format=ox.RdfFormat.N_TRIPLES,
                        lenient=True)
    except SyntaxError:  # a line the cut does not turn into its triple: copy it parsed
        # (as N-Triples bytes again: ``bulk_extend`` pulling a Python iterator on several
        # threads at once deadlocked; a block has no blank nodes on this path)
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in ox.parse(input=block, format=ox.RdfFormat.N_QUADS)]
        store.bulk_load(input=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                        format=ox.RdfFormat.N_TRIPLES)


def _load_parsed(store: ox.Store, pool: _Pool, path: Path, fmt: ox.RdfFormat) -> int:
    count = 0
    parser = ox.parse(path=str(path), format=fmt)
    while quads := list(itertools.islice(parser, _BLOCK_QUADS)):
        count += len(quads)
        quads += [ox.Quad(q.subject, q.predicate, q.object) for q in quads]
        pool.submit(_extend, store, quads)
    return count


_EXTEND = threading.Lock()


def _extend(store: ox.Store, quads: list) -> None:
    """``store.bulk_extend(quads)``, one thread at a time.

    Why: ``bulk_extend`` reads its Python argument while holding the store's loader;
    two threads in it at once were seen to deadlock (every thread in a futex wait). The
    blocks are still parsed and prepared in parallel.
    """
    with _EXTEND:
        store.bulk_extend(quads)
