"""A stand-in extractor for CLI tests, so they test the command, not the NLP.

Installed as ``kg.extract`` for the duration of a test: every readable file gives a
record with one article and one crafted place, so a build is fast and its content known.
"""
from __future__ import annotations

import sys
import types

import pytest
from typer.testing import CliRunner

from kg.records import Article, Entity, FileRecord


def fake_extract_text(text: str, file_name: str, sha256: str, progress=None) -> FileRecord:
    if "CRASH" in text:
        raise RuntimeError("extractor crashed")
    title = text.strip().splitlines()[0] if text.strip() else ""
    place = Entity("division:150400000000", "Prefecture", "赤峰市", (), (0,), code="150400000000")
    return FileRecord(file_name, sha256, len(text), (Article(0, title, 0, len(text)),), (place,))


def fake_module() -> types.ModuleType:
    mod = types.ModuleType("kg.extract")
    mod.extract_text = fake_extract_text
    return mod


@pytest.fixture()
def runner(monkeypatch):
    """A CLI runner with the stand-in extractor installed."""
    monkeypatch.setitem(sys.modules, "kg.extract", fake_module())
    return CliRunner()


@pytest.fixture()
def pages(tmp_path):
    """Two readable pages in ``tmp_path/src``."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("赤峰市新闻\n赤峰市推行某某模式。\n", encoding="utf-8")
    (src / "b.txt").write_text("赤峰市简讯\n", encoding="utf-8")
    return src
