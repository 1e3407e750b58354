"""The extraction stage: documents through spaCy to entities, relations, statements and
quantities.

Documents stream through ``nlp.pipe`` with their ids (``as_tuples=True``); each parsed doc is
resolved into entities and related, and leaves as a :class:`~kg.model.DocumentGraph`.
:func:`extract_partition` is the unit a worker process or a Dask task runs
(:mod:`kg.parallel` hands partitions out).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language

from kg.model import Document, DocumentGraph, without_surrogates
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.normalize import normalize_text
from kg.nlp.pipeline import load_pipeline
from kg.quantities import find_quantities
from kg.relate import relate
from kg.relmodel import RelationModel, load_model
from kg.resolve import resolve
from kg.statements import find_statements


def extract_documents(
    documents: Iterable[Document],
    nlp: Language,
    lexicon: Lexicon,
    *,
    batch_size: int = 16,
    relation_model: RelationModel | None = None,
) -> Iterator[DocumentGraph]:
    """Extract every document, in input order, streaming (lone surrogates become U+FFFD); a
    ``relation_model`` adds the relations it finds to the patterns' (see :mod:`kg.relmodel`)."""
    documents = (_clean(d) for d in documents)
    pairs = ((normalize_text(d.text), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        resolution = resolve(doc, document, lexicon)
        related = relate(doc, document, lexicon, resolution, relation_model)
        ents, voices, anchor = resolution.token_entity, related.voices, document.date
        statements = find_statements(doc, document, ents, voices, anchor)
        yield DocumentGraph(
            document=document,
            entities=tuple(sorted(resolution.entities + related.entities, key=lambda e: e.key)),
            relations=related.relations,
            statements=statements,
            quantities=find_quantities(
                doc, document, ents, voices, statements, lexicon.units, anchor
            ),
        )


def _clean(document: Document) -> Document:
    text = without_surrogates(document.text)
    return document if text == document.text else replace(document, text=text)


def keep_confident(graph: DocumentGraph, min_confidence: float) -> DocumentGraph:
    """The document's graph without relations, statements and quantities whose confidence
    there is below the threshold."""
    if min_confidence <= 0:
        return graph
    return replace(
        graph,
        relations=tuple(r for r in graph.relations if r.confidence >= min_confidence),
        statements=tuple(s for s in graph.statements if s.confidence >= min_confidence),
        quantities=tuple(q for q in graph.quantities if q.confidence >= min_confidence),
    )


def extract_partition(
    documents: list[Document],
    model: str | None = None,
    min_confidence: float = 0.0,
    relation_model: str | None = None,
) -> list[DocumentGraph]:
    """Extract one partition of documents (the pipeline and the relation model file are loaded
    once per process)."""
    return list(
        extract_in_process(
            documents, model=model, min_confidence=min_confidence, relation_model=relation_model
        )
    )


def extract_in_process(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    min_confidence: float = 0.0,
    relation_model: str | None = None,
) -> Iterator[DocumentGraph]:
    """Every document through one ``nlp.pipe`` in this process, streaming."""
    graphs = extract_documents(
        documents,
        load_pipeline(model),
        load_lexicon(),
        batch_size=64,
        relation_model=_relation_model(relation_model),
    )
    for graph in graphs:
        yield keep_confident(graph, min_confidence)


def _relation_model(path: str | None) -> RelationModel | None:
    return None if path is None else load_model(path)
