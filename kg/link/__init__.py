"""Linking and canonicalisation: the division knowledge base and romanised labels."""
from __future__ import annotations

from kg.link.divisions import (
    LEVEL_SUFFIXES,
    LEVELS,
    Division,
    DivisionKB,
    Match,
    get_kb,
    level_of_name,
    village_parent_candidates,
)
from kg.link.pinyin import romanise

__all__ = [
    "LEVEL_SUFFIXES",
    "LEVELS",
    "Division",
    "DivisionKB",
    "Match",
    "get_kb",
    "level_of_name",
    "romanise",
    "village_parent_candidates",
]
