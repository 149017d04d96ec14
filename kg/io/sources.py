"""Expand ``SOURCE`` arguments (files and folders) into a sorted list of files.

Folders are walked recursively for ``*.txt`` files (suffix compared case-insensitively);
hidden files and folders (name starting with ``.``) are skipped. A file named explicitly
is taken whatever its suffix. The result is sorted by POSIX path string and has no
duplicates, so a build sees its inputs in the same order on every machine.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Sequence

from kg.errors import SourceError
from kg.io.guard import os_reason

__all__ = ["expand_sources", "SOURCE_SUFFIX"]

#: Suffix of the files collected from folders (compared case-insensitively).
SOURCE_SUFFIX = ".txt"


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SOURCE_SUFFIX):
                found.append(Path(root) / name)
    return found


def expand_sources(sources: Sequence[str | os.PathLike]) -> list[Path]:
    """Return the source files named by ``sources``, sorted and de-duplicated.

    Parameters
    ----------
    sources
        Files and folders. Folders are searched recursively for ``*.txt``.

    Returns
    -------
    list of Path
        Sorted by ``Path.as_posix()``; a file reached twice (named and inside a named
        folder) appears once.

    Raises
    ------
    SourceError
        When a source path does not exist (``"no such file or directory"``) or cannot
        be looked at (``"symbolic link loop …"``, ``"permission denied"``).

    Examples
    --------
    >>> expand_sources([])
    []
    """
    seen: dict[str, Path] = {}
    for src in sources:
        path = Path(src)
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as err:  # missing, a symbolic link loop, no permission …
            raise SourceError(str(path), os_reason(err)) from err
        files = _walk(path) if is_dir else [path]
        for f in files:
            key = os.path.normpath(f.as_posix())
            seen.setdefault(key, Path(key))
    return [seen[k] for k in sorted(seen, key=lambda k: Path(k).as_posix())]
