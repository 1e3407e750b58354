import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from conftest import ROOT, SEEDS
from rdflib import RDF, RDFS
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import SKOS

from kg.rdf.iris import Minter, slug
from kg.rdf.namespace import KG, ORG

GOLDEN = ROOT / "tests" / "golden" / "seed.ttl"


def test_namespace_matches_the_ontology():
    onto = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    declared = {str(s) for s in onto.subjects() if str(s).startswith(str(KG))}
    in_code = {str(KG[name]) for name in KG.__annotations__}
    assert in_code == declared
    with pytest.raises(AttributeError):
        KG.promotez  # noqa: B018


def test_every_class_is_aligned_with_a_standard_vocabulary():
    onto = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    for name in ("Person", "Organization", "Place", "Event", "Infrastructure", "ConsumptionForm"):
        supers = {str(o) for o in onto.objects(KG[name], RDFS.subClassOf)}
        assert any(not s.startswith(str(KG)) for s in supers), name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ministry of Commerce", "ministry-of-commerce"),
        ("5G", "5g"),
        ("ultra-HD live streaming", "ultra-hd-live-streaming"),
    ],
)
def test_slugs_are_readable(text, expected):
    assert slug(text) == expected


def test_slugs_are_valid_and_distinct_for_any_text():
    texts = ["C++", "C", "王小明", "<img src=x>", "a/b?c#d", " ", "Ünïcode name", 'quote"s']
    slugs = [slug(t) for t in texts]
    assert len(set(slugs)) == len(slugs)
    for s in slugs:
        assert s and all(c.isalnum() or c in "-_%" for c in s)
        rdflib.Graph().parse(data=f"<https://x.org/{s}> a <https://x.org/T> .", format="turtle")


def test_iris_use_the_configured_base():
    assert (
        str(Minter("https://example.org/kg").entity("Person:wen ku"))
        == "https://example.org/kg/person/wen-ku"
    )


def test_seed_graph_shape(seed_graph):
    g = seed_graph.to_rdflib()
    entities = [
        s
        for s, o in g.subject_objects(RDF.type)
        if o in {KG.Person, KG.GovernmentOrganization, KG.Infrastructure}
    ]
    assert entities
    for s in entities:
        assert len(list(g.objects(s, RDFS.label))) == 1
        assert list(g.objects(s, KG.evidence))
    wen = next(s for s in g.subjects(RDFS.label, rdflib.Literal("Wen Ku")))
    assert {str(a) for a in g.objects(wen, SKOS.altLabel)} == {"Wen", "Wen ku"}
    posts = list(g.objects(wen, ORG.holds))
    assert len(posts) == 2
    for post in posts:
        assert (post, RDF.type, ORG.Post) in g
        assert g.value(post, ORG.heldBy) == wen
        assert g.value(post, ORG.postIn) is not None


def test_every_relation_traces_to_its_sentence(seed_graph):
    rows = seed_graph.query(
        """PREFIX kg: <https://w3id.org/kg-ict/ontology#>
        SELECT ?s ?p ?o ?sentence ?doc WHERE {
          ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:evidence ?ev .
          ?ev kg:sentence ?sentence ; kg:startOffset ?start ; kg:rule ?rule ; prov:wasDerivedFrom ?d .
          ?d kg:documentId ?doc }"""
    )
    text = (SEEDS / "miit_spokesperson_new_consumption.txt").read_text()
    assert len({(r["s"], r["p"], r["o"]) for r in rows}) == len(seed_graph.relations)
    assert all(r["sentence"] in text for r in rows)


def test_turtle_matches_the_golden_file(seed_graph):
    """Regenerate with `make golden` after an intended change, and review the diff."""
    produced = rdflib.Graph().parse(data=seed_graph.serialize(), format="turtle")
    golden = rdflib.Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(produced, golden):
        _, only_new, only_old = graph_diff(to_isomorphic(produced), to_isomorphic(golden))
        pytest.fail(
            f"seed graph differs from {GOLDEN.name}:\n+ {sorted(only_new)[:10]}\n- {sorted(only_old)[:10]}"
        )
    assert seed_graph.serialize() == GOLDEN.read_text()


def test_turtle_is_byte_identical_across_processes(tmp_path):
    code = "import kg, sys; sys.stdout.write(kg.build(['seeds']).serialize())"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True
        )
        outputs.append(out.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].decode() == GOLDEN.read_text()


