"""spaCy component: a line break ends a sentence, and so do a speaker's label and a dateline
opening a line.

Headlines, bylines and captions stand on lines of their own without a final full stop; the
parser would otherwise glue them to the next paragraph. A transcript opens its paragraphs with
who speaks ("Huang Libin: By the end of March, ...", "Reporter: ..."): the label is a sentence of
its own, or the parser would make the name the subject of what follows.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

#: a speaker's label is at most this many words before its colon
LABEL_WORDS = 4
#: a dateline is at most this many tokens before its dash
DATELINE_TOKENS = 12
DASHES = {"--", "—", "–", "-"}


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    # the tokens' texts, read from the doc's word ids (no Token objects); a token's own trailing
    # whitespace is at most one space in spaCy, so a line break is always in a token's text
    strings = doc.vocab.strings
    texts = [strings[word] for word in doc.to_array(ORTH).tolist()]
    starts = [0]
    for i, text in enumerate(texts[:-1]):
        if "\n" in text:
            doc[i + 1].is_sent_start = True
            starts.append(i + 1)
    for start in starts:
        for end in (_label_end(texts, start), _dateline_end(texts, start)):
            if end is not None and end + 1 < len(doc):
                doc[end + 1].is_sent_start = True
    return doc


def _dateline_end(texts: Sequence[str], start: int) -> int | None:
    """The dash closing a dateline that opens a line ("QINGYANG, March 13 --", "Beijing, July 22
    (Xinhua) --"): a capitalised word and a comma, and no word in lower case, up to the dash;
    what follows is a sentence of its own, or the parser makes the place its subject."""
    if start >= len(texts):
        return None
    first = texts[start]
    if not (first.isalpha() and first[0].isupper()):
        return None
    for i in range(start + 1, min(start + DATELINE_TOKENS + 1, len(texts))):
        text = texts[i]
        if text in DASHES:
            return i if "," in texts[start:i] else None
        if text.isalpha() and text.islower():
            return None
    return None


def _label_end(texts: Sequence[str], start: int) -> int | None:
    """The colon closing a label of capitalised words that opens a line ("Huang Libin:")."""
    for i in range(start, min(start + LABEL_WORDS + 1, len(texts))):
        text = texts[i]
        if text == ":":
            return i if i > start else None
        if not (text[:1].isupper() or text == "."):
            return None
    return None
