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

Read-only: an update (``update=`` form field, ``application/sparql-update`` body, or an
update text sent as ``query``) is refused with **403** "updates are not accepted". Each
query runs in a worker process with a timeout (**503**, the worker is killed) and a row
limit (the answer carries ``X-Row-Limit``/``X-Truncated`` headers); each worker process opens
the graph once and answers ``--threads`` queries at a time on it; a query too long or
nested too deep for the parser is refused first (**400**), and a worker that crashes is
reported as such (**500**). ``default-graph-uri``/``named-graph-uri`` select among the
graphs held (nothing is ever fetched); relative IRIs resolve against the endpoint's URL
(or ``--base``). ``SERVICE`` and ``FROM`` of graphs not held are refused (**400**,
:mod:`kg.store.guard`) unless ``--allow-service HOST``.

Every error is a JSON body ``{"error": …}`` — also 404, 405 (with ``Allow``), 411, 413,
415 and what the standard library's parser refuses — and names no server path.
``HEAD`` answers with the headers a ``GET`` would have, without running the query.

Browser safety: the ``Host`` header must name this server (a DNS-rebinding guard: a
page on another site cannot reach it through a name of its own); CORS headers are sent
only for the origins given with ``--cors ORIGIN`` (none by default; ``*`` for any).

Answers are kept by (request, graph version) (:mod:`kg.serve.cache`, ``--cache-mb``):
a repeated query skips the workers (identical queries arriving together run once), and its ``ETag`` sent back in ``If-None-Match`` gets
``304`` without running anything.

Routing is a table (:data:`ROUTES`): a new route is one entry and one handler method.

Built on the standard library's ``ThreadingHTTPServer``: no dependency, threads only
wait on the worker processes that do the work.
"""
from __future__ import annotations

import json
import mimetypes
import socket
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError
from kg.serve.answer import FORMAT_NAMES, choose, error_body, parse_accept
from kg.serve.cache import ResultCache, request_key
from kg.serve.pool import PoolBusy, QueryTimeout, WorkerCrashed, WorkerPool
from kg.serve.search_routes import ROUTES as EXTRA_ROUTES, attach
from kg.store.guard import check_shape
from kg.store.library import list_queries
from kg.store.engines import query_kind

__all__ = ["ServeConfig", "SparqlServer", "ROUTES", "make_server", "serve", "run_in_thread"]

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
_WILDCARD = ("0.0.0.0", "::", "")

#: path → {method: handler}; a path ending in ``/`` matches every path under it.
ROUTES: dict[str, dict[str, str]] = {
    "/sparql": {"GET": "sparql_get", "POST": "sparql_post", "HEAD": "sparql_head"},
    "/": {"GET": "page", "HEAD": "page"},
    "/index.html": {"GET": "page", "HEAD": "page"},
    "/queries.json": {"GET": "library", "HEAD": "library"},
    "/static/": {"GET": "static", "HEAD": "static"},
    **{path: {"GET": "extra"} for path in EXTRA_ROUTES},
}


@dataclass(frozen=True)
class ServeConfig:
    """Settings of ``kg serve`` (see ``kg serve --help``)."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    row_limit: int = 10_000
    workers: int = 2
    threads: int = 8
    engine: str = "oxigraph"
    sources: tuple[str, ...] = ()  # folders holding the graph's source files (served at /source)
    base: str | None = None
    cors: tuple[str, ...] = ()
    allow_service: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()
    cache_mb: int = 64


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
        port = self.server_address[1]
        shown = config.host if config.host not in _WILDCARD else "127.0.0.1"
        if ":" in shown:
            shown = f"[{shown}]"
        self.base = config.base or f"http://{shown}:{port}/sparql"
        self.allowed_hosts = _allowed_hosts(config)
        self.cache = ResultCache(config.cache_mb << 20)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()
        if self.extra_routes is not None:
            self.extra_routes.close()


