"""Pattern matches to relations between entities, with evidence and confidence.

The patterns (data) find the words; this module decides who and what they are about:
a post's holder and organisation, an event's speaker, organiser and date, an action's agent
and objects (found by :mod:`kg.agents`), and links such as units and locations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import combinations, pairwise

from spacy.tokens import Doc, Span, Token

from kg.agents import Kinds, agents_of, by_agent_token, counted_parties, objects_of, owner_of
from kg.events import event_entity, same_events
from kg.model import Document, Entity, Evidence, Relation, key_group
from kg.nlp.datelines import DATELINE_AGENCY, DATELINE_PLACE, SOURCE_NAME, SOURCE_PLACE
from kg.nlp.lexicon import Lexicon
from kg.nlp.mentions import SPANS_KEY
from kg.posts import POSTS_IN_A_ROW, POSTS_IN_A_ROW_RULE, place_post, posts_in_a_row, role_posts
from kg.relmodel import RelationModel, predict_relations
from kg.resolve import Resolution, sentence_evidence
from kg.voices import (
    Voices,
    find_narrator,
    interview_answers,
    outside_quotes,
    sentence_speakers,
    speaker_orgs,
    transcript_speakers,
)

PRONOUNS = {"he", "she"}
#: how far a transcript's label is trusted as the speaker of its paragraph, and its speakers as
#: speakers at the one event the transcript names
TRANSCRIPT_SPEAKER, TRANSCRIPT_EVENT = 0.9, 0.7
TRANSCRIPT_EVENT_RULE = "event.transcript-speaker"


SOURCE_RULE, DATELINE_RULE = "location.source-line", "report.dateline"


@dataclass(frozen=True)
class Relations:
    """The relations of a document, the entities relation patterns made (events), and who
    speaks where (what statements and quantities are attributed by)."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    voices: Voices


