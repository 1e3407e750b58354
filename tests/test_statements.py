"""Statements: who said what, when, on texts of the seed's kind the seed does not contain."""

import pytest
from conftest import extract

from kg.dates import XSD


def _said(graph) -> list[tuple[str, str, bool]]:
    """(speaker label, words said, quoted) of every statement."""
    names = {e.key: e.label for e in graph.entities()}
    return [(names[s.speaker], s.text, s.quoted) for s in graph.statements]


def test_reported_speech_has_speaker_words_date_and_what_it_names():
    g = extract(
        "Zhao Lin, a spokesperson of the Ministry of Commerce, said at a press conference on "
        "July 14 that the ministry will promote gigabit optical networks and cloud shopping."
    )
    [st] = g.statements
    names = {e.key: e.label for e in g.entities()}
    assert names[st.speaker] == "Zhao Lin"
    assert st.text == "the ministry will promote gigabit optical networks and cloud shopping"
    assert not st.quoted
    assert (st.date.value, st.date.datatype) == ("--07-14", XSD + "gMonthDay")
    # "the ministry" is the Ministry of Commerce
    assert {names[k] for k in st.about} == {
        "Ministry of Commerce",
        "gigabit optical network",
        "cloud shopping",
    }
    assert st.evidence[0].rule == "statement.speech-clause"


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        # a quotation before its attribution
        (
            "Li Ping, director of the Shanghai Communications Administration, spoke to reporters.\n"
            "\u201cWe have opened 40,000 base stations this year. More will follow.\u201d\n"
            "Li Ping said.",
            "Li Ping",
            "We have opened 40,000 base stations this year. More will follow",
        ),
        # a said clause that opens a quotation runs to its end (a quotation inside it)
        (
            "Ms. Chen Hua, chairman of the company, commented, \u2018In 2020 we faced fierce "
            "competition. Under the policy of \u201cspeed upgrade\u201d, we cut costs.\u2019 "
            "The board agreed.",
            "Chen Hua",
            "In 2020 we faced fierce competition. Under the policy of \u201cspeed upgrade\u201d, we "
            "cut costs",
        ),
        # a quotation of two sentences with the speech verb inside its last one
        (
            "Zhao Lin, director of the Qinling Communications Administration, spoke at the "
            "meeting. \u201cBuilding gigabit cities is not about the numbers. We will make the "
            "network faster and cheaper,\u201d Zhao said.",
            "Zhao Lin",
            "Building gigabit cities is not about the numbers. We will make the network faster "
            "and cheaper",
        ),
    ],
)
def test_a_whole_quotation_is_the_speakers_words(text, speaker, words):
    assert _said(extract(text)) == [(speaker, words, True)]


def test_a_quotation_after_the_speech_verb():
    [(speaker, words, quoted)] = _said(
        extract("Zhang Wei said: \u201cThe network will cover every village by 2025.\u201d")
    )
    assert (speaker, words, quoted) == (
        "Zhang Wei",
        "The network will cover every village by 2025",
        True,
    )


def test_a_transcript_paragraph_is_a_statement_of_the_person_it_names():
    text = (
        "Transcript of the press conference\n"
        "Huang Min: By the end of March we had built 120,000 base stations.\n"
        "Reporter: What about rural areas?\n"
        "Huang Min: Rural broadband will reach every county."
    )
    said = _said(extract(text))
    assert ("Huang Min", "By the end of March we had built 120,000 base stations", True) in said
    assert ("Huang Min", "Rural broadband will reach every county", True) in said


def test_an_opening_quotation_is_spoken_by_the_sentences_speaker():
    text = (
        "Wang Jun said that the plan is ambitious.\n"
        "\u201cWe will speed up the construction of data centers in western provinces.\u201d"
    )
    g = extract(text)
    spoken = [s for s in g.statements if s.evidence[0].rule == "statement.spoken-quote"]
    assert [s.text for s in spoken] == [
        "We will speed up the construction of data centers in western provinces"
    ]
    # trusted less than words the text attributes itself
    assert spoken[0].confidence < g.statements[0].confidence


@pytest.mark.parametrize(
    "text",
    [
        # a quoted phrase inside narration is not a statement
        "The ministry will \u201crepair roads\u201d and build data centers.",
        # nobody named speaks
        "Analysts said that the market will grow.",
        # the document's own voice
        "China Mobile built 5G base stations in Guangdong.",
    ],
)
def test_no_statement_without_a_named_speaker(text):
    assert extract(text).statements == []


def test_an_organisation_speaks_for_itself():
    g = extract("The Ministry of Commerce said that we will promote gigabit optical networks.")
    names = {e.key: e.label for e in g.entities()}
    [st] = g.statements
    assert names[st.speaker] == "Ministry of Commerce"
    # "we" in its words is the ministry
    assert any(
        names[r.subject] == "Ministry of Commerce" and r.predicate == "kg:promotes"
        for r in g.relations
    )


def test_statements_are_written_to_rdf():
    g = extract("Zhang Wei said that China Unicom will deploy 5G in Tibet on May 3.")
    rows = g.query(
        """PREFIX kg: <https://w3id.org/kg-ict/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?who ?text ?quoted ?about WHERE {
          ?s a kg:Statement ; kg:speaker/rdfs:label ?who ; kg:text ?text ; kg:quoted ?quoted ;
             kg:about/rdfs:label ?about }"""
    )
    assert {r["about"] for r in rows} >= {"China Unicom", "5G", "Tibet"}
    assert {(r["who"], r["text"], r["quoted"]) for r in rows} == {
        ("Zhang Wei", "China Unicom will deploy 5G in Tibet on May 3", "false")
    }


def test_he_or_she_is_the_person_who_spoke_last():
    text = (
        "Wang Lan, chief engineer of the Ministry of Commerce, spoke at the forum on Monday. "
        "She said the ministry will support data centers in western provinces."
    )
    said = _said(extract(text))
    assert (
        "Wang Lan",
        "the ministry will support data centers in western provinces",
        False,
    ) in said
