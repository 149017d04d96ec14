"""The query page in headless Chromium (Debian's package): runs a library query offline."""
from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium; ./dev test does it)")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
           "--virtual-time-budget=8000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def page_url(server_url: str) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import SynthWorld

    place = SynthWorld(4000).examples["place"]
    return f"{server_url}/?" + urllib.parse.urlencode({"q": "division_tree", "place": place, "run": 1})


def test_page_runs_library_query(server_url, tmp_path):
    out = chromium(tmp_path, "--dump-dom", page_url(server_url))
    dom = out.stdout
    assert "<table>" in dom, out.stderr[-2000:]
    assert dom.count("<tr>") > 5
    assert "rows in" in dom and "Download" in dom and "format=csv" in dom


def test_page_screenshot(server_url, tmp_path):
    shot = tmp_path / "page.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", page_url(server_url))
    assert shot.is_file() and shot.stat().st_size > 10_000
    keep = ROOT / "out"
    if keep.is_dir():  # ./dev seeds makes out/; keep the picture for a person to look at
        shutil.copy(shot, keep / "serve-page.png")
