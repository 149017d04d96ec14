"""A view as a stream: its nodes held, its edges produced once, in order, never held.

The place–place view of a large graph has far more edges than nodes (two places per
shared scheme, squared), and a networkx graph of them held several GB at 10k pages.
A :class:`GraphStream` carries what a streamed writer (:mod:`kg.export.gexf`) needs:
the nodes with their attributes, and an iterable of edges it reads once. A networkx
graph is turned into one by :func:`from_networkx`, and a stream into a networkx graph
by :func:`to_networkx`, so both kinds of view are written by one writer.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import networkx as nx

__all__ = ["Edge", "GraphStream", "from_networkx", "to_networkx"]

#: ``(source, target, key or None, attributes)``: ``key`` only in a multigraph.
Edge = tuple[Any, Any, Any, dict]


@dataclass(frozen=True)
class GraphStream:
    """Nodes ``(id, attributes)`` in file order and edges to be read once, in file order.

    ``view`` names the graph (``G.graph["view"]``); ``directed`` and ``multigraph`` are
    networkx's ``is_directed()`` and ``is_multigraph()``.
    """

    view: str
    directed: bool
    multigraph: bool
    nodes: Sequence[tuple[Any, dict]]
    edges: Iterable[Edge]


def from_networkx(G: nx.Graph) -> GraphStream:
    """``G`` as a stream (its node and edge data are shared, not copied)."""
    if G.is_multigraph():
        edges: Iterable[Edge] = G.edges(keys=True, data=True)
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    return GraphStream(G.graph.get("view", ""), G.is_directed(), G.is_multigraph(),
                       list(G.nodes(data=True)), edges)


def to_networkx(stream: GraphStream) -> nx.Graph:
    """The networkx graph of a stream: nodes, then edges, inserted in the stream's order."""
    cls = {(False, False): nx.Graph, (False, True): nx.MultiGraph,
           (True, False): nx.DiGraph, (True, True): nx.MultiDiGraph}[(stream.directed, stream.multigraph)]
    G = cls(view=stream.view)
    G.add_nodes_from(stream.nodes)
    for u, v, k, d in stream.edges:
        if stream.multigraph:
            G.add_edge(u, v, key=k, **d)
        else:
            G.add_edge(u, v, **d)
    return G
