"""kg.nlp.words: a doc's token strings, read once."""

import spacy

from kg.nlp.words import Words


def test_the_words_of_a_doc_and_the_ones_alone_between_brackets():
    doc = spacy.blank("en").make_doc("(A) Long Name (LN) and (two words) end (Z)")
    words = Words.of(doc)
    assert words.text == [t.text for t in doc]
    assert words.lower == [t.lower_ for t in doc]
    assert [words.text[i] for i in words.bracketed()] == ["A", "LN", "Z"]
    assert Words.of(spacy.blank("en").make_doc("( )")).bracketed() == []
