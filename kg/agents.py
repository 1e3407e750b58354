"""Who does an action and to what: the agent of a verb or an action noun (its subject, the
speaker "we" stands for, the organisation a passive's or "it"'s reported speech is about, the
agent a controlling verb or a coordinated verb passes on, who a passive asks to act, the name
in apposition to a common noun that is the subject) and the entities of its object phrase,
coordination expanded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.model import entity_key, key_group
from kg.nlp.units import UNIT_CLASS
from kg.posts import POSSESSIVE_PRONOUNS, organisation_before
from kg.resolve import SUBJECTS
from kg.voices import Voices, narrator_agent

AGENTS = {"Person", "Organization"}
ACTION_OBJECTS = {"Infrastructure", "ConsumptionForm", "Organization"}
#: places that are acted on too: a facility is built and opened ("opened the Experience Center")
ACTION_OBJECT_CLASSES = {"Facility"}
FIRST_PERSON = {"we", "us", "our"}
INCLUDING = {"including", "namely"}  # "operators, including A, B and C"
MEANS = {"by", "through"}  # "by building", "through deploying": the means of the verb before
OBJECT_PREPOSITIONS = {"of", "as", "including", "like"}
RELATIVE_PRONOUNS = {"WDT", "WP"}  # "that", "which", "who" (tags)
CLAUSE_BREAKS = {"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "appos"}
#: confidence multipliers for agents that are inferred rather than written
SPEAKER_WE, SPEAKER_IT, SPEAKER_PASSIVE = 0.95, 0.8, 0.75
PRONOUN_IT = 0.75  # "it": the organisation the sentence before was about
#: "the two sides", "both parties", "the two bodies": the organisations last named together
#: ("the two companies" is not: the last organisations named together may be no companies)
PARTY_NOUNS = {"side", "party", "body"}
PARTY_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4}
PARTIES = 0.85


@dataclass(frozen=True)
class Kinds:
    """The classes each noun of organisations names (the lexicon's anaphors: "branch" ->
    OrganizationalUnit) and the class of each entity (key -> class)."""

    nouns: Mapping[str, frozenset[str]]
    classes: Mapping[str, str]

    def fits(self, key: str, noun: str) -> bool:
        """Whether the entity is of a class the noun names."""
        return self.classes.get(key, "") in self.nouns.get(noun, ())


def agents_of(
    verb: Token, ents: dict[int, str], voices: Voices, kinds: Kinds | None = None
) -> tuple[list[str], float]:
    """Who does what the verb says, with coordinated subjects ("A, B and C will cut ..."); for a
    noun naming the action ("the roll-out of ..."), its owner or its "by" phrase. With ``kinds``,
    a counted noun of organisations ("the two branches") stands for as many organisations of
    its kind named together before, and a plural unit noun of several owners ("the Guizhou
    branches of A, B and C") for each owner's unit of that name the text names."""
    if verb.pos_ in {"NOUN", "PROPN"}:
        agent, factor = _nominal_agent(verb, ents, voices)
        ok = agent is not None and key_group(agent) in AGENTS
        return ([agent], factor) if ok else ([], 0.0)
    represented = _on_behalf_of(verb, ents)
    if represented is not None:  # "X and Y signed ... on behalf of A and B": A and B's act
        return (represented, 1.0) if represented else ([], 0.0)
    named = _subject_token(verb, ents) or by_agent_token(verb)
    parties = counted_parties(named, ents, kinds) or _units_alike(named, ents, kinds)
    if parties:
        return parties, PARTIES
    agent, factor = _agent(verb, ents, voices)
    if agent is None or key_group(agent) not in AGENTS:
        return [], 0.0
    agents = [agent]
    subject = named or _asked_to_act(verb)
    if subject is not None and subject.i not in ents and subject.pos_ == "NOUN":
        subject = _named_in_apposition(subject, ents)  # "operators, including A, B and C"
    if subject is not None and subject.i in ents:
        for conj in [*subject.conjuncts, *_conjuncts_of_its_place(subject, ents)]:
            key = ents.get(conj.i)
            if key and key_group(key) in AGENTS and key not in agents:
                agents.append(key)
    return agents, factor


def _on_behalf_of(verb: Token, ents: dict[int, str]) -> list[str] | None:
    """Who the verb's subjects act for, when it says so ("signed the agreement on behalf of A
    and B": A and B; "on behalf of the three parties": nobody named); None when it does not."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "on":
            continue
        for behalf in prep.children:
            if behalf.dep_ != "pobj" or behalf.lower_ != "behalf":
                continue
            named = [
                key
                for of in behalf.children
                if of.dep_ == "prep" and of.lower_ == "of"
                for obj in of.children
                if obj.dep_ == "pobj"
                for token in (obj, *obj.conjuncts)
                if (key := ents.get(token.i)) is not None and key_group(key) in AGENTS
            ]
            return list(dict.fromkeys(named))
    return None


def counted_parties(subject: Token | None, ents: dict[int, str], kinds: Kinds | None) -> list[str]:
    """The organisations "the two sides" (or "both parties") stands for, as a subject or an
    object ("cooperate with the three operators"): the last organisations coordinated before
    it ("A and B signed an agreement. The two sides will build ..."); "the two branches", "the
    three operators": as many as the count says, coordinated or, when the text has named just
    that many of the kind before it, apart."""
    if subject is None or subject.i in ents:
        return []
    lemma = subject.lemma_.lower()
    count = next((PARTY_COUNTS[c.lower_] for c in subject.children if c.lower_ in PARTY_COUNTS), 0)
    if not count or (lemma not in PARTY_NOUNS and (kinds is None or lemma not in kinds.nouns)):
        return []
    for token in reversed(subject.doc[: subject.i]):
        key = ents.get(token.i)
        if key is None or key_group(key) != "Organization" or token.dep_ == "conj":
            continue
        named = [key] + [
            ents[c.i]
            for c in token.conjuncts
            if c.i in ents and key_group(ents[c.i]) == "Organization" and ents[c.i] != key
        ]
        if len(named) < 2 and (partner := _partner_of(token, ents)) is not None:
            named = [partner, key]  # "A signed an agreement with B"
        named = list(dict.fromkeys(named))
        if lemma in PARTY_NOUNS and len(named) >= 2:
            return named
        if kinds is not None and len(named) == count and all(kinds.fits(k, lemma) for k in named):
            return named
    definite = any(
        c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in subject.children
    )
    if kinds is None or lemma in PARTY_NOUNS or not definite:
        return []  # "with three AI companies" names new ones
    # named apart, not together: "the two branches" where the text has named two branches and
    # no other before it
    fitting = list(
        dict.fromkeys(
            key
            for token in subject.doc[: subject.i]
            if (key := ents.get(token.i)) is not None and kinds.fits(key, lemma)
        )
    )
    return fitting if len(fitting) == count else []


def _units_alike(subject: Token | None, ents: dict[int, str], kinds: Kinds | None) -> list[str]:
    """ "The Guizhou branches of China Mobile, China Telecom and China Unicom": a plural unit
    noun with capitalised words before it and several owners after "of" stands for each owner's
    unit of that name ("Guizhou branch of China Mobile"), where the text names two or more."""
    if (
        subject is None
        or kinds is None
        or subject.i in ents
        or subject.tag_ != "NNS"
        or UNIT_CLASS not in kinds.nouns.get(subject.lemma_.lower(), ())
    ):
        return []
    words = [t.text for t in subject.lefts if t.dep_ == "compound" and t.text[:1].isupper()]
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if not words or owner is None:
        return []
    found = []
    for token in (owner, *owner.conjuncts):
        key = ents.get(token.i)
        if key is not None:
            name = f"{' '.join(words)} {subject.lemma_.lower()} of {key.split(':', 1)[1]}"
            if (unit := entity_key("Organization", name)) in kinds.classes:
                found.append(unit)
    return list(dict.fromkeys(found)) if len(found) >= 2 else []


def _partner_of(token: Token, ents: dict[int, str]) -> str | None:
    """The organisation that did something "with" the one ``token`` names: the subject of the
    verb the "with" phrase hangs on ("A signed an agreement with B", "A cooperates with B")."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "with":
        return None
    verb = prep.head if prep.head.pos_ in {"VERB", "AUX"} else prep.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    key = ents.get(subject.i) if subject is not None else None
    return key if key is not None and key_group(key) == "Organization" else None


def by_agent_token(verb: Token) -> Token | None:
    """The name in a passive verb's "by" phrase ("launched by A and B")."""
    return next(
        (g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
        None,
    )


def _conjuncts_of_its_place(subject: Token, ents: dict[int, str]) -> list[Token]:
    """Agents the parse coordinated with a place in the subject's "in" phrase rather than with
    the subject: in "the X Government in Gansu Province and China Telecom signed ...", an
    organisation is no conjunct of a province."""
    return [
        conj
        for prep in subject.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for place in prep.children
        if place.dep_ == "pobj" and place.i in ents and key_group(ents[place.i]) == "Place"
        for conj in place.conjuncts
        if conj.i in ents and key_group(ents[conj.i]) in AGENTS
    ]


def _nominal_agent(noun: Token, ents: dict[int, str], voices: Voices) -> tuple[str | None, float]:
    """Who does what a noun names: "China Mobile's roll-out", "the roll-out by China Mobile";
    else the owner of what it is done to ("the roll-out of their network": they roll it out).
    "its" and "their" stand for the nearest organisation named before them in the sentence,
    "our" for the document's narrator; with how far that is trusted."""
    owner = owner_of(noun, ents, voices)
    if owner[0] is not None:
        return owner
    for child in noun.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ == "by":
            who = next((g for g in child.children if g.dep_ == "pobj"), None)
            if who is not None and who.i in ents:
                return ents[who.i], 1.0
    for obj in _of_objects(noun):
        if (owner := owner_of(obj, ents, voices))[0] is not None:
            return owner
    return None, 0.0


def _of_objects(noun: Token) -> list[Token]:
    """The heads of a noun's "of" phrases: what the action it names is done to."""
    return [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]


def owner_of(token: Token, ents: dict[int, str], voices: Voices) -> tuple[str | None, float]:
    for child in token.children:
        if child.dep_ == "poss":
            if child.i in ents:
                return ents[child.i], 1.0
            if child.lower_ in POSSESSIVE_PRONOUNS:
                return organisation_before(child, ents), 1.0
            if voices.narrated(child):
                return narrator_agent(voices)
    return None, 0.0


def _subject_token(verb: Token, ents: dict[int, str]) -> Token | None:
    """The token naming who does what the verb says, found the way :func:`_agent` finds it."""
    node = verb
    while True:
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return _relative_antecedent(subj, node)
        controller = _controller(node, ents)
        if controller is not None and controller.i in ents:
            return controller
        if not _inherits_subject(node):
            return None
        node = _subject_host(node)


def _relative_antecedent(subject: Token, verb: Token) -> Token:
    """The name a relative pronoun stands for: "China Mobile, which built ..." (the noun the
    relative clause is on), or the unit when that noun is its owner ("the Changsha branch of
    China Telecom, which deployed ...": the branch); any other subject is itself."""
    if subject.tag_ not in RELATIVE_PRONOUNS or verb.dep_ != "relcl":
        return subject
    head = verb.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head._.kg_class == UNIT_CLASS:
        return head.head.head
    return head


def _inherits_subject(verb: Token) -> bool:
    """Whether a verb without a subject of its own shares its head's: a coordinated verb, an
    infinitive complement, a purpose clause ("issued a plan to promote ..."), or the means of
    a verb ("cut costs by building fiber routes")."""
    return (
        verb.dep_ in {"conj", "xcomp"}
        or (
            verb.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        )
        or (verb.dep_ == "pcomp" and verb.head.lower_ in MEANS and verb.head.head.pos_ == "VERB")
    )


def _subject_host(verb: Token) -> Token:
    """The verb whose subject ``verb`` shares (see :func:`_inherits_subject`)."""
    return verb.head.head if verb.dep_ == "pcomp" else verb.head


def objects_of(
    doc: Doc,
    verb: Token,
    triggers: set[int],
    ents: dict[int, str],
    transparent: frozenset[str] = frozenset(),
) -> list[tuple[str, int]]:
    """Entities the verb acts on, once each, when they head their noun phrase.

    In "cut broadband fees" the fees are cut, not broadband: a mention that only modifies a
    noun outside any entity is not an object, unless that noun is a ``transparent`` head
    ("roll out the TD-LTE standard" rolls out TD-LTE).
    """
    result: list[tuple[str, int]] = []
    for i in _object_tokens(verb, triggers):
        key = ents.get(i)
        if key is None or any(k == key for k, _ in result):
            continue
        end = i
        while end + 1 < len(doc) and ents.get(end + 1) == key:
            end += 1
        if key_group(key) not in ACTION_OBJECTS and not (
            doc[i]._.kg_class in ACTION_OBJECT_CLASSES and _heads_the_object(doc[i : end + 1], verb)
        ):
            continue
        last = doc[end]
        if (
            last.dep_ in {"compound", "amod", "nmod"}
            and last.head.i > end
            and last.head.i not in ents
            and last.head.lemma_.lower() not in transparent
        ):
            continue
        result.append((key, i))
    return result


def _heads_the_object(name: Span, verb: Token) -> bool:
    """Whether a name is the verb's object itself (or one of coordinated objects), not a name
    inside it ("launched the 'Cloud Tour of Shaolin Temple' live broadcasts")."""
    root = name.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.head.i == verb.i and root.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}


def _agent(verb: Token, ents: dict[int, str], voices: Voices) -> tuple[str | None, float]:
    """Who does what the verb says: its subject, inherited through coordination, the speaker,
    or, for "we" in the document's own voice, its narrator."""
    node = verb
    while True:
        children = list(node.children)
        subj = next((c for c in children if c.dep_ == "nsubj"), None)
        agent = next(
            (g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None
        )
        passive = any(c.dep_ == "nsubjpass" for c in children)
        if subj is not None or agent is not None or passive:
            break
        controller = _controller(node, ents)
        if controller is not None and controller.i in ents:
            return ents[controller.i], 1.0  # "support China Mobile to deploy X": China Mobile does
        if _inherits_subject(node):
            node = _subject_host(node)
            continue
        return None, 0.0
    who = _relative_antecedent(subj, node) if subj is not None else agent
    if who is None and passive and node is not verb:
        who = _asked_to_act(verb)
    if who is not None and who.i not in ents and who.pos_ == "NOUN":
        # "China Telecom's cloud unit, Tianyi Cloud, will build": the name in apposition
        who = _named_in_apposition(who, ents) or who
    if who is not None and who.i in ents:
        return ents[who.i], 1.0
    org, factor = _voiced_agent(verb, node, who, passive, voices)
    if org is None and who is not None and who.lower_ == "it" and node == verb:
        # "The X Government has been courting cloud companies. In July, it signed ...": the
        # organisation the sentence before was about (for the verb "it" is the subject of, not
        # for what another verb "it" guides or supports others to do)
        org, factor = _previous_subject(who, ents), PRONOUN_IT
    return (org, factor) if org is not None else (None, 0.0)


def _previous_subject(pronoun: Token, ents: dict[int, str]) -> str | None:
    """The organisation that is the subject of the sentence before the pronoun's."""
    start = pronoun.sent.start
    if start == 0:
        return None
    before = pronoun.doc[start - 1].sent
    for token in before:
        key = ents.get(token.i)
        if key is not None and token.dep_ in SUBJECTS and key_group(key) == "Organization":
            return key
    return None


def _voiced_agent(
    verb: Token, node: Token, who: Token | None, passive: bool, voices: Voices
) -> tuple[str | None, float]:
    """The agent a voice gives: "we" or reported "it" as the speaker's organisation, the
    narrator's "we"."""
    sent = verb.sent
    speaker = voices.sentence_speaker.get(sent.start)
    if (
        who is not None
        and voices.narrated(who)
        and sent.start not in voices.transcript
        and not any(sent.start <= i < sent.end for i in voices.speech_triggers)
    ):
        speaker = None  # "we" in the text's own voice, in a sentence nobody is said to say
    if speaker is None or speaker[0] not in voices.speaker_org:
        return narrator_agent(voices) if who is not None and voices.narrated(who) else (None, 0.0)
    org, org_conf = voices.speaker_org[speaker[0]]
    in_speech = any(a.i in voices.speech_triggers for a in node.ancestors)
    if who is not None and who.lower_ in FIRST_PERSON:
        factor = SPEAKER_WE
    elif who is not None and who.lower_ == "it" and in_speech:
        factor = SPEAKER_IT
    elif who is None and passive and in_speech:
        factor = SPEAKER_PASSIVE
    else:
        return None, 0.0
    return org, factor * speaker[1] * org_conf


def _controller(verb: Token, ents: dict[int, str]) -> Token | None:
    """The object of the verb an infinitive complements, which does what the infinitive says
    ("support China Mobile to deploy", "help Huawei to build"), or the first name in apposition
    to it ("support operators, namely China Mobile and China Telecom, to deploy"); None for
    subject control ("plan to build"). A controller that names nobody ("support operators to
    deploy") leaves the action to the main verb's subject, as before."""
    if verb.dep_ != "xcomp":
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is not None and obj.i not in ents:
        return _named_in_apposition(obj, ents) or obj
    return obj


def _names_the_object(token: Token, roots: list[Token]) -> bool:
    """Whether a name is in apposition to a common noun the verb acts on ("support operators,
    namely China Mobile and China Telecom"): the names are what the noun stands for."""
    return (
        token.dep_ == "appos"
        and token.pos_ == "PROPN"
        and token.head in roots
        and token.head.pos_ == "NOUN"
    )


def _asked_to_act(verb: Token) -> Token | None:
    """Who a passive verb asks to do what ``verb`` says: "operators are required to build X",
    "enterprises are encouraged to deploy Y" (the passive's subject)."""
    node = verb
    while _inherits_subject(node) and not any(c.dep_ == "nsubjpass" for c in node.children):
        node = _subject_host(node)
    if node is verb:
        return None
    return next((c for c in node.children if c.dep_ == "nsubjpass"), None)


def _named_in_apposition(noun: Token, ents: dict[int, str]) -> Token | None:
    """The first name in apposition to a common noun ("operators, namely China Mobile, China
    Telecom and China Unicom": China Mobile, whose conjuncts are the others), or listed after
    "including" ("operators, including China Mobile, ..."), if any."""
    for child in noun.children:
        if child.dep_ == "appos" and child.i in ents:
            return child
        if child.dep_ == "prep" and child.lower_ in INCLUDING:
            named = next((g for g in child.children if g.dep_ == "pobj" and g.i in ents), None)
            if named is not None:
                return named
    return None


def _direct_objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd", "nsubjpass"}]


def _object_tokens(verb: Token, triggers: set[int]) -> list[int]:
    """Tokens in the verb's object phrase, not entering clauses or other action verbs."""
    roots = _direct_objects(verb)
    if verb.pos_ in {"NOUN", "PROPN"}:  # the action a noun names is done to its "of" phrase
        roots = _of_objects(verb)
    elif not roots:  # "built and shared 330,000 base stations": the last verb's object is theirs
        roots = next(
            (
                objects
                for c in verb.children
                if c.dep_ == "conj"
                and c.pos_ == "VERB"
                and not any(g.dep_ in SUBJECTS for g in c.children)
                and (objects := _direct_objects(c))
            ),
            [],
        )
    if verb.dep_ == "relcl" and all(r.tag_ in RELATIVE_PRONOUNS for r in roots):
        roots = [verb.head]  # "a 5G network that the branch built": the noun the clause is on
    out: list[int] = []
    stack = list(roots)
    while stack:
        tok = stack.pop()
        if tok.i in triggers or (
            tok.dep_ in CLAUSE_BREAKS and tok not in roots and not _names_the_object(tok, roots)
        ):
            continue
        if tok.dep_ == "prep" and tok.lower_ not in OBJECT_PREPOSITIONS:
            continue  # "built stations with China Telecom": a partner, not what was built
        out.append(tok.i)
        stack.extend(tok.children)
    return sorted(out)
