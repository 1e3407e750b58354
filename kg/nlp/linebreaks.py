"""spaCy component: a line break ends a sentence.

Headlines, bylines and captions stand on lines of their own without a final full stop; the
parser would otherwise glue them to the next paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text or ("\n" in token.whitespace_ and token.is_space is False):
            doc[token.i + 1].is_sent_start = True
    return doc
