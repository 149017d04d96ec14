"""Build progress on stderr: a live bar on a terminal, a few plain lines elsewhere.

``kg build`` reports each finished file to a callable (``advance``); this module decides
how that looks:

- stderr is a terminal (and not CI, and ``TERM`` is not ``dumb``): a Rich bar with
  files done / total, files/s, the share served from the cache and the ETA;
- piped, redirected or in CI (``CI`` set): a plain line at a tenth of the way at most
  every ``every`` seconds (``build: 120/1000 files (12%), 35.2 files/s, ETA 0:00:25``),
  and a last line if any was printed, so logs stay short and a build of a few seconds
  prints nothing extra;
- ``quiet``: nothing.

The library never prints; only this module (under ``kg/cli``) writes to the stream.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

__all__ = ["build_progress", "format_eta", "wants_live_bar"]

Advance = Callable[..., None]


def format_eta(seconds: float) -> str:
    """``H:MM:SS`` for a number of seconds (``?`` when unknown).

    >>> format_eta(3725.4), format_eta(float("inf"))
    ('1:02:05', '?')
    """
    if seconds != seconds or seconds == float("inf"):
        return "?"
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def wants_live_bar(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal outside CI."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Plain:
    """Plain lines at each tenth of the way, with rate and ETA."""

    def __init__(self, total: int, stream: TextIO, label: str, clock: Callable[[], float],
                 every: float) -> None:
        self.total, self.stream, self.label, self.clock, self.every = total, stream, label, clock, every
        self.start = self.last = clock()
        self.done = self.cached = 0
        self.next_tenth = 1
        self.printed = False

    def __call__(self, n: int = 1, *, cached: bool = False) -> None:
        self.done += n
        self.cached += n if cached else 0
        if self.total <= 0:
            return
        tenth = self.done * 10 // self.total
        if tenth < self.next_tenth:
            return
        now = self.clock()
        final = self.done >= self.total
        if (final and self.printed) or now - self.last >= self.every:
            self.next_tenth, self.last, self.printed = tenth + 1, now, True
            print(self.line(), file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate > 0 else float("inf")
        pct = 100 * self.done // max(self.total, 1)
        cached = f", {self.cached} from cache" if self.cached else ""
        return (f"{self.label}: {self.done}/{self.total} files ({pct}%), {rate:.1f} files/s, "
                f"ETA {format_eta(eta)}{cached}")


@contextmanager
def build_progress(total: int, *, quiet: bool = False, stream: TextIO | None = None,
                   label: str = "build", live: bool | None = None, every: float = 5.0,
                   clock: Callable[[], float] = time.monotonic) -> Iterator[Advance]:
    """Yield ``advance(n=1, *, cached=False)`` to call once per finished file.

    Parameters
    ----------
    total
        Number of files to process.
    quiet
        Show nothing.
    stream
        Where to write (default ``sys.stderr``).
    live
        Force the live bar on or off (default: :func:`wants_live_bar`).
    every
        Plain mode: seconds between lines at least.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with build_progress(4, stream=out, live=False, every=0) as advance:
    ...     for _ in range(4):
    ...         advance(cached=True)
    >>> out.getvalue().splitlines()[-1].startswith("build: 4/4 files (100%)")
    True
    """
    stream = stream if stream is not None else sys.stderr
    if quiet or total <= 0:
        yield lambda n=1, *, cached=False: None
        return
    if not (wants_live_bar(stream) if live is None else live):
        yield _Plain(total, stream, label, clock, every)
        return

    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeRemainingColumn)

    console = Console(file=stream)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} files/s"),
               TextColumn("{task.fields[cached]}"), TimeRemainingColumn())
    start = clock()
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(label, total=total, rate="   …", cached="")
        state = {"done": 0, "cached": 0}

        def advance(n: int = 1, *, cached: bool = False) -> None:
            state["done"] += n
            state["cached"] += n if cached else 0
            rate = state["done"] / max(clock() - start, 1e-9)
            bar.update(task, advance=n, rate=f"{rate:6.1f}",
                       cached=f"{state['cached']} cached" if state["cached"] else "")

        yield advance
