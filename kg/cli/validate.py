"""`kg validate` (to be written by its owner)."""
from __future__ import annotations

from kg.cli._app import app

__all__: list[str] = []
