"""The worker pool when things go wrong: a crashing worker, a graph deleted or replaced
under a running server (issue 12, items 2 and 3)."""
from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from kg.serve.app import ServeConfig, run_in_thread
from kg.serve.pool import QueryTimeout, WorkerCrashed, WorkerPool
from kg.store.load import load_store
from tests.store.conftest import synth_nq  # noqa: F401 - the fixture, shared
from tests.store.crafted_data import CRAFTED

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def synth(synth_nq) -> Path:
    return synth_nq


def _cpu_ticks(pid: int) -> int:
    """User + system clock ticks a process has used (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _wait_busy(pid: int, ticks: int = 3, timeout: float = 30.0) -> None:
    """Return once the process has used ``ticks`` more clock ticks of CPU (it is computing)."""
    start, deadline = _cpu_ticks(pid), time.monotonic() + timeout
    while _cpu_ticks(pid) - start < ticks:
        assert time.monotonic() < deadline, "the worker never started the query"
        time.sleep(0.002)


def ask(url: str, query: str) -> tuple[int, dict, float]:
    t = time.monotonic()
    try:
        with urllib.request.urlopen(url + "/sparql?" + urllib.parse.urlencode({"query": query}),
                                    timeout=60) as resp:
            return resp.status, json.loads(resp.read()), time.monotonic() - t
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read()), time.monotonic() - t


def count(url: str) -> int:
    status, body, _ = ask(url, COUNT)
    assert status == 200, body
    return int(body["results"]["bindings"][0]["n"]["value"])


def test_pool_worker_crash_is_reported_as_a_crash(synth):
    pool = WorkerPool(synth, workers=1, timeout=30)
    try:
        pid = pool._idle.queue[0].proc.pid
        threading.Timer(0.5, os.kill, (pid, signal.SIGSEGV)).start()
        t = time.monotonic()
        with pytest.raises(WorkerCrashed, match=r"crashed its worker process \(killed by SIGSEGV\)"):
            pool.run({"query": RUNAWAY})
        assert time.monotonic() - t < 10  # not the 30 s timeout
        # a new worker answers the next query
        assert pool.run({"query": "ASK { ?s ?p ?o }"}).status == 200
    finally:
        pool.close()


@contextmanager
def serving_crafted_store(folder: Path, timeout: float) -> Iterator[str]:
    """A server on two workers over a store of the crafted graph at ``folder/st``: its URL."""
    small = folder / "small.trig"
    small.write_text(CRAFTED, encoding="utf-8")
    load_store(small, folder / "st")
    server, _ = run_in_thread(folder / "st", ServeConfig(port=0, timeout=timeout, workers=2))
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_serve_replaced_store_never_mixes_versions(tmp_path, synth, capfd):
    with serving_crafted_store(tmp_path, timeout=20) as url:
        old = count(url)
        load_store(synth, tmp_path / "st")  # what `kg load … --store st` does to a served store
        answers = [count(url) for _ in range(12)]
        assert old not in answers and len(set(answers)) == 1
        assert "the graph st was replaced; reopening every query worker" in capfd.readouterr().err


def test_serve_replaced_store_one_version_when_a_worker_restarts(tmp_path, synth):
    """A worker restarted after a timeout opens the store as it is now; the others must
    not keep answering from the version they opened (answers alternated before)."""
    with serving_crafted_store(tmp_path, timeout=2) as url:
        old = count(url)
        load_store(synth, tmp_path / "st")
        assert ask(url, RUNAWAY)[0] == 503  # its worker is killed and started again
        for _ in range(80):  # until a worker answers from the new store
            if count(url) != old:
                break
            time.sleep(0.25)
        answers = [count(url) for _ in range(12)]
        assert old not in answers and len(set(answers)) == 1, answers


def test_serve_deleted_graph_answers_from_its_copy_then_says_why(tmp_path, capfd):
    trig = tmp_path / "gone.trig"
    trig.write_text(CRAFTED, encoding="utf-8")
    server, _ = run_in_thread(trig, ServeConfig(port=0, timeout=2, workers=1))
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        before = count(url)
        trig.unlink()
        assert count(url) == before  # the worker's copy still answers
        assert "the graph gone.trig was deleted" in capfd.readouterr().err
        status, body, _ = ask(url, RUNAWAY.replace("?j ?k ?l", "?j ?k ?l . ?m ?n ?x . ?y ?z ?w"))
        assert status == 503  # the timeout kills the only worker; it cannot be restarted
        for _ in range(40):  # until the failed restart is known
            status, body, took = ask(url, COUNT)
            if "cannot be served" in body["error"]:
                break
            time.sleep(0.25)
        status, body, took = ask(url, COUNT)
        assert status == 503 and took < 1  # at once, not after the 2 s timeout
        assert body["error"].startswith("the graph cannot be served: ")
        assert str(tmp_path) not in body["error"]
    finally:
        server.shutdown()
        server.server_close()


def test_pool_threads_of_one_worker_share_its_store(synth):
    """A worker answers a second query while its first is still running (one process)."""
    pool = WorkerPool(synth, workers=1, threads=2, timeout=3)
    try:
        outcome = []

        def runaway():
            try:
                pool.run({"query": RUNAWAY})
            except QueryTimeout:
                outcome.append("timeout")

        t = threading.Thread(target=runaway)
        t.start()
        time.sleep(0.3)
        ans = pool.run({"query": COUNT, "accept": ["text/csv"]})
        assert ans.status == 200 and t.is_alive()  # answered while the runaway still runs
        t.join()
        assert outcome == ["timeout"] and pool.killed == 1
    finally:
        pool.close()


def test_pool_query_on_a_worker_killed_for_another_is_run_again(synth):
    pool = WorkerPool(synth, workers=1, threads=2, timeout=120)
    try:
        worker = pool._idle.queue[0].worker
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
        expected = pool.run({"query": slow, "accept": ["text/csv"]})
        answers = []
        t = threading.Thread(target=lambda: answers.append(
            pool.run({"query": slow, "accept": ["text/csv"]})))
        t.start()
        while pool._idle.qsize() == 2 and t.is_alive():  # wait until the thread has taken a slot …
            time.sleep(0.005)
        _wait_busy(worker.proc.pid)  # … and its query runs in the worker (a fixed sleep raced a busy machine)
        assert t.is_alive()
        pool._retire(worker)  # what another query's timeout does to the worker
        t.join()
        assert pool.retried == 1 and answers == [expected]
        assert pool._idle.queue[0].worker is not worker
    finally:
        pool.close()
