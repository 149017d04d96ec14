"""`kg serve` routes /search, /evidence and /source over the seeds graph and its source folder."""
from __future__ import annotations

import html
import json
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.io.decode import read_source
from kg.serve.app import ServeConfig, run_in_thread


@pytest.fixture(scope="module")
def seeds_server(seeds_graph, seeds_dir, tmp_path_factory):
    # a decoy: a file named like a seed page but with other content must not be served
    decoy = tmp_path_factory.mktemp("decoy")
    (decoy / "000_b6e0c8eb3083d629.txt").write_text("不是原文", encoding="utf-8")
    (decoy / "secret.txt").write_text("secret", encoding="utf-8")
    server, _t = run_in_thread(seeds_graph, ServeConfig(port=0, workers=1,
                                                        sources=(str(decoy), str(seeds_dir))))
    yield f"http://127.0.0.1:{server.server_address[1]}", server
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8")


def test_search_routes_search_json(seeds_server):
    base, _ = seeds_server
    status, ctype, body = get(f"{base}/search?text=wulate%20houqi&limit=3")
    rows = json.loads(body)
    assert status == 200 and ctype.startswith("application/json")
    assert rows[0]["label"] == "乌拉特后旗" and rows[0]["via"] == "pinyin" and len(rows) <= 6
    status, ctype, body = get(f"{base}/search?text=" + urllib.parse.quote("一村一警") + "&format=csv")
    assert status == 200 and body.startswith("kind,rank,label")
    assert get(f"{base}/search?text=")[0] == 400
    assert get(f"{base}/search?text=x&limit=abc")[0] == 400


def test_search_routes_evidence_and_source(seeds_server, seeds_dir):
    base, _ = seeds_server
    hit = json.loads(get(f"{base}/search?text=" + urllib.parse.quote("1+3+3"))[2])[0]
    status, _, body = get(f"{base}/evidence?s=" + urllib.parse.quote(hit["iri"]))
    ev = json.loads(body)
    assert status == 200 and ev and all(e["s"] == hit["iri"] and e["source"] for e in ev)
    e = ev[0]
    a, b = e["highlights"][0]
    assert "1+3+3" in e["sentence"][a:b]
    q = urllib.parse.urlencode({"file": e["file"], "start": e["start"], "end": e["end"]})
    status, ctype, page = get(f"{base}/source?{q}")
    text = read_source(seeds_dir / e["file"]).text
    assert status == 200 and ctype.startswith("text/html")
    assert f'<mark id="hit">{html.escape(text[e["start"]:e["end"]])}</mark>' in page
    status, _, raw = get(f"{base}/source?file={e['file']}&format=text")
    assert status == 200 and raw == text


@pytest.mark.parametrize("name", ["secret.txt", "../secret.txt", "/etc/passwd", "%2e%2e%2fsecret.txt",
                                  "seeds/000_b6e0c8eb3083d629.txt", ""])
def test_search_routes_source_refuses_other_paths(seeds_server, name):
    base, _ = seeds_server
    status, ctype, body = get(f"{base}/source?file={name}")
    assert status == 404 and ctype.startswith("application/json")
    assert "not a source file of this graph" in json.loads(body)["error"]


def test_search_routes_decoy_with_other_content_not_served(seeds_server):
    base, server = seeds_server
    # the seed file is served from seeds/, not the decoy folder listed first
    assert "不是原文" not in get(f"{base}/source?file=000_b6e0c8eb3083d629.txt&format=text")[2]
    assert set(server.extra_routes.files) == {f"00{i}_" + h for i, h in enumerate(
        ["b6e0c8eb3083d629.txt", "95525b8b5975eef3.txt", "d06a25828092b1af.txt", "bcb9f7f058462938.txt",
         "24995194477da4f1.txt"])}


def test_search_routes_without_sources(seeds_graph):
    server, _t = run_in_thread(seeds_graph, ServeConfig(port=0, workers=1))
    try:
        status, _, body = get(f"http://127.0.0.1:{server.server_address[1]}/source?file=000_b6e0c8eb3083d629.txt")
        assert status == 404 and "started without --sources" in json.loads(body)["error"]
    finally:
        server.shutdown()
        server.server_close()
    assert not server.extra_routes.index.path.exists()  # the temporary index is removed
