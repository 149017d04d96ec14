"""Build and open the search index of a GRAPH: beside a store, or in memory for a file.

``kg load`` calls :func:`build_store_index` after the store is in place, which writes
``search.sqlite`` inside the store directory (atomically: a temporary file renamed into
place). The index records the store's marker (:data:`kg.store.load.STORE_MARKER`), so an
index left from an earlier load is noticed and not used. For a dataset file, or a store
without a current index, :func:`open_index` builds the index in memory (or in a
temporary file that :meth:`SearchIndex.close` removes, for a server whose threads each
open their own connection).
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from kg.errors import StoreError
from kg.io.atomic import atomic_path
from kg.search.collect import Collector
from kg.search.find import SearchHit, evidence, find
from kg.search.index import SCHEMA_VERSION, create_index, fill_index, read_meta
from kg.store.load import STORE_MARKER, file_format, is_store_dir, store_db_path

__all__ = ["INDEX_NAME", "IndexReport", "SearchIndex", "index_path", "build_store_index",
           "open_index", "search"]

#: File name of the index inside a store directory.
INDEX_NAME = "search.sqlite"


@dataclass(frozen=True)
class IndexReport:
    """What :func:`build_store_index` wrote: where, how many entities and sentences, how long."""

    path: Path
    entities: int
    sentences: int
    seconds: float


def index_path(store_dir: str | Path) -> Path:
    """Where the index of a store lives."""
    return Path(store_dir) / INDEX_NAME


def _marker(store_dir: Path) -> str:
    try:
        return (store_dir / STORE_MARKER).read_text(encoding="utf-8")
    except OSError:
        return ""


def _quads(graph: Path, source: Path | None = None) -> Iterator[ox.Quad]:
    """The quads to index: parsed from ``source`` (or ``graph`` when it is a file), else read from the store."""
    path = source if source is not None else (None if is_store_dir(graph) else graph)
    if path is None:
        db, union = store_db_path(graph)
        try:
            store = ox.Store.read_only(str(db))
        except OSError as err:
            raise StoreError(f"{graph}: cannot open store: {err}") from err
        # a materialised union holds every triple once in the default graph
        yield from store.quads_for_pattern(None, None, None, ox.DefaultGraph() if union else None)
        return
    if not path.is_file():
        raise StoreError(f"{path}: cannot open: no such file or store directory")
    fmt = file_format(path)[0]  # the same suffix table and message as open_graph
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: cannot parse: {err}") from err
    except OSError as err:
        raise StoreError(f"{path}: cannot read: {err}") from err


def _fill(conn: sqlite3.Connection, quads: Iterator[ox.Quad], meta: dict[str, str]) -> tuple[int, int]:
    """Entities and sentences written: collected in temporary tables of ``conn`` first."""
    collected = Collector(conn).add(quads)
    create_index(conn)
    try:
        return fill_index(conn, collected.entities(), collected.sentences(), meta, collected.documents())
    finally:
        collected.close()


def build_store_index(store_dir: str | Path, source: str | Path | None = None) -> IndexReport:
    """Write the search index of the store at ``store_dir`` (what ``kg load`` does after loading).

    ``source`` is the dataset file the store was loaded from: parsing it again is about
    ten times faster than reading the quads back from the store (which is the fallback).

    Raises
    ------
    kg.errors.StoreError
        ``store_dir`` is not a store made by ``kg load``, or it or ``source`` cannot be read.

    Examples
    --------
    >>> build_store_index("out/seeds.store").path.name   # doctest: +SKIP
    'search.sqlite'
    """
    p = Path(store_dir)
    if not (p / STORE_MARKER).is_file():
        raise StoreError(f"{p}: not a store made by kg load (no {STORE_MARKER})")
    t0 = time.perf_counter()
    quads = _quads(p, Path(source) if source is not None else None)
    with atomic_path(index_path(p)) as tmp:
        conn = sqlite3.connect(tmp)
        try:
            n_ent, n_sent = _fill(conn, quads, {"store": _marker(p)})
        finally:
            conn.close()
    return IndexReport(index_path(p), n_ent, n_sent, time.perf_counter() - t0)


def _current(store_dir: Path) -> bool:
    meta = read_meta(index_path(store_dir))
    return meta.get("schema") == SCHEMA_VERSION and meta.get("store") == _marker(store_dir) != ""


class SearchIndex:
    """An open index: :meth:`find` answers searches; safe to call from several threads.

    Made by :func:`open_index`; ``built`` tells whether it was built on opening (a file,
    or a store without a current index) rather than read from the store directory.
    """

    def __init__(self, path: Path | None, conn: sqlite3.Connection | None, *, built: bool,
                 temporary: bool = False) -> None:
        self.path, self._conn, self.built, self._temporary = path, conn, built, temporary

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)

    def find(self, text: str, *, limit: int = 50, entities: bool = True,
             sentences: bool = True) -> list[SearchHit]:
        """Ranked hits for ``text`` (see :func:`kg.search.find.find`)."""
        return self._run(find, text, limit=limit, entities=entities, sentences=sentences)

    def _run(self, fn, *args, **kw):
        if self._conn is not None:
            return fn(self._conn, *args, **kw)
        conn = self._connect()
        try:
            return fn(conn, *args, **kw)
        finally:
            conn.close()

    def evidence(self, s: str, p: str | None = None, o: str | None = None, *, limit: int = 50) -> list[dict]:
        """Evidence sentences of ``s p o`` with names highlighted (see :func:`kg.search.find.evidence`)."""
        return self._run(evidence, s, p, o, limit=limit)

    def documents(self) -> dict[str, str]:
        """File name → sha256 of every source file the graph was built from."""
        return self._run(lambda conn: dict(conn.execute("SELECT file, sha256 FROM document")))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._temporary and self.path is not None:
            for f in (self.path, self.path.parent):
                try:
                    f.unlink() if f.is_file() else f.rmdir()
                except OSError:
                    pass

    def __enter__(self) -> "SearchIndex":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_index(graph: str | Path, *, on_disk: bool = False) -> SearchIndex:
    """Open the search index of ``graph``, building it when there is none to read.

    Parameters
    ----------
    graph : str or Path
        A store directory (its ``search.sqlite`` is used when current) or a dataset file.
    on_disk : bool
        Build into a temporary file rather than memory (for a threaded server); the file
        is removed by :meth:`SearchIndex.close`.

    Raises
    ------
    kg.errors.StoreError
        The graph cannot be opened or parsed.
    """
    p = Path(graph)
    if is_store_dir(p) and (p / STORE_MARKER).is_file() and _current(p):
        return SearchIndex(index_path(p), None, built=False)
    if on_disk:
        path = Path(tempfile.mkdtemp(prefix="kg-search-")) / INDEX_NAME
        conn = sqlite3.connect(path)
        try:
            _fill(conn, _quads(p), {"source": str(p)})
        except BaseException:
            shutil.rmtree(path.parent, ignore_errors=True)
            raise
        finally:
            conn.close()
        return SearchIndex(path, None, built=True, temporary=True)
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        _fill(conn, _quads(p), {"source": str(p)})
    except BaseException:
        conn.close()
        raise
    return SearchIndex(None, conn, built=True)


def search(graph: str | Path, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Search ``graph`` for ``text`` (what ``kg search`` does).

    Examples
    --------
    >>> [h.label for h in search("out/seeds.trig", "wulatehouqi") if h.kind == "entity"]  # doctest: +SKIP
    ['乌拉特后旗']
    """
    with open_index(graph) as idx:
        return idx.find(text, limit=limit)
