"""Who does an action and to what (kg/agents.py), on parsed sentences with hand-given entities."""

import pytest

from kg.agents import PARTIES, PRONOUN_IT, SPEAKER_WE, Kinds, agents_of, objects_of
from kg.voices import Voices


@pytest.fixture
def parse(nlp):
    return nlp


def entities(doc, names):
    """Token index -> entity key for every token of each named phrase."""
    ents = {}
    for phrase, key in names.items():
        start = doc.text.index(phrase)
        for tok in doc.char_span(start, start + len(phrase)):
            ents[tok.i] = key
    return ents


def voices(doc, speakers=None, orgs=None):
    return Voices(
        speech_triggers={},
        sentence_speaker=speakers or {},
        speaker_org=orgs or {},
        narrator=None,
        outside=[True] * len(doc),
    )


def verb(doc, word):
    return next(t for t in doc if t.lower_ == word)


def test_coordinated_subjects_all_act(parse):
    doc = parse("China Mobile and China Unicom will build new data centers.")
    ents = entities(doc, {"China Mobile": "Organization:cm", "China Unicom": "Organization:cu"})
    found, factor = agents_of(verb(doc, "build"), ents, voices(doc))
    assert found == ["Organization:cm", "Organization:cu"] and factor == 1.0


def test_the_two_sides_are_the_organisations_last_named_together(parse):
    doc = parse(
        "Lanzhou hosted China Mobile and China Unicom. The Lanzhou government and Huawei signed "
        "an agreement. The two sides will build data centers. The sides will open labs."
    )
    ents = entities(
        doc,
        {
            "China Mobile": "Organization:cm",
            "China Unicom": "Organization:cu",
            "The Lanzhou government": "Organization:gov",
            "Huawei": "Organization:hw",
        },
    )
    found, factor = agents_of(verb(doc, "build"), ents, voices(doc))
    assert found == ["Organization:gov", "Organization:hw"] and factor == PARTIES
    # no count ("the sides"): nobody
    assert agents_of(verb(doc, "open"), ents, voices(doc)) == ([], 0.0)


def test_the_two_companies_are_as_many_organisations_as_counted(parse):
    doc = parse(
        "Huawei, ZTE and Nokia met in Shanghai. Ericsson and Siemens share one network. The two "
        "companies will build towers. The three companies will open labs."
    )
    names = ("Huawei", "ZTE", "Nokia", "Ericsson", "Siemens")
    ents = entities(doc, {n: f"Organization:{n.lower()}" for n in names})
    kinds = Kinds({"company": frozenset({"Company"})}, dict.fromkeys(ents.values(), "Company"))
    found, factor = agents_of(verb(doc, "build"), ents, voices(doc), kinds)
    assert found == ["Organization:ericsson", "Organization:siemens"] and factor == PARTIES
    # three: the three named together before, not the two named last
    found, _ = agents_of(verb(doc, "open"), ents, voices(doc), kinds)
    assert found == ["Organization:huawei", "Organization:zte", "Organization:nokia"]
    # of another kind than the noun names: not them
    kinds = Kinds(kinds.nouns, {**kinds.classes, "Organization:siemens": "GovernmentOrganization"})
    assert "Organization:siemens" not in agents_of(verb(doc, "build"), ents, voices(doc), kinds)[0]


def test_the_two_branches_are_the_two_the_text_named_apart(parse):
    doc = parse(
        "The experts visited the centre of the Dongshan branch of Huaxin and the equipment room "
        "of Qinling Mobile Dongshan Branch. The two branches built 1,320 kilometers of cable. "
        "The branch also signed agreements with three companies."
    )
    names = {
        "Dongshan branch of Huaxin": "Organization:a",
        "Qinling Mobile Dongshan Branch": "Organization:b",
    }
    ents = entities(doc, names)
    kinds = Kinds(
        {"branch": frozenset({"OrganizationalUnit"}), "company": frozenset({"Company"})},
        dict.fromkeys(ents.values(), "OrganizationalUnit"),
    )
    found, factor = agents_of(verb(doc, "built"), ents, voices(doc), kinds)
    assert found == ["Organization:a", "Organization:b"] and factor == PARTIES
    # three: not two
    doc = parse(
        "The experts visited the Dongshan branch of Huaxin and Qinling Mobile Dongshan Branch. "
        "Later the three branches built cable."
    )
    ents = entities(doc, names)
    assert agents_of(verb(doc, "built"), ents, voices(doc), kinds) == ([], 0.0)


