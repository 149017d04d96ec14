"""Two engines behind one interface: :class:`KGraph` answers SPARQL 1.1 on Oxigraph or rdflib.

- ``oxigraph`` (the default): pyoxigraph, in memory for a file, on disk for a store.
  ``bench/sparql.py`` measured it 10–50× faster than rdflib at loading and querying
  (see ``docs/querying.md``), so it is used for files of every size.
- ``rdflib``: rdflib's in-memory ``Dataset``, kept as the reference implementation and
  the benchmark baseline (``engine="rdflib"``).

In both, the default graph is the *union of all graphs* with set semantics: rdflib's
``Dataset(default_union=True)``, and for Oxigraph the union materialised in the store's
default graph when the data was loaded (:mod:`kg.store.union`, which says why). A plain
Oxigraph directory not made by ``kg load`` is queried with ``use_default_graph_as_union``
instead. Every query may use the prefixes of :data:`kg.rdf.prefixes.PREFIXES` without
declaring them; results come back as :class:`kg.store.results.QueryResult` holding
**rdflib terms** whichever engine answered (:mod:`kg.store.terms`). Opening a path is
:func:`kg.store.open.open_graph`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.rdf.prefixes import PREFIXES
from kg.store.bind import bind_values
from kg.store.guard import check_reach, check_shape
from kg.store.library import check_params
from kg.store.results import TRUNCATED, QueryResult, RowStream
from kg.store.terms import conventional, ox_to_rdflib

__all__ = ["KGraph", "OxigraphGraph", "RdflibGraph", "ENGINES", "query_kind"]

ENGINES = ("oxigraph", "rdflib")

# rdflib would otherwise parse FROM <iri> from the web or disk when it does not hold it
# (kg.store.guard refuses such queries first; this is the second lock)
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
_POS = re.compile(r"error at (\d+):(\d+):?\s*")


def query_kind(text: str) -> str:
    """SELECT/ASK/CONSTRUCT/DESCRIBE from the query text, skipping prologue and comments."""
    body = re.sub(r"#[^\n]*", " ", text)
    body = re.sub(r"<[^>\s]*>", "<>", body)  # IRIs may contain the keywords
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


class KGraph:
    """A dataset to query, whatever engine and storage hold it.

    Use :func:`open_graph` to get one. ``query`` is the whole contract; ``len`` counts
    quads and ``close`` releases the store.
    """

    engine: str = ""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: Base IRI for relative IRIs in queries (None: a relative IRI is an error).
        self.base: str | None = None
        #: Hosts a ``SERVICE`` may call (see :mod:`kg.store.guard`); none by default.
        self.allow_service: tuple[str, ...] = ()
        self._graph_names: frozenset[str] | None = None

    def graph_names(self) -> frozenset[str]:
        """IRIs of the named graphs held (what ``FROM`` and the protocol may select)."""
        if self._graph_names is None:
            self._graph_names = frozenset(self._list_graph_names())
        return self._graph_names

    def _list_graph_names(self) -> Iterator[str]:
        raise NotImplementedError

    def _check(self, text: str, bindings: Mapping[str, Node] | None, base: str | None) -> None:
        """Parameters against the query's header; nothing reached beyond the graph."""
        check_shape(text)
        check_params(text, bindings or ())
        check_reach(text, held=self.graph_names(), allow_service=self.allow_service,
                    prefixes=PREFIXES, base=base)

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
              limit: int | None = None, base: str | None = None,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, stream: bool = False) -> QueryResult:
        """Run a SPARQL 1.1 query.

        Parameters
        ----------
        text : str
            The query. The prefixes of :data:`PREFIXES` need no declaration.
        bindings : mapping of str to rdflib term, optional
            Initial values for variables (names without ``?``), passed to the engine as
            RDF terms — never pasted into the text — so a value cannot change the query.
        limit : int, optional
            Keep at most this many rows (or triples); ``QueryResult.truncated`` says
            whether more were there.
        base : str, optional
            Base IRI for relative IRIs (default :attr:`base`).
        default_graphs, named_graphs : sequence of str, optional
            The dataset by graph IRIs, as the protocol's ``default-graph-uri`` and
            ``named-graph-uri`` give it (Oxigraph only); either one replaces the whole
            dataset, and a name not held is an empty graph — nothing is fetched.
        stream : bool
            SELECT rows as a :class:`kg.store.results.RowStream` read once while the
            engine produces them (Oxigraph; a large answer is then never held whole).

        Returns
        -------
        QueryResult
            Rows, a boolean or a graph, as the query's form gives.

        Raises
        ------
        kg.errors.QueryError
            The text is not SPARQL 1.1 Query (an update is refused the same way), with
            its line and column.
        """
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Release the underlying store (the object is unusable afterwards)."""

    def __enter__(self) -> "KGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.path} engine={self.engine}>"


class OxigraphGraph(KGraph):
    """pyoxigraph ``Store``: in memory for a dataset file, on disk for a store directory."""

    engine = "oxigraph"

    def __init__(self, path: Path, store: ox.Store, *, union_materialised: bool = True) -> None:
        super().__init__(path)
        self.store = store
        self.union_materialised = union_materialised

    def __len__(self) -> int:
        """Quads as in the file: without the materialised union copy."""
        total = len(self.store)
        if not self.union_materialised or next(iter(self.store.named_graphs()), None) is None:
            return total
        return total - sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def close(self) -> None:
        self.store = None  # type: ignore[assignment]  # RocksDB closes when dropped

    def _list_graph_names(self) -> Iterator[str]:
        return (g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def raw_query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
                  base: str | None = None, default_graphs: Sequence[str] | None = None,
                  named_graphs: Sequence[str] | None = None):
        """The engine's own result object (used by the server to stream results)."""
        base = base or self.base
        self._check(text, bindings, base)
        options: dict[str, object] = {"prefixes": PREFIXES, "base_iri": base}
        if default_graphs is None and named_graphs is None:
            options["use_default_graph_as_union"] = not self.union_materialised
        else:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
        try:
            return self.store.query(bind_values(text, bindings), **options)
        except (SyntaxError, ValueError) as err:
            if bindings:  # report the position in the text as written
                try:
                    self.store.query(text, **options)
                except (SyntaxError, ValueError) as err0:
                    raise _query_error(str(err0), text) from err0
            raise _query_error(str(err), text) from err
        except OSError as err:
            raise StoreError(f"{self.path}: query failed: {err}") from err

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
              limit: int | None = None, base: str | None = None,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, stream: bool = False) -> QueryResult:
        kind = query_kind(text)
        raw = self.raw_query(text, bindings, base=base, default_graphs=default_graphs,
                             named_graphs=named_graphs)
        try:
            if isinstance(raw, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(raw))
            if isinstance(raw, ox.QuerySolutions):
                names = [v.value for v in raw.variables]
                rows = RowStream(self._solutions(raw, len(names), limit))
                if stream:
                    return QueryResult("SELECT", names, rows)  # type: ignore[arg-type]
                listed = list(rows)
                return QueryResult("SELECT", names, listed, truncated=rows.truncated)
            graph = Graph()
            truncated = False
            for n, triple in enumerate(raw):
                if limit is not None and n >= limit:
                    truncated = True
                    break
                graph.add((ox_to_rdflib(triple.subject), ox_to_rdflib(triple.predicate),
                           ox_to_rdflib(triple.object)))
            for prefix, ns in PREFIXES.items():
                graph.bind(prefix, ns, override=True)
            return QueryResult("DESCRIBE" if kind == "DESCRIBE" else "CONSTRUCT",
                               graph=graph, truncated=truncated)
        except OSError as err:
            raise StoreError(f"{self.path}: query failed: {err}") from err

    def _solutions(self, raw: ox.QuerySolutions, width: int,
                   limit: int | None) -> Iterator[tuple[Node | None, ...]]:
        """Solutions as rows of rdflib terms, as the engine yields them; then
        :data:`~kg.store.results.TRUNCATED` if ``limit`` cut them short."""
        seen: dict[object, Node | None] = {None: None}  # terms repeat across rows
        n = 0
        try:
            for sol in raw:
                if limit is not None and n >= limit:
                    yield TRUNCATED
                    return
                row = []
                for i in range(width):
                    t = sol[i]
                    try:
                        row.append(seen[t])
                    except KeyError:
                        seen[t] = conv = ox_to_rdflib(t)
                        row.append(conv)
                n += 1
                yield tuple(row)
        except OSError as err:
            raise StoreError(f"{self.path.name}: query failed: {err}") from err


