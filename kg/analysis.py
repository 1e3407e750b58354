"""Graph analysis with networkx: free functions on a graph that return plain dicts.

The graph is the one :meth:`kg.KnowledgeGraph.to_networkx` returns: nodes are entity keys with
``label`` and ``group`` attributes; edges carry a ``relation`` attribute.
"""

from __future__ import annotations

import itertools
from collections import Counter

import networkx as nx

from kg.errors import NotFoundError

BETWEENNESS_SAMPLE = 500


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
    if G.number_of_nodes() == 0:
        return {"degree": [], "pagerank": [], "betweenness": []}
    values = _centralities(G)
    return {
        name: _ranked(G, values[key], top)
        for name, key in (
            ("degree", "degreeCentrality"),
            ("pagerank", "pageRank"),
            ("betweenness", "betweenness"),
        )
    }


def pagerank(G: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of every node on the undirected simple graph."""
    simple = _simple(G)
    if simple.number_of_edges() == 0:
        return {n: 1 / len(simple) for n in simple} if len(simple) else {}
    return nx.pagerank(simple)


def scores(G: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """Every node's PageRank, degree centrality, betweenness and community number."""
    return {**_centralities(G), "community": communities(G)["membership"] if len(G) else {}}


def _centralities(G: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """PageRank, degree centrality and betweenness of every node, on the undirected simple graph.

    Exact betweenness costs O(nodes x edges); above BETWEENNESS_SAMPLE nodes it is estimated from
    that many source nodes (fixed seed, so the result is still deterministic).
    """
    simple = _simple(G)
    k = BETWEENNESS_SAMPLE if len(simple) > BETWEENNESS_SAMPLE else None
    return {
        "pageRank": pagerank(G),
        "degreeCentrality": nx.degree_centrality(simple)
        if len(simple) > 1
        else dict.fromkeys(simple, 0.0),
        "betweenness": nx.betweenness_centrality(simple, k=k, seed=0) if len(simple) else {},
    }


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


def communities(G: nx.MultiDiGraph, seed: int = 0) -> dict:
    """Louvain communities of the undirected graph, largest first (deterministic for a seed).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in "abcdef": G.add_node(n, label=n.upper(), group="Organization")
    >>> for e in ["ab", "bc", "ca", "de", "ef", "fd", "cd"]: _ = G.add_edge(e[0], e[1], relation="x")
    >>> communities(G)["sizes"]
    [3, 3]
    """
    simple = _simple(G)
    if simple.number_of_edges() == 0:
        groups = [{n} for n in simple]
    else:
        groups = nx.community.louvain_communities(simple, seed=seed)
    ordered = sorted(groups, key=lambda c: (-len(c), min(c)))
    membership = {n: i for i, c in enumerate(ordered) for n in c}
    return {
        "count": len(ordered),
        "sizes": [len(c) for c in ordered],
        "membership": dict(sorted(membership.items())),
        "communities": [
            {"id": i, "size": len(c), "members": sorted(G.nodes[n].get("label", n) for n in c)[:20]}
            for i, c in enumerate(ordered)
        ],
    }


def bridges(G: nx.MultiDiGraph) -> dict:
    """Relations whose removal splits the graph, and entities that hold it together.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, label=n.upper(), group="Place")
    >>> _ = G.add_edge("a", "b", relation="x"); _ = G.add_edge("b", "c", relation="y")
    >>> bridges(G)["articulation_points"]
    ['B']
    """
    simple = _simple(G)

    def label(n: str) -> str:
        return G.nodes[n].get("label", n)

    return {
        "bridges": sorted(sorted((label(a), label(b))) for a, b in nx.bridges(simple)),
        "articulation_points": sorted(label(n) for n in nx.articulation_points(simple)),
    }


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node whose label or alias is ``name`` (case-insensitive), else one whose label contains it."""
    if name in G:
        return name
    folded = name.casefold()

    def names(n: str, d: dict) -> set[str]:
        return {x.casefold() for x in (d.get("label", n), *d.get("aliases", ()))}

    exact = [n for n, d in G.nodes(data=True) if folded in names(n, d)]
    partial = [n for n, d in G.nodes(data=True) if folded in d.get("label", n).casefold()]
    for candidates in (exact, partial):
        if candidates:
            return sorted(candidates, key=lambda n: (-G.degree(n), n))[0]
    raise NotFoundError(f"no entity named {name!r} in the graph")


def shortest_path(G: nx.MultiDiGraph, source: str, target: str) -> dict:
    """How two named entities connect: the shortest chain of relations, in either direction.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, label=n.upper(), group="Organization")
    >>> _ = G.add_edge("a", "b", relation="unitOf"); _ = G.add_edge("c", "b", relation="promotes")
    >>> [s["text"] for s in shortest_path(G, "A", "C")["steps"]]
    ['A unitOf B', 'C promotes B']
    """
    a, b = find_node(G, source), find_node(G, target)
    try:
        nodes = nx.shortest_path(G.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        msg = f"{G.nodes[a].get('label', a)!r} and {G.nodes[b].get('label', b)!r} are not connected"
        raise NotFoundError(msg) from None
    steps = []
    for u, v in itertools.pairwise(nodes):
        forward = G.get_edge_data(u, v) or {}
        backward = G.get_edge_data(v, u) or {}
        if forward:
            s, o, data = u, v, forward[sorted(forward)[0]]
        else:
            s, o, data = v, u, backward[sorted(backward)[0]]
        subject, obj = G.nodes[s].get("label", s), G.nodes[o].get("label", o)
        relation = data.get("relation", "")
        steps.append(
            {
                "subject": subject,
                "relation": relation,
                "object": obj,
                "text": f"{subject} {relation} {obj}",
                "evidence": [e["sentence"] for e in data.get("evidence", ())][:1],
            }
        )
    return {
        "source": G.nodes[a].get("label", a),
        "target": G.nodes[b].get("label", b),
        "length": len(steps),
        "steps": steps,
    }


def ego(G: nx.MultiDiGraph, name: str, radius: int = 1) -> nx.MultiDiGraph:
    """The entities within ``radius`` relations of a named entity, as a subgraph."""
    center = find_node(G, name)
    nodes = nx.ego_graph(G.to_undirected(as_view=True), center, radius=radius).nodes
    return G.subgraph(nodes).copy()


def report(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Everything ``kg analyze`` reports, as one JSON-ready dict."""
    comms = communities(G)
    central = centrality(G, max(top, 3))
    return {
        "summary": summary(G),
        "centrality": {name: ranked[:top] for name, ranked in central.items()},
        "components": components(G),
        "communities": {k: v for k, v in comms.items() if k != "membership"},
        "bridges": bridges(G),
        "top_by_type": top_by_type(G),
        "key_paths": _key_paths(G, central["pagerank"][:3]),
    }


def _key_paths(G: nx.MultiDiGraph, central: list[dict]) -> list[dict]:
    """How the most central entities connect to each other."""
    paths = []
    for i, a in enumerate(central):
        for b in central[i + 1 :]:
            try:
                paths.append(shortest_path(G, a["key"], b["key"]))
            except NotFoundError:
                continue
    return paths


def _simple(G: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    return simple


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
    lines += ["", "## Connected components", "", f"{c['count']} components; sizes {c['sizes']}."]
    lines += ["", "## Communities (Louvain)", ""]
    for comm in result["communities"]["communities"][:10]:
        if comm["size"] > 1:
            lines.append(f"- {comm['size']} entities: " + ", ".join(comm["members"][:8]))
    b = result["bridges"]
    lines += ["", "## Bridges and articulation points", ""]
    points = ", ".join(b["articulation_points"]) or "none"
    lines.append(f"Entities that hold the graph together: {points}.")
    lines += ["", "## Key paths between central entities", ""]
    for path in result["key_paths"]:
        steps = "; ".join(s["text"] for s in path["steps"])
        lines.append(f"- {path['source']} → {path['target']}: {steps}")
    lines.append("")
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
