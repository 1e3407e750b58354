"""Synthetic graphs shaped like kg's output, for benchmarks and load tests of the view."""

from __future__ import annotations

import networkx as nx

from kg.model import TOP_CLASSES

GROUPS = TOP_CLASSES


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A sparse scale-free graph of ``n`` entities, about 1.6 relations per entity.

    >>> G = synthetic_graph(100)
    >>> G.number_of_nodes(), G.nodes["e0"]["group"]
    (100, 'Person')
    """
    base = nx.barabasi_albert_graph(n, 1, seed=seed)
    base.add_edges_from(nx.gnm_random_graph(n, int(0.6 * n), seed=seed + 1).edges())
    G = nx.MultiDiGraph()
    for node in base:
        group = GROUPS[node % len(GROUPS)]
        G.add_node(
            f"e{node}", label=f"entity {node}", group=group, cls=group, aliases=(), evidence=[]
        )
    for u, v in base.edges():
        if u != v:
            G.add_edge(f"e{u}", f"e{v}", relation="relatedTo", detail="", evidence=[])
    return G