class RdflibGraph(KGraph):
    """rdflib's in-memory ``Dataset`` with the union of graphs as default graph."""

    engine = "rdflib"

    def __init__(self, path: Path, dataset: Dataset) -> None:
        super().__init__(path)
        self.dataset = dataset

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def _list_graph_names(self) -> Iterator[str]:
        return (str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef))

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
              limit: int | None = None, base: str | None = None,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, stream: bool = False) -> QueryResult:
        from pyparsing.exceptions import ParseBaseException
        from rdflib.plugins.sparql import prepareQuery

        if default_graphs is not None or named_graphs is not None:
            raise QueryError("default-graph-uri/named-graph-uri need the oxigraph engine")
        kind = query_kind(text)
        base = base or self.base
        self._check(text, bindings, base)
        try:
            prepareQuery(text, initNs=PREFIXES, base=base)
            prepared = prepareQuery(bind_values(text, bindings), initNs=PREFIXES, base=base)
        except ParseBaseException as err:
            raise QueryError(f"SPARQL syntax error: {err.msg}", err.lineno, err.col) from err
        except QueryError:
            raise
        except Exception as err:  # rdflib raises bare Exceptions for some bad queries
            raise QueryError(f"SPARQL error: {err}") from err
        res = self.dataset.query(prepared)
        if res.type == "ASK":
            return QueryResult("ASK", boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            names = [str(v) for v in res.vars]
            rows = []
            truncated = False
            for row in res:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(conventional(t) for t in row))
            # rdflib evaluates in memory whatever is asked; rows stream only on Oxigraph
            return QueryResult("SELECT", names, rows, truncated=truncated)
        graph = Graph()
        for n, triple in enumerate(res.graph):
            if limit is not None and n >= limit:
                return QueryResult(kind, graph=graph, truncated=True)
            graph.add(triple)
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True)
        return QueryResult("DESCRIBE" if kind == "DESCRIBE" else "CONSTRUCT", graph=graph)


