"""The HTML view of the seeds: packed layout fills the canvas, labels never overlap, edges show evidence.

The drawing is checked in Debian's headless Chromium (skipped with a reason where it is
missing): the screenshot's node pixels and the label boxes the page reports.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.export.attributes import FAMILY_COLOURS, layout
from kg.export.html import packed_layout, page_data
from kg.export.views import build_view, load_facts
from kg.export.writers import export
from tests.export.test_html import _png_pixels, _run

W, H = 1200, 900


@pytest.fixture(scope="module")
def seeds_view(seeds_graph):
    return build_view(load_facts(seeds_graph), "full")


@pytest.fixture(scope="module")
def seeds_page(seeds_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html-seeds") / "seeds.html"
    export(seeds_graph, out, "html", "full")
    return out


def cells_filled(points: list[tuple[float, float]], w: float = W, h: float = H - 80, grid: int = 4) -> float:
    """Share of a grid×grid partition of the canvas holding a node, after fitting the points to it."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    k = min((w - 60) / max(max(xs) - min(xs), 1), (h - 40) / max(max(ys) - min(ys), 1))
    cells = {(min(grid - 1, int((w / 2 + k * (x - (min(xs) + max(xs)) / 2)) / w * grid)),
              min(grid - 1, int((h / 2 + k * (y - (min(ys) + max(ys)) / 2)) / h * grid))) for x, y in points}
    return len(cells) / grid ** 2


def test_html_view_packed_layout_fills_the_view(seeds_view):
    """One layout of the whole graph lets the isolated nodes set the scale; packing does not."""
    old = cells_filled(list(layout(seeds_view).values()))
    new = cells_filled(list(packed_layout(seeds_view).values()))
    assert new >= 0.6 and new > old, (old, new)


def test_html_view_packed_layout_keeps_components_apart():
    G = nx.Graph([(i, i + 1) for i in range(10)] + [(20, 21), (21, 22)])
    G.add_nodes_from([30, 31])
    pos = packed_layout(G)

    def box(ns):
        return (min(pos[n][0] for n in ns), max(pos[n][0] for n in ns), min(pos[n][1] for n in ns), max(pos[n][1] for n in ns))

    boxes = [box(range(11)), box([20, 21, 22]), box([30]), box([31])]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2], (a, b)
    assert packed_layout(G) == pos  # deterministic


def _overlaps(boxes: list[list[int]]) -> list[tuple]:
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]]


def _run_url(url: str, tmp_path: Path) -> str:
    from tests.export.test_html import _chromium

    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           f"--user-data-dir={tmp_path / 'p'}", f"--window-size={W},{H}", "--virtual-time-budget=5000",
           "--dump-dom", url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout


def _attr(dom: str, name: str) -> str:
    return re.search(rf'{name}="([^"]*)"', dom).group(1).replace("&quot;", '"')


_LAYOUT_IN_A_CHILD = """
import json, networkx as nx
from kg.export.html import packed_layout
G = nx.Graph([(f"n{i}", f"n{i + 1}") for i in range(10)] + [("x", "y"), ("y", "z"), ("z", "w"), ("w", "x")])
print(json.dumps(sorted(packed_layout(G).items())))
"""


def test_html_view_packed_layout_does_not_depend_on_the_hash_seed():
    """String hashes change from one process to the next; the page's positions must not."""
    root = Path(__file__).resolve().parents[2]
    runs = {subprocess.run([sys.executable, "-c", _LAYOUT_IN_A_CHILD], capture_output=True, text=True,
                           check=True, cwd=root, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(runs) == 1 and json.loads(runs.pop())


def test_html_view_labels_do_not_overlap_and_more_show_on_zoom(seeds_page, tmp_path):
    dom = _run_url(seeds_page.as_uri(), tmp_path)
    boxes = json.loads(_attr(dom, "data-label-boxes"))
    assert len(boxes) >= 30 and _overlaps(boxes) == []  # 36 of 162 at 1200×900
    zoomed = _run_url(seeds_page.as_uri() + "#zoom=3", tmp_path)
    zboxes = json.loads(_attr(zoomed, "data-label-boxes"))
    assert _overlaps(zboxes) == []
    # zoom 3 about the canvas centre shows the middle third; it gets more labels than it had
    cx, cy = W / 2, (H - 80) / 2
    middle = [b for b in boxes if abs(b[0] - cx) < W / 6 and abs(b[1] + 8 - cy) < (H - 80) / 6]
    assert len(middle) >= 5 and len(zboxes) > len(middle), (len(middle), len(zboxes))  # 18 → 33


def test_html_view_screenshot_nodes_spread(seeds_page, tmp_path):
    shot = tmp_path / "shot.png"
    _run([f"--screenshot={shot}"], seeds_page, tmp_path / "p")
    width, height, rows = _png_pixels(shot)
    colours = {bytes(c) for c in FAMILY_COLOURS.values()}
    pts = [(x, y) for y, row in enumerate(rows[90:], 90) for x, px in enumerate(row) if px in colours]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    assert (max(xs) - min(xs)) / width > 0.7 and (max(ys) - min(ys)) / (height - 90) > 0.7
    cells = {(x * 4 // width, (y - 90) * 4 // (height - 90)) for x, y in pts}
    assert len(cells) >= 10, sorted(cells)


def test_html_view_edge_click_shows_evidence(seeds_view, seeds_graph, seeds_page, tmp_path):
    from kg.export.html import edge_evidence

    data = page_data(seeds_view, edge_evidence(seeds_graph))
    i = next(i for i, ev in enumerate(data["evidence"]) if ev and ev[0]["highlights"])
    dom = _run_url(seeds_page.as_uri() + f"#edge={i}", tmp_path)
    panel = dom.split('id="evidence"', 1)[1].split("</aside>", 1)[0]
    ev = data["evidence"][i][0]
    a, b = ev["highlights"][0]
    assert f"<mark>{ev['sentence'][a:b]}</mark>" in panel
    assert f"/source?file={ev['file']}&amp;start={ev['start']}&amp;end={ev['end']}#hit" in panel


def test_html_view_place_filter(seeds_page, tmp_path):
    all_nodes = int(_attr(_run_url(seeds_page.as_uri(), tmp_path), "data-nodes-drawn"))
    dom = _run_url(seeds_page.as_uri() + "#place=" + "乌拉特中旗", tmp_path)
    some = int(_attr(dom, "data-nodes-drawn"))
    assert 1 < some < all_nodes / 4


def test_html_view_family_filter(seeds_view, seeds_page, tmp_path):
    want = sum(1 for _n, d in seeds_view.nodes(data=True) if d.get("family") in ("place", "scheme"))
    dom = _run_url(seeds_page.as_uri() + "#families=place,scheme", tmp_path)
    assert int(_attr(dom, "data-nodes-drawn")) == want
    kept = {(u, v) for u, v in seeds_view.edges() if {seeds_view.nodes[u].get("family"), seeds_view.nodes[v].get("family")}
            <= {"place", "scheme"}}
    assert int(_attr(dom, "data-edges-drawn")) == sum(
        1 for u, v, _k in seeds_view.edges(keys=True) if (u, v) in kept)
