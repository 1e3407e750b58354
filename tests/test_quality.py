"""The seed graph scored against a gold file written by reading the article (tests/gold/seed.json)."""

import json

import rdflib
from conftest import ROOT

from kg.eval import format_report, score

GOLD = json.loads((ROOT / "tests" / "gold" / "seed.json").read_text())


def test_seed_graph_meets_the_quality_bar(seed_graph):
    result = score(GOLD, seed_graph.to_rdflib())
    print("\n" + format_report(result))
    assert result["entities"]["f1"] >= 0.95
    assert result["relations"]["f1"] >= 0.90
    assert result["entities"]["duplicates"] == []


def test_seed_statements_and_quantities_meet_the_bar(seed_graph):
    result = score(GOLD, seed_graph.to_rdflib())
    assert result["statements"]["f1"] >= 0.9, result["statements"]
    assert result["quantities"]["f1"] >= 0.9, result["quantities"]
    assert result["statements"]["attributes"]["date"] == "5/5"


def test_the_scorer_notices_wrong_statements_and_quantities(seed_graph):
    kg_ns = rdflib.Namespace("https://w3id.org/kg-ict/ontology#")
    g = rdflib.Graph()
    for triple in seed_graph.to_rdflib():
        g.add(triple)
    [statement] = [
        s
        for s in g.subjects(rdflib.RDF.type, kg_ns.Statement)
        if "strong and orderly manner" in g.value(s, kg_ns.text)
    ]
    someone = rdflib.URIRef("https://example.org/someone-else")
    g.set((statement, kg_ns.speaker, someone))  # the right words, the wrong speaker
    [quantity] = g.subjects(rdflib.RDF.type, kg_ns.Quantity)
    value = g.value(quantity, kg_ns.value)
    g.set((quantity, kg_ns.value, rdflib.Literal(int(value) + 1, datatype=value.datatype)))
    result = score(GOLD, g)
    assert (result["statements"]["fn"], result["statements"]["fp"]) == (1, 1)
    assert (result["quantities"]["tp"], result["quantities"]["fn"]) == (0, 1)
    report = format_report(result)
    assert "missed: 200000000 teachers and students" in report


def test_seed_graph_has_no_junk(seed_graph):
    labels = {e.label for e in seed_graph.entities()} | {
        a for e in seed_graph.entities() for a in e.aliases
    }
    for junk in (
        "INFORMATION",
        "information",
        "5",
        "2C",
        "2B",
        "Ministry of Industry and Information Spokesperson",
    ):
        assert junk not in labels


def test_one_node_each_for_the_seed_actors(seed_graph):
    def count(name):
        return sum(1 for e in seed_graph.entities() if name == e.label or name in e.aliases)

    for name in (
        "Wen Ku",
        "Wen",
        "Wen ku",
        "MIIT",
        "Ministry of Industry and Information",
        "Ministry of Industry and Information Technology",
        "China",
        "Hubei",
        "5G",
    ):
        assert count(name) == 1, name


def test_the_scorer_notices_errors(seed_graph):
    g = rdflib.Graph()
    for triple in seed_graph.to_rdflib():
        g.add(triple)
    wen = next(g.subjects(rdflib.RDFS.label, rdflib.Literal("Wen Ku")))
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    for post in list(g.objects(wen, org.holds)):
        g.remove((post, None, None))
    junk = rdflib.URIRef("https://example.org/junk")
    g.add((junk, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/kg-ict/ontology#Organization")))
    g.add((junk, rdflib.RDFS.label, rdflib.Literal("INFORMATION")))
    dup = rdflib.URIRef("https://example.org/dup")
    g.add((dup, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/kg-ict/ontology#Person")))
    g.add((dup, rdflib.RDFS.label, rdflib.Literal("wen ku")))
    result = score(GOLD, g)
    assert result["relations"]["fn"] == 2
    assert "INFORMATION (Organization)" in result["entities"]["false_positives"]
    assert len(result["entities"]["duplicates"]) == 1
    assert result["entities"]["f1"] < 1.0


def test_a_gold_type_is_compared_by_its_top_class_and_a_role_ignoring_case():
    import kg

    g = kg.extract(
        "Zhao Lin, Party secretary of the Bureau of Trade Administration, visited Xiangya Hospital."
    ).to_rdflib()
    gold = {
        "entities": [
            {"id": "zhao", "type": "Person", "names": ["Zhao Lin"]},
            {"id": "bureau", "type": "Organization", "names": ["Bureau of Trade Administration"]},
            {"id": "hospital", "type": "Facility", "names": ["Xiangya Hospital"]},
        ],
        "relations": [
            {
                "subject": "zhao",
                "predicate": "org:Post",
                "role": "Party secretary",
                "object": "bureau",
            }
        ],
    }
    result = score(gold, g)
    assert result["entities"]["f1"] == 1.0, result["entities"]
    assert result["relations"]["f1"] == 1.0, result["relations"]


def test_a_name_is_compared_without_its_final_full_stop_case_and_spacing():
    from kg.eval import name_key

    assert name_key("China Aerospace Science and Technology Corp.") == name_key(
        "china aerospace  science and technology corp"
    )
    assert name_key("Huawei Technologies Co., Ltd.") == name_key("Huawei Technologies Co., Ltd")
    assert name_key("Corp.") != name_key("Co.")


def test_a_role_is_compared_ignoring_its_hyphenation():
    from kg.eval import role_key

    assert role_key("Vice-President") == role_key("vice president")
    assert role_key("director-general") == role_key("Director General")
    assert role_key("deputy director") != role_key("director")


def test_a_symmetric_relation_matches_the_gold_either_way_and_others_do_not():
    import kg

    g = kg.extract("Huawei will cooperate with China Tower to build 5G base stations.").to_rdflib()
    entities = [
        {"id": "hw", "type": "Organization", "names": ["Huawei"]},
        {"id": "ct", "type": "Organization", "names": ["China Tower"]},
        {"id": "bs", "type": "Infrastructure", "names": ["5G base stations", "base station"]},
    ]

    def recall_of(subject, predicate, obj):
        gold = {
            "entities": entities,
            "relations": [{"subject": subject, "predicate": predicate, "object": obj}],
        }
        return score(gold, g)["relations"]["recall"]

    assert recall_of("hw", "kg:cooperatesWith", "ct") == 1.0
    assert recall_of("ct", "kg:cooperatesWith", "hw") == 1.0  # owl:SymmetricProperty
    assert recall_of("hw", "kg:builds", "bs") == 1.0
    assert recall_of("bs", "kg:builds", "hw") == 0.0
