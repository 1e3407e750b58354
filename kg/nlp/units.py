"""Units named by a place or name and a common noun, with their owner: "the Guangdong branch of
China Unicom", "China Mobile's Zhejiang branch", "Huawei's cloud division"; and, written in
lower case after a role, "director of the information and communication development department
of the ministry".

The noun (``branch``, ``division``, ``department``: the lexicon's words for a unit, lower case)
is no name by itself; with the capitalised words before it and an owner (an organisation in an
"of" / "under" phrase, or owning it with "'s") it names one unit of one organisation. The
mention spans the modifiers and the noun ("Guangdong branch"); the owner stays a mention of its
own, so the unit can be linked to it (``unit.of-org`` and ``unit.owned`` patterns), and
:func:`owner` lets resolution tell one organisation's Guangdong branch from another's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp.classes import group_of
from kg.nlp.names import LEGAL_SUFFIXES
from kg.nlp.words import Words

RULE = "unit.owned"
UNIT_CLASS = "OrganizationalUnit"
OWNER_PREPOSITIONS = {"of", "under"}


def owned_units(
    doc: Doc,
    spans: list[Span],
    words: Words,
    unit_nouns: frozenset[str],
    org_nouns: frozenset[str] = frozenset(),
    roles: frozenset[str] = frozenset(),
) -> list[Span]:
    """Mentions of units: a unit noun with capitalised modifiers before it and an owner; or,
    after a role's "of", any organisation noun with its modifiers in lower case and an owner
    ("director of the information and communication development department of the ministry").
    """
    at = [i for i, w in enumerate(words.lower) if w in unit_nouns or w in org_nouns]
    if not at:
        return []
    organisation = _organisation_tokens(spans)
    # a one-word name only the statistical model made an organisation of can be a unit's own
    # word ("the Anxi branch of China Mobile")
    guessed = {
        s.start
        for s in spans
        if len(s) == 1 and s.id_ == "ner" and not s.kb_id_ and group_of(s.label_) == "Organization"
    }
    found = []
    for token in (doc[i] for i in at):
        if token.i in organisation or not (
            token.is_lower
            or _after_its_owner(token, organisation)
            or _possessed(token, organisation)  # "China Tower and its Yunnan Branch"
        ):
            continue
        if token.lower_ in org_nouns and _post_object(token, roles):
            start = _lower_case_start(token, organisation)
        elif token.lower_ in unit_nouns:
            start = _modifiers_start(token, organisation - guessed)
        else:
            continue
        if start < token.i and _owner_token(token, organisation) is not None:
            found.append(Span(doc, start, token.i + 1, label=UNIT_CLASS, span_id=RULE))
    return found


def _lower_case_start(noun: Token, organisation: set[int]) -> int:
    """The first word of the unit's name before the noun: after any determiner, and after its
    owner and "'s" ("the MOFCOM's information technology department")."""
    start = noun.left_edge.i
    for t in noun.doc[noun.left_edge.i : noun.i]:
        if t.pos_ == "DET" or t.i in organisation or t.tag_ == "POS":
            start = t.i + 1
    return start


def _post_object(noun: Token, roles: frozenset[str]) -> bool:
    """Whether the noun is what a role is "of": "director of the ... department"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in roles


def owner(unit: Span, spans: list[Span]) -> Span | None:
    """The organisation mention (among ``spans``) owning a ``unit.owned`` mention."""
    organisation = _organisation_tokens(spans)
    token = _owner_token(unit[-1], organisation)
    if token is None:
        return None
    return next((s for s in spans if s.start <= token.i < s.end and s is not unit), None)


def _named_before(pronoun: Token, organisation: set[int]) -> Token | None:
    """The organisation "its" stands for: the last one named before it, in its sentence or the
    one before."""
    doc = pronoun.doc
    sent = pronoun.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return next((doc[i] for i in range(pronoun.i - 1, start - 1, -1) if i in organisation), None)


