"""The HTML view in a real headless Chromium, offline: what a person opening the file sees."""

from pathlib import Path

import networkx as nx
import pytest
from browser import browser, time_to_stable, visit

from kg.synthetic import synthetic_graph
from kg.view import render_html

ARTIFACTS = Path(__file__).parent / "artifacts"
XSS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "javascript:alert(4)",
]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def seed_page(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("view") / "seeds.html"
    seed_graph.visualize(path, title="seeds")
    return path


def test_seed_view_loads_offline_without_errors(chromium, seed_page, seed_graph):
    with visit(chromium, seed_page.as_uri()) as v:
        time_to_stable(v.page, "window.kgStabilized === true", 60)
        assert v.requests == []
        assert v.errors == []
        drawn = v.page.evaluate("Object.keys(kgNetwork.body.nodes).length")
        assert drawn == len(seed_graph.entities())
        assert v.page.evaluate("kgNetwork.physics.physicsEnabled") is False  # physics stopped
        ARTIFACTS.mkdir(exist_ok=True)
        v.page.screenshot(path=str(ARTIFACTS / "seed-view.png"))


def test_search_selects_the_entity_and_shows_its_evidence(chromium, seed_page):
    with visit(chromium, seed_page.as_uri()) as v:
        time_to_stable(v.page, "window.kgStabilized === true", 60)
        v.page.fill("#search", "MIIT")
        v.page.press("#search", "Enter")
        selected = v.page.evaluate(
            "kgNetwork.getSelectedNodes().map(id => kgNetwork.body.data.nodes.get(id).label)"
        )
        assert selected == ["Ministry of Industry and Information Technology"]
        details = v.page.inner_text("#details")
        assert "MIIT" in details and "spokesperson of the Ministry of Industry" in details
        ARTIFACTS.mkdir(exist_ok=True)
        v.page.screenshot(path=str(ARTIFACTS / "seed-search-miit.png"))


def test_a_speaker_shows_what_they_said_and_the_figures_they_reported(chromium, seed_page):
    with visit(chromium, seed_page.as_uri()) as v:
        time_to_stable(v.page, "window.kgStabilized === true", 60)
        v.page.fill("#search", "Wen Ku")
        v.page.press("#search", "Enter")
        said = v.page.inner_text("#said")
        assert "proceeding in a strong and orderly manner" in said
        assert "200 million" in v.page.inner_text("#figures")
        assert v.errors == []
        v.page.screenshot(path=str(ARTIFACTS / "seed-search-wen-ku.png"))


def test_type_filter_hides_nodes(chromium, seed_page, seed_graph):
    with visit(chromium, seed_page.as_uri()) as v:
        time_to_stable(v.page, "window.kgStabilized === true", 60)
        v.page.uncheck('input[data-filter="Person"]')
        hidden = v.page.evaluate("kgNetwork.body.data.nodes.get({filter: n => n.hidden}).length")
        assert hidden == len(seed_graph.entities(type="Person"))


def test_xss_probes_in_labels_aliases_and_evidence_run_nothing(chromium, tmp_path):
    G = nx.MultiDiGraph()
    ev = [
        {"doc": XSS[1], "sentence": s, "start": 0, "end": 1, "rule": XSS[2], "confidence": 0.5}
        for s in XSS
    ]
    for i, probe in enumerate(XSS):
        G.add_node(
            f"n{i}", label=probe, group="Person", cls="Person", aliases=list(XSS), evidence=ev
        )
    G.add_edge("n0", "n1", relation=XSS[0], detail=XSS[1], evidence=ev)
    path = tmp_path / "xss.html"
    path.write_text(render_html(G, XSS[1]))
    with visit(chromium, path.as_uri()) as v:
        v.page.add_init_script("window.alert = () => { window.__alerted = true; }")
        time_to_stable(v.page, "window.kgStabilized === true", 60)
        for i in range(len(XSS)):
            v.page.evaluate(f"kgNetwork.selectNodes(['n{i}']); kgSearch({XSS[i]!r})")
        v.page.click("#graph", position={"x": 300, "y": 300})
        assert v.dialogs == []
        assert v.page.evaluate("window.__alerted === undefined")
        assert (
            v.page.evaluate(
                "document.querySelectorAll('#details img, #details script, #details svg').length"
            )
            == 0
        )
        assert v.requests == [] and v.errors == []
        assert XSS[0] in v.page.inner_text("#details")  # shown as text


def test_a_5000_node_graph_renders_and_settles(chromium, tmp_path):
    G = synthetic_graph(5000)
    path = tmp_path / "big.html"
    path.write_text(render_html(G, "big"))
    with visit(chromium, path.as_uri()) as v:
        seconds = time_to_stable(v.page, "window.kgStabilized === true", 120)
        assert v.page.evaluate("Object.keys(kgNetwork.body.nodes).length") == 5000
        assert v.errors == [] and v.requests == []
        ARTIFACTS.mkdir(exist_ok=True)
        v.page.screenshot(path=str(ARTIFACTS / "view-5000.png"))
    print(f"\n5,000 nodes stable after {seconds:.1f}s")
