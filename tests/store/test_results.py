"""Result writers: width-aware table and the W3C result formats, read back by real readers."""
from __future__ import annotations

import csv
import io
import json

from rdflib import Literal, URIRef
from rdflib.query import Result

from kg.store.results import QueryResult, display_width, format_result

R = QueryResult("SELECT", ["place", "n", "iri"], [
    (Literal("锡林郭勒盟", lang="zh"), Literal(12), URIRef("https://w3id.org/govkg/id/p1525")),
    (Literal("Abaga, \"Qi\"", lang="zh-Latn-pinyin"), None, None),
])


def test_results_table_aligns_wide_characters():
    lines = format_result(R, "table").splitlines()
    bars = {display_width(line.split("|")[0]) for line in lines[:4] if "|" in line}
    assert len(bars) == 1  # the first column ends at one display column on every row
    assert lines[-1] == "(2 rows)"


def test_results_json_roundtrips_through_rdflib():
    parsed = Result.parse(io.StringIO(format_result(R, "json")), format="json")
    rows = list(parsed)
    assert rows[0][0] == Literal("锡林郭勒盟", lang="zh") and rows[0][1] == Literal(12)
    assert rows[1][1] is None
    doc = json.loads(format_result(QueryResult("ASK", boolean=True), "json"))
    assert doc == {"head": {}, "boolean": True}


def test_results_xml_roundtrips_through_rdflib():
    parsed = Result.parse(io.BytesIO(format_result(R, "xml").encode()), format="xml")
    assert list(parsed)[0][2] == URIRef("https://w3id.org/govkg/id/p1525")


def test_results_csv_and_tsv():
    rows = list(csv.reader(io.StringIO(format_result(R, "csv"))))
    assert rows == [["place", "n", "iri"], ["锡林郭勒盟", "12", "https://w3id.org/govkg/id/p1525"],
                    ['Abaga, "Qi"', "", ""]]
    tsv = format_result(R, "tsv").splitlines()
    assert tsv[0] == "?place\t?n\t?iri"
    assert tsv[1].split("\t") == ['"锡林郭勒盟"@zh', '"12"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                  "<https://w3id.org/govkg/id/p1525>"]
