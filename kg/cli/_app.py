"""The Typer application and what every command shares: error mapping and exit codes."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import typer

from kg.errors import KgError, QueryError

__all__ = ["app", "errors_to_exit"]

app = typer.Typer(
    name="kg",
    help="govkg: build, query, serve and export knowledge graphs of Chinese local-governance news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn library errors into one ``Error: …`` line on stderr and an exit status.

    A query syntax error exits 2; any other :class:`KgError` exits 1.
    """
    try:
        yield
    except QueryError as err:
        print(f"Error: {err}", file=sys.stderr)
        raise typer.Exit(2) from err
    except KgError as err:
        print(f"Error: {err}", file=sys.stderr)
        raise typer.Exit(1) from err
