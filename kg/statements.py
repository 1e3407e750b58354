"""Who said what, and when: statements as records of their own.

A statement is one act of saying by a person or organisation the document names, found four
ways, most explicit first:

- a speech verb with what is said as its clause: "X said (that) ...", "“...,” X said";
- a speech verb standing alone next to a quotation: "“...” X said." or "X said: “...”";
- a transcript's paragraph, opened by its speaker's name ("X: By the end of March, ...");
- a quotation that opens a sentence spoken by the sentence's speaker (see
  :func:`kg.voices.sentence_speakers`), trusted less.

Its text is the words said (without the quotation marks), ``quoted`` when they stand in
quotation marks or a transcript (verbatim), else reported; it is about the entities those words
name; its date is a date the attribution gives ("said ... on May 20"), resolved against the
document's own date only where the text is relative.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from kg.dates import parse_date
from kg.model import Date, Document, Statement
from kg.nlp.words import CLOSING, OPENING, STRAIGHT
from kg.resolve import sentence_evidence
from kg.voices import CARRIED_SPEAKER, Voices, holding

SPEECH_CLAUSE, BESIDE_QUOTE, TRANSCRIPT, SPOKEN_QUOTE = 0.9, 0.85, 0.9, 0.8
#: a quotation that stands for a statement of its own has at least this many words
MIN_QUOTE_WORDS = 6
_MARKS = OPENING | CLOSING | STRAIGHT


def find_statements(
    doc: Doc,
    document: Document,
    ents: dict[int, str],
    voices: Voices,
    anchor: Date | None = None,
) -> tuple[Statement, ...]:
    """The statements of a parsed document; ``ents`` maps tokens inside mentions to entity keys,
    ``anchor`` is the document's date (for "last year" in an attribution)."""
    found: list[Statement] = []
    taken: set[int] = set()

    def add(speaker: str, tokens: list[int], rule: str, conf: float, date: Date | None) -> None:
        words = _trim(doc, tokens)
        if not words or taken & set(words):
            return
        taken.update(words)
        first, last = doc[words[0]], doc[words[-1]]
        start, end = first.idx, last.idx + len(last.text)
        quoted = rule == "statement.transcript" or not voices.outside[first.i]
        about = _about(words, ents, speaker)
        ev = sentence_evidence(doc, document, words[0], words[-1] + 1, rule, round(conf, 4))
        text = document.text[start:end]
        found.append(Statement(speaker, text, start, end, quoted, about, date, (ev,)))

    for trigger_i, speaker in sorted(voices.speech_triggers.items()):
        trigger = doc[trigger_i]
        content = _to_quotation_end(_said_clause(trigger), voices.outside)
        rule, conf = "statement.speech-clause", SPEECH_CLAUSE
        if not content:
            content = _quote_beside(doc, trigger, voices.outside)
            rule, conf = "statement.beside-quote", BESIDE_QUOTE
        if content:
            add(speaker, content, rule, conf, _attribution_date(trigger, set(content), anchor))

    for speaker, tokens in _transcript_turns(doc, voices.transcript):
        add(speaker, tokens, "statement.transcript", TRANSCRIPT, None)

    for tokens in _opening_quotes(doc, voices.outside):
        spoken = voices.sentence_speaker.get(doc[tokens[0]].sent.start)
        if spoken is not None:
            conf = SPOKEN_QUOTE * spoken[1] * CARRIED_SPEAKER
            add(spoken[0], tokens, "statement.spoken-quote", conf, None)

    return tuple(sorted(found, key=lambda s: (s.start, s.end)))


def _said_clause(trigger: Token) -> list[int]:
    """The tokens of what a speech verb says: its clausal complement ("said that ..."), or,
    when the verb is tucked into the clause ("“...,” X said" parsed as parataxis), the rest of
    the clause."""
    for child in trigger.children:
        if child.dep_ == "ccomp":
            return [t.i for t in child.subtree]
    if trigger.dep_ == "parataxis":
        own = {t.i for t in trigger.subtree}
        return [t.i for t in trigger.head.subtree if t.i not in own]
    return []


