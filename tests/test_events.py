"""Events (kg/events.py): mentions merged into the events they refer to, and their dates."""

import pytest
from conftest import extract, rel_set

from kg.dates import XSD
from kg.events import _with_named_year, same_events
from kg.model import Date, key_group


def test_a_day_takes_the_one_year_the_events_name_gives():
    day = Date("--12-05", XSD + "gMonthDay", "Dec. 5")
    year = Date("2023", XSD + "gYear", "2023")
    assert _with_named_year([day, year]).value == "2023-12-05"
    assert _with_named_year([year, day]).value == "2023-12-05"
    # two years, or none: the first date as found
    other = Date("2024", XSD + "gYear", "2024")
    assert _with_named_year([day, year, other]).value == "--12-05"
    assert _with_named_year([day]).value == "--12-05"
    # a day no year has (February 29) stays without one
    leap = Date("--02-29", XSD + "gMonthDay", "Feb. 29")
    assert _with_named_year([leap, year]).value == "--02-29"
    # the name's year gives way to a full date of that year found with it ("the 2023 Expo
    # kicked off on Friday"), not to one of another year
    friday = Date("2023-12-08", XSD + "date", "Friday")
    assert _with_named_year([year, friday]).value == "2023-12-08"
    assert _with_named_year([other, friday]).value == "2024"


def test_a_definite_mention_is_the_event_named_before_and_an_indefinite_one_a_new_one(nlp):
    doc = nlp("Officials met at a forum in Wuhan. Later the forum closed. A forum opened in Xi'an.")
    heads = [t.i for t in doc if t.lower_ == "forum"]
    events = {i: {"speakers": [], "organizers": []} for i in heads}
    merged = same_events(doc, events)
    assert sorted(merged) == [heads[0], heads[2]]
    assert merged[heads[0]]["heads"] == [heads[0], heads[1]]


def test_a_definite_mention_of_another_word_is_the_event_named_last(nlp):
    doc = nlp(
        "The ministry held a work conference in Zhengzhou. Officials met at a forum in Wuhan. "
        "Li told the meeting that work went well. A summit opened in Xi'an."
    )
    conference, forum, meeting, summit = (
        next(t.i for t in doc if t.lower_ == w)
        for w in ("conference", "forum", "meeting", "summit")
    )
    events = {i: {"speakers": [], "organizers": []} for i in (conference, forum, meeting, summit)}
    merged = same_events(doc, events)
    # "the meeting": no meeting named before, so the forum, the event named last
    assert sorted(merged) == [conference, forum, summit]
    assert merged[forum]["heads"] == [forum, meeting]


def test_an_event_the_subject_of_its_verb_takes_the_verbs_date_and_place():
    from conftest import extract

    g = extract(
        "Changsha Night Festival kicked off\n\nTo boost consumption, on the evening of June 6, "
        "the 2025 Changsha Night Festival hosted by the Changsha Municipal Bureau of Commerce "
        "was opened at Wuyi Square."
    )
    [event] = g.entities(type="Event")
    assert event.date is not None and event.date.value == "2025-06-06"
    assert not any("Festival" in e.label for e in g.entities(type="Organization"))
    rels = {(r.predicate, r.object) for r in g.relations if r.subject == event.key}
    assert ("kg:locatedIn", "Place:wuyi square") in rels


def test_a_signing_ceremony_takes_the_day_of_the_signing_the_text_dates():
    # the nearest "signed" before the ceremony gives no day; the one before it does
    graph = extract(
        "On March 27, Huaxin Networks signed a cooperation agreement with the Qinling Municipal "
        "People's Government in Qinling. Li Wei and Zhao Min signed the agreement on behalf of "
        "the two parties. Chen Li presided over the signing ceremony."
    )
    events = [(e.label, e.date.value) for e in graph.entities() if e.cls == "Event"]
    assert events == [("signing ceremony on March 27", "--03-27")]
    assert ("Chen Li", "kg:spokeAt", "signing ceremony on March 27", "") in rel_set(graph)


def test_an_event_named_in_title_case_with_function_words_is_named_so():
    graph = extract(
        "The 2024 Qinling Digital Culture and Tourism Consumption Festival is organized by the "
        "Qinling Municipal Bureau of Commerce."
    )
    events = [e.label for e in graph.entities() if e.cls == "Event"]
    assert events == ["2024 Qinling Digital Culture and Tourism Consumption Festival"]


def test_a_speaker_at_the_opening_of_an_event_spoke_at_the_event():
    graph = extract(
        "The 2024 Qinling Digital Culture and Tourism Consumption Festival is organized by the "
        'Qinling Municipal Bureau of Commerce. "Digital technology is changing culture," said '
        "Yang Lihua, deputy director of the bureau, at the opening of the festival."
    )
    festival = "2024 Qinling Digital Culture and Tourism Consumption Festival"
    assert ("Yang Lihua", "kg:spokeAt", festival, "") in rel_set(graph)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "On September 11, the Qinling Municipal Information Office held a press conference. "
            "Tang Li, spokesperson of the Qinling Municipal Bureau of Commerce, introduced the "
            "relevant situation. Liu Bo, deputy director of the Qinling Communications "
            "Administration, Xiao Fang, deputy general manager of Huaxin Networks, and Peng Yu, "
            "manager of Qinling Cloud, answered questions from reporters.",
            {"Tang Li", "Liu Bo", "Xiao Fang", "Peng Yu"},
        ),
        (  # the briefing three sentences back: what it issued and its first speaker between
            "On March 13, the Qinling Municipal Bureau of Commerce held a press briefing, at which "
            "it issued a notice. A total of 42 factories were selected. Tang Li, deputy director "
            "of the bureau, introduced the relevant situation. Liu Bo, deputy general manager of "
            "Huaxin Networks, answered questions from reporters.",
            {"Tang Li", "Liu Bo"},
        ),
    ],
)
def test_who_briefs_or_answers_questions_after_a_press_conference_speaks_at_it(text, expected):
    graph = extract(text)
    [event] = [e.label for e in graph.entities() if key_group(e.key) == "Event"]
    speakers = {r[0] for r in rel_set(graph) if r[1] == "kg:spokeAt" and r[2] == event}
    assert speakers == expected


def test_answering_questions_with_no_event_just_named_speaks_at_none():
    graph = extract(
        "The Qinling Municipal Information Office held a press conference on Monday. Prices "
        "rose. Trade grew. Sales fell. Liu Bo answered questions from reporters."
    )
    assert not any(r[1] == "kg:spokeAt" for r in rel_set(graph))


def test_a_partner_named_with_as_is_no_organiser():
    graph = extract(
        "The 2024 Qinling Digital Culture and Tourism Consumption Festival is organized by the "
        "Qinling Municipal Bureau of Commerce, with the Shaanxi branch of Huaxin Mobile as its "
        "network partner."
    )
    organisers = {r[2] for r in rel_set(graph) if r[1] == "kg:organizedBy"}
    assert organisers == {"Qinling Municipal Bureau of Commerce"}
