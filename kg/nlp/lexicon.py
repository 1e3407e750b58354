"""The domain lexicon and pattern files of ontology/, read into plain records.

The lexicon is a SKOS concept scheme (``ontology/lexicon.ttl``); patterns are JSON
(``ontology/patterns/*.json``). Both are data a user extends without touching code.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import SKOS

from kg.errors import OntologyError
from kg.nlp.classes import group_of

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"
KG_NS = "https://w3id.org/kg-ict/ontology#"
LEX_NS = "https://w3id.org/kg-ict/lexicon#"


@dataclass(frozen=True)
class Term:
    """A lexicon concept: its IRI, canonical label, class and every surface form to match."""

    concept: str
    label: str
    cls: str
    forms: tuple[str, ...]


#: prepositions after an organisation name's head word ("Center for ...")
_NAME_PREPOSITIONS = frozenset({"of", "for", "on"})


@dataclass(frozen=True)
class Units:
    """The words of figures (``ontology/units.json``): currency words -> ISO 4217 code, percent
    words, scale and number words -> value, units of measure -> the unit recorded, verbs whose
    subject the figure in their object measures, prepositions naming what money is spent on,
    prepositions whose figure measures the verb's object ("value X at $9.63 billion") or else its
    subject ("runs at 400 Gbps"), nouns of change ("a decrease of 0.6%") and nouns for the whole
    a share is of ("98.2 percent of the total").
    Multi-word keys ("per cent") are matched word by word."""

    currencies: dict[str, str] = field(default_factory=dict)
    percent: frozenset[str] = frozenset()
    scales: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)
    measuring_verbs: frozenset[str] = frozenset()
    spending_prepositions: frozenset[str] = frozenset()
    measuring_prepositions: frozenset[str] = frozenset()
    change_nouns: frozenset[str] = frozenset()
    #: nouns for the whole a share is of ("98.2 percent of the total")
    whole_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    org_heads: tuple[tuple[str, str], ...]  # (head word, class), most specific class first
    anaphors: dict[
        str, frozenset[str]
    ]  # "the ministry" -> lower-cased head words and classes it refers to
    roles: dict[str, str]  # lower-cased head word -> role label
    speaking_roles: frozenset[str]  # head words of roles that speak for their organisation
    #: head words (lower case) of units whose people speak for the unit itself: "branch"
    self_speaking_units: frozenset[str]
    #: head words of organisations that govern the place they are named after: "Government"
    place_governments: frozenset[str]
    family_names: frozenset[str]
    role_modifiers: frozenset[str]
    event_heads: dict[str, str]  # lemma -> class
    facility_heads: dict[str, str]  # lemma -> class
    #: facility heads that name institutions too ("hospital"): the model's organisation stays
    institution_heads: frozenset[str]
    ignorable: frozenset[str]
    technical: frozenset[str]
    #: modifiers that name a narrower kind of a lexicon term ("rural broadband")
    narrowing: frozenset[str]
    term_patterns: tuple[dict, ...]
    relation_patterns: tuple[dict, ...]
    name_titles: frozenset[str] = frozenset()  # "Mr", "President": part of a person's name span
    actions: dict[str, str] = field(default_factory=dict)  # lemma -> action concept ("killing")
    abbreviations: frozenset[str] = frozenset()  # "ICT", "GDP": abbreviations, never names
    transparent_heads: frozenset[str] = frozenset()  # "the TD-LTE standard" is TD-LTE
    kinds: dict[str, str] = field(default_factory=dict)  # lower-cased common noun -> class
    owner_kinds: dict[str, str] = field(default_factory=dict)  # "mayor" -> Place ("X's mayor")
    name_heads: dict[str, str] = field(default_factory=dict)  # "Forest" -> Place
    # "province", "new area" (case-folded): designations a place's short name stands for
    designations: frozenset[str] = frozenset()
    # "Municipal", "Provincial": after a place's name, an organisation of its government
    place_adjectives: frozenset[str] = frozenset()
    # "born in": after them a place written with its region ("Amherst, Mass.") is one place
    region_cues: frozenset[str] = frozenset()
    not_name_heads: frozenset[str] = frozenset()  # "Initiative", "Act": titles, not names
    portfolios: dict[str, str] = field(default_factory=dict)  # "minister" -> "Ministry"
    units: Units = field(default_factory=Units)  # the words of figures

    @functools.cached_property
    def concept_forms(self) -> dict[str, frozenset[str]]:
        """Each concept's forms, case-folded (computed once per lexicon)."""
        return {t.concept: frozenset(f.casefold() for f in t.forms) for t in self.terms}

    @functools.cached_property
    def org_forms(self) -> dict[str, str]:
        """Case-folded form -> concept, for the lexicon's organisations."""
        return {
            form: t.concept
            for t in self.terms
            if group_of(t.cls) == "Organization"
            for form in self.concept_forms[t.concept]
        }

    def org_class(self, name_tokens: list[str]) -> str:
        """Class implied by an organisation name's head word: the word before its first "of",
        "for" or "on" ("Ministry of X", "Research Center for X", "Committee on X"), else its
        last word."""
        first = next(
            (i for i, w in enumerate(name_tokens) if i > 0 and w in _NAME_PREPOSITIONS), None
        )
        heads = [name_tokens[-1]] if first is None else [name_tokens[first - 1], name_tokens[-1]]
        for head in heads:
            cls = self._org_head_classes.get(head.rstrip("."))  # "Co., Ltd."
            if cls is not None:
                return cls
        return "Organization"

    @functools.cached_property
    def _org_head_classes(self) -> dict[str, str]:
        """Head word -> the most specific class ``org_heads`` gives it (the first listed)."""
        classes: dict[str, str] = {}
        for word, cls in self.org_heads:
            classes.setdefault(word, cls)
        return classes


