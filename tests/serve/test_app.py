"""kg serve: SPARQL 1.1 Protocol with a real client, read-only, timeout, row limit, CORS."""
from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper as Client  # noqa: E402

COUNTIES = ("SELECT ?c ?l WHERE { ?c a gov:County ; rdfs:label ?l . "
            "FILTER(STRSTARTS(STR(?c), 'https://w3id.org/govkg/id/place/1101')) } ORDER BY ?c")
PREFIXES = ("PREFIX gov: <https://w3id.org/govkg/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def client(url, fmt, method="GET"):
    c = Client(url + "/sparql")
    c.setQuery(PREFIXES + COUNTIES)
    c.setReturnFormat(fmt)
    c.setMethod(method)
    return c


@pytest.mark.parametrize("method", ["GET", POST])
def test_app_sparqlwrapper_json_xml(server_url, method):
    js = client(server_url, JSON, method).query().convert()
    labels = [b["l"]["value"] for b in js["results"]["bindings"]]
    assert len(labels) == 7 and js["results"]["bindings"][0]["l"]["xml:lang"] == "zh"
    xml = client(server_url, XML, method).query().convert()
    assert [n.firstChild.nodeValue for n in xml.getElementsByTagName("literal")] == labels


def test_app_sparqlwrapper_csv_tsv(server_url):
    js = client(server_url, JSON).query().convert()
    labels = [b["l"]["value"] for b in js["results"]["bindings"]]
    rows = list(csv.reader(io.StringIO(client(server_url, CSV).query().convert().decode())))
    assert rows[0] == ["c", "l"] and [r[1] for r in rows[1:]] == labels
    tsv = client(server_url, TSV).query().convert().decode().splitlines()
    assert tsv[0] == "?c\t?l" and [line.split("\t")[1] for line in tsv[1:]] == [f'"{x}"@zh' for x in labels]


def test_app_construct_turtle_and_ntriples(server_url):
    c = Client(server_url + "/sparql")
    c.setQuery(PREFIXES + "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a gov:Province ; rdfs:label ?l }")
    c.setReturnFormat(TURTLE)
    g = Graph().parse(data=c.query().convert(), format="turtle")
    assert len(g) == 1
    req = urllib.request.Request(server_url + "/sparql", data=urllib.parse.urlencode(
        {"query": PREFIXES + "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a gov:Province ; rdfs:label ?l }"}
    ).encode(), headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Type"].startswith("application/n-triples")
        assert len(Graph().parse(data=resp.read().decode(), format="nt")) == 1


def post(url, body: bytes, ctype: str, accept="application/sparql-results+json"):
    req = urllib.request.Request(url + "/sparql", data=body,
                                 headers={"Content-Type": ctype, "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.mark.parametrize("body, ctype", [
    (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    (b"update=DROP+ALL", "application/x-www-form-urlencoded"),
])
def test_app_updates_refused(server_url, body, ctype):
    status, _, data = post(server_url, body, ctype)
    assert status == 403 and "read-only" in json.loads(data)["error"]


def test_app_update_as_query_is_refused_by_name(server_url):
    status, _, data = post(server_url, b"PREFIX a: <urn:a>\nDROP ALL", "application/sparql-query")
    assert status == 403
    assert json.loads(data)["error"] == ("updates are not accepted: DROP is SPARQL Update, "
                                         "and this is read-only at line 2, column 1")


def test_app_sparql_query_body_and_params(server_url):
    status, headers, data = post(server_url, b"SELECT ?l WHERE { ?c a gov:Province ; rdfs:label ?l }",
                                 "application/sparql-query")
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    label = json.loads(data)["results"]["bindings"][0]["l"]["value"]
    body = urllib.parse.urlencode({"query": "ASK { ?c rdfs:label ?name }", "param": f"name={label}"})
    status, _, data = post(server_url, body.encode(), "application/x-www-form-urlencoded")
    assert json.loads(data) == {"head": {}, "boolean": True}
    body = urllib.parse.urlencode({"query": "ASK { ?c rdfs:label ?name }", "param": 'name=x" } ; DROP ALL'})
    assert json.loads(post(server_url, body.encode(), "application/x-www-form-urlencoded")[2])["boolean"] is False


def test_app_row_limit(server_url):
    status, headers, data = post(server_url, b"SELECT * WHERE { ?s ?p ?o }", "application/sparql-query")
    assert status == 200 and headers["X-Truncated"] == "true" and headers["X-Row-Limit"] == "50"
    assert len(json.loads(data)["results"]["bindings"]) == 50


def test_app_runaway_query_is_stopped_and_others_answered(server_url):
    t = time.monotonic()
    status, _, data = post(server_url, RUNAWAY.encode(), "application/sparql-query")
    assert status == 503 and "timeout" in json.loads(data)["error"]
    assert time.monotonic() - t < 10
    # the other worker answers at once; the killed one is replaced in the background
    for _ in range(5):
        status, _, _ = post(server_url, b"ASK { ?s a gov:Province }", "application/sparql-query")
        assert status == 200


def test_app_cors_only_for_chosen_origins(server_url):
    from tests.serve.conftest import LAB

    for origin, allowed in [(LAB, LAB), ("https://evil.example", None), (None, None)]:
        headers = {"Origin": origin} if origin else {}
        req = urllib.request.Request(server_url + "/sparql", method="OPTIONS", headers=headers)
        with urllib.request.urlopen(req) as resp:
            assert resp.status == 204 and resp.headers["Access-Control-Allow-Origin"] == allowed
        req = urllib.request.Request(server_url + "/sparql?query=ASK%7B%7D", headers=headers)
        with urllib.request.urlopen(req) as resp:
            assert resp.headers["Access-Control-Allow-Origin"] == allowed


def test_app_errors_are_json(server_url):
    for path, code in [("/nothing", 404), ("/sparql", 400), ("/sparql?query=ASK{}&format=pdf", 400)]:
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(server_url + path)
        assert info.value.code == code
        assert "error" in json.loads(info.value.read())


def test_app_page_and_library(server_url):
    with urllib.request.urlopen(server_url + "/") as resp:
        html = resp.read().decode()
    assert "/static/app.js" in html and "http" not in html.replace("http-equiv", "")
    with urllib.request.urlopen(server_url + "/queries.json") as resp:
        names = {q["name"] for q in json.loads(resp.read())}
    assert "rollup_schemes" in names
    with urllib.request.urlopen(server_url + "/static/app.js") as resp:
        assert "fetch(\"/sparql\"" in resp.read().decode()


def test_app_syntax_error_names_its_line(server_url):
    """Issue 12.9: the line of an unfinished expression, not the end of the query."""
    status, _, data = post(server_url, b"SELECT ?x WHERE {\n ?x ?p ?y .\n FILTER(?y = )\n}",
                           "application/sparql-query")
    body = json.loads(data)
    assert status == 400 and (body["line"], body["column"]) == (3, 2), body
