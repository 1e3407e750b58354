"""spaCy component: repairs of the parse where the small model is known to go wrong, made
before the relation patterns read the tree.

- The speaker of a reported-speech verb the parse left without a subject. "The city hosts 36
  projects, Han Dongmei, deputy mayor of Ulanqab, said at a ceremony on March 10": after a long
  clause the model often hangs the name on a noun before it (here in apposition to "projects")
  and the verb on the first clause, with no subject of its own; the patterns, which read a
  speaker as the verb's subject, then find none. When a speech verb has no subject and the words
  right before it are ", NAME," or ", NAME, DESCRIPTION," (the description hanging on the name),
  the name becomes the verb's subject. Speech verbs are those the relation patterns of kind
  ``speech`` name (data, ``ontology/patterns/relations.json``).
- A singular description in apposition right after the last of coordinated names describes that
  name, not the first one the parse hangs it on: "A and B, the investment arm of C," (B is the
  arm; "A and B, two operators," stays on both).
- Two organisations' names joined by "and" are coordinated, not one the modifier of the other:
  "with the Qinling Municipal People's Government and China Qinling Gorges University" (the model
  hangs the government on "University" as a modifier, so only the university is "with"), also
  with a description before the second name ("the Shenzhen branch of A and local drone company
  B": A is no modifier of "company").
- "A, B and C", three organisations' names, where the parse made B an apposition of A: B is
  A's conjunct ("The X Government, Y Co., Ltd. and Z Branch signed ...").
- "the signing and groundbreaking ceremony": the event's noun, which the parse made the conjunct
  of the first modifier, heads the phrase.
- A person's name in apposition to a place's or an organisation's name is in apposition to the
  noun that name completes: "the 30th president of the United States, Calvin Coolidge, was born
  in ..." (the parse hangs the person on "States", the nearest noun; a person is no place, so
  the apposition is the president's, and the person is the subject).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import DEP, LEMMA, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.nlp.classes import group_of
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.mentions import SPANS_KEY as MENTIONS_KEY

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: how the parse may hang one name on the next: as its modifier
_MODIFIERS = frozenset({"nmod", "compound", "poss"})
#: the words of a description written before a name ("local drone company Skyroute")
_DESCRIBING = frozenset({"amod", "compound", "nmod"})


@Language.factory(
    "kg_repairs",
    default_config={"ontology_dir": None},
    assigns=["token.dep", "token.head"],
    requires=["token.dep", "doc.spans"],
)
def make_repairs(nlp: Language, name: str, *, ontology_dir: str | None) -> ParseRepairs:
    return ParseRepairs(load_lexicon(ontology_dir))


def speech_lemmas(lexicon: Lexicon) -> frozenset[str]:
    """The lemmas the ``speech`` patterns take as a speech verb."""
    found = set()
    for spec in lexicon.relation_patterns:
        if spec["kind"] != "speech":
            continue
        for node in spec["pattern"]:
            if node.get("RIGHT_ID") == "trigger":
                lemma = node.get("RIGHT_ATTRS", {}).get("LEMMA")
                found |= set(lemma.get("IN", [])) if isinstance(lemma, dict) else {lemma}
    return frozenset(filter(None, found))


class ParseRepairs:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lemmas = speech_lemmas(lexicon)
        self.event_heads = frozenset(lexicon.event_heads)

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc.spans.get(MENTIONS_KEY, [])
        if not mentions:
            return doc
        # the candidate tokens, read from the doc's arrays (no Token objects for the others)
        strings = doc.vocab.strings
        poses, lemmas, deps, tags = doc.to_array([POS, LEMMA, DEP, TAG]).T
        verb, speech = strings.add("VERB"), {strings.add(w) for w in self.lemmas}
        appos, singular = strings.add("appos"), strings.add("NN")
        at_verbs = np.flatnonzero(poses == verb)
        verbs = [
            i
            for i, lemma in zip(at_verbs.tolist(), lemmas[at_verbs].tolist(), strict=True)
            if lemma in speech
        ]
        nouns = np.flatnonzero((deps == appos) & (tags == singular)).tolist()
        ands = np.flatnonzero(deps == strings.add("cc")).tolist()
        heads = {strings.add(w) for w in self.event_heads}
        events = [
            i for i in np.flatnonzero(deps == strings.add("conj")).tolist() if lemmas[i] in heads
        ]
        join_event_modifiers(doc, events)
        people = np.flatnonzero((deps == appos) & (poses == strings.add("PROPN"))).tolist()
        if people:
            attach_people_to_described_nouns(doc, list(mentions), people)
        if verbs or nouns or ands:
            spans = list(mentions)  # each Span made once
            attach_reported_speakers(doc, spans, verbs)
            attach_appositions_to_last_conjunct(doc, spans, nouns)
            coordinate_organisations(doc, spans, ands)
            list_organisations(doc, spans, ands)
        return doc


def attach_reported_speakers(doc: Doc, mentions: Iterable[Span], verbs: list[int]) -> None:
    """A speech verb (of the tokens ``verbs``) with no subject takes the name reporting it (see
    the module's text)."""
    people = [s for s in mentions if group_of(s.label_) == "Person"] if verbs else []
    if people:
        ends = {s.end: s for s in people}
        for verb in (doc[i] for i in verbs):
            if (
                not any(c.dep_ in _SUBJECTS for c in verb.children)
                and (name := reporting_name(verb, ends)) is not None
                and not _dominates(name.root, verb)
            ):
                name.root.head = verb
                name.root.dep_ = "nsubj"


def attach_appositions_to_last_conjunct(
    doc: Doc, mentions: Iterable[Span], nouns: list[int]
) -> None:
    """A singular description in apposition (of the tokens ``nouns``) to the first of coordinated
    names, written right after the last one's name and a comma, is the last one's: "A and B, the
    investment arm of C," (B is the arm)."""
    ends = {s.end: s for s in mentions} if nouns else {}
    for token in (doc[i] for i in nouns):
        start = token.left_edge.i
        last = ends.get(start - 1) if start >= 2 and doc[start - 1].text == "," else None
        if (
            last is not None
            and last.root.dep_ == "conj"
            and last.root.head.i == token.head.i
            and not _dominates(token, last.root)
        ):
            token.head = last.root


def coordinate_organisations(doc: Doc, mentions: Iterable[Span], ands: list[int]) -> None:
    """ "A and B", two organisations' names, where the parse made A a modifier inside B: A takes
    B's place in the tree and B becomes A's conjunct (the tokens ``ands`` are the doc's "cc")."""
    orgs = [s for s in mentions if group_of(s.label_) == "Organization"] if ands else []
    if len(orgs) < 2:
        return
    ending = {s.end: s for s in orgs}
    starting = {s.start: s for s in orgs}
    for i in ands:
        first = ending.get(i)
        if first is None or doc[i].lower_ != "and":
            continue
        j = i + 1  # past a description of the second written before its name: "local drone
        while j < len(doc) and doc[j].is_lower and doc[j].dep_ in _DESCRIBING:  # company X"
            j += 1
        second = starting.get(j)
        if second is None:
            continue
        a, b = first.root, second.root
        if (
            a.dep_ in _MODIFIERS
            and i < a.head.i < second.end
            and (a.head.i == b.i or _under(a.head, b))
            and b.head.i != b.i
            and not _dominates(a, b.head)
        ):
            a.head, a.dep_ = b.head, b.dep_
            b.head, b.dep_ = a, "conj"
            doc[i].head = a


def join_event_modifiers(doc: Doc, events: list[int]) -> None:
    """ "the signing and groundbreaking ceremony": the parse coordinates the first modifier with
    the event's noun (of the tokens ``events``, conjuncts whose lemma names an event), so the
    ceremony is no subject of "was held"; the noun takes the modifier's place in the tree and the
    modifier, with its "and", modifies it."""
    for noun in (doc[i] for i in events):
        first = noun.head
        between = doc[first.i + 1 : noun.i]
        if not (
            first.i < noun.i
            and first.pos_ == "NOUN"
            and first.tag_ in {"NN", "VBG"}
            and between
            and between[0].dep_ == "cc"
            and all(t.head.i in {noun.i, first.i} for t in between)
        ):
            continue
        noun.dep_, noun.head = first.dep_, (noun if first.head.i == first.i else first.head)
        for child in list(first.children):
            if child.i != noun.i and child.dep_ != "cc":
                child.head = noun
        first.dep_, first.head = "compound", noun


def attach_people_to_described_nouns(doc: Doc, mentions: Iterable[Span], names: list[int]) -> None:
    """A person's name in apposition (of the tokens ``names``, proper nouns the parse made
    appositions) to a place's or an organisation's name after a preposition is in apposition to
    the common noun the preposition hangs on: "the president of P, NAME," (see the module's
    text)."""
    of_token = {i: s for s in mentions for i in range(s.start, s.end)}
    for token in (doc[i] for i in names):
        person, other = of_token.get(token.i), of_token.get(token.head.i)
        if (
            person is None
            or other is None
            or person.root.i != token.i
            or other.root.i != token.head.i
            or group_of(person.label_) != "Person"
            or group_of(other.label_) not in {"Place", "Organization"}
        ):
            continue
        preposition = token.head.head
        noun = preposition.head
        if (
            token.head.dep_ == "pobj"
            and preposition.dep_ == "prep"
            and noun.pos_ == "NOUN"
            and noun.i < preposition.i
            and not _dominates(token, noun)
        ):
            token.head = noun


def list_organisations(doc: Doc, mentions: Iterable[Span], ands: list[int]) -> None:
    """ "A, B and C", organisations' names, where the parse made B an apposition of A (and C the
    conjunct of B): B is a conjunct of A, so the list is A, B and C ("The X Government, Y Co.,
    Ltd. and Z Branch signed"; the ", Ltd." is the model's cue for the apposition)."""
    orgs = [s for s in mentions if group_of(s.label_) == "Organization"] if ands else []
    if len(orgs) < 3:
        return
    of_token = {i: s for s in orgs for i in range(s.start, s.end)}
    for i in ands:
        top = doc[i].head  # the list's names before "and", each the conjunct of the one before
        while top.dep_ == "conj" and top.head.i in of_token:
            top = top.head
        second = of_token.get(top.i)
        last = of_token.get(i + 1)
        if second is None or last is None or doc[i].lower_ != "and":
            continue
        b = second.root
        first = of_token.get(b.head.i)
        if (
            b.dep_ == "appos"
            and first is not None
            and first is not second
            and b.left_edge.i >= 1
            and doc[b.left_edge.i - 1].text == ","
            and _coordinated_after(doc, i, second, of_token)
        ):
            b.dep_ = "conj"


def _coordinated_after(doc: Doc, i: int, name: Span, of_token: dict[int, Span]) -> bool:
    """Whether the name after the "and" at ``i`` is coordinated with a name before it (a token of
    it the conjunct of a name's token), as the last of a list ``name`` opens."""
    following = of_token[i + 1]
    end = following.end
    while end in of_token:  # "China Telecom" "Shaoguan Branch": an owner and its unit
        end = of_token[end].end
    return any(t.dep_ == "conj" and t.head.i in of_token for t in doc[following.start : end])


def reporting_name(verb: Token, ends: dict[int, Span]) -> Span | None:
    """The person named right before ", VERB": ", NAME, said" or ", NAME, DESCRIPTION, said"
    (the description's words all hang on the name), the name itself after a comma."""
    doc = verb.doc
    comma = verb.i - 1
    if comma < 2 or doc[comma].text != ",":
        return None
    name = ends.get(comma)
    if name is None:  # ", NAME, DESCRIPTION, said": the description ends at the comma
        for end, span in sorted(ends.items(), reverse=True):  # the nearest name first
            if (
                end < comma - 1
                and doc[end].text == ","
                and doc[verb.sent.start].i <= span.start
                and all(_under(doc[k], span.root) for k in range(end + 1, comma))
            ):
                name = span
                break
    if name is None or name.start < 1 or doc[name.start - 1].text not in {",", "\u201d", '"'}:
        return None
    return name


def _under(token: Token, root: Token) -> bool:
    return any(a.i == root.i for a in token.ancestors)


def _dominates(token: Token, other: Token) -> bool:
    """Whether ``other`` is ``token`` or under it (a new head there would make a cycle)."""
    return other.i == token.i or _under(other, token)
