"""The HTML page: self-contained, and drawn by a real headless Chromium."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from kg.export.writers import export


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("no chromium on PATH: apt-get install chromium (./dev test does as root)")


def _run(args: list[str], page: Path, profile: Path) -> subprocess.CompletedProcess:
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--window-size=1200,900", "--virtual-time-budget=5000",
           *args, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of raw pixels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([bytes(line[j:j + 3]) for j in range(0, stride, bpp)])
        prev = line
    return width, height, rows


@pytest.fixture(scope="module")
def page(crafted_path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "graph.html"
    export(crafted_path, out, "html", "full")
    return out


def test_html_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    # no resource from elsewhere; the one URL is the loopback kg serve the evidence links open
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|https?://(?!w3id\.org|127\.0\.0\.1:7878\b)", text)
    assert "红山区" in text and "Hongshan Qu" in text


def test_html_chromium_draws_every_node(page, tmp_path):
    done = _run(["--dump-dom"], page, tmp_path / "profile")
    assert 'data-nodes-drawn="10"' in done.stdout, done.stderr[-2000:]
    assert 'data-edges-drawn="13"' in done.stdout


def test_html_chromium_screenshot_shows_the_graph(page, tmp_path):
    shot = tmp_path / "shot.png"
    _run([f"--screenshot={shot}"], page, tmp_path / "profile")
    assert shot.is_file()
    width, height, rows = _png_pixels(shot)
    assert (width, height) == (1200, 900)
    colours = {}
    for row in rows[60:]:  # below the header
        for px in row:
            colours[px] = colours.get(px, 0) + 1
    # the four family colours (Okabe–Ito) appear as filled discs
    for rgb in ((0, 114, 178), (0, 158, 115), (230, 159, 0), (204, 121, 167)):
        assert colours.get(bytes(rgb), 0) > 50, rgb
