"""Store and query: open a GRAPH (dataset file or on-disk store), run SPARQL, format results.

``open_graph(path).query(text, bindings)`` is the stable entry point other packages use.
"""
from __future__ import annotations

from kg.store.engines import KGraph
from kg.store.load import LoadReport, load_store
from kg.store.open import open_graph
from kg.store.results import QueryResult, format_result

__all__ = ["KGraph", "LoadReport", "QueryResult", "format_result", "load_store", "open_graph"]
