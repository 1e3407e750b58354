import subprocess
import sys

import rdflib
from conftest import ROOT, assert_valid
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg.rdf.namespace import KG
from kg.rdf.validate import validate


def test_the_seed_graph_conforms(seed_graph):
    assert_valid(seed_graph.to_rdflib())


def broken(seed_graph) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in seed_graph.to_rdflib():
        g.add(t)
    wen = next(g.subjects(RDFS.label, Literal("Wen Ku")))
    g.add((wen, SKOS.prefLabel, Literal("Ku Wen")))  # two canonical labels
    ev = next(g.subjects(RDF.type, KG.Evidence))
    g.remove((ev, KG.sentence, None))  # evidence without its sentence
    lonely = URIRef("https://example.org/place/nowhere")
    g.add((lonely, RDF.type, KG.Place))  # an entity with no label and no evidence
    return g


def test_violations_are_found_and_readable(seed_graph):
    result = validate(broken(seed_graph))
    assert not result.conforms
    text = "\n".join(map(str, result.violations))
    assert "an entity needs exactly one skos:prefLabel" in text and "person/wen-ku" in text
    assert "kg:sentence" in text
    assert "an entity needs at least one piece of evidence" in text and "nowhere" in text


def test_validate_command(seed_graph, tmp_path):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    seed_graph.serialize(good)
    bad.write_text(broken(seed_graph).serialize(format="turtle"))
    run = [sys.executable, "-m", "kg", "validate"]
    ok = subprocess.run([*run, str(good)], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout == "" and "conforms" in ok.stderr
    ko = subprocess.run([*run, str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert ko.returncode == 1
    assert ko.stderr.strip().endswith("violation(s) of ontology/shapes.ttl")
    assert all(line.startswith("Violation: <") for line in ko.stdout.splitlines())


def test_validation_leaves_rdflib_datatypes_alone(seed_graph):
    """Validating must not change how rdflib reads literals made later (xsd:gMonthDay)."""
    validate(seed_graph.to_rdflib())
    later = rdflib.Literal("--07-14", datatype=rdflib.XSD.gMonthDay)
    assert later.ill_typed is not True  # OWL-RL's parsers would call it ill-typed