def relate(
    doc: Doc,
    document: Document,
    lexicon: Lexicon,
    resolution: Resolution,
    relation_model: RelationModel | None = None,
) -> Relations:
    """The document's relations (and the event entities they make): the patterns' matches,
    then, with a ``relation_model``, what it finds between entities no pattern links."""
    specs = {spec["id"]: spec for spec in lexicon.relation_patterns}
    ents = resolution.token_entity
    by_key = {e.key: e for e in resolution.entities}
    found: dict[tuple, list[Evidence]] = defaultdict(list)
    events: dict[int, dict] = {}
    speakers: dict[int, tuple[str, float]] = {}  # sentence start -> (person key, confidence)
    speech_triggers: dict[int, str] = {}  # trigger token -> speaker (person or organisation)
    pronouns: list[tuple[int, float]] = []  # speech verbs whose subject is "he" or "she"
    matches = doc._.kg_matches

    def evidence(tokens: list[int], rule: str, confidence: float) -> Evidence:
        return sentence_evidence(
            doc, document, min(tokens), max(tokens) + 1, rule, round(confidence, 4)
        )

    def add(subject: str, predicate: str, obj: str, ev: Evidence, role: str | None = None) -> None:
        if subject != obj:
            found[(subject, predicate, obj, role)].append(ev)

    governed: set[tuple[str, str]] = set()  # (person, place) of posts in a place's government

    # 1. posts, speech, events, links: everything but actions
    matches = tuple((r, a) for r, a in matches if not _excluded(doc, specs[r], a))
    for rule, anchors in matches:
        spec = specs[rule]
        kind, conf = spec["kind"], float(spec["confidence"])
        toks = sorted(anchors.values())
        if kind == "post":
            for person, org, label in role_posts(doc, anchors, ents, lexicon):
                add(person, "org:Post", org, evidence(toks, rule, conf), label)
        elif kind == "place-post":  # "X, vice mayor of Qingyang": a post in its government
            if found_post := place_post(doc, anchors, ents, by_key, lexicon):
                person, government, label, place = found_post
                add(person, "org:Post", government, evidence(toks, rule, conf), label)
                governed.add((person, place))
        elif kind == "speech":
            person = ents.get(anchors["subject"])
            if person is None and doc[anchors["subject"]].lower_ in PRONOUNS:
                pronouns.append((anchors["trigger"], conf))
            elif person:
                speakers.setdefault(doc[anchors["trigger"]].sent.start, (person, conf))
                speech_triggers[anchors["trigger"]] = person
        elif kind == "spoke-at-last":  # "X introduced the situation": at the event just named
            head = _event_just_named(doc, anchors["trigger"])
            named = doc[anchors["subject"]]
            listed = _with_conjuncts(named, ents) + _people_listed(named, anchors["trigger"], ents)
            for person in dict.fromkeys(listed) if head is not None else []:
                if key_group(person) == "Person":
                    ev = events.setdefault(head, {"speakers": [], "organizers": []})
                    ev["speakers"].append((person, evidence(toks, rule, conf)))
        elif kind == "spoke-at":  # each speaker of "A and B spoke at ..."
            for person in _with_conjuncts(doc[anchors["subject"]], ents):
                if key_group(person) != "Person":
                    continue
                ev = events.setdefault(anchors["event"], {"speakers": [], "organizers": []})
                ev["speakers"].append((person, evidence(toks, rule, conf)))
                ev.setdefault("trigger", anchors["trigger"])
        elif kind == "event-organizer":
            # "co-organized by CAICT and the provincial government": each organiser
            named = doc[anchors["object"]]
            for org in dict.fromkeys([*_with_conjuncts(named, ents), *_listed_after(named, ents)]):
                ev = events.setdefault(anchors["event"], {"speakers": [], "organizers": []})
                ev["organizers"].append((org, evidence(toks, rule, conf)))
                if "verb" in anchors:  # the date may hang on the verb: "held ... on July 14"
                    ev.setdefault("trigger", anchors["verb"])
        elif kind == "event-place":  # "held a press conference in Chengdu"
            place = ents.get(anchors["object"])
            if place:
                ev = events.setdefault(anchors["event"], {"speakers": [], "organizers": []})
                ev.setdefault("places", []).append((place, evidence(toks, rule, conf)))
                if "verb" in anchors:
                    ev.setdefault("trigger", anchors["verb"])
        elif kind == "link":
            s, o = ents.get(anchors["subject"]), ents.get(anchors["object"])
            if s is None and spec.get("subject_pronouns"):  # "his hometown of Russell"
                s = _sole_person_before(doc[anchors["subject"]], ents)
            if s is None and spec.get("subject_appositions"):  # "the pioneer, Lee DeForest, was"
                s = _named_in_apposition(doc[anchors["subject"]], ents, _subject_groups(spec))
            if o is None and s is not None and spec.get("object_pronouns"):  # "X shot him"
                o = _sole_person_before(doc[anchors["object"]], ents, besides=s)
            if s and o:  # the pattern's anchors already constrain the entity types
                add(s, spec["relation"], o, evidence(toks, rule, conf))
                # "A, B and C of D": what is said of the last of coordinated names is said of
                # each, when the pattern says so (``subject_conjuncts``)
                if spec.get("subject_conjuncts"):
                    for other in _earlier_conjuncts(doc[anchors["subject"]], ents):
                        add(other, spec["relation"], o, evidence(toks, rule, conf))
                # "members including A, B and C": each name of the list the subject opens
                if spec.get("subject_coordination"):
                    for other in _with_conjuncts(doc[anchors["subject"]], ents):
                        if other != s and key_group(other) == key_group(s):
                            add(other, spec["relation"], o, evidence(toks, rule, conf))
        elif kind == "chain":
            s, o = ents.get(anchors["subject"]), ents.get(anchors["object"])
            o = _possessed_place(doc[anchors["object"]], ents) or o
            if s and o and not _in_a_list(doc, anchors["subject"], anchors["object"], ents):
                add(s, spec["relation"], o, evidence(toks, rule, conf))

    for person, org, roles, (start, end), place in posts_in_a_row(doc, ents, lexicon, by_key):
        if place is not None:  # "Yinchuan Vice-Mayor X": a post in the city's government
            governed.add((person, place))
        for role in roles:
            add(
                person,
                "org:Post",
                org,
                evidence([start, end], POSTS_IN_A_ROW_RULE, POSTS_IN_A_ROW),
                role,
            )

    # "he said", "she said": the person who spoke last before, else the last person named
    for trigger, conf in pronouns:
        person = _last_speaker(doc, trigger, speakers, ents)
        if person is not None:
            speakers.setdefault(doc[trigger].sent.start, (person, conf))
            speech_triggers[trigger] = person

    # a transcript's paragraphs are spoken by the person whose name opens them
    transcript = transcript_speakers(doc, ents)
    # and an interview's answers by the person it is with (who spoke at no event for it)
    answers = interview_answers(doc, ents)
    for start, person in (transcript | answers).items():
        speakers.setdefault(start, (person, TRANSCRIPT_SPEAKER))

    # a news service's source line names its city: "Moscow PRAVDA", "Madras THE HINDU in English"
    mentions = list(doc.spans.get(SPANS_KEY, []))
    for place, source in _source_lines(mentions):
        s, o = ents.get(source.start), ents.get(place.start)
        if s and o:
            add(s, "kg:locatedIn", o, evidence([place.start, source.end - 1], SOURCE_RULE, 0.8))
    # a dateline says where the agency filed the story from, not where it is based:
    # "DAYTON, Ohio (AP)", "Moscow March 5 (ITAR-TASS)"
    dateline_pairs = set()
    for place, agency in _datelines(doc, mentions):
        s, o = ents.get(agency.start), ents.get(place.start)
        if s and o:
            dateline_pairs.add((s, o))
            add(
                s, "kg:reportedFrom", o, evidence([place.start, agency.end - 1], DATELINE_RULE, 0.8)
            )

    # 2. a unit-type organisation named beside a top-level one in one person's posts is its unit
    posts = [(k, evs) for k, evs in found.items() if k[1] == "org:Post"]
    for (person, _, org, _), evs in posts:
        for (person2, _, org2, _), evs2 in posts:
            if (
                person == person2
                and org != org2
                and _is_unit(org, by_key)
                and not _is_unit(org2, by_key)
            ):
                same = [e for e in evs if any(e.sentence == f.sentence for f in evs2)]
                for e in same:
                    add(
                        org,
                        "org:unitOf",
                        org2,
                        Evidence(e.doc_id, e.sentence, e.start, e.end, "unit.coheld-posts", 0.7),
                    )

    # a post in a unit, written with the unit's owner before it ("China Telecom Hunan branch
    # general manager X"), is not also the same post in the owner
    for key in [k for k in found if k[1] == "org:Post"]:
        person, _, org, role = key
        units = {u for (u, p, o, _) in found if p == "org:unitOf" and o == org}
        in_unit = [
            e for u in units for e in found.get((person, "org:Post", u, role), []) if u != org
        ]
        kept = [e for e in found[key] if not any(e.sentence == f.sentence for f in in_unit)]
        if kept:
            found[key] = kept
        else:
            del found[key]

    # 3. events: one entity each, with organiser, date and speakers; "the press conference"
    # is the one the text named before
    new_entities = []
    for head_i, info in sorted(same_events(doc, events).items()):
        entity, rels = event_entity(doc, document, lexicon, head_i, info, by_key)
        if entity is None:
            continue
        new_entities.append(entity)
        for s, p, o, ev in rels:
            add(s, p, o, ev)
    # a transcript's speakers spoke at the event it is the transcript of, when it names one
    if len(new_entities) == 1 and transcript:
        for start, person in sorted(transcript.items()):
            ev = evidence([start], TRANSCRIPT_EVENT_RULE, TRANSCRIPT_EVENT)
            add(person, "kg:spokeAt", new_entities[0].key, ev)

    # 4. actions: agent (explicit, the speaker's organisation or the narrator) and the entities
    # they act on; infrastructure an organisation owns
    outside = outside_quotes(doc)
    # an organisation that speaks speaks for itself
    speaking_for = speaker_orgs(found, lexicon)
    for speaker in speech_triggers.values():
        if key_group(speaker) == "Organization":
            speaking_for.setdefault(speaker, (speaker, 1.0))
    voices = Voices(
        speech_triggers,
        sentence_speakers(doc, speakers),
        speaking_for,
        find_narrator(doc, document, ents, outside),
        outside,
        transcript | answers,
    )
    kinds = Kinds(lexicon.anaphors, {e.key: e.cls for e in resolution.entities})
    # verbs of other actions bound an object phrase; a noun naming one is part of it ("promote
    # the construction of networks" promotes the networks)
    action_triggers = {
        a["trigger"]
        for r, a in matches
        if specs[r]["kind"] == "action" and doc[a["trigger"]].pos_ not in {"NOUN", "PROPN"}
    }
    for rule, anchors in matches:
        spec = specs[rule]
        if spec["kind"] == "owned":  # "China Mobile's network", "our network": who owns it
            owned = doc[anchors["object"]]
            owner, factor = owner_of(owned, ents, voices)
            if owner is not None and key_group(owner) == "Organization" and owned.i in ents:
                conf = float(spec["confidence"]) * factor
                add(
                    owner,
                    spec["relation"],
                    ents[owned.i],
                    evidence(sorted(anchors.values()), rule, conf),
                )
            continue
        if spec["kind"] not in {"action", "partner", "mutual"}:
            continue
        verb = doc[anchors["trigger"]]
        agents, factor = agents_of(verb, ents, voices, kinds)
        if not agents and spec["kind"] == "partner" and _light_verb_object(verb):
            # "X announced a partnership with Y": the agent of the verb the noun is object of
            agents, factor = agents_of(verb.head, ents, voices, kinds)
        if spec["kind"] == "mutual":  # "A and B signed an agreement": each with each other
            conf = float(spec["confidence"]) * factor
            named = by_agent_token(verb)  # "jointly issued by A, B (BB) and C (CC)": the list
            if len(agents) == 1 and named is not None and ents.get(named.i) == agents[0]:
                agents = list(_listed_after(named, ents))  # a bracket made the parse lose
            for a, b in combinations(agents, 2):
                add(a, spec["relation"], b, evidence(sorted(anchors.values()), rule, conf))
            continue
        if spec["kind"] == "partner":  # "we will cooperate with X, Y and Z": each by name
            named = doc[anchors["object"]]
            objects = list(
                (_named_with_conjuncts(named, ents) | _listed_after(named, ents)).items()
            ) or [(party, named.i) for party in counted_parties(named, ents, kinds)]
        else:
            objects = objects_of(doc, verb, action_triggers, ents, lexicon.transparent_heads)
        # the verb's sense may follow its object's class: "set up a lab" opens it, "set up
        # base stations" builds them (the pattern's ``relation_by_object``)
        by_object = spec.get("relation_by_object", {})
        for agent in agents:
            for obj, obj_tok in objects:
                conf = float(spec["confidence"]) * factor
                relation = by_object.get(key_group(obj), spec["relation"])
                add(agent, relation, obj, evidence([verb.i, obj_tok], rule, conf))

    # 5. a trained model: pairs of entities in a sentence that nothing above links
    if relation_model is not None:
        linked = {frozenset((s, o)) for s, _, o, _ in found}
        for s, p, o, ev in predict_relations(doc, document, resolution, relation_model, linked):
            add(s, p, o, ev)

    # a post in a place's government says more than that its holder lives there
    for person, place in governed:
        found.pop((person, "kg:livesIn", place, None), None)
    for agency, place in dateline_pairs:  # the parse's "PRNewswire in Yinchuan" is the dateline
        found.pop((agency, "kg:locatedIn", place, None), None)
    # a unit whose owner no pattern names is its owner's: "China Post. Its Xunwu branch"
    for unit, owner, tokens in _units_and_owners(resolution, ents):
        if not any(k[0] == unit and k[1] == "org:unitOf" for k in found):
            add(unit, "org:unitOf", owner, evidence(tokens, UNIT_OWNER_RULE, UNIT_OWNER))
    # "China Mobile Hunan Company": the organisation's name and a place's name its unit's
    for unit, owner, tokens in _regional_units(ents, by_key, lexicon):
        if not any(k[0] == unit and k[1] == "org:unitOf" for k in found):
            add(unit, "org:unitOf", owner, evidence(tokens, REGIONAL_UNIT_RULE, REGIONAL_UNIT))
    # a post in an organisation says more than membership of it ("Professor X of Y")
    posts = {(k[0], k[2]) for k in found if k[1] == "org:Post"}
    for key in [k for k in found if k[1] == "org:memberOf" and (k[0], k[2]) in posts]:
        del found[key]
    # an organisation working "together with its Inner Mongolia branch" does not cooperate
    # with itself: a unit and its owner are one organisation's parts
    units = {frozenset((s, o)) for s, p, o, _ in found if p == "org:unitOf"}
    for key in [k for k in found if k[1] == "kg:cooperatesWith"]:
        if frozenset((key[0], key[2])) in units:
            del found[key]
    chain_rules = {rule for rule, spec in specs.items() if spec["kind"] == "chain"}
    for key, ev in _residences_in_chains(found, chain_rules):
        found[key].append(ev)
    relations = tuple(
        Relation(s, p, o, role, tuple(sorted(set(evs), key=lambda e: (e.start, e.end, e.rule))))
        for (s, p, o, role), evs in sorted(
            found.items(), key=lambda kv: tuple(x or "" for x in kv[0])
        )
    )
    return Relations(tuple(new_entities), relations, voices)


