"""spaCy component: infrastructure and consumption-form terms from the lexicon and patterns.

Two sources, both data in ontology/: the SKOS lexicon's labels (matched case-insensitively,
plurals included) and head-noun patterns that generalise beyond it ("gigabit fiber network").
Matches land in ``doc.spans["kg_terms"]`` with the class as label, the rule id as ``id_`` and
the lexicon concept IRI, if any, as ``kb_id_``.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.dates import MONTHS
from kg.nlp.acronyms import spelled_out_before
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.windows import WindowedMatcher
from kg.nlp.words import Words, hyphen_joins

SPANS_KEY = "kg_terms"
_MODIFIER_DEPS = {"amod", "compound", "nmod", "npadvmod"}


@Language.factory(
    "kg_terms",
    default_config={"ontology_dir": None},
    assigns=["doc.spans"],
    requires=["token.pos", "token.lemma", "token.dep"],
)
def make_terms(nlp: Language, name: str, *, ontology_dir: str | None) -> TermMatcher:
    return TermMatcher(nlp, load_lexicon(ontology_dir))


class TermMatcher:
    """Finds lexicon terms and head-noun generalisations; keeps the longest of overlaps."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.concepts: dict[str, tuple[str, str]] = {}
        for term in lexicon.terms:
            key = term.concept
            self.concepts[key] = (term.cls, term.label)
            self.phrases.add(key, list(nlp.tokenizer.pipe(term.forms)))
        self.patterns = WindowedMatcher(nlp.vocab)
        self.pattern_info: dict[str, dict] = {}
        self.head_rules: dict[str, dict] = {}
        for spec in lexicon.term_patterns:
            if "heads" in spec:
                for head in spec["heads"]:
                    self.head_rules[head] = spec
            else:
                self.patterns.add(spec["id"], spec["pattern"], greedy="LONGEST")
                self.pattern_info[spec["id"]] = spec
        strings = nlp.vocab.strings
        self._head_lowers = {strings.add(head) for head in self.head_rules}  # LOWER ids
        self._head_lemmas: dict[int, bool] = {}  # lemma id -> whether, in lower case, a head
        # words that make a phrase the text abbreviates a term: "fiber to the room (FTTR)"
        self._term_words = {w: "Infrastructure" for w in lexicon.technical}
        self._term_words |= {h: spec["class"] for h, spec in self.head_rules.items()}
        self._term_words |= {
            form: term.cls
            for term in lexicon.terms
            for form in term.forms
            if " " not in form and form.islower()
        }

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for match_id, start, end in self.phrases(doc):
            concept = doc.vocab.strings[match_id]
            cls, _ = self.concepts[concept]
            start = self._extend_left(doc, start, end)
            found.append(Span(doc, start, end, label=cls, kb_id=concept, span_id="lexicon"))
        lexicon_tokens = {i for span in found for i in range(span.start, span.end)}
        for rule, start, end in self.patterns(doc):
            spec = self.pattern_info[rule]
            if spec["class"] == "Organization":
                while start < end and (doc[start].pos_ == "DET" or doc[start].is_punct):
                    start += 1
                if end - start >= 2:
                    found.append(Span(doc, start, end, label=spec["class"], span_id=rule))
                continue
            start = _whole_word_start(doc, self._strip_left(doc, start, end))
            if end - start < 2 or (spec.get("head") and not _is_head(doc, end - 1)):
                continue
            if end - 1 in lexicon_tokens:
                continue  # the lexicon already names this head; its qualifiers are handled there
            found.append(Span(doc, start, end, label=spec["class"], span_id=rule))
        found += self._head_phrases(doc, lexicon_tokens)
        found += self._abbreviated(doc)
        # Longest wins; on equal length the lexicon (listed first) wins.
        doc.spans[SPANS_KEY] = sorted(filter_spans(found), key=lambda s: s.start)
        return doc

    def _head_phrases(self, doc: Doc, lexicon_tokens: set[int]) -> list[Span]:
        """Noun phrases headed by a rule's head noun with a qualifying modifier (from the parse)."""
        found = []
        for i in self._head_words(doc):
            tok = doc[i]
            spec = self.head_rules.get(tok.lemma_.lower()) or self.head_rules.get(tok.lower_)
            if spec is None or not _is_head(doc, tok.i) or tok.i in lexicon_tokens:
                continue
            start = tok.i
            while start > 0:
                prev = doc[start - 1]
                if start > 1 and hyphen_joins(doc, start - 1):
                    start -= 2
                elif (
                    prev.dep_ in _MODIFIER_DEPS | {"nummod"}
                    and start - 1 < prev.head.i <= tok.i
                    # "500 5G private networks" counts them; "400G" is a name ("400" glued)
                    and not (prev.like_num and prev.whitespace_)
                ):
                    start -= 1
                else:
                    break
            start = _whole_word_start(doc, self._strip_left(doc, start, tok.i + 1))
            mods = doc[start : tok.i]
            if len(mods) and any(self._qualifies(m) for m in mods):
                found.append(Span(doc, start, tok.i + 1, label=spec["class"], span_id=spec["id"]))
        return found

    def _abbreviated(self, doc: Doc) -> list[Span]:
        """Lower-case words the text abbreviates in brackets after them, when one of them is a
        word of terms (a technical modifier, a head noun, a one-word term): "fiber to the room
        (FTTR)" is infrastructure, "enterprise resource planning (ERP)" no term. The
        abbreviation becomes the term's alias where mentions read acronyms."""
        if not _has_bracket(doc):
            return []
        found = []
        for start, end in spelled_out_before(Words.of(doc)):
            classes = [self._term_words.get(t.lower_) for t in doc[start:end]]
            cls = next((c for c in classes if c), None)
            if cls is not None:
                found.append(Span(doc, start, end, label=cls, span_id="term.abbreviated"))
        return found

    def _head_words(self, doc: Doc) -> list[int]:
        """The tokens whose lemma (in lower case) or lower-case form is a rule's head noun, read
        from the doc's arrays (no Token objects)."""
        if not self.head_rules or not len(doc):
            return []
        lemmas, lowers = doc.to_array([LEMMA, LOWER]).reshape(len(doc), 2).T.tolist()
        known, strings = self._head_lemmas, doc.vocab.strings
        found = []
        for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)):
            head = known.get(lemma)
            if head is None:
                head = known[lemma] = strings[lemma].lower() in self.head_rules
            if head or lower in self._head_lowers:
                found.append(i)
        return found

    def _qualifies(self, tok) -> bool:
        return (
            tok.pos_ in {"NOUN", "PROPN", "NUM", "X"}
            or tok.lower_ in self.lexicon.technical
            or tok.lower_ in self.lexicon.narrowing
            or any(c.isdigit() for c in tok.text)
            or any(c.isupper() for c in tok.text[1:])
        )

    def _strip_left(self, doc: Doc, start: int, end: int) -> int:
        """The start of a term without words that do not restrict it: ignorable modifiers,
        punctuation, stop words, a count ("10 national data center clusters"; a number glued to
        a word, "400G", stays) and a date the parse ran into it ("by the end of September 5G
        networks covered ...")."""
        while start < end - 1 and (
            doc[start].lower_ in self.lexicon.ignorable
            or doc[start].is_punct
            or doc[start].is_stop
            or (doc[start].like_num and doc[start].whitespace_)
            or _is_date_word(doc[start])
        ):
            start += 1
        return start

    def _extend_left(self, doc: Doc, start: int, end: int) -> int:
        """Take in technical qualifiers of a term ("ultra-HD live streaming", "4K video").

        Only modifiers written with a capital or a digit (HD, 4K, VR), the lexicon's narrowing
        modifiers ("rural broadband", "edge data centers") and the words hyphenated to them
        qualify; ordinary adjectives ("large data centers") do not restrict the term.
        """
        span_tokens = range(start, end)
        i = start - 1
        while i >= 0:
            tok = doc[i]
            if hyphen_joins(doc, i):
                i -= 2  # a hyphenated word ("ultra-HD") is taken whole
                continue
            if tok.like_num and not tok.whitespace_ and i + 1 < start:
                i -= 1  # "10G": a number glued to the word after it is part of that word
                continue
            attached = tok.head.i in span_tokens or (tok.head.i > i and tok.head.i < end)
            technical = (
                any(c.isupper() or c.isdigit() for c in tok.text)
                or tok.lower_ in self.lexicon.narrowing
            )
            if (
                attached
                and technical
                and tok.dep_ in _MODIFIER_DEPS
                and not tok.ent_type_
                and not _is_date_word(tok)
                and tok.lower_ not in self.lexicon.ignorable
            ):
                i -= 1
                continue
            break
        return max(i + 1, 0)


def _whole_word_start(doc: Doc, start: int) -> int:
    """A term starts with a whole word: "data-center cluster", "high-speed optical cable",
    "10,000-card AI computing cluster", not "center cluster" (the parse may hang the hyphenated
    word's parts apart)."""
    # "10,000-card AI computing cluster" starts with its number, whatever the comma before it
    while hyphen_joins(doc, start - 1) and (doc[start - 2].is_alpha or doc[start - 2].like_num):
        start -= 2
    return start


def _is_date_word(tok) -> bool:
    """A word of a date: the model's, or a month's name written in full with a capital."""
    return tok.ent_type_ in {"DATE", "TIME"} or (
        tok.is_title and len(tok) > 3 and MONTHS.get(tok.lower_) is not None
    )


def _is_head(doc: Doc, i: int) -> bool:
    """True when token i ends its noun phrase (it does not modify a noun to its right)."""
    tok = doc[i]
    return not (tok.dep_ in _MODIFIER_DEPS and tok.head.i > i)


def _has_bracket(doc: Doc) -> bool:
    """Whether a token of ``doc`` is an opening bracket, read from its array (``doc.text`` joins
    a Token object's text for every word)."""
    return bool((doc.to_array(ORTH) == doc.vocab.strings.add("(")).any())
