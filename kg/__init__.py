"""govkg: knowledge graphs of Chinese local-governance news.

Data flows one way: read → normalise → segment → extract → link → RDF →
store/query/serve → export. The short public API below covers the whole path; each
name lives in the module that does that one job and is imported on first use, so
``kg query`` does not pay for loading spaCy.

>>> import kg
>>> kg.open_graph.__module__
'kg.store.open'
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "build": "kg.build",
    "extract_text": "kg.extract",
    "open_graph": "kg.store",
    "load_store": "kg.store",
    "run_query": "kg.store.query",
    "export_view": "kg.export",
    "export": "kg.export",
    "validate_file": "kg.rdf.validate",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
