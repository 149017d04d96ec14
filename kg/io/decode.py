"""Decode a source file's bytes into text: BOM, UTF-8, UTF-16 and GB18030 detection.

Detection order
---------------
1. Empty input (no bytes, or only whitespace once decoded) is an error (``"empty file"``).
2. A byte-order mark decides: UTF-8 (``EF BB BF``), UTF-16 LE (``FF FE``) or
   UTF-16 BE (``FE FF``). The BOM is stripped, so character offsets count characters
   of the decoded text *without* the BOM.
3. Without a BOM, NUL bytes mean a binary file (UTF-16 without BOM is not accepted).
4. Strict UTF-8, else strict GB18030 (a superset of GBK and GB2312).
5. The decoded text must look like text: few control characters and mostly CJK, ASCII
   printable or common punctuation — random bytes often decode as GB18030 and would
   otherwise pass.

Newlines are *not* converted: ``\\r\\n`` stays in ``Source.text`` so that offsets index
the source as it is; :func:`kg.text.normalize.normalize` handles ``\\r\\n`` and ``\\r``.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import SourceError

__all__ = ["Source", "decode_bytes", "read_source", "UNDECODABLE", "BINARY", "EMPTY"]

EMPTY = "empty file"
BINARY = "binary file (NUL bytes)"
UNDECODABLE = "not valid UTF-8, UTF-16 or GB18030 text"
NOT_TEXT = "binary file (does not look like text)"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
#: Largest share of characters that may be implausible (controls, private use,
#: unassigned, rare scripts) before a decoded text is called binary.
_MAX_ODD_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Source:
    """One decoded source file.

    ``text`` is the decoded text (BOM stripped, newlines untouched); ``sha256`` is the
    digest of the raw bytes, so a cache keyed on it sees any byte change; ``encoding`` is
    the codec that decoded it (``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``utf-16-be`` or
    ``gb18030``).
    """

    path: Path
    name: str
    text: str
    sha256: str
    encoding: str


def _is_plausible_char(ch: str) -> bool:
    if ch in "\n\r\t\f":
        return True
    cat = unicodedata.category(ch)
    if cat[0] == "C":          # Cc control, Co private use, Cn unassigned, Cs, Cf
        return ch in "\u200b\u200c\u200d\u2060"
    cp = ord(ch)
    if cp < 0x0250:            # ASCII and Latin
        return True
    return (
        0x2000 <= cp <= 0x2BFF      # general punctuation, symbols, arrows, shapes
        or 0x2E80 <= cp <= 0x9FFF   # CJK radicals, punctuation, kana, Han
        or 0xF900 <= cp <= 0xFAFF   # CJK compatibility ideographs
        or 0xFE30 <= cp <= 0xFE4F   # CJK compatibility forms
        or 0xFF00 <= cp <= 0xFFEF   # half/full-width forms
        or 0x20000 <= cp <= 0x3134F  # CJK extensions B..G
        or 0x0370 <= cp <= 0x04FF   # Greek, Cyrillic (appear in GB text)
        or cp in (0xFFFD,)
    )


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    # each distinct character is classified once: a page repeats a few thousand characters
    odd = sum(n for ch, n in Counter(text).items() if not _is_plausible_char(ch))
    return odd <= _MAX_ODD_SHARE * len(text)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data`` read from ``path`` and return ``(text, encoding)``.

    Parameters
    ----------
    data
        The raw bytes of the file.
    path
        Used only in error messages.

    Returns
    -------
    tuple of (str, str)
        The text (BOM stripped, newlines untouched) and the codec name.

    Raises
    ------
    SourceError
        ``"empty file"``, ``"binary file (NUL bytes)"``,
        ``"binary file (does not look like text)"`` or
        ``"not valid UTF-8, UTF-16 or GB18030 text"``.

    Examples
    --------
    >>> decode_bytes("通辽市".encode("gb18030"), "a.txt")
    ('通辽市', 'gb18030')
    >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe8\\xb5\\xa4\\xe5\\xb3\\xb0", "b.txt")
    ('赤峰', 'utf-8-sig')
    """
    if not data:
        raise SourceError(path, EMPTY)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as err:
                raise SourceError(path, f"{UNDECODABLE} (BOM says {name}, byte {err.start + len(bom)} is invalid)") from err
            if not text.strip():
                raise SourceError(path, EMPTY)
            if not _looks_like_text(text):
                raise SourceError(path, NOT_TEXT)
            return text, codec
    if b"\x00" in data:
        raise SourceError(path, BINARY)
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise SourceError(path, EMPTY)
        if not _looks_like_text(text):
            raise SourceError(path, NOT_TEXT)
        return text, codec
    raise SourceError(path, UNDECODABLE)


def read_source(path: str | os.PathLike) -> Source:
    """Read and decode one source file.

    Raises
    ------
    SourceError
        When the file cannot be opened (no such file, permission denied, is a
        directory, …; chained from the ``OSError``) or :func:`decode_bytes` refuses it.
    """
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            # a FIFO or device would block or never end
            raise SourceError(str(p), "not a regular file")
        with open(p, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as err:
        raise SourceError(str(p), "no such file or directory") from err
    except IsADirectoryError as err:
        raise SourceError(str(p), "is a directory") from err
    except PermissionError as err:
        raise SourceError(str(p), "permission denied") from err
    except OSError as err:
        raise SourceError(str(p), f"cannot read ({err.strerror or err})") from err
    text, encoding = decode_bytes(data, str(p))
    return Source(path=p, name=p.name, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