#: "X, of Bethany, Conn.": living in a town written with its state, X lives in the state
CHAIN_RESIDENCE_RULE, CHAIN_RESIDENCE = "residence.place-chain", 0.8


def _residences_in_chains(
    found: dict[tuple[str, str, str, str | None], list[Evidence]],
    chain_rules: set[str],
) -> list[tuple[tuple[str, str, str, None], Evidence]]:
    """Residences in the larger place of a chain ("Bethany, Conn.", matched by one of the
    ``chain_rules``) that a residence's place opens, in the same sentence: ((person, livesIn,
    larger place, None), evidence)."""
    chains = {
        (s, o): ev
        for (s, p, o, _), evs in found.items()
        if p == "kg:locatedIn"
        for ev in evs
        if ev.rule in chain_rules
    }
    out = []
    for (person, p, place, _), evs in found.items():
        if p != "kg:livesIn":
            continue
        for (inner, outer), chain in chains.items():
            for ev in evs:
                if inner == place and ev.sentence == chain.sentence and ev.doc_id == chain.doc_id:
                    confidence = round(min(ev.confidence, chain.confidence) * CHAIN_RESIDENCE, 4)
                    merged = replace(
                        ev,
                        start=min(ev.start, chain.start),
                        end=max(ev.end, chain.end),
                        rule=CHAIN_RESIDENCE_RULE,
                        confidence=confidence,
                    )
                    out.append(((person, "kg:livesIn", outer, None), merged))
                    break
    return out


