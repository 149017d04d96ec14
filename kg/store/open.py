"""Open a GRAPH argument — a dataset file or a persistent store — as one queryable graph.

``GRAPH`` is either a file written by ``kg build`` (TriG ``.trig``, N-Quads ``.nq``;
Turtle ``.ttl`` / N-Triples ``.nt`` for the merged graph) or a directory made by
:func:`kg.store.load.load_store` (an on-disk Oxigraph store). Both answer the same
SPARQL: the default graph is the *union of all graphs*, so a query without ``GRAPH``
sees every fact, and ``GRAPH ?doc { … }`` still names the source file.

The union is *materialised*: when a file is loaded, every triple of every named graph is
also put in the store's default graph (a set, so a triple stated by ten documents is
there once). Oxigraph's own ``use_default_graph_as_union`` would return one solution
per quad instead, and joins over labels repeated in many document graphs then multiply
(measured: a four-pattern join took 2 s on 10k quads, 1 ms materialised). So queries
see set semantics, ``COUNT`` counts facts, and DISTINCT is needed only where the query
itself makes duplicates. A plain Oxigraph directory not made by
:func:`kg.store.load.load_store` is queried with ``use_default_graph_as_union`` instead.

Two engines sit behind one interface, :class:`KGraph`:

- ``oxigraph`` (the default): pyoxigraph, in memory for a file, on disk for a store.
  ``bench/sparql.py`` measured it 10–50× faster than rdflib at loading and querying
  (see ``docs/querying.md``), so it is used for files of every size.
- ``rdflib``: rdflib's in-memory ``Dataset``, kept as the reference implementation and
  the benchmark baseline (``engine="rdflib"``).

Results come back as :class:`kg.store.results.QueryResult` holding **rdflib terms**
whichever engine answered.
"""
from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store.bind import bind_values
from kg.store.guard import check_reach, check_shape
from kg.store.library import check_params
from kg.store.results import TRUNCATED, QueryResult, RowStream

__all__ = [
    "KGraph", "OxigraphGraph", "RdflibGraph", "open_graph", "is_store_dir", "lang_case",
    "store_db_path", "query_kind", "quads_with_union", "load_with_union", "PREFIXES", "FILE_FORMATS", "ENGINES", "STORE_MARKER",
]

#: File that marks a store directory made by ``load_store`` (the database is in ``oxigraph/``).
STORE_MARKER = "govkg-store.json"

#: Prefixes every query may use without declaring them.
PREFIXES: dict[str, str] = {
    "gov": "https://w3id.org/govkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
}

#: File suffix → (pyoxigraph format, rdflib format).
FILE_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    ".trig": (ox.RdfFormat.TRIG, "trig"),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads"),
    ".ttl": (ox.RdfFormat.TURTLE, "turtle"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt"),
}

ENGINES = ("oxigraph", "rdflib")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# rdflib would otherwise parse FROM <iri> from the web or disk when it does not hold it
# (kg.store.guard refuses such queries first; this is the second lock)
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
_POS = re.compile(r"error at (\d+):(\d+):?\s*")


def is_store_dir(path: str | Path) -> bool:
    """True when ``path`` is a store made by ``load_store`` or a plain Oxigraph directory."""
    p = Path(path)
    return p.is_dir() and ((p / STORE_MARKER).is_file() or (p / "CURRENT").is_file())


def store_db_path(path: str | Path) -> tuple[Path, bool]:
    """The Oxigraph database folder of a store directory, and whether its union is materialised."""
    p = Path(path)
    if (p / STORE_MARKER).is_file():
        return p / "oxigraph", True
    return p, False