def test_turtle_parses_in_pyoxigraph(seed_graph):
    data = seed_graph.serialize().encode()
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(seed_graph.to_rdflib())


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_turtle_and_trig_parse_in_rapper(seed_graph, fmt, tmp_path):
    if shutil.which("rapper") is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (raptor2-utils) is required under CI")
        pytest.skip("rapper not installed (Debian package raptor2-utils)")
    path = tmp_path / f"seed.{fmt}"
    path.write_text(seed_graph.serialize(format=fmt))
    out = subprocess.run(["rapper", "-i", fmt, "-c", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    # rapper counts TriG's quads: a triple two graphs state counts twice
    expected = len(seed_graph.store) if fmt == "turtle" else seed_graph.store.quad_count()
    assert f"returned {expected} triples" in out.stderr


@pytest.mark.parametrize("fmt", ["nt", "xml", "json-ld", "trig", "nquads"])
def test_other_formats_round_trip(seed_graph, fmt, tmp_path):
    path = tmp_path / f"seed.{fmt}"
    seed_graph.serialize(path, format=fmt)
    back = rdflib.Dataset()
    back.parse(path, format=fmt)
    triples = rdflib.Graph()
    for quad in back.quads((None, None, None, None)):
        triples.add(quad[:3])
    assert isomorphic(triples, seed_graph.to_rdflib())


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_formats_keep_each_documents_graph(seed_graph, fmt, tmp_path):
    """TriG and N-Quads round-trip through pyoxigraph and rdflib with their named graphs."""
    data = seed_graph.serialize(format=fmt).encode()
    target = pyoxigraph.RdfFormat.TRIG if fmt == "trig" else pyoxigraph.RdfFormat.N_QUADS
    quads = list(pyoxigraph.parse(data, format=target))
    graphs = {q.graph_name.value for q in quads}
    doc = "https://w3id.org/kg-ict/id/document/miit_spokesperson_new_consumption"
    assert graphs == {doc, "https://w3id.org/kg-ict/id/graph/entities"}
    assert len(quads) == seed_graph.store.quad_count()
    back = rdflib.Dataset()
    back.parse(data=data, format=fmt)
    assert len(back.graph(rdflib.URIRef(doc))) == sum(q.graph_name.value == doc for q in quads)


def test_golden_file_is_current_turtle():
    assert GOLDEN.read_text().startswith("@prefix")
    assert Path(GOLDEN).stat().st_size > 1000


def test_json_ld_has_a_context(seed_graph):
    import json

    doc = json.loads(seed_graph.serialize(format="json-ld"))
    assert doc["@context"]["kg"] == str(KG)
    assert any(node.get("@type") == "kg:PressConference" for node in doc["@graph"])


def test_graphml_for_gephi(seed_graph, tmp_path):
    import networkx as nx

    path = tmp_path / "seed.graphml"
    seed_graph.serialize(path, format="graphml")
    G = nx.read_graphml(path)
    assert G.number_of_nodes() == len(seed_graph.entities())
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert "Ministry of Industry and Information Technology" in labels
    assert {d["label"] for *_, d in G.edges(data=True)} >= {"spokesperson", "accelerates"}


def test_every_ontology_term_has_a_label_and_a_comment():
    onto = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    terms = {s for s in onto.subjects() if str(s).startswith(str(KG))}
    missing = sorted(
        str(t) for t in terms if not (onto.value(t, RDFS.label) and onto.value(t, RDFS.comment))
    )
    assert not missing
    version = onto.value(rdflib.URIRef(str(KG).rstrip("#")), rdflib.OWL.versionIRI)
    assert version is not None


def test_a_documents_header_becomes_its_metadata_in_the_graph(tmp_path):
    import kg

    path = tmp_path / "note.txt"
    path.write_text(
        "Operators Widen Fiber Rollout\nBy Zhang Min\n2021-03-04\n\n"
        "China Mobile will build gigabit fiber networks in Sichuan, the company said."
    )
    rows = kg.build([path]).query(
        "SELECT ?headline ?author ?date WHERE { ?d a kg:Document ; schema:headline ?headline ; "
        "schema:author ?author ; schema:datePublished ?date }"
    )
    assert rows == [
        {"headline": "Operators Widen Fiber Rollout", "author": "Zhang Min", "date": "2021-03-04"}
    ]


def test_a_predicate_curie_and_its_iri_are_each_other_s_inverse():
    from kg.rdf.namespace import predicate_curie, predicate_iri

    for curie in ("kg:builds", "org:unitOf", "kg:cooperatesWith", "schema:about"):
        assert predicate_curie(predicate_iri(curie)) == curie
    with pytest.raises(ValueError):
        predicate_curie("http://example.org/other#thing")
