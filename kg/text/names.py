"""Names as text: spaces and quotation marks removed, one punctuation width.

Why in :mod:`kg.text`: both stages compare names this way — the pipeline (a scheme's
quoted words against the stoplist, an entity's identity, :class:`kg.context.Ref`) and
the linker (labels, aliases, keys, :mod:`kg.link.canonical`) — and neither owns it.

Examples
--------
>>> strip_quotes("“2+4+6”社会治理模式")
'2+4+6社会治理模式'
>>> bare_name("“1名网格员（专职）+N名志愿者” 行动")
'1名网格员(专职)+N名志愿者行动'
"""
from __future__ import annotations

import re

from kg.text.chars import uniform_width

__all__ = ["QUOTES", "clean", "canonical_label", "strip_quotes", "bare_name"]

QUOTES = re.compile(r"[“”「」『』\"'‘’《》]")
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Remove all whitespace (OCR spaces, line breaks) from a name."""
    return _SPACE.sub("", text)


def canonical_label(label: str) -> str:
    """The label as written in the graph: punctuation of one width (:func:`uniform_width`)."""
    return uniform_width(label)


def strip_quotes(text: str) -> str:
    """The name without quotation marks or spaces (the scorer's comparison form)."""
    return QUOTES.sub("", clean(text))


def bare_name(label: str) -> str:
    """What identifies a name: its canonical label without quotation marks or spaces."""
    return strip_quotes(canonical_label(label))
