"""kg serve as a real process: starts, answers, refuses a bad graph."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

from typer.testing import CliRunner

from kg.cli import app
from tests.store.crafted_data import CRAFTED


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_process_answers(tmp_path):
    trig = tmp_path / "g.trig"
    trig.write_text(CRAFTED, encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(trig), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in line
        url = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%3Fs%20a%20gov%3AAward%7D"
        for _ in range(50):
            try:
                with urllib.request.urlopen(url) as resp:
                    assert json.loads(resp.read())["boolean"] is True
                break
            except OSError:
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_bad_graph_exit_1(tmp_path):
    res = CliRunner().invoke(app, ["serve", str(tmp_path / "none.trig")])
    assert res.exit_code == 1
    assert "cannot open: no such file or store directory" in res.stderr
