"""The shape every govkg rule component shares, after spaCy's ``SpanRuler``.

Settings come from ``pipeline.cfg`` (the factory's arguments); tables come through a
:class:`kg.lexicon.Lexicon` — the package's at construction, the saved ones after
``from_disk`` — and are written by ``to_disk``, so ``nlp.to_disk(path)`` and
``spacy.load(path)`` round-trip the whole pipeline, data included. ``match`` reads the
doc and returns what the component found (:class:`kg.nlp.spans.Found`) without touching
the doc; ``set_annotations`` writes it to ``doc.spans[name]``. Nothing is kept between
calls.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc

from kg.lexicon import Lexicon
from kg.nlp.spans import Found, set_found

__all__ = ["RuleComponent"]


class RuleComponent:
    """Base of the govkg components: ``__call__`` is ``set_annotations(doc, match(doc))``."""

    name: str

    def __init__(self, name: str) -> None:
        self.name = name
        self.lexicon = Lexicon()
        self.setup(self.lexicon)

    def setup(self, lexicon: Lexicon) -> None:
        """Read the component's tables through ``lexicon`` (subclasses)."""
        raise NotImplementedError

    def match(self, doc: Doc) -> Found:
        """What the component finds in ``doc`` (subclasses); the doc is left as it was."""
        raise NotImplementedError

    def set_annotations(self, doc: Doc, found: Found) -> None:
        """Write ``found`` to ``doc.spans[self.name]``."""
        set_found(doc, self.name, found)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def initialize(self, get_examples=None, *, nlp=None, data: str | None = None) -> None:
        """Read the tables again, from the folder ``data`` (laid out as kg/data) or the package."""
        self.lexicon = Lexicon(data)
        self.setup(self.lexicon)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the tables this component read (``path/patterns/*.jsonl``, ``path/lexicons/*.tsv``)."""
        Path(path).mkdir(parents=True, exist_ok=True)
        self.lexicon.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        """Read the tables written by :meth:`to_disk`."""
        self.initialize(data=str(path))
        return self