def _allowed_hosts(config: ServeConfig) -> frozenset[str]:
    """Names the ``Host`` header may carry: the bound address, loopback names, ``--allowed-host``."""
    names = {h.lower().strip("[]") for h in config.allowed_hosts}
    names.add(config.host.lower().strip("[]"))
    if config.host in _LOOPBACK or config.host in _WILDCARD:
        names.update(h.strip("[]") for h in _LOOPBACK)
    if config.host in _WILDCARD:
        names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
    return frozenset(names - {""})


def _host_name(header: str) -> str:
    """The name part of a ``Host`` header (``[::1]:80`` → ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "govkg"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet; kg serve prints one line at start and what goes wrong

    # --- plumbing -------------------------------------------------------------
    def _cors(self) -> dict[str, str]:
        allowed = self.server.config.cors
        headers = getattr(self, "headers", None)  # unset when the request line was bad
        origin = headers.get("Origin") if headers else None
        if "*" in allowed:
            return {"Access-Control-Allow-Origin": "*"}
        if origin and origin in allowed:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin, Accept"}
        return {}

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None,
              *, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        if length:
            self.send_header("Content-Length", str(len(body)))
        out = {"Vary": "Accept", **self._cors(), **(headers or {})}
        if out.get("Access-Control-Allow-Origin"):
            out["Access-Control-Expose-Headers"] = "X-Row-Limit, X-Truncated"
        for k, v in out.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, "application/json; charset=utf-8", error_body(message), headers)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """What the standard library refuses (bad request line, unknown method …), as JSON."""
        self.close_connection = True
        try:
            self._error(code, message or self.responses.get(code, ("error",))[0],
                        {"Connection": "close"})
        except OSError:
            pass

    # --- dispatch ---------------------------------------------------------------
    def _dispatch(self) -> None:
        host = self.headers.get("Host")
        if host is not None and _host_name(host) not in self.server.allowed_hosts:
            self._error(403, f"Host {host!r} is not an address of this server (a guard against "
                             "DNS rebinding); start kg serve with --allowed-host NAME to accept it")
            return
        url = urlsplit(self.path)
        route = ROUTES.get(url.path)
        if route is None:
            route = next((r for p, r in ROUTES.items() if p.endswith("/") and p != "/"
                          and url.path.startswith(p)), None)
        if route is None:
            self._error(404, f"no such resource {url.path}; the endpoint is /sparql")
            return
        if self.command == "OPTIONS":
            self._preflight(route)
            return
        handler = route.get(self.command)
        if handler is None:
            allow = ", ".join(sorted({*route, "OPTIONS"}))
            self._error(405, f"method {self.command} is not allowed on {url.path}; allowed: {allow}",
                        {"Allow": allow})
            return
        getattr(self, handler)(url)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch

    def _preflight(self, route: dict[str, str]) -> None:
        headers = {"Allow": ", ".join(sorted({*route, "OPTIONS"}))}
        if self._cors():
            headers.update({"Access-Control-Allow-Methods": headers["Allow"],
                            "Access-Control-Allow-Headers": "Content-Type, Accept",
                            "Access-Control-Max-Age": "600"})
        self._send(204, "text/plain", b"", headers)

    # --- routes -----------------------------------------------------------------
    def page(self, url) -> None:
        self._static_file("index.html")

    def extra(self, url) -> None:
        """/search, /evidence, /source (:mod:`kg.serve.search_routes`)."""
        if self.server.extra_routes is None:
            self._error(404, f"no such resource {url.path}; the endpoint is /sparql")
            return
        self.server.extra_routes.handle(self, url.path)

    def static(self, url) -> None:
        self._static_file(url.path[len("/static/"):])

    def library(self, url) -> None:
        self._send(200, "application/json; charset=utf-8", self.server.library_json)

    def _static_file(self, name: str) -> None:
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

    def sparql_get(self, url) -> None:
        self._sparql(parse_qs(url.query, keep_blank_values=True))

    def sparql_head(self, url) -> None:
        self._sparql(parse_qs(url.query, keep_blank_values=True), run=False)

    def sparql_post(self, url) -> None:
        body = self._body()
        if body is None:
            return
        ctype, _, params = (self.headers.get("Content-Type") or "").partition(";")
        ctype = ctype.strip().lower()
        charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in params.split(";")
                        if p.strip().lower().startswith("charset=")), "utf-8")
        fields = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._error(403, "updates are not accepted: this endpoint is read-only")
            return
        if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            self._error(415, "POST needs Content-Type application/x-www-form-urlencoded "
                             "or application/sparql-query")
            return
        if charset not in ("utf-8", "utf8"):
            self._error(415, f"the body must be UTF-8, not {charset}")
            return
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(400, "the body is not valid UTF-8")
            return
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(text, keep_blank_values=True).items():
                fields.setdefault(k, []).extend(v)
        else:
            fields.setdefault("query", []).append(text)
        self._sparql(fields)

    def _body(self) -> bytes | None:
        """The request body, or None after answering a bad Content-Length (connection closed)."""
        raw = self.headers.get("Content-Length")
        if raw is None:
            if self.headers.get("Transfer-Encoding"):
                self.close_connection = True
                self._error(411, "a Content-Length is required (no chunked bodies)",
                            {"Connection": "close"})
                return None
            return b""
        if not raw.strip().isdigit():
            self.close_connection = True
            self._error(400, f"Content-Length {raw!r} is not a byte count", {"Connection": "close"})
            return None
        length = int(raw)
        if length > MAX_BODY:
            self.close_connection = True
            self._error(413, f"request body over {MAX_BODY} bytes", {"Connection": "close"})
            return None
        return self.rfile.read(length)

    def _sparql(self, fields: dict[str, list[str]], run: bool = True) -> None:
        if "update" in fields:
            self._error(403, "updates are not accepted: this endpoint is read-only")
            return
        queries = fields.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(400, "expected exactly one non-empty 'query' parameter")
            return
        try:
            check_shape(queries[0])
        except QueryError as err:
            status = 403 if str(err).startswith("updates are not accepted") else 400
            self._error(status, str(err))
            return
        accept = parse_accept(self.headers.get("Accept"))
        fmt = (fields.get("format") or [""])[0].lower()
        if fmt:
            if fmt not in FORMAT_NAMES:
                self._error(400, f"unknown format {fmt!r}; expected one of {', '.join(FORMAT_NAMES)}")
                return
            accept = [FORMAT_NAMES[fmt]] + accept
        limit = self.server.config.row_limit
        headers = {"X-Row-Limit": str(limit)}
        if fmt:
            ext = {"turtle": "ttl"}.get(fmt, fmt)
            headers["Content-Disposition"] = f'attachment; filename="results.{ext}"'
        if not run:  # HEAD: the headers a GET would get, without running the query
            chosen = choose(query_kind(queries[0]), accept)
            media = f"{chosen[0]}; charset=utf-8" if chosen else "application/json; charset=utf-8"
            self._send(200 if chosen else 406, media, b"", headers, length=False)
            return
        job = {"query": queries[0], "accept": accept, "params": fields.get("param", []),
               "limit": limit, "base": self.server.base,
               "default_graphs": fields.get("default-graph-uri"),
               "named_graphs": fields.get("named-graph-uri")}
        key = request_key(self.server.pool.current_version(), job)
        etag = f'"{key}"' if key else None
        if etag and etag in [t.strip() for t in (self.headers.get("If-None-Match") or "").split(",")]:
            self._send(304, "text/plain", b"", {**headers, "ETag": etag}, length=False)
            return
        try:
            ans, hit = self.server.cache.answer(key, lambda: self.server.pool.run(job))
            headers["X-Cache"] = "hit" if hit else "miss"
        except (QueryTimeout, PoolBusy) as err:
            self._error(503, str(err), {"Retry-After": "1"})
            return
        except WorkerCrashed as err:
            print(f"kg serve: {err}", file=sys.stderr, flush=True)
            self._error(500, str(err))
            return
        headers["X-Truncated"] = "true" if ans.truncated else "false"
        if ans.status != 200:
            headers.pop("Content-Disposition", None)
        elif etag:
            headers["ETag"] = etag
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
        pool = WorkerPool(graph, workers=config.workers, threads=config.threads,
                          timeout=config.timeout, engine=config.engine,
                          allow_service=config.allow_service)
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
    from kg.store.load import FILE_FORMATS

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
