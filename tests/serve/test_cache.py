"""Answers kept by (request, graph version), with ETag / If-None-Match (issue 13.5)."""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from kg.serve.cache import ResultCache, request_key
from kg.serve.pool import Answer

QUERY = "SELECT ?l WHERE { ?c a gov:County ; rdfs:label ?l } ORDER BY ?l LIMIT 5"


def get(url: str, query: str, headers: dict[str, str] | None = None):
    req = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode({"query": query}),
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_cache_repeated_query_is_a_hit_with_the_same_etag(server_url):
    q = QUERY + " # cache test 1"
    s1, h1, b1 = get(server_url, q)
    s2, h2, b2 = get(server_url, q)
    assert (s1, s2) == (200, 200) and h1["X-Cache"] == "miss" and h2["X-Cache"] == "hit"
    assert h1["ETag"] == h2["ETag"] and b1 == b2
    s3, h3, _ = get(server_url, q, {"Accept": "text/csv"})  # another format: another answer
    assert s3 == 200 and h3["ETag"] != h1["ETag"]


def test_cache_if_none_match_is_304_without_a_body(server_url):
    q = QUERY + " # cache test 2"
    _, h1, _ = get(server_url, q)
    status, h2, body = get(server_url, q, {"If-None-Match": h1["ETag"]})
    assert status == 304 and body == b"" and h2["ETag"] == h1["ETag"]
    status, _, _ = get(server_url, q, {"If-None-Match": '"something-else"'})
    assert status == 200


def test_cache_volatile_and_failed_queries_are_not_kept(server_url):
    status, headers, _ = get(server_url, "SELECT (RAND() AS ?r) WHERE {}")
    assert status == 200 and "ETag" not in headers
    status, headers, _ = get(server_url, "SELECT WHERE {")
    assert status == 400 and "ETag" not in headers


def test_cache_key_follows_the_graph_version_and_size_bound():
    job = {"query": "ASK {}"}
    assert request_key((1, 2, 3, 4), job) != request_key((1, 2, 3, 5), job)
    cache = ResultCache(max_bytes=800)
    for i in range(10):
        cache.put(str(i), Answer(200, "text/csv", b"x" * 100))
    assert cache.get("0") is None and cache.get("9") is not None  # oldest out first
    cache.put("big", Answer(200, "text/csv", b"x" * 101))  # over an eighth: not kept
    assert cache.get("big") is None


def test_cache_identical_requests_arriving_together_run_once():
    import threading
    import time

    cache = ResultCache()
    runs = []

    def run():
        runs.append(1)
        time.sleep(0.3)  # long enough for every thread below to arrive meanwhile
        return Answer(200, "text/csv", b"a,b\n")

    out = []
    threads = [threading.Thread(target=lambda: out.append(cache.answer("k", run)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(runs) == 1 and len(out) == 8
    assert {a.body for a, _ in out} == {b"a,b\n"} and sorted(hit for _, hit in out) == [False] + [True] * 7


def test_cache_requests_waiting_on_a_failed_one_get_its_error():
    import threading
    import time

    cache = ResultCache()

    def run():
        time.sleep(0.3)
        raise TimeoutError("stopped")

    errors = []

    def ask():
        try:
            cache.answer("k", run)
        except TimeoutError as err:
            errors.append(str(err))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == ["stopped"] * 4
    assert cache.answer("k", lambda: Answer(200, "text/csv", b"x"))[0].body == b"x"  # nothing kept
