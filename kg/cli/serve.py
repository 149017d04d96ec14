"""`kg serve GRAPH [--host 127.0.0.1] [--port 7878]`: SPARQL 1.1 Protocol and a query page."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import app, errors_to_exit

__all__ = ["serve_command"]


@app.command("serve")
def serve_command(
    graph: Path = typer.Argument(..., help="Dataset file (.trig/.nq/.ttl/.nt) or store directory."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(7878, "--port", help="TCP port."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1,
                                  help="Seconds a query may run before it is stopped (503)."),
    row_limit: int = typer.Option(10_000, "--row-limit", min=1,
                                  help="Most rows (or triples) one answer returns."),
    workers: int = typer.Option(2, "--workers", min=1, help="Query worker processes."),
    threads: int = typer.Option(8, "--threads", min=1,
                                help="Queries each worker runs at once on its one open store."),
    sources: list[Path] = typer.Option([], "--sources", help="Folder of the graph's source files, "
                                       "served read-only at /source (repeatable)."),
    base: Optional[str] = typer.Option(
        None, "--base", help="Base IRI for relative IRIs in queries (default: the endpoint's URL)."),
    cors: list[str] = typer.Option(
        [], "--cors", help="An origin whose pages may read answers (repeatable; * for any). None by default."),
    allow_service: list[str] = typer.Option(
        [], "--allow-service", help="A host SERVICE may call (repeatable). None by default."),
    allowed_host: list[str] = typer.Option(
        [], "--allowed-host", help="Another name clients may use in the Host header (repeatable)."),
    cache_mb: int = typer.Option(64, "--cache-mb", min=0,
                                 help="MB of answers kept for repeated queries (0: none)."),
) -> None:
    """Serve GRAPH read-only over the SPARQL 1.1 Protocol at /sparql, with a query page at /.

    Example:

      kg serve out/seeds.trig  # then open http://127.0.0.1:7878/
    """
    from kg.serve.app import ServeConfig, serve

    config = ServeConfig(host=host, port=port, timeout=timeout, row_limit=row_limit,
                         workers=workers, threads=threads, sources=tuple(str(s) for s in sources), base=base,
                         cors=tuple(cors), allow_service=tuple(allow_service),
                         allowed_hosts=tuple(allowed_host), cache_mb=cache_mb)

    def ready(server) -> None:
        print(f"kg serve: {server.pool.quads} quads from {graph} at "
              f"http://{host}:{server.server_address[1]}/ (SPARQL endpoint /sparql; Ctrl-C stops)",
              file=sys.stderr, flush=True)

    with errors_to_exit():
        try:
            serve(graph, config, ready=ready)
        except OSError as err:
            print(f"Error: cannot listen on {host}:{port}: {err.strerror or err}", file=sys.stderr)
            raise typer.Exit(1) from err
        except KeyboardInterrupt:
            pass
