"""Decoding: every supported encoding gives the same text; every bad input a clear reason."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.io.decode import BIG5, UTF16_NO_BOM, decode_bytes, read_source

DATA = Path(__file__).resolve().parent.parent / "data"
TEXT = "赤峰市松山区推行“枫叶调解”工作法。\n通辽市科尔沁区跟进。\n"


@pytest.mark.parametrize(("name", "encoding"), [
    ("utf8.txt", "utf-8"),
    ("utf8_bom.txt", "utf-8-sig"),
    ("gb18030.txt", "gb18030"),
    ("gbk.txt", "gb18030"),
    ("utf16le_bom.txt", "utf-16-le"),
    ("utf16be_bom.txt", "utf-16-be"),
])
def test_decode_encodings(name, encoding):
    src = read_source(DATA / "encodings" / name)
    assert src.text == TEXT
    assert src.encoding == encoding
    assert src.name == name


def test_decode_crlf_is_kept():
    src = read_source(DATA / "encodings" / "crlf.txt")
    assert src.text == TEXT.replace("\n", "\r\n")


def test_decode_bom_is_stripped_from_text():
    text, _ = decode_bytes("\ufeff赤峰".encode("utf-8"), "a.txt")
    assert text == "赤峰"


def test_decode_sha256_is_of_raw_bytes():
    path = DATA / "encodings" / "utf8_bom.txt"
    assert read_source(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("name", "reason"), [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("nul.txt", "binary file (NUL bytes)"),
    ("gb18030_garbage.txt", "binary file (does not look like text)"),
    ("random.txt", "not valid UTF-8, UTF-16 or GB18030 text"),
    ("undecodable.txt", "not valid UTF-8, UTF-16 or GB18030 text"),
])
def test_decode_bad_inputs(name, reason):
    path = DATA / "broken" / name
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert info.value.reason == reason
    assert str(info.value) == f"{path}: {reason}"


def test_decode_garbage_that_gb18030_accepts_is_refused():
    data = (DATA / "broken" / "gb18030_garbage.txt").read_bytes()
    data.decode("gb18030")  # strict decoding alone would let it through
    with pytest.raises(SourceError, match="does not look like text"):
        decode_bytes(data, "x.txt")


def test_decode_directory_is_unreadable(tmp_path):
    with pytest.raises(SourceError, match="is a directory$") as info:
        read_source(tmp_path)
    assert isinstance(info.value.__cause__, OSError)


def test_decode_missing_file(tmp_path):
    with pytest.raises(SourceError, match="no such file or directory$"):
        read_source(tmp_path / "absent.txt")


def test_decode_permission_denied(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("通辽市", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read a mode-000 file")
        with pytest.raises(SourceError, match="permission denied$") as info:
            read_source(path)
        assert isinstance(info.value.__cause__, PermissionError)
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_decode_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match=r"not a regular file: a FIFO \(named pipe\)$"):
        read_source(fifo)


# Issue 12, item 9: encodings that are refused are named, with what to do.
SIMPLIFIED = "赤峰市松山区推行工作法。\n通辽市科尔沁区跟进。\n"
TRADITIONAL = "赤峰市松山區推行「楓葉調解」工作法。\n通遼市科爾沁區跟進。\n"


@pytest.mark.parametrize(("data", "reason"), [
    (SIMPLIFIED.encode("utf-16-le"), UTF16_NO_BOM),
    (SIMPLIFIED.encode("utf-16-be"), UTF16_NO_BOM),
    ("赤峰市松山区推行工作法".encode("utf-16-le"), UTF16_NO_BOM),   # no ASCII, so no NUL byte
    (TRADITIONAL.encode("big5"), BIG5),
    (b"\x00\x01\x02\xff\xfe\x00" * 50, "binary file (NUL bytes)"),  # still binary
    (bytes(range(256)) * 4, "binary file (NUL bytes)"),
], ids=["utf16le", "utf16be", "utf16le-han-only", "big5", "binary", "all-bytes"])
def test_decode_refused_encodings_are_named(data, reason):
    with pytest.raises(SourceError) as info:
        decode_bytes(data, "p.txt")
    assert info.value.reason == reason


def test_decode_reasons_say_what_to_do():
    assert UTF16_NO_BOM == ("UTF-16 text without a byte-order mark, which cannot be told from binary "
                            "data: save it as UTF-8 (or UTF-16 with a BOM)")
    assert BIG5 == ("Big5 (traditional Chinese) text, which is not read: convert it to UTF-8 first, "
                    "e.g. iconv -f BIG5 -t UTF-8")


def test_decode_symlink_loop_is_named(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(SourceError) as info:
        read_source(loop)
    assert str(info.value) == f"{loop}: symbolic link loop (too many levels of symbolic links)"
