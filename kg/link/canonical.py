"""Canonical labels, aliases and entity keys (the label policy of gold/GUIDE.md).

- A label is clean: no spaces or line breaks, simplified, quotation marks kept only where
  the name is written with them (“检护平安”专项行动); the form without quotes is an alias.
- Punctuation is of one width: a name mixing full-width （） with half-width + (how the
  normaliser folds a name written all full-width) is made half-width throughout.
- A key identifies one real-world entity across files: ``division:<code>`` for register
  places, ``<family>:<label without quotes and spaces>`` otherwise (see kg/records.py).

Examples
--------
>>> entity_key("scheme", "“检护平安”专项行动")
'scheme:检护平安专项行动'
>>> strip_quotes("“2+4+6”社会治理模式")
'2+4+6社会治理模式'
>>> aliases_for("“草原义警”", ["“草原义警”品牌"])
('“草原义警”品牌', '草原义警', '草原义警品牌')
"""
from __future__ import annotations

import re

from kg.text.chars import uniform_width

__all__ = ["QUOTES", "clean", "canonical_label", "strip_quotes", "entity_key", "division_key", "aliases_for",
           "FAMILY_PREFIX"]

QUOTES = re.compile(r"[“”「」『』\"'‘’《》]")
_SPACE = re.compile(r"\s+")
FAMILY_PREFIX = {"place": "place", "organisation": "org", "scheme": "scheme", "award": "award"}


def clean(text: str) -> str:
    """Remove all whitespace (OCR spaces, line breaks) from a name."""
    return _SPACE.sub("", text)


def canonical_label(label: str) -> str:
    """The label as written in the graph: punctuation of one width (:func:`uniform_width`)."""
    return uniform_width(label)


def strip_quotes(text: str) -> str:
    """The name without quotation marks or spaces (the scorer's comparison form)."""
    return QUOTES.sub("", clean(text))


def division_key(code: str) -> str:
    """Key of a register place."""
    return f"division:{code}"


def entity_key(family: str, label: str) -> str:
    """Key of a non-register entity from its family and canonical label."""
    return f"{FAMILY_PREFIX[family]}:{strip_quotes(canonical_label(label))}"


def aliases_for(label: str, surfaces) -> tuple[str, ...]:
    """Sorted aliases: every surface and quote-less form that differs from ``label``."""
    out = set()
    for s in [label, *surfaces]:
        s = clean(s)
        out.add(s)
        out.add(strip_quotes(s))
    out.discard(label)
    out.discard("")
    return tuple(sorted(out))
