"""Build a dataset from source files: read → extract → RDF → write, one file at a time.

Two functions, shaped so that workers can be slotted in:

- :func:`process_file` — read and extract one file (pure per file, picklable: a worker
  process or a Dask task can run it and ship the :class:`~kg.records.FileRecord` back);
- :func:`build` — expand the sources, run :func:`process_file` over the files in sorted
  order, merge the records in that order into named graphs
  (:class:`kg.rdf.graph.GraphAssembler`) and stream them to the writer
  (:func:`kg.rdf.write.write_graphs`). Because the merge is in sorted file order, the
  output bytes do not depend on how the records were computed.

A source that cannot be read does not stop the build: its :class:`~kg.errors.SourceError`
is collected in :attr:`BuildSummary.errors` and the other files are written. Only the
CLI turns those into ``Error:`` lines and an exit status.

Scale (``docs/scale.md``): extraction runs through :func:`kg.parallel.map_files` — in
this process, on a local process pool (``workers``) or on a Dask cluster
(``scheduler``) — which hands the records back in sorted file order, so the output
bytes do not depend on the executor. An optional :class:`kg.cache.Cache` skips files
whose bytes, name and extractor version were seen before. Memory holds at most a
window of records in flight, the register places seen, and the tables per entity key
of the merge and the assembler up to ``spill_after`` entries each (beyond, they move
to a temporary SQLite file, :mod:`kg.io.spill`); the named graphs stream to the writer.
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from kg.cache import Cache
from kg.errors import BuildError, OutputError, SourceError, UsageError
from kg.io.guard import DEFAULT_MAX_BYTES
from kg.io.spill import DEFAULT_LIMIT, Spill
from kg.link.corpus_merge import CorpusMerger, Overrides
from kg.text.pieces import PIECE_CHARS
from kg.rdf.graph import GraphAssembler, NamedGraph
from kg.rdf.write import format_for, write_graphs
from kg.records import FileRecord

__all__ = ["BuildSummary", "process_file", "collect_files", "build", "FAMILIES", "LOG",
           "enable_progress_log"]

#: Progress inside long files (see :func:`enable_progress_log`).
LOG = logging.getLogger("kg.build")

#: The entity families of the summary line, in the order they are reported.
FAMILIES = ("place", "organisation", "scheme", "award")


@dataclass(frozen=True)
class BuildSummary:
    """What a build wrote: counts for the one-line summary and the sources it skipped."""

    out: Path
    files: int
    articles: int
    entities: dict[str, int]
    triples: int
    graphs: int
    errors: tuple[SourceError, ...] = field(default=())
    extracted: int = 0              # files run through ``process`` in this build
    cached: int = 0                 # files whose record came from the cache
    store: Path | None = None       # the Oxigraph store loaded from ``out``, if any
    store_quads: int = 0
    merges: tuple[dict[str, str], ...] = ()  # merge report rows (kg.link.corpus_merge)

    @property
    def ok(self) -> bool:
        """True when every source was processed."""
        return not self.errors

    def line(self) -> str:
        """The one-line summary printed by ``kg build``.

        Examples
        --------
        >>> BuildSummary(Path("out.trig"), 1, 2, {"place": 3}, 40, 2).line()
        '1 file, 2 articles, entities: 3 place, 0 organisation, 0 scheme, 0 award; 40 triples in 2 graphs → out.trig'
        """
        ents = ", ".join(f"{self.entities.get(f, 0)} {f}" for f in FAMILIES)
        return (f"{self.files} file{'s' * (self.files != 1)}, "
                f"{self.articles} article{'s' * (self.articles != 1)}, entities: {ents}; "
                f"{self.triples} triples in {self.graphs} graph{'s' * (self.graphs != 1)} → {self.out}")


def process_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> FileRecord:
    """Read and extract one source file.

    Parameters
    ----------
    path : path-like
        A text file (any encoding :func:`kg.io.decode.read_source` accepts).
    max_bytes : int
        Size limit of the file (:func:`kg.io.guard.read_raw`).

    Returns
    -------
    FileRecord
        Everything extracted from it, keyed by the file's base name.

    Raises
    ------
    SourceError
        When the file cannot be read or decoded.
    """
    from kg.dating import date_record
    from kg.io.decode import read_source
    from kg.extract import extract_text  # imported here: workers load spaCy lazily

    source = read_source(path, max_bytes)
    if len(source.text) <= PIECE_CHARS:
        record = extract_text(source.text, source.name, source.sha256)
    else:
        record = extract_text(source.text, source.name, source.sha256, progress=_file_progress(str(path)))
    return date_record(record, source.text)


def _file_progress(name: str) -> Callable[[int, int], None]:
    """Log ``<file>: N% of M characters`` at every tenth of a long file (logger ``kg.build``).

    Why: a file of many megabytes takes minutes; the per-file progress bar stands still
    meanwhile. Logging, not printing: the library never prints, and the CLI (and the
    pool workers it starts, :func:`enable_progress_log`) decide where it goes.
    """
    state = {"next": 10}

    def report(done: int, total: int) -> None:
        pct = done * 100 // total if total else 100
        if state["next"] <= pct < 100:
            LOG.info("%s: %d%% of %s characters", name, pct, f"{total:,}")
            state["next"] = pct // 10 * 10 + 10

    return report


def enable_progress_log() -> Callable[[], None]:
    """Send ``kg.build`` progress to stderr, as ``build: …`` lines; returns the undo.

    Called by ``kg build`` (unless ``--quiet``) and, when the calling process has it on,
    by every pool worker as it starts (:func:`kg.parallel._worker_start`).
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("build: %(message)s"))
    old_level = LOG.level
    LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)

    def undo() -> None:
        LOG.removeHandler(handler)
        LOG.setLevel(old_level)

    return undo


