"""Test helper: run Python in a child process and kill it with SIGKILL at a known point."""
from __future__ import annotations

import signal
import subprocess
import sys


def kill_when_ready(code: str, *args: str) -> None:
    """Run ``code`` in a child Python, wait for its ``ready`` line, then ``kill -9`` it."""
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
