import pytest

import kg
from kg.errors import QueryError, UsageError


def test_extract_returns_a_knowledge_graph():
    g = kg.extract(
        "Li Wei, spokesperson of the Ministry of Commerce, said exports grew.", doc_id="n1"
    )
    assert isinstance(g, kg.KnowledgeGraph)
    assert [e.label for e in g.entities(type="Person")] == ["Li Wei"]
    assert [e.label for e in g.entities(type="GovernmentOrganization")] == ["Ministry of Commerce"]
    assert g.documents[0].id == "n1"


def test_extract_rejects_non_text():
    with pytest.raises(UsageError, match="not bytes"):
        kg.extract(b"bytes")


def test_query_returns_rows(seed_graph):
    rows = seed_graph.query(
        "PREFIX kg: <https://w3id.org/kg-ict/ontology#> SELECT ?l WHERE { ?x a kg:Place ; rdfs:label ?l } ORDER BY ?l"
    )
    assert [r["l"] for r in rows][:2] == ["China", "Hubei"]
    assert seed_graph.query("ASK { ?s ?p ?o }") == [{"ask": "true"}]
    with pytest.raises(QueryError):
        seed_graph.query("SELECT ?x WHERE {")


def test_networkx_view(seed_graph):
    G = seed_graph.to_networkx()
    assert G.number_of_nodes() == len(seed_graph.entities())
    labels = {d["relation"] for *_, d in G.edges(data=True)}
    assert {"spokesperson", "director", "unitOf", "accelerates"} <= labels


def test_serialize_and_visualize(seed_graph, tmp_path):
    ttl = tmp_path / "g.ttl"
    text = seed_graph.serialize(ttl)
    assert ttl.read_text() == text
    html = seed_graph.visualize(tmp_path / "g.html")
    assert html.read_text().startswith("<!DOCTYPE html>")
    with pytest.raises(UsageError, match="unknown format"):
        seed_graph.serialize(format="yaml")


def test_build_merges_entities_across_documents(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Li Wei, spokesperson of the Ministry of Commerce, said exports grew."
    )
    (tmp_path / "b.txt").write_text(
        "The Ministry of Commerce will promote e-commerce. Li Wei agreed."
    )
    g = kg.build([tmp_path])
    [org] = g.entities(type="Organization")
    assert {e.doc_id for e in org.evidence} == {"a", "b"}
    assert len(g.documents) == 2


def test_jupyter_shows_the_view_inline(seed_graph):
    html = seed_graph._repr_html_()
    assert html.startswith('<iframe sandbox="allow-scripts"')
    assert "srcdoc=" in html and "<script>" not in html  # the page is escaped inside the attribute
    assert "&lt;script&gt;" in html
