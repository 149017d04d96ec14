"""Build the extraction pipeline once per process from ``kg/nlp/pipeline.cfg``.

``spacy.blank("zh")`` with the tokenizer of the config file (the jieba segmenter,
:class:`kg.nlp.factories.JiebaTokenizer`, by default; ``kg_chars.v1`` gives one token per character,
:class:`kg.nlp.factories.CharTokenizer`, the same records faster), then the govkg components (:mod:`kg.nlp.factories`) in the order and
with the settings of the config file.
"""
from __future__ import annotations

import gc
import logging
from functools import lru_cache
from typing import Iterable, Iterator
from importlib import resources

import spacy
from confection import Config
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import PatternError
from kg.context import ArticleContext
from kg.nlp import factories  # noqa: F401 - registers the factories

__all__ = ["get_nlp", "load_config", "make_doc", "annotate", "run"]


def load_config() -> Config:
    """The pipeline config shipped in the package."""
    text = (resources.files("kg.nlp") / "pipeline.cfg").read_text(encoding="utf-8")
    try:
        return Config().from_str(text)
    except Exception as err:  # confection raises several types
        raise PatternError(f"kg/nlp/pipeline.cfg: {err}") from err


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline (built once per process).

    Examples
    --------
    >>> [name for name, _ in get_nlp().pipeline][:2]
    ['kg_places', 'kg_orgs']
    """
    _load_tables()
    cfg = load_config()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": dict(cfg["nlp"]["tokenizer"])}})
    for name in cfg["nlp"]["pipeline"]:
        settings = dict(cfg["components"][name])
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=name, config=settings)
    _freeze_heap()
    return nlp


def _freeze_heap() -> None:
    """Move everything alive now out of the garbage collector's sight (:func:`gc.freeze`).

    The tables just loaded (jieba's dictionary and POS table, the division register,
    the automata, spaCy's vocabulary) live as long as the process. Each full collection
    used to walk all of them again while extraction allocates many short-lived objects:
    about a quarter of extraction time. Frozen objects are never collected, so garbage
    is collected first; what is frozen is what the process keeps anyway.
    """
    gc.collect()
    gc.freeze()


def _load_tables() -> None:
    """Load what the components look up, so the first article does not pay for it.

    jieba's dictionary above all: the components read ``jieba.dt.FREQ`` directly, which
    is empty until the dictionary is loaded (with the character tokenizer nothing
    else would load it). Also the part-of-speech table, the
    division register and its automaton. Worker processes call this once, through
    :func:`get_nlp`, from their initializer.
    """
    import jieba

    from kg.register.divisions import get_kb
    from kg.nlp.components._scan import _tags
    from kg.nlp.components.gazetteer import register_automaton

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not the user's business
    jieba.initialize()
    _tags()
    get_kb()
    register_automaton()


def make_doc(text: str, ctx: ArticleContext, nlp: Language | None = None) -> Doc:
    """A doc of ``text`` carrying the article's context (``doc._.kg_context``), not yet annotated."""
    doc = (nlp or get_nlp()).make_doc(text)
    doc._.kg_context = ctx
    return doc


def annotate(items: Iterable[tuple[str, ArticleContext]], nlp: Language | None = None) -> Iterator[Doc]:
    """Run the pipeline (``nlp.pipe``) on ``(text, context)`` pairs, lazily, in order.

    The context is set on each doc before the pipeline sees it, so every component —
    the rules or a trained ``ner``/``spancat`` added in ``pipeline.cfg`` — runs through
    spaCy's own ``pipe`` with the page linker's knowledge of the article at hand.
    """
    nlp = nlp or get_nlp()
    return nlp.pipe(make_doc(text, ctx, nlp) for text, ctx in items)


def run(text: str, ctx: ArticleContext, nlp: Language | None = None) -> Doc:
    """The pipeline on one text with its context (``nlp(doc)``)."""
    nlp = nlp or get_nlp()
    return nlp(make_doc(text, ctx, nlp))
