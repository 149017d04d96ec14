"""kg.errors: every error survives pickling (a worker ships it) with its fields and message."""
from __future__ import annotations

import inspect
import pickle

import pytest

import kg.errors as errors
from kg.errors import (BuildError, ExportError, KgError, OutputError, PatternError, QueryError, SourceError,
                       StoreError, UsageError)

CASES = [
    (SourceError("pages/a.txt", "binary file (NUL bytes)"), {"path": "pages/a.txt", "reason": "binary file (NUL bytes)"}),
    (QueryError("SPARQL syntax error: expected '}'", 3, 2), {"message": "SPARQL syntax error: expected '}'",
                                                               "line": 3, "col": 2}),
    (QueryError("--param 'x': expected NAME=VALUE"), {"line": None, "col": None}),
    (BuildError("no source could be read; g.trig not written",
                (SourceError("a.txt", "empty file"), SourceError("b.txt", "too large"))), {}),
    (PatternError("lexicon.tsv, row 4: expected 3 columns"), {}),
    (ExportError("unknown view 'tree'"), {}),
    (StoreError("g.trig: cannot open"), {}),
    (UsageError("g.json: unknown output format '.json'"), {}),
    (OutputError("out/g.trig: Permission denied"), {}),
]


@pytest.mark.parametrize("err, fields", CASES, ids=lambda c: type(c).__name__ if isinstance(c, Exception) else "")
def test_errors_round_trip_through_pickle(err, fields):
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err) and str(back) == str(err) and back.args == err.args
    for name, value in fields.items():
        assert getattr(back, name) == value == getattr(err, name)


def test_errors_build_error_keeps_each_source_error():
    err = pickle.loads(pickle.dumps(CASES[3][0]))
    assert [(e.path, e.reason) for e in err.errors] == [("a.txt", "empty file"), ("b.txt", "too large")]


def test_errors_every_class_is_tested_and_a_kg_error():
    classes = {c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, KgError)}
    assert classes == {type(e) for e, _ in CASES} | {KgError}
    assert set(errors.__all__) == {c.__name__ for c in classes}
