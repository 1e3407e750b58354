"""kg.nlp.attributes: the model's attribute rules, matched by an index, set what spaCy's own
AttributeRuler sets, token by token."""

import pytest
import spacy
from conftest import load_model
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kg.nlp.attributes import IndexedAttributeRuler, index_attribute_ruler

TEXTS = [
    "The ministry said it ain't finished: y'all will see 5G networks in nothin' flat.",
    "Operators have built 1.2 million base stations , and they do n't stop.\n\n  New lines  here",
    "Which data centres were approved? Those that had been planned, he did say.",
    "To be or not to be: the users are going to stream ultra-HD video to their TVs.",
]
ATTRS = [POS, TAG, MORPH, LEMMA, DEP]


@pytest.fixture(scope="module")
def indexed():
    return load_model(index_attribute_ruler)


def test_the_models_rules_set_the_same_values_as_spacys_ruler(model, indexed):
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert indexed.pipe_names == model.pipe_names
    for text in TEXTS:
        ours, theirs = indexed(text), model(text)
        assert ours.to_array(ATTRS).tolist() == theirs.to_array(ATTRS).tolist(), text
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]


def test_the_models_rules_need_no_matcher_of_spacys(indexed):
    # every rule of en_core_web_sm is read by the index (its REGEX ones too)
    assert len(indexed.get_pipe("attribute_ruler")._rest) == 0


def test_kgs_pipeline_uses_the_indexed_rules(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)


def _doc(vocab, words, tags, deps=None):
    return Doc(
        vocab,
        words=words,
        tags=tags,
        deps=deps or ["dep"] * len(words),
        heads=list(range(len(words))),
    )


def _ruler(patterns):
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(patterns)
    return vocab, ruler


PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "fiber"}]], "attrs": {"POS": "PROPN", "LEMMA": "fibre"}},
    {"patterns": [[{"LOWER": "gigabit"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "gb"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^[0-9]+g$"}}]], "attrs": {"POS": "NUM"}},
    {
        "patterns": [[{"TAG": {"NOT_IN": ["NN", "DT"]}, "DEP": {"IN": ["nsubj"]}}]],
        "attrs": {"POS": "X"},
    },
    {
        "patterns": [[{"LOWER": "the"}, {"OP": "?"}, {"LOWER": "network"}]],
        "attrs": {"LEMMA": "net"},
        "index": -1,
    },
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
]


def _both(patterns, words, tags, deps=None):
    vocab, ruler = _ruler(patterns)
    ours = IndexedAttributeRuler(ruler)(_doc(vocab, words, tags, deps))
    theirs = ruler(_doc(vocab, words, tags, deps))
    return ours, theirs


@pytest.mark.parametrize(
    ("words", "tags", "deps"),
    [
        (["gigabit", "fiber", "and", "5G", "network"], ["JJ", "NN", "CC", "NN", "NN"], None),
        (["the", "5G", "network", "  "], ["DT", "NN", "NN", "_SP"], None),
        (["the", "network", "users"], ["DT", "NN", "NNS"], ["det", "nsubj", "nsubj"]),
        (["fiber"], ["NN"], None),
    ],
)
def test_rules_of_every_kind_set_what_spacys_ruler_sets(words, tags, deps):
    ours, theirs = _both(PATTERNS, words, tags, deps)
    assert ours.to_array(ATTRS).tolist() == theirs.to_array(ATTRS).tolist()


def test_a_later_rule_wins_and_a_negative_index_counts_from_the_end():
    ours, _ = _both(
        PATTERNS,
        ["gigabit", "fiber", "and", "5G", "users"],
        ["JJ", "NN", "CC", "NN", "NNS"],
        ["amod", "nsubj", "cc", "conj", "dobj"],
    )
    assert [t.pos_ for t in ours] == ["", "PROPN", "", "NUM", ""]
    assert [t.lemma_ for t in ours] == [
        "",
        "gb",
        "",
        "",
        "",
    ]  # rule 2 set "gb" after rule 1's "fibre"


def test_a_pattern_with_an_operator_is_matched_by_spacys_matcher():
    vocab, ruler = _ruler(PATTERNS)
    indexed = IndexedAttributeRuler(ruler)
    assert len(indexed._rest) == 1
    doc = indexed(_doc(vocab, ["the", "new", "network"], ["DT", "JJ", "NN"]))
    assert doc[2].lemma_ == "net"