def _possessed_place(token: Token, ents: dict[int, str]) -> str | None:
    """The place a place's name owns, when the name is a possessive: "Qingdao, East China's
    Shandong Province" puts Qingdao in Shandong Province (which is in East China)."""
    key = ents.get(token.i)
    root = token
    while root.head.i != root.i and ents.get(root.head.i) == key:
        root = root.head
    owned = ents.get(root.head.i) if root.dep_ == "poss" else None
    return owned if owned is not None and owned != key and key_group(owned) == "Place" else None


#: a person's pronouns a pattern's subject or object may be (``subject_pronouns``,
#: ``object_pronouns``)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})


def _sole_person_before(
    pronoun: Token, ents: dict[int, str], besides: str | None = None
) -> str | None:
    """The person a pronoun stands for when one person only is named before it in its
    sentence ("Bob Dole visited his hometown"), not counting ``besides`` (the subject of the
    verb whose object the pronoun is: "Sirhan shot him" is no one shooting himself); None when
    none or several are."""
    if pronoun.lower_ not in PERSON_PRONOUNS:
        return None
    people = {
        key
        for i in range(pronoun.sent.start, pronoun.i)
        if (key := ents.get(i)) is not None and key_group(key) == "Person" and key != besides
    }
    return people.pop() if len(people) == 1 else None


