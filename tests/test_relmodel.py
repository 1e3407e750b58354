"""The trained relation classifier: features, training, the model file, its use in extraction."""

import json

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

import kg
from kg.errors import RelationModelError
from kg.model import Document
from kg.relmodel import (
    Example,
    LabelMeaning,
    Mention,
    Settings,
    load_model,
    main,
    pair_features,
    read_meanings,
    save_model,
    sentence_mentions,
    train,
)
from kg.resolve import Resolution

MEANINGS = {"Work_For": LabelMeaning("org:memberOf", "Person", "Organization")}

PEOPLE = [
    "John Smith",
    "Mary Johnson",
    "Robert Brown",
    "Linda Davis",
    "Michael Miller",
    "Susan Wilson",
    "David Moore",
    "Karen Taylor",
]
COMPANIES = ["Microsoft", "IBM", "General Motors", "Toyota", "Exxon", "Boeing", "Intel", "Ford"]


def _hand_parsed() -> tuple[Doc, Resolution]:
    """ "Mary Smith works for Acme in Boston ." parsed by hand (no statistical model)."""
    words = ["Mary", "Smith", "works", "for", "Acme", "in", "Boston", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 2, 2, 2, 3, 2, 5, 2],
        deps=["compound", "nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"],
        pos=["PROPN", "PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
        lemmas=["Mary", "Smith", "work", "for", "Acme", "in", "Boston", "."],
    )
    keys = {0: "Person:mary smith", 1: "Person:mary smith"}
    keys |= {4: "Organization:acme", 6: "Place:boston"}
    return doc, Resolution(entities=(), token_entity=keys)


def test_mentions_and_features_of_a_hand_parsed_sentence():
    doc, resolution = _hand_parsed()
    [mentions] = sentence_mentions(doc, resolution).values()
    person, org, place = mentions
    assert person == Mention(0, 2, "Person:mary smith")
    features = set(pair_features(doc, person, org, mentions))
    assert {
        "pair=Person|Organization",
        "path=nsubj↑ ↓prep ↓pobj",
        "lexpath=nsubj↑ work ↓prep for ↓pobj",
        "lca=work",
        "lcapos=VERB",
        "between-text=works for",
        "between=work",
        "before=<s>",
        "after=in",
        "distance=2",
        "verb-between=True",
        "entities-between=0",
    } <= features
    far = set(pair_features(doc, person, place, mentions))
    # names between are their class, not their words
    assert {"entities-between=1", "entity-between=Organization", "between=<Organization>"} <= far
    assert "between-text=works for <Organization> in" in far
    assert "path=pobj↑ prep↑ ↓prep ↓pobj" in pair_features(doc, org, place, mentions)
    assert pair_features(doc, person, org, mentions) == pair_features(doc, person, org, mentions)


def _spert(sentences: list[tuple[str, str, str, str | None]]) -> list[dict]:
    """SpERT-layout records of "<person> <middle> <company> ." with an optional relation."""
    records = []
    for person, middle, company, label in sentences:
        tokens = [*person.split(), *middle.split(), *company.split(), "."]
        p_end = len(person.split())
        c_start = p_end + len(middle.split())
        records.append(
            {
                "tokens": tokens,
                "entities": [
                    {"type": "Peop", "start": 0, "end": p_end},
                    {"type": "Org", "start": c_start, "end": c_start + len(company.split())},
                ],
                "relations": [{"type": label, "head": 0, "tail": 1}] if label else [],
            }
        )
    return records


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> str:
    """A model trained by the command line on a few made-up sentences."""
    rows = []
    for i, person in enumerate(PEOPLE):
        company = COMPANIES[i]
        rows.append((person, "has been on the payroll of", company, "Work_For"))
        rows.append((person, "sued", COMPANIES[(i + 3) % len(COMPANIES)], None))
    path = tmp_path_factory.mktemp("relmodel") / "train.json"
    path.write_text(json.dumps(_spert(rows)), encoding="utf-8")
    out = path.with_name("model.json")
    assert main(["train", str(path), "--out", str(out), "--epochs", "40"]) == 0
    return str(out)


def _model_relations(graph) -> set[tuple[str, str, str, str]]:
    labels = {e.key: e.label for e in graph.entities()}
    return {
        (labels[r.subject], r.predicate, labels[r.object], ev.rule)
        for r in graph.relations
        for ev in r.evidence
        if ev.rule.startswith("model.")
    }


def test_a_trained_model_finds_the_relation_in_a_new_sentence(trained):
    text = "James Anderson has been on the payroll of Chrysler ."
    assert _model_relations(kg.extract(text)) == set()
    with_model = kg.extract(text, relation_model=trained)
    assert _model_relations(with_model) == {
        ("James Anderson", "org:memberOf", "Chrysler", "model.Work_For")
    }
    [rel] = [r for r in with_model.relations if r.predicate == "org:memberOf"]
    assert 0.5 <= rel.confidence <= 1.0
    assert rel.evidence[0].sentence == text
    assert text[rel.evidence[0].start : rel.evidence[0].end] == text[: text.index(" .")]
    assert _model_relations(
        kg.extract("James Anderson sued Chrysler .", relation_model=trained)
    ) == (set())


