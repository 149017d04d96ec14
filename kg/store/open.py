"""Open a GRAPH argument — a dataset file or a persistent store — as one queryable graph.

``GRAPH`` is a file written by ``kg build`` or a store directory made by ``kg load``
(:mod:`kg.store.load`). Both answer the same SPARQL through :class:`KGraph`
(:mod:`kg.store.engines`): the default graph is the *union of all graphs*, so a query
without ``GRAPH`` sees every fact, and ``GRAPH ?doc { … }`` still names the source file.
A file is loaded into memory with its union materialised (:mod:`kg.store.union`); a store
is opened read-only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import StoreError
from kg.store.engines import ENGINES, KGraph, OxigraphGraph, RdflibGraph
from kg.store.load import file_format, is_store_dir, store_db_path
from kg.store.union import load_union

__all__ = ["open_graph"]


def open_graph(path: str | Path, *, engine: str = "oxigraph", base: str | None = None,
               allow_service: Sequence[str] = ()) -> KGraph:
    """Open a GRAPH argument for querying.

    Parameters
    ----------
    path : str or Path
        A dataset file (``.trig``, ``.nq``, ``.ttl``, ``.nt``) or a store directory made
        by :func:`kg.store.load.load_store`.
    engine : {"oxigraph", "rdflib"}
        Which engine holds a *file* (a store directory is always Oxigraph).
    base : str, optional
        Base IRI for relative IRIs in queries (without one they are an error).
    allow_service : sequence of str
        Hosts a ``SERVICE`` clause may call; none by default (:mod:`kg.store.guard`).

    Returns
    -------
    KGraph

    Raises
    ------
    kg.errors.StoreError
        The path does not exist, has an unknown suffix, or does not parse (with the
        parser's line and column).

    Examples
    --------
    >>> g = open_graph(path)                                         # doctest: +SKIP
    >>> g.query("SELECT DISTINCT ?s WHERE { ?s a gov:County }").rows  # doctest: +SKIP
    """
    graph = _open(Path(path), engine)
    graph.base = base
    graph.allow_service = tuple(allow_service)
    return graph


def _open(p: Path, engine: str) -> KGraph:
    """The graph at ``p`` on ``engine`` (see :func:`open_graph`)."""
    if engine not in ENGINES:
        raise StoreError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if is_store_dir(p):
        db, union = store_db_path(p)
        try:
            return OxigraphGraph(p, ox.Store.read_only(str(db)), union_materialised=union)
        except OSError as err:
            raise StoreError(f"{p}: cannot open store: {err}") from err
    if p.is_dir():
        raise StoreError(f"{p}: cannot open: a directory but not a store (no CURRENT file); "
                         "make one with `kg load FILE --store DIR`")
    if not p.is_file():
        raise StoreError(f"{p}: cannot open: no such file or store directory")
    oxfmt, rdffmt = file_format(p)
    if engine == "rdflib":
        ds = Dataset(default_union=True)
        try:
            ds.parse(str(p), format=rdffmt)
        except Exception as err:  # rdflib parsers raise many types
            raise StoreError(f"{p}: cannot parse as {rdffmt}: {err}") from err
        return RdflibGraph(p, ds)
    store = ox.Store()
    try:
        load_union(store, p, oxfmt)
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{p}: cannot parse as {rdffmt}: {err}") from err
    except OSError as err:
        raise StoreError(f"{p}: cannot read: {err}") from err
    return OxigraphGraph(p, store)
