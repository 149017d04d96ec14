"""A stand-in extractor for CLI tests, so they test the command, not the NLP.

Installed as ``kg.nlp.extract`` for the duration of a test: every readable file gives a
record with one article and one crafted place, so a build is fast and its content known.
"""
from __future__ import annotations

import types

from kg.records import Article, Entity, FileRecord


def fake_extract_text(text: str, file_name: str, sha256: str) -> FileRecord:
    if "CRASH" in text:
        raise RuntimeError("extractor crashed")
    title = text.strip().splitlines()[0] if text.strip() else ""
    place = Entity("division:150400000000", "Prefecture", "赤峰市", (), (0,), code="150400000000")
    return FileRecord(file_name, sha256, len(text), (Article(0, title, 0, len(text)),), (place,))


def fake_module() -> types.ModuleType:
    mod = types.ModuleType("kg.nlp.extract")
    mod.extract_text = fake_extract_text
    return mod
