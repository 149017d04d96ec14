"""``kg build SOURCE... --out FILE``: build a dataset from source pages."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from kg.cli._app import app, errors_to_exit, exit_code, report
from kg.io.guard import DEFAULT_MAX_BYTES

__all__ = ["build_command"]


@contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    """Set an environment variable for the block (worker processes started in it inherit it)."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


@app.command("build")
def build_command(
    sources: List[Path] = typer.Argument(..., help="Source .txt files or folders of them."),
    out: Path = typer.Option(..., "--out", "-o",
                             help="Output file: .trig or .nq (named graphs), .ttl or .nt (merged)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                          help="Worker processes (default: one per core; 1: this process)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask scheduler address (tcp://HOST:8786): extract on that cluster."),
    cache: Optional[Path] = typer.Option(None, "--cache",
                                         help="Record cache folder (default: $XDG_CACHE_HOME/govkg or ~/.cache/govkg)."),
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Extract every file again; read and write no cache (records nor division tables)."),
    store: Optional[Path] = typer.Option(None, "--store",
                                         help="Also bulk-load FILE into an on-disk Oxigraph store in this folder."),
    max_size: float = typer.Option(DEFAULT_MAX_BYTES / 2**20, "--max-size", min=0.001, metavar="MIB",
                                   help="Largest source file read, in MiB; larger files are reported, not read."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no summary line and no progress."),
    merge_overrides: Optional[Path] = typer.Option(
        None, "--merge-overrides",
        help="Override file for cross-page merging: lines keep_apart<TAB>name<TAB>name or merge<TAB>name<TAB>name."),
    merge_report: Optional[Path] = typer.Option(
        None, "--merge-report", help="Write the cross-page merge report to PATH.csv and PATH.html."),
    no_merge: bool = typer.Option(False, "--no-merge", help="Do not merge entities across pages."),
) -> None:
    """Build a knowledge graph from SOURCE pages into FILE, atomically.

    Prints a one-line summary. A source that cannot be read is reported as
    ``Error: <path>: <reason>`` on stderr; the others are still written and the exit
    status is 1. When no source could be read, FILE is left as it was (exit 1). FIFOs,
    devices and files over --max-size are refused before they are read.

    Files are extracted in parallel (--workers, or a Dask cluster with --scheduler) and
    cached by content, so a rebuild re-extracts only changed files; the output bytes are
    the same whatever the workers. Progress goes to stderr (a bar on a terminal, a few
    plain lines otherwise).

    Example: kg build seeds/ --out out/seeds.trig

    Example: kg build corpus/ --out out/corpus.nq --workers 8 --store out/corpus.store

    Example: kg build corpus/ --out out/c.trig --merge-report out/merges --merge-overrides merges.tsv
    """
    from contextlib import ExitStack

    from kg.build import build, enable_progress_log
    from kg.cache import default_cache_dir
    from kg.cli.progress import build_progress
    from kg.parallel import default_workers

    cache_dir = None if no_cache else (cache or default_cache_dir())
    with errors_to_exit(), ExitStack() as stack:
        if no_cache:  # nor the division tables' cache (kg.register.divisions.get_kb), here and in workers
            stack.enter_context(_env("GOVKG_NO_CACHE", "1"))
        if not quiet:  # progress inside long files, from this process and its workers
            stack.callback(enable_progress_log())
        state: dict = {}

        def on_start(total: int) -> None:
            state["advance"] = stack.enter_context(build_progress(total, quiet=quiet))

        def progress(n: int = 1, *, cached: bool = False) -> None:
            state["advance"](n, cached=cached)

        # a bad override line is a UsageError: exit 2 before anything is built
        overrides = _overrides(merge_overrides) if merge_overrides is not None else None
        summary = build(sources, out, workers=workers or default_workers(), scheduler=scheduler,
                        cache=cache_dir, progress=progress, on_start=on_start, store=store,
                        merge=not no_merge, overrides=overrides, max_bytes=int(max_size * 2**20))
    for err in summary.errors:
        report(err)
    if not quiet:
        if summary.cached:
            print(f"cache: {summary.extracted} extracted, {summary.cached} from cache ({cache_dir})",
                  file=sys.stderr)
        print(summary.line())
        if summary.store is not None:
            print(f"{summary.store}: {summary.store_quads} quads loaded")
    if merge_report is not None:
        _write_report(summary.merges, merge_report, quiet)
    if summary.errors:  # the others were written: exit as for the first unreadable source
        raise typer.Exit(exit_code(summary.errors[0]))


def _overrides(path: Path):
    """The override file parsed (SourceError when unreadable, UsageError for a bad line)."""
    from kg.io.decode import read_source
    from kg.link.corpus_merge import read_overrides

    return read_overrides(read_source(path).text, str(path))


def _write_report(rows, path: Path, quiet: bool) -> None:
    """Write PATH.csv and PATH.html atomically."""
    from kg.io.atomic import atomic_write
    from kg.link.merge_report import write_merge_csv, write_merge_html

    base = path.with_suffix("") if path.suffix.lower() in (".csv", ".html") else path
    base.parent.mkdir(parents=True, exist_ok=True)
    for suffix, writer in ((".csv", write_merge_csv), (".html", write_merge_html)):
        with atomic_write(base.with_name(base.name + suffix), "w", encoding="utf-8", newline="") as fh:
            writer(rows, fh)
    if not quiet:
        clusters = len({r["cluster"] for r in rows})
        print(f"merge report: {clusters} cluster{'s' * (clusters != 1)} → {base}.csv, {base}.html")
