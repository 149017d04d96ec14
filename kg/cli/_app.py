"""The Typer application and what every command shares: error mapping and exit codes.

The one place where library errors become ``Error: …`` lines and exit statuses
(:data:`EXIT_CODES`); commands run their work inside :func:`errors_to_exit`.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import typer

from kg.errors import BuildError, KgError, QueryError, UsageError

__all__ = ["app", "errors_to_exit", "exit_code", "report", "EXIT_CODES"]

app = typer.Typer(
    name="kg",
    help="govkg: build, query, serve and export knowledge graphs of Chinese local-governance news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit status of each error class, the first that matches: 2 for a request to change
#: (a query that does not parse, an unknown format, a bad option file), 1 for the rest
#: (unreadable sources, stores, exports, outputs).
EXIT_CODES: tuple[tuple[type[KgError], int], ...] = ((QueryError, 2), (UsageError, 2), (KgError, 1))


def exit_code(err: KgError) -> int:
    """The exit status for ``err`` (:data:`EXIT_CODES`)."""
    return next(code for cls, code in EXIT_CODES if isinstance(err, cls))


def report(err: KgError) -> None:
    """Print ``err`` as ``Error: …`` lines on stderr; a failed build names each source first."""
    if isinstance(err, BuildError):
        for source_err in err.errors:
            print(f"Error: {source_err}", file=sys.stderr)
    print(f"Error: {err}", file=sys.stderr)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn library errors into ``Error: …`` lines on stderr and an exit status."""
    try:
        yield
    except KgError as err:
        report(err)
        raise typer.Exit(exit_code(err)) from err
