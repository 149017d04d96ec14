"""The benchmark scripts of bench/ as importable modules (they import each other by name)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="session")
def bench() -> callable:
    """``bench("e2e")`` imports ``bench/e2e.py``."""
    def load(name: str) -> ModuleType:
        if str(BENCH) not in sys.path:
            sys.path.insert(0, str(BENCH))
        return importlib.import_module(name)
    return load
