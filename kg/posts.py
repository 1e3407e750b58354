"""Posts: who holds which role in which organisation, from a post pattern's match, from a
place's role ("vice mayor of Qingyang": a post in its government) or read from the words
("CAICT spokesperson and chief engineer Xu Haoran"), with the role labelled as the text names it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.model import Entity, key_group
from kg.nlp.classes import without_kind_noun
from kg.nlp.lexicon import Lexicon

#: "CAICT spokesperson and chief engineer Xu Haoran": posts read from the words, not the parse
POSTS_IN_A_ROW_RULE, POSTS_IN_A_ROW = "post.org-roles-name", 0.85
#: the dependencies of a noun a copula or a verb like "become" says of its subject
_PREDICATE = frozenset({"attr", "oprd"})


def role_posts(
    doc: Doc, anchors: dict[str, int], ents: dict[int, str], lexicon: Lexicon
) -> list[tuple[str, str, str]]:
    """(person, organisation, role label) of a ``post`` pattern's match (anchors ``subject``,
    ``role``, ``object``; ``named``, when the object is a description, the name in apposition
    to it), for the role and the roles coordinated with it."""
    person, org, role = (
        ents.get(anchors["subject"]),
        ents.get(anchors["object"]),
        doc[anchors["role"]],
    )
    if org is None and "named" in anchors:  # "chairman of the largest party, the Y Party"
        org = ents.get(anchors["named"])
    if org is None and doc[anchors["object"]].lower_ in POSSESSIVE_PRONOUNS:
        org = organisation_before(doc[anchors["object"]], ents, subjects_first=True)
    named = doc[anchors["subject"]]
    # "Mayor Yang, Duan Zhiyong, general manager of X, and ...": the name right before
    # the comma the role follows holds it, whatever the parse made of the list
    # or, with no name before it, the name right after the comma it ends at ("..., and
    # the deputy general manager of X, Liu Jianguo, attended")
    # (a role coordinated after another is read from the first: "Peng, Party secretary and
    # director of X, Xiao, deputy director": the director is Peng, not the name after X)
    before = _person_before(_first_coordinated_role(role, lexicon), ents)
    holder = before if before is not None else _person_after(role, ents)
    if holder is not None and person is not None and holder != person:
        person, named = holder, role
    if not (
        person
        and org
        and (
            named.i == role.i
            or named.head.i == role.i  # "the general manager of X, Li Xiaomei,"
            # the parse put the name in apposition to the organisation: no person, the role is
            or (named.dep_ == "appos" and named.head.i == anchors["object"])
            # "X will serve as director of Y": the role after "as" on the subject's verb
            or (role.head.lower_ == "as" and role.head.head.i == named.head.i)
            # "X is a Harvard professor" (the role said of the subject), "A Harvard
            # professor, X said" (the role set before the subject of the same verb)
            or (role.head.i == named.head.i and (role.dep_ in _PREDICATE or role.i < named.i))
            or (not _verb_between(role, named) and _nearest_person(role, ents) == person)
        )
    ):
        return []
    if _hyphen_continues(role):
        return []  # "director" of "director-general": the post is the whole word's
    # "Party secretary and director of X": each coordinated role is a post in X
    return [
        (person, org, _role_label(held, lexicon))
        for held in (role, *_coordinated_roles(role, lexicon))
    ]


#: pronouns that own a role for the organisation named before them ("its chairman X")
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})


def organisation_before(
    pronoun: Token, ents: dict[int, str], subjects_first: bool = False
) -> str | None:
    """The nearest organisation named before ``pronoun`` in its sentence; with
    ``subjects_first``, the nearest that is a clause's subject if one is ("X will use the
    centre's GPUs ..., its vice-president Y said": X, not the centre)."""
    found = [
        i
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1)
        if i in ents and key_group(ents[i]) == "Organization"
    ]
    if subjects_first:
        doc = pronoun.doc
        subjects = [i for i in found if doc[i].dep_ in {"nsubj", "nsubjpass"}]
        found = subjects or found
    return ents[found[0]] if found else None


