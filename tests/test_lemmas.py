"""kg.nlp.lemmas: lemmas remembered by word, part of speech and morphology are the lemmatizer's."""

import pytest
import spacy
from conftest import load_model
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from kg.nlp.lemmas import RememberingLemmatizer, remember_lemmas

TEXTS = [
    "The ministries were building networks; operators had built 1.2 million base stations.",
    "She said the users are streaming better videos than they streamed last year, didn't she?",
    "Gigabit fibers reached the villages.\n\nThe villages' schools were connected, mostly.",
]


@pytest.fixture(scope="module")
def remembering():
    return load_model(remember_lemmas)


def test_the_models_lemmas_are_the_lemmatizers(model, remembering):
    assert isinstance(remembering.get_pipe("lemmatizer"), RememberingLemmatizer)
    assert remembering.pipe_names == model.pipe_names
    for text in TEXTS * 2:  # the second time from what it remembers
        assert [t.lemma_ for t in remembering(text)] == [t.lemma_ for t in model(text)], text


def test_kgs_pipeline_remembers_lemmas_and_keeps_the_tables(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, RememberingLemmatizer)
    assert lemmatizer.lookups.has_table("lemma_exc")


def _lookup_lemmatizer(overwrite: bool = False):
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"networks": "network", "built": "build"})
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": overwrite})
    lemmatizer.initialize(lookups=lookups)
    return nlp, lemmatizer


def test_a_lemma_set_before_is_kept_unless_the_lemmatizer_overwrites():
    for overwrite, expected in (
        (False, ["they", "make", "network"]),
        (True, ["they", "build", "network"]),
    ):
        nlp, lemmatizer = _lookup_lemmatizer(overwrite)
        doc = Doc(nlp.vocab, words=["they", "built", "networks"], lemmas=["", "make", ""])
        assert [t.lemma_ for t in RememberingLemmatizer(lemmatizer)(doc)] == expected


def test_each_word_is_asked_once(monkeypatch):
    nlp, lemmatizer = _lookup_lemmatizer()
    asked = []
    ask = lemmatizer.lemmatize
    monkeypatch.setattr(
        lemmatizer, "lemmatize", lambda token: asked.append(token.text) or ask(token)
    )
    remembering = RememberingLemmatizer(lemmatizer)
    for _ in range(3):
        doc = remembering(nlp.make_doc("networks built networks"))
        assert [t.lemma_ for t in doc] == ["network", "build", "network"]
    assert asked == ["networks", "built"]


def test_a_lemmatizer_that_may_read_the_context_is_left_in_place():
    class Contextual(Lemmatizer):
        pass

    Contextual.__module__ = "someone.else"
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.get_pipe("lemmatizer").__class__ = Contextual
    assert not remember_lemmas(nlp)
    assert isinstance(nlp.get_pipe("lemmatizer"), Contextual)
    assert not remember_lemmas(spacy.blank("en"))  # no lemmatizer at all
