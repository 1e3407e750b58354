"""Repairs of the parse before the relation patterns read it (kg.nlp.repairs)."""

from conftest import extract, rel_set

from kg.model import key_group
from kg.nlp.lexicon import load_lexicon
from kg.nlp.repairs import speech_lemmas

LONG_CLAUSE = (
    "The city now hosts 36 data center projects with a total of 1.1 million servers, Tian "
    "Huiling, deputy mayor of Qarlun, said at a signing ceremony in the city on March 10."
)


def test_a_speech_verb_without_a_subject_takes_the_name_reporting_it(nlp):
    doc = nlp(LONG_CLAUSE)
    said = next(t for t in doc if t.lower_ == "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Huiling"]
    # so the speaker spoke at the ceremony, which the date makes an event
    g = extract(LONG_CLAUSE)
    [event] = [e for e in g.entities() if key_group(e.key) == "Event"]
    assert ("Tian Huiling", "kg:spokeAt", event.label, "") in rel_set(g)


def test_a_verb_with_a_subject_or_no_name_before_it_is_left_alone(nlp):
    doc = nlp("Revenue rose, Tian Huiling said, and profits fell, analysts said.")
    saids = [t for t in doc if t.lower_ == "said"]
    assert [[c.text for c in s.children if c.dep_ == "nsubj"] for s in saids] == [
        ["Huiling"],
        ["analysts"],
    ]
    doc = nlp("Profits fell sharply in the third quarter, said the report.")
    assert not any(c.dep_ == "nsubj" and c.ent_type_ for t in doc for c in t.children)


def test_speech_verbs_are_read_from_the_speech_patterns():
    lemmas = speech_lemmas(load_lexicon())
    assert {"say", "tell", "stress"} <= lemmas
    assert "build" not in lemmas


def test_a_singular_apposition_after_coordinated_names_is_the_last_ones():
    g = extract(
        "Norlink Data is a joint venture set up in May 2025 by Norland Telecom's Qarlun branch "
        "and Qarlun Urban Investment Group, the investment arm of the Qarlun municipal "
        "government."
    )
    rels = rel_set(g)
    assert (
        "Qarlun Urban Investment Group",
        "org:unitOf",
        "Qarlun municipal government",
        "",
    ) in rels
    assert not any(
        r[1] == "org:unitOf" and r[2] == "Qarlun municipal government" and "branch" in r[0]
        for r in rels
    )


def test_two_organisations_joined_by_and_are_coordinated_not_one_inside_the_other(nlp):
    # the model hangs "Government" on "University" as a modifier
    text = (
        "On March 27, Huaxin Networks signed a cooperation agreement with the Qinling Municipal "
        "People's Government and China Qinling Gorges University in Qinling."
    )
    doc = nlp(text)
    government = next(t for t in doc if t.text == "Government")
    university = next(t for t in doc if t.text == "University")
    assert government.head.lower_ == "with" and government.dep_ == "pobj"
    assert university.head == government and university.dep_ == "conj"
    rels = rel_set(extract(text))
    assert ("Huaxin Networks", "kg:cooperatesWith", "China Qinling Gorges University", "") in rels
    assert (
        "Huaxin Networks",
        "kg:cooperatesWith",
        "Qinling Municipal People's Government",
        "",
    ) in rels


def test_an_organisation_before_and_a_described_name_is_no_modifier_of_the_description():
    # the model hangs "Mobile" on "company"; the branch is Huaxin Mobile's, not Skyroute's
    graph = extract(
        "The district government signed a strategic cooperation agreement with the Qinling "
        "branch of Huaxin Mobile and local drone company Skyroute Technology Co. on Thursday."
    )
    units = {r[0]: r[2] for r in rel_set(graph) if r[1] == "org:unitOf"}
    assert units == {"Qinling branch of Huaxin Mobile": "Huaxin Mobile"}


def test_a_list_of_organisations_the_parse_opened_with_an_apposition_is_one_list():
    text = (
        "The Dongshan District People's Government, the Dongshan Park Management Committee, "
        "Qinling Yunzhi Technology Co., Ltd. and China Telecom Dongshan Branch signed a "
        "four-party cooperation agreement."
    )
    partners = [r for r in rel_set(extract(text)) if r[1] == "kg:cooperatesWith"]
    assert len(partners) == 6, partners  # each pair of the four


def test_the_noun_of_an_event_with_coordinated_modifiers_heads_it():
    text = (
        "On November 26, the signing and groundbreaking ceremony for the projects, hosted by "
        "the Dongshan District People's Government, was held in Suzhou."
    )
    graph = extract(text)
    events = [e for e in graph.entities() if key_group(e.key) == "Event"]
    assert [e.label.split(" of ")[0] for e in events] == ["signing and groundbreaking ceremony"]
    rels = rel_set(graph)
    assert any(
        r[1] == "kg:organizedBy" and r[2] == "Dongshan District People's Government" for r in rels
    )


def test_a_persons_name_in_apposition_to_an_organisation_is_the_nouns_it_completes(nlp):
    text = "The founder of Huaxin Networks, Zhao Mingde, was born in Dongshan."
    doc = nlp(text)
    mingde = next(t for t in doc if t.text == "Mingde")
    assert (mingde.dep_, mingde.head.text) == ("appos", "founder")
    # so the person is the subject of "was born", and born in the place
    assert ("Zhao Mingde", "kg:bornIn", "Dongshan", "") in rel_set(extract(text))
    # a name in apposition to another person's name may be that person's: left where it is
    doc = nlp("The son of Li Wei, Li Jun, was born in Dongshan.")
    jun = next(t for t in doc if t.text == "Jun")
    assert (jun.dep_, jun.head.text) == ("appos", "Wei")
