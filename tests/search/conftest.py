"""A crafted graph for the search tests: invented places and schemes that no gold file names.

Two documents; 测试旗 has a pinyin spelling, 样例镇 none (its pinyin comes from the label);
a sentence states two relations (one row in the index, two claims).
"""
from __future__ import annotations

from pathlib import Path

import pytest

ID = "https://w3id.org/govkg/id/"
TRIG = """@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/govkg/id/> .

<https://w3id.org/govkg/graph/divisions> {
  id:county1 a gov:County ; rdfs:label "测试旗"@zh ; skos:altLabel "Ceshi Qi"@zh-Latn-pinyin .
  id:town1 a gov:Township ; rdfs:label "样例镇"@zh ; gov:partOf id:county1 .
}
id:doc1 {
  id:doc1 a gov:Document ; gov:fileName "901_search_a.txt" .
  id:doc1-a0 a gov:Article ; dcterms:isPartOf id:doc1 ; dcterms:title "测试旗推进基层治理" .
  id:county1 gov:mentionedIn id:doc1-a0 .
  id:town1 gov:mentionedIn id:doc1-a0 .
  id:s1 a gov:Initiative ; rdfs:label "“测试旗调解”工作法"@zh ; skos:altLabel "测试旗调解工作法"@zh ;
      gov:mentionedIn id:doc1-a0 ; gov:implementedIn id:county1, id:town1 .
  id:s2 a gov:Programme ; rdfs:label "测试旗"@zh ; gov:mentionedIn id:doc1-a0 .
  id:org1 a gov:Organisation ; rdfs:label "测试旗司法局"@zh ; gov:mentionedIn id:doc1-a0 ;
      gov:locatedIn id:county1 .
  id:ev1 a gov:Evidence ; rdf:subject id:s1 ; rdf:predicate gov:implementedIn ; rdf:object id:county1 ;
      gov:sentence "测试旗推行“测试旗调解”工作法，样例镇率先试点。"@zh ; gov:startOffset 12 ; gov:endOffset 36 ;
      prov:wasDerivedFrom id:doc1-a0 .
  id:ev2 a gov:Evidence ; rdf:subject id:s1 ; rdf:predicate gov:implementedIn ; rdf:object id:town1 ;
      gov:sentence "测试旗推行“测试旗调解”工作法，样例镇率先试点。"@zh ; gov:startOffset 12 ; gov:endOffset 36 ;
      prov:wasDerivedFrom id:doc1-a0 .
  id:ev3 a gov:Evidence ; rdf:subject id:org1 ; rdf:predicate gov:locatedIn ; rdf:object id:county1 ;
      gov:sentence "测试旗司法局扎实开展工作。"@zh ; gov:startOffset 40 ; gov:endOffset 53 ;
      prov:wasDerivedFrom id:doc1-a0 .
}
id:doc2 {
  id:doc2 a gov:Document ; gov:fileName "902_search_b.txt" .
  id:s1 a gov:Initiative ; rdfs:label "“测试旗调解”工作法"@zh ; gov:mentionedIn id:doc2 .
  id:ev4 a gov:Evidence ; rdf:subject id:s1 ; rdf:predicate gov:implementedIn ; rdf:object id:town1 ;
      gov:sentence "样例镇学习测试旗调解工作法。"@zh ; gov:startOffset 0 ; gov:endOffset 14 ;
      prov:wasDerivedFrom id:doc2 .
}
"""


@pytest.fixture(scope="session")
def search_graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("search") / "crafted.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path