def collect_files(sources: Sequence[str | os.PathLike]) -> tuple[list[Path], list[SourceError]]:
    """Expand ``sources`` one by one, so a missing one does not hide the others.

    Returns
    -------
    (list of Path, list of SourceError)
        The files, sorted and de-duplicated, and the sources that do not exist.
    """
    from kg.io.sources import expand_sources

    files: dict[str, Path] = {}
    errors: list[SourceError] = []
    for src in sources:
        try:
            for f in expand_sources([src]):
                files.setdefault(f.as_posix(), f)
        except SourceError as err:
            errors.append(err)
    return [files[k] for k in sorted(files)], errors


def _refuse_input_as_output(out: Path, files: Sequence[Path]) -> None:
    """Raise UsageError when ``out`` is (a link to) one of the source files.

    Why: the build would read the file it is about to replace.
    """
    target = out.resolve()
    for f in files:
        if f.resolve() == target:
            raise UsageError(f"{out}: the output file is one of the sources ({f}); choose another --out")


def _nothing_built(sources: Sequence[str | os.PathLike], files: Sequence[Path],
                   errors: Sequence[SourceError], out: Path) -> str:
    kept = f"{out} left as it was" if out.exists() else f"{out} not written"
    if not files and not errors:
        named = ", ".join(str(s) for s in sources) or "(none)"
        return f"no source files found in {named}; {kept}"
    return f"no source could be read; {kept}"


def warm_worker() -> None:
    """Load the extraction pipeline once in a worker, before its first file.

    The initializer of the local process pool: without it, the first file of every
    worker pays for loading spaCy, jieba and the lexicons. Failures are ignored here;
    the same error then surfaces, per file, from :func:`process_file`.
    """
    try:
        from kg.extract import extract_text

        extract_text("", "warm-up.txt", "0" * 64)
    except Exception:  # noqa: BLE001 - warming is only an optimisation
        pass


def _records(files: Sequence[Path], errors: list[SourceError],
             process: Callable[[Path], FileRecord], workers: int | None, *,
             scheduler: object = None, cache: Cache | None = None,
             progress: Callable[..., None] | None = None,
             counts: dict[str, int] | None = None) -> Iterator[FileRecord]:
    """Records of ``files`` in order; unreadable ones go to ``errors``.

    The single place where parallel execution plugs in: :func:`kg.parallel.map_files`
    runs ``process`` in this process (``workers`` None or 1), on a process pool, or on
    the Dask cluster at ``scheduler``, and yields in the order of ``files``.
    """
    from kg.parallel import map_files

    counts = counts if counts is not None else {}
    initializer = warm_worker if getattr(process, "func", process) is process_file else None
    for outcome in map_files(process, files, workers=workers or 1, scheduler=scheduler,
                             cache=cache, initializer=initializer):
        key = "cached" if outcome.cached else "extracted"
        counts[key] = counts.get(key, 0) + 1
        if progress is not None:
            progress(1, cached=outcome.cached)
        if isinstance(outcome.result, SourceError):
            errors.append(outcome.result)
        else:
            yield outcome.result


