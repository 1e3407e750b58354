import networkx as nx

from kg import analysis


def test_report_on_the_seed(seed_graph):
    G = seed_graph.to_networkx()
    report = analysis.report(G)
    assert report["summary"]["nodes"] == len(seed_graph.entities())
    assert (
        report["centrality"]["pagerank"][0]["label"]
        == "Ministry of Industry and Information Technology"
    )
    assert report["components"]["sizes"][0] > 10
    md = analysis.to_markdown(report)
    assert "| Ministry of Industry and Information Technology | Organization |" in md


def test_centrality_counts_parallel_edges_once():
    G = nx.MultiDiGraph()
    for n in "abc":
        G.add_node(n, label=n, group="Organization")
    G.add_edge("a", "b", relation="x")
    G.add_edge("a", "b", relation="y")
    G.add_edge("c", "b", relation="x")
    degree = {r["key"]: r["score"] for r in analysis.centrality(G)["degree"]}
    assert degree == {"b": 1.0, "a": 0.5, "c": 0.5}


def test_empty_graph():
    report = analysis.report(nx.MultiDiGraph())
    assert report["summary"]["nodes"] == 0 and report["centrality"]["pagerank"] == []


def small_graph():
    G = nx.MultiDiGraph()
    for n, label in [
        ("a", "Alpha Ministry"),
        ("b", "Beta Bureau"),
        ("c", "Gamma"),
        ("d", "Delta"),
        ("e", "Lonely"),
    ]:
        G.add_node(n, label=label, group="Organization", aliases=("AM",) if n == "a" else ())
    G.add_edge("b", "a", relation="unitOf", evidence=[{"sentence": "Beta is part of Alpha."}])
    G.add_edge("a", "c", relation="promotes", evidence=[])
    G.add_edge("c", "d", relation="builds", evidence=[])
    return G


def test_path_follows_relations_in_either_direction_with_evidence():
    path = analysis.shortest_path(small_graph(), "beta bureau", "Delta")
    assert [s["text"] for s in path["steps"]] == [
        "Beta Bureau unitOf Alpha Ministry",
        "Alpha Ministry promotes Gamma",
        "Gamma builds Delta",
    ]
    assert path["steps"][0]["evidence"] == ["Beta is part of Alpha."]


def test_unknown_or_unconnected_entities_are_clear_errors():
    import pytest

    from kg.errors import NotFoundError

    with pytest.raises(NotFoundError, match="no entity named 'Omega'"):
        analysis.shortest_path(small_graph(), "Omega", "Delta")
    with pytest.raises(NotFoundError, match="not connected"):
        analysis.shortest_path(small_graph(), "AM", "Lonely")


def test_ego_bridges_and_scores():
    G = small_graph()
    assert set(analysis.ego(G, "AM", radius=1)) == {"a", "b", "c"}
    assert analysis.bridges(G)["articulation_points"] == ["Alpha Ministry", "Gamma"]
    scores = analysis.scores(G)
    assert set(scores) == {"pageRank", "degreeCentrality", "betweenness", "community"}
    assert scores["community"]["e"] != scores["community"]["a"]


def test_annotated_scores_are_queryable(seed_graph):
    store = seed_graph.store.copy()
    store.annotate(analysis.scores(seed_graph.to_networkx()))
    rows = store.query(
        "SELECT ?l ?pr WHERE { ?e kg:pageRank ?pr ; skos:prefLabel ?l } ORDER BY DESC(?pr) LIMIT 1"
    )
    assert rows[0]["l"] == "Ministry of Industry and Information Technology"
    assert seed_graph.store.query("ASK { ?e kg:pageRank ?pr }")[0]["ask"] == "false"
    store.annotate({"pageRank": {}})  # annotating again replaces the scores
    assert store.query("ASK { ?e kg:pageRank ?pr }")[0]["ask"] == "false"
