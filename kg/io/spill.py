"""Tables keyed by a string that move to SQLite past a size, so they stay bounded in a long run.

Why: the build's main process keeps a few tables for the whole build, keyed by entity
key or name — the merger's lone keys and name indexes, the assembler's first class and
label of each key (:mod:`kg.link.corpus_merge`, :mod:`kg.rdf.graph`). They grow with the
distinct entities (≈ 9 a synthetic page), so at 100k pages they would be most of that
process. A :class:`SpillTable` keeps at most ``limit`` entries in a dict; one more and
all of them move to a table of one SQLite file, and lookups read through (the dict
first, then the file). So memory holds at most ``limit`` entries per table and the
file's page cache, whatever the number of keys.

The file is made at the first spill only — a small build never touches the disk — in a
temporary directory that :meth:`Spill.close` removes; the directory is named for the
host and process (:func:`kg.io.atomic.make_temp`), so the next spill removes one left
by a killed run. Values are encoded with
:mod:`marshal` (strings and tuples of them: fast, and loading runs no code). A value
read back is a new object: change a value by storing it again, never in place.
"""
from __future__ import annotations

import marshal
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Hashable, Iterator

from kg.io.atomic import make_temp

__all__ = ["DEFAULT_LIMIT", "Spill", "SpillTable"]

#: Entries a table keeps in memory before moving them to the file (≈ 5–10 MB a table).
DEFAULT_LIMIT = 20_000
#: SQLite page cache of the spill file, shared by its tables (KiB).
_CACHE_KIB = 32 * 1024
_MISSING = object()


class Spill:
    """The SQLite file behind the :class:`SpillTable` objects of one run.

    Parameters
    ----------
    limit : int or None
        Entries a table keeps in memory before it moves them to the file; ``None``:
        tables stay in memory (a dict with no file).
    directory : path-like, optional
        Parent of the temporary directory (default: the system's temporary folder).

    Examples
    --------
    >>> with Spill(limit=2) as spill:
    ...     t = spill.table("labels")
    ...     for k in "abcde":
    ...         t[k] = (k.upper(), 1)
    ...     t.get("a"), "e" in t, t.pop("b"), t.get("b"), spill.spilled > 0
    (('A', 1), True, ('B', 1), None, True)
    """

    def __init__(self, limit: int | None = DEFAULT_LIMIT, directory: str | os.PathLike | None = None) -> None:
        self.limit = limit
        self._directory = directory
        self._folder: str | None = None
        self._db: sqlite3.Connection | None = None
        self._names: set[str] = set()
        self.spilled = 0          # rows written to the file so far (for tests and benches)

    def table(self, name: str) -> "SpillTable":
        """A new, empty table of this spill; ``name`` must be unique in it."""
        if name in self._names:
            raise ValueError(f"spill table {name!r} exists")
        self._names.add(name)
        return SpillTable(self, f"t{len(self._names)}")

    def connection(self) -> sqlite3.Connection:
        """The spill file, made on first use: no journal, no fsync (it dies with the run)."""
        if self._db is None:
            base = Path(self._directory if self._directory is not None else tempfile.gettempdir())
            self._folder = str(make_temp(base / "govkg-spill", directory=True))
            self._db = sqlite3.connect(Path(self._folder) / "spill.sqlite", isolation_level=None)
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "locking_mode=EXCLUSIVE",
                           f"cache_size=-{_CACHE_KIB}", "temp_store=FILE"):
                self._db.execute(f"PRAGMA {pragma}")
        return self._db

    def close(self) -> None:
        """Close the file and remove its directory (nothing to do if it was never made)."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> "Spill":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SpillTable:
    """A mapping of ``str`` to a marshal-able value, in a dict up to the spill's limit.

    Supports what the build's tables use: ``get``, ``in``, ``[]``, ``[]=``,
    ``setdefault``, ``pop`` and ``items`` (the file's rows first, then the dict's; order
    is not insertion order once spilled).
    """

    def __init__(self, spill: Spill, sql_name: str) -> None:
        self._spill = spill
        self._sql = sql_name
        self._hot: dict[str, object] = {}
        self._cold = False           # whether the file holds rows of this table

    def _read(self, key: str) -> object:
        if not self._cold:
            return _MISSING
        row = self._spill.connection().execute(
            f"SELECT v FROM {self._sql} WHERE k = ?", (key,)).fetchone()
        return _MISSING if row is None else marshal.loads(row[0])

    def get(self, key: str, default: object = None) -> object:
        """The value of ``key``, else ``default``."""
        value = self._hot.get(key, _MISSING)
        if value is _MISSING:
            value = self._read(key)
        return default if value is _MISSING else value

    def __contains__(self, key: Hashable) -> bool:
        return key in self._hot or self._read(key) is not _MISSING   # type: ignore[arg-type]

    def __getitem__(self, key: str) -> object:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: object) -> None:
        self._hot[key] = value
        limit = self._spill.limit
        if limit is not None and len(self._hot) > limit:
            self._flush()

    def setdefault(self, key: str, value: object) -> object:
        """The value of ``key``; ``value``, stored, when it has none."""
        found = self.get(key, _MISSING)
        if found is _MISSING:
            self[key] = value
            return value
        return found

    def pop(self, key: str, default: object = _MISSING) -> object:
        """Remove ``key`` and return its value (``default``, else KeyError, when absent)."""
        value = self._hot.pop(key, _MISSING)
        if self._cold:
            if value is _MISSING:
                value = self._read(key)
            self._spill.connection().execute(f"DELETE FROM {self._sql} WHERE k = ?", (key,))
        if value is _MISSING:
            if default is _MISSING:
                raise KeyError(key)
            return default
        return value

    def items(self) -> Iterator[tuple[str, object]]:
        """Every entry once: the file's rows (those not overridden in memory), then the dict's."""
        if self._cold:
            for key, blob in self._spill.connection().execute(f"SELECT k, v FROM {self._sql}"):
                if key not in self._hot:
                    yield key, marshal.loads(blob)
        yield from list(self._hot.items())

    def _flush(self) -> None:
        """Move every entry in memory to the file (replacing older rows of the same keys)."""
        db = self._spill.connection()
        if not self._cold:
            db.execute(f"CREATE TABLE IF NOT EXISTS {self._sql} (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID")
            self._cold = True
        db.execute("BEGIN")
        db.executemany(f"INSERT OR REPLACE INTO {self._sql} VALUES (?, ?)",
                       ((k, marshal.dumps(v)) for k, v in self._hot.items()))
        db.execute("COMMIT")
        self._spill.spilled += len(self._hot)
        self._hot = {}
