"""Package data (``kg/data/``) opened through importlib.resources, with header checks.

Every table carries a header row; :func:`read_tsv` checks it so that a column renamed in
the data cannot silently shift the meaning of the code that reads it.
"""
from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Iterator

from kg.errors import PatternError

__all__ = ["data_path", "read_text", "read_tsv", "read_jsonl"]


def data_path(name: str, root: str | None = None):
    """Return a Traversable for ``kg/data/<name>`` (``name`` uses ``/`` separators).

    ``root``, a folder, stands for ``kg/data``: a pipeline saved with ``nlp.to_disk`` keeps
    each component's tables under its own folder (:class:`kg.lexicon.Lexicon`).
    """
    node = Path(root) if root is not None else resources.files("kg") / "data"
    for part in name.split("/"):
        node = node / part
    return node


def read_text(name: str, root: str | None = None) -> str:
    """Read a UTF-8 data file."""
    return data_path(name, root).read_text(encoding="utf-8")


def read_tsv(name: str, header: tuple[str, ...], root: str | None = None) -> Iterator[dict[str, str]]:
    """Yield the rows of a TSV data file as dicts, after checking its header.

    Lines starting with ``#`` are comments (source and licence notes).

    Raises
    ------
    PatternError
        When the header differs from ``header`` or a row has the wrong width.
    """
    text = read_text(name, root)
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    rows = csv.reader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    got = tuple(next(rows, ()))
    if got != header:
        raise PatternError(f"kg/data/{name}: expected header {header}, found {got}")
    for n, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise PatternError(f"kg/data/{name}: row {n} has {len(row)} fields, expected {len(header)}")
        yield dict(zip(header, row))


def read_jsonl(name: str, root: str | None = None) -> Iterator[dict]:
    """Yield the objects of a strict JSON-lines data file (what each field means: kg/data/README.md)."""
    for n, line in enumerate(read_text(name, root).splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as err:
            raise PatternError(f"kg/data/{name}: line {n}: {err.msg}") from err
