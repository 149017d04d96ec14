"""kg serve and kg query under attack (issue 12, items 1, 2 and 4).

A recording HTTP server on loopback stands for an internal address: no query may make
govkg send it anything unless --allow-service names it.
"""
from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
EMPTY_RESULTS = b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "inside"}}]}}'


@pytest.fixture()
def internal():
    """An 'internal' HTTP service on loopback that records every request it gets."""
    seen: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self):
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
            self.end_headers()
            self.wfile.write(EMPTY_RESULTS)

        do_GET = do_POST = _answer

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{srv.server_address[1]}", seen
    srv.shutdown()
    srv.server_close()


def get(url: str, headers: dict[str, str] | None = None, method: str = "GET", data: bytes | None = None):
    req = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def sparql(url: str, query: str, **extra: str):
    return get(url + "/sparql?" + urllib.parse.urlencode({"query": query, **extra}))


@pytest.mark.parametrize("template, feature", [
    ("SELECT * WHERE {{ SERVICE <http://{addr}/secret> {{ ?s ?p ?o }} }}", "SERVICE <http://"),
    ("SELECT * WHERE {{ SERVICE SILENT <http://{addr}/secret> {{ ?s ?p ?o }} }}", "SERVICE <http://"),
    ("SELECT * FROM <http://{addr}/data.ttl> WHERE {{ ?s ?p ?o }}", "FROM <http://"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM NAMED <file:"),
])
def test_serve_refuses_to_reach_out(server_url, internal, template, feature):
    addr, seen = internal
    status, _, body = sparql(server_url, template.format(addr=addr))
    assert status == 400 and json.loads(body)["error"].startswith(feature)
    assert seen == []


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_refuses_service_and_from_on_both_engines(seeds_graph, internal, engine):
    addr, seen = internal
    for q in (f"SELECT * WHERE {{ SERVICE <http://{addr}/x> {{ ?s ?p ?o }} }}",
              f"SELECT * FROM <http://{addr}/x.ttl> WHERE {{ ?s ?p ?o }}",
              "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }"):
        res = runner.invoke(app, ["query", str(seeds_graph), "-e", q, "--engine", engine])
        assert res.exit_code == 2 and "is refused" in res.stderr, res.stderr
    assert seen == []


def test_query_allow_service_opts_in(seeds_graph, internal):
    addr, seen = internal
    q = f"SELECT ?x WHERE {{ SERVICE <http://{addr}/sparql> {{ ?x ?p ?o }} }}"
    res = runner.invoke(app, ["query", str(seeds_graph), "-e", q, "--allow-service", addr, "-f", "csv"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.splitlines() == ["x", "inside"] and len(seen) == 1


def test_serve_from_a_held_graph_selects_it(server_url):
    status, _, body = sparql(server_url, "ASK FROM <https://w3id.org/govkg/graph/divisions> "
                                         "{ ?p <https://w3id.org/govkg/ontology#divisionCode> ?c }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_checks_the_host_header(server_url):
    port = server_url.rsplit(":", 1)[1]
    for host, ok in [(f"127.0.0.1:{port}", True), (f"localhost:{port}", True),
                     ("evil.example", False), (f"attacker.example:{port}", False)]:
        status, _, body = get(server_url + "/sparql?query=ASK%7B%7D", {"Host": host})
        assert (status == 200) is ok, (host, status)
        if not ok:
            assert status == 403 and "DNS rebinding" in json.loads(body)["error"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_serve_other_methods_405_json_with_allow(server_url, method):
    status, headers, body = get(server_url + "/sparql?query=ASK%7B%7D", method=method, data=b"")
    assert status == 405 and headers["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["error"].startswith(f"method {method} is not allowed on /sparql")


def raw_request(url: str, request: bytes, wait: float = 5.0) -> bytes:
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(request)
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except socket.timeout:
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


@pytest.mark.parametrize("length", [b"abc", b"-1", b"1e9"])
def test_serve_bad_content_length_is_400_and_closes(server_url, length, capfd):
    t = time.monotonic()
    reply = raw_request(server_url, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/sparql-query\r\nContent-Length: " + length +
                        b"\r\n\r\nASK {}")
    assert time.monotonic() - t < 2  # answered and closed: no thread left waiting for a body
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and b"Connection: close" in head
    assert json.loads(body)["error"] == f"Content-Length {length.decode()!r} is not a byte count"
    assert "Traceback" not in capfd.readouterr().err


def test_serve_unknown_method_and_bad_request_line_are_json(server_url):
    reply = raw_request(server_url, b"BREW /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 501") and "error" in json.loads(body)
    reply = raw_request(server_url, b"GET /sparql extra HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert b" 400 " in head.split(b"\r\n")[0] and "error" in json.loads(body)


def test_serve_head_does_not_run_the_query(server_url):
    from tests.serve.test_app import RUNAWAY

    t = time.monotonic()
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server_url).netloc, timeout=10)
    conn.request("HEAD", "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY}))
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Content-Type").startswith("application/sparql-results+json")
    assert resp.read() == b"" and time.monotonic() - t < 1.5  # the runaway query takes the 2 s timeout
    conn.close()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_error_bodies_name_no_server_path(server_url, tmp_path_factory):
    """A failing fetch (SERVICE to a closed port) was a 500 whose body began with the
    store's path; every error now names none."""
    root = str(tmp_path_factory.getbasetemp())
    service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{closed_port()}/sparql> {{ ?s ?p ?o }} }}"
    wrong = []
    for path in ("/sparql?query=SELECT", "/nothing", "/static/../x",
                 "/sparql?query=" + urllib.parse.quote(service),
                 "/sparql?query=" + urllib.parse.quote("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }")):
        status, _, body = get(server_url + path)
        if status < 400 or root in body.decode() or "/tmp" in body.decode():
            wrong.append((path, status, body.decode()))
    assert wrong == []


def test_serve_deep_query_is_400_and_others_stay_fast(server_url):
    deep = "ASK " + "{" * 5000 + "}" * 5000
    results: list[int] = []

    def attack():
        status, _, body = get(server_url + "/sparql", method="POST", data=deep.encode(),
                              headers={"Content-Type": "application/sparql-query"})
        results.append(status)
        assert "nested 5000 levels deep; the limit is 256" in json.loads(body)["error"]

    threads = [threading.Thread(target=attack) for _ in range(40)]
    t = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [400] * 40 and time.monotonic() - t < 10
    t = time.monotonic()
    status, _, _ = sparql(server_url, "ASK { ?s a <https://w3id.org/govkg/ontology#Province> }")
    assert status == 200 and time.monotonic() - t < 1


def test_query_deep_query_is_an_error_not_a_crash(seeds_graph, tmp_path):
    """In a child process: before the guard the parser's segfault (exit 139) took pytest down."""
    import subprocess
    import sys
    from pathlib import Path

    rq = tmp_path / "deep.rq"
    rq.write_text("ASK " + "{" * 5000 + "}" * 5000)
    res = subprocess.run([sys.executable, "-m", "kg", "query", str(seeds_graph), str(rq)],
                         cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2, (res.returncode, res.stderr[-300:])
    assert res.stderr.strip() == "Error: the query is nested 5000 levels deep; the limit is 256"