def _named_in_apposition(noun: Token, ents: dict[int, str], groups: frozenset[str]) -> str | None:
    """The entity a common noun stands for by the one name in apposition to it ("the 34th
    President, Dwight D. Eisenhower, was born ..."), if that name is of one of ``groups``."""
    named = {
        key
        for child in noun.children
        if child.dep_ == "appos" and (key := ents.get(child.i)) is not None
    }
    if len(named) != 1:
        return None
    key = named.pop()
    return key if key_group(key) in groups else None


def _subject_groups(spec: dict) -> frozenset[str]:
    """The entity groups a link pattern's subject node allows (its ``kg_group``), names only."""
    node = next(n for n in spec["pattern"] if n["RIGHT_ID"] == "subject")
    group = node.get("RIGHT_ATTRS", {}).get("_", {}).get("kg_group", "")
    allowed = group.get("IN", []) if isinstance(group, dict) else [group]
    return frozenset(g for g in allowed if g)


def _earlier_conjuncts(token: Token, ents: dict[int, str]) -> list[str]:
    """The entities of the same top class coordinated before ``token`` when it is the last of
    its coordination ("Ruijin City, Yudu County and Xingguo County")."""
    conjuncts = token.conjuncts
    if not conjuncts or any(c.i > token.i for c in conjuncts):
        return []
    key = ents.get(token.i)
    return [
        ents[c.i]
        for c in conjuncts
        if c.i in ents and ents[c.i] != key and key_group(ents[c.i]) == key_group(key or "")
    ]


