"""Who speaks where in a document, and so who "we" is.

People speak through speech verbs ("Zhao said"), or by name at the head of a transcript's
paragraph ("Huang Libin: By the end of March ..."); each sentence gets the speaker of its own or
of the sentences before it (:func:`sentence_speakers`), and a speaker with a post speaks for
that post's organisation (:func:`speaker_orgs`): "we" in their words is that organisation.

When the document speaks in its own voice, "we" is the organisation that narrates it.

Company reports, press releases and web pages are written in the first person plural ("we
accelerated the development of NFV", "our 5G network"). Outside quotation marks, "we", "us" and
"our" stand for the organisation the document speaks as, when the document says which one:

- its metadata names the publisher, and an organisation of the text has that name;
- the text ties "we" to an organisation: "At China Mobile, we ...", "we at ORG ...",
  "We, ORG, ...";
- the text defines the organisation as its subject with a quoted term in brackets, the way
  filings and releases do: "China Mobile Limited (the “Company”)".

Without one of these, "we" stays unresolved: a guess from frequency would give a journalist's or
a columnist's "we" to whichever organisation the text names most. Inside quotation marks "we" is
the speaker's (:mod:`kg.relate` reads it from the speaker's post), never the narrator's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.tokens import Doc, Token

from kg.model import Document, key_group
from kg.nlp.lexicon import Lexicon
from kg.nlp.words import CLOSING, OPENING, STRAIGHT

FIRST_PERSON_PLURAL = {"we", "us", "our", "ours", "ourselves"}
#: how far each cue is trusted
PUBLISHER, AT_ORG_WE, DEFINED_TERM = 0.9, 0.9, 0.8
#: a speaker carried to the sentences after their own; "we" read as the narrator
CARRIED_SPEAKER, NARRATOR_WE = 0.9, 0.9
SINGLE_OPENING, SINGLE_CLOSING = {"‘"}, {"’"}


@dataclass(frozen=True)
class Narrator:
    """The organisation (entity key) a document speaks as, how sure that is, and the cue that
    says so ("narrator.at-org", ...)."""

    key: str
    confidence: float
    rule: str


def find_narrator(
    doc: Doc, document: Document, ents: dict[int, str], outside: list[bool] | None = None
) -> Narrator | None:
    """The organisation "we" stands for outside quotations in ``doc``, or None.

    ``ents`` maps each token inside a mention to its entity key (see
    :class:`kg.resolve.Resolution`); ``outside`` is :func:`outside_quotes` of the doc, if
    already known."""
    organisations = {i: k for i, k in ents.items() if key_group(k) == "Organization"}
    if not organisations:
        return None
    outside = outside_quotes(doc) if outside is None else outside
    strings = doc.vocab.strings
    lowers = doc.to_array([LOWER])
    pronouns = holding(lowers, [strings.add(w) for w in FIRST_PERSON_PLURAL])
    if not any(outside[i] for i in numpy.flatnonzero(pronouns).tolist()):
        return None
    we = numpy.flatnonzero(holding(lowers, [strings.add("we")])).tolist()
    return (
        _publisher(doc, document, organisations)
        or _at_org_we(doc, we, organisations, outside)
        or _defined_term(doc, organisations)
    )


def holding(column: numpy.ndarray, values: list[int]) -> numpy.ndarray:
    """Whether each token holds one of ``values`` (string hashes) in ``column``, a column of
    the doc's array (``doc.to_array``): the few words a scan looks for, found without making
    a token or a string for each word."""
    found = numpy.zeros(len(column), dtype=bool)
    for value in values:
        found |= column == numpy.uint64(value)
    return found


def outside_quotes(doc: Doc) -> list[bool]:
    """For each token, whether it stands outside quotation marks. Double and single quotation
    marks are tracked apart, so a quotation may hold another (‘... “speed upgrade” ...’) and a
    closing single mark with no quotation of its kind open is an apostrophe ("operators’").
    A closing single mark glued to a plural before a word in lower case is an apostrophe too
    ("the operators’ market"). A paragraph (a line break) closes any quotation left open, so one stray mark does not
    swallow the rest of the text. Only the marks and line breaks are visited (read from the
    doc's array of words)."""
    strings = doc.vocab.strings
    kinds = {strings.add(q): q for q in OPENING | CLOSING | STRAIGHT}
    result = [True] * len(doc)
    double = single = False
    last = 0
    orths, spaces = doc.to_array([ORTH, IS_SPACE]).reshape(len(doc), 2).T
    marks = holding(orths, list(kinds)) | (spaces == 1)  # the marks and the spaces
    for i in numpy.flatnonzero(marks).tolist():
        orth = int(orths[i])
        text = kinds.get(orth)
        if text is None and "\n" not in strings[orth]:
            continue
        if double or single:
            result[last:i] = [False] * (i - last)
        last = i + 1
        if text is None:  # a line break
            double = single = False
        elif text in SINGLE_CLOSING and (not single or _apostrophe(doc, i)):
            result[i] = not (double or single)  # an apostrophe, inside a quotation or not
        else:
            result[i] = False
            if text in STRAIGHT:
                double = not double
            elif text in SINGLE_OPENING or text in SINGLE_CLOSING:
                single = text in SINGLE_OPENING
            else:
                double = text in OPENING
    if double or single:
        result[last:] = [False] * (len(doc) - last)
    return result


def _apostrophe(doc: Doc, i: int) -> bool:
    before, after = doc[i - 1] if i else None, doc[i + 1] if i + 1 < len(doc) else None
    return (
        before is not None
        and not before.whitespace_
        and before.lower_.endswith("s")
        and after is not None
        and after.is_lower
    )


def is_narrator_pronoun(token: Token, outside: list[bool]) -> bool:
    """Whether ``token`` is "we", "us" or "our" in the document's own voice."""
    return token.lower_ in FIRST_PERSON_PLURAL and outside[token.i]


def _publisher(doc: Doc, document: Document, organisations: dict[int, str]) -> Narrator | None:
    publisher = dict(document.metadata).get("publisher")
    if not publisher:
        return None
    wanted = publisher.casefold().strip()
    for start, end, key in _mentions(organisations):
        if doc[start:end].text.casefold() == wanted:
            return Narrator(key, PUBLISHER, "narrator.publisher")
    return None


def _at_org_we(
    doc: Doc, we: list[int], organisations: dict[int, str], outside: list[bool]
) -> Narrator | None:
    """ "At ORG, we ..." / "we at ORG ..." (an "at" phrase on the verb "we" is the subject of, or
    on "we" itself) and "We, ORG, ..." (the organisation in apposition to "we"); ``we``: the
    indices of the word "we"."""
    for i in we:
        if not outside[i]:
            continue
        token = doc[i]
        for child in token.children:
            if child.dep_ == "appos" and child.i in organisations:
                return Narrator(organisations[child.i], AT_ORG_WE, "narrator.we-apposition")
        hosts = [token, token.head] if token.dep_ in {"nsubj", "nsubjpass"} else [token]
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ != "at":
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in organisations:
                        return Narrator(organisations[obj.i], AT_ORG_WE, "narrator.at-org")
    return None


def _defined_term(doc: Doc, organisations: dict[int, str]) -> Narrator | None:
    """ "ORG (the “Company”)", "ORG (hereinafter referred to as “X”)": an organisation's name
    right before a bracket that opens with a quoted term, after "the" or "hereinafter referred
    to as"."""
    for _, end, key in _mentions(organisations):
        if end >= len(doc) or doc[end].text != "(":
            continue
        j = end + 1
        while j < len(doc) and j - end <= 5 and doc[j].lower_ in _DEFINING_WORDS:
            j += 1
        if j < len(doc) and doc[j].is_quote:
            return Narrator(key, DEFINED_TERM, "narrator.defined-term")
    return None


#: words between the bracket and the quoted term: (the “Company”), (hereinafter referred to as “X”)
_DEFINING_WORDS = frozenset({"the", "hereinafter", "hereafter", "referred", "to", "as", "called"})


def _mentions(organisations: dict[int, str]) -> list[tuple[int, int, str]]:
    """Runs of consecutive tokens of one organisation: (start, end, key), in text order."""
    runs: list[tuple[int, int, str]] = []
    for i in sorted(organisations):
        key = organisations[i]
        if runs and runs[-1][1] == i and runs[-1][2] == key:
            runs[-1] = (runs[-1][0], i + 1, key)
        else:
            runs.append((i, i + 1, key))
    return runs


@dataclass(frozen=True)
class Voices:
    """Who speaks where in a document: the speech verbs (token -> person), each sentence's
    speaker, the organisation each speaker speaks for, the organisation narrating the document,
    which tokens stand outside quotation marks, and the sentences of a transcript's paragraphs
    (sentence start -> the person whose label opens the paragraph)."""

    speech_triggers: dict[int, str]
    sentence_speaker: dict[int, tuple[str, float]]
    speaker_org: dict[str, tuple[str, float]]
    narrator: Narrator | None
    outside: list[bool]
    transcript: dict[int, str] = field(default_factory=dict)

    def narrated(self, pronoun: Token) -> bool:
        """Whether ``pronoun`` is "we" / "our" in the voice of a known narrator."""
        return self.narrator is not None and is_narrator_pronoun(pronoun, self.outside)


def narrator_agent(voices: Voices) -> tuple[str | None, float]:
    narrator = voices.narrator
    return (None, 0.0) if narrator is None else (narrator.key, NARRATOR_WE * narrator.confidence)


def speaker_orgs(found: dict, lexicon: Lexicon) -> dict[str, tuple[str, float]]:
    """For each person with posts: the organisation they speak for.

    A post whose role speaks for its organisation (a spokesperson) comes first; a unit speaks
    for the organisation it belongs to, unless it is of a kind that speaks for itself (a
    branch: lexicon ``kg:speaksForItself``).
    """
    parent = {s: o for (s, p, o, _r) in sorted(found) if p == "org:unitOf"}
    result = {}
    posts: dict[str, list[tuple[bool, float, str]]] = defaultdict(list)
    for (s, p, o, role), evs in found.items():
        if p == "org:Post":
            top, seen = o, {o}
            while (
                top in parent
                and parent[top] not in seen
                and _unit_head(top) not in lexicon.self_speaking_units
            ):
                top = parent[top]
                seen.add(top)
            speaks = bool(role) and role.split()[-1] in lexicon.speaking_roles
            posts[s].append((speaks, max(e.confidence for e in evs), top))
    for person, orgs in posts.items():
        _, conf, org = sorted(orgs, key=lambda x: (not x[0], -x[1], x[2]))[0]
        result[person] = (org, conf)
    return result


def _unit_head(key: str) -> str:
    """The head noun of a unit's name, from its key: "branch" for "Organization:hunan branch
    of china telecom"."""
    words = key.split(":", 1)[-1].split(" of ")[0].split()
    return words[-1] if words else ""


def sentence_speakers(
    doc: Doc, speakers: dict[int, tuple[str, float]]
) -> dict[int, tuple[str, float]]:
    """The speaker of every sentence: its own, else the last one before, else the next one."""
    if not speakers:
        return {}
    starts = [s.start for s in doc.sents]
    result: dict[int, tuple[str, float]] = {}
    last = None
    for start in starts:
        if start in speakers:
            last = speakers[start]
            result[start] = last
        elif last is not None:
            result[start] = (last[0], last[1] * CARRIED_SPEAKER)
    following = None
    for start in reversed(starts):
        if start in speakers:
            following = speakers[start]
        elif start not in result and following is not None:
            result[start] = (following[0], following[1] * CARRIED_SPEAKER)
    return result


def transcript_speakers(doc: Doc, ents: dict[int, str]) -> dict[int, str]:
    """Sentence start -> person, for the paragraphs of a transcript a person's name opens
    ("Huang Libin: By the end of March, ..."): the label is a sentence of its own (see
    :mod:`kg.nlp.linebreaks`), the person speaks the rest of its paragraph."""
    found: dict[int, str] = {}
    speaker = None
    for sent in doc.sents:
        if _opens_paragraph(sent.start, doc):
            speaker = _label_person(sent, ents)
            continue
        if speaker is not None:
            found[sent.start] = speaker
    return found


#: labels of an interview's answers ("Q: ... A: ..."): the interviewee speaks them
_ANSWER_LABELS = frozenset({"a", "answer"})
#: nouns and verbs of an interview: "an interview with X", "a talk with X", "interviewed X"
_INTERVIEW_WORDS = frozenset({"interview", "talk", "conversation", "dialogue", "chat"})


def _label(sent) -> str:
    """The word of a label sentence ("A :"), in lower case, or ""."""
    words = _label_words(sent)
    return words[0].lower_ if len(words) == 2 else ""


def _label_words(sent) -> list[Token]:
    """The words (no spaces) of a sentence that ends in a colon, as a label does ("Huang Libin
    :", "A :"); none for any other sentence, whose words are left unread."""
    doc, last = sent.doc, sent.end - 1
    while last >= sent.start and doc[last].is_space:
        last -= 1
    if last < sent.start or doc[last].text != ":":
        return []
    return [t for t in sent if not t.is_space]


def interview_answers(doc: Doc, ents: dict[int, str]) -> dict[int, str]:
    """Sentence start -> person, for the answers of an interview written "Q: ... A: ...": the
    person the interview is with (see :func:`interviewee`) speaks each paragraph "A:" opens."""
    found: dict[int, str] = {}
    answering = False
    person: list[str | None] = []  # looked up at the first "A:"
    for sent in doc.sents:
        if _opens_paragraph(sent.start, doc):
            answering = _label(sent) in _ANSWER_LABELS
            if answering and not person:
                person.append(interviewee(doc, ents))
            continue
        if answering and person[0] is not None:
            found[sent.start] = person[0]
    return found


def interviewee(doc: Doc, ents: dict[int, str]) -> str | None:
    """The person an interview is with: "a talk with X", "an interview with X", "our reporter
    interviewed X" (the first the text names)."""
    for token in doc:
        if token.lemma_.lower() not in _INTERVIEW_WORDS:
            continue
        if token.pos_ == "VERB":
            named = [c for c in token.children if c.dep_ == "dobj"]
        else:
            named = [
                c
                for p in token.children
                if p.lower_ == "with"
                for c in p.children
                if c.dep_ == "pobj"
            ]
        for c in named:
            key = ents.get(c.i)
            if key is not None and key_group(key) == "Person":
                return key
    return None


def _opens_paragraph(i: int, doc: Doc) -> bool:
    return i == 0 or "\n" in doc[i - 1].text_with_ws


def _label_person(sent, ents: dict[int, str]) -> str | None:
    """The person a sentence "NAME :" names, or None."""
    words = _label_words(sent)
    if len(words) < 2:
        return None
    keys = {ents.get(t.i) for t in words[:-1]}
    if len(keys) != 1 or None in keys:
        return None
    (key,) = keys
    return key if key_group(key) == "Person" else None