def plural(phrase: str) -> str:
    """English plural of the last word of a phrase (enough for lexicon terms)."""
    head, _, last = phrase.rpartition(" ")
    low = last.lower()
    if not last or not last[-1].isalpha() or last.isupper():
        return phrase
    if low.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def _local(iri: rdflib.term.Node) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _read_json(path: Path) -> tuple[dict, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise OntologyError(f"cannot read pattern file {path}: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(p, dict) and "id" in p for p in data):
        raise OntologyError(f"{path}: expected a JSON list of patterns, each with an 'id'")
    return tuple(data)


def _read_units(path: Path) -> Units:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Units(
            currencies={w: code for code, words in data["currencies"].items() for w in words},
            percent=frozenset(data["percent"]),
            scales={w: int(v) for w, v in data["scales"].items()},
            numbers={w: int(v) for w, v in data["numbers"].items()},
            measures=dict(data["units"]),
            measuring_verbs=frozenset(data["measuring_verbs"]),
            spending_prepositions=frozenset(data["spending_prepositions"]),
            measuring_prepositions=frozenset(data["measuring_prepositions"]),
            change_nouns=frozenset(data["change_nouns"]),
            whole_nouns=frozenset(data["whole_nouns"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise OntologyError(f"cannot read units file {path}: {exc}") from exc


def load_lexicon(ontology_dir: str | None = None) -> Lexicon:
    """Read the lexicon and pattern files of an ontology directory (cached per directory: the
    default one however it is named, so a process parses it once)."""
    return _load_lexicon(Path(ontology_dir) if ontology_dir else ONTOLOGY_DIR)


@functools.lru_cache(maxsize=4)
def _load_lexicon(base: Path) -> Lexicon:
    path = base / "lexicon.ttl"
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise OntologyError(f"cannot read lexicon {path}: {exc}") from exc
    kg = rdflib.Namespace(KG_NS)
    lex = rdflib.Namespace(LEX_NS)

    def in_scheme(scheme: rdflib.URIRef) -> list[rdflib.term.Node]:
        return sorted(graph.subjects(SKOS.inScheme, scheme))

    def heads(concept: rdflib.term.Node) -> list[str]:
        return sorted(str(h) for h in graph.objects(concept, kg.headWord))

    def cls_of(concept: rdflib.term.Node, default: str) -> str:
        value = graph.value(concept, kg.entityClass)
        return _local(value) if value is not None else default

    terms = []
    schemes = [(c, True) for c in in_scheme(lex.terms)] + [
        (c, False) for c in in_scheme(lex.organizations)
    ]
    for concept, pluralise in schemes:
        label = graph.value(concept, SKOS.prefLabel)
        if label is None:
            raise OntologyError(f"{path}: concept {concept} has no skos:prefLabel")
        alts = sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))
        forms = {str(label), *alts}
        if pluralise:
            forms |= {plural(f) for f in forms}
        terms.append(
            Term(str(concept), str(label), cls_of(concept, "Infrastructure"), tuple(sorted(forms)))
        )

    # Order org heads so that more specific classes win: units and operators before the rest.
    order = {"OrganizationalUnit": 0, "TelecomOperator": 1, "EducationalOrganization": 2}
    org_heads = sorted(
        ((h, cls_of(c, "Organization")) for c in in_scheme(lex.orgTypes) for h in heads(c)),
        key=lambda hc: (order.get(hc[1], 9), hc[0]),
    )
    anaphors: dict[str, set[str]] = {}
    self_speaking = {
        h.lower()
        for c in in_scheme(lex.orgTypes)
        if (flag := graph.value(c, kg.speaksForItself)) is not None and flag.toPython()
        for h in heads(c)
    }
    for concept in in_scheme(lex.orgTypes):
        for word in graph.objects(concept, kg.anaphor):
            anaphors.setdefault(str(word).lower(), set()).update(h.lower() for h in heads(concept))
            anaphors[str(word).lower()].add(cls_of(concept, "Organization"))
    roles = {}
    speaking = set()
    portfolios = {}
    for concept in in_scheme(lex.roles):
        label = str(graph.value(concept, SKOS.prefLabel))
        for h in heads(concept):
            roles[h.lower()] = label
            if (head := graph.value(concept, kg.portfolioOf)) is not None:
                portfolios[h.lower()] = str(head)
            if (
                graph.value(concept, kg.speaksFor) is not None
                and graph.value(concept, kg.speaksFor).toPython()
            ):
                speaking.add(h.lower())
    family_names = frozenset(str(n) for n in graph.objects(lex.chineseNames, kg.familyName))
    name_titles = frozenset(str(n) for n in graph.objects(lex.nameTitles, kg.nameTitle))
    abbreviations = frozenset(
        str(n) for n in graph.objects(lex.abbreviations, kg.commonAbbreviation)
    )
    actions = {h.lower(): _local(c) for c in in_scheme(lex.actions) for h in heads(c)}
    events = {h.lower(): cls_of(c, "Event") for c in in_scheme(lex.eventTypes) for h in heads(c)}
    institutions = frozenset(
        h.lower()
        for c in in_scheme(lex.facilities)
        if (flag := graph.value(c, kg.alsoOrganization)) is not None and flag.toPython()
        for h in heads(c)
    )
    facilities = {
        h.lower(): cls_of(c, "Facility") for c in in_scheme(lex.facilities) for h in heads(c)
    }
    role_mods = frozenset(str(m).lower() for m in graph.objects(lex.roles, kg.roleModifier))
    ignorable = frozenset(
        str(m).lower() for m in graph.objects(lex.modifiers, kg.ignorableModifier)
    )
    technical = frozenset(
        str(m).lower() for m in graph.objects(lex.modifiers, kg.technicalModifier)
    )
    narrowing = frozenset(
        str(m).lower() for m in graph.objects(lex.modifiers, kg.narrowingModifier)
    )
    transparent = frozenset(
        str(m).lower() for m in graph.objects(lex.modifiers, kg.transparentHead)
    )
    kinds = {h.lower(): cls_of(c, "Organization") for c in in_scheme(lex.kinds) for h in heads(c)}
    for word, classes in anaphors.items():
        named = sorted(c for c in classes if c[:1].isupper())
        kinds.setdefault(word, named[0] if len(named) == 1 else "Organization")
    for word in roles:
        kinds.setdefault(word, "Person")
    owner_kinds = {
        str(w).lower(): cls_of(c, "Organization")
        for c in in_scheme(lex.kinds)
        for w in graph.objects(c, kg.ownedNoun)
    }
    name_heads = {
        str(w): cls_of(c, "Organization")
        for c in in_scheme(lex.kinds)
        for w in graph.objects(c, kg.nameHead)
    }
    designations = frozenset(
        str(w).casefold() for c in in_scheme(lex.kinds) for w in graph.objects(c, kg.designation)
    )
    if not terms or not roles:
        raise OntologyError(f"{path}: the lexicon has no terms or no roles")
    return Lexicon(
        terms=tuple(terms),
        org_heads=tuple(org_heads),
        anaphors={k: frozenset(v) for k, v in sorted(anaphors.items())},
        roles=roles,
        speaking_roles=frozenset(speaking),
        self_speaking_units=frozenset(self_speaking),
        place_governments=frozenset(
            str(w) for c in in_scheme(lex.orgTypes) for w in graph.objects(c, kg.governsPlace)
        ),
        portfolios=portfolios,
        family_names=family_names,
        role_modifiers=role_mods,
        event_heads=events,
        facility_heads=facilities,
        institution_heads=institutions,
        ignorable=ignorable,
        technical=technical,
        narrowing=narrowing,
        term_patterns=_read_json(base / "patterns" / "entities.json"),
        relation_patterns=_read_json(base / "patterns" / "relations.json"),
        units=_read_units(base / "units.json"),
        name_titles=name_titles,
        actions=actions,
        abbreviations=abbreviations,
        transparent_heads=transparent,
        kinds=kinds,
        designations=designations,
        place_adjectives=frozenset(
            str(w) for c in in_scheme(lex.kinds) for w in graph.objects(c, kg.placeAdjective)
        ),
        region_cues=frozenset(
            str(w) for c in in_scheme(lex.kinds) for w in graph.objects(c, kg.namedWithRegionAfter)
        ),
        owner_kinds=owner_kinds,
        name_heads=name_heads,
        not_name_heads=frozenset(str(w) for w in graph.objects(lex.kinds, kg.notNameHead)),
    )


__all__ = ["ONTOLOGY_DIR", "Lexicon", "Term", "Units", "load_lexicon", "plural"]