def quads_with_union(path: str | Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    """Every quad of a dataset file, each named-graph triple followed by its default-graph copy.

    Kept for callers that want quads; loading uses :func:`load_with_union`, which is
    about twice as fast.
    """
    default = ox.DefaultGraph()
    for q in ox.parse(path=str(path), format=fmt):
        yield q
        if q.graph_name != default:
            yield ox.Quad(q.subject, q.predicate, q.object, default)


class _Chunks(io.RawIOBase):
    """A read-only byte stream over an iterator of byte chunks (what ``bulk_load`` reads).

    An exception raised by the iterator (a parse error) is kept in ``error`` and ends the
    stream, so the caller can re-raise it as it was — with the file's own line and column
    — instead of the wrapped ``OSError`` the loader would make of it.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buf = memoryview(b"")
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        while not len(self._buf):
            if self.error is not None:
                return 0
            try:
                self._buf = memoryview(next(self._chunks))
            except StopIteration:
                return 0
            except Exception as err:  # noqa: BLE001 - re-raised by load_with_union
                self.error = err
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def _union_chunks(path: Path, fmt: ox.RdfFormat, counter: list[int],
                  chunk: int = 50_000) -> Iterator[bytes]:
    """N-Quads bytes: each block of the file's quads, then the same block as triples.

    The triples land in the default graph (the materialised union); a triple stated in
    many graphs, or already in the default graph, is stored once (the store is a set).
    Parsing and serialising run in Oxigraph; Python only slices blocks.
    """
    parser = ox.parse(path=str(path), format=fmt)
    while True:
        quads = list(itertools.islice(parser, chunk))
        if not quads:
            return
        counter[0] += len(quads)
        yield ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        yield ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)


def load_with_union(store: ox.Store, path: str | Path, fmt: ox.RdfFormat) -> int:
    """Bulk-load a dataset file into ``store`` with the union materialised, in one pass.

    Returns the number of quads in the file. One streaming ``bulk_load`` reads a stream
    in which every block of quads is followed by its triples (see :func:`_union_chunks`),
    so the default-graph copy costs no second pass over the store; memory stays flat.

    Raises
    ------
    SyntaxError, ValueError
        The file does not parse (the parser's own error, with line and column).
    OSError
        The file cannot be read or the store cannot be written.
    """
    counter = [0]
    stream = _Chunks(_union_chunks(Path(path), fmt, counter))
    try:
        # the stream is Oxigraph's own N-Quads output, already validated by the parser
        store.bulk_load(input=stream, format=ox.RdfFormat.N_QUADS, lenient=True)
    except OSError:
        if stream.error is not None:
            raise stream.error from None
        raise
    if stream.error is not None:
        raise stream.error
    return counter[0]


def query_kind(text: str) -> str:
    """SELECT/ASK/CONSTRUCT/DESCRIBE from the query text, skipping prologue and comments."""
    body = re.sub(r"#[^\n]*", " ", text)
    body = re.sub(r"<[^>\s]*>", "<>", body)  # IRIs may contain the keywords
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


# --- term conversion -------------------------------------------------------------

def lang_case(tag: str) -> str:
    """A BCP 47 language tag in its conventional case, whatever case the engine keeps.

    Tags compare case-insensitively, but Oxigraph hands them back lower-cased and
    rdflib as written; both engines' answers pass through here so they print alike.

    >>> lang_case("zh-latn-pinyin"), lang_case("ZH"), lang_case("en-gb"), lang_case("x-ABC")
    ('zh-Latn-pinyin', 'zh', 'en-GB', 'x-abc')
    """
    parts = tag.lower().split("-")
    for i in range(1, len(parts)):
        if len(parts[i - 1]) == 1:  # after a singleton (x-, u-…) subtags stay lower case
            break
        if len(parts[i]) == 4 and parts[i].isalpha():
            parts[i] = parts[i].title()
        elif len(parts[i]) == 2 and parts[i].isalpha():
            parts[i] = parts[i].upper()
    return "-".join(parts)


def _rdflib_term(term: Node | None) -> Node | None:
    """An rdflib result term with its language tag in conventional case."""
    if isinstance(term, Literal) and term.language and term.language != lang_case(term.language):
        return Literal(str(term), lang=lang_case(term.language))
    return term


def ox_to_rdflib(term: object) -> Node | None:
    """A pyoxigraph term as the equal rdflib term (``xsd:string`` literals become plain)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=lang_case(term.language))
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(str(term))  # RDF-star triple terms: shown, not modelled


def rdflib_to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An rdflib term as the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot bind {term!r}: not an RDF term")


# --- the interface -----------------------------------------------------------------

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
                rows.append(tuple(_rdflib_term(t) for t in row))
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
    if rest.startswith("expected one of"):
        words = [w.strip() for w in _CHAR_CLASS.sub("", rest[len("expected one of"):]).split(",")]
        words = [w for w in words if w]
        rest = f"expected one of {', '.join(words)}" if words else "unexpected character"
    return QueryError(f"SPARQL syntax error: {rest}", line, col)


_CHAR_CLASS = re.compile(r"\[[^\]]*\]")


def _strip_iris(text: str) -> str:
    """``text`` with its <IRIs> and string literals blanked (their colons are no prefixes)."""
    return re.sub(r"<[^<>\s]*>|\"[^\"\n]*\"|'[^'\n]*'", " ", text)


def _file_format(path: Path) -> tuple[ox.RdfFormat, str]:
    try:
        return FILE_FORMATS[path.suffix.lower()]
    except KeyError:
        raise StoreError(
            f"{path}: cannot open: expected a store directory or a dataset file "
            f"({', '.join(FILE_FORMATS)}), found suffix {path.suffix or '(none)'!r}"
        ) from None


def open_graph(path: str | Path, *, engine: str = "oxigraph", base: str | None = None,
               allow_service: Sequence[str] = ()) -> KGraph:
    """Open a GRAPH argument for querying.

    Parameters
    ----------
    path : str or Path
        A dataset file (``.trig``, ``.nq``, ``.ttl``, ``.nt``) or a store directory made
        by :func:`kg.store.load.load_store`.
    engine : {"oxigraph", "rdflib"}
        Which engine holds a *file* (a store directory is always Oxigraph).
    base : str, optional
        Base IRI for relative IRIs in queries (without one they are an error).
    allow_service : sequence of str
        Hosts a ``SERVICE`` clause may call; none by default (:mod:`kg.store.guard`).

    Returns
    -------
    KGraph

    Raises
    ------
    kg.errors.StoreError
        The path does not exist, has an unknown suffix, or does not parse (with the
        parser's line and column).

    Examples
    --------
    >>> g = open_graph(path)                                         # doctest: +SKIP
    >>> g.query("SELECT DISTINCT ?s WHERE { ?s a gov:County }").rows  # doctest: +SKIP
    """
    graph = _open(Path(path), engine)
    graph.base = base
    graph.allow_service = tuple(allow_service)
    return graph


def _open(p: Path, engine: str) -> KGraph:
    """The graph at ``p`` on ``engine`` (see :func:`open_graph`)."""
    if engine not in ENGINES:
        raise StoreError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if is_store_dir(p):
        db, union = store_db_path(p)
        try:
            return OxigraphGraph(p, ox.Store.read_only(str(db)), union_materialised=union)
        except OSError as err:
            raise StoreError(f"{p}: cannot open store: {err}") from err
    if p.is_dir():
        raise StoreError(f"{p}: cannot open: a directory but not a store (no CURRENT file); "
                         "make one with `kg load FILE --store DIR`")
    if not p.is_file():
        raise StoreError(f"{p}: cannot open: no such file or store directory")
    oxfmt, rdffmt = _file_format(p)
    if engine == "rdflib":
        ds = Dataset(default_union=True)
        try:
            ds.parse(str(p), format=rdffmt)
        except Exception as err:  # rdflib parsers raise many types
            raise StoreError(f"{p}: cannot parse as {rdffmt}: {err}") from err
        return RdflibGraph(p, ds)
    store = ox.Store()
    try:
        load_with_union(store, p, oxfmt)
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{p}: cannot parse as {rdffmt}: {err}") from err
    except OSError as err:
        raise StoreError(f"{p}: cannot read: {err}") from err
    return OxigraphGraph(p, store)
