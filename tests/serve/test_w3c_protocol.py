"""The W3C SPARQL 1.1 Protocol test suite, run against ``kg serve`` on 127.0.0.1 (issue 13.1).

The manifest (``tests/serve/w3c/``, vendored with its licence) describes each test as
HTTP requests and expected responses. The runner loads every ``ut:graphData`` as a named
graph of one store, serves it, replays each request (path prefix ``/sparql/`` →
``/sparql``, ``Host`` → the test server) and checks the status class, the result
format and an ASK's boolean. Every query test must pass; every update request must be
refused with a 4xx, as a read-only endpoint should (its follow-up checks then do not
apply).
"""
from __future__ import annotations

import http.client
import json
from pathlib import Path
from xml.dom import minidom

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

W3C = Path(__file__).parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")

BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = BOOLEAN_TYPES + ("text/csv", "text/tab-separated-values")
RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml")


def _manifest():
    g = Graph().parse(W3C / "manifest.ttl", format="turtle", publicID=(W3C / "manifest.ttl").as_uri())
    root = next(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(root, MF.entries)):
        name = str(g.value(entry, MF.name))
        data = {str(g.value(d, RDFS.label)): Path(str(g.value(d, UT.graph)).removeprefix("file://"))
                for d in g.objects(entry, UT.graphData)}
        requests = []
        for req in Collection(g, g.value(g.value(entry, MF.action), HT.requests)):
            body = g.value(req, HT.body)
            headers = {str(g.value(h, HT.fieldName)): str(g.value(h, HT.fieldValue))
                       for h in Collection(g, g.value(req, HT.headers))} if g.value(req, HT.headers) else {}
            resp = g.value(req, HT.resp)
            requests.append({
                "method": str(g.value(req, HT.methodName)),
                "path": str(g.value(req, HT.absolutePath)),
                "body": None if body is None else str(g.value(body, CNT.chars)),
                "encoding": None if body is None else str(g.value(body, CNT.characterEncoding) or "UTF-8"),
                "headers": headers,
                "status": {str(s).rsplit("StatusCode", 1)[1] for s in g.objects(resp, MF.expectedStatus)},
                "format": (lambda v: None if v is None else str(v))(g.value(resp, MF.expectedFormat)),
                "boolean": (lambda v: None if v is None else bool(v.toPython()))(g.value(resp, MF.expectedBoolean)),
            })
        tests.append((str(entry).rsplit("#", 1)[1], name, data, requests))
    return tests


TESTS = _manifest()
UPDATE_TESTS = [t for t in TESTS if "update" in t[0]]
QUERY_TESTS = [t for t in TESTS if "update" not in t[0]]


def test_w3c_manifest_is_the_whole_suite():
    assert len(TESTS) == 34 and len(QUERY_TESTS) == 20 and len(UPDATE_TESTS) == 14


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    from kg.serve.app import ServeConfig, run_in_thread
    from kg.store.load import load_store

    tmp = tmp_path_factory.mktemp("w3c")
    graphs = {}
    for _, _, data, _ in TESTS:
        graphs.update(data)
    lines = []
    for label, path in sorted(graphs.items()):
        for line in (W3C / path.name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(f"{line.strip()[:-1].rstrip()} <{label}> .")
    (tmp / "w3c.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_store(tmp / "w3c.nq", tmp / "store")
    server, _ = run_in_thread(tmp / "store", ServeConfig(port=0, timeout=10, workers=1))
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _send(port: int, req: dict) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    path = req["path"].replace("/sparql/", "/sparql", 1)
    body = None if req["body"] is None else req["body"].encode(req["encoding"])
    headers = dict(req["headers"])
    if body is not None:
        headers["Content-Length"] = str(len(body))
    conn.request(req["method"], path, body=body, headers=headers)
    resp = conn.getresponse()
    out = resp.status, (resp.getheader("Content-Type") or "").split(";")[0].strip(), resp.read()
    conn.close()
    return out


def _boolean(media: str, body: bytes) -> bool:
    if media == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    node = minidom.parseString(body).getElementsByTagName("boolean")[0]
    return node.firstChild.nodeValue.strip() == "true"


@pytest.mark.parametrize("test", QUERY_TESTS, ids=[t[0] for t in QUERY_TESTS])
def test_w3c_protocol_query(endpoint, test):
    _, name, _, requests = test
    for req in requests:
        status, media, body = _send(endpoint, req)
        assert f"{status // 100}xx" in req["status"], (name, status, body[:300])
        if req["format"] == "boolean":
            assert media in BOOLEAN_TYPES, (name, media)
            if req["boolean"] is not None:
                assert _boolean(media, body) is req["boolean"], name
        elif req["format"] == "tabular":
            assert media in TABULAR_TYPES, (name, media)
        elif req["format"] == "RDF":
            assert media in RDF_TYPES, (name, media)
            Graph().parse(data=body.decode("utf-8"), format="turtle" if media == "text/turtle" else "nt")


@pytest.mark.parametrize("test", UPDATE_TESTS, ids=[t[0] for t in UPDATE_TESTS])
def test_w3c_protocol_update_refused(endpoint, test):
    _, name, _, requests = test
    first = requests[0]
    assert first["method"] in ("POST", "GET")
    status, media, body = _send(endpoint, first)
    assert 400 <= status < 500 and media == "application/json", (name, status)
    assert "error" in json.loads(body)
