"""Fixtures of the export tests: the crafted dataset, SPARQL counts, the real readers."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CRAFTED = HERE / "data" / "crafted.trig"
JS_DIR = HERE.parent / "js"

_PLACES = "gov:Province gov:Prefecture gov:County gov:Township gov:Village gov:Place"
_ALL = _PLACES + " gov:Organisation gov:Programme gov:Initiative gov:Award"
_RELS = ("gov:partOf gov:locatedIn gov:subOrganisationOf gov:implementedIn gov:implementedBy "
         "gov:adaptedFrom gov:awarded")

#: Per view, the node and edge counts asked in SPARQL, written independently of
#: kg.export (the store's default graph is the union of all graphs).
SPARQL_COUNTS = {
    "full": (
        f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ {_ALL} }} ?e a ?t }}",
        f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
              VALUES ?p {{ {_RELS} }} ?s ?p ?o .
              FILTER EXISTS {{ VALUES ?ts {{ {_ALL} }} ?s a ?ts }}
              FILTER EXISTS {{ VALUES ?to {{ {_ALL} }} ?o a ?to }} }} }}""",
    ),
    "scheme-place": (
        f"""SELECT ((COUNT(DISTINCT ?s) + COUNT(DISTINCT ?o)) AS ?n) WHERE {{
              ?s gov:implementedIn ?o .
              FILTER EXISTS {{ VALUES ?ts {{ gov:Programme gov:Initiative }} ?s a ?ts }}
              FILTER EXISTS {{ VALUES ?to {{ {_PLACES} }} ?o a ?to }} }}""",
        f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{
              ?s gov:implementedIn ?o .
              FILTER EXISTS {{ VALUES ?ts {{ gov:Programme gov:Initiative }} ?s a ?ts }}
              FILTER EXISTS {{ VALUES ?to {{ {_PLACES} }} ?o a ?to }} }} }}""",
    ),
    "place-place": (
        f"""SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{
              ?s gov:implementedIn ?a .
              FILTER EXISTS {{ VALUES ?ts {{ gov:Programme gov:Initiative }} ?s a ?ts }}
              FILTER EXISTS {{ VALUES ?ta {{ {_PLACES} }} ?a a ?ta }} }}""",
        f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?a ?b WHERE {{
              ?s gov:implementedIn ?a , ?b . FILTER(STR(?a) < STR(?b))
              FILTER EXISTS {{ VALUES ?ts {{ gov:Programme gov:Initiative }} ?s a ?ts }}
              FILTER EXISTS {{ VALUES ?ta {{ {_PLACES} }} ?a a ?ta }}
              FILTER EXISTS {{ VALUES ?tb {{ {_PLACES} }} ?b a ?tb }} }} }}""",
    ),
}


def _sparql_counts(graph, view: str) -> tuple[int, int]:
    nodes_q, edges_q = SPARQL_COUNTS[view]
    return tuple(int(graph.query(q).rows[0][0]) for q in (nodes_q, edges_q))


@pytest.fixture(scope="session")
def sparql_counts():
    """``f(graph, view) -> (nodes, edges)`` asked through the store's SPARQL."""
    return _sparql_counts


@pytest.fixture(scope="session")
def crafted_path() -> Path:
    return CRAFTED


@pytest.fixture(scope="session")
def synth_path(tmp_path_factory) -> Path:
    """A small synthetic N-Quads dataset from bench/synth.py (the benchmark's generator)."""
    path = HERE.parents[1] / "bench" / "synth.py"
    if not path.is_file():
        pytest.skip("bench/synth.py is not there")
    spec = importlib.util.spec_from_file_location("_synth", path)
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    out = tmp_path_factory.mktemp("synth") / "synth.nq"
    synth.write_synth(out, 4600)  # the register takes ≈ 3,600 quads of it
    return out


@pytest.fixture(scope="session")
def crafted_graph():
    from kg.store.open import open_graph

    return open_graph(CRAFTED)


@pytest.fixture(scope="session")
def node_reader():
    """Run tests/js/read_graph.mjs (graphology parsers); skip when node or packages are absent."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: graphology reader tests need Node.js")
    if not (JS_DIR / "node_modules" / "graphology-gexf").is_dir():
        pytest.skip("tests/js/node_modules is missing: run `npm install` in tests/js (./dev test does)")

    def read(fmt: str, path: Path) -> dict:
        out = subprocess.run([node, str(JS_DIR / "read_graph.mjs"), fmt, str(path)],
                             capture_output=True, text=True, timeout=120, check=True)
        return json.loads(out.stdout)

    return read
