"""What the register says of a division, whatever page it is read on: its class, a code's division, ancestry.

Why apart from :mod:`kg.link.resolve`: these are facts of the register, asked by the
pipeline's grammar (is this place inside that one, is this reading a prefecture) and by
the linker alike; which division a name stands for on a page is the linker's decision
(:mod:`kg.link.resolve`, asked through ``ctx.readings``).
"""
from __future__ import annotations

__all__ = ["division_class", "get_division", "inside"]

_LEVEL_CLASS = {1: "Province", 2: "Prefecture", 3: "County", 4: "Township", 5: "Village",
                "province": "Province", "prefecture": "Prefecture", "county": "County",
                "township": "Township", "village": "Village"}


def division_class(div) -> str:
    """The kg class (Province … Village) of a register division, whatever its level type."""
    level = getattr(div, "level", None)
    if isinstance(level, str) and level in ("Province", "Prefecture", "County", "Township", "Village"):
        return level
    if isinstance(level, str):
        return _LEVEL_CLASS.get(level.lower(), "Place")
    return _LEVEL_CLASS.get(level, "Place")


def get_division(kb, code: str | None):
    """``kb.get(code)`` or None for an unknown code."""
    if not code:
        return None
    try:
        return kb.get(code)
    except (KeyError, ValueError):
        return None


def inside(kb, code: str | None, ancestor: str | None) -> bool:
    """True when ``ancestor`` is a proper ancestor of ``code`` (False for unknown codes)."""
    if not code or not ancestor:
        return False
    try:
        return kb.is_inside(code, ancestor)
    except (KeyError, ValueError):
        return False
