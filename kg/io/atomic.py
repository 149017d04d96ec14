"""Atomic writes: a temporary sibling that replaces the target only on success.

Every output file of govkg goes through here, so a failed run never leaves a partial
file: the data is written to ``.<name>.tmp-<host>-<pid>-XXXX`` in the target's folder
(same file system, so :func:`os.replace` is atomic), flushed and fsynced, then renamed
onto the target. On an exception the temporary is removed and an existing target is
untouched.

A process killed outright (``kill -9``, the OOM killer, a power cut) cannot remove its
temporary. The host name and process id in the name say whose it is: before making a
new temporary for a target, :func:`make_temp` removes the target's temporaries whose
process, on this host, no longer exists (:func:`sweep_stale`). Temporaries of a
process still running, or of another host sharing the folder, are left alone.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path
from typing import IO, Iterator

__all__ = ["atomic_write", "atomic_path", "make_temp", "sweep_stale"]

#: Kinds of temporaries made beside a target (``.<name>.<kind>-<host>-<pid>-XXXX``).
_KINDS = ("tmp", "old", "loading")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "localhost"


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def sweep_stale(target: str | os.PathLike) -> list[Path]:
    """Remove the temporaries of ``target`` left by processes of this host that are gone.

    Returns
    -------
    list of Path
        What was removed (files or folders).

    Examples
    --------
    >>> import subprocess, sys, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
    ...                       capture_output=True, text=True).stdout.strip()
    >>> (folder / f".g.trig.tmp-{_host()}-{gone}-k2j4").write_text("half")
    4
    >>> [p.name[:9] for p in sweep_stale(folder / "g.trig")]
    ['.g.trig.t']
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:{'|'.join(_KINDS)})-"
                         rf"{re.escape(_host())}-(\d+)-[A-Za-z0-9_]+")
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = pattern.fullmatch(name)
        if m is None or int(m.group(1)) == os.getpid() or _pid_exists(int(m.group(1))):
            continue
        path = folder / name
        _remove(path)
        removed.append(path)
    return removed


def make_temp(target: str | os.PathLike, kind: str = "tmp", *, directory: bool = False) -> Path:
    """A new temporary file (or folder) beside ``target``, named for this host and process.

    Stale temporaries of the same target are swept first (:func:`sweep_stale`), so the
    litter of a killed run is removed by the next one.

    Parameters
    ----------
    target
        The file or folder the temporary will replace.
    kind
        ``"tmp"``, ``"old"`` (a replaced folder on its way out) or ``"loading"``.
    directory
        Make an empty folder instead of an empty file.
    """
    if kind not in _KINDS:
        raise ValueError(f"make_temp: kind must be one of {_KINDS}, not {kind!r}")
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    sweep_stale(target)
    prefix = f".{target.name}.{kind}-{_host()}-{os.getpid()}-"
    if directory:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=folder))
    fd, name = tempfile.mkstemp(prefix=prefix, dir=folder)
    os.close(fd)
    return Path(name)


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
    tmp = make_temp(target)
    try:
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
    tmp = make_temp(target, directory=directory)
    if not directory:
        tmp.unlink()  # let the writer create it; the name stays reserved by convention
    try:
        yield tmp
        if not tmp.exists():
            raise FileNotFoundError(f"{tmp}: the writer did not create the temporary output")
        if tmp.is_dir():
            if target.is_dir() and not target.is_symlink():
                old = make_temp(target, "old", directory=True)
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
