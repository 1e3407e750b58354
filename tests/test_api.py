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


def _batches(n, fail_at=None, made=None):
    for i in range(n):
        if i == fail_at:
            raise KeyboardInterrupt
        if made is not None:
            made.append(i)
        yield [i]


def test_write_behind_writes_every_batch_in_order_on_another_thread():
    import threading

    from kg.api import write_behind

    written, threads = [], set()

    def write(batch):
        threads.add(threading.current_thread().name)
        written.extend(batch)

    write_behind(_batches(50), write)
    assert written == list(range(50))
    assert threads == {"kg-store-writer"}


def test_write_behind_raises_the_writers_error_and_stops_writing():
    from kg.api import write_behind

    written = []

    def write(batch):
        if batch == [3]:
            raise OSError("disk full")
        written.extend(batch)

    with pytest.raises(OSError, match="disk full"):
        write_behind(_batches(100), write)
    assert written == [0, 1, 2]


def test_write_behind_keeps_at_most_depth_batches_waiting():
    import threading

    from kg.api import write_behind

    made, gate, seen = [], threading.Event(), []

    def write(batch):
        gate.wait()
        seen.append((batch[0], len(made)))

    def release():
        # while the writer holds batch 0, the producer can make 1 (the writer's) + depth more
        threading.Timer(0.3, gate.set).start()
        return _batches(10, made=made)

    write_behind(release(), write, depth=2)
    assert seen[0] == (0, 4)  # batch 0 taken, 1 and 2 waiting, 3 blocked in put
    assert [b for b, _ in seen] == list(range(10))


def test_write_behind_writes_what_was_made_before_an_interrupt():
    from kg.api import write_behind

    written = []
    with pytest.raises(KeyboardInterrupt):
        write_behind(_batches(10, fail_at=4), written.extend)
    assert written == [0, 1, 2, 3]
