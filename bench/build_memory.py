"""Memory the main process of ``kg build`` keeps per page: merge and assembly, no extraction.

The build's workers extract pages and their memory stays flat; the main process merges
the records across pages (:class:`kg.link.corpus_merge.CorpusMerger`), turns them into
named graphs (:class:`kg.rdf.graph.GraphAssembler`) and streams them to the file, and
whatever those two keep grows with the pages (issue 13 item 6: the tree must stay under
2 GB at 100k pages). This bench isolates that part:

1. the records of ``--pages`` synthetic pages (``bench/synth_pages.py``) are extracted
   once, on a worker pool, and pickled to ``--records`` (kept between runs: extraction
   is the slow part and does not change with the merge code);
2. ``kg.build.build`` then runs in this process, replaying those records in place of
   extraction, and samples this process's RSS (and, with ``--trace``, the Python heap
   traced by :mod:`tracemalloc`) every ``--every`` pages.

It prints the growth per page between the first sample and the last (KiB a page: the
slope that, times 100k pages, is the main process's share of the 100k-page tree) and
over the second half of the samples (where a build whose tables spilled is flat), the
distinct entity keys and bytes per key, the CPU seconds of the replay, and, with
``--trace``, the source lines whose allocations grew most over the same span — the
structures to shrink. ``--spill-after`` sets the entries a per-key table keeps in memory
(``none``: all, the behaviour before :mod:`kg.io.spill`); ``--out`` keeps the TriG, to
compare the bytes of two settings.

Usage::

    python -m bench.build_memory --pages 3000 --data /tmp/mm/pages --records /tmp/mm/rec-3000.pickle
    python -m bench.build_memory --pages 3000 --data /tmp/mm/pages --records /tmp/mm/rec-3000.pickle --trace
    python -m bench.build_memory --pages 3000 --data /tmp/mm/pages --records /tmp/mm/rec-3000.pickle \
        --spill-after none --out /tmp/mm/kept.trig
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import IO, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synth_pages import ensure_pages  # noqa: E402

from kg.build import build  # noqa: E402
from kg.errors import SourceError  # noqa: E402
from kg.io.spill import DEFAULT_LIMIT  # noqa: E402
from kg.records import FileRecord  # noqa: E402

__all__ = ["main"]


def _rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _extract(pages: Path, records: Path, workers: int) -> None:
    """Run the real extraction on a pool and pickle every record, in file order."""
    tmp = records.with_suffix(".part")
    with tmp.open("wb") as fh, tempfile.TemporaryDirectory() as work:
        build([pages], Path(work) / "x.nq", workers=workers,
              on_file=lambda r: pickle.dump(r, fh, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(records)


def _replay(fh: IO[bytes]) -> Callable[[Path], FileRecord]:
    """A ``process`` for :func:`kg.build.build` reading the pickled records in order."""
    pending: list[FileRecord] = []

    def process(path: Path) -> FileRecord:
        if not pending:
            pending.append(pickle.load(fh))
        if pending[0].file_name != Path(path).name:   # a source extraction skipped
            raise SourceError(str(path), "skipped when the records were extracted")
        return pending.pop()
    return process


def measure(pages: Path, records: Path, every: int, trace: bool, *,
            spill_after: int | None = DEFAULT_LIMIT, out: Path | None = None) -> dict:
    """Build from the replayed records in this process; samples of RSS (and heap)."""
    samples: list[dict] = []
    snaps: list = []          # the first sample's heap snapshot and the latest one
    done = [0]

    def on_file(_record: FileRecord) -> None:
        done[0] += 1
        if done[0] % every == 0:
            row = {"pages": done[0], "rss": _rss_bytes()}
            if trace:
                row["heap"] = tracemalloc.get_traced_memory()[0]
                snaps[1:] = []
                snaps.append(tracemalloc.take_snapshot())
            samples.append(row)

    if trace:
        tracemalloc.start(1)
    t0, c0 = time.perf_counter(), time.process_time()
    with records.open("rb") as fh, tempfile.TemporaryDirectory() as work:
        summary = build([pages], out or Path(work) / "out.trig", process=_replay(fh), on_file=on_file,
                        spill_after=spill_after)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    a, m, b = samples[0], samples[len(samples) // 2], samples[-1]
    span = b["pages"] - a["pages"]
    keys = sum(summary.entities.values())
    report = {"pages": done[0], "spill_after": spill_after, "wall_s": round(wall, 1),
              "cpu_s": round(cpu, 1), "entities": keys,
              "entities_per_page": round(keys / done[0], 1),
              "rss_mb": round(b["rss"] / 2**20, 1),
              "rss_kib_per_page": round((b["rss"] - a["rss"]) / span / 1024, 2),
              "rss_kib_per_page_second_half": round((b["rss"] - m["rss"]) / max(1, b["pages"] - m["pages"]) / 1024, 2),
              "samples": samples}
    if trace:
        grown = b["heap"] - a["heap"]
        report["heap_kib_per_page"] = round(grown / span / 1024, 2)
        report["heap_bytes_per_entity"] = round(b["heap"] / keys)
        report["top"] = [f"{s.size_diff / span:8.0f} B/page  {s.count_diff / span:6.1f} blocks/page  "
                         f"{s.traceback[0].filename.rsplit('/', 2)[-1]}:{s.traceback[0].lineno}"
                         for s in snaps[-1].compare_to(snaps[0], "lineno")[:15]]
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "govkg-pages")
    ap.add_argument("--source", type=Path, help="a folder of pages to use as it is (e.g. an earlier "
                    "generator's, whose records were extracted before), instead of --pages into --data")
    ap.add_argument("--records", type=Path, help="pickled records (default: beside --data)")
    ap.add_argument("--workers", type=int, default=2, help="extraction workers (first run only)")
    ap.add_argument("--every", type=int, default=250, help="sample every N pages")
    ap.add_argument("--trace", action="store_true", help="tracemalloc: growth by source line")
    ap.add_argument("--spill-after", default=str(DEFAULT_LIMIT),
                    help="entries a per-key table keeps in memory ('none': all)")
    ap.add_argument("--out", type=Path, help="keep the built TriG here")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    spill_after = None if args.spill_after == "none" else int(args.spill_after)
    pages = args.source or ensure_pages(args.data, args.pages, workers=args.workers)
    records = args.records or args.data.parent / f"records-{args.pages}.pickle"
    if not records.exists():
        print(f"extracting {args.pages} pages once into {records} …", file=sys.stderr)
        _extract(pages, records, args.workers)
    report = measure(pages, records, args.every, args.trace, spill_after=spill_after, out=args.out)
    for line in report.pop("top", []):
        print(line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    report.pop("samples")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
