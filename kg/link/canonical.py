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
>>> from kg.context import Ref
>>> key_of(Ref.named("organisation", "X县 公安局")), key_of(Ref.division("150825000000"))
('org:X县公安局', 'division:150825000000')
>>> aliases_for("“草原义警”", ["“草原义警”品牌"])
('“草原义警”品牌', '草原义警', '草原义警品牌')
"""
from __future__ import annotations

from kg.text.names import bare_name, clean, strip_quotes

__all__ = ["entity_key", "division_key", "key_of", "aliases_for", "FAMILY_PREFIX"]

FAMILY_PREFIX = {"place": "place", "organisation": "org", "scheme": "scheme", "award": "award"}


def division_key(code: str) -> str:
    """Key of a register place."""
    return f"division:{code}"


def entity_key(family: str, label: str) -> str:
    """Key of a non-register entity from its family and canonical label."""
    return f"{FAMILY_PREFIX[family]}:{bare_name(label)}"


def key_of(ref) -> str:
    """The key of the entity a :class:`kg.context.Ref` names: the one place keys are minted.

    Why here: the pipeline says which entity a span stands for as data (family, bare
    name, register code); what an entity is called in the graph is the linker's to say.
    """
    return division_key(ref.code) if ref.code else f"{FAMILY_PREFIX[ref.family]}:{ref.name}"


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