def _light_verb_object(noun: Token) -> bool:
    """Whether a noun naming an action is the object of a verb ("announced a partnership",
    "reached cooperation"): the verb's agent does it."""
    return noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.pos_ == "VERB"


def _excluded(doc: Doc, spec: dict, anchors: dict[str, int]) -> bool:
    """Whether a match breaks its pattern's ``without``: anchor name -> dependency labels none of
    its children may have ("X fled and police shot Y": the second verb has a subject of its own,
    so it does not share the first one's), or "label:lemma" for a child of that label and lemma
    ("dobj:plaque": "A and B jointly unveiled the plaque" is a ceremony, no cooperation)."""
    return any(
        child.dep_ in deps or f"{child.dep_}:{child.lemma_.lower()}" in deps
        for name, deps in spec.get("without", {}).items()
        if name in anchors
        for child in doc[anchors[name]].children
    )


def _source_lines(mentions: list[Span]) -> list[tuple[Span, Span]]:
    """(place, source) of each news source line the mentions found (spans ``source.place`` and
    ``source.name`` side by side)."""
    spans = [s for s in mentions if s.id_ in {SOURCE_PLACE, SOURCE_NAME}]
    return [
        (a, b)
        for a, b in pairwise(spans)
        if a.id_ == SOURCE_PLACE and b.id_ == SOURCE_NAME and a.end == b.start
    ]


#: a unit's owner as the mention finder read it, where no pattern links the two
UNIT_OWNER_RULE, UNIT_OWNER = "unit.owner", 0.75


def _units_and_owners(
    resolution: Resolution, ents: dict[int, str]
) -> list[tuple[str, str, list[int]]]:
    """(unit, owner, tokens) of each unit mention whose owner resolution read."""
    out = []
    for (start, end), (owner_start, owner_end) in sorted(resolution.unit_owners.items()):
        unit, org = ents.get(start), ents.get(owner_start)
        if unit and org and unit != org:
            out.append((unit, org, [min(owner_start, start), max(owner_end, end) - 1]))
    return out


#: "China Mobile Hunan Company", "China Mobile Guizhou": an organisation's name, then the name of
#: a place the document names and at most a company or unit word, name its unit in the place
REGIONAL_UNIT_RULE, REGIONAL_UNIT = "unit.regional-name", 0.75
_REGIONAL_UNIT_HEADS = frozenset({"Company", "OrganizationalUnit"})


