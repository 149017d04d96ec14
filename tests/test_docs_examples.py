"""Every ``kg`` command and Python example of README.md and docs/ runs (issue 12, item 13).

Each document's fenced blocks run in order, in a fresh folder laid out like a checkout
after ``./dev seeds`` (``seeds/``, ``out/seeds.trig``, ``out/seeds.store``,
``../shared``), so an example may use what an earlier one of the same page made.
``kg`` lines run through the CLI in this process (exit status 0 expected), ``kg serve``
lines as a real server on a free port (the page must answer), Python blocks with
``exec`` (a server is started for those that talk to ``127.0.0.1:7878``).

What is not run is listed in :data:`NOT_RUN` with the reason, and the test checks that
every such entry still matches something, so the list cannot silently grow stale.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

#: Lines and blocks that are not run: (document, text the line or block starts with) → why.
NOT_RUN = {
    ("README.md", "./dev "): "the developer entry point: runs this very suite or the seeds build",
    ("README.md", "source "): "shell activation of the virtual environment",
    ("docs/divisions.md", '"""Extract village names'): "the one-off script that made villages.tsv.gz "
                                                       "from jionlp's data file, kept as its record",
    ("docs/scale.md", "pip "): "installs a wheel on cluster machines",
    ("docs/scale.md", "dask "): "starts a Dask cluster",
    ("docs/scale.md", "kg build /shared/corpus"): "needs a Dask cluster at tcp://10.0.0.5:8786",
    ("docs/scale.md", "kg build corpus/ --out out/corpus.nq --scheduler"): "needs a Dask cluster",
    ("docs/speed.md", "python bench/"): "a benchmark, run by ./dev bench",
    ("docs/merging.md", "kg build corpus/ --out out/c.trig --merge-overrides"):
        "reads the researcher's own override file; tests/cli/test_build_merge.py runs it on a made one",
}
_MY_QUESTION = "SELECT ?c ?l WHERE { ?c a gov:County ; rdfs:label ?l } ORDER BY ?l\n"


def _blocks(doc: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, info string, text) of every fenced block."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"```(\w*)", lines[i])
        if m:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            yield i + 1, m.group(1), "\n".join(lines[i + 1:end])
            i = end
        i += 1


def _not_run(doc: str, text: str) -> str | None:
    return next((why for (d, start), why in NOT_RUN.items() if d == doc and text.lstrip().startswith(start)), None)


def _examples(doc: Path) -> list[tuple[str, int, str]]:
    """("kg" | "python", line, text) to run, in document order."""
    rel = doc.relative_to(ROOT).as_posix()
    out: list[tuple[str, int, str]] = []
    for line, lang, text in _blocks(doc):
        if lang == "python":
            if not _not_run(rel, text):
                out.append(("python", line, text))
        elif lang in ("", "bash", "sh"):
            for k, raw in enumerate(text.splitlines()):
                cmd = raw.split("  #", 1)[0].strip()
                if cmd.startswith("kg ") and not re.search(r"\bGRAPH\b|\[", cmd) and not _not_run(rel, cmd):
                    out.append(("kg", line + 1 + k, cmd))
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _server(args: list[str], cwd: Path) -> Iterator[int]:
    """``kg serve`` with ``args`` on a free port; yields the port once the page answers."""
    port = _free_port()
    args = [a for a in args]
    if "--port" in args:
        args[args.index("--port") + 1] = str(port)
    else:
        args += ["--port", str(port)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(  # this checkout's kg, not the installed one
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    assert resp.status == 200
                break
            except OSError:
                assert proc.poll() is None, f"kg {' '.join(args)} exited with {proc.returncode}"
                assert time.monotonic() < deadline, f"kg {' '.join(args)} did not answer"
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def checkout(tmp_path_factory, seeds_graph, shared_dir) -> Path:
    """A folder laid out like the checkout after ``./dev seeds``, reused as a template."""
    from kg.store.load import load_store

    base = tmp_path_factory.mktemp("docs")
    (base / "shared").symlink_to(shared_dir)
    clone = base / "clone"
    (clone / "out").mkdir(parents=True)
    (clone / "seeds").symlink_to(ROOT / "seeds")
    (clone / "queries").symlink_to(ROOT / "queries")
    shutil.copy(seeds_graph, clone / "out" / "seeds.trig")
    load_store(seeds_graph, clone / "out" / "seeds.store")
    (clone / "corpus").mkdir()
    first = sorted((ROOT / "seeds").glob("*.txt"))[0]
    shutil.copy(first, clone / "corpus" / first.name)
    (clone / "my_question.rq").write_text(_MY_QUESTION, encoding="utf-8")
    return base


@pytest.fixture()
def workspace(checkout, tmp_path, monkeypatch) -> Path:
    base = tmp_path / "ws"
    shutil.copytree(checkout, base, symlinks=True)
    monkeypatch.chdir(base / "clone")
    # the record and division caches of this run stay in the test's folder
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return base / "clone"


def test_docs_examples_not_run_list_is_current():
    found = set()
    for doc in DOCS:
        rel = doc.relative_to(ROOT).as_posix()
        for _, lang, text in _blocks(doc):
            pieces = [text] if lang == "python" else [ln.strip() for ln in text.splitlines()]
            found |= {(d, s) for (d, s) in NOT_RUN for p in pieces if d == rel and p.startswith(s)}
    assert set(NOT_RUN) == found


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_examples_run(doc, workspace):
    from kg.cli import app

    examples = _examples(doc)
    if not examples:
        pytest.skip(f"{doc.name} has no kg command or Python example")
    runner = CliRunner()
    for kind, line, text in examples:
        where = f"{doc.name}:{line}"
        if kind == "kg":
            args = shlex.split(text)[1:]
            if args[0] == "serve":
                with _server(args, workspace):
                    pass
                continue
            result = runner.invoke(app, args)
            assert result.exit_code == 0, f"{where}: {text}\n{result.output}"
            continue
        if "127.0.0.1:7878" in text:
            with _server(["serve", "out/seeds.store"], workspace) as port:
                exec(compile(text.replace(":7878", f":{port}"), where, "exec"), {"__name__": "__doc__"})
        else:
            exec(compile(text, where, "exec"), {"__name__": "__doc__"})
