"""spaCy component: the mentions of a document, one class each.

It merges the statistical NER (people, organisations, places), the lexicon terms of
``kg_terms`` and named facilities ("Huoshenshan and Leishenshan hospitals"), cleans their edges
(determiners, possessives, a role word glued to an organisation name), and adds the
repetitions a model misses: a person's name written again in other casing or by surname alone,
and an acronym the text defines ("... Reform Commission (NDRC)"). Results: ``doc.spans["kg_mentions"]``
(label = class, ``id_`` = rule, ``kb_id_`` = concept) and, on each token, ``_.kg_class`` and
``_.kg_group`` (the top class: Person, Organization, Place, ...).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.attrs import IS_STOP, POS, SPACY, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import AUX, DET, NOUN, PRON, PUNCT, VERB
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.header import PUBLISHER_LABELS
from kg.nlp.acronyms import acronym_definitions, defined_by_common_words
from kg.nlp.classes import facility_head, group_of, without_kind_noun
from kg.nlp.datelines import byline_names, source_lines
from kg.nlp.datelines import datelines as find_datelines
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.names import (
    aged_person,
    as_defined,
    as_named_in_full,
    capitalised_word,
    company_short_names,
    first_letter_upper,
    joined_over_hyphens,
    legal_names,
    named_with_age,
    places_by_head,
    quoted_in_full,
    regional_names,
    with_company_suffix,
    written_in_lower_case,
)
from kg.nlp.portfolios import portfolio_mentions
from kg.nlp.terms import SPANS_KEY as TERMS_KEY
from kg.nlp.units import RULE as UNIT_RULE
from kg.nlp.units import UNIT_CLASS, owned_units
from kg.nlp.words import Words

SPANS_KEY = "kg_mentions"
NER_CLASSES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Facility",
}
POSSESSIVE_DETERMINERS = {"my", "our", "your", "his", "her", "its", "their"}
#: what is done to an event, and where one is: "held the ... Forum", "at the ... Summit"
EVENT_VERBS = frozenset(
    {
        "hold",
        "organize",
        "organise",
        "co-organize",
        "host",
        "open",
        "attend",
        "address",
        "tell",
        "convene",
        "launch",
        "close",
    }
)
EVENT_PREPOSITIONS = frozenset({"at", "during"})
#: what an event does as a verb's subject: "the Festival kicked off", "the Expo opened"
EVENT_SUBJECT_VERBS = frozenset({"open", "kick", "close", "start", "begin", "conclude"})
#: what an organisation's initials look like on their own: "FAA", "U.N."
_ORG_INITIALS = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,5})$")

for _name in ("kg_class", "kg_group"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default="")
if not Doc.has_extension("kg_acronyms"):
    Doc.set_extension("kg_acronyms", default=())


#: the rule of an organisation's name that goes on with its place ("... of Guizhou Province")
OF_PLACE = "org.of-place"


@Language.factory(
    "kg_mentions",
    default_config={"ontology_dir": None},
    assigns=["doc.spans", "token._.kg_class", "token._.kg_group", "doc._.kg_acronyms"],
    requires=["doc.ents", "doc.spans"],
)
def make_mentions(nlp: Language, name: str, *, ontology_dir: str | None) -> MentionFinder:
    return MentionFinder(load_lexicon(ontology_dir), verb_forms(nlp))


def verb_forms(nlp: Language) -> frozenset[str]:
    """Irregular verb forms that are no noun or adjective ("sped", "went"), from the tables of
    the pipeline's lemmatizer (none without one)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_exc") or not lookups.has_table("lemma_index"):
        return frozenset()
    exceptions, index = lookups.get_table("lemma_exc"), lookups.get_table("lemma_index")
    others = {w for pos in ("noun", "adj", "propn") for w in index.get(pos, ())}
    return frozenset(w for w in exceptions.get("verb", {}) if w not in others)