def _regional_units(
    ents: dict[int, str], entities: dict[str, Entity], lexicon: Lexicon
) -> list[tuple[str, str, list[int]]]:
    """(unit, owner, tokens of the unit's first mention) of each organisation named as another
    organisation of the document and a place of it, with at most a company or unit head word
    after ("China Mobile Hunan Company" of China Mobile, when Hunan is a place of the text)."""
    places = {
        name.casefold()
        for e in entities.values()
        if key_group(e.key) == "Place"
        for name in (e.label, *e.aliases)
    }
    orgs = [e for e in entities.values() if key_group(e.key) == "Organization"]
    owners = {name.casefold(): e.key for e in orgs for name in (e.label, *e.aliases)}
    heads = {word for word, cls in lexicon.org_heads if cls in _REGIONAL_UNIT_HEADS}
    first = {}
    for i, key in sorted(ents.items()):
        first.setdefault(key, i)
    out = []
    for unit in orgs:
        if unit.key not in first:
            continue
        words = unit.label.split()
        for k in range(1, len(words)):
            owner = owners.get(" ".join(words[:k]).casefold())
            rest = words[k:]
            if len(rest) > 1 and rest[-1].rstrip(".") in heads:
                rest = rest[:-1]
            if owner not in {None, unit.key} and " ".join(rest).casefold() in places:
                out.append((unit.key, owner, [first[unit.key]]))
                break
    return out


def _datelines(doc: Doc, mentions: list[Span]) -> list[tuple[Span, Span]]:
    """(place, agency) of each dateline the mentions found: the agency (span
    ``dateline.agency``) with each place (``dateline.place``) before it on its line (the parser
    may cut "XI'AN, Oct. 9 (Xinhua) --" into several sentences)."""
    agencies = [s for s in mentions if s.id_ == DATELINE_AGENCY]
    places = [s for s in mentions if s.id_ == DATELINE_PLACE]
    if not agencies or not places:
        return []
    text = doc.text
    return [
        (place, agency)
        for agency in agencies
        for place in places
        if place.end <= agency.start and "\n" not in text[place.start_char : agency.start_char]
    ]


#: the most places an address names, each in the next (street, district, city, province)
ADDRESS_PARTS = 4


def _in_a_list(doc: Doc, left: int, right: int, ents: dict[int, str]) -> bool:
    """Whether "A , B" is part of a list of names of one kind ("Kosovo, Sandzak and Vojvodina"),
    not "Troy, Mich." ("GSA Depot, Davisville, R.I." and "Ocala, Fla., and filed" are no lists:
    the word after "and" is no name). A list ends in "and" or "or" and its last name, or runs
    to more names than an address has; "A, B, C" is an address, each place in the next
    ("Guangyi Street, Liangxi District, Wuxi")."""
    group = key_group(ents[left])
    names = 2
    start = _name_start(left, ents)
    # names of any class the model gave them count ("Lyon, Lille, Nantes, Toulouse, Bordeaux")
    while start >= 2 and doc[start - 1].text == "," and ents.get(start - 2) is not None:
        names += 1
        start = _name_start(start - 2, ents)
    end = _name_end(doc, right, ents)
    # more names may follow, each after a comma, before the list's "and": "A, B, C and D"
    while end + 2 < len(doc) and doc[end + 1].text == "," and ents.get(end + 2) is not None:
        end = _name_end(doc, end + 2, ents)
        names += 1
    after = [t for t in doc[end + 1 : end + 5] if t.text != "," and t.lower_ != "the"]
    # "A, B and C", "A, B, C and other places"
    return names > ADDRESS_PARTS or (
        len(after) > 1
        and after[0].lower_ in {"and", "or"}
        and (_is_a(ents.get(after[1].i), group) or after[1].lower_ == "other")
    )


def _is_a(key: str | None, group: str) -> bool:
    return key is not None and key_group(key) == group


def _name_start(i: int, ents: dict[int, str]) -> int:
    """The first token of the name token ``i`` is in."""
    while i - 1 >= 0 and ents.get(i - 1) == ents[i]:
        i -= 1
    return i


def _name_end(doc: Doc, i: int, ents: dict[int, str]) -> int:
    """The last token of the name token ``i`` is in."""
    while i + 1 < len(doc) and ents.get(i + 1) == ents[i]:
        i += 1
    return i


def _is_unit(key: str, by_key: dict[str, Entity]) -> bool:
    entity = by_key.get(key)
    return entity is not None and entity.cls == "OrganizationalUnit"


