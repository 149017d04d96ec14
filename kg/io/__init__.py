"""Stage 1 — reading sources: expand SOURCE arguments, decode bytes, write files atomically."""
from __future__ import annotations

from kg.io.atomic import atomic_path, atomic_write
from kg.io.decode import Source, decode_bytes, read_source
from kg.io.sources import expand_sources

__all__ = ["expand_sources", "Source", "decode_bytes", "read_source", "atomic_write", "atomic_path"]
