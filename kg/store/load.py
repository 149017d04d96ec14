"""Dataset files and store directories, and loading the one into the other, atomically.

A GRAPH argument is a file written by ``kg build`` (TriG ``.trig``, N-Quads ``.nq``;
Turtle ``.ttl`` / N-Triples ``.nt`` for the merged graph) or a directory made by
:func:`load_store`: an on-disk Oxigraph store in ``oxigraph/`` beside the marker file
:data:`STORE_MARKER`. The file is streamed into the store in blocks (it is never held
whole in memory) with the union of its graphs materialised in the default graph
(:mod:`kg.store.union`), into a temporary directory beside the target that is renamed
into place only when loading succeeded: a failed load leaves no store, and an old store
at the target is replaced only by a complete new one.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
import pyoxigraph as ox

from kg.errors import StoreError
from kg.io.atomic import make_temp
from kg.store.union import load_union

__all__ = ["FILE_FORMATS", "STORE_MARKER", "LoadReport", "file_format", "is_store_dir",
           "load_store", "read_marker", "store_db_path"]

#: File that marks a store directory made by ``load_store`` (the database is in ``oxigraph/``).
STORE_MARKER = "govkg-store.json"

#: File suffix → (pyoxigraph format, rdflib format).
FILE_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    ".trig": (ox.RdfFormat.TRIG, "trig"),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads"),
    ".ttl": (ox.RdfFormat.TURTLE, "turtle"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt"),
}


def is_store_dir(path: str | Path) -> bool:
    """True when ``path`` is a store made by ``load_store`` or a plain Oxigraph directory."""
    p = Path(path)
    return p.is_dir() and ((p / STORE_MARKER).is_file() or (p / "CURRENT").is_file())


def read_marker(path: str | Path) -> str:
    """The text of a store's marker file, "" when it has none.

    A file written beside the store after loading (an index, a summary) records it, and
    is not used by a later load (whose marker differs, or whose directory replaced it).
    """
    try:
        return (Path(path) / STORE_MARKER).read_text(encoding="utf-8")
    except OSError:
        return ""


def store_db_path(path: str | Path) -> tuple[Path, bool]:
    """The Oxigraph database folder of a store directory, and whether its union is materialised."""
    p = Path(path)
    if (p / STORE_MARKER).is_file():
        return p / "oxigraph", True
    return p, False


def file_format(path: Path) -> tuple[ox.RdfFormat, str]:
    """(pyoxigraph format, rdflib format) of a dataset file, by its suffix.

    Raises
    ------
    kg.errors.StoreError
        For a suffix not in :data:`FILE_FORMATS`.
    """
    try:
        return FILE_FORMATS[path.suffix.lower()]
    except KeyError:
        raise StoreError(
            f"{path}: cannot open: expected a store directory or a dataset file "
            f"({', '.join(FILE_FORMATS)}), found suffix {path.suffix or '(none)'!r}"
        ) from None


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_store` did: the store path, quads and named graphs in it."""

    store: Path
    quads: int
    graphs: int


def load_store(dataset_file: str | Path, store_dir: str | Path, *, replace: bool = True) -> LoadReport:
    """Load ``dataset_file`` into a new on-disk store at ``store_dir``.

    Parameters
    ----------
    dataset_file : str or Path
        ``.trig``, ``.nq``, ``.ttl`` or ``.nt`` as written by ``kg build``.
    store_dir : str or Path
        Where the store goes; created, or replaced when it is already a store.
    replace : bool
        Refuse to touch an existing store when False.

    Returns
    -------
    LoadReport

    Raises
    ------
    kg.errors.StoreError
        The file is missing, has an unknown suffix or does not parse; the target exists
        and is not a store (it is never overwritten then).

    Notes
    -----
    Streaming, so memory stays bounded however large the file; the load rate measured by
    ``bench/store_load.py`` is in ``docs/querying.md``.
    """
    src, dst = Path(dataset_file), Path(store_dir)
    if not src.is_file():
        raise StoreError(f"{src}: cannot load: no such file")
    try:
        fmt = FILE_FORMATS[src.suffix.lower()][0]
    except KeyError:
        raise StoreError(f"{src}: cannot load: unknown suffix {src.suffix!r}; "
                         f"expected one of {', '.join(FILE_FORMATS)}") from None
    if dst.exists() and not is_store_dir(dst):
        if not (dst.is_dir() and not any(dst.iterdir())):
            raise StoreError(f"{dst}: exists and is not a store; refusing to overwrite it")
    if is_store_dir(dst) and not replace:
        raise StoreError(f"{dst}: a store is already there")
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = make_temp(dst, "loading", directory=True)  # a killed load's is swept by the next
    try:
        store = ox.Store(str(tmp / "oxigraph"))
        try:
            quads = load_union(store, src, fmt)
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"{src}: cannot parse: {err}") from err
        except OSError as err:
            raise StoreError(f"{src}: cannot load: {err}") from err
        store.optimize()
        graphs = sum(1 for _ in store.named_graphs())
        store.flush()
        del store
        gc.collect()  # RocksDB releases its lock when the Store is dropped
        (tmp / STORE_MARKER).write_text(json.dumps(
            {"format": "govkg-store", "version": 1, "engine": "oxigraph",
             "union": "materialised in the default graph", "source": src.name,
             "quads": quads, "graphs": graphs}, indent=1) + "\n", encoding="utf-8")
        old = None
        if dst.exists():
            old = dst.with_name(f".{dst.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(dst, old)
        os.replace(tmp, dst)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return LoadReport(dst, quads, graphs)
