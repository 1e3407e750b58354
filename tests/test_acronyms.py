"""Acronyms a text defines (kg/nlp/acronyms.py), through the pipeline's mentions."""

from kg.nlp.acronyms import defined_by_common_words
from kg.nlp.mentions import SPANS_KEY


def test_acronym_defined_in_text_marks_its_later_uses(nlp):
    doc = nlp("The National Development and Reform Commission (NDRC) met. Later NDRC said no.")
    assert doc._.kg_acronyms == (("NDRC", 1, 6),)
    assert [s.text for s in doc.spans[SPANS_KEY]].count("NDRC") == 2


def test_a_lower_case_phrase_defines_an_abbreviation_only_when_its_initials_spell_it(nlp):
    doc = nlp("They use customer relationship management (CRM) and cloud tools (XYZ).")
    assert defined_by_common_words(doc) == {"CRM", "CRMs"}
    # or inside the bracket after it, connectives aside; a capitalised name defines no common noun
    doc = nlp(
        "Sales of SCM (supply chain management) and of the QOS (quality of service) rose. "
        "The NDRC (National Development and Reform Commission) agreed."
    )
    assert defined_by_common_words(doc) == {"SCM", "SCMs", "QOS", "QOSs"}


def test_an_acronym_a_name_spells_out_elsewhere_is_its_alias(nlp):
    doc = nlp("NASA launched a probe. The National Aeronautics and Space Administration said so.")
    assert [a for a, _, _ in doc._.kg_acronyms] == ["NASA"]
    # initials that spell two different names define neither
    doc = nlp("CAS met. The China Aviation Society and the Chinese Academy of Sciences agreed.")
    assert "CAS" not in [a for a, _, _ in doc._.kg_acronyms]
