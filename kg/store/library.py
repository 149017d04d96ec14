"""The research-query library: ``queries/*.rq`` and the header comment each one carries.

A library query starts with ``#`` comment lines of the form ``# key: value``::

    # title: Schemes run anywhere in a place (roll-up)
    # question: Which schemes are implemented in PLACE or anywhere inside it?
    # param: place — Chinese name (rdfs:label) of the place, e.g. 巴彦淖尔市
    # example: scheme=… | label=“1+3+3”社会治理模式 | where=乌拉特后旗

``param`` and ``example`` may repeat; other lines of the header are kept as free text
(``notes``). A parameter is **required** unless its description says ``optional``;
``# param: (none)`` declares that the query takes none. :func:`check_params` holds a
query to its header: an unknown name (a misspelled ``--param plac=…``) or a missing
required one is an error, never a silently unbound variable that matches everything. The folder is found in this order: ``$KG_QUERIES``, ``kg/queries`` inside
the installed package (when the wheel ships it), the ``queries/`` folder of the source
checkout the package was installed from, and ``./queries``.
"""
from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.errors import QueryError

__all__ = ["LibraryQuery", "queries_dir", "list_queries", "load_query", "parse_header",
           "check_params"]

_KEY = re.compile(r"^#\s*(title|question|param|example|returns)\s*:\s*(.*)$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")


@dataclass(frozen=True)
class LibraryQuery:
    """One query of the library: its name (file stem), text and parsed header."""

    name: str
    path: Path
    text: str
    title: str = ""
    question: str = ""
    params: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    notes: str = ""
    param_names: tuple[str, ...] = field(default=())
    required: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready description (the query page lists these)."""
        return {"name": self.name, "title": self.title, "question": self.question,
                "params": list(self.params), "param_names": list(self.param_names),
                "required": list(self.required),
                "examples": list(self.examples), "notes": self.notes, "text": self.text}


def queries_dir() -> Path | None:
    """The folder holding the library, or None when none is found."""
    here = Path(__file__).resolve().parent.parent  # kg/
    candidates = []
    if os.environ.get("KG_QUERIES"):
        candidates.append(Path(os.environ["KG_QUERIES"]))
    candidates += [here / "queries", here.parent / "queries", Path.cwd() / "queries"]
    for c in candidates:
        if c.is_dir() and any(c.glob("*.rq")):
            return c
    return None


def parse_header(text: str) -> dict[str, object]:
    """Read the leading ``# key: value`` comment block of a query.

    >>> h = parse_header("# title: T\\n# question: Q?\\n# param: place — a name\\nSELECT * {}")
    >>> h["title"], h["question"], h["params"], h["param_names"], h["required"]
    ('T', 'Q?', ('place — a name',), ('place',), ('place',))
    """
    out: dict[str, object] = {"title": "", "question": "", "params": [], "examples": [], "notes": []}
    last = None
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        m = _KEY.match(s)
        if m:
            key, value = m.group(1).lower(), m.group(2).strip()
            if key in ("param", "example"):
                out[key + "s"].append(value)  # type: ignore[union-attr]
            elif key == "returns":
                out["notes"].append(value)  # type: ignore[union-attr]
            else:
                out[key] = value
            last = key
        else:
            body = s.lstrip("#").strip()
            if last in ("question", "title") and body:
                out[last] = f"{out[last]} {body}".strip()
            elif last in ("param", "example") and body:
                lst = out[last + "s"]
                lst[-1] = f"{lst[-1]} {body}"  # type: ignore[index]
            elif body:
                out["notes"].append(body)  # type: ignore[union-attr]
    params = tuple(out["params"])  # type: ignore[arg-type]
    named = [(re.split(r"[\s—:=(]", p, maxsplit=1)[0].lstrip("?$"), p) for p in params]
    named = [(n, p) for n, p in named if n]  # "(none)" names nothing
    return {"title": out["title"], "question": out["question"], "params": params,
            "examples": tuple(out["examples"]),  # type: ignore[arg-type]
            "notes": "\n".join(out["notes"]),  # type: ignore[arg-type]
            "param_names": tuple(n for n, _ in named),
            "required": tuple(n for n, p in named if "optional" not in p.lower())}


def check_params(text: str, names: Iterable[str]) -> None:
    r"""Refuse parameter ``names`` that ``text`` does not take, and missing required ones.

    A query with ``# param:`` lines is held to them (see the module doc); one without
    them takes any of its own variables. Either way a name the query cannot use would
    bind nothing and silently widen the answer.

    >>> check_params("# param: place — a name\nSELECT * { ?s ?p ?place }", ["plac"])
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: unknown parameter 'plac'; this query takes: place
    >>> check_params("SELECT * { ?s ?p ?o }", ["o"])

    Raises
    ------
    kg.errors.QueryError
        An unknown name or a missing required one, naming what the query takes.
    """
    given = set(names)
    lines = [s.strip() for s in text.splitlines() if s.strip()]
    header_lines = list(itertools.takewhile(lambda s: s.startswith("#"), lines))
    declared = any((m := _KEY.match(s)) and m.group(1).lower() == "param" for s in header_lines)
    if declared:
        h = parse_header(text)
        known, required = h["param_names"], h["required"]
        takes = ", ".join(known) or "no parameters"  # type: ignore[arg-type]
        for name in sorted(given):
            if name not in known:  # type: ignore[operator]
                raise QueryError(f"unknown parameter {name!r}; this query takes: {takes}")
        missing = [n for n in required if n not in given]  # type: ignore[union-attr]
        if missing:
            which = {n: p for n, p in zip(known, h["params"])}  # type: ignore[arg-type]
            raise QueryError(f"missing required parameter {missing[0]!r} "
                             f"({which.get(missing[0], missing[0])})")
        return
    for name in sorted(given):
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"unknown parameter {name!r}: the query has no variable ?{name}")


def _load(path: Path) -> LibraryQuery:
    text = path.read_text(encoding="utf-8")
    h = parse_header(text)
    return LibraryQuery(name=path.stem, path=path, text=text, **h)  # type: ignore[arg-type]


def list_queries(folder: Path | None = None) -> list[LibraryQuery]:
    """Every query of the library, sorted by name (empty when there is no library)."""
    folder = folder or queries_dir()
    if folder is None:
        return []
    return [_load(p) for p in sorted(folder.glob("*.rq"))]


def load_query(name: str, folder: Path | None = None) -> LibraryQuery:
    """The library query called ``name`` (file stem, without ``.rq``).

    Raises
    ------
    kg.errors.QueryError
        No such query; the message lists the names there are.
    """
    folder = folder or queries_dir()
    if folder is not None and _NAME.match(name):
        path = folder / f"{name}.rq"
        if path.is_file():
            return _load(path)
    known = ", ".join(q.name for q in list_queries(folder)) or "(no queries/ folder found)"
    raise QueryError(f"no query named {name!r} in the library; known: {known}")
