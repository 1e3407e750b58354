"""An interactive, self-contained HTML view of the graph (pyvis + vis-network, no network).

pyvis builds the node and edge records and the options; the page is our own template with
vis-network inlined from pyvis's bundled copy, so it opens offline and loads nothing from a URL.
Document text reaches the page only as JSON data and is shown with ``textContent``, never as
HTML. Small graphs settle with physics, which then stops; large graphs get a layout computed in
Python (communities placed side by side, each laid out on its own) and draw at once.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

from kg import analysis

COLORS = {
    "Person": "#e6194b",
    "Organization": "#4363d8",
    "Place": "#3cb44b",
    "Event": "#f58231",
    "Infrastructure": "#911eb4",
    "ConsumptionForm": "#42d4f4",
}
PALETTE = [
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#9a6324",
    "#469990",
    "#800000",
    "#808000",
    "#000075",
    "#bfef45",
    "#fabed4",
    "#dcbeff",
    "#ffd8b1",
]
VIS_VERSION = "vis-9.1.2"
#: above this many nodes the layout is computed in Python and physics is off
PHYSICS_LIMIT = 1000
#: above this many edges, edge labels show on hover only
EDGE_LABEL_LIMIT = 1500


def select(
    G: nx.MultiDiGraph, *, top: int | None = None, focus: str | None = None, depth: int = 1
) -> nx.MultiDiGraph:
    """The part of G to show: the neighbourhood of ``focus`` and/or the ``top`` entities by PageRank."""
    if focus:
        G = analysis.ego(G, focus, depth)
    if top is not None and len(G) > top:
        ranks = analysis.pagerank(G)
        keep = sorted(ranks, key=lambda n: (-ranks[n], n))[:top]
        G = G.subgraph(keep).copy()
    return G


def layout(
    G: nx.MultiDiGraph, membership: dict[str, int], seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Positions for every node: communities placed by a layout of the community graph, each
    community laid out on its own. Cost grows with the sum of squared community sizes, not with
    the square of the graph's size."""
    groups: dict[int, list[str]] = {}
    for node in sorted(G.nodes):
        groups.setdefault(membership.get(node, -1), []).append(node)
    quotient = nx.Graph()
    quotient.add_nodes_from(groups)
    for u, v in G.edges():
        cu, cv = membership.get(u, -1), membership.get(v, -1)
        if cu != cv:
            quotient.add_edge(cu, cv)
    centres = (
        nx.spring_layout(quotient, seed=seed, iterations=100)
        if len(quotient) > 1
        else {next(iter(groups)): (0.0, 0.0)}
    )
    spread = 80 * math.sqrt(len(G))
    positions: dict[str, tuple[float, float]] = {}
    for cid, members in groups.items():
        sub = nx.Graph(G.subgraph(members).to_undirected())
        radius = 40 * math.sqrt(len(members))
        local = (
            nx.spring_layout(sub, seed=seed, iterations=50)
            if len(members) > 1
            else {members[0]: (0.0, 0.0)}
        )
        cx, cy = centres[cid]
        for node, (x, y) in local.items():
            positions[node] = (
                round(cx * spread + x * radius, 2),
                round(cy * spread + y * radius, 2),
            )
    return positions


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "templates" / "lib" / VIS_VERSION
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (
        lib / "vis-network.css"
    ).read_text(encoding="utf-8")


def _script_safe_json(value: object) -> str:
    """JSON that cannot close the <script> element or open a comment inside it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def network_data(
    G: nx.MultiDiGraph,
    pagerank: dict[str, float] | None = None,
    membership: dict[str, int] | None = None,
    color_by: str = "type",
    positions: dict[str, tuple[float, float]] | None = None,
) -> tuple[list, list, dict]:
    """pyvis node and edge records for G, sized by PageRank and coloured by type or community."""
    net = Network(directed=True, cdn_resources="local")
    pagerank = pagerank or {}
    membership = membership or {}
    top = max(pagerank.values(), default=1.0) or 1.0
    for node, data in sorted(G.nodes(data=True)):
        group = data.get("group", "Thing")
        extra = {}
        if color_by == "community":
            extra["color"] = PALETTE[membership.get(node, 0) % len(PALETTE)]
        if positions:
            extra["x"], extra["y"] = positions[node]
        net.add_node(
            node,
            label=data.get("label", node),
            group=group,
            size=10 + 30 * (pagerank.get(node, 0.0) / top),
            kind=data.get("cls", group),
            community=membership.get(node, 0),
            aliases=list(data.get("aliases", ())),
            evidence=list(data.get("evidence", ())),
            said=list(data.get("said", ())),
            figures=list(data.get("figures", ())),
            **extra,
        )
    labels = G.number_of_edges() <= EDGE_LABEL_LIMIT
    parallel: dict[tuple[str, str], int] = {}
    for s, o, data in sorted(
        G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))
    ):
        n = parallel[(s, o)] = parallel.get((s, o), -1) + 1
        net.add_edge(
            s,
            o,
            label=data.get("relation", "") if labels else "",
            name=data.get("relation", ""),
            arrows="to",
            detail=data.get("detail", ""),
            evidence=list(data.get("evidence", ())),
            font={"size": 10, "align": "middle"},
            smooth={"enabled": n > 0, "type": "curvedCW", "roundness": 0.2 * n},
        )
    groups = {n["group"] for n in net.nodes}
    options = {
        "physics": {
            "enabled": not positions,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": 300},
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": bool(positions)},
        "edges": {"smooth": False},
        "groups": {g: {"color": COLORS.get(g, "#999999")} for g in sorted(groups)},
    }
    return net.nodes, net.edges, options


def render_html(
    G: nx.MultiDiGraph,
    title: str = "Knowledge graph",
    *,
    color_by: str = "type",
    layout_mode: str = "auto",
) -> str:
    """The page as a string. ``layout_mode``: "physics", "precomputed" or "auto" (by size)."""
    pagerank = analysis.pagerank(G)
    membership = analysis.communities(G)["membership"] if len(G) else {}
    precomputed = layout_mode == "precomputed" or (layout_mode == "auto" and len(G) > PHYSICS_LIMIT)
    positions = layout(G, membership) if precomputed and len(G) else None
    nodes, edges, options = network_data(G, pagerank, membership, color_by, positions)
    if color_by == "community":
        counts: dict[int, int] = {}
        for n in nodes:
            counts[n["community"]] = counts.get(n["community"], 0) + 1
        legend = [
            {
                "key": "community",
                "value": c,
                "name": f"community {c}",
                "color": PALETTE[c % len(PALETTE)],
                "count": k,
            }
            for c, k in sorted(counts.items())[:30]
        ]
    else:
        legend = [
            {
                "key": "group",
                "value": g,
                "name": g,
                "color": COLORS.get(g, "#999999"),
                "count": sum(1 for n in nodes if n["group"] == g),
            }
            for g in sorted({n["group"] for n in nodes})
        ]
    js, css = _vis_assets()
    template = (resources.files("kg") / "templates" / "view.html").read_text(encoding="utf-8")
    env = Environment(autoescape=True)
    data = {"title": title, "nodes": nodes, "edges": edges, "options": options, "legend": legend}
    return env.from_string(template).render(
        title=title, vis_js=_Raw(js), vis_css=_Raw(css), data_json=_Raw(_script_safe_json(data))
    )


class _Raw(str):
    """Text that the template inserts verbatim (our own assets and script-safe JSON)."""

    def __html__(self) -> str:
        return str(self)
