"""Benchmark: one big file — time, CPU and peak memory as it grows (issue 12, item 8).

Files, written once per run from ``bench/synth_pages.py`` pages (invented names):

- ``paragraphs``: pages joined without their first lines, at each ``--sizes-mb`` (UTF-8
  megabytes; default 10 and 50): a file of many articles (the section headings inside
  the pages still read as headlines, ≈ 190 articles per million characters);
- ``one line``: pages joined with every line break removed, at each ``--line-chars``
  (default 1.8M characters, the line of the issue): one article without headlines, the
  case where a file's mentions would accumulate;
- ``separate pages``: ordinary pages, one ``extract_text`` each — the baseline cost per
  character.

Each extraction runs in a fresh child process (the pipeline loaded and warmed before
the clock starts), which reports wall seconds, CPU seconds and its peak RSS above the
warmed pipeline. ``--before DIR`` runs every file also with another checkout's ``kg``
(e.g. a ``git worktree`` of the commit before a change), in the same run, and prints
after/before ratios; ``--before-max-mb`` skips the before run of larger files (the old
code took minutes and gigabytes). CPU linear means: the CPU per character stays flat as
the file grows (``growth`` lines: per character within ~1.2×); memory bounded means the
peak grows more slowly than the file — what still grows is the text and the record.

Usage::

    python bench/long_file.py                            # this checkout: 10 MB, 50 MB, 1.8M-char line
    python bench/long_file.py --before /tmp/kg-before --before-max-mb 10
    python bench/long_file.py --sizes-mb 10 50 --line-chars 1800000 9000000 --before /tmp/kg-before
    python bench/long_file.py --sizes-mb 2 --line-chars 400000   # quick
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth_pages import synth_page  # noqa: E402

__all__ = ["main"]


def _child(path: str, separate: bool) -> None:
    """Extract one file (or each page of a separate-pages file) and print the figures as JSON."""
    from kg.extract import extract_text

    extract_text(synth_page(10_000)[1], "warm.txt")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = Path(path).read_text(encoding="utf-8")
    wall, cpu = time.perf_counter(), time.process_time()
    if separate:
        for i, page in enumerate(text.split("\f")):
            extract_text(page, f"{i}.txt")
    else:
        extract_text(text, Path(path).name)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": wall, "cpu": cpu, "chars": len(text), "rss": (peak - base) / 1024,
                      "peak": peak / 1024}))


def _run(root: Path, path: Path, separate: bool = False) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, __file__, "--child", str(path)] + (["--separate"] if separate else []),
                         env=env, cwd=root, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _files(folder: Path, sizes_mb: list[float], line_chars: list[int]) -> list[tuple[str, Path, float]]:
    """The benchmark files, written from synthetic pages (seed 3) until each is big enough."""
    files = []
    pages = (synth_page(i, seed=3)[1] for i in range(10**7))
    paras: list[str] = []
    size = 0
    for mb in sorted(sizes_mb):
        while size < mb * 1e6:
            part = "\n".join(ln for ln in next(pages).splitlines()[2:] if ln.strip())
            paras.append(part)
            size += len(part.encode("utf-8")) + 1
        path = folder / f"paragraphs-{mb:g}MB.txt"
        path.write_text("\n".join(paras), encoding="utf-8")
        files.append((f"paragraphs {mb:g} MB", path, mb))
    line, n = [], 0
    parts = (synth_page(i, seed=5)[1].replace("\n", "") for i in range(10**7))
    for chars in sorted(line_chars):
        while n < chars:
            line.append(next(parts))
            n += len(line[-1])
        path = folder / f"one-line-{chars}.txt"
        path.write_text("".join(line)[:chars], encoding="utf-8")
        files.append((f"one line {chars / 1e6:g}M chars", path, path.stat().st_size / 1e6))
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes-mb", type=float, nargs="+", default=[10, 50])
    ap.add_argument("--line-chars", type=int, nargs="+", default=[1_800_000])
    ap.add_argument("--before", type=Path, help="a checkout whose kg is the 'before'")
    ap.add_argument("--before-max-mb", type=float, default=float("inf"),
                    help="skip the before run of files larger than this")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--separate", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.separate)
        return
    after = HERE.parent
    codes = [("after", after)] + ([("before", args.before.resolve())] if args.before else [])
    print(f"load average {os.getloadavg()[0]:.1f}; after = {after}" + (f", before = {args.before}" if args.before else ""))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sep = folder / "separate.txt"
        sep.write_text("\f".join(synth_page(i, seed=3)[1] for i in range(16)), encoding="utf-8")
        files = _files(folder, args.sizes_mb, args.line_chars)
        base = {code: _run(root, sep, separate=True) for code, root in codes}
        head = (f"{'file':<24} {'code':<7} {'characters':>11} {'wall s':>8} {'CPU s':>8} {'CPU s/M':>8} "
                f"{'vs pages':>9} {'peak +MB':>9} {'MB/M':>6}")
        print(head)
        for code, _ in codes:
            b = base[code]
            print(f"{'16 separate pages':<24} {code:<7} {b['chars']:>11,} {b['wall']:>8.1f} {b['cpu']:>8.1f} "
                  f"{b['cpu'] / b['chars'] * 1e6:>8.2f} {1:>8.2f}× {b['rss']:>9,.0f} {b['rss'] / b['chars'] * 1e6:>6.1f}")
        results: dict[tuple[str, str], dict] = {}
        for name, path, mb in files:
            for code, root in codes:
                if code == "before" and mb > args.before_max_mb:
                    print(f"{name:<24} {code:<7} (skipped: {mb:.0f} MB > --before-max-mb)")
                    continue
                r = results[name, code] = _run(root, path)
                per = r["cpu"] / r["chars"] * 1e6
                vs = per / (base[code]["cpu"] / base[code]["chars"] * 1e6)
                print(f"{name:<24} {code:<7} {r['chars']:>11,} {r['wall']:>8.1f} {r['cpu']:>8.1f} {per:>8.2f} "
                      f"{vs:>8.2f}× {r['rss']:>9,.0f} {r['rss'] / r['chars'] * 1e6:>6.1f}", flush=True)
            if (name, "before") in results:
                a, b = results[name, "after"], results[name, "before"]
                print(f"{'':<24} after/before: wall {a['wall'] / b['wall']:.2f}×, CPU {a['cpu'] / b['cpu']:.2f}×, "
                      f"peak memory {a['rss'] / max(b['rss'], 1):.2f}×")
        for code, _ in codes:
            for kind in ("paragraphs", "one line"):
                _growth(code, kind, [results[n, code] for n, _, _ in files
                                     if n.startswith(kind) and (n, code) in results])


def _growth(code: str, kind: str, sized: list[dict]) -> None:
    """Print how CPU and peak memory grow from the smallest to the largest file of a kind.

    Linear CPU: the CPU per character stays within ~1.2× as the file grows; bounded
    memory: the peak grows less than the file (what is left grows with the record).
    """
    if len(sized) < 2:
        return
    lo, hi = sized[0], sized[-1]
    per = (hi["cpu"] / hi["chars"]) / (lo["cpu"] / lo["chars"])
    print(f"growth ({code}), {kind} {lo['chars']:,} → {hi['chars']:,} characters ({hi['chars'] / lo['chars']:.1f}×): "
          f"peak memory {hi['rss'] / max(lo['rss'], 1):.1f}×, CPU {hi['cpu'] / lo['cpu']:.1f}× "
          f"(per character {per:.2f}×)")


if __name__ == "__main__":
    main()
