import json
import re

import networkx as nx

from kg.view import render_html


def probe_graph():
    G = nx.MultiDiGraph()
    xss = "<img src=x onerror=alert(1)>"
    G.add_node(
        "a",
        label=xss,
        group="Person",
        cls="Person",
        aliases=["</script><script>alert(2)</script>"],
        evidence=[
            {
                "doc": "d",
                "sentence": "<b onmouseover=alert(3)>",
                "start": 0,
                "end": 1,
                "rule": "ner",
                "confidence": 0.9,
            }
        ],
    )
    G.add_node(
        "b",
        label="MIIT & co",
        group="Organization",
        cls="GovernmentOrganization",
        aliases=[],
        evidence=[],
    )
    G.add_edge("a", "b", relation="spokesperson", detail="org:Post", evidence=[])
    return G


def test_page_loads_nothing_from_the_network(seed_graph):
    html = render_html(seed_graph.to_networkx(), "seed")
    assert not re.search(
        r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I
    )
    assert "@import" not in html
    assert "vis.Network" in html and len(html) > 400_000  # vis-network is inlined


def test_document_text_cannot_break_out_of_the_data(seed_graph):
    html = render_html(probe_graph(), "t<script>")
    assert "<img src=x" not in html
    assert "</script><script>alert(2)" not in html
    assert "<b onmouseover" not in html
    assert "<title>t&lt;script&gt;</title>" in html
    data = re.search(r"var DATA = (.*?);\n", html).group(1)
    parsed = json.loads(data)
    assert parsed["nodes"][0]["label"] == "<img src=x onerror=alert(1)>"


def test_every_entity_is_a_node_with_type_colour(seed_graph):
    html = render_html(seed_graph.to_networkx(), "seed")
    data = json.loads(re.search(r"var DATA = (.*?);\n", html).group(1))
    assert len(data["nodes"]) == len(seed_graph.entities())
    assert len(data["edges"]) == seed_graph.to_networkx().number_of_edges()
    assert {n["group"] for n in data["nodes"]} == {
        "Person",
        "Organization",
        "Place",
        "Event",
        "Infrastructure",
        "ConsumptionForm",
    }
    assert set(data["options"]["groups"]) == {n["group"] for n in data["nodes"]}
