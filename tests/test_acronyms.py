"""Acronyms a text defines (kg/nlp/acronyms.py), through the pipeline's mentions."""

from kg.nlp.acronyms import defined_by_common_words
from kg.nlp.mentions import SPANS_KEY
from kg.nlp.words import Words


def test_acronym_defined_in_text_marks_its_later_uses(nlp):
    doc = nlp("The National Development and Reform Commission (NDRC) met. Later NDRC said no.")
    assert doc._.kg_acronyms == (("NDRC", 1, 6),)
    assert [s.text for s in doc.spans[SPANS_KEY]].count("NDRC") == 2


def test_a_lower_case_phrase_defines_an_abbreviation_only_when_its_initials_spell_it(nlp):
    doc = nlp("They use customer relationship management (CRM) and cloud tools (XYZ).")
    assert defined_by_common_words(doc, Words.of(doc)) == {"CRM", "CRMs"}
    # or inside the bracket after it, connectives aside; a capitalised name defines no common noun
    doc = nlp(
        "Sales of SCM (supply chain management) and of the QOS (quality of service) rose. "
        "The NDRC (National Development and Reform Commission) agreed."
    )
    assert defined_by_common_words(doc, Words.of(doc)) == {"SCM", "SCMs", "QOS", "QOSs"}


def test_an_acronym_a_name_spells_out_elsewhere_is_its_alias(nlp):
    doc = nlp("NASA launched a probe. The National Aeronautics and Space Administration said so.")
    assert [a for a, _, _ in doc._.kg_acronyms] == ["NASA"]
    # initials that spell two different names define neither
    doc = nlp("CAS met. The China Aviation Society and the Chinese Academy of Sciences agreed.")
    assert "CAS" not in [a for a, _, _ in doc._.kg_acronyms]


def test_a_short_name_of_words_defined_hereinafter_names_the_organisation(nlp):
    doc = nlp(
        "China Mobile Communications Group Yunnan Co., Ltd. (hereinafter referred to as "
        "\u201cChina Mobile Yunnan\u201d or \u201cthe company\u201d) opened. China Mobile "
        "Yunnan will build a data center."
    )
    defined = {a: (s, e) for a, s, e in doc._.kg_acronyms}
    long = doc[slice(*defined["China Mobile Yunnan"])].text
    assert long == "China Mobile Communications Group Yunnan Co., Ltd."
    assert defined["company"] == defined["China Mobile Yunnan"]  # a reference, not a name
    uses = [s for s in doc.spans[SPANS_KEY] if s.text == "China Mobile Yunnan"]
    assert len(uses) == 2 and all(s.id_ == "acronym" for s in uses)


def test_a_bracketed_short_name_of_a_names_own_words_is_its_alias(nlp):
    doc = nlp(
        "ZTE signed an agreement with the Guangdong branch of China Telecom (China Telecom "
        "Guangdong). China Telecom Guangdong will build networks."
    )
    defined = {a: (s, e) for a, s, e in doc._.kg_acronyms}
    assert doc[slice(*defined["China Telecom Guangdong"])].text == "Guangdong branch"
    # words the name does not have are no short name of it
    doc = nlp("Huawei signed with China Mobile (Beijing Office) yesterday.")
    assert "Beijing Office" not in [a for a, _, _ in doc._.kg_acronyms]


def test_a_short_name_quoted_in_a_bracket_names_the_organisation_before_it(nlp):
    doc = nlp(
        "ZTE signed an agreement with China Mobile's Guangdong branch (\"China Mobile "
        'Guangdong") on Monday. Huang Wei, deputy general manager of China Mobile Guangdong, spoke.'
    )
    defined = {a: (s, e) for a, s, e in doc._.kg_acronyms}
    assert doc[slice(*defined["China Mobile Guangdong"])].text == "Guangdong branch"  # the unit
    uses = [s for s in doc.spans[SPANS_KEY] if s.text == "China Mobile Guangdong"]
    assert len(uses) == 2 and all(s.id_ == "acronym" for s in uses)
