"""Stages 2–3 — normalise page text with offsets back to the source; segment articles."""
from __future__ import annotations

from kg.text.articles import ArticleSpan, segment
from kg.text.normalize import NormalizedText, normalize, sentences
from kg.text.offsets import OffsetMap

__all__ = ["OffsetMap", "NormalizedText", "normalize", "sentences", "ArticleSpan", "segment"]
