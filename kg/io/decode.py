"""Decode a source file's bytes into text: BOM, UTF-8, UTF-16 and GB18030 detection.

Detection order
---------------
1. Empty input (no bytes, or only whitespace once decoded) is an error (``"empty file"``).
2. A byte-order mark decides: UTF-8 (``EF BB BF``), UTF-16 LE (``FF FE``) or
   UTF-16 BE (``FE FF``). The BOM is stripped, so character offsets count characters
   of the decoded text *without* the BOM.
3. Without a BOM, NUL bytes mean a binary file (UTF-16 without BOM is not accepted,
   but named as such in the reason).
4. Strict UTF-8, else strict GB18030 (a superset of GBK and GB2312).
5. The decoded text must look like text: few control characters and mostly CJK, ASCII
   printable or common punctuation — random bytes often decode as GB18030 and would
   otherwise pass.
6. A refused file that decodes as UTF-16 without a BOM or as Big5 into plausible text
   is reported as such, with what to do (these encodings are not read: they cannot be
   told reliably from binary data or from GB18030).

Newlines are *not* converted: ``\\r\\n`` stays in ``Source.text`` so that offsets index
the source as it is; :func:`kg.text.normalize.normalize` handles ``\\r\\n`` and ``\\r``.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import SourceError
from kg.io.guard import DEFAULT_MAX_BYTES, read_raw

__all__ = ["Source", "decode_bytes", "read_source", "UNDECODABLE", "BINARY", "EMPTY", "UTF16_NO_BOM", "BIG5"]

EMPTY = "empty file"
BINARY = "binary file (NUL bytes)"
UNDECODABLE = "not valid UTF-8, UTF-16 or GB18030 text"
NOT_TEXT = "binary file (does not look like text)"
UTF16_NO_BOM = ("UTF-16 text without a byte-order mark, which cannot be told from binary data: "
                "save it as UTF-8 (or UTF-16 with a BOM)")
BIG5 = ("Big5 (traditional Chinese) text, which is not read: convert it to UTF-8 first, "
        "e.g. iconv -f BIG5 -t UTF-8")

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
        ``"binary file (does not look like text)"``,
        ``"not valid UTF-8, UTF-16 or GB18030 text"``, or :data:`UTF16_NO_BOM` /
        :data:`BIG5` when the bytes are recognisably one of those.

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
        raise SourceError(path, _diagnose(data) or BINARY)
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise SourceError(path, EMPTY)
        if not _looks_like_text(text):
            raise SourceError(path, _diagnose(data) or NOT_TEXT)
        return text, codec
    raise SourceError(path, _diagnose(data) or UNDECODABLE)


def _diagnose(data: bytes) -> str | None:
    """Name an encoding that is refused but recognisable, for a message that helps.

    Why: UTF-16 without a BOM and Big5 are otherwise reported as binary or undecodable,
    which leaves a researcher with a text file they cannot explain.
    """
    for codec, reason in (("utf-16-le", UTF16_NO_BOM), ("utf-16-be", UTF16_NO_BOM), ("big5", BIG5)):
        if codec.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text.strip() and _looks_like_text(text) and _mostly_han_or_ascii(text):
            return reason
    return None


def _mostly_han_or_ascii(text: str) -> bool:
    """True when nine characters in ten are common Han, ASCII or CJK punctuation."""
    common = sum(1 for ch in text if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                 or "\uff00" <= ch <= "\uffef")
    return common >= 0.9 * len(text)


def read_source(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode one source file.

    Parameters
    ----------
    path
        The source file.
    max_bytes
        Largest accepted size (:func:`kg.io.guard.read_raw`).

    Raises
    ------
    SourceError
        When the file is not a regular file, too large, cannot be opened (no such file,
        permission denied, a symbolic link loop, …; chained from the ``OSError``) or
        :func:`decode_bytes` refuses it.
    """
    p = Path(path)
    data = read_raw(p, max_bytes)
    text, encoding = decode_bytes(data, str(p))
    return Source(path=p, name=p.name, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
