"""Command line: one thin module per command over the library API.

``kg build | query | serve | export | eval | validate | load`` — see ``kg --help``.
"""
from __future__ import annotations

from kg.cli._app import app
from kg.cli import build, eval, export, load, query, serve, validate  # noqa: F401  (register commands)
from kg.cli import search  # noqa: F401,E402  (kg search)

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()
