"""Doc extensions used by the govkg components, registered once.

- ``doc._.kg_context``: the :class:`kg.context.ArticleContext` the caller sets on
  the doc before the pipeline runs (what the page linker knows about the article);
- ``doc._.kg_mentions``: every :class:`kg.nlp.types.Mention` found so far (a view over
  ``doc.spans``, :func:`kg.nlp.spans.mentions`);
- ``doc._.kg_relations``: every :class:`kg.nlp.types.RelationHit` (:func:`kg.nlp.spans.relations`);
- ``doc._.kg_text``: ``doc.text``, built once per doc. Why: ``Doc.text`` joins a Token
  object per token on every call, and the components read the text character by character
  (with the character tokenizer that is one Token per character): recomputing it for each
  component cost a sixth of extraction time.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.nlp.spans import mentions, relations

__all__ = ["register_extensions", "remember_text", "EXTENSIONS"]

EXTENSIONS = ("kg_context", "kg_mentions", "kg_relations", "kg_text")
_TEXT_KEY = ("kg", "text")


def remember_text(doc: Doc, text: str) -> None:
    """Record ``text`` as ``doc._.kg_text`` (a tokenizer whose tokens join to the text it was given)."""
    doc.user_data[_TEXT_KEY] = text


def _text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def register_extensions() -> None:
    """Register the extensions (idempotent)."""
    if not Doc.has_extension("kg_context"):
        Doc.set_extension("kg_context", default=None)
    if not Doc.has_extension("kg_mentions"):
        Doc.set_extension("kg_mentions", getter=mentions)
    if not Doc.has_extension("kg_relations"):
        Doc.set_extension("kg_relations", getter=relations)
    if not Doc.has_extension("kg_text"):
        Doc.set_extension("kg_text", getter=_text)


register_extensions()
