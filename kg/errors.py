"""The exception tree. The library raises; only ``kg.cli`` and ``kg.serve`` talk to users."""
from __future__ import annotations

__all__ = ["KgError", "SourceError", "PatternError", "QueryError", "ExportError", "StoreError",
           "BuildError"]


class KgError(Exception):
    """Base class of every error govkg raises on purpose."""


class SourceError(KgError):
    """A source file could not be read: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class PatternError(KgError):
    """A data file (pattern, lexicon) is malformed: names the file and the row."""


class QueryError(KgError):
    """A SPARQL query is invalid; ``line``/``col`` are 1-based where known."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None) -> None:
        self.line, self.col = line, col
        where = f" at line {line}, column {col}" if line is not None else ""
        super().__init__(f"{message}{where}")


class ExportError(KgError):
    """An export could not be written (unknown view, format or filter)."""


class StoreError(KgError):
    """A graph file or store could not be opened or loaded."""


class BuildError(KgError):
    """A build produced nothing (no source could be read): the output was not replaced.

    ``errors`` holds the :class:`SourceError` of every source that failed, so that the
    caller can report each one by name.
    """

    def __init__(self, message: str, errors: tuple[SourceError, ...] = ()) -> None:
        self.errors = errors
        super().__init__(message)
