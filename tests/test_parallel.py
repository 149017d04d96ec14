"""kg.parallel: in-order outcomes whatever the executor, per-file errors, bounded window.

The per-file function here is a stand-in with the FileRecord contract (it reads the file
and splits it into articles at Markdown headings); the real ``kg.build.process_file`` is
exercised by the byte-identity test at the bottom.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.parallel import map_files, run_batch
from kg.records import Article, FileRecord

ROOT = Path(__file__).resolve().parent.parent


def standin(path: Path) -> FileRecord:
    """Read a page and return a FileRecord with one Article per heading; no NLP."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError(str(path), f"not UTF-8 at byte {err.start}") from err
    if "BOOM" in text:
        raise ValueError("stand-in extractor failure")
    # Finish out of order: later files sleep less, so workers complete them first.
    time.sleep(0.002 * (int(hashlib.sha256(path.name.encode()).hexdigest(), 16) % 20))
    heads = [i for i, line in enumerate(text.splitlines()) if line.startswith("#")]
    arts = tuple(Article(n, text.splitlines()[i].lstrip("# ").strip(), 0, len(text)) for n, i in enumerate(heads))
    return FileRecord(Path(path).name, hashlib.sha256(raw).hexdigest(), len(text), articles=arts)


def die_on_kill(path: Path) -> FileRecord:
    """Kill the worker process on one file, to test pool recovery."""
    if Path(path).name.startswith("kill"):
        os._exit(13)
    return standin(path)


@pytest.fixture()
def pages(tmp_path, seeds_dir) -> list[Path]:
    """Twenty pages: the five seeds, each copied four times under new names."""
    out = []
    for i in range(4):
        for src in sorted(seeds_dir.glob("*.txt")):
            dst = tmp_path / f"{i}_{src.name}"
            dst.write_bytes(src.read_bytes())
            out.append(dst)
    return sorted(out)


def _summary(outcomes):
    return [(o.path.name, o.result if isinstance(o.result, FileRecord) else str(o.result)) for o in outcomes]


def test_parallel_pool_yields_in_input_order(pages):
    serial = _summary(map_files(standin, pages, workers=1))
    pooled = _summary(map_files(standin, pages, workers=2, window=3))
    assert [name for name, _ in serial] == [p.name for p in pages]
    assert pooled == serial


def test_parallel_batches_keep_order(pages):
    serial = _summary(map_files(standin, pages, workers=1))
    assert _summary(map_files(standin, pages, workers=2, batch_size=3, window=2)) == serial


def test_parallel_errors_are_per_file(tmp_path, pages):
    bad = tmp_path / "0_bad_encoding.txt"
    bad.write_bytes("巴彦".encode("gb18030") + b"\xff\xfe")
    boom = tmp_path / "0_boom.txt"
    boom.write_text("# BOOM\n", encoding="utf-8")
    missing = tmp_path / "0_missing.txt"
    paths = sorted([*pages, bad, boom, missing])
    for workers in (1, 2):
        outs = {o.path.name: o.result for o in map_files(standin, paths, workers=workers)}
        assert len(outs) == len(paths)
        assert isinstance(outs["0_bad_encoding.txt"], SourceError)
        assert outs["0_bad_encoding.txt"].reason.startswith("not UTF-8 at byte")
        assert str(outs["0_boom.txt"]).endswith("extraction failed: ValueError: stand-in extractor failure")
        assert [outs[p.name].path for p in (bad, boom, missing)] == [str(bad), str(boom), str(missing)]
        assert "FileNotFoundError" in outs["0_missing.txt"].reason
        good = [r for r in outs.values() if isinstance(r, FileRecord)]
        assert len(good) == len(pages)


def test_parallel_worker_death_loses_only_that_file(tmp_path, pages):
    killer = tmp_path / "kill.txt"
    killer.write_text("# x\n", encoding="utf-8")
    paths = sorted([*pages, killer])
    outs = list(map_files(die_on_kill, paths, workers=2))
    assert [o.path for o in outs] == paths
    errs = [o for o in outs if isinstance(o.result, SourceError)]
    assert [o.path.name for o in errs] == ["kill.txt"]
    assert errs[0].result.reason == "extraction failed: the worker process died"


def test_parallel_two_worker_deaths_in_flight(tmp_path, pages):
    """Deaths while other batches are in flight: every innocent file still gets its record."""
    for name in ("kill_a.txt", "kill_b.txt"):
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    paths = sorted([*pages, tmp_path / "kill_a.txt", tmp_path / "kill_b.txt"])
    outs = list(map_files(die_on_kill, paths, workers=2, batch_size=2, window=4))
    assert [o.path for o in outs] == paths
    assert sorted(o.path.name for o in outs if isinstance(o.result, SourceError)) == ["kill_a.txt", "kill_b.txt"]


