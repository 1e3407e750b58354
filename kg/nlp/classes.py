"""The top class of the ontology each mention class falls under."""

from __future__ import annotations

from collections.abc import Mapping, Set
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module is read where spaCy is not loaded (kg.rdf, a build's parent)
    from spacy.tokens import Doc, Token

GROUPS = {
    "Person": "Person",
    "Place": "Place",
    "Facility": "Place",
    "Infrastructure": "Infrastructure",
    "ConsumptionForm": "ConsumptionForm",
}


@cache  # a few dozen classes, asked for once per mention and more
def group_of(cls: str) -> str:
    """The top class of the ontology a class falls under (organisation subclasses included)."""
    return GROUPS.get(cls, "Event" if cls.endswith(("Event", "Conference")) else "Organization")


def without_kind_noun(
    name: str, kinds: Mapping[str, str], designations: Set[str] = frozenset()
) -> str | None:
    """A place's name without the lower-case kind noun written after it ("Guizhou province":
    "Guizhou"; "Mexico City" keeps its capitalised word) or the designation its short name
    stands for ("Gui'an New Area": "Gui'an"), or None when it ends in neither."""
    words = name.split()
    if len(words) > 1 and words[-1].islower() and group_of(kinds.get(words[-1], "")) == "Place":
        return " ".join(words[:-1])
    for n in (2, 1):  # a designation the short name stands for: "Gui'an New Area"
        if len(words) > n and " ".join(words[-n:]).casefold() in designations:
            return " ".join(words[:-n])
    return None


def kind_after_place(doc: Doc, place: list[bool], kinds: dict[str, str]) -> dict[int, int]:
    """Lower-case kind nouns that a place's name modifies ("province" of "Zhejiang province",
    "city" of "Xining city"): each noun's index -> the index of the name's last word. They are
    the place for the relations the noun takes part in ("Hangzhou, capital of Zhejiang
    province"), no part of its name. ``place[i]``: whether token ``i`` is in a place's mention."""
    found = {}
    for i in range(1, len(doc)):
        if not place[i - 1] or place[i]:
            continue
        token = doc[i]
        if (
            token.is_lower
            and group_of(kinds.get(token.lower_, "")) == "Place"
            and doc[i - 1].head.i == i
        ):
            found[i] = i - 1
    return found


def facility_head(token: Token, heads: Mapping[str, str]) -> str:
    """The facility head word (of ``heads``, the lexicon's) that ``token`` ends, of two words
    ("exhibition center") or one ("hospital"), in lower case; "" when it ends none."""
    one = token.lemma_.lower()
    two = f"{token.doc[token.i - 1].lemma_.lower()} {one}" if token.i > 0 else one
    return two if two in heads else one if one in heads else ""
