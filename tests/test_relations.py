"""kg.nlp.relations: the values the relation patterns test on each token."""

import pytest
import spacy
from spacy.tokens import Doc

from kg.nlp.lexicon import load_lexicon
from kg.nlp.relations import RelationMatcher


@pytest.fixture(scope="module")
def matcher():
    nlp = spacy.blank("en")
    return RelationMatcher(nlp, load_lexicon(None))


def _doc(matcher, words: list[str], pos: list[str], lemmas: list[str] | None = None) -> Doc:
    starts = [True] + [False] * (len(words) - 1)  # one sentence
    return Doc(
        matcher.matcher.vocab, words=words, pos=pos, lemmas=lemmas or words, sent_starts=starts
    )


def test_a_role_noun_and_the_words_hyphenated_after_it_are_roles(matcher):
    words = ["the", "director", "-", "general", "-", "elect", "and", "director", "spoke"]
    pos = ["DET", "NOUN", "PUNCT", "NOUN", "PUNCT", "ADJ", "CCONJ", "VERB", "VERB"]
    values = matcher._token_values(_doc(matcher, words, pos))
    assert values["is_role"] == [False, True, False, True, False, True, False, False, False]


def test_event_heads_and_actions_come_from_the_lemma_in_lower_case(matcher):
    words = ["the", "Conference", "opened", "and", "they", "assassinated", "a", "conference"]
    pos = ["DET", "PROPN", "VERB", "CCONJ", "PRON", "VERB", "DET", "NOUN"]
    lemmas = ["the", "Conference", "open", "and", "they", "assassinate", "a", "conference"]
    values = matcher._token_values(_doc(matcher, words, pos, lemmas))
    # a proper noun heads an event's name only when no mention took it (none here)
    assert values["is_event"] == [False, True, False, False, False, False, False, True]
    assert values["kg_action"] == ["", "", "", "", "", "killing", "", ""]


def test_the_component_sets_the_values_on_the_tokens(matcher):
    doc = matcher(_doc(matcher, ["the", "director", "resigned"], ["DET", "NOUN", "VERB"]))
    assert [t._.is_role for t in doc] == [False, True, False]
    assert doc._.kg_matches == ()