def test_parallel_run_batch_ships_records_and_errors_through_pickle(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("# 标题\n正文", encoding="utf-8")
    boom = tmp_path / "boom.txt"
    boom.write_text("# BOOM\n", encoding="utf-8")
    out = pickle.loads(pickle.dumps(run_batch(standin, [str(p), str(tmp_path / "none.txt"), str(boom)])))
    assert out[0].articles[0].title == "标题"
    assert isinstance(out[1], SourceError) and out[1].path == str(tmp_path / "none.txt")
    assert "FileNotFoundError" in out[1].reason
    assert isinstance(out[2], SourceError) and out[2].path == str(boom)
    assert out[2].reason == "extraction failed: ValueError: stand-in extractor failure"


def test_parallel_is_lazy_and_bounded(pages):
    """Consuming one outcome submits at most a window's worth of files."""
    pulled = []

    def source():
        for p in pages:
            pulled.append(p)
            yield p

    it = map_files(standin, source(), workers=1, window=2)
    next(it)
    assert len(pulled) <= 2
    it.close()


def _build_bytes(out: Path, workers: int, suffix: str) -> bytes:
    from kg.build import build

    target = out / f"w{workers}{suffix}"
    summary = build([ROOT / "seeds"], target, workers=workers)
    assert summary.ok and summary.files == 5, summary.errors
    return target.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_parallel_build_byte_identical_across_workers(tmp_path, suffix):
    """The real build of the seeds: the same bytes with one worker and with two."""
    assert _build_bytes(tmp_path, 1, suffix) == _build_bytes(tmp_path, 2, suffix)


# ---------------------------------------------------------------- progress (kg/cli/progress.py)


def test_parallel_progress_plain_lines_are_few_and_final():
    import io

    from kg.cli.progress import build_progress

    ticks = iter(range(10_000))
    out = io.StringIO()
    with build_progress(100, stream=out, live=False, every=5, clock=lambda: next(ticks)) as advance:
        for i in range(100):
            advance(cached=i < 40)
    lines = out.getvalue().splitlines()
    assert 1 < len(lines) <= 11
    assert lines[-1].startswith("build: 100/100 files (100%), ") and lines[-1].endswith(", 40 from cache")
    assert "files/s, ETA " in lines[0]


def test_parallel_progress_short_build_prints_nothing():
    import io

    from kg.cli.progress import build_progress

    out = io.StringIO()
    with build_progress(5, stream=out, live=False) as advance:
        for _ in range(5):
            advance()
    assert out.getvalue() == ""


def test_parallel_progress_quiet_and_live_choice(monkeypatch):
    import io

    from kg.cli.progress import build_progress, wants_live_bar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wants_live_bar(Tty()) and not wants_live_bar(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wants_live_bar(Tty())
    out = Tty()
    with build_progress(3, quiet=True, stream=out) as advance:
        advance()
    assert out.getvalue() == ""


# ---------------------------------------------------------------- kg.build with workers


def test_parallel_build_standin_same_bytes_and_errors(tmp_path, pages):
    """kg.build.build through the pool: same bytes as in-process, bad files reported."""
    from kg.build import build

    bad = tmp_path / "0_bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb")
    srcs = [*pages, bad]
    seen = []
    one = build(srcs, tmp_path / "one.nq", workers=1, process=standin,
                progress=lambda n=1, cached=False: seen.append(cached))
    two = build(srcs, tmp_path / "two.nq", workers=2, process=standin)
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()
    assert one.files == two.files == len(pages) and len(seen) == len(srcs)
    assert [e.path for e in one.errors] == [e.path for e in two.errors] == [str(bad)]


def test_parallel_build_cache_counts(tmp_path, pages):
    from kg.build import build

    first = build(pages, tmp_path / "a.trig", workers=2, process=standin, cache=tmp_path / "cache")
    pages[5].write_text("# 赤峰市\n", encoding="utf-8")
    second = build(pages, tmp_path / "b.trig", workers=2, process=standin, cache=tmp_path / "cache")
    assert (first.extracted, first.cached) == (len(pages), 0)
    assert (second.extracted, second.cached) == (1, len(pages) - 1)


def test_parallel_build_store_streams_into_oxigraph(tmp_path, pages):
    """--store: the written N-Quads are bulk-loaded into an on-disk store, quad for quad."""
    from kg.build import build
    from kg.store.open import open_graph

    summary = build(pages[:6], tmp_path / "g.nq", workers=2, process=standin, store=tmp_path / "g.store")
    lines = (tmp_path / "g.nq").read_text(encoding="utf-8").splitlines()
    assert summary.store == tmp_path / "g.store" and summary.store_quads == len(set(lines)) > 0
    graph = open_graph(tmp_path / "g.store")
    try:
        rows = graph.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    finally:
        graph.close()
    assert int(rows[0][0]) == summary.store_quads


# Issue 12, item 7: pool workers exit when the process that started them is killed.
_ORPHAN_MAIN = '''
import os, sys, time
from pathlib import Path
from kg.parallel import map_files
import slowfn
paths = [Path(sys.argv[1]) / f"{i}.txt" for i in range(2)]
for p in paths:
    p.write_text("x")
list(map_files(slowfn.slow, paths, workers=2))
'''
_ORPHAN_FN = '''
import os, time
from pathlib import Path
def slow(path):
    (path.parent / f"worker-{os.getpid()}").write_text("")
    time.sleep(120)
'''


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs Linux /proc")
@pytest.mark.timeout(120)
def test_parallel_workers_exit_when_the_parent_is_killed(tmp_path):
    import signal
    import subprocess
    import sys

    (tmp_path / "slowfn.py").write_text(_ORPHAN_FN, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    main = subprocess.Popen([sys.executable, "-c", _ORPHAN_MAIN, str(work)], env=env)
    try:
        deadline = time.monotonic() + 90
        while len(list(work.glob("worker-*"))) < 2:
            assert time.monotonic() < deadline, "the workers never started"
            assert main.poll() is None, "the build process ended early"
            time.sleep(0.2)
        workers = {int(p.name.split("-")[1]) for p in work.glob("worker-*")}
        tree = _descendants(main.pid)
        assert workers <= tree
    finally:
        main.send_signal(signal.SIGKILL)
        main.wait()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = sorted(pid for pid in tree if _alive(pid))
    for pid in left:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"processes left running after kill -9 of their build: {left}"