def test_pairs_a_pattern_links_are_left_to_the_pattern(trained):
    text = "Mary Johnson, a spokeswoman for Microsoft, has been on the payroll of Microsoft ."
    plain = kg.extract(text).relations
    assert plain, "the post pattern links them"
    assert kg.extract(text, relation_model=trained).relations == plain


def test_without_a_model_nothing_changes(trained):
    text = "John Smith has been on the payroll of IBM . He lives in Boston ."
    plain = kg.extract(text)
    assert plain.serialize() == kg.extract(text, relation_model=None).serialize()
    with_model = kg.extract(text, relation_model=trained)
    assert set(plain.relations) < set(with_model.relations)


def _examples() -> list[Example]:
    return [
        Example(("a=Person", "between=work"), "Work_For>"),
        Example(("a=Person", "between=sue"), "none"),
        Example(("a=Organization", "between=employ"), "Work_For<"),
    ] * 5


def test_the_model_file_round_trips(tmp_path):
    model = train(_examples(), MEANINGS, threshold=0.4, settings=Settings(epochs=5, min_count=1))
    path = save_model(model, tmp_path / "m.json")
    loaded = load_model(path)
    assert (loaded.labels, loaded.meanings, loaded.threshold) == (
        ("none", "Work_For<", "Work_For>"),
        MEANINGS,
        0.4,
    )
    assert loaded.trained_on["examples"] == 15
    for features in [("a=Person", "between=work"), ("between=employ",), ("unseen",)]:
        assert np.allclose(loaded.probabilities(features), model.probabilities(features), atol=1e-4)
    assert loaded.probabilities(["between=work"]).argmax() == 2
    again = save_model(loaded, tmp_path / "again.json")
    assert again.read_text() == path.read_text()
    assert json.loads(path.read_text())["format"] == "kg-relation-model/1"


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"format": "something else"}', '{"format": "kg-relation-model/1"}', "[]"],
)
def test_a_malformed_model_file_is_one_clear_error(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RelationModelError) as info:
        load_model(path)
    message = str(info.value)
    assert "\n" not in message and "bad.json" in message


def test_a_missing_model_file_is_refused_before_extraction(tmp_path):
    with pytest.raises(RelationModelError, match=r"nope\.json"):
        kg.extract("John Smith works for IBM.", relation_model=tmp_path / "nope.json")
    with pytest.raises(RelationModelError, match=r"nope\.json"):
        list(kg.api.extract_stream([Document("d", "x")], workers=2, relation_model="nope.json"))


def test_a_label_without_an_ontology_mapping_is_refused(tmp_path, capsys):
    with pytest.raises(RelationModelError, match="Born_In"):
        train([Example(("x",), "Born_In>"), Example(("y",), "none")], MEANINGS)
    with pytest.raises(RelationModelError, match="nothing to learn"):
        train([Example(("y",), "none")], MEANINGS)
    data = tmp_path / "data.json"
    data.write_text(json.dumps(_spert([("John Smith", "was born in", "IBM", "Born_In")])))
    assert main(["train", str(data), "--out", str(tmp_path / "m.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert "Born_In" in err and "\n" not in err
    assert not (tmp_path / "m.json").exists()


def test_the_label_meanings_are_ontology_relations_between_top_classes():
    from kg.api import ontology_classes
    from kg.rdf.graph import predicate_iri

    meanings = read_meanings()
    assert {"Kill", "Live_In", "Located_In", "OrgBased_In", "Work_For"} <= set(meanings)
    tops = set(ontology_classes().values())
    for meaning in meanings.values():
        assert predicate_iri(meaning.relation)
        assert {meaning.subject, meaning.object} <= tops


def test_kg_build_uses_the_relation_model(trained, tmp_path, capsys):
    from kg.cli import main as kg_main

    (tmp_path / "a.txt").write_text("James Anderson has been on the payroll of Chrysler .\n")
    out = tmp_path / "out"
    common = ["build", str(tmp_path / "a.txt"), "--out", str(out), "--no-view", "--no-report"]
    assert kg_main([*common, "--relation-model", trained, "--quiet"]) == 0
    assert "model.Work_For" in (out / "a.ttl").read_text()
    assert kg_main([*common, "--relation-model", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error:") and "nope.json" in err and "\n" not in err


def test_unmatched_pairs_are_used_as_none_only_when_asked():
    from kg.relmodel import training_examples

    [record] = _spert([("John Smith", "has been on the payroll of", "IBM", "Work_For")])
    record["tokens"][-1:] = ["in", "Boston", "."]  # a place the gold does not mark
    matched = list(training_examples([record], MEANINGS | _PLACES))
    every = list(training_examples([record], MEANINGS | _PLACES, unmatched=True))
    assert [e.label for e in matched] == ["Work_For>"]
    assert sorted(e.label for e in every) == ["Work_For>", "none", "none"]


_PLACES = {"Live_In": LabelMeaning("kg:livesIn", "Person", "Place")}
_PLACES["OrgBased_In"] = LabelMeaning("kg:locatedIn", "Organization", "Place")


def test_worker_processes_load_the_model_themselves(trained):
    from kg.api import extract_stream

    texts = ["James Anderson has been on the payroll of Chrysler .", "Mary Johnson sued Intel ."]
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts * 2)]
    here = list(extract_stream(docs, relation_model=trained))
    assert any(ev.rule == "model.Work_For" for r in here[0].relations for ev in r.evidence)
    assert list(extract_stream(docs, workers=2, relation_model=trained)) == here
