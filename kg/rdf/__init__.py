"""RDF layer: records → quads (one named graph per source file), writers, SHACL validation."""
from __future__ import annotations

__all__: list[str] = []
