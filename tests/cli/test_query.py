"""kg query and kg load through the CLI: output forms, parameters, exit codes."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.store.crafted_data import CRAFTED

runner = CliRunner()


@pytest.fixture(scope="module")
def trig(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "crafted.trig"
    path.write_text(CRAFTED, encoding="utf-8")
    return path


def test_query_library_name_with_param_table(trig):
    res = runner.invoke(app, ["query", str(trig), "rollup_schemes", "--param", "place=锡林郭勒盟"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split()[0] == "scheme" and "“草原卫士”工作法" in res.stdout
    assert lines[-1] == "(2 rows)"


def test_query_pinyin_lookup_json(trig):
    res = runner.invoke(app, ["query", str(trig), "label_lookup", "-p", "name=abaga qi", "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert [b["label"]["value"] for b in doc["results"]["bindings"]] == ["阿巴嘎旗"]


@pytest.mark.parametrize("fmt, first", [("csv", "s\r"), ("tsv", "?s"), ("json", "{")])
def test_query_expr_formats(trig, fmt, first):
    res = runner.invoke(app, ["query", str(trig), "-e", "SELECT ?s WHERE { ?s a gov:Province }", "-f", fmt])
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith(first.strip("\r"))


def test_query_ask_and_construct(trig, tmp_path):
    res = runner.invoke(app, ["query", str(trig), "-e", "ASK { ?s a gov:Award }"])
    assert res.stdout.strip() == "true"
    rq = tmp_path / "c.rq"
    rq.write_text("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a gov:Province ; rdfs:label ?l }")
    res = runner.invoke(app, ["query", str(trig), str(rq)])
    assert "内蒙古自治区" in res.stdout and "@prefix" in res.stdout


def test_query_syntax_error_exit_2(trig):
    res = runner.invoke(app, ["query", str(trig), "-e", "SELECT ?s WHERE {\n ?s ?p \n}"])
    assert res.exit_code == 2
    # the triple missing its object, not the end of the text where the parser gave up
    assert res.stderr.strip() == "Error: SPARQL syntax error: '?s ?p' does not parse at line 2, column 2"


def test_query_injection_param_matches_nothing(trig):
    res = runner.invoke(app, ["query", str(trig), "-e", "SELECT ?s WHERE { ?s rdfs:label ?n }",
                              "--param", 'n=x" } ; DROP ALL ; "', "-f", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines() == ["s"]


def test_query_unknown_graph_exit_1(tmp_path):
    res = runner.invoke(app, ["query", str(tmp_path / "none.trig"), "-e", "ASK {}"])
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {tmp_path / 'none.trig'}: cannot open: no such file or store directory"


def test_load_then_query_store(trig, tmp_path):
    res = runner.invoke(app, ["load", str(trig), "--store", str(tmp_path / "st")])
    assert res.exit_code == 0 and res.stdout.strip().endswith("65 quads in 3 named graphs")
    res = runner.invoke(app, ["query", str(tmp_path / "st"), "division_tree", "-p", "place=锡林郭勒盟", "-f", "csv"])
    assert res.exit_code == 0
    assert [r.split(",")[1] for r in res.stdout.splitlines()[1:]] == ["锡林郭勒盟", "锡林浩特市", "阿巴嘎旗"]


@pytest.mark.parametrize("args, message", [
    (["rollup_schemes", "--param", "plac=锡林郭勒盟"],
     "Error: unknown parameter 'plac'; this query takes: place"),
    (["rollup_schemes"], "Error: missing required parameter 'place' (place — Chinese name "
                         "(rdfs:label) of the place, e.g. 巴彦淖尔市 (required))"),
    (["multi_source_schemes", "-p", "place=锡林郭勒盟"],
     "Error: unknown parameter 'place'; this query takes: no parameters"),
    (["-e", "SELECT ?s WHERE { ?s a ?type }", "-p", "typ=gov:County"],
     "Error: unknown parameter 'typ': the query has no variable ?typ"),
])
def test_query_unknown_or_missing_param_refused(trig, args, message):
    """A misspelled or missing --param used to answer for the whole graph (issue 12.10)."""
    res = runner.invoke(app, ["query", str(trig), *args])
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr.strip() == message


def test_query_optional_params_may_be_left_out(trig):
    res = runner.invoke(app, ["query", str(trig), "places_sharing_scheme", "-p", "place=阿巴嘎旗", "-f", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines()[1:] == ["通辽市,1,“草原卫士”工作法"]


def test_query_streams_rows_of_a_large_answer(tmp_path):
    """9M rows: the first arrive at once and memory stays small (issue 12.11: held whole before)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "bench"))
    from synth import write_synth

    from kg.store.load import load_store

    write_synth(tmp_path / "s.nq", 3000)
    load_store(tmp_path / "s.nq", tmp_path / "st")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", str(tmp_path / "st"), "-f", "csv",
                             "-e", "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        t = time.monotonic()
        lines = [proc.stdout.readline() for _ in range(20_000)]
        took = time.monotonic() - t
        rss_kb = int(next(ln.split()[1] for ln in Path(f"/proc/{proc.pid}/status").read_text().splitlines()
                          if ln.startswith("VmRSS:")))
        assert proc.poll() is None  # still producing the other ~9M rows
        assert lines[0] == b"a,d\r\n" and all(ln.endswith(b"\r\n") for ln in lines)
        print(f"first 20,000 rows after {took:.2f} s, RSS {rss_kb // 1024} MB")
        assert took < 30 and rss_kb < 400_000, (took, rss_kb)
    finally:
        proc.kill()
        proc.wait(10)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_relative_iri_needs_a_base(trig, engine):
    q = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    res = runner.invoke(app, ["query", str(trig), "-e", q, "--engine", engine])
    assert res.exit_code == 2
    assert res.stderr.strip() == ("Error: relative IRI <s> and no base to resolve it against: declare "
                                  "BASE <…> in the query or give --base IRI at line 1, column 13")
    res = runner.invoke(app, ["query", str(trig), "-e", q, "--engine", engine, "--base", "http://lab.example/",
                              "-f", "nt"])
    assert res.exit_code == 0
    assert res.stdout.strip() == ('<http://lab.example/s> <http://lab.example/p> '
                                  '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .')


def test_query_unknown_prefix_is_named_without_a_character_dump(seeds_graph):
    """Issue 12.9: an undeclared prefix is named with its position; no ['A' ..= 'Z' …] lists."""
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["query", str(seeds_graph), "-e", "SELECT ?x WHERE {\n ?x foo:bar ?y }"])
    assert result.exit_code == 2
    assert "unknown prefix 'foo:'" in result.output and "line 2" in result.output
    assert "..=" not in result.output
    result = CliRunner().invoke(app, ["query", str(seeds_graph), "-e", "SELECT ?x WHERE { ?x ?p ?y . FILTER(?y = ) }"])
    assert result.exit_code == 2 and "..=" not in result.output and "line 1" in result.output


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_syntax_error_names_the_line_it_is_on(trig, engine):
    """Issue 12.9: an error is not reported a line late. Oxigraph's parser gives up at the
    end of the text (line 4 here) for an unfinished expression on line 3."""
    res = runner.invoke(app, ["query", str(trig), "-e", "SELECT ?x WHERE {\n ?x ?p ?y .\n FILTER(?y = )\n}",
                              "--engine", engine])
    assert res.exit_code == 2 and "at line 3, column 2" in res.stderr, res.stderr
    if engine == "oxigraph":
        assert res.stderr.strip() == "Error: SPARQL syntax error: 'FILTER(?y = )' does not parse at line 3, column 2"
