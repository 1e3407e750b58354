"""The organisation a document speaks as ("we" in a company's own texts), and what it does."""

import numpy
import pytest
import spacy
from conftest import extract, rel_set
from spacy.attrs import LOWER

from kg.model import Document
from kg.nlp.normalize import normalize_text
from kg.resolve import resolve
from kg.voices import find_narrator, holding, outside_quotes

AT_ORG = (
    "At Deutsche Telekom, we build fibre networks in every province. "
    "We accelerated the development of SDN and put our NB-IoT network into commercial use. "
    "Our 4G network covers most rural areas."
)


def narrator_of(nlp, lexicon, text: str, **metadata: str):
    document = Document(id="t", text=text, metadata=tuple(metadata.items()))
    doc = nlp(normalize_text(text))
    return find_narrator(doc, document, resolve(doc, document, lexicon).token_entity)


def test_at_org_we_makes_the_organisation_the_narrator(nlp, lexicon):
    narrator = narrator_of(nlp, lexicon, AT_ORG)
    assert narrator is not None
    assert (narrator.key, narrator.rule) == ("Organization:deutsche telekom", "narrator.at-org")


def test_a_defined_term_in_brackets_names_the_narrator(nlp, lexicon):
    text = (
        "Vodafone Group Plc (the \u201cCompany\u201d) reported its results. "
        "In the first half, we deployed 5G in twelve markets."
    )
    narrator = narrator_of(nlp, lexicon, text)
    assert narrator is not None and narrator.rule == "narrator.defined-term"
    assert narrator.key.startswith("Organization:vodafone")


def test_the_publisher_in_the_metadata_names_the_narrator(nlp, lexicon):
    text = "Singtel announced new results. We opened 5G networks in Jurong and Tampines."
    narrator = narrator_of(nlp, lexicon, text, publisher="Singtel")
    assert narrator is not None and narrator.rule == "narrator.publisher"


@pytest.mark.parametrize(
    "text",
    [
        # "we" only inside a quotation is the speaker's, not the document's
        "Singtel said: \u201cAt Singtel, we will build 5G networks.\u201d Analysts disagreed.",
        # "we" without anything tying it to an organisation stays unresolved
        "Deutsche Telekom opened an office. We think the 5G network will come soon.",
    ],
)
def test_no_narrator_without_a_cue_in_the_document_s_own_voice(nlp, lexicon, text):
    assert narrator_of(nlp, lexicon, text) is None


def test_what_the_narrator_does_and_operates():
    rels = rel_set(extract(AT_ORG))
    org = "Deutsche Telekom"
    assert (org, "kg:accelerates", "software-defined networking", "") in rels
    assert (org, "kg:deploys", "NB-IoT network", "") in rels  # put into commercial use
    assert (org, "kg:operates", "4G", "") in rels  # "our 4G network"


def test_we_without_a_narrator_acts_for_nobody():
    rels = rel_set(
        extract("We accelerated the development of SDN. Deutsche Telekom opened an office.")
    )
    assert not any(r[1] == "kg:accelerates" for r in rels)


def test_an_organisation_operates_the_infrastructure_it_owns_a_place_does_not():
    rels = rel_set(
        extract("China Unicom's 5G network reached Tibet, and China's fibre network grew.")
    )
    assert ("China Unicom", "kg:operates", "5G", "") in rels
    assert not any(r[0] == "China" and r[1] == "kg:operates" for r in rels)


TRANSCRIPT = (
    "Huang Libin, spokesperson of the Ministry of Industry and Information Technology, answered "
    "questions.\n"
    "Reporter: What progress has been made?\n"
    "Huang Libin: By the end of March, China had built 819,000 5G base stations. We will "
    "accelerate the deployment of gigabit optical networks and support online education.\n"
)


def test_a_transcript_label_is_a_sentence_and_its_person_speaks_the_paragraph():
    rels = rel_set(extract(TRANSCRIPT))
    miit = "Ministry of Industry and Information Technology"
    assert (miit, "kg:accelerates", "gigabit optical network", "") in rels  # "we": the ministry
    assert (miit, "kg:supports", "online education", "") in rels
    # the label is no subject: the spokesperson built nothing
    assert not any(r[0] == "Huang Libin" and r[1] == "kg:builds" for r in rels)


INTERVIEW = (
    "Interview | A talk with Luo Zhiyuan, secretary-general of the Lingnan Robotics Alliance\n\n"
    "After the forum, our reporter interviewed Luo Zhiyuan.\n\n"
    "Q: What will the alliance do next year?\n\n"
    "A: We will promote industrial internet platforms in the ceramics industry.\n\n"
    "Q: Any figures?\n\n"
    "A: The alliance now has 486 member units.\n"
)


def test_an_interview_s_answers_are_spoken_by_the_person_it_is_with():
    g = extract(INTERVIEW)
    assert [s.speaker for s in g.statements] == ["Person:luo zhiyuan", "Person:luo zhiyuan"]
    # "we" in an answer: the interviewee's organisation
    assert ("Lingnan Robotics Alliance", "kg:promotes", "industrial internet platform", "") in (
        rel_set(g)
    )
    # the questions are nobody's statements
    assert not any("next year" in s.text for s in g.statements)


def test_a_label_opening_a_line_ends_a_sentence(nlp):
    doc = nlp("Reporter: What is new?\nHuang Libin: We built networks.")
    starts = [s.text for s in doc.sents]
    assert "Huang Libin:" in starts
    assert any(s.startswith("We built") for s in starts)


@pytest.mark.parametrize(
    "text",
    [
        "He said \u201cwe will\nWe build",  # a line break closes a quotation left open
        'He said "we  will" and we did.',  # straight quotes toggle; spaces close nothing
    ],
)
def test_outside_quotes(nlp, text):
    doc = nlp(text)
    outside = outside_quotes(doc)
    inside_we, outside_we = [t.i for t in doc if t.lower_ == "we"]
    assert not outside[inside_we]
    assert outside[outside_we]


def test_a_quotation_may_hold_another_and_apostrophes_close_nothing(nlp):
    from kg.voices import outside_quotes

    doc = nlp(
        "The chairman commented, \u2018The policy on \u201cspeed upgrade\u201d made the "
        "operators\u2019 market harder. We adjusted.\u2019 Then he left."
    )
    outside = outside_quotes(doc)
    inside = {t.text for t in doc if not outside[t.i]}
    assert {"policy", "speed", "harder", "adjusted", "operators"} <= inside
    assert {"chairman", "Then", "left"}.isdisjoint(inside)


def test_holding_finds_the_words_a_scan_looks_for_by_their_exact_hashes():
    doc = spacy.blank("en")("We said “we” and WE, not wee.")
    strings = doc.vocab.strings
    lowers = doc.to_array(LOWER)
    assert max(int(h) for h in lowers) > 2**63  # hashes past int64 compare exactly
    found = numpy.flatnonzero(holding(lowers, [strings.add("we")])).tolist()
    assert found == [t.i for t in doc if t.lower_ == "we"] == [0, 3, 6]
    assert not holding(lowers, [strings.add("us")]).any()
