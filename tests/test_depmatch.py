"""kg.nlp.depmatch gives exactly the matches of spaCy's own DependencyMatcher."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import DependencyMatcher
from spacy.tokens import Token

from kg.nlp.depmatch import _OPERATORS, DependencyPatterns, PatternError

TEXT = (
    "The regional bureau of the telecom regulator said on Monday that it would speed up the "
    "building of fiber networks in rural counties. Its director, Maria Lopez, told reporters in "
    "Lisbon that operators had opened 1,200 base stations and cooperated with two universities. "
    "Smaller firms, which build data centers near the coast, were not consulted; the ministry "
    "will publish new rules in May."
)
if not Token.has_extension("probe"):
    Token.set_extension("probe", default="")


@pytest.fixture(scope="module")
def doc(nlp):
    doc = nlp(TEXT)
    for token in doc:
        token._.probe = ("a", "b", "")[token.i % 3]
    return doc


def spacy_matches(nlp, doc, patterns: dict[str, list]) -> list:
    matcher = DependencyMatcher(nlp.vocab)
    for key, pattern in patterns.items():
        matcher.add(key, [pattern])
    return sorted((nlp.vocab.strings[k], tuple(ids)) for k, ids in matcher(doc))


def our_matches(nlp, doc, patterns: dict[str, list]) -> list:
    ours = DependencyPatterns(nlp.vocab)
    for key, pattern in patterns.items():
        ours.add(key, pattern)
    values = {name: [t._.get(name) for t in doc] for name in ours.extensions}
    return sorted(ours(doc, values))


def test_the_ontology_patterns_match_as_in_spacy(nlp, doc):
    """Every relation pattern of the ontology, on a parsed text, with kg's token attributes."""
    specs = json.loads((ROOT / "ontology" / "patterns" / "relations.json").read_text())
    patterns = {spec["id"]: spec["pattern"] for spec in specs}
    parsed = nlp(TEXT)  # the whole pipeline: mentions and lexicon flags on the tokens
    expected = spacy_matches(nlp, parsed, patterns)
    assert expected, "the text should match some patterns"
    assert our_matches(nlp, parsed, patterns) == expected


def test_the_relation_component_finds_the_same_matches_as_before(nlp):
    """kg_relations on the full pipeline equals spaCy's matcher run per sentence as it used to be."""
    parsed = nlp(TEXT)
    component = nlp.get_pipe("kg_relations")
    matcher = DependencyMatcher(nlp.vocab)
    for spec in component.lexicon.relation_patterns:
        matcher.add(spec["id"], [spec["pattern"]])
    expected = set()
    for sentence in parsed.sents:
        for key, ids in matcher(sentence):
            rule = nlp.vocab.strings[key]
            anchors = component.anchors[rule]
            expected.add(
                (rule, tuple(zip(anchors, (sentence.start + i for i in ids), strict=True)))
            )
    found = {(rule, tuple(anchors.items())) for rule, anchors in parsed._.kg_matches}
    assert found == expected and found


ATTRS = ["LOWER", "POS", "DEP", "_probe"]


@st.composite
def patterns(draw, doc):
    size = draw(st.integers(1, 4))
    nodes = []
    for i in range(size):
        attrs: dict = {}
        for attr in draw(st.lists(st.sampled_from(ATTRS), max_size=2, unique=True)):
            pool = sorted({_value(t, attr) for t in doc})
            if draw(st.booleans()):
                value = draw(st.sampled_from(pool))
            else:
                chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
                value = {draw(st.sampled_from(["IN", "NOT_IN"])): chosen}
            if attr == "_probe":
                attrs["_"] = {"probe": value}
            else:
                attrs[attr] = value
        node = {"RIGHT_ID": f"n{i}", "RIGHT_ATTRS": attrs}
        if i:
            node["LEFT_ID"] = f"n{draw(st.integers(0, i - 1))}"
            node["REL_OP"] = draw(st.sampled_from(sorted(_OPERATORS)))
        nodes.append(node)
    return nodes


def _value(token, attr: str) -> str:
    return {"LOWER": token.lower_, "POS": token.pos_, "DEP": token.dep_}.get(attr, token._.probe)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_generated_patterns_with_every_operator_match_as_in_spacy(nlp, doc, data):
    drawn = data.draw(st.lists(patterns(doc), min_size=1, max_size=3))
    chosen = {f"p{i}": pattern for i, pattern in enumerate(drawn)}
    assert our_matches(nlp, doc, chosen) == spacy_matches(nlp, doc, chosen)


def test_a_match_stays_within_the_tokens_allowed(nlp, doc):
    ours = DependencyPatterns(nlp.vocab)
    ours.add("verb", [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB"}}])
    every = {ids for _, ids in ours(doc)}
    first = next(doc.sents)
    within = [first.start <= t.i < first.end for t in doc]
    import numpy as np

    inside = {ids for _, ids in ours(doc, within=np.array(within))}
    assert inside and inside < every
    assert all(first.start <= i < first.end for ids in inside for i in ids)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ([], "at least one node"),
        ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {"SHAPE": "Xxx"}}], "'SHAPE' is not supported"),
        ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LOWER": {"REGEX": "x"}}}], "only a value, IN"),
        ([{"RIGHT_ID": "a"}, {"RIGHT_ID": "b", "LEFT_ID": "c", "REL_OP": ">"}], "earlier node"),
        ([{"RIGHT_ID": "a"}, {"RIGHT_ID": "b", "LEFT_ID": "a", "REL_OP": "~"}], "REL_OP"),
        ([{"RIGHT_ID": "a"}, {"RIGHT_ID": "a", "LEFT_ID": "a", "REL_OP": ">"}], "repeated"),
        ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LOWER": True}}], "must be strings"),
    ],
)
def test_patterns_it_cannot_read_exactly_are_refused(nlp, pattern, message):
    with pytest.raises(PatternError, match=message):
        DependencyPatterns(nlp.vocab).add("p", pattern)


def test_a_custom_attribute_without_values_is_an_error(nlp, doc):
    ours = DependencyPatterns(nlp.vocab)
    ours.add("p", [{"RIGHT_ID": "a", "RIGHT_ATTRS": {"_": {"probe": "a"}}}])
    with pytest.raises(PatternError, match="no values given"):
        ours(doc)


def test_patterns_looking_for_words_absent_from_the_doc_match_as_in_spacy(nlp, doc):
    """A node that needs a word the doc lacks rules its pattern out; NOT_IN such words, or an
    IN list with one word present, does not."""
    verb = {"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB"}}

    def child(attrs: dict) -> dict:
        return {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "c", "RIGHT_ATTRS": attrs}

    patterns = {
        "absent": [verb, child({"LOWER": "zebra"})],
        "absent-root": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "zebra"}}],
        "not-absent": [verb, child({"LOWER": {"NOT_IN": ["zebra"]}})],
        "one-present": [verb, child({"LOWER": {"IN": ["zebra", "it"]}})],
        "absent-custom": [verb, child({"_": {"probe": "zebra"}})],
        "not-absent-custom": [verb, child({"_": {"probe": {"NOT_IN": ["zebra"]}}})],
    }
    expected = spacy_matches(nlp, doc, patterns)
    assert {key for key, _ in expected} == {"not-absent", "one-present", "not-absent-custom"}
    assert our_matches(nlp, doc, patterns) == expected
