"""A doc's token strings and its sentence bounds, read once, for the scans of kg's components
and stages (no Token object per word)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH
from spacy.tokens import Doc


def hyphen_joins(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen written into a word, no space on either side: the "-" of
    "ultra-HD", "app-based" (the tokenizer splits it off)."""
    return i >= 1 and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_


#: quotation marks that open and close (straight ones toggle)
OPENING, CLOSING, STRAIGHT = {"“", "‘", "``"}, {"”", "’", "''"}, {'"'}


@dataclass(frozen=True)
class Words:
    """A doc's token strings, read once from its arrays (no Token objects): the mention scans
    look at these and make tokens only where a word can matter."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    entity: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Words:
        strings = doc.vocab.strings
        array = doc.to_array([ORTH, LOWER, LEMMA, ENT_TYPE]).reshape(len(doc), 4)
        orths, lowers, lemmas, entities = array.T.tolist()  # one list per column
        return cls(
            [strings[h] for h in orths],
            [strings[h] for h in lowers],
            [strings[h] for h in lemmas],
            entities,
        )

    def bracketed(self) -> list[int]:
        """Tokens alone between brackets: the "X" of "... (X) ..."."""
        text = self.text
        return [i + 1 for i, word in enumerate(text[:-2]) if word == "(" and text[i + 2] == ")"]


@dataclass(frozen=True)
class Sentences:
    """A doc's sentences, read once: where each starts and ends, in tokens and in characters.
    Evidence for many spans of one doc, without a ``token.sent`` (a walk to the sentence's
    ends) for each."""

    starts: list[int]  # the first token of each sentence
    begins: list[int]  # the first character of each
    stops: list[int]  # the character after each

    @classmethod
    def of(cls, doc: Doc) -> Sentences:
        sents = list(doc.sents) if len(doc) else []
        return cls(
            [s.start for s in sents], [s.start_char for s in sents], [s.end_char for s in sents]
        )

    def start(self, token: int) -> int:
        """The first token of the sentence ``token`` is in."""
        return self.starts[self._index(token)]

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """The characters of the sentences of the token span [start, end)."""
        first, last = self._index(start), self._index(end - 1)
        return self.begins[first], max(self.stops[first], self.stops[last])

    def _index(self, token: int) -> int:
        return bisect_right(self.starts, token) - 1
