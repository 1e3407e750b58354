"""The extraction stage: documents through spaCy to entities and relations.

Documents stream through ``nlp.pipe`` with their ids (``as_tuples=True``); each parsed doc is
resolved into entities and related, and leaves as a :class:`~kg.model.DocumentGraph`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.model import Document, DocumentGraph
from kg.nlp.lexicon import Lexicon
from kg.nlp.normalize import normalize_text
from kg.relate import relate
from kg.resolve import resolve


def extract_documents(
    documents: Iterable[Document], nlp: Language, lexicon: Lexicon, *, batch_size: int = 16
) -> Iterator[DocumentGraph]:
    """Extract every document, in input order, streaming."""
    pairs = ((normalize_text(d.text), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        resolution = resolve(doc, document, lexicon)
        related = relate(doc, document, lexicon, resolution)
        yield DocumentGraph(
            document=document,
            entities=tuple(sorted(resolution.entities + related.entities, key=lambda e: e.key)),
            relations=related.relations,
        )
