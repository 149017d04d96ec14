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
from importlib import resources

import spacy
from confection import Config
from spacy.language import Language

from kg.errors import PatternError
from kg.nlp import factories  # noqa: F401 - registers the factories
from kg.link.context import ArticleContext

__all__ = ["get_nlp", "load_config", "run"]


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

    from kg.link.divisions import get_kb
    from kg.nlp.components._scan import _tags
    from kg.nlp.components.gazetteer import register_automaton

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not the user's business
    jieba.initialize()
    _tags()
    get_kb()
    register_automaton()


def run(text: str, ctx: ArticleContext, nlp: Language | None = None):
    """Run the pipeline on ``text`` with the article context set before the components."""
    nlp = nlp or get_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["kg_text"] = text
    doc._.kg_context = ctx
    doc._.kg_mentions = []
    doc._.kg_relations = []
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
