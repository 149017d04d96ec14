"""The examples in kg.export docstrings run (pytest collects doctests under tests/ only)."""
from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["kg.export.attributes", "kg.export.views", "kg.export.writers",
                                    "kg.export.html", "kg.export.facts",
                                    "kg.export.timeline"])
def test_doctests_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
