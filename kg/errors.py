"""The exception tree. The library raises; only ``kg.cli`` and ``kg.serve`` talk to users.

Every error pickles with its fields (``__reduce__``), so a worker process or a Dask task
can raise one and the caller gets the same error back: a :class:`SourceError` from a
pool worker still names its file.
"""
from __future__ import annotations

__all__ = ["KgError", "SourceError", "PatternError", "QueryError", "ExportError", "StoreError",
           "BuildError", "UsageError", "OutputError"]


class KgError(Exception):
    """Base class of every error govkg raises on purpose."""


class SourceError(KgError):
    """A source file could not be read: names the file and the reason.

    Examples
    --------
    >>> import pickle
    >>> err = pickle.loads(pickle.dumps(SourceError("a.txt", "empty file")))
    >>> err.path, err.reason, str(err)
    ('a.txt', 'empty file', 'a.txt: empty file')
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple:
        return type(self), (self.path, self.reason)


class PatternError(KgError):
    """A data file (pattern, lexicon) is malformed: names the file and the row."""


class QueryError(KgError):
    """A SPARQL query is invalid; ``line``/``col`` are 1-based where known."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None) -> None:
        self.message, self.line, self.col = message, line, col
        where = f" at line {line}, column {col}" if line is not None else ""
        super().__init__(f"{message}{where}")

    def __reduce__(self) -> tuple:
        return type(self), (self.message, self.line, self.col)


class ExportError(KgError):
    """An export could not be written (unknown view, format or filter)."""


class StoreError(KgError):
    """A graph file or store could not be opened or loaded."""


class UsageError(KgError):
    """What was asked cannot be done as asked: fix the request, not the data.

    An unknown output format, an output file that is one of the inputs, a malformed
    override line. The command line exits 2 for it, as for its own usage errors.
    """


class OutputError(KgError):
    """An output file could not be written (permissions, disk full): names the file."""


class BuildError(KgError):
    """A build produced nothing (no source could be read): the output was not replaced.

    ``errors`` holds the :class:`SourceError` of every source that failed, so that the
    caller can report each one by name.
    """

    def __init__(self, message: str, errors: tuple[SourceError, ...] = ()) -> None:
        self.message = message
        self.errors = tuple(errors)
        super().__init__(message)

    def __reduce__(self) -> tuple:
        return type(self), (self.message, self.errors)
