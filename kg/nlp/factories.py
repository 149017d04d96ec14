"""Every ``Language.factory`` of the govkg components, with what each assigns and requires.

Declared under the ``spacy_factories`` entry point too, so ``spacy.blank("zh")`` users can
``add_pipe("kg_place_gazetteer")`` once govkg is installed.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from kg.nlp import extensions  # noqa: F401 - registers the Doc extensions
from kg.nlp.components.awards import AwardRecognizer
from kg.nlp.components.gazetteer import PlaceGazetteer
from kg.nlp.components.organisations import OrgGrammar
from kg.nlp.components.relations import RelationRules
from kg.nlp.components.schemes import SchemeRecognizer

__all__ = ["CharTokenizer", "create_char_tokenizer", "make_place_gazetteer", "make_org_grammar", "make_award_recognizer",
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
                                  "stoplist": "scheme_stoplist", "max_gap": 8})
def make_scheme_recognizer(nlp: Language, name: str, heads: str, triggers: str, stoplist: str,
                           max_gap: int):
    return SchemeRecognizer(nlp, name, heads=heads, triggers=triggers, stoplist=stoplist,
                            max_gap=max_gap)


@Language.factory("kg_relation_rules", assigns=["doc._.kg_relations"],
                  requires=["doc._.kg_context", "doc._.kg_mentions"],
                  default_config={"triggers": "relation_triggers"})
def make_relation_rules(nlp: Language, name: str, triggers: str):
    return RelationRules(nlp, name, triggers=triggers)


class CharTokenizer:
    """One token per character, whitespace included: ``doc.text`` is the text unchanged.

    Why not jieba: the components read characters (a name is scanned back from its head
    noun; jieba cuts unknown names such as 额肯呼都格嘎查 into single characters anyway),
    so segmenting every article with jieba only to ignore the words cost about a third
    of extraction time. With one token per character every mention offset is a token
    boundary (``doc.char_span`` always succeeds), and the vocabulary stays bounded by the
    character set. jieba's dictionary is still used, for word look-ups on short names.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg_chars.v1"}}})
    >>> doc = nlp.make_doc("通辽市 开展\\n")
    >>> [t.text for t in doc], doc.text == "通辽市 开展\\n"
    (['通', '辽', '市', ' ', '开', '展', '\\n'], True)
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = list(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # Nothing to serialise: the tokenizer has no settings or data.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "CharTokenizer":
        return self


@registry.tokenizers("kg_chars.v1")
def create_char_tokenizer():
    """``[nlp.tokenizer] @tokenizers = "kg_chars.v1"`` (see ``kg/nlp/pipeline.cfg``)."""

    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make
