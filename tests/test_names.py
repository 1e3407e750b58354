"""kg.nlp.names: name forms repaired by their shape, alone and through the pipeline."""

import pytest

from kg.nlp.classes import group_of
from kg.nlp.mentions import SPANS_KEY
from kg.nlp.words import Words


def mentions(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]


def test_a_name_followed_by_an_age_is_a_persons():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from kg.nlp.names import aged_person

    words = [
        "Harlan",
        "Qubell",
        ",",
        "47",
        ",",
        "of",
        "Ostrava",
        ",",
        "2019",
        ",",
        "and",
        "Dvorak",
        "Works",
        ",",
        "12",
    ]
    doc = Doc(Vocab(), words=words)
    as_org = Span(doc, 0, 2, label="Organization")
    assert aged_person(doc, as_org).label_ == "Person"
    assert aged_person(doc, Span(doc, 0, 2, label="Place")).label_ == "Person"
    # a year is no age; a lexicon concept keeps its class; the age must be closed by a comma
    assert aged_person(doc, Span(doc, 6, 7, label="Place")).label_ == "Place"
    concept = Span(doc, 0, 2, label="Organization", kb_id="lex:x")
    assert aged_person(doc, concept).label_ == "Organization"
    assert aged_person(doc, Span(doc, 11, 13, label="Organization")).label_ == "Organization"


def test_an_untagged_name_before_an_age_is_a_persons():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from kg.nlp.names import named_with_age

    words = [
        "Then",
        "Harlan",
        "Qubell",
        ",",
        "47",
        ",",
        "and",
        "Ostrava",
        ",",
        "2019",
        ",",
        "met",
        "Dvorak",
        ",",
        "12",
        ",",
        "here",
    ]
    pos = ["ADV", "PROPN", "PROPN", "PUNCT", "NUM", "PUNCT", "CCONJ", "PROPN", "PUNCT", "NUM"]
    pos += ["PUNCT", "VERB", "PROPN", "PUNCT", "NUM", "PUNCT", "ADV"]
    doc = Doc(Vocab(), words=words, pos=pos)
    taken = [Span(doc, 12, 13, label="Organization")]  # already a mention: left alone
    found = [(s.text, s.label_) for s in named_with_age(doc, taken, Words.of(doc))]
    assert found == [("Harlan Qubell", "Person")]


def test_names_cut_at_a_hyphenated_word_are_one_and_a_company_s_short_name_is_its(nlp):
    text = (
        "Qinghai State-owned Assets Investment Management Co. (Qinghai SAIM) and Huanghe "
        "Hydropower Development Co. signed an agreement for 240 megawatts (MW) of IT load. "
        "Huanghe Hydropower, which runs hydropower stations, will supply green power."
    )
    doc = nlp(text)
    found = {(s.text, s.label_) for s in doc.spans[SPANS_KEY]}
    assert ("Qinghai State-owned Assets Investment Management Co.", "Company") in found
    assert ("Huanghe Hydropower", "Company") in found  # the model's person
    assert not any(t == "MW" for t, _ in found)  # a unit, lexicon kg:commonAbbreviation
    defined = {a: doc[s:e].text for a, s, e in doc._.kg_acronyms}
    assert defined["Qinghai SAIM"] == "Qinghai State-owned Assets Investment Management Co."
    assert defined["Huanghe Hydropower"] == "Huanghe Hydropower Development Co."


def test_one_word_of_a_company_name_that_goes_on_only_with_company_words_is_its_short_name(nlp):
    doc = nlp("Kelvor Group's Shunde base is a good one. Kelvor has deployed a 5G network.")
    defined = {a: doc[s:e].text for a, s, e in doc._.kg_acronyms}
    assert defined["Kelvor"] == "Kelvor Group"
    # a first word followed by more than company words is no short name
    doc = nlp("China Mobile Group said China grew.")
    assert "China" not in {a for a, _, _ in doc._.kg_acronyms}


