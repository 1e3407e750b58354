"""Who "we" is when a document speaks in its own voice: the organisation that narrates it.

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

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.model import Document, key_group

FIRST_PERSON_PLURAL = {"we", "us", "our", "ours", "ourselves"}
#: how far each cue is trusted
PUBLISHER, AT_ORG_WE, DEFINED_TERM = 0.9, 0.9, 0.8
#: quotation marks that open and close (straight ones toggle)
OPENING, CLOSING, STRAIGHT = {"“", "‘", "``"}, {"”", "’", "''"}, {'"'}


@dataclass(frozen=True)
class Narrator:
    """The organisation (entity key) a document speaks as, how sure that is, and the token
    span [start, end) of the cue that says so."""

    key: str
    confidence: float
    start: int
    end: int
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
    if not any(is_narrator_pronoun(t, outside) for t in doc):
        return None
    return (
        _publisher(doc, document, organisations)
        or _at_org_we(doc, organisations, outside)
        or _defined_term(doc, organisations)
    )


def outside_quotes(doc: Doc) -> list[bool]:
    """For each token, whether it stands outside quotation marks. A paragraph (a line break)
    closes any quotation left open, so one stray mark does not swallow the rest of the text."""
    inside = False
    result = []
    for token in doc:
        if "\n" in token.text_with_ws or token.is_space:
            result.append(not inside)
            inside = False
            continue
        text = token.text
        if text in OPENING:
            inside = True
        elif text in CLOSING:
            inside = False
        elif text in STRAIGHT:
            inside = not inside
        result.append(not inside and text not in OPENING | CLOSING | STRAIGHT)
    return result


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
            return Narrator(key, PUBLISHER, start, end, "narrator.publisher")
    return None


def _at_org_we(doc: Doc, organisations: dict[int, str], outside: list[bool]) -> Narrator | None:
    """ "At ORG, we ..." / "we at ORG ..." (an "at" phrase on the verb "we" is the subject of, or
    on "we" itself) and "We, ORG, ..." (the organisation in apposition to "we")."""
    for token in doc:
        if not (token.lower_ == "we" and outside[token.i]):
            continue
        for child in token.children:
            if child.dep_ == "appos" and child.i in organisations:
                return _cue(doc, organisations, token.i, child.i, "narrator.we-apposition")
        hosts = [token, token.head] if token.dep_ in {"nsubj", "nsubjpass"} else [token]
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ != "at":
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in organisations:
                        return _cue(
                            doc, organisations, min(prep.i, token.i), obj.i, "narrator.at-org"
                        )
    return None


def _defined_term(doc: Doc, organisations: dict[int, str]) -> Narrator | None:
    """ "ORG (the “Company”)": an organisation's name right before a bracket that opens with a
    quoted term, or with "the" and a quoted term."""
    for start, end, key in _mentions(organisations):
        i = end
        if i >= len(doc) or doc[i].text != "(":
            continue
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        if j < len(doc) and doc[j].is_quote:
            return Narrator(key, DEFINED_TERM, start, j + 1, "narrator.defined-term")
    return None


def _cue(
    doc: Doc, organisations: dict[int, str], first: int, org_token: int, rule: str
) -> Narrator:
    key = organisations[org_token]
    end = org_token + 1
    while end < len(doc) and organisations.get(end) == key:
        end += 1
    return Narrator(key, AT_ORG_WE, min(first, org_token), max(end, first + 1), rule)


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
