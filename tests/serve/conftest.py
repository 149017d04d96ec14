"""A running server over a small synthetic graph, shared by the serve tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The one origin the shared server allows by --cors.
LAB = "https://lab.example"


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import write_synth

    from kg.serve.app import ServeConfig, run_in_thread
    from kg.store.load import load_store

    tmp = tmp_path_factory.mktemp("serve")
    write_synth(tmp / "synth.nq", 4000)
    load_store(tmp / "synth.nq", tmp / "store")
    server, thread = run_in_thread(tmp / "store", ServeConfig(port=0, timeout=2.0, row_limit=50,
                                                              workers=2, cors=(LAB,)))
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
