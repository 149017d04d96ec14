"""Every ``Language.factory`` of the govkg components, with what each assigns and requires.

Declared under the ``spacy_factories`` entry point too, so ``spacy.blank("zh")`` users can
``add_pipe("kg_place_gazetteer")`` once govkg is installed.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from kg.nlp.extensions import remember_text
from kg.nlp.components.awards import AwardRecognizer
from kg.nlp.components.gazetteer import PlaceGazetteer
from kg.nlp.components.organisations import OrgGrammar
from kg.nlp.components.relations import RelationRules
from kg.nlp.components.schemes import SchemeRecognizer

__all__ = ["JiebaTokenizer", "CharTokenizer", "create_jieba_tokenizer", "create_char_tokenizer", "make_place_gazetteer", "make_org_grammar", "make_award_recognizer",
           "make_scheme_recognizer", "make_relation_rules"]


@Language.factory("kg_place_gazetteer", assigns=["doc._.kg_mentions"], requires=["doc._.kg_context"],
                  default_config={"heads": "place_heads", "generic": "org_generic_names", "max_name": 8})
def make_place_gazetteer(nlp: Language, name: str, heads: str, generic: str, max_name: int):
    return PlaceGazetteer(nlp, name, heads=heads, generic=generic, max_name=max_name)


@Language.factory("kg_org_grammar", assigns=["doc._.kg_mentions"],
                  requires=["doc._.kg_context", "doc._.kg_mentions"],
                  default_config={"heads": "org_heads", "functions": "unit_functions",
                                  "generic": "org_generic_names", "national": "national_bodies",
                                  "max_name": 24})
def make_org_grammar(nlp: Language, name: str, heads: str, functions: str, generic: str,
                     national: str, max_name: int):
    return OrgGrammar(nlp, name, heads=heads, functions=functions, generic=generic,
                      national=national, max_name=max_name)


@Language.factory("kg_award_recognizer", assigns=["doc._.kg_mentions", "doc._.kg_relations"],
                  requires=["doc._.kg_context", "doc._.kg_mentions"],
                  default_config={"triggers": "award_triggers"})
def make_award_recognizer(nlp: Language, name: str, triggers: str):
    return AwardRecognizer(nlp, name, triggers=triggers)


@Language.factory("kg_scheme_recognizer", assigns=["doc._.kg_mentions"],
                  requires=["doc._.kg_context", "doc._.kg_mentions"],
                  default_config={"heads": "scheme_heads", "triggers": "relation_triggers",
                                  "stoplist": "scheme_stoplist", "context": "scheme_context",
                                  "max_gap": 8})
def make_scheme_recognizer(nlp: Language, name: str, heads: str, triggers: str, stoplist: str,
                           context: str, max_gap: int):
    return SchemeRecognizer(nlp, name, heads=heads, triggers=triggers, stoplist=stoplist,
                            context=context, max_gap=max_gap)


@Language.factory("kg_relation_rules", assigns=["doc._.kg_relations"],
                  requires=["doc._.kg_context", "doc._.kg_mentions"],
                  default_config={"triggers": "relation_triggers"})
def make_relation_rules(nlp: Language, name: str, triggers: str):
    return RelationRules(nlp, name, triggers=triggers)


class _TextTokenizer:
    """A tokenizer whose tokens concatenate to the text unchanged (whitespace included).

    ``doc.text`` is then the text the components scan, so a character offset is a
    character offset everywhere. Subclasses say how the text is cut; there is nothing to
    serialise.
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def words(self, text: str) -> list[str]:
        raise NotImplementedError

    def __call__(self, text: str) -> Doc:
        words = self.words(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        remember_text(doc, text)  # doc.text is this text: no need to join the tokens again
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "_TextTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "_TextTokenizer":
        return self


class JiebaTokenizer(_TextTokenizer):
    """jieba's words (``jieba.lcut``, the default dictionary plus the project's words).

    The default tokenizer (``kg/nlp/pipeline.cfg``). Unlike spaCy's ``ChineseTokenizer``
    it keeps every character, whitespace included, as part of a token, so ``doc.text``
    equals the text, and it skips spaCy's space re-alignment — about twice as fast
    (docs/speed.md).

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg_jieba.v1"}}})
    >>> doc = nlp.make_doc("通辽市 开展调解\\n")
    >>> doc.text == "通辽市 开展调解\\n", "调解" in [t.text for t in doc]
    (True, True)
    """

    def words(self, text: str) -> list[str]:
        import jieba

        return jieba.lcut(text)


class CharTokenizer(_TextTokenizer):
    """One token per character: the same records as jieba words, faster.

    The components read characters (a name is scanned back from its head noun; jieba
    cuts unknown names such as a rare village name into single characters anyway), so
    the words are not needed for extraction itself; choose this tokenizer in
    ``pipeline.cfg`` to trade jieba tokens for about a third of extraction time.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg_chars.v1"}}})
    >>> doc = nlp.make_doc("通辽市 开展\\n")
    >>> [t.text for t in doc], doc.text == "通辽市 开展\\n"
    (['通', '辽', '市', ' ', '开', '展', '\\n'], True)
    """

    def words(self, text: str) -> list[str]:
        return list(text)


@registry.tokenizers("kg_jieba.v1")
def create_jieba_tokenizer():
    """``[nlp.tokenizer] @tokenizers = "kg_jieba.v1"`` (the default in ``kg/nlp/pipeline.cfg``)."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return make


@registry.tokenizers("kg_chars.v1")
def create_char_tokenizer():
    """``[nlp.tokenizer] @tokenizers = "kg_chars.v1"`` (see ``kg/nlp/pipeline.cfg``)."""

    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make
