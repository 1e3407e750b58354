"""Graph analysis with networkx: free functions on a graph that return plain dicts.

The graph is the one :meth:`kg.KnowledgeGraph.to_networkx` returns: nodes are entity keys with
``label`` and ``group`` attributes; edges carry a ``relation`` attribute.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx


def summary(G: nx.MultiDiGraph) -> dict:
    """Counts of nodes per type and edges per relation.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A", group="Person"); G.add_node("b", label="B", group="Organization")
    >>> G.add_edge("a", "b", relation="spokesperson")
    0
    >>> summary(G)["nodes_by_type"]
    {'Organization': 1, 'Person': 1}
    """
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "nodes_by_type": dict(
            sorted(Counter(d.get("group", "?") for _, d in G.nodes(data=True)).items())
        ),
        "edges_by_relation": dict(
            sorted(Counter(d.get("relation", "?") for *_, d in G.edges(data=True)).items())
        ),
    }


def centrality(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """The most central entities by degree, PageRank and betweenness, best first.

    Scores are computed on the undirected simple graph, so parallel relations between two
    entities count once.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, label=n.upper(), group="Organization")
    >>> G.add_edge("a", "b", relation="x"); G.add_edge("a", "c", relation="y")
    0
    0
    >>> centrality(G, top=1)["degree"][0]["label"]
    'A'
    """
    simple = nx.Graph(G.to_undirected()) if G.number_of_nodes() else nx.Graph()
    if simple.number_of_nodes() == 0:
        return {"degree": [], "pagerank": [], "betweenness": []}
    scores = {
        "degree": nx.degree_centrality(simple),
        "pagerank": nx.pagerank(simple)
        if simple.number_of_edges()
        else {n: 1 / len(simple) for n in simple},
        "betweenness": nx.betweenness_centrality(simple),
    }
    return {name: _ranked(G, values, top) for name, values in scores.items()}


def components(G: nx.MultiDiGraph) -> dict:
    """Connected components (ignoring direction), largest first, with their members' labels."""
    comps = (
        sorted(nx.weakly_connected_components(G), key=lambda c: (-len(c), min(c))) if len(G) else []
    )
    return {
        "count": len(comps),
        "sizes": [len(c) for c in comps],
        "largest": sorted(G.nodes[n].get("label", n) for n in comps[0]) if comps else [],
    }


def top_by_type(G: nx.MultiDiGraph, top: int = 5) -> dict:
    """For each entity type, the entities with most relations."""
    by_type: dict[str, list[tuple[int, str]]] = {}
    for node, data in G.nodes(data=True):
        by_type.setdefault(data.get("group", "?"), []).append(
            (G.degree(node), data.get("label", node))
        )
    return {
        group: [
            {"label": label, "relations": deg}
            for deg, label in sorted(items, key=lambda x: (-x[0], x[1]))[:top]
        ]
        for group, items in sorted(by_type.items())
    }


def report(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Everything ``kg analyze`` reports, as one JSON-ready dict."""
    return {
        "summary": summary(G),
        "centrality": centrality(G, top),
        "components": components(G),
        "top_by_type": top_by_type(G),
    }


def to_markdown(result: dict, title: str = "Knowledge graph report") -> str:
    """The report of :func:`report` as Markdown."""
    s = result["summary"]
    lines = [
        f"# {title}",
        "",
        f"{s['nodes']} entities, {s['edges']} relations.",
        "",
        "## Entities by type",
        "",
    ]
    lines += [f"- {k}: {v}" for k, v in s["nodes_by_type"].items()]
    lines += ["", "## Relations by kind", ""]
    lines += [f"- {k}: {v}" for k, v in s["edges_by_relation"].items()]
    lines += [
        "",
        "## Most central entities (PageRank)",
        "",
        "| entity | type | PageRank |",
        "|---|---|---|",
    ]
    lines += [
        f"| {r['label']} | {r['type']} | {r['score']:.4f} |"
        for r in result["centrality"]["pagerank"]
    ]
    lines += ["", "## Most connected entities by type", ""]
    for group, items in result["top_by_type"].items():
        lines.append(
            f"- **{group}**: " + ", ".join(f"{i['label']} ({i['relations']})" for i in items)
        )
    c = result["components"]
    lines += [
        "",
        "## Connected components",
        "",
        f"{c['count']} components; sizes {c['sizes']}.",
        "",
    ]
    return "\n".join(lines)


def _ranked(G: nx.MultiDiGraph, values: dict, top: int) -> list[dict]:
    ordered = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [
        {
            "key": n,
            "label": G.nodes[n].get("label", n),
            "type": G.nodes[n].get("group", "?"),
            "score": round(v, 6),
        }
        for n, v in ordered
    ]
