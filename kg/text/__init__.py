"""Stages 2–3 — normalise page text with offsets back to the source; segment articles."""
from __future__ import annotations

from kg.text.articles import ArticleSpan, segment
from kg.text.normalize import NormalizedText, normalize
from kg.text.offsets import OffsetMap
from kg.text.sentences import sentence_at, sentence_spans

__all__ = ["OffsetMap", "NormalizedText", "normalize", "sentence_spans", "sentence_at", "ArticleSpan",
           "segment"]
