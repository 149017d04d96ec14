"""A crafted dataset in the output shape (places in no gold file), shared by store and CLI tests."""

__all__ = ["CRAFTED"]

# A crafted dataset in the output shape, about places in no gold file.
CRAFTED = """\
@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/govkg/id/> .

<https://w3id.org/govkg/graph/divisions> {
  id:p15 a gov:Province ; rdfs:label "内蒙古自治区"@zh ; gov:divisionCode "150000000000" .
  id:p1525 a gov:Prefecture ; rdfs:label "锡林郭勒盟"@zh ; gov:partOf id:p15 ;
      skos:altLabel "Xilinguole Meng"@zh-Latn-pinyin ;
      skos:hiddenLabel "xilinguolemeng" ; gov:divisionCode "152500000000" .
  id:p152502 a gov:County ; rdfs:label "锡林浩特市"@zh ; gov:partOf id:p1525 ;
      skos:altLabel "Xilinhaote Shi"@zh-Latn-pinyin ;
      skos:hiddenLabel "xilinhaoteshi" ; gov:divisionCode "152502000000" .
  id:p152522 a gov:County ; rdfs:label "阿巴嘎旗"@zh ; gov:partOf id:p1525 ;
      skos:altLabel "Abaga Qi"@zh-Latn-pinyin , "阿旗"@zh ;
      skos:hiddenLabel "abagaqi" ; gov:divisionCode "152522000000" .
  id:p1505 a gov:Prefecture ; rdfs:label "通辽市"@zh ; gov:partOf id:p15 ;
      gov:divisionCode "150500000000" .
}

id:doc1 {
  id:doc1 a gov:Document ; gov:fileName "901_a.txt" .
  id:doc1a0 a gov:Article ; dcterms:isPartOf id:doc1 ; dcterms:title "阿巴嘎旗创新基层治理"@zh .
  id:s1 a gov:Initiative ; rdfs:label "“草原卫士”工作法"@zh ; skos:altLabel "草原卫士工作法"@zh ;
      gov:mentionedIn id:doc1 , id:doc1a0 ; gov:implementedIn id:p152522 ;
      gov:implementedBy id:o1 .
  id:o1 a gov:Organisation ; rdfs:label "阿巴嘎旗委政法委"@zh ; gov:locatedIn id:p152522 ;
      gov:mentionedIn id:doc1 , id:doc1a0 ; gov:awarded id:a1 .
  id:a1 a gov:Award ; rdfs:label "全区平安建设先进集体"@zh ; gov:mentionedIn id:doc1 .
  id:p152522 rdfs:label "阿巴嘎旗"@zh ; gov:mentionedIn id:doc1 , id:doc1a0 .
}

id:doc2 {
  id:doc2 a gov:Document ; gov:fileName "902_b.txt" .
  id:doc2a0 a gov:Article ; dcterms:isPartOf id:doc2 ; dcterms:title "通辽市学习草原卫士经验"@zh .
  id:s1 a gov:Initiative ; rdfs:label "“草原卫士”工作法"@zh ;
      gov:mentionedIn id:doc2 , id:doc2a0 ; gov:implementedIn id:p1505 ;
      gov:adaptedFrom id:p152522 .
  id:s2 a gov:Programme ; rdfs:label "“暖心驿站”专项行动"@zh ; gov:mentionedIn id:doc2 ;
      gov:implementedIn id:p152502 .
}
"""