def place_post(
    doc: Doc,
    anchors: dict[str, int],
    ents: dict[int, str],
    entities: dict[str, Entity],
    lexicon: Lexicon,
) -> tuple[str, str, str, str] | None:
    """(person, government, role label, place) of a ``place-post`` pattern's match, when the
    document names the one organisation that governs the place."""
    person, place = ents.get(anchors["subject"]), ents.get(anchors["object"])
    government = _government_of(place, entities, lexicon) if place else None
    role = doc[anchors["role"]]
    if person and government and _nearest_person(role, ents) == person:
        return person, government, _role_label(role, lexicon), place
    return None


def _nearest_person(token: Token, ents: dict[int, str]) -> str | None:
    """The first person up the tree from a role: in "Chen, director of X, and He, manager of Y",
    the manager is He's, not Chen's (Chen is further up)."""
    node = token
    while node.head.i != node.i:
        node = node.head
        key = ents.get(node.i)
        if key is not None and key_group(key) == "Person":
            return key
    return None


def _hyphen_continues(role: Token) -> bool:
    """Whether the role word goes on after a hyphen ("director" in "director-general") in a
    word the parse made the head of it (which then holds the post)."""
    return _hyphenated_after(role) and role.doc[role.i + 2].head.i != role.i


def _hyphenated_after(role: Token) -> bool:
    doc = role.doc
    return (
        role.i + 2 < len(doc)
        and doc[role.i + 1].text == "-"
        and not doc[role.i + 1].whitespace_
        and doc[role.i + 2].is_alpha
    )


def posts_in_a_row(
    doc: Doc, ents: dict[int, str], lexicon: Lexicon, entities: dict[str, Entity] | None = None
) -> list[tuple[str, str, list[str], tuple[int, int], str | None]]:
    """(person, organisation, roles, token span, place) of each organisation's name followed by
    role words and a person's name, read from the words whatever the parse made of them: "CAICT
    spokesperson and chief engineer Xu Haoran", "Huawei CEO Ren Zhengfei"; after a place's name
    ("Qingyang Mayor X"), a post in the place's government when the document names it (one of
    ``entities``), with the place (else None)."""
    found = []
    places = {  # by every name ("Shandong" of "Shandong Province")
        name: k
        for k, e in sorted((entities or {}).items())
        if key_group(k) == "Place"
        for name in (e.label, *e.aliases)
    }
    for i, key in ents.items():
        if key_group(key) != "Person" or ents.get(i - 1) == key:
            continue
        roles: list[str] = []
        words: list[str] = []  # the role being read, right to left
        j = i - 1
        while j >= 0 and j not in ents and doc[j].sent.start == doc[i].sent.start:
            word = doc[j].lower_
            if word in lexicon.roles and not words:
                words = [word]
            elif word in lexicon.role_modifiers and words:
                words.insert(0, word)
            elif word == "-" and words:  # "Vice-Mayor"
                pass
            elif word == "and" and words:
                roles.append(" ".join(words))
                words = []
            else:
                break
            j -= 1
        org, governed = ents.get(j), None
        if words and entities is not None and j >= 0:
            # a place's name, whether the model tagged it here or not, or made an organisation
            # of it ("Tianshui Mayor Li Hong" where the text names Tianshui the place)
            place = _place_named_at(doc, j, places)
            if place is not None and (org is None or entities[org].label == entities[place].label):
                org, governed = _government_of(place, entities, lexicon), place
        if words and org is not None and key_group(org) == "Organization" and j < i - 1:
            found.append((key, org, [*roles, " ".join(words)], (j, i), governed))
    return found


def _place_named_at(doc: Doc, end: int, places: dict[str, str]) -> str | None:
    """The place (of ``places``, label -> key) whose name the words up to ``end`` spell."""
    for start in range(end, max(end - 4, -1), -1):
        if not doc[start].text[:1].isupper():
            break
        if (key := places.get(doc[start : end + 1].text)) is not None:
            return key
    return None


def _first_coordinated_role(role: Token, lexicon: Lexicon) -> Token:
    """The first of the role words coordinated with ``role`` ("secretary" for "director" in
    "Party secretary and director of X"), or the role itself."""
    roles = [c for c in role.conjuncts if c.i < role.i and c.lower_ in lexicon.roles]
    return min(roles, key=lambda t: t.i) if roles else role


