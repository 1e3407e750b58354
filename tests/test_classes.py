"""kg.nlp.classes: a class's top class and a place's name without its kind."""

from kg.nlp.classes import group_of, without_kind_noun
from kg.nlp.lexicon import load_lexicon


def test_the_top_class_of_a_subclass():
    assert group_of("TelecomOperator") == "Organization"
    assert group_of("Facility") == "Place"
    assert group_of("Person") == "Person"


def test_a_place_without_its_kind_noun_or_its_designation():
    lexicon = load_lexicon()
    kinds, designations = lexicon.kinds, lexicon.designations
    assert without_kind_noun("Guizhou province", kinds) == "Guizhou"
    assert without_kind_noun("Guizhou Province", kinds, designations) == "Guizhou"
    assert without_kind_noun("Pudong New Area", kinds, designations) == "Pudong"
    assert without_kind_noun("Longhu New District", kinds, designations) == "Longhu"
    assert without_kind_noun("Mexico City", kinds, designations) is None  # the name's word
    assert without_kind_noun("Guiyang High-tech Zone", kinds, designations) is None
    assert without_kind_noun("New Area", kinds, designations) is None
