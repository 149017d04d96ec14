"""Attribute policy of the exports: which keys, of which type, and the visual defaults.

Researchers filter and colour by node and edge attributes in Gephi, so each key has
exactly one type across the whole file (GEXF and GraphML declare a type per key, and a
key whose values mix ``int`` and ``str`` is read back as strings or rejected), and a
missing value is left out rather than written as ``None`` or ``""``.

Visual defaults make a GEXF readable on opening: colour by family, size by degree and,
for graphs small enough to lay out quickly without SciPy, positions from a seeded
spring layout. Everything here is deterministic: the same graph gives the same values.
"""
from __future__ import annotations

import math
from typing import Any, Collection, Iterable, Mapping

import networkx as nx

from kg.errors import ExportError

__all__ = [
    "NODE_ATTRIBUTES", "EDGE_ATTRIBUTES", "FAMILY_COLOURS", "LEVELS", "LAYOUT_LIMIT",
    "clean", "family_colour", "hex_colour", "node_sizes", "sizes_from_degrees", "layout", "layout_of",
]

#: Node attribute keys in the order CSV columns are written, with their one type.
NODE_ATTRIBUTES: dict[str, type] = {
    "label": str,            # Chinese label (rdfs:label @zh)
    "pinyin": str,           # romanised label (skos:altLabel @zh-Latn-pinyin)
    "type": str,             # most specific class: Province … Village, Place, Organisation, …
    "family": str,           # place | organisation | scheme | award
    "level": int,            # administrative level, 1 (province) … 5 (village)
    "division_code": str,    # 12-digit register code, kept as text (leading zeros)
    "parent": str,           # IRI of the parent place (gov:partOf)
    "parent_label": str,     # its Chinese label
    "documents": int,        # number of source documents mentioning the entity
    "first_year": int,       # first year seen, where the sources are dated
    "last_year": int,        # last year seen
    "aliases": str,          # other Chinese names, "|"-separated
    "bipartite": int,        # scheme-place view: 0 scheme, 1 place (networkx convention)
    "schemes": int,          # place-place view: schemes the place runs
    "start_year": int,       # scheme-place / place-place: first year it runs (is run) anywhere
}

#: Edge attribute keys and their one type.
EDGE_ATTRIBUTES: dict[str, type] = {
    "relation": str,         # gov: property local name, or "sharedScheme" (place-place)
    "weight": int,           # sources (full, scheme-place) or shared schemes (place-place)
    "sources": int,          # number of source documents stating the fact(s)
    "shared": str,           # place-place: labels of the shared schemes, "|"-separated
    "start_year": int,       # implementedIn: first year the place is said to run the scheme;
                             # place-place: first year both places run a shared scheme
}

#: One colour per family (RGB), from a colour-blind-safe palette (Okabe–Ito).
FAMILY_COLOURS: dict[str, tuple[int, int, int]] = {
    "place": (0, 114, 178),
    "organisation": (0, 158, 115),
    "scheme": (230, 159, 0),
    "award": (204, 121, 167),
}
_OTHER_COLOUR = (153, 153, 153)

#: Administrative level of each place class (GB/T 2260 levels; Place has none).
LEVELS: dict[str, int] = {"Province": 1, "Prefecture": 2, "County": 3, "Township": 4, "Village": 5}

#: Above this many nodes no positions are computed (the dense layout is O(n²)).
LAYOUT_LIMIT = 500


def clean(attrs: Mapping[str, Any], schema: Mapping[str, type]) -> dict[str, Any]:
    """Drop missing values and check every value against its key's one type.

    Parameters
    ----------
    attrs
        Candidate attributes; ``None`` and ``""`` mean "not known".
    schema
        :data:`NODE_ATTRIBUTES` or :data:`EDGE_ATTRIBUTES`.

    Raises
    ------
    ExportError
        On a key outside the schema or a value of another type: a programming error
        that would otherwise surface as a wrongly typed column in Gephi.

    Examples
    --------
    >>> clean({"label": "赤峰市", "level": 2, "pinyin": None}, NODE_ATTRIBUTES)
    {'label': '赤峰市', 'level': 2}
    """
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        want = schema.get(key)
        if want is None:
            raise ExportError(f"attribute {key!r} is not declared in the export schema")
        if type(value) is not want:
            raise ExportError(f"attribute {key!r} must be {want.__name__}, found {type(value).__name__} {value!r}")
        out[key] = value
    return out


def family_colour(family: str | None) -> tuple[int, int, int]:
    """RGB colour of a family; grey for anything else."""
    return FAMILY_COLOURS.get(family or "", _OTHER_COLOUR)


def hex_colour(family: str | None) -> str:
    """``#rrggbb`` colour of a family.

    >>> hex_colour("scheme")
    '#e69f00'
    """
    return "#%02x%02x%02x" % family_colour(family)


def node_sizes(G: nx.Graph) -> dict[Any, float]:
    """Size of each node from its degree: 4 for isolated nodes up to 24 for the hub.

    The square root keeps hubs from swamping the picture.
    """
    return sizes_from_degrees(dict(G.degree()))


def sizes_from_degrees(degrees: Mapping[Any, int]) -> dict[Any, float]:
    """:func:`node_sizes` from degrees counted elsewhere (a streamed view has no graph)."""
    top = max(degrees.values(), default=0) or 1
    return {n: round(4.0 + 20.0 * math.sqrt(d / top), 2) for n, d in degrees.items()}


def layout(G: nx.Graph, scale: float = 500.0) -> dict[Any, tuple[float, float]] | None:
    """Seeded spring-layout positions, or ``None`` for graphs above :data:`LAYOUT_LIMIT`.

    Positions are rounded to 0.1 so that the file bytes do not depend on the last bits
    of floating-point arithmetic. Larger graphs are left for Gephi's ForceAtlas 2 (or
    the HTML page's own layout): NetworkX's fast layout needs SciPy, which govkg does not
    depend on.
    """
    return layout_of(G.nodes, G.edges(), scale)


def layout_of(nodes: Collection[Any], pairs: Iterable[tuple[Any, Any]],
              scale: float = 500.0) -> dict[Any, tuple[float, float]] | None:
    """:func:`layout` from the nodes and the ``(u, v)`` of every edge, in the graph's order
    (a streamed view has no graph; the positions depend on the node order only)."""
    n = len(nodes)
    if n == 0 or n > LAYOUT_LIMIT:
        return None
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((u, v) for u, v in pairs if u != v)
    pos = nx.spring_layout(simple, seed=0, scale=scale, iterations=80)
    return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in pos.items()}
