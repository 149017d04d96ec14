"""Run the docstring examples of the io and text modules (pytest collects tests/ only)."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.io.sources", "kg.io.decode", "kg.io.atomic", "kg.text.offsets", "kg.text.chars",
           "kg.text.fold", "kg.text.layout", "kg.text.tidy", "kg.text.normalize",
           "kg.text.sentences", "kg.text.articles", "kg.text.meta", "kg.text.dates", "kg.text.names"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_t2s_exceptions_table_loads():
    from kg.resources import read_tsv
    from kg.text.chars import t2s_table

    rows = list(read_tsv("text/t2s_exceptions.tsv", ("char", "simplified", "note")))
    assert len(rows) >= 1 and all(len(r["char"]) == 1 and len(r["simplified"]) == 1 for r in rows)
    table = t2s_table()
    assert table["於"] == "于" and table["區"] == "区" and "乾" not in table
    assert len(table) > 2500
