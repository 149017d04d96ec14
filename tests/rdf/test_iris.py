"""IRIs are stable, readable for register places, and distinct per key."""
from __future__ import annotations

import doctest

import pytest

import kg.rdf.iris as iris


def test_iris_doctests():
    assert doctest.testmod(iris).failed == 0


@pytest.mark.parametrize("key,expected_prefix", [
    ("division:150400000000", "https://w3id.org/govkg/id/place/150400000000"),
    ("place:某某开发区", "https://w3id.org/govkg/id/place/"),
    ("org:赤峰市公安局", "https://w3id.org/govkg/id/organisation/"),
    ("scheme:“草原卫士”工作法", "https://w3id.org/govkg/id/scheme/"),
    ("award:全区平安建设先进集体", "https://w3id.org/govkg/id/award/"),
])
def test_iris_entity_family(key, expected_prefix):
    assert str(iris.entity_iri(key)).startswith(expected_prefix)


def test_iris_distinct_keys_distinct_iris():
    keys = ["org:赤峰市公安局", "org:通辽市公安局", "scheme:赤峰市公安局"]
    assert len({iris.entity_iri(k) for k in keys}) == 3


def test_iris_unknown_key_prefix():
    with pytest.raises(ValueError, match=r"entity key 'person:某某'"):
        iris.entity_iri("person:某某")


def test_iris_document_from_name_not_path():
    assert iris.document_iri("a.txt") == iris.document_iri("a.txt")
    assert iris.article_iri("a.txt", 1) == iris.document_iri("a.txt") + "/article/1"
