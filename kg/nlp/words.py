"""A doc's token strings, read once from its arrays, for the scans of the mention finder."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH
from spacy.tokens import Doc


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