def build(sources: Sequence[str | os.PathLike], out: str | os.PathLike, *,
          workers: int | None = None,
          process: Callable[[Path], FileRecord] = process_file,
          on_file: Callable[[FileRecord], None] | None = None,
          scheduler: object = None,
          cache: Cache | str | os.PathLike | None = None,
          progress: Callable[..., None] | None = None,
          on_start: Callable[[int], None] | None = None,
          store: str | os.PathLike | None = None,
          merge: bool = True, overrides: "Overrides | None" = None,
          max_bytes: int = DEFAULT_MAX_BYTES,
          spill_after: int | None = DEFAULT_LIMIT) -> BuildSummary:
    """Build the dataset of ``sources`` into ``out`` (format from its suffix), atomically.

    Parameters
    ----------
    sources : sequence of path-like
        ``.txt`` files or folders of them.
    out : path-like
        ``.trig``/``.nq`` (named graphs) or ``.ttl``/``.nt`` (merged graph). The folder
        is created if missing.
    workers : int, optional
        Number of worker processes (``None``: in this process).
    process : callable, optional
        Path → FileRecord; :func:`process_file` unless a test or a cache replaces it.
    on_file : callable, optional
        Called with each record as it is merged (progress reporting).
    scheduler : str or distributed.Client, optional
        A Dask scheduler address: extraction runs on that cluster (``workers`` ignored).
    cache : Cache or path-like, optional
        Record cache (a folder is opened as :class:`kg.cache.Cache`); ``None``: no cache.
    progress : callable, optional
        ``progress(1, cached=bool)`` after every source file, readable or not.
    on_start : callable, optional
        Called once with the number of files found, before any is processed.
    store : path-like, optional
        Also bulk-load the written file into an on-disk Oxigraph store there
        (:func:`kg.store.load.load_store`; streamed, never an in-memory graph).
    merge : bool, optional
        Merge entities across pages by the rules of :mod:`kg.link.corpus_merge` (default);
        ``False`` keeps every key as extracted (the "before" of ``bench/merge.py``).
    overrides : Overrides, optional
        A researcher's keep-apart / merge decisions (:func:`kg.link.corpus_merge.read_overrides`).
    max_bytes : int, optional
        Size limit of one source file; larger ones are reported, not read.
    spill_after : int or None, optional
        Entries each per-key table of the merge and the assembler keeps in memory before
        moving them to a SQLite file in a temporary directory (removed when the build
        ends), so those tables stay bounded on any number of entities; ``None`` keeps
        them in memory. The output is the same bytes either way.

    Returns
    -------
    BuildSummary
        Counts, and the :class:`~kg.errors.SourceError` of every source skipped.

    Raises
    ------
    UsageError
        For an unknown output suffix, or an ``out`` that is one of the sources.
    BuildError
        When no source could be read (or none was found): ``out`` is left as it was,
        and the error carries the sources' errors.
    OutputError
        When ``out`` cannot be written (naming it); no partial file is left behind.
    """
    out = Path(out)
    format_for(out)  # fail on a bad suffix before any work
    files, errors = collect_files(sources)
    _refuse_input_as_output(out, files)
    if process is process_file and max_bytes != DEFAULT_MAX_BYTES:
        process = partial(process_file, max_bytes=max_bytes)
    spill = Spill(limit=spill_after)
    assembler = GraphAssembler(spill=spill)
    if cache is not None and not isinstance(cache, Cache):
        cache = Cache(cache, max_bytes=max_bytes)
    if on_start is not None:
        on_start(len(files))
    counts: dict[str, int] = {}

    merger = CorpusMerger(overrides or Overrides(), spill=spill) if merge else None

    def graphs() -> Iterable[NamedGraph]:
        for record in _records(files, errors, process, workers, scheduler=scheduler,
                               cache=cache, progress=progress, counts=counts):
            if on_file is not None:
                on_file(record)
            yield assembler.add(merger.apply(record) if merger is not None else record)
        if not assembler.files:  # raised inside the writer: the old ``out`` stays
            raise BuildError(_nothing_built(sources, files, errors, out), tuple(errors))
        ref = assembler.reference()
        if ref.triples:
            yield ref

    try:
        if not out.parent.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
        triples, ngraphs = write_graphs(graphs(), out)
        entities = assembler.entity_counts()
        merges = tuple(merger.report_rows()) if merger is not None else ()
    except OSError as err:
        raise OutputError(f"{out}: {err.strerror or err}") from err
    finally:
        spill.close()
    store_path, store_quads = None, 0
    if store is not None:
        from kg.store.load import load_store

        report = load_store(out, store)
        store_path, store_quads = report.store, report.quads
    return BuildSummary(out=out, files=assembler.files, articles=assembler.articles,
                        entities=entities, triples=triples, graphs=ngraphs,
                        errors=tuple(errors), extracted=counts.get("extracted", 0),
                        cached=counts.get("cached", 0), store=store_path, store_quads=store_quads,
                        merges=merges)
