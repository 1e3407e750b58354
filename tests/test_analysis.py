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
