"""kg.nlp.linebreaks: a line break, a speaker's label and a dateline opening a line end a sentence."""

import pytest
import spacy

from kg.nlp.linebreaks import line_breaks


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _starts(doc) -> list[str]:
    return [t.text for t in doc[1:] if t.is_sent_start]


def test_a_line_break_starts_a_sentence(nlp):
    doc = line_breaks(nlp("China Mobile opens 5G network\nThe operator said on Monday"))
    assert _starts(doc) == ["The"]


def test_a_speaker_label_opening_a_line_is_a_sentence_of_its_own(nlp):
    doc = line_breaks(nlp("An interview\nHuang Libin: By the end of March, we built it"))
    assert _starts(doc) == ["Huang", "By"]


def test_a_dateline_opening_a_line_is_a_sentence_of_its_own(nlp):
    doc = line_breaks(nlp("Report\nQINGYANG, March 13 -- The city opened a data center"))
    assert _starts(doc) == ["QINGYANG", "The"]


def test_a_label_or_dateline_in_lower_case_words_ends_nothing(nlp):
    doc = line_breaks(nlp("Report\nBeijing said -- and a note: nothing"))
    assert _starts(doc) == ["Beijing"]


def test_no_line_break_no_sentence_start(nlp):
    assert _starts(line_breaks(nlp("One line without a break: Yes"))) == []
    assert _starts(line_breaks(nlp("A"))) == []
