"""Lookup keys for names: the form ``label_lookup`` matches in, written as ``skos:hiddenLabel``.

``queries/label_lookup.rq`` finds an entity by a name typed any way — "Wulatehou Qi",
"wulatehouqi", a Chinese name with an OCR space or a middle dot — by comparing
``LCASE(REPLACE(STR(?x), "[\\s·・]", ""))`` of the parameter and of each name. Computing
that for every label of the store is a scan (≈ 70k labels at 1M quads); so the build
writes, beside each name whose key differs from the name itself, the key as a plain
``skos:hiddenLabel`` literal — SKOS's property for forms meant for search, not display —
and the query looks the key up by value. A ``@zh`` name that is its own key needs no
hidden form: the query looks it up as ``"key"@zh``. Every pinyin spelling gets one
(whatever its form), so no pinyin is missed by that lookup.

:func:`lookup_key` is the Python side of the query's expression: both must stay the
same normalisation (``tests/rdf/test_lookup.py`` checks them against each other).
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["lookup_key", "hidden_labels"]

_DROP = re.compile(r"[\s·・]")


def lookup_key(name: str) -> str:
    """The key ``label_lookup`` matches names in: no whitespace or middle dots, lower case.

    Parameters
    ----------
    name : str
        A label, alias or pinyin spelling.

    Returns
    -------
    str
        ``LCASE(REPLACE(name, "[\\s·・]", ""))``, as the query computes it.

    Examples
    --------
    >>> lookup_key("Wulatehou Qi"), lookup_key("阿拉坦·敖包 镇"), lookup_key("测试旗")
    ('wulatehouqi', '阿拉坦敖包镇', '测试旗')
    """
    return _DROP.sub("", name).lower()


def hidden_labels(names: Iterable[str], pinyin: str | None = None) -> list[str]:
    """The ``skos:hiddenLabel`` keys to write for an entity's names, sorted, each once.

    Parameters
    ----------
    names : Iterable[str]
        Its ``@zh`` label and aliases: a key is written for those whose key differs from
        the name (spaces, middle dots, capitals); the others are found as they are.
    pinyin : str or None
        Its pinyin spelling (``@zh-Latn-pinyin``): always keyed, the query looks up
        ``@zh`` names by value and keys otherwise.

    Returns
    -------
    list[str]
        Distinct keys, in code-point order.

    Examples
    --------
    >>> hidden_labels(["测试旗", "测试 旗"], "Ceshi Qi")
    ['ceshiqi', '测试旗']
    >>> hidden_labels(["测试旗"])
    []
    """
    keys = {key for n in names if (key := lookup_key(n)) != n}
    if pinyin:
        keys.add(lookup_key(pinyin))
    return sorted(keys)
