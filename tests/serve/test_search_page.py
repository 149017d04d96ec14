"""The query page's search box and evidence panel in headless Chromium (Debian's package)."""
from __future__ import annotations

import urllib.parse

import pytest

from tests.serve.test_page import CHROMIUM, chromium
from tests.serve.test_search_routes import seeds_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium; ./dev test does it)")


def test_search_page_box_lists_hits(seeds_server, tmp_path):
    base, _ = seeds_server
    dom = chromium(tmp_path, "--dump-dom", f"{base}/?search=wulatehouqi").stdout
    assert "<strong>乌拉特后旗</strong>" in dom
    assert 'id="search-to-sparql"' in dom
    dom = chromium(tmp_path, "--dump-dom", f"{base}/?search=" + urllib.parse.quote("一村一警")).stdout
    assert "<mark>一村一警</mark>" in dom and "/source?file=002_d06a25828092b1af.txt" in dom


def test_search_page_relation_click_shows_evidence(seeds_server, tmp_path):
    base, _ = seeds_server
    ids = "<https://w3id.org/govkg/id/place/150825000000>"  # 乌拉特后旗
    q = urllib.parse.urlencode({"q": "search_entities", "entities": ids, "run": 1, "evidence": 1})
    dom = chromium(tmp_path, "--dump-dom", f"{base}/?{q}").stdout
    assert 'class="relation"' in dom  # relation cells are wired
    panel = dom.split('id="evidence"', 1)[1].split("</aside>", 1)[0]
    assert "Evidence:" in panel and "<mark>" in panel and "乌拉特后旗" in panel
    assert "/source?file=" in panel and "start=" in panel
