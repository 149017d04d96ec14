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
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from kg.errors import SourceError
from kg.rdf.graph import GraphAssembler, NamedGraph
from kg.rdf.write import format_for, write_graphs
from kg.records import FileRecord

__all__ = ["BuildSummary", "process_file", "collect_files", "build", "FAMILIES"]

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


def process_file(path: str | os.PathLike) -> FileRecord:
    """Read and extract one source file.

    Parameters
    ----------
    path : path-like
        A text file (any encoding :func:`kg.io.decode.read_source` accepts).

    Returns
    -------
    FileRecord
        Everything extracted from it, keyed by the file's base name.

    Raises
    ------
    SourceError
        When the file cannot be read or decoded.
    """
    from kg.io.decode import read_source
    from kg.nlp.extract import extract_text  # imported here: workers load spaCy lazily

    source = read_source(path)
    return extract_text(source.text, source.name, source.sha256)


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


def _records(files: Sequence[Path], errors: list[SourceError],
             process: Callable[[Path], FileRecord], workers: int | None) -> Iterator[FileRecord]:
    """Records of ``files`` in order; unreadable ones go to ``errors``.

    The single place where parallel execution plugs in (``workers``); today it runs
    in this process.
    """
    for path in files:
        try:
            yield process(path)
        except SourceError as err:
            errors.append(err)


def build(sources: Sequence[str | os.PathLike], out: str | os.PathLike, *,
          workers: int | None = None,
          process: Callable[[Path], FileRecord] = process_file,
          on_file: Callable[[FileRecord], None] | None = None) -> BuildSummary:
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

    Returns
    -------
    BuildSummary
        Counts, and the :class:`~kg.errors.SourceError` of every source skipped.

    Raises
    ------
    ValueError
        For an unknown output suffix.
    OSError
        When ``out`` cannot be written; no partial file is left behind.
    """
    out = Path(out)
    format_for(out)  # fail on a bad suffix before any work
    files, errors = collect_files(sources)
    assembler = GraphAssembler()

    def graphs() -> Iterable[NamedGraph]:
        for record in _records(files, errors, process, workers):
            if on_file is not None:
                on_file(record)
            yield assembler.add(record)
        ref = assembler.reference()
        if ref.triples:
            yield ref

    if not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    triples, ngraphs = write_graphs(graphs(), out)
    return BuildSummary(out=out, files=assembler.files, articles=assembler.articles,
                        entities=assembler.entity_counts(), triples=triples, graphs=ngraphs,
                        errors=tuple(errors))
