"""bench/_proctree.py: a process tree's memory and CPU, from psutil and from /proc."""
from __future__ import annotations

import subprocess
import sys

import pytest

# A child that starts a grandchild holding 60 MB and spending CPU, then says "ready".
_TREE = r"""
import subprocess, sys
g = subprocess.Popen([sys.executable, "-c",
    "import sys, time\nb = bytearray(60 * 2**20)\nfor i in range(0, len(b), 4096): b[i] = 1\n"
    "t = time.process_time()\nwhile time.process_time() - t < 0.3: pass\nprint('ready', flush=True)\n"
    "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
assert g.stdout.readline().strip() == "ready"
print(g.pid, flush=True)
sys.stdin.read()
g.stdin.close(); g.wait()
"""


@pytest.fixture()
def tree():
    child = subprocess.Popen([sys.executable, "-c", _TREE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    grandchild = int(child.stdout.readline())
    yield child, grandchild
    child.stdin.close()
    child.wait()


def test_both_readers_see_the_grandchild_and_agree(bench, tree):
    proctree = bench("_proctree")
    child, grandchild = tree
    if proctree.psutil is None:
        pytest.skip("psutil is not installed")
    by_psutil = {p.pid: p for p in proctree.sample(child.pid, use_psutil=True).procs}
    by_proc = {p.pid: p for p in proctree.sample(child.pid, use_psutil=False).procs}
    assert set(by_psutil) == set(by_proc) == {child.pid, grandchild}
    assert proctree.tree_pids(child.pid) == [child.pid, grandchild]
    for pid in by_proc:
        assert by_proc[pid].rss == pytest.approx(by_psutil[pid].rss, rel=0.05)
        assert by_proc[pid].cpu == pytest.approx(by_psutil[pid].cpu, abs=0.05)
    assert by_proc[grandchild].rss > 60 * 2**20
    assert 0 < by_proc[grandchild].pss <= by_proc[grandchild].rss
    assert by_proc[grandchild].cpu >= 0.3


def test_watch_keeps_the_peak_of_the_whole_tree(bench):
    proctree = bench("_proctree")
    code = _TREE.replace("sys.stdin.read()\ng.stdin", "import time; time.sleep(0.5)\ng.stdin")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True)
    seen = proctree.watch(child, interval=0.02)
    grandchild = int(child.stdout.readline())
    assert child.returncode == 0
    assert seen.peak.rss > 60 * 2**20 and grandchild in {p.pid for p in seen.peak.procs}
    assert seen.cpu[grandchild] >= 0.3 and seen.cpu_s >= seen.cpu[grandchild]
    assert 0 < seen.peak_pss <= seen.peak.rss


def test_fmt_mb(bench):
    assert bench("_proctree").fmt_mb(1536 * 2**20) == "1,536 MB"