class MentionFinder:
    def __init__(self, lexicon: Lexicon, verb_forms: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        self._known = {f for term in lexicon.terms for f in term.forms}
        self._verb_forms = verb_forms
        self._unit_nouns = frozenset(
            word for word, classes in lexicon.anaphors.items() if UNIT_CLASS in classes
        )
        self._org_nouns = frozenset(lexicon.anaphors)
        self._company_suffixes = frozenset(w for w, cls in lexicon.org_heads if cls == "Company")
        self._role_words = frozenset(lexicon.roles)
        self._region_cues = tuple(tuple(cue.lower().split()) for cue in sorted(lexicon.region_cues))
        self._org_head_words = frozenset(head for head, _ in lexicon.org_heads)
        # a facility's head, and the words after a space in one ("center" of "convention center")
        self._facility_words = frozenset(lexicon.facility_heads) | {
            head[k + 1 :] for head in lexicon.facility_heads for k, c in enumerate(head) if c == " "
        }

    def __call__(self, doc: Doc) -> Doc:
        words = self._read(doc)
        facilities = self._facilities(doc)
        # a name a facility's head of two words ends is the facility's ("... Convention
        # Center"), not the organisation its last word would make it
        two_word_heads = {
            (s.start, s.end)
            for s in facilities
            if len(s) > 1 and " " in facility_head(s[-1], self.lexicon.facility_heads)
        }
        spans = []
        named_orgs = []
        for term in doc.spans.get(TERMS_KEY, []):
            if (term.start, term.end) in two_word_heads and not term.kb_id_:
                continue
            if group_of(term.label_) == "Organization":
                span = self._clean(doc, term.start, term.end, term.label_, term.id_, term.kb_id_)
                if span is not None and span.id_ != "coref.definite":
                    named_orgs.append(span)
                    spans.append(span)
            else:
                spans.append(term)
        spans += facilities
        for ent in doc.ents:
            cls = NER_CLASSES.get(ent.label_)
            span = self._clean(doc, ent.start, ent.end, cls) if cls else None
            # a NER span that runs several organisation names together gives way to them
            if (
                span is None
                or sum(span.start <= o.start and o.end <= span.end for o in named_orgs) >= 2
                or self._unit_after_its_owner(span, named_orgs)
                or self._is_a_common_word(span)
            ):
                continue
            spans.append(span)
        spans = self._split_owned_names(doc, joined_over_hyphens(spans))
        spans += self._anaphors(doc, spans)
        common = self._not_names | self._lower_words
        datelines = (
            find_datelines(doc, words) + source_lines(doc, words, common) + byline_names(doc, words)
        )
        spans = filter_spans(_outside(spans, datelines) + datelines)
        spans = filter_spans(
            spans
            + self._people_by_shape(doc, spans)
            + legal_names(doc, words, self.lexicon.org_class, self._role_words)
            + named_with_age(doc, spans, words)
            + self._named_by_kind(doc, spans)
            + places_by_head(doc, spans, self.lexicon.name_heads)
        )
        spans = regional_names(
            quoted_in_full(doc, as_named_in_full(doc, with_company_suffix(doc, spans, words)))
        )
        spans = filter_spans(
            self._with_coordinated_words(doc, spans)
            + self._with_its_place(doc, spans)
            + self._after_its_place(doc, spans)
            + spans
        )
        spans = filter_spans(  # a unit with its owner before the model's guess of the same words
            portfolio_mentions(doc, spans, words, self.lexicon)
            + owned_units(doc, spans, words, self._unit_nouns, self._org_nouns, self._role_words)
            + spans
        )
        spans = filter_spans(
            spans + written_in_lower_case(doc, spans, words, self.lexicon.org_heads)
        )
        repeated = self._repeated_names(doc, spans)
        replaced = {(s.start, s.end) for s in repeated}
        spans = [s for s in spans if (s.start, s.end) not in replaced] + repeated
        acronyms, extra = acronym_definitions(doc, spans, self._words)
        spans = self._with_titles(doc, sorted(filter_spans(extra + spans), key=lambda s: s.start))
        spans = _region_abbreviations([self._of_its_kind(aged_person(doc, s)) for s in spans])
        short, spans = company_short_names(doc, spans, self._company_suffixes)
        acronyms += short
        spans = as_defined(_listed_with_places(self._places_named_as_people(doc, spans)), acronyms)
        spans = _named_with_region(spans, self._region_cues)
        doc.spans[SPANS_KEY] = spans
        doc._.kg_acronyms = acronyms
        for span in spans:
            cls, group = span.label_, group_of(span.label_)
            for token in span:
                underscore = token._
                underscore.kg_class = cls
                underscore.kg_group = group
        return doc

    def _read(self, doc: Doc) -> Words:
        """Read what the finder looks at in a doc, once: its words and tags, the words it writes
        in lower case, those a possessive determiner owns, the words that are no names."""
        words = Words.of(doc)
        self._words = words
        unnamed = {w for w, entity in zip(words.text, words.entity, strict=True) if not entity}
        self._lower_words = {w for w in unnamed if w.isalpha() and w.islower()}
        self._tags = _Tags.of(doc)
        possessives = _possessives(doc, words)
        # the words a possessive determiner belongs to ("our Headquarters")
        self._owners = frozenset(owned for i, owned in possessives.items() if owned != i)
        self._bracketed: set[str] | None = None  # see _bracketed_words
        self._lines: _Lines | None = None  # see _lines_of
        self._not_names = (
            self.lexicon.abbreviations
            | defined_by_common_words(doc, words)
            | _owned_words(doc, words, possessives)
        )
        return words

    def _split_owned_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A name the model ran on over "of" into its owner's: "Industrial Internet Research
        Center of South China University of Technology", "Institute of Computing Technology of
        the Chinese Academy of Sciences": the part before an "of" is an organisation by its head
        word (two words or more: "Ministry of Commerce" is one name), and so is the part after,
        or the lexicon knows it. Two mentions: the unit (named after its owner, kg.resolve)
        and the owner, so the unit can be linked to it."""
        out = []
        for span in spans:
            parts = self._owned_parts(doc, span) if span.label_ != UNIT_CLASS else None
            out += parts or [span]
        return out

    def _owned_parts(self, doc: Doc, span: Span) -> list[Span] | None:
        if group_of(span.label_) != "Organization" or span.kb_id_:
            return None
        text, lower = self._words.text, self._words.lower
        for k in range(span.end - 2, span.start + 1, -1):
            if lower[k] != "of":
                continue
            left = text[span.start : k]
            start = k + 2 if lower[k + 1] == "the" else k + 1
            right = text[start : span.end]
            if not right or not right[0][:1].isupper() or "and" in _before_of(right):
                continue  # "Beijing University of Posts and Telecommunications": one name
            org_class = self.lexicon.org_class
            # the lexicon's organisation, or a short name the text defines in brackets ("USTC")
            known = " ".join(right).casefold() in self.lexicon.org_forms or (
                len(right) == 1 and right[0] in self._bracketed_words()
            )
            if org_class(left) != "Organization" and (org_class(right) != "Organization" or known):
                return [
                    Span(doc, span.start, k, label=UNIT_CLASS, span_id=UNIT_RULE),
                    Span(doc, start, span.end, label=org_class(right), span_id=span.id_),
                ]
        return None

    def _bracketed_words(self) -> set[str]:
        """Words the doc writes alone in brackets ("(USTC)"), read once per doc."""
        if self._bracketed is None:
            self._bracketed = {self._words.text[i] for i in self._words.bracketed()}
        return self._bracketed

    def _places_named_as_people(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A one-word "person" the document names as a place elsewhere is that place: right
        before a role, the place whose role it is ("Yinchuan Vice-Mayor Ma Xiaoyan", the
        model's person "Yinchuan" and its place "in Yinchuan"); anywhere when the document
        names the place with its kind noun ("Guizhou had put ..." after "in Guizhou
        province") or when no person's full name has the word ("Ulanqab is cool" after "in
        Ulanqab", where "Han said" after "Han Dongmei" stays a person)."""
        if not any(span.label_ == "Person" and len(span) == 1 for span in spans):
            return list(spans)
        text, lower = self._words.text, self._words.lower
        places = {s.text for s in spans if group_of(s.label_) == "Place"}
        # "Yueyang Municipal Bureau of ...": the words before a place adjective name a place
        adjectives = self.lexicon.place_adjectives
        places |= {
            s[: k - s.start].text
            for s in spans
            if group_of(s.label_) == "Organization"
            for k in range(s.start + 1, s.end)
            if text[k] in adjectives
        }
        with_kind = {
            name
            for s in spans
            if group_of(s.label_) == "Place"
            and (name := without_kind_noun(s.text, self.lexicon.kinds, self.lexicon.designations))
            is not None
        }
        # words of people's full names: a lone one is a surname ("Han said"), no place
        name_words = {
            w
            for s in spans
            if group_of(s.label_) == "Person" and len(s) > 1
            for w in s.text.split()
        }
        named_places = places | with_kind
        out = []
        for span in spans:
            word = text[span.start]  # the text of a one-word span
            if span.label_ == "Person" and len(span) == 1 and word in named_places:
                i = span.end
                while i < len(doc) and (text[i] == "-" or lower[i] in self.lexicon.role_modifiers):
                    i += 1
                if i < len(doc) and lower[i] in self.lexicon.roles:
                    span = Span(
                        doc, span.start, span.end, label="Place", span_id="place.role-owner"
                    )
                elif word in with_kind or word not in name_words:
                    span = Span(doc, span.start, span.end, label="Place", span_id="place.named")
            out.append(span)
        return out

    def _all_role_words(self, lower: list[str]) -> bool:
        """Whether the words (in lower case) only name a role ("Executive Director",
        "Spokesperson"), as a role written with capitals does: no person's name."""
        roles, modifiers = self.lexicon.roles, self.lexicon.role_modifiers
        return all(w in roles or w in modifiers for w in lower)

    def _unit_after_its_owner(self, span: Span, named_orgs: list[Span]) -> bool:
        """Whether a name the model found is a known organisation's unit, written after it:
        "China Telecom Gansu Branch" (the unit is then found with its owner, see kg.nlp.units)."""
        return self._words.lower[span.end - 1] in self._unit_nouns and any(
            o.start == span.start and o.end < span.end - 1 for o in named_orgs
        )

    def _with_its_place(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Organisation names that go on with "of" and an administrative place: "the Department
        of Commerce of Guizhou Province" is one department, not Guizhou's among every province's
        "Department of Commerce" (the place's head word is a lexicon ``kg:nameHead`` of places)."""
        text, lower = self._words.text, self._words.lower
        places = {
            s.start: s
            for s in spans
            if group_of(s.label_) == "Place"
            and self.lexicon.name_heads.get(text[s.end - 1]) == "Place"
        }
        out = []
        for span in spans:
            if group_of(span.label_) != "Organization" or span.kb_id_ or span.end + 1 >= len(doc):
                continue
            if lower[span.end] != "of":
                continue
            at = span.end + 2 if lower[span.end + 1] == "the" else span.end + 1
            end = places[at].end if at in places else self._place_name_end(doc, at)
            if end is not None:
                out.append(Span(doc, span.start, end, label=span.label_, span_id="org.of-place"))
        return out

    def _after_its_place(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Organisation names that open with a place adjective right after a place's name the
        model took apart: "Bao'an" + "District People's Government" is one government (the
        lexicon's ``kg:placeAdjective``)."""
        ends = {s.end: s for s in spans if group_of(s.label_) == "Place"}
        return [
            Span(doc, ends[span.start].start, span.end, label=span.label_, span_id=span.id_)
            for span in spans
            if group_of(span.label_) == "Organization"
            and not span.kb_id_
            and span.start in ends
            and self._words.text[span.start] in self.lexicon.place_adjectives
        ]

    def _place_name_end(self, doc: Doc, start: int) -> int | None:
        """The end of capitalised words from ``start`` that end in a place's head word, when no
        mention took them ("Ningxia Hui Autonomous Region" inside a name the model ran on)."""
        end = start
        while end < len(doc) and end - start < 5 and capitalised_word(doc[end]):
            end += 1
        if end - start >= 2 and self.lexicon.name_heads.get(doc[end - 1].text) == "Place":
            return end
        return None

    def _with_coordinated_words(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Organisation names whose first words the model left out at an "and": "the Cloud
        Computing and Big Data Research Institute" (the model saw "Cloud Computing" as a name of
        its own, "Big Data Research Institute" as the organisation). The words before "and" are
        capitalised words that no organisation or place is named by, after "the"."""
        heads, text, lower = self._org_head_words, self._words.text, self._words.lower
        after_and = [
            span
            for span in spans
            if span.start >= 3
            and lower[span.start - 1] == "and"
            and group_of(span.label_) == "Organization"
            and text[_head_before_of(lower, span.start, span.end) - 1] in heads
        ]
        if not after_and:
            return []
        taken = {
            i
            for s in spans
            if group_of(s.label_) in {"Organization", "Place"}
            for i in range(s.start, s.end)
        }
        out = []
        for span in after_and:
            start = span.start - 1
            while start > 0 and capitalised_word(doc[start - 1]) and start - 1 not in taken:
                start -= 1
            if start < span.start - 1 and start > 0 and doc[start - 1].lower_ == "the":
                out.append(Span(doc, start, span.end, label=span.label_))
        return out

    def _names_a_title(self, tokens: Span) -> bool:
        """Whether the name, in quotes, is that of the plan, strategy or award the common noun
        after it says ("the “Big Connectivity” strategy"): a lexicon ``kg:notNameHead`` in
        lower case after the closing quote ("the Bush campaign", unquoted, keeps its person)."""
        doc, i = tokens.doc, tokens.end
        if i >= len(doc) or not doc[i].is_quote:
            return False
        while i < len(doc) and doc[i].is_quote:
            i += 1
        if i >= len(doc) or not doc[i].is_lower:
            return False
        return doc[i].text.capitalize() in self.lexicon.not_name_heads

    def _is_a_common_word(self, span: Span) -> bool:
        """One word the model took for a person's name that is a common word: a kind noun of
        the lexicon ("President", "Mayor" alone) or an irregular verb form that is no noun
        ("Sped" opening a line of bullet points)."""
        if len(span) != 1 or span.label_ != "Person":
            return False
        word = span[0].lower_
        return word in self.lexicon.kinds or word in self._verb_forms

    def _clean(
        self, doc: Doc, start: int, end: int, cls: str, rule: str = "ner", concept: str = ""
    ) -> Span | None:
        """Trim a span to the name itself and decide its class, or reject it as junk."""
        text, lower, pos, tag = self._words.text, self._words.lower, self._tags.pos, self._tags.tag
        while start < end and (pos[start] in {DET, PRON, PUNCT} or text[start].isspace()):
            start += 1
        owner = next((i for i in range(start, end) if tag[i] in _POSSESSIVE), None)
        if owner is not None and all(text[i].islower() for i in range(start, owner)):
            start = owner + 1  # "the academy's Technology ... Institute": the owner is no name
        start = _with_its_opening_bracket(doc, text, start, end)
        for i in range(start, end):  # "Ministry of Commerce (MOFCOM" ends before the bracket
            if text[i] in "([{" and not any(text[j] in ")]}" for j in range(i, end)):
                end = i
                break
            if text[i].isspace():  # a run of spaces parts a header's fields: "Commerce    Release"
                end = i
                break
        while end > start and (
            tag[end - 1] in _NO_NAME_END or doc[end - 1].is_punct or text[end - 1].isspace()
        ):
            end -= 1  # "the Ministry of Culture and Tourism and", "Bureau of Trade of the": the
            # model ran on into the next words
        if cls == "Organization":
            while end - start > 1 and lower[end - 1] in self.lexicon.roles:
                end -= 1
            end = _before_common_owner(self._words, start, end)
            end = _listed_to_the_end(doc, self._words, start, end)
        if cls == "Person":  # titles are taken in again, the same way for every name
            while start < end and self._is_title_word(text[start]):
                start += 1
        if end <= start or _numbered(doc, self._words, end):
            return None  # "Pit No. 1": a numbered thing's label, the model's cut of it
        tokens = Span(doc, start, end)
        words = text[start:end]
        letters = "".join(words)  # the name's text without its spaces
        if len(letters) < 2 or not any(map(str.isalpha, letters)):
            return None
        if cls in {"Person", "Organization", "Place"} and not any(
            first_letter_upper(w) for w in words
        ):
            return None
        if cls == "Person" and (
            (len(words) == 1 and tokens[0].is_stop) or self._all_role_words(lower[start:end])
        ):
            return None
        if rule == "ner" and not self._looks_like_a_name(tokens, cls):
            return None
        if not concept and self._owned_description(tokens):
            return None
        if group_of(cls) == "Organization" and self._modifies_a_role(tokens):
            return None  # "Party secretary": the word is part of the role
        if rule == "ner" and group_of(cls) == "Organization" and self._names_an_event(tokens):
            return None  # "told the ... Development Forum": an event, found as one
        if group_of(cls) == "Organization":
            if len(words) == 1 and words[0].lower() in self.lexicon.anaphors:
                return Span(doc, start, end, label="Organization", span_id="coref.definite")
            if not concept:
                cls = self.lexicon.org_class(words)
        return Span(doc, start, end, label=cls, span_id=rule, kb_id=concept)

    def _names_an_event(self, tokens: Span) -> bool:
        """A name ending in an event word of the lexicon ("Forum", "Summit", "Expo") that the
        sentence treats as an event: held, organised or opened, attended or addressed, or where
        someone is or speaks ("at the ... Forum")."""
        head = tokens[-1]
        if head.lemma_.lower() not in self.lexicon.event_heads or tokens.root != head:
            return False
        verb = head.head
        if head.dep_ == "pobj":
            return verb.lower_ in EVENT_PREPOSITIONS
        if head.dep_ in {"dobj", "nsubjpass"}:
            return verb.lemma_.lower() in EVENT_VERBS
        if head.dep_ == "nsubj" and verb.lemma_.lower() in EVENT_SUBJECT_VERBS:
            return True  # "Festival kicked off", "the Expo opens"
        return any(
            c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in EVENT_VERBS for c in head.children
        )

    def _modifies_a_role(self, tokens: Span) -> bool:
        """One word of the lexicon's role modifiers right before a role word ("Party
        secretary and director of ...")."""
        lower, end = self._words.lower, tokens.end
        return (
            len(tokens) == 1
            and lower[tokens.start] in self.lexicon.role_modifiers
            and end < len(lower)
            and lower[end] in self.lexicon.roles
        )

    def _owned_description(self, tokens: Span) -> bool:
        """ "our Headquarters", "our Parent Company": common nouns with capitals, owned by a
        possessive determiner (one word, or two ending in a kind noun; more are a unit's name:
        "its Network Security Management Division")."""
        owners = self._owners
        owned = any(tokens.start <= i < tokens.end for i in owners) and tokens.root.i in owners
        return owned and (
            len(tokens) == 1
            or (len(tokens) == 2 and self._words.lower[tokens.end - 1] in self.lexicon.kinds)
        )

    def is_title(self, token: Token) -> bool:
        """A title of the lexicon written before a name: "Mr.", "President"."""
        return self._is_title_word(token.text)

    def _is_title_word(self, word: str) -> bool:
        """:meth:`is_title` for a word's text (read from the doc's word lists)."""
        return word[:1].isupper() and word.rstrip(".") in self.lexicon.name_titles

    def _with_titles(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A person's mention takes in the titles written before it ("Mr. Smith")."""
        text = self._words.text
        out = []
        for i, span in enumerate(spans):
            start = span.start
            floor = spans[i - 1].end if i else 0
            while (
                span.label_ == "Person" and start > floor and self._is_title_word(text[start - 1])
            ):
                start -= 1
            if start != span.start:
                span = Span(doc, start, span.end, span.label_, span_id=span.id_, kb_id=span.kb_id_)
            out.append(span)
        return out

    def _of_its_kind(self, span: Span) -> Span:
        """A name the text calls a kind of thing takes that kind's class ("Tal, a senior
        official": a person; "the copper company Codelco": an organisation; "the resort town of
        Lowman": a place), whatever the statistical model said; a lexicon name keeps its own."""
        group = group_of(span.label_)
        if (
            span.kb_id_
            or span.id_ in {UNIT_RULE, "coref.definite"}
            or group
            not in {
                "Person",
                "Organization",
                "Place",
            }
        ):
            return span  # a unit with its owner ("China Mobile's Guizhou branch") is one; a
            # reference ("the company") is no name
        words = self._words.text[span.start : span.end]
        if group == "Organization" and self.lexicon.org_class(words) not in {
            "Organization",
            "Person",
        }:
            return span  # named by its own head: "the Department of Commerce of Sichuan Province"
        kind = self._kind(span)
        if kind is None and group in {"Place", "Person"} and span.id_ == "ner" and len(span) > 1:
            # "Guizhou Provincial People's Government", "Zhejiang Branch": a name ending in the
            # head word of an organisation is one, whatever place or person the model made of it
            # (for a place, only heads that never end a place's name)
            named = self.lexicon.org_class(words)
            allowed = _PLACE_LIKE_NOT if group == "Place" else {named} - {"Organization"}
            kind = named if named in allowed else None
        if kind is None or group_of(kind) == group:
            return span
        if group_of(kind) == "Person" and self.lexicon.org_class(words) not in {
            "Organization",
            "Person",
        }:
            return span  # "the head of the Department of ...": a department has a head
        return Span(span.doc, span.start, span.end, label=kind, span_id="kind")

    def _kind(self, span: Span) -> str | None:
        """The class the words around a name give it, if any."""
        lexicon = self.lexicon
        last = span[-1].text
        if last in lexicon.name_heads and len(span) > 1:  # "Ocala National Forest"
            return lexicon.name_heads[last]
        for noun, through_of in _kind_nouns(span):
            kind = lexicon.kinds.get(noun.lemma_.lower())
            # "the town of Lowman" is a place, but "the president of Boeing" is no person
            if kind is not None and not (through_of and group_of(kind) != "Place"):
                return kind
            owner = _owned_kind(lexicon, noun)
            if through_of and owner is not None:  # "the assassination of X"
                return owner
        root = span.root
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in _EMPLOYER_PREPOSITIONS
            and root.head.head.lower_ in lexicon.roles
            and not any(c.dep_ in {"compound", "nmod"} and c.i < span.start for c in root.children)
        ):
            return "Organization"  # "a telecoms analyst at Jefferies": where the role is held
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            root.dep_ in {"compound", "nmod"}
            and after is not None
            and after.is_lower
            and root.head.i in {after.i, after.head.i}
        ):
            kind = lexicon.kinds.get(after.lemma_.lower())
            if kind is not None and group_of(kind) == "Place":
                return kind  # "Chang'an district", "the Guojiaba township government"
        owner = _owned_kind(lexicon, root.head)
        if owner and root.dep_ == "poss":  # "X's mayor"
            return owner
        modifies = root.head.i >= span.end and root.head.pos_ == "NOUN"
        if owner and root.dep_ in {"compound", "nmod"} and modifies:  # "a Fargo native"
            return owner
        if any(
            c.dep_ == "relcl" and any(w.lower_ in {"who", "whom"} for w in c.children)
            for c in root.children
        ):
            return "Person"  # "Campbell, who is going": "who" is said of people
        if root.dep_ == "nsubjpass" and root.head.lemma_ == "bear":  # "X was born in"
            return "Person"
        victim = root.dep_ in {"dobj", "nsubjpass"} and root.head.pos_ == "VERB"
        if victim and lexicon.actions.get(root.head.lemma_.lower()) == "killing":
            return "Person"  # "Booth shot Lincoln", "X was assassinated": people are killed
        head = root.head.head
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and head.pos_ == "NOUN"
            and lexicon.actions.get(head.lemma_.lower()) == "killing"
        ):
            return "Person"  # "the shooting of X", "the killer of X"
        if _distance_before(span):  # "70 miles northeast of Boise"
            return "Place"
        return None

    def _named_by_kind(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A proper noun the model left untagged, with a kind noun in apposition after it, is a
        name of that kind: "Tal, a senior Defense Ministry official" (a person)."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        kinds, text, pos = self.lexicon.kinds, self._words.text, self._tags.pos
        lemmas = self._words.lemma
        found = []
        # Token objects only for kind nouns in lower case
        for i in [i for i, p in enumerate(pos) if p == NOUN and lemmas[i].lower() in kinds]:
            if not text[i].islower():
                continue
            kind = kinds[lemmas[i].lower()]
            token = doc[i]
            name = token.head
            if (
                token.dep_ != "appos"
                or name.i >= token.i
                or doc[name.i + 1].text != ","
                or name.i in taken
                or not _proper(name)
            ):
                continue
            start = name.i
            while start > 0 and name.i - start < 3 and _proper(doc[start - 1]):
                start -= 1
            if start - 1 in taken:
                continue
            found.append(Span(doc, start, name.i + 1, label=kind, span_id="kind"))
        return found

    def _looks_like_a_name(self, tokens: Span, cls: str) -> bool:
        """Reject what the statistical NER takes for a name but the document shows is not one.

        - a phrase of common words: every content word also occurs in lower case in the same
          document ("Customer Base", "Key Operating Data"), unless an organisation head word
          makes it a name ("Ministry of Industry and Information Technology");
        - an organisation written as a mixed-case acronym that the text never defines and the
          lexicon does not know ("IoTs"); an acronym the text defines comes back through the
          definition ("... (NDRC)"), and plain initials ("FAA", "U.N.") are taken as the model
          tags them;
        - a name seen only in Title Case Headings, never in the body text (but the value of a
          header's publisher field: "Source: China Securities Journal");
        - an abbreviation of common nouns, whatever class the model gave it: listed in the
          lexicon ("ICT", "Tbps") or defined by the text with words in lower case ("enterprise
          resource planning (ERP)");
        - one capitalised word, or words ending in a kind noun, owned by a possessive determiner
          ("our Headquarters", "our Parent Company");
        - the title of a plan, law or award (its last word is a lexicon ``kg:notNameHead``:
          "Forerunner Initiative");
        - one word in the plural taken for a person ("Highlights", "Headquarters");
        - a unit of measure after its figure ("41.06 ZB").
        """
        start, end = tokens.start, tokens.end
        names = self._words.text[start:end]
        if names[-1] in self.lexicon.not_name_heads or ":" in names:
            return False  # a title, or a heading run into its text ("Mobile Market: Rapid")
        if self._names_a_title(tokens):
            return False
        if (
            len(names) == 1
            and names[0].lower() in self.lexicon.units.measures
            and start > 0
            and tokens.doc[start - 1].like_num
        ):
            return False  # a unit of measure after its figure: "41.06 ZB"
        if cls == "Person" and len(names) == 1 and self._tags.tag[start] in _PLURAL:
            return False
        if cls == "Organization" and self.lexicon.org_class(names) != "Organization":
            return True
        doc = tokens.doc
        words = [w for i, w in enumerate(names, start) if w.isalpha() and not doc[i].is_stop]
        if words and all(w.lower() in self._lower_words for w in words):
            return False
        text = tokens.text
        if text in self._not_names or text.rstrip("s") in self._not_names:
            return False
        if self._owned_description(tokens):
            return False
        acronym = len(names) == 1 and sum(c.isupper() for c in text) >= 2
        if (
            cls == "Organization"
            and acronym
            and text not in self._known
            and not _ORG_INITIALS.match(text)
        ):
            return False
        if cls not in {"Organization", "Person"}:
            return True
        # bylines ("staff reporter Anna Berg") are label lines too: only organisations go there
        lines, labels = self._lines_of(tokens.doc), cls == "Organization"
        line = lines.of(start)
        heading_only = (
            lines.heading(line) or (labels and lines.label_line(line))
        ) and text not in lines.body_text(labels)
        # a title says a person is meant, heading or not ("Contact: Mr. Calvin Lam Tel: ..."),
        # and so does a byline's "By" ("By WANG XIAOLIN in Guiyang | China Daily")
        titled = cls == "Person" and (
            self._is_title_word(names[0])
            or (start > 0 and self._is_title_word(self._words.text[start - 1]))
            or _bylined(tokens)
        )
        published = labels and _after_publisher_label(tokens)
        return not (heading_only and not titled and not published)

    def _lines_of(self, doc: Doc) -> _Lines:
        """The doc's sentences as headings, label lines and body text, read once per doc."""
        if self._lines is None:
            self._lines = _Lines(doc, self._words, self._tags)
        return self._lines

    def _anaphors(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'the ministry', 'the company': a definite noun that refers back to an organisation;
        so does the noun a description in apposition to one is headed by ("X, a joint venture
        set up by ...": "the joint venture")."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        found = []
        text, lower, tag = self._words.text, self._words.lower, self._tags.tag
        nouns = self._org_nouns
        described = {noun.lower_ for noun in described_by(spans) if noun.i < len(doc)}
        named = {  # words of the organisations' names, in lower case
            w for s in spans if group_of(s.label_) == "Organization" for w in lower[s.start : s.end]
        }
        for i in [i for i, w in enumerate(lower) if (w in nouns or w in described) and i > 0]:
            if (
                i in taken
                or tag[i] not in _SINGULAR_NOUN
                or (i + 1 < len(doc) and lower[i + 1] == "of")
            ):
                continue
            tok = doc[i]
            # "the municipal government": adjectives in lower case may come between, which the
            # organisation referred to must be named with (see kg.resolve._antecedent)
            start = tok.i
            while (
                start > 1
                and text[start - 1].islower()
                and (
                    doc[start - 1].dep_ == "amod"
                    # "the joint research institute": a noun of the name of an organisation
                    or (doc[start - 1].dep_ == "compound" and lower[start - 1] in named)
                )
            ):
                start -= 1
            if lower[start - 1] == "the" and not any(
                c.dep_ in {"compound", "amod"} and c.i < start for c in tok.lefts
            ):
                found.append(
                    Span(doc, start, tok.i + 1, label="Organization", span_id="coref.definite")
                )
        return found

    def _facilities(self, doc: Doc) -> list[Span]:
        """Named facilities: proper-noun modifiers of a facility head ("Leishenshan hospital"),
        with the head when it is written with a capital ("Xiangya Hospital"; a head of another
        class than a place's only so: "Shaoguan Data Center")."""
        found = []
        heads = self.lexicon.facility_heads
        lemmas = self._words.lemma
        for i in [i for i, lemma in enumerate(lemmas) if lemma.lower() in self._facility_words]:
            lemma = lemmas[i]
            cls = heads.get(lemma.lower())
            if cls is None and i > 0:  # a head of two words: "convention center"
                cls = heads.get(f"{lemmas[i - 1]} {lemma}".lower())
            if cls is None:
                continue
            head = doc[i]
            if head.text[:1].isupper():
                # "Xiangya Hospital", "Kunming Changshui International Airport": the capitalised
                # words before a capitalised head and the head are the name
                start = head.i
                while (
                    start > head.sent.start
                    and first_letter_upper(doc[start - 1].text)
                    and doc[start - 1].pos_ != "DET"
                ):
                    start -= 1
                # unless the model took the whole name for an organisation ("Parkland Memorial
                # Hospital": an institution as much as a building)
                institution = lemma.lower() in self.lexicon.institution_heads
                if start < head.i and not (
                    institution and (start, head.i + 1) in _ner_organisations(doc)
                ):
                    found.append(Span(doc, start, head.i + 1, label=cls, span_id="facility.head"))
                continue
            if group_of(cls) != "Place":  # "a data center" in lower case is a term, no name
                continue
            names = [
                c
                for c in head.children
                if c.dep_ in {"compound", "amod", "nmod"}
                and c.text[:1].isupper()
                and len(c.text) > 1  # "10G port": a letter is no name
            ]
            names += [c for n in names for c in n.conjuncts if c.text[:1].isupper()]
            for name in names:
                start = min([c.i for c in name.lefts if c.dep_ == "compound"] + [name.i])
                found.append(Span(doc, start, name.i + 1, label=cls, span_id="facility.head"))
        return found

    def _people_by_shape(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """People the statistical model misses, recognised by how the text presents them.

        - "NAME, ROLE of ...": capitalised proper nouns with a role noun in apposition;
        - "ROLE NAME" ("reporter Liu Yang");
        - a common Chinese family name followed by a capitalised given name ("Su Shaolin").
        """
        taken = {i for s in spans for i in range(s.start, s.end)}
        # a given name the model took for a whole person: "He Lan, dean of ..." ("He" is a
        # family name, not the pronoun, before a name)
        given_alone = {s.start for s in spans if len(s) == 1 and group_of(s.label_) == "Person"}
        found = []
        roles, family_names = self.lexicon.roles, self.lexicon.family_names
        words = self._words

        def name_span(head: Token, rule: str, after: int = -1) -> None:
            names = [
                t
                for t in head.lefts
                if t.dep_ == "compound" and t.pos_ == "PROPN" and after < t.i < head.i
            ]
            start = min([t.i for t in names] + [head.i])
            while start < head.i and (  # "Vice-Mayor Ma Xiaoyan": the role is no part of it
                words.lower[start] in roles or words.lower[start] in self.lexicon.role_modifiers
            ):
                start += 1
            tokens = doc[start : head.i + 1]
            if (
                1 <= len(tokens) <= 4
                and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in tokens)
                and not any(t.i in taken for t in tokens)
                and self.lexicon.org_class(words.text[start : head.i + 1]) == "Organization"
                and (len(tokens) > 1 or rule == "person.family-name")
                and not self._all_role_words(words.lower[start : head.i + 1])
            ):
                found.append(Span(doc, start, head.i + 1, label="Person", span_id=rule))

        for i in [
            i
            for i, (w, low) in enumerate(zip(words.text, words.lower, strict=True))
            if low in roles or w in family_names
        ]:
            tok = doc[i]
            if words.lower[i] in roles and tok.pos_ in {"NOUN", "PROPN"}:
                if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
                    name_span(tok.head, "person.appos-role")
                elif tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i:
                    name_span(tok.head, "person.role-name", after=tok.i)  # not the role
            if words.text[i] not in family_names or i + 1 >= len(doc):
                continue
            nxt = doc[i + 1]
            if (
                nxt.pos_ == "PROPN"
                and nxt.is_title
                and nxt.is_alpha
                and nxt.text not in self.lexicon.family_names
                and tok.i not in taken
                and (nxt.i not in taken or nxt.i in given_alone)
                and self.lexicon.org_class([tok.text, nxt.text]) == "Organization"
            ):
                found.append(
                    Span(doc, tok.i, tok.i + 2, label="Person", span_id="person.family-name")
                )
        return found

    def _repeated_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A known person's full name in other casing, or their family or given name alone,
        also where the statistical model took that one word for an organisation ("Wang said"
        after "Wang Haiyan")."""
        full = [s for s in spans if s.label_ == "Person" and len(s) >= 2]
        lower = self._words.lower
        names = {tuple(lower[s.start : s.end]) for s in full}
        if not names:
            return []
        parts: dict[str, set[tuple[str, ...]]] = {}
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for name in sorted(names, key=lambda n: (-len(n), n)):  # the longest name first
            by_first.setdefault(name[0], []).append(name)
            for part in (name[0], name[-1]):
                parts.setdefault(part, set()).add(name)
        places = Counter(
            w for s in spans if group_of(s.label_) == "Place" for w in lower[s.start : s.end]
        )  # a word named as a place twice is a place ("Zhejiang Branch" is no "Zhejiang")
        taken = {
            i
            for s in spans
            if not (_guessed_word(s) or _lone_place_guess(s, places))
            for i in range(s.start, s.end)
        }
        found = []
        i = 0
        while i < len(doc):
            if lower[i] not in by_first and lower[i] not in parts:
                i += 1
                continue
            hit = None
            tok = doc[i]
            for name in by_first.get(lower[i], ()):
                j = i + len(name)
                if j <= len(doc) and tuple(lower[i:j]) == name:
                    hit = (i, j, "person.name-repeat")
                    break
            if (
                hit is None
                and len(parts.get(lower[i], ())) == 1
                and tok.text[:1].isupper()
                and not tok.is_stop
                and tok.pos_ == "PROPN"
            ):
                hit = (i, i + 1, "person.name-part")
            if hit and not any(k in taken for k in range(hit[0], hit[1])):
                found.append(Span(doc, hit[0], hit[1], label="Person", span_id=hit[2]))
                i = hit[1]
            else:
                i += 1
        return found


def _possessives(doc: Doc, words: Words) -> dict[int, int]:
    """Where each possessive determiner is, and the word it belongs to in the parse ("our" and
    "Headquarters" of "our Headquarters")."""
    found = {}
    for i in [i for i, w in enumerate(words.lower) if w in POSSESSIVE_DETERMINERS]:
        token = doc[i]
        if token.dep_ == "poss":
            found[i] = token.head.i
    return found


def _owned_words(doc: Doc, words: Words, possessives: dict[int, int]) -> frozenset[str]:
    """One capitalised word the text owns with a possessive determiner somewhere ("at our
    Headquarters"): a common noun written with a capital, no name anywhere in the text. Only the
    owned noun itself counts, not a name modifying it ("our Beijing office")."""
    text = words.text
    return frozenset(
        text[owned]
        for i, owned in possessives.items()
        if owned == i + 1 and text[owned][:1].isupper() and doc[owned].is_alpha
    )


def _ner_organisations(doc: Doc) -> set[tuple[int, int]]:
    """Where the statistical NER's organisations are, after a determiner they open with."""
    return {(e.start + (e[0].pos_ == "DET"), e.end) for e in doc.ents if e.label_ == "ORG"}


def _head_before_of(lower: list[str], start: int, end: int) -> int:
    """The end of a name's words up to its head: its first "of", or its end ("Reform
    Commission" of "Reform Commission of X Region")."""
    name = lower[start:end]
    return start + name.index("of") if "of" in name else end


def _before_of(words: list[str]) -> list[str]:
    """The words of a name before its first "of"."""
    return words[: words.index("of")] if "of" in words else words


#: what a credit line credits people with: "(Reporting by A and B in Beijing; Editing by C)"
_CREDITS = frozenset({"reporting", "editing", "writing", "written", "edited", "compiled"})


def _bylined(tokens: Span) -> bool:
    """Whether the words are a name a byline or a credit line gives: after "By" opening a line,
    or after "Reporting by", "Editing by" ... and the names before them ("Reporting by Ethan
    Zhou and Sarah Lin")."""
    doc, i = tokens.doc, tokens.start - 1
    if (
        i >= 0
        and doc[i].text in {"By", "BY"}
        and (i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_)
    ):
        return True
    while (
        i > 0
        and doc[i].lower_ != "by"
        and (doc[i].lower_ in {"and", ","} or doc[i].pos_ == "PROPN")
    ):
        i -= 1  # back over the names credited together
    return i > 0 and doc[i].lower_ == "by" and doc[i - 1].lower_ in _CREDITS


def _outside(spans: list[Span], others: list[Span]) -> list[Span]:
    """The spans that share no token with any of ``others``."""
    taken = {i for s in others for i in range(s.start, s.end)}
    return [s for s in spans if not any(i in taken for i in range(s.start, s.end))]


def _before_common_owner(words: Words, start: int, end: int) -> int:
    """Where a name the model ran on into "of the" and common nouns ends: "General Office" of
    "General Office of the administration" (the owner is a reference, found on its own)."""
    lower = words.lower
    for i in range(start + 1, end - 2):
        if (
            lower[i] == "of"
            and lower[i + 1] in {"the", "its", "their"}
            and not any(first_letter_upper(w) for w in words.text[i + 2 : end])
        ):
            return i
    return end


def _listed_to_the_end(doc: Doc, words: Words, start: int, end: int) -> int:
    """The end of a name whose list of fields after "of" the model cut before its "and": "Bureau
    of Culture, Radio, Television" goes on with "and Tourism"."""
    text = words.text
    name = text[start:end]
    if "of" not in name or "," not in name[name.index("of") :] or end + 1 >= len(text):
        return end
    if (
        words.lower[end] == "and"
        and first_letter_upper(text[end + 1])
        and doc[end + 1].is_alpha
        and (end + 2 >= len(text) or not first_letter_upper(text[end + 2]))
    ):
        return end + 2
    return end


def _next_is_stop(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].text == "."


_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{1,4}\.?|(?:[A-Z]\.){1,3})$")


#: organisation classes whose head words never end a place's name (a "... Center" or
#: "... Institute" may be a building)
_PLACE_LIKE_NOT = frozenset({"GovernmentOrganization", "Company", "TelecomOperator"})


def _numbered(doc: Doc, words: Words, end: int) -> bool:
    """Whether the words before ``end`` end in "No" and a number follows ("Pit No. 1")."""
    text = words.text
    if text[end - 1] not in {"No", "No."}:
        return False
    after = end + (end < len(text) and text[end] == ".")
    return after < len(text) and doc[after].like_num


_OPENING = {")": "(", "]": "[", "}": "{"}


def _with_its_opening_bracket(doc: Doc, text: list[str], start: int, end: int) -> int:
    """Where a name begins whose span the model began inside brackets ("6G) Promotion Group"
    of "IMT-2030 (6G) Promotion Group"): at the word before the opening bracket, when one is
    written right before it, else after the closing one."""
    opened = 0
    for i in range(start, end):
        if text[i] in "([{":
            opened += 1
        elif text[i] in _OPENING:
            if opened:
                opened -= 1
                continue
            before = start - 1
            if (
                before >= 1
                and text[before] == _OPENING[text[i]]
                and not doc[before - 1].is_punct
                and first_letter_upper(text[before - 1])
            ):
                return before - 1
            return i + 1
    return start


def _named_with_region(spans: list[Span], cues: tuple[tuple[str, ...], ...]) -> list[Span]:
    """A place written with its region after one of the lexicon's cues ("born in Amherst,
    Mass.", "a native of Chisholm, Minn.") is one place, named in full: the town as the text
    qualifies it, not a town and a region. Not in a list of places ("born in Paris, Lyon and
    Rome")."""
    names = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    k = 0
    while k < len(spans):
        town = spans[k]
        region = spans[k + 1] if k + 1 < len(spans) else None
        if region is not None and _qualified_by(town, region, cues, names):
            out.append(
                Span(town.doc, town.start, region.end, label="Place", span_id="place.qualified")
            )
            k += 2
            continue
        out.append(town)
        k += 1
    return out


def _qualified_by(
    town: Span, region: Span, cues: tuple[tuple[str, ...], ...], names: set[int]
) -> bool:
    doc = town.doc
    # the town may be a name the model took for a person's ("born in Fort Scott, Kan.")
    if not (
        group_of(town.label_) in {"Place", "Person"}
        and group_of(region.label_) == "Place"
        and town.end + 1 == region.start
        and doc[town.end].text == ","
    ):
        return False
    # a list goes on after the region: "and C", ", C", ", and C" (whatever class C was given)
    nxt = doc[region.end : region.end + 3]
    if len(nxt) and nxt[0].lower_ in {"and", "or"}:
        return False
    if len(nxt) > 1 and nxt[0].text == ",":
        named = nxt[2] if nxt[1].lower_ in {"and", "or"} and len(nxt) > 2 else nxt[1]
        if named.i in names:
            return False
    before = tuple(t.lower_ for t in doc[max(0, town.start - 3) : town.start])
    if any(before[len(before) - len(cue) :] == cue for cue in cues if len(cue) <= len(before)):
        return True
    # or the cue governs the town ("born on May 5, 1907, in Portland, Ore.")
    root = town.root
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return any(
        len(cue) == 2 and (prep.head.lower_, prep.lower_) == cue and prep.head.i < prep.i
        for cue in cues
    )


def _listed_with_places(spans: list[Span]) -> list[Span]:
    """A one-word "person" only the statistical model says is one, listed with places after a
    preposition of place, is a place: "in Aba, Ganzi and Liangshan" (the model made people of
    the last two); so is one after such a preposition that is "of" a place ("in Zhongwei of
    Ningxia"). The list is followed from name to name."""
    changed = True
    while changed:
        changed = False
        places = {i for s in spans if group_of(s.label_) == "Place" for i in range(s.start, s.end)}
        for k, span in enumerate(spans):
            if not (span.id_ == "ner" and len(span) == 1 and group_of(span.label_) == "Person"):
                continue
            root = span.root
            listed = [root.head] if root.dep_ == "conj" else []
            listed += [c for c in root.children if c.dep_ == "conj"]
            listed += [
                g
                for c in root.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
            ]
            if any(t.i in places for t in listed) and _after_a_place_word(root):
                spans[k] = Span(
                    span.doc, span.start, span.end, label="Place", span_id="place.listed"
                )
                changed = True
    return spans


def _after_a_place_word(token: Token) -> bool:
    """Whether the list a name is in follows "in", "across", "from" ...: "rural broadband in
    Aba, Ganzi and Liangshan", not "nobles that included Brutus and Cassius"."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.dep_ == "pobj" and first.head.lower_ in _PLACE_PREPOSITIONS


_PLACE_PREPOSITIONS = frozenset(
    {"in", "across", "at", "from", "to", "throughout", "within", "near"}
)


#: "an analyst at X", "a spokesman for X", "a researcher with X": X employs the role
_EMPLOYER_PREPOSITIONS = frozenset({"at", "for", "with"})


def _region_abbreviations(spans: list[Span]) -> list[Span]:
    """An abbreviation (with its stop) written after a place and a comma names its region:
    "Burchard, Neb.", "Kulm, N.D." (whatever class the model gave it; a lexicon name keeps its
    own)."""
    out = list(spans)
    for i in range(1, len(out)):
        prev, span = out[i - 1], out[i]
        if (
            group_of(prev.label_) == "Place"
            and group_of(span.label_) != "Place"
            and not span.kb_id_
            and len(span) == 1
            and prev.end + 1 == span.start
            and span.doc[prev.end].text == ","
            and _ABBREVIATION.match(span.text)
            and (span.text.endswith(".") or _next_is_stop(span))
        ):
            out[i] = Span(span.doc, span.start, span.end, label="Place", span_id="place.region")
    return out


def _owned_kind(lexicon: Lexicon, noun: Token) -> str | None:
    kinds = lexicon.owner_kinds
    return kinds.get(noun.lower_) or kinds.get(noun.lemma_.lower())


_DISTANCE_UNITS = {"mile", "miles", "kilometer", "kilometers", "kilometre", "kilometres", "km"}


def _distance_before(span: Span) -> bool:
    """ "70 miles northeast of X", "33 km south of X": a distance from X makes it a place."""
    doc, i = span.doc, span.start - 1
    if i < 2 or doc[i].lower_ != "of":
        return False
    window = [t.lower_ for t in doc[max(0, i - 3) : i]]
    return any(w in _DISTANCE_UNITS for w in window) and any(
        t.like_num for t in doc[max(0, i - 4) : i]
    )


def _proper(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text.isalpha() and token.text[:1].isupper()


def _kind_nouns(span: Span) -> list[tuple[Token, bool]]:
    """Common nouns the parse puts beside a name, each with whether it comes through "of": in
    apposition ("Tal, a senior official"), as a noun modifier just before it ("the company
    Codelco"), or with "of" before it ("the town of Lowman")."""
    doc, root = span.doc, span.root
    inside = range(span.start, span.end)
    # an apposition after the name is set off by a comma ("Tal, a senior official"); one
    # before it need not be ("the company Codelco")
    comma = span.end < len(doc) and doc[span.end].text == ","
    nouns = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end and comma]
    if root.dep_ == "appos" and root.head.i < span.start:
        nouns.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "Dengfeng is a county-level city"
        nouns += [c for c in root.head.children if c.dep_ == "attr" and c.i > root.i]
    if span.start > 0:
        before = doc[span.start - 1]
        if before.dep_ in {"compound", "nmod"} and before.head.i in inside:
            nouns.append(before)
    found = [(n, False) for n in nouns if n.pos_ == "NOUN" and n.text.islower()]
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        if noun.pos_ == "NOUN" and noun.text.islower() and noun.i < span.start:
            found.append((noun, True))
    return found


def _guessed_word(span: Span) -> bool:
    """A one-word organisation only the statistical model says it is (a place stays a place:
    a "person" the model made of "Zhejiang Branch" must not take every "Zhejiang")."""
    return (
        span.id_ == "ner"
        and len(span) == 1
        and not span.kb_id_
        and group_of(span.label_) == "Organization"
    )


def _lone_place_guess(span: Span, places: Counter) -> bool:
    """A one-word place only the statistical model says it is, whose word the text names as a
    place nowhere else ("Zhong, a native of Chengjiang Town", after "Zhong Meilan")."""
    return (
        span.id_ == "ner"
        and len(span) == 1
        and not span.kb_id_
        and group_of(span.label_) == "Place"
        and places[span[0].lower_] == 1
    )


@dataclass(frozen=True)
class _Tags:
    """A doc's coarse and fine part-of-speech tags as ids (``spacy.symbols``, :func:`_tag_ids`),
    read once from its arrays: what the edges of names are trimmed by (no Token objects)."""

    pos: list[int]
    tag: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Tags:
        pos, tag = doc.to_array([POS, TAG]).reshape(len(doc), 2).T.tolist()
        return cls(pos, tag)


def _tag_ids(*tags: str) -> frozenset[int]:
    """The ids of fine part-of-speech tags, as a doc's ``TAG`` array holds them."""
    return frozenset(get_string_id(tag) for tag in tags)


_POSSESSIVE = _tag_ids("POS")  # "'s"
#: what a name does not end with: "'s", a conjunction, a determiner, a preposition
_NO_NAME_END = _tag_ids("POS", "CC", "DT", "IN")
_PLURAL = _tag_ids("NNS", "NNPS")
_SINGULAR_NOUN = _tag_ids("NN", "NNP")


def _after_publisher_label(tokens: Span) -> bool:
    """Whether a name is the value of a header's publisher field ("Source: China Securities
    Journal"): the article's publisher, a name though the body never repeats it."""
    doc, start = tokens.doc, tokens.start
    if start < 2 or doc[start - 1].text != ":":
        return False
    label = [doc[start - 2].lower_]
    if start >= 3 and not doc[start - 3].is_space:
        label.insert(0, doc[start - 3].lower_)  # "Published by:"
    return " ".join(label) in PUBLISHER_LABELS or label[-1] in PUBLISHER_LABELS


class _Lines:
    """A doc's sentences, which of them are headings or label lines, and the text of the others:
    what tells a name seen only in headings. Each sentence is judged once, from the doc's word
    lists (no Token objects)."""

    def __init__(self, doc: Doc, words: Words, tags: _Tags) -> None:
        self._sents = list(doc.sents)
        self._ends = [s.end for s in self._sents]
        self._text = words.text
        self._pos = tags.pos
        self._stop, self._space = doc.to_array([IS_STOP, SPACY]).reshape(len(doc), 2).T.tolist()
        self._headings: dict[int, bool] = {}
        self._label_lines: dict[int, bool] = {}
        self._body: dict[bool, str] = {}

    def of(self, i: int) -> int:
        """The number of the sentence token ``i`` is in (the one ``Token.sent`` gives)."""
        return bisect_right(self._ends, i)

    def heading(self, k: int) -> bool:
        """Whether sentence ``k`` is a line in Title Case: most words capitalised and no full
        stop."""
        if k not in self._headings:
            self._headings[k] = self._is_heading(self._sents[k])
        return self._headings[k]

    def label_line(self, k: int) -> bool:
        """Whether sentence ``k`` is a line that says nothing: no verb and no final punctuation,
        half its words or more capitalised ("For Immediate Release", "Of Which: Net Additional
        4G Customers (million)")."""
        if k not in self._label_lines:
            self._label_lines[k] = self._is_label_line(self._sents[k])
        return self._label_lines[k]

    def body_text(self, without_labels: bool = False) -> str:
        """The text of the doc's sentences that are not headings (nor label lines)."""
        if without_labels not in self._body:
            self._body[without_labels] = " ".join(
                self._text_of(s)
                for k, s in enumerate(self._sents)
                if not (self.heading(k) or (without_labels and self.label_line(k)))
            )
        return self._body[without_labels]

    def _is_heading(self, sent: Span) -> bool:
        text = self._text
        words = self._alpha_words(sent)
        if len(words) < 2 or text[sent.end - 1] in {".", "!", "?"}:
            return False
        content = [i for i in words if not self._stop[i]]
        if sum(text[i][:1].isupper() for i in content) < 0.8 * len(content):
            return False
        return not self._text_of(sent).rstrip().endswith((".", "!", "?"))

    def _is_label_line(self, sent: Span) -> bool:
        text = self._text
        words = self._alpha_words(sent)
        pos = self._pos
        if len(words) < 2 or any(pos[i] in {VERB, AUX} for i in range(sent.start, sent.end)):
            return False
        if sum(text[i][:1].isupper() for i in words) < 0.5 * len(words):
            return False
        line = self._text_of(sent).rstrip()
        return not line.endswith((".", "!", "?", ",", ";")) and "\n" not in line

    def _text_of(self, sent: Span) -> str:
        """The sentence's text, as ``Span.text`` gives it, joined from the doc's words."""
        text, space, last = self._text, self._space, sent.end - 1
        words = (text[i] + " " if space[i] else text[i] for i in range(sent.start, last))
        return "".join(words) + text[last]

    def _alpha_words(self, sent: Span) -> list[int]:
        return [i for i in range(sent.start, sent.end) if self._text[i].isalpha()]


def described_by(spans: list[Span]) -> list[Token]:
    """The common nouns heading a description in apposition to an organisation's name ("a joint
    venture" of "X, a joint venture set up by A and B"): what a later "the joint venture" may
    refer back to (kg.resolve matches them)."""
    found = []
    for span in spans:
        if group_of(span.label_) != "Organization" or span.id_ == "coref.definite":
            continue
        root = span.root
        # the name's head may be a word just after it that the mention left out ("Ltd")
        heads = [root, root.head] if span.end <= root.head.i <= span.end + 1 else [root]
        found += [
            child
            for head in heads
            for child in head.children
            if child.dep_ == "appos"
            and child.pos_ == "NOUN"
            and child.i > head.i
            # a description: "a joint venture", "the world's largest operator" (not a headline's
            # list: "China Unicom, Inspur open green data centre")
            and any(
                (c.dep_ == "det" and c.lower_ in {"a", "an", "the"}) or c.dep_ == "poss"
                for c in child.lefts
            )
        ]
    return found
