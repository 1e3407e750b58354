import json
import shutil

import pytest

from kg.errors import OntologyError
from kg.nlp.lexicon import ONTOLOGY_DIR, load_lexicon, plural


def test_plural():
    assert plural("data center") == "data centers"
    assert plural("smart city") == "smart cities"
    assert plural("base station") == "base stations"
    assert plural("5G") == "5G"
    assert plural("IDC") == "IDC"


def test_lexicon_reads_terms_roles_and_patterns(lexicon):
    forms = {f for t in lexicon.terms for f in t.forms}
    assert {"data center", "data centers", "data centre"} <= forms
    assert lexicon.roles["spokesman"] == "spokesperson"
    assert lexicon.event_heads["conference"] == "PressConference"
    assert {p["id"] for p in lexicon.relation_patterns} >= {
        "post.role-of",
        "speech.say",
        "action.promote",
    }


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("Ministry of Commerce", "GovernmentOrganization"),
        ("Department of Policy and Regulation", "OrganizationalUnit"),
        ("National Development and Reform Commission", "GovernmentOrganization"),
        ("Zhejiang University", "EducationalOrganization"),
        ("China Unicom", "TelecomOperator"),
        ("Acme Holdings", "Company"),
        ("Tencent", "Organization"),
        ("Research Center for Internet Governance", "EducationalOrganization"),
        ("Standing Committee on Trade", "GovernmentOrganization"),
    ],
)
def test_org_class_by_head_word(lexicon, name, cls):
    assert lexicon.org_class(name.split()) == cls


def test_malformed_pattern_file_fails_loudly(tmp_path):
    shutil.copytree(ONTOLOGY_DIR, tmp_path / "ontology")
    (tmp_path / "ontology" / "patterns" / "relations.json").write_text(
        json.dumps({"not": "a list"})
    )
    with pytest.raises(OntologyError, match=r"relations\.json"):
        load_lexicon(str(tmp_path / "ontology"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relation": "kg:opnes"}, "'kg:opnes' is no relation of the ontology"),
        ({"relation_by_object": {"Infrastructure": "kg:bilds"}}, "'kg:bilds' is no relation"),
        ({"relation_by_object": {"Network": "kg:builds"}}, "keys \\['Network'\\] are not classes"),
    ],
)
def test_a_pattern_naming_an_unknown_relation_or_class_is_one_clear_error(
    tmp_path, change, message
):
    from kg.nlp.pipeline import load_pipeline

    shutil.copytree(ONTOLOGY_DIR, tmp_path / "ontology")
    path = tmp_path / "ontology" / "patterns" / "relations.json"
    specs = json.loads(path.read_text())
    [spec] = [s for s in specs if s["id"] == "action.set-up"]
    spec.update(change)
    path.write_text(json.dumps(specs))
    with pytest.raises(OntologyError, match=f"'action.set-up': .*{message}"):
        load_pipeline(None, str(tmp_path / "ontology"))


def test_user_can_add_a_term(tmp_path, nlp):
    from kg.nlp.pipeline import load_pipeline
    from kg.nlp.terms import SPANS_KEY

    shutil.copytree(ONTOLOGY_DIR, tmp_path / "ontology")
    lex = tmp_path / "ontology" / "lexicon.ttl"
    lex.write_text(
        lex.read_text()
        + "\nlex:quantum-link a skos:Concept ; skos:inScheme lex:terms ; kg:entityClass kg:Infrastructure ;\n"
        '    skos:prefLabel "quantum communication link"@en .\n'
    )
    custom = load_pipeline(None, str(tmp_path / "ontology"))
    doc = custom("The operator opened two quantum communication links in Hefei.")
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["quantum communication links"]
    plain = nlp("The operator opened two quantum communication links.")
    assert not [s for s in plain.spans[SPANS_KEY] if "quantum" in s.text]


def test_units_are_data_a_user_extends(tmp_path):
    shutil.copytree(ONTOLOGY_DIR, tmp_path / "ontology")
    path = tmp_path / "ontology" / "units.json"
    data = json.loads(path.read_text())
    data["currencies"]["INR"] = ["rupee", "rupees", "inr"]
    path.write_text(json.dumps(data))
    units = load_lexicon(str(tmp_path / "ontology")).units
    assert units.currencies["rupees"] == "INR"
    assert units.currencies["yuan"] == "CNY"
    assert "per cent" in units.percent and units.scales["billion"] == 10**9


def test_a_broken_units_file_is_one_clear_error(tmp_path):
    shutil.copytree(ONTOLOGY_DIR, tmp_path / "ontology")
    (tmp_path / "ontology" / "units.json").write_text(json.dumps({"currencies": []}))
    with pytest.raises(OntologyError, match=r"units\.json"):
        load_lexicon(str(tmp_path / "ontology"))


def test_the_default_lexicon_is_read_once_however_it_is_named():
    assert load_lexicon() is load_lexicon(None)
    assert load_lexicon(str(ONTOLOGY_DIR)) is load_lexicon()
