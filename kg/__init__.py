"""govkg: knowledge graphs of Chinese local-governance news.

read → normalise → segment → extract → link → RDF → store/query/serve → export.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