def _possessed(noun: Token, organisation: set[int]) -> bool:
    """Whether an organisation's name or "its" owns the noun, with one or two capitalised words
    before it ("X's Hunan Branch", "its Inner Mongolia Branch"; a longer name, "its Network
    Security Management Division", is a name of its own: :mod:`kg.nlp.names`)."""
    return noun.i - _modifiers_start(noun, organisation) <= 2 and any(
        c.dep_ == "poss" and (c.lower_ == "its" or c.i in organisation) for c in noun.children
    )


def _organisation_tokens(spans: list[Span]) -> set[int]:
    return {
        i
        for s in spans
        if group_of(s.label_) == "Organization" and s.label_ != UNIT_CLASS
        for i in range(s.start, s.end)
    }


def _after_its_owner(noun: Token, organisation: set[int]) -> bool:
    """ "China Mobile Guangdong Branch": a capitalised unit noun whose owner's name is written
    right before the unit's own words ("Huaxin Networks Corporation Limited Hunan Branch": with its
    legal suffix)."""
    start = _modifiers_start(noun, organisation)
    return start < noun.i and owner_end(noun.doc, start) in organisation


def owner_end(doc: Doc, start: int) -> int:
    """The last word of an owner's name written right before a unit's words beginning at
    ``start``: the word before them, or before the legal suffixes that end the owner's name."""
    i = start - 1
    while i >= 0 and doc[i].text.rstrip(".") in LEGAL_SUFFIXES:
        i -= 1
    return i


def _modifiers_start(noun: Token, organisation: set[int]) -> int:
    """The first of the capitalised compound words right before the noun, not the owner's; one
    word in lower case may come between them and the noun ("Zigui county branch")."""
    doc, start = noun.doc, noun.i
    while start > noun.sent.start:
        prev = doc[start - 1]
        if not _modifier(prev, organisation) or _ends_an_owner(doc, start - 1, organisation):
            break
        if not prev.text[:1].isupper() and not (
            start == noun.i
            and start - 2 >= noun.sent.start
            and _modifier(doc[start - 2], organisation)
            and doc[start - 2].text[:1].isupper()
        ):
            break
        start -= 1
    return start


def _ends_an_owner(doc: Doc, i: int, organisation: set[int]) -> bool:
    """Whether word ``i`` is a legal suffix of the organisation named right before it
    ("Limited" of "Huaxin Networks Corporation Limited Hunan Branch"), no word of the unit's."""
    return doc[i].text.rstrip(".") in LEGAL_SUFFIXES and owner_end(doc, i + 1) in organisation


def _modifier(token: Token, organisation: set[int]) -> bool:
    return token.dep_ == "compound" and token.i not in organisation


def _owner_token(noun: Token, organisation: set[int]) -> Token | None:
    """The organisation owning the unit the noun heads: "ORG's", "of / under ORG" on the noun,
    or on the role the noun is the object of ("director of the X bureau under the ministry");
    else an organisation's name written right before the unit's capitalised words, whatever the
    parse made of them ("China Telecom Hunan branch general manager ...")."""
    owner = _owning_child(noun, organisation)
    if owner is None and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        owner = _owning_child(noun.head.head, organisation, skip=noun.head)
    if owner is None and _after_its_owner(noun, organisation):
        owner = noun.doc[owner_end(noun.doc, _modifiers_start(noun, organisation))]
    return owner


def _owning_child(head: Token, organisation: set[int], skip: Token | None = None) -> Token | None:
    for child in head.children:
        if child.dep_ == "poss" and child.i in organisation:
            return child
        if child.dep_ == "poss" and child.lower_ == "its":  # "China Post. Its Xunwu branch"
            return _named_before(child, organisation)
        if child.dep_ in {"compound", "nmod"} and child.i in organisation and child.i < head.i:
            return child  # "China Mobile Guangdong Branch"
        if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS and child != skip:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in organisation:
                    return obj
    return None
