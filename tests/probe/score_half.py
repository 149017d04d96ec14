"""Score one half of the probe set: build its pages with ``kg.build``, score them as ``kg eval`` does.

The probe set (``tests/probe``, see its README) is split in two halves by ``SPLIT.md``:
*tune* pages may have their misses read to find error classes, *heldout* pages only ever
report their scores. ``kg eval GRAPH GOLD_DIR --files …`` can score a half of a graph
built from the whole set, but cross-page merging would then join entities across the
halves; this builds each half on its own, so a half's score depends on its pages only.

usage: python -m tests.probe.score_half tune|heldout [--misses] [--json]

``--misses`` is refused for the heldout half: once its misses are read it stops being
held out.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

__all__ = ["PROBE", "PAGES", "GOLD", "HALVES", "half_files", "score_half", "main"]

PROBE = Path(__file__).resolve().parent
PAGES = PROBE / "pages"
GOLD = PROBE / "gold"
HALVES = ("tune", "heldout")
_ENTRY = re.compile(r"^- `([^`]+\.txt)`")


def half_files(half: str, split: Path = PROBE / "SPLIT.md") -> list[str]:
    """The page file names of ``half``, in the order ``SPLIT.md`` lists them.

    ``SPLIT.md`` holds one ``## tune`` and one ``## heldout`` section, each a list of
    ``- `NAME.txt` …`` lines; reading the names from the file the people read keeps the
    one split in one place.

    Examples
    --------
    >>> len(half_files("tune")), len(half_files("heldout"))
    (18, 14)
    """
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, got {half!r}")
    names: dict[str, list[str]] = {h: [] for h in HALVES}
    current = None
    for line in split.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip().split()[0].lower()
        elif current in names and (m := _ENTRY.match(line)):
            names[current].append(m.group(1))
    return names[half]


def score_half(half: str, workdir: Path):
    """Build the pages of ``half`` into ``workdir`` and score them against their gold.

    Returns
    -------
    kg.eval.score.EvalResult
        Scores by family and relation, and the misses (not to be read for heldout).
    """
    from kg.build import build
    from kg.eval.report import evaluate

    files = half_files(half)
    out = Path(workdir) / f"probe-{half}.trig"
    build([PAGES / f for f in files], out)
    return evaluate(out, GOLD, files)


def main(argv: list[str]) -> int:
    """Command line: print the half's table (``kg eval``'s layout), or its JSON."""
    from kg.eval.report import format_misses, format_table

    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1 or args[0] not in HALVES:
        print(__doc__, file=sys.stderr)
        return 2
    half = args[0]
    if "--misses" in argv and half != "tune":
        print("Error: the heldout half reports scores only; its misses are not to be read",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        result = score_half(half, Path(tmp))
    if "--json" in argv:
        report = result.as_dict()
        if half != "tune":
            report.pop("misses", None)
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    if "--misses" in argv and result.misses:
        print(format_misses(result))
    print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
