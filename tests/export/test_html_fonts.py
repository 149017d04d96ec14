"""Chinese labels in the HTML view are drawn as glyphs, not as boxes (issue 12, item 13).

The page's font stack names the CJK families Debian ships (fonts-noto-cjk, fonts-wqy-*,
fonts-droid-fallback). Chromium draws a character no installed font has as the same
empty box whatever the character, so a Chinese label drawn with real glyphs differs from
a label of private-use characters (which no font has): the test compares the two.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from kg.export.html import write_html
from tests.export.test_html import _png_pixels, _run

pytestmark = pytest.mark.skipif(
    not shutil.which("fc-list") or not subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True,
                                                      text=True).stdout.strip(),
    reason="no Chinese font installed: apt-get install fonts-noto-cjk (README, Exporting)")


def _label_pixels(label: str, tmp_path: Path) -> set[tuple[int, int]]:
    G = nx.Graph(view="full")
    G.add_node("a", label=label, family="place", type="County")
    page = tmp_path / f"{len(label)}-{ord(label[0])}.html"
    buf = io.StringIO()
    write_html(G, buf)
    page.write_text(buf.getvalue(), encoding="utf-8")
    shot = tmp_path / (page.stem + ".png")
    _run([f"--screenshot={shot}"], page, tmp_path / "p")
    width, height, rows = _png_pixels(shot)
    # the label is drawn right of the node, which sits in the middle of the canvas
    return {(x, y) for y, row in enumerate(rows[90:], 90) for x, px in enumerate(row)
            if x > width // 2 + 8 and sum(px) < 450}


def test_html_fonts_chinese_labels_are_glyphs(tmp_path):
    chinese = _label_pixels("乌拉特后旗政法委", tmp_path)
    boxes = _label_pixels("\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007", tmp_path)
    assert len(chinese) > 100
    assert chinese != boxes
    # glyphs of eight different characters differ from eight identical boxes by many pixels
    assert len(chinese ^ boxes) > 0.3 * len(chinese)