def test_the_two_parties_are_an_organisation_and_the_one_it_signed_with(parse):
    doc = parse("Huawei signed an agreement with China Unicom. The two parties will build labs.")
    ents = entities(doc, {"Huawei": "Organization:hw", "China Unicom": "Organization:cu"})
    found, factor = agents_of(verb(doc, "build"), ents, voices(doc))
    assert found == ["Organization:hw", "Organization:cu"] and factor == PARTIES


def test_it_is_the_organisation_the_sentence_before_was_about(parse):
    doc = parse(
        "The Lanzhou government courted cloud companies. In July, it signed an agreement with "
        "Huawei. It will guide operators to cut fees."
    )
    ents = entities(
        doc, {"The Lanzhou government": "Organization:gov", "Huawei": "Organization:hw"}
    )
    assert agents_of(verb(doc, "signed"), ents, voices(doc)) == (["Organization:gov"], PRONOUN_IT)
    # what "it" guides others to do is theirs, and the sentence before was about nobody
    assert agents_of(verb(doc, "cut"), ents, voices(doc)) == ([], 0.0)


def test_we_is_the_organisation_its_speaker_speaks_for(parse):
    doc = parse("We will build new data centers.")
    speaker = {0: ("Person:li", 1.0)}
    orgs = {"Person:li": ("Organization:miit", 1.0)}
    found, factor = agents_of(verb(doc, "build"), {}, voices(doc, speaker, orgs))
    assert found == ["Organization:miit"] and factor == SPEAKER_WE
    # without a speaker, "we" is nobody
    assert agents_of(verb(doc, "build"), {}, voices(doc)) == ([], 0.0)


def test_a_place_is_no_agent(parse):
    doc = parse("Guangdong will build new data centers.")
    ents = entities(doc, {"Guangdong": "Place:gd"})
    assert agents_of(verb(doc, "build"), ents, voices(doc)) == ([], 0.0)


def test_objects_are_expanded_over_coordination_and_kept_to_their_classes(parse):
    doc = parse("China Mobile will build 5G networks, data centers and Beijing.")
    ents = entities(
        doc,
        {
            "China Mobile": "Organization:cm",
            "5G networks": "Infrastructure:5g",
            "data centers": "Infrastructure:dc",
            "Beijing": "Place:bj",
        },
    )
    build = verb(doc, "build")
    found = objects_of(doc, build, {build.i}, ents, frozenset())
    assert [key for key, _ in found] == ["Infrastructure:5g", "Infrastructure:dc"]


def test_signers_on_behalf_of_others_act_for_them(parse):
    doc = parse("Li Wei and Zhao Min signed the agreement on behalf of China Mobile and Huawei.")
    ents = entities(
        doc,
        {
            "Li Wei": "Person:li wei",
            "Zhao Min": "Person:zhao min",
            "China Mobile": "Organization:cm",
            "Huawei": "Organization:hw",
        },
    )
    found, factor = agents_of(verb(doc, "signed"), ents, voices(doc))
    assert found == ["Organization:cm", "Organization:hw"] and factor == 1.0
    # for parties the text does not name: nobody the graph can hold
    doc = parse("Li Wei and Zhao Min signed the agreement on behalf of the two parties.")
    ents = entities(doc, {"Li Wei": "Person:li wei", "Zhao Min": "Person:zhao min"})
    assert agents_of(verb(doc, "signed"), ents, voices(doc)) == ([], 0.0)
