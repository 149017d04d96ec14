"""Benchmark: the cost of one long file grows linearly with its size (issue 12, item 8).

Baseline, measured in the same run: the same synthetic pages extracted one file each
(ordinary pages, ≈ 10k characters). Then the pages are joined into single files two
ways — as one line without any break (the 1.8M-character line of the issue), and as
one headline-less article of paragraphs — at growing sizes. For each, the CPU seconds
per million characters is printed, and its ratio to the baseline's: a linear cost keeps
the ratio flat as the size grows (before bounded pieces, the one-line file cost 14×
more for 4× the characters).

Usage::

    python bench/long_file.py                 # sizes 16, 64, 160 pages (≈ 0.17M–1.75M characters)
    python bench/long_file.py --pages 8 32    # other sizes
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_pages import synth_page  # noqa: E402


def _cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[16, 64, 160])
    args = ap.parse_args()

    from kg.extract import extract_text
    from kg.text.pieces import PIECE_CHARS

    extract_text(synth_page(10_000)[1], "warm.txt")  # load the pipeline outside the timings
    most = max(args.pages)
    pages = [synth_page(i, seed=3)[1] for i in range(most)]
    base_n = min(args.pages)
    base_chars = sum(len(p) for p in pages[:base_n])
    base_cpu = _cpu(lambda: [extract_text(p, f"{i}.txt") for i, p in enumerate(pages[:base_n])])
    base = base_cpu / base_chars * 1e6
    print(f"piece size {PIECE_CHARS:,} characters")
    print(f"baseline: {base_n} separate pages, {base_chars:,} characters, {base_cpu:.2f} CPU s "
          f"= {base:.2f} CPU s per million characters")
    print(f"{'file':<22} {'pages':>6} {'characters':>12} {'CPU s':>8} {'s/M chars':>10} {'vs baseline':>12}")
    for shape in ("one line", "one article, paras"):
        for n in args.pages:
            if shape == "one line":
                text = "".join(p.replace("\n", "") for p in pages[:n])
            else:  # paragraphs, but no headline between the pages: one long article
                text = "\n".join(line for p in pages[:n] for line in p.splitlines()[2:] if line.strip())
            cpu = _cpu(lambda: extract_text(text, "long.txt"))
            per = cpu / len(text) * 1e6
            print(f"{shape:<22} {n:>6} {len(text):>12,} {cpu:>8.2f} {per:>10.2f} {per / base:>11.2f}×",
                  flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:,.0f} MB")


if __name__ == "__main__":
    main()
