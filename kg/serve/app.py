"""``kg serve``: the W3C SPARQL 1.1 Protocol over a GRAPH, read-only, and a query page.

Routes
------
``GET|POST /sparql``   SPARQL 1.1 Protocol query operation: ``GET ?query=…``, ``POST``
                       ``application/x-www-form-urlencoded`` (``query=…``) or
                       ``application/sparql-query`` (the query as body). Results by
                       ``Accept`` (:mod:`kg.serve.answer`): JSON, XML, CSV, TSV; Turtle
                       or N-Triples for CONSTRUCT/DESCRIBE. Extensions: ``format=csv`` (etc.)
                       overrides Accept (download links), ``param=NAME=VALUE`` binds a
                       variable as an RDF term like ``kg query --param``.
``GET /``              the query page (``kg/serve/static``, no CDN), ``/static/…`` its files.
``GET /queries.json``  the ``queries/`` library (names, questions, parameters, text).
``GET /search``, ``/evidence``, ``/source``   search, evidence sentences, source texts
                       (:mod:`kg.serve.search_routes`).

Read-only: an update (``update=`` form field or ``application/sparql-update`` body) is
refused with **403**; an update text sent as ``query`` fails to parse (**400**). Each
query runs in a worker process with a timeout (**503** and the worker is killed when it
passes) and a row limit (the answer carries ``X-Row-Limit``/``X-Truncated`` headers).
Every error is a JSON body ``{"error": …}``. CORS: any origin may read (no credentials).

Built on the standard library's ``ThreadingHTTPServer``: no dependency, threads only
wait on the worker processes that do the work.
"""
from __future__ import annotations

import json
import mimetypes
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from kg.serve.answer import FORMAT_NAMES, error_body, parse_accept
from kg.serve.pool import PoolBusy, QueryTimeout, WorkerPool
from kg.serve.search_routes import ROUTES as EXTRA_ROUTES, attach
from kg.store.library import list_queries

__all__ = ["ServeConfig", "SparqlServer", "make_server", "serve", "run_in_thread"]

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty


