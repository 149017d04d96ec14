"""Atomic writes: a temporary sibling that replaces the target only on success.

Every output file of govkg goes through here, so a failed run never leaves a partial
file: the data is written to ``.<name>.tmpXXXX`` in the target's folder (same file
system, so :func:`os.replace` is atomic), flushed and fsynced, then renamed onto the
target. On an exception the temporary is removed and an existing target is untouched.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Iterator

__all__ = ["atomic_write", "atomic_path"]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Yield an open handle whose content replaces ``path`` when the block succeeds.

    Parameters
    ----------
    path
        The file to (re)place. Its folder must exist.
    mode
        ``"w"`` (text) or ``"wb"`` (binary).
    encoding, newline
        As for :func:`open`; ignored in binary mode.

    Raises
    ------
    OSError
        When the temporary cannot be created or renamed; the target is untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as fh:
    ...     _ = fh.write("赤峰市")
    >>> target.read_text(encoding="utf-8")
    '赤峰市'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write: mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        os.close(fd)
        if "b" in mode:
            fh = open(tmp, mode)
        else:
            fh = open(tmp, mode, encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _publish_file(tmp, target, folder)
    except BaseException:
        _remove(tmp)
        raise


def _publish_file(tmp: Path, target: Path, folder: Path) -> None:
    """Give a finished (fsynced) temporary file the target's mode and rename it into place.

    An existing target keeps its permissions; a new one gets the umask's.
    """
    if target.exists():
        with contextlib.suppress(OSError):
            os.chmod(tmp, target.stat().st_mode & 0o7777)
    else:
        os.chmod(tmp, 0o666 & ~_umask())
    os.replace(tmp, target)
    _fsync_dir(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, directory: bool = False) -> Iterator[Path]:
    """Yield a temporary *path* that replaces ``path`` when the block succeeds.

    For writers that want a file name rather than a handle (pyoxigraph stores, networkx
    writers). With ``directory=True`` the temporary is a fresh empty folder, for a store
    written as a directory; an old directory at ``path`` is replaced as a whole (moved
    aside, then removed — this last step is two renames, not one).

    Raises
    ------
    OSError
        When the rename fails; the old ``path`` is then left in place.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("id\\n", encoding="utf-8")
    >>> target.read_text(encoding="utf-8")
    'id\\n'
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if directory:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp", dir=folder))
    else:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.tmp", dir=folder)
        os.close(fd)
        tmp = Path(name)
        tmp.unlink()  # let the writer create it; the name stays reserved by convention
    try:
        yield tmp
        if not tmp.exists():
            raise FileNotFoundError(f"{tmp}: the writer did not create the temporary output")
        if tmp.is_dir():
            if target.is_dir() and not target.is_symlink():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old", dir=folder))
                old.rmdir()
                os.replace(target, old)
                try:
                    os.replace(tmp, target)
                except BaseException:
                    os.replace(old, target)
                    raise
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, target)
            _fsync_dir(folder)
        else:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            _publish_file(tmp, target, folder)
    except BaseException:
        _remove(tmp)
        raise
