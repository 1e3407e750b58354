"""kg.nlp.windows gives exactly the matches of spaCy's Matcher on the whole doc."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from kg.nlp.windows import WindowedMatcher, _stretches

TEXT = (
    "The Ministry of Transport and the Zhejiang Provincial Bureau of Statistics said the "
    "national backbone network and 300 new base stations would open this year. Smart home "
    "services, online tourism and cloud gaming grew fast, the State Statistics Office said. "
    "Officials at Harbin Institute of Technology built a fiber optical cable link. Its new "
    "computing center and two switching nodes cost 4 billion yuan."
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def whole_doc(nlp, doc, patterns, greedy):
    matcher = Matcher(nlp.vocab)
    for key, pattern in patterns.items():
        matcher.add(key, [pattern], greedy=greedy)
    return sorted((nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc))


def windowed(nlp, doc, patterns, greedy):
    matcher = WindowedMatcher(nlp.vocab)
    for key, pattern in patterns.items():
        matcher.add(key, pattern, greedy=greedy)
    return sorted(matcher(doc))


def test_the_ontology_term_patterns_match_as_on_the_whole_doc(nlp, doc):
    specs = json.loads((ROOT / "ontology" / "patterns" / "entities.json").read_text())
    patterns = {s["id"]: s["pattern"] for s in specs if "pattern" in s}
    expected = whole_doc(nlp, doc, patterns, "LONGEST")
    assert len(expected) >= 4
    assert windowed(nlp, doc, patterns, "LONGEST") == expected


OPS = [None, None, "?", "*", "+", "{2}", "{,3}", "{1,2}", "{2,}"]


@st.composite
def patterns(draw, words: list[str]):
    pattern = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["LOWER", "LOWER_IN", "IS_TITLE", "POS", "LEMMA"]))
        if kind == "LOWER":
            spec: dict = {"LOWER": draw(st.sampled_from(words))}
        elif kind == "LOWER_IN":
            spec = {"LOWER": {"IN": draw(st.lists(st.sampled_from(words), min_size=1, max_size=5))}}
        elif kind == "IS_TITLE":
            spec = {"IS_TITLE": True}
        elif kind == "POS":
            spec = {"POS": draw(st.sampled_from(["NOUN", "PROPN", "ADJ", "NUM"]))}
        else:
            spec = {"LEMMA": draw(st.sampled_from(["station", "network", "say", "be", "node"]))}
        op = draw(st.sampled_from(OPS))
        if op:
            spec["OP"] = op
        pattern.append(spec)
    return pattern


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_generated_patterns_match_as_on_the_whole_doc(nlp, doc, data):
    words = sorted({t.lower_ for t in doc})
    drawn = data.draw(st.lists(patterns(words), min_size=1, max_size=3))
    greedy = data.draw(st.sampled_from([None, "LONGEST", "FIRST"]))
    chosen = {f"p{i}": p for i, p in enumerate(drawn)}
    assert windowed(nlp, doc, chosen, greedy) == whole_doc(nlp, doc, chosen, greedy)


def test_stretches_cover_every_range_around_a_hit_and_do_not_overlap():
    assert _stretches([], 3, 10) == []
    assert _stretches([0], 3, 10) == [(0, 3)]
    assert _stretches([5], 3, 10) == [(3, 8)]
    assert _stretches([2, 4, 9], 2, 10) == [(1, 6), (8, 10)]