@pytest.mark.parametrize(
    ("text", "name", "cut"),
    [
        # the possessive of "People's" does not end the name (the office before "of" is a unit
        # of its own, test_a_name_run_on_over_of_into_its_owner_s_name_is_two_names)
        (
            "Date: 2023-05-02    Source: Information Office of Hunan Provincial People's "
            "Government\n\nThe office said the province will build more 5G base stations.",
            "Hunan Provincial People's Government",
            "Hunan Provincial People",
        ),
        # nor does the comma of "Co., Ltd."
        (
            "China United Network Communications Group Co., Ltd. Zhejiang Branch today announced "
            "the launch of the action.",
            "China United Network Communications Group Co., Ltd.",
            "China United Network Communications Group Co.",
        ),
    ],
)
def test_an_organisation_name_goes_on_past_its_punctuation(nlp, text, name, cut):
    orgs = {t for t, cls, _ in mentions(nlp, text) if group_of(cls) == "Organization"}
    assert name in orgs and cut not in orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the model began the name after "H3C"; the parse makes "H3C" part of it
        (
            "H3C Technologies Co., Ltd. (H3C) signed an agreement with the city.",
            "H3C Technologies Co., Ltd.",
        ),
        # a registered name by its shape, whatever person or place the model made of its words
        (
            "The center will be built and operated by H3C Intelligent Computing (Ningxia) Co., "
            "Ltd., a wholly owned subsidiary of the company.",
            "H3C Intelligent Computing (Ningxia) Co., Ltd.",
        ),
        (
            "It is listed on The Stock Exchange of Hong Kong Limited.",
            "Stock Exchange of Hong Kong Limited",
        ),
    ],
)
def test_a_companys_registered_name_is_found_whole(nlp, text, name):
    orgs = {t for t, cls, _ in mentions(nlp, text) if group_of(cls) == "Organization"}
    assert name in orgs


def test_two_names_before_one_legal_suffix_stay_two(nlp):
    text = "The Internal Revenue Service and Manufacturers Hanover Trust Co. of New York said so."
    orgs = {t for t, cls, _ in mentions(nlp, text) if group_of(cls) == "Organization"}
    assert not any(o.startswith("Internal Revenue Service and") for o in orgs)


def test_a_name_begun_late_is_the_name_the_document_writes_in_full(nlp):
    text = (
        "H3C Technologies Co., Ltd. (H3C) signed the agreement.\n\nAbout H3C\n\n"
        "H3C Technologies Co., Ltd. is headquartered in Hangzhou."
    )
    orgs = [t for t, cls, _ in mentions(nlp, text) if group_of(cls) == "Organization"]
    assert "Technologies Co., Ltd." not in orgs
    assert orgs.count("H3C Technologies Co., Ltd.") == 2


def test_a_place_name_is_found_by_its_last_word_where_no_other_mention_is():
    import spacy
    from spacy.tokens import Doc, Span

    from kg.nlp.names import places_by_head

    vocab = spacy.blank("en").vocab
    words = ["In", "Zhengdong", "New", "District", ",", "Lanzhou", "Zone", "Bank", "and"]
    words += ["Acme", "Zone", "met", "in", "Xi'an", "High", "-", "tech", "Zone", "."]
    doc = Doc(vocab, words=words, spaces=[True] * 14 + [False, False, True, True, False])
    heads = {"District": "Place", "Zone": "Place", "Bank": "Organization"}
    company = Span(doc, 9, 11, label="Company")  # "Acme Zone": another kind of mention
    found = [(s.text, s.label_, s.id_) for s in places_by_head(doc, [company], heads)]
    # "Zone Bank": the name goes on; "in": no word of a place's name
    assert found == [
        ("Zhengdong New District", "Place", "place.name-head"),
        ("Xi'an High-tech Zone", "Place", "place.name-head"),
    ]
    assert places_by_head(Doc(vocab, words=["No", "place", "here"]), [], heads) == []