def _query_error(message: str, text: str = "") -> QueryError:
    """A parser message a researcher can read: an unknown prefix by name, no character classes.

    Oxigraph's parser lists every character it would have accepted (``['A' ..= 'Z' | …]``)
    and says ``Prefix not found`` without the prefix; the query text names it.
    """
    m = _POS.search(message)
    if not m:
        return QueryError(f"SPARQL syntax error: {message}")
    line, col = int(m.group(1)), int(m.group(2))
    rest = message[m.end():] or "invalid query"
    if "Prefix not found" in rest:
        declared = set(re.findall(r"(?i)PREFIX\s+([\w.-]*):", text)) | set(PREFIXES)
        used = [p for p in re.findall(r"(?<![\w:<\"'?$])([A-Za-z][\w.-]*):(?!//)", _strip_iris(text))
                if p not in declared]
        name = f"'{used[0]}:' " if used else ""
        return QueryError(f"unknown prefix {name}(declare it with PREFIX {used[0] if used else 'x'}: <…>; "
                          f"known without a declaration: {', '.join(sorted(PREFIXES))})", line, col)
    earlier = _clause_before_the_end(text, line, col)
    if earlier is not None:
        line, col = earlier
        clause = text.splitlines()[line - 1][col - 1:].strip()
        return QueryError(f"SPARQL syntax error: {clause!r} does not parse", line, col)
    if rest.startswith("expected one of"):
        words = [w.strip() for w in _CHAR_CLASS.sub("", rest[len("expected one of"):]).split(",")]
        words = [w for w in words if w]
        rest = f"expected one of {', '.join(words)}" if words else "unexpected character"
    return QueryError(f"SPARQL syntax error: {rest}", line, col)


def _clause_before_the_end(text: str, line: int, col: int) -> tuple[int, int] | None:
    """Where the clause that does not parse starts, when Oxigraph gave the end of the text.

    Oxigraph's parser reports where it gave up, which for an unfinished expression
    (``FILTER(?y = )`` on line 3 of four) is the end of the query: a line or more after
    the error. rdflib's parser stops at the clause it could not read; its position is
    taken when it is earlier.
    """
    lines = text.splitlines()
    offset = sum(len(ln) + 1 for ln in lines[:line - 1]) + col - 1
    if not text or offset < len(text.rstrip()):
        return None
    try:
        rdflib.plugins.sparql.parser.parseQuery(text)
    except Exception as err:  # pyparsing's ParseException and its kin
        at = (getattr(err, "lineno", None), getattr(err, "col", None))
        if None not in at and at < (line, col) and at[0] <= len(lines):
            return at
    return None


_CHAR_CLASS = re.compile(r"\[[^\]]*\]")


def _strip_iris(text: str) -> str:
    """``text`` with its <IRIs> and string literals blanked (their colons are no prefixes)."""
    return re.sub(r"<[^<>\s]*>|\"[^\"\n]*\"|'[^'\n]*'", " ", text)
