"""Answers kept by (request, graph version): repeated queries skip the workers; ETags.

A research page asks the same library queries again and again; the answer depends only
on the request (query, parameters, accepted format, dataset, row limit) and on the
version of the graph served (:func:`kg.serve.pool.graph_version`), so both make the key.
When ``kg load`` replaces the store the version changes and no old answer is given
again. The key is also the answer's ``ETag``: a client sending it back in
``If-None-Match`` gets ``304 Not Modified`` without the query running. Queries whose
answer may differ between runs (``RAND``, ``NOW``, ``UUID``, ``STRUUID``, ``BNODE``)
are neither cached nor tagged.

The cache holds at most ``max_bytes`` of answer bodies (least recently used first out);
an answer larger than an eighth of that is not kept.

Identical requests arriving together run once (:meth:`ResultCache.answer`): the others
wait for that answer instead of each taking a worker. A page that opens with a burst of
the same queries, or 20 clients asking the same library queries, then costs the workers
one run per distinct request, not one per client.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from typing import Any, Callable

from kg.serve.pool import Answer

__all__ = ["ResultCache", "request_key"]

_VOLATILE = re.compile(r"\b(RAND|NOW|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def request_key(version: object, job: dict[str, Any]) -> str | None:
    """The cache key and ETag of a job on a graph version (None: not cacheable).

    >>> request_key((1, 2), {"query": "ASK {}"}) == request_key((1, 2), {"query": "ASK {}"})
    True
    >>> request_key((1, 2), {"query": "SELECT (RAND() AS ?r) {}"}) is None
    True
    """
    if version is None or _VOLATILE.search(job.get("query", "")):
        return None
    blob = json.dumps([list(version) if isinstance(version, tuple) else version, job],
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


class _Flight:
    """One request being answered, for the identical ones that arrive meanwhile."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: Answer | None = None
        self.error: BaseException | None = None


class ResultCache:
    """A thread-safe LRU of :class:`~kg.serve.pool.Answer` by :func:`request_key`."""

    def __init__(self, max_bytes: int = 64 << 20) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._running: dict[str, _Flight] = {}
        self.hits = self.misses = 0

    def answer(self, key: str | None, run: Callable[[], Answer]) -> tuple[Answer, bool]:
        """The kept answer of ``key``, or ``run()`` once for all requests of it at that time.

        Returns ``(answer, hit)``; ``hit`` is true when this request ran nothing. Requests
        that waited get the same answer (even one not kept: an error, too large) or the
        same exception (a timeout) as the one that ran it.
        """
        if key is None or self.max_bytes <= 0:
            return run(), False
        ans = self.get(key)
        if ans is not None:
            return ans, True
        with self._lock:
            flight = self._running.get(key)
            first = flight is None
            if first:
                self._running[key] = flight = _Flight()
        if not first:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            assert flight.answer is not None
            with self._lock:
                self.hits += 1
            return flight.answer, True
        try:
            flight.answer = run()
            self.put(key, flight.answer)
            return flight.answer, False
        except BaseException as err:
            flight.error = err
            raise
        finally:
            with self._lock:
                del self._running[key]
            flight.done.set()

    def get(self, key: str | None) -> Answer | None:
        if key is None or self.max_bytes <= 0:
            return None
        with self._lock:
            ans = self._items.get(key)
            if ans is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return ans

    def put(self, key: str | None, ans: Answer) -> None:
        if key is None or ans.status != 200 or len(ans.body) > self.max_bytes // 8:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = ans
            self._bytes += len(ans.body)
            while self._bytes > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self._bytes -= len(old.body)
