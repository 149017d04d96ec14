"""SPARQL 1.1 Protocol server and query page (``kg serve``)."""
from __future__ import annotations

__all__: list[str] = []