def _to_quotation_end(tokens: list[int], outside: list[bool]) -> list[int]:
    """A said clause inside a quotation is the whole quotation: ‘In the first half, we ... .
    Faced with this, we ...’ is one statement, from its opening mark to its closing one, whether
    the speech verb comes first or last ("“A. B,” he said": the parse gives the verb only B)."""
    if not tokens or outside[min(tokens)]:
        return tokens
    start, end = min(tokens), max(tokens)
    while start > 0 and not outside[start - 1]:
        start -= 1
    while end + 1 < len(outside) and not outside[end + 1]:
        end += 1
    return list(range(start, end + 1))


def _quote_beside(doc: Doc, trigger: Token, outside: list[bool]) -> list[int]:
    """The quotation right before the trigger's sentence ("“...” X said.") or right after the
    trigger ("X said: “...”"), or nothing."""
    sent = trigger.sent
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i >= 0 and doc[i].text in CLOSING | STRAIGHT and not outside[i]:
        end = i
        while i - 1 >= 0 and not outside[i - 1]:
            i -= 1
        return list(range(i, end + 1))
    j = trigger.i + 1
    while j < len(doc) and (doc[j].is_space or doc[j].text in {":", ","}):
        j += 1
    if j < len(doc) and doc[j].text in OPENING | STRAIGHT and not outside[j]:
        start = j
        while j + 1 < len(doc) and not outside[j + 1]:
            j += 1
        return list(range(start, j + 1))
    return []


def _transcript_turns(doc: Doc, transcript: dict[int, str]) -> Iterable[tuple[str, list[int]]]:
    """Each run of a transcript's sentences spoken by one person in one paragraph."""
    if not transcript:
        return
    turn: list[int] = []
    speaker = None
    for sent in doc.sents:
        who = transcript.get(sent.start)
        new_paragraph = sent.start > 0 and "\n" in doc[sent.start - 1].text_with_ws
        if turn and (who != speaker or new_paragraph):
            yield speaker, turn
            turn = []
        speaker = who
        if who is not None:
            turn.extend(range(sent.start, sent.end))
    if turn and speaker is not None:
        yield speaker, turn


def _opening_quotes(doc: Doc, outside: list[bool]) -> Iterable[list[int]]:
    """Quotations that open a sentence and hold a clause of their own (a verb and at least
    :data:`MIN_QUOTE_WORDS` words): spoken passages, not quoted phrases. Only the quotation
    marks are visited (read from the doc's array)."""
    marks = [doc.vocab.strings.add(m) for m in OPENING | STRAIGHT]
    for i in numpy.flatnonzero(holding(doc.to_array(ORTH), marks)).tolist():
        if outside[i]:
            continue
        if not all(doc[j].is_space for j in range(doc[i].sent.start, i)):
            continue  # not the first word of its sentence
        end = i
        while end + 1 < len(doc) and not outside[end + 1]:
            end += 1
        tokens = doc[i : end + 1]
        words = [t for t in tokens if t.is_alpha]
        if len(words) >= MIN_QUOTE_WORDS and any(t.pos_ in {"VERB", "AUX"} for t in tokens):
            yield list(range(i, end + 1))


def _trim(doc: Doc, tokens: list[int]) -> list[int]:
    """The tokens from the first word to the last, without quotation marks, spaces, a leading
    "that" or trailing punctuation."""
    ordered = sorted(tokens)
    while ordered and (
        doc[ordered[0]].is_space
        or doc[ordered[0]].text in _MARKS
        or doc[ordered[0]].is_punct
        or (doc[ordered[0]].dep_ == "mark" and doc[ordered[0]].lower_ == "that")
    ):
        ordered.pop(0)
    while ordered and (doc[ordered[-1]].is_space or doc[ordered[-1]].is_punct):
        ordered.pop()
    return ordered


def _about(tokens: list[int], ents: dict[int, str], speaker: str) -> tuple[str, ...]:
    """The entities named in the words, in order of first mention, without the speaker."""
    seen: dict[str, None] = {}
    for i in tokens:
        key = ents.get(i)
        if key is not None and key != speaker:
            seen.setdefault(key)
    return tuple(seen)


def _attribution_date(trigger: Token, content: set[int], anchor: Date | None) -> Date | None:
    """A date in the attribution (the speech verb's phrases, outside what is said)."""
    own = {t.i for t in trigger.subtree} - content
    for ent in trigger.doc.ents:
        if ent.label_ == "DATE" and ent.root.i in own:
            date = parse_date(ent.text, anchor)
            if date is not None:
                return date
    return None
