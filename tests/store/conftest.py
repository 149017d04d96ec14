"""Fixtures of the store tests: a small synthetic dataset and a crafted one."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from tests.store.crafted_data import CRAFTED  # noqa: E402


@pytest.fixture(scope="session")
def crafted_trig(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crafted") / "crafted.trig"
    path.write_text(CRAFTED, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def synth_nq(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import write_synth

    path = tmp_path_factory.mktemp("synth") / "synth.nq"
    write_synth(path, 5000)
    return path
