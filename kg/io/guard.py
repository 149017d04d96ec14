"""Read a source file's bytes safely: its type and size are checked before any byte is read.

Every reader of a source (:func:`kg.io.decode.read_source`, the record cache's key
lookup) goes through :func:`read_raw`, so a FIFO, a device such as ``/dev/zero``, or a
file larger than the limit is refused with a reason before anything blocks or fills
memory. The file is opened with ``O_NONBLOCK`` (opening a FIFO for reading would
otherwise wait for a writer) and the checks use ``fstat`` of that open descriptor, so
what is checked is what is read. At most ``max_bytes + 1`` bytes are read, so a file
that grows after the check is still refused rather than read to the end.

OS errors become :class:`~kg.errors.SourceError` reasons a researcher can act on
(``no such file or directory``, ``symbolic link loop``, ``permission denied`` …).
"""
from __future__ import annotations

import errno
import os
import stat

from kg.errors import SourceError

__all__ = ["DEFAULT_MAX_BYTES", "read_raw", "os_reason", "too_large"]

#: Default size limit of one source file (``kg build --max-size`` raises it).
#: A newspaper page is tens of kilobytes; 64 MiB is thousands of pages in one file.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_REASONS = {
    errno.ENOENT: "no such file or directory",
    errno.ELOOP: "symbolic link loop (too many levels of symbolic links)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "a folder in the path is a file",
    errno.ENAMETOOLONG: "file name too long",
}


def os_reason(err: OSError) -> str:
    """A short reason for an ``OSError`` met while opening or reading a source.

    Examples
    --------
    >>> os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
    'symbolic link loop (too many levels of symbolic links)'
    """
    return _REASONS.get(err.errno, f"cannot read ({err.strerror or err})")


def too_large(size: int, max_bytes: int) -> str:
    """The reason given for a file over the limit.

    Examples
    --------
    >>> too_large(80 * 2**20, 64 * 2**20)
    'too large (80.0 MiB; the limit is 64.0 MiB, raise it with --max-size)'
    """
    return (f"too large ({size / 2**20:.1f} MiB; the limit is {max_bytes / 2**20:.1f} MiB, "
            "raise it with --max-size)")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_raw(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` bytes.

    Parameters
    ----------
    path
        The source file (symbolic links are followed).
    max_bytes
        Largest accepted size in bytes.

    Returns
    -------
    bytes
        The whole file.

    Raises
    ------
    SourceError
        When the path is not a regular file (``"not a regular file: a FIFO (named
        pipe)"`` …), is a directory, is larger than ``max_bytes`` (:func:`too_large`),
        or cannot be opened or read (:func:`os_reason`).

    Examples
    --------
    >>> read_raw("/dev/zero")
    Traceback (most recent call last):
    ...
    kg.errors.SourceError: /dev/zero: not a regular file: a character device
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise SourceError(name, os_reason(err)) from err
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError(name, "is a directory") from IsADirectoryError(
                errno.EISDIR, os.strerror(errno.EISDIR), name)
        if not stat.S_ISREG(st.st_mode):
            raise SourceError(name, f"not a regular file: {_kind(st.st_mode)}")
        if st.st_size > max_bytes:
            raise SourceError(name, too_large(st.st_size, max_bytes))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise SourceError(name, os_reason(err)) from err
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise SourceError(name, too_large(len(data), max_bytes))
    return data