def _person_after(role: Token, ents: dict[int, str]) -> str | None:
    """The person whose name follows the comma a role phrase ends at ("the general manager of
    X, Li Xiaomei,")."""
    doc = role.doc
    i = next((t.i for t in doc[role.i : role.sent.end] if t.text == ","), None)
    if i is None or i + 1 >= len(doc):
        return None
    key = ents.get(i + 1)
    return key if key is not None and key_group(key) == "Person" else None


def _person_before(role: Token, ents: dict[int, str]) -> str | None:
    """The person whose name ends right before the comma a role phrase follows."""
    i = role.left_edge.i - 1
    if i < 1 or role.doc[i].text != ",":
        return None
    key = ents.get(i - 1)
    return key if key is not None and key_group(key) == "Person" else None


def _coordinated_roles(role: Token, lexicon: Lexicon) -> list[Token]:
    """Role words coordinated with ``role`` that name no organisation of their own (the parse
    may coordinate them with the end of a hyphenated role: "secretary-general and
    spokesperson")."""
    doc = role.doc
    ends = [c for c in role.rights if c.i == role.i + 2 and doc[role.i + 1].text == "-"]
    return [
        c
        for c in (*role.conjuncts, *(c for end in ends for c in end.conjuncts))
        if c.lower_ in lexicon.roles
        and not any(
            g.dep_ == "prep" and g.lower_ in {"of", "at", "for", "with"} for g in c.children
        )
    ]


def _verb_between(token: Token, ancestor: Token) -> bool:
    node = token.head
    while node.i != ancestor.i and node.head.i != node.i:
        if node.pos_ in {"VERB", "AUX"}:
            return True
        node = node.head
    return False


def _government_of(place: str, entities: dict[str, Entity], lexicon: Lexicon) -> str | None:
    """The one organisation of the document that governs the place by name ("Qingyang
    Municipal People's Government" for Qingyang; the lexicon's ``kg:governsPlace`` heads)."""
    if place not in entities:
        return None
    names = set()
    for name in (entities[place].label, *entities[place].aliases):
        short = without_kind_noun(name, lexicon.kinds, lexicon.designations) or name
        names |= {name.casefold() + " ", short.casefold() + " "}  # "Guizhou Province": "Guizhou"
    found = [
        key
        for key, e in entities.items()
        if key_group(key) == "Organization"
        and any(e.label.casefold().startswith(n) for n in names)
        and e.label.split()[-1].title() in lexicon.place_governments  # "municipal government"
    ]
    return found[0] if len(found) == 1 else None


def _role_label(role: Token, lexicon: Lexicon) -> str:
    """The role as the text names it, singular and lower-case: "deputy director", "research
    fellow", "vice minister" (from "vice-minister"), "director-general"."""
    mods = [
        c.lower_.rstrip("-")
        for c in role.lefts
        if c.dep_ in {"amod", "compound", "nmod"} and c.lower_.rstrip("-") in lexicon.role_modifiers
    ]
    head = role.lemma_.lower() if role.tag_ in {"NNS", "NNPS"} else role.lower_
    doc = role.doc
    if role.i >= 2 and doc[role.i - 1].text == "-":  # a hyphenated role, read from its parts
        before = doc[role.i - 2].lower_
        if before in lexicon.roles or (before in lexicon.role_modifiers and len(before) <= 2):
            head = f"{before}-{head}"  # "director-general"; a prefix, not a word: "co-director"
            mods += [  # "deputy director-general": the modifiers of the first part
                c.lower_
                for c in doc[role.i - 2].lefts
                if c.dep_ in {"amod", "compound", "nmod"}
                and c.lower_ in lexicon.role_modifiers
                and c.lower_ not in mods
            ]
        elif before in lexicon.role_modifiers and before not in mods:
            mods.append(before)
    # "director general" written apart: the "general" after the role is part of it
    if any(c.dep_ == "amod" and c.lower_ == "general" and c.i == role.i + 1 for c in role.rights):
        head = f"{head} general"
    elif _hyphenated_after(role) and doc[role.i + 2].head.i == role.i:
        head = f"{head}-{doc[role.i + 2].lower_}"  # "director-general", the parse's head first
    return " ".join([*mods, head])