@dataclass(frozen=True)
class ServeConfig:
    """Settings of ``kg serve`` (see ``kg serve --help``)."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    row_limit: int = 10_000
    workers: int = 2
    engine: str = "oxigraph"
    sources: tuple[str, ...] = ()  # folders holding the graph's source files (served at /source)


class SparqlServer(ThreadingHTTPServer):
    """HTTP server holding the worker pool and settings its handlers use."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, config: ServeConfig, pool: WorkerPool) -> None:
        self.config = config
        self.pool = pool
        self.extra_routes = None  # kg.serve.search_routes: /search, /evidence, /source
        self.library_json = json.dumps(
            [q.as_dict() for q in list_queries()], ensure_ascii=False).encode("utf-8")
        super().__init__((config.host, config.port), _Handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()
        if self.extra_routes is not None:
            self.extra_routes.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "govkg"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet; kg serve prints one line at start

    # --- plumbing -------------------------------------------------------------
    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Row-Limit, X-Truncated")
        self.send_header("Vary", "Accept")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, "application/json; charset=utf-8", error_body(message), headers)

    def do_OPTIONS(self) -> None:  # CORS preflight
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # --- routes -----------------------------------------------------------------
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self._sparql(parse_qs(url.query, keep_blank_values=True))
        elif url.path in ("/", "/index.html"):
            self._static("index.html")
        elif url.path.startswith("/static/"):
            self._static(url.path[len("/static/"):])
        elif url.path == "/queries.json":
            self._send(200, "application/json; charset=utf-8", self.server.library_json)
        elif url.path in EXTRA_ROUTES and self.server.extra_routes is not None:
            self.server.extra_routes.handle(self, url.path)
        else:
            self._error(404, f"no such resource {url.path}; the endpoint is /sparql")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, f"no such resource {url.path}; the endpoint is /sparql")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(413, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fields = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body, keep_blank_values=True).items():
                fields.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            fields["query"] = [body]
        elif ctype == "application/sparql-update":
            self._error(403, "this endpoint is read-only: SPARQL Update is refused")
            return
        else:
            self._error(415, "POST needs Content-Type application/x-www-form-urlencoded "
                             "or application/sparql-query")
            return
        self._sparql(fields)

    def _static(self, name: str) -> None:
        if not name or "/" in name or name.startswith("."):
            self._error(404, "no such file")
            return
        try:
            data = resources.files("kg.serve").joinpath("static", name).read_bytes()
        except (FileNotFoundError, IsADirectoryError, OSError):
            self._error(404, f"no such file {name}")
            return
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if media.startswith("text/") or media.endswith("javascript"):
            media += "; charset=utf-8"
        self._send(200, media, data, {"Cache-Control": "no-cache"})

    def _sparql(self, fields: dict[str, list[str]]) -> None:
        if "update" in fields:
            self._error(403, "this endpoint is read-only: SPARQL Update is refused")
            return
        queries = fields.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(400, "expected exactly one non-empty 'query' parameter")
            return
        if fields.get("default-graph-uri") or fields.get("named-graph-uri"):
            self._error(400, "default-graph-uri/named-graph-uri are not supported: the default "
                             "graph is the union of all graphs; use GRAPH in the query")
            return
        accept = parse_accept(self.headers.get("Accept"))
        fmt = (fields.get("format") or [""])[0].lower()
        if fmt:
            if fmt not in FORMAT_NAMES:
                self._error(400, f"unknown format {fmt!r}; expected one of {', '.join(FORMAT_NAMES)}")
                return
            accept = [FORMAT_NAMES[fmt]] + accept
        limit = self.server.config.row_limit
        job = {"query": queries[0], "accept": accept, "params": fields.get("param", []),
               "limit": limit}
        try:
            ans = self.server.pool.run(job)
        except (QueryTimeout, PoolBusy) as err:
            self._error(503, str(err), {"Retry-After": "1"})
            return
        headers = {"X-Row-Limit": str(limit), "X-Truncated": "true" if ans.truncated else "false"}
        if fmt and ans.status == 200:
            ext = {"turtle": "ttl"}.get(fmt, fmt)
            headers["Content-Disposition"] = f'attachment; filename="results.{ext}"'
        self._send(ans.status, ans.media_type, ans.body, headers)


def make_server(graph: str | Path, config: ServeConfig = ServeConfig()) -> SparqlServer:
    """Start the worker pool over ``graph`` and bind the HTTP server (not yet serving).

    Raises
    ------
    kg.errors.StoreError
        The graph cannot be opened (checked in this process before workers start).
    OSError
        The address is in use.
    """
    from kg.store.open import open_graph

    open_graph(graph, engine=config.engine).close() if Path(graph).is_dir() else _check_file(graph)
    from kg.errors import StoreError

    try:
        pool = WorkerPool(graph, workers=config.workers, timeout=config.timeout, engine=config.engine)
    except RuntimeError as err:
        raise StoreError(f"{graph}: {err}") from err
    try:
        server = SparqlServer(config, pool)
    except BaseException:
        pool.close()
        raise
    try:
        attach(server, graph, config.sources)
    except BaseException:
        server.server_close()
        raise
    return server


def _check_file(graph: str | Path) -> None:
    from kg.errors import StoreError
    from kg.store.open import FILE_FORMATS

    p = Path(graph)
    if not p.is_file():
        raise StoreError(f"{p}: cannot open: no such file or store directory")
    if p.suffix.lower() not in FILE_FORMATS:
        raise StoreError(f"{p}: cannot open: unknown suffix {p.suffix!r}; "
                         f"expected one of {', '.join(FILE_FORMATS)} or a store directory")


def serve(graph: str | Path, config: ServeConfig = ServeConfig(),
          ready: Callable[[SparqlServer], None] | None = None) -> None:
    """Serve ``graph`` until interrupted (what ``kg serve`` does)."""
    server = make_server(graph, config)
    try:
        if ready is not None:
            ready(server)
        server.serve_forever()
    finally:
        server.server_close()


def run_in_thread(graph: str | Path, config: ServeConfig) -> tuple[SparqlServer, threading.Thread]:
    """Start a server in a background thread (tests and benchmarks); stop with ``shutdown()``."""
    server = make_server(graph, config)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    return server, t