def _last_speaker(
    doc: Doc, trigger: int, speakers: dict[int, tuple[str, float]], ents: dict[int, str]
) -> str | None:
    """Who "he" or "she" is at a speech verb: the speaker of the nearest sentence before with
    one, else the person named last before the verb."""
    start = doc[trigger].sent.start
    before = [s for s in speakers if s < start]
    if before:
        return speakers[max(before)][0]
    for i in range(trigger - 1, -1, -1):
        key = ents.get(i)
        if key is not None and key_group(key) == "Person":
            return key
    return None


def _listed_after(token: Token, ents: dict[int, str]) -> dict[str, int]:
    """The organisations listed right after the one ``token`` names, read from the words ("A
    (AA), the B and the C": commas, "and", "the" and bracketed acronyms or short names between
    them; "C's Guangdong branch" is the branch), for lists a bracket made the parse lose: each
    with the token where it is named."""
    doc, key = token.doc, ents.get(token.i)
    if key is None or key_group(key) != "Organization":
        return {}
    found = {key: token.i}
    i = token.i
    while i + 1 < len(doc) and ents.get(i + 1) == key:
        i += 1
    i += 1
    while i < len(doc) and doc[i].sent == token.sent:
        word = doc[i]
        if word.text == "(":  # an acronym or short name in brackets: "(MOFCOM)"
            close = next((j for j in range(i, min(i + 8, len(doc))) if doc[j].text == ")"), None)
            if close is None:
                break
            i = close + 1
            continue
        if word.text == "," or word.lower_ in {"and", "the"}:
            i += 1
            continue
        if word.lower_ == "of" and i + 1 < len(doc) and ents.get(i + 1) is not None:
            owner = ents[i + 1]  # "A of its owner B (BB) and C": B owns A, C is listed
            i += 1
            while i < len(doc) and ents.get(i) == owner:
                i += 1
            continue
        other = ents.get(i)
        if other is None or key_group(other) != "Organization":
            break
        start = i
        while i < len(doc) and ents.get(i) == other:
            i += 1
        owned = ents.get(i + 1) if i + 1 < len(doc) and doc[i].tag_ == "POS" else None
        if owned is not None and key_group(owned) == "Organization":  # "C's Guangdong branch"
            other, start, i = owned, i + 1, i + 1
            while i < len(doc) and ents.get(i) == other:
                i += 1
        found.setdefault(other, start)
    return found


def _named_with_conjuncts(token: Token, ents: dict[int, str]) -> dict[str, int]:
    """The entity a token names and those of the names coordinated with it, each once, with
    the token where it is first named."""
    first: dict[str, int] = {}
    for t in (token, *token.conjuncts):
        if t.i in ents:
            first.setdefault(ents[t.i], t.i)
    return first


#: sentences back from a ``spoke-at-last`` match in which the event it is at may be named
EVENT_JUST_NAMED = 3


def _people_listed(first: Token, end: int, ents: dict[int, str]) -> list[str]:
    """The people named after ``first`` and before token ``end``, each after a comma or "and",
    as a list of names with their descriptions is written ("A, director of X, B, manager of Y,
    and C, ... answered": B and C), whatever the parse made of the list."""
    doc, found = first.doc, []
    for i in range(first.i + 1, end):
        key = ents.get(i)
        if (
            key is not None
            and key_group(key) == "Person"
            and ents.get(i - 1) != key
            and doc[i - 1].text in {",", "and"}
        ):
            found.append(key)
    return found


def _event_just_named(doc: Doc, trigger: int) -> int | None:
    """The head of the last event noun before ``trigger``, in its sentence or the
    ``EVENT_JUST_NAMED`` before it ("... held a press conference. X introduced the situation.")."""
    sent = doc[trigger].sent
    start = sent.start
    for _ in range(EVENT_JUST_NAMED):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return next((i for i in range(trigger - 1, start - 1, -1) if doc[i]._.is_event), None)


def _with_conjuncts(token: Token, ents: dict[int, str]) -> list[str]:
    """The entity a token names and those of the names coordinated with it, once each."""
    return list(_named_with_conjuncts(token, ents))
