"""Doc extensions used by the govkg components, registered once.

- ``doc._.kg_context``: :class:`kg.nlp.types.ArticleContext` set before the pipeline runs;
- ``doc._.kg_mentions``: list of :class:`kg.nlp.types.Mention` (components append);
- ``doc._.kg_relations``: list of :class:`kg.nlp.types.RelationHit`.
"""
from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["register_extensions", "EXTENSIONS"]

EXTENSIONS = ("kg_context", "kg_mentions", "kg_relations")


def register_extensions() -> None:
    """Register the extensions (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
