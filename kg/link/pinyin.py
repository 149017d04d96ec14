"""Romanised labels (placeholder; full implementation follows)."""
from __future__ import annotations

__all__ = ["romanise"]


def romanise(label: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(label, style=Style.NORMAL)).capitalize()
