"""An interactive, self-contained HTML view of the graph (pyvis + vis-network, no network).

pyvis builds the node and edge records and the physics options; the page is our own template
with vis-network inlined from pyvis's bundled copy, so it opens offline and loads nothing from
a URL. Document text reaches the page only as JSON data shown with ``textContent``.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

COLORS = {
    "Person": "#e6194b",
    "Organization": "#4363d8",
    "Place": "#3cb44b",
    "Event": "#f58231",
    "Infrastructure": "#911eb4",
    "ConsumptionForm": "#42d4f4",
}
VIS_VERSION = "vis-9.1.2"


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "templates" / "lib" / VIS_VERSION
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (
        lib / "vis-network.css"
    ).read_text(encoding="utf-8")


def _script_safe_json(value: object) -> str:
    """JSON that cannot close the <script> element or open a comment inside it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def network_data(
    G: nx.MultiDiGraph, pagerank: dict[str, float] | None = None
) -> tuple[list, list, dict]:
    """pyvis node and edge records for G, sized by PageRank and coloured by type."""
    net = Network(directed=True, cdn_resources="local")
    pagerank = pagerank or {}
    top = max(pagerank.values(), default=1.0) or 1.0
    for node, data in sorted(G.nodes(data=True)):
        group = data.get("group", "Thing")
        net.add_node(
            node,
            label=data.get("label", node),
            group=group,
            color=COLORS.get(group, "#999999"),
            size=10 + 30 * (pagerank.get(node, 0.0) / top),
            kind=data.get("cls", group),
            aliases=list(data.get("aliases", ())),
            evidence=list(data.get("evidence", ())),
        )
    parallel: dict[tuple[str, str], int] = {}
    for s, o, data in sorted(
        G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))
    ):
        n = parallel[(s, o)] = parallel.get((s, o), -1) + 1
        net.add_edge(
            s,
            o,
            label=data.get("relation", ""),
            arrows="to",
            detail=data.get("detail", ""),
            evidence=list(data.get("evidence", ())),
            font={"size": 10, "align": "middle"},
            smooth={"enabled": n > 0, "type": "curvedCW", "roundness": 0.2 * n},
        )
    groups = {n["group"] for n in net.nodes}
    options = {
        "physics": {
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": 300},
        },
        "interaction": {"hover": True, "navigationButtons": False},
        "edges": {"smooth": False},
        "groups": {g: {"color": COLORS.get(g, "#999999")} for g in sorted(groups)},
    }
    return net.nodes, net.edges, options


def render_html(
    G: nx.MultiDiGraph, title: str = "Knowledge graph", pagerank: dict[str, float] | None = None
) -> str:
    """The page as a string."""
    nodes, edges, options = network_data(G, pagerank)
    legend = [
        {
            "group": g,
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


def write_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    title: str = "Knowledge graph",
    pagerank: dict[str, float] | None = None,
) -> Path:
    path = Path(path)
    path.write_text(render_html(G, title, pagerank), encoding="utf-8")
    return path


class _Raw(str):
    """Text that the template inserts verbatim (our own assets and script-safe JSON)."""

    def __html__(self) -> str:
        return str(self)
