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
from spacy.tokens import Doc
from spacy.util import raise_error

from kg.model import Document, DocumentGraph, Skipped, without_surrogates
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
) -> Iterator[DocumentGraph | Skipped]:
    """Extract every document, streaming (lone surrogates become U+FFFD); a ``relation_model``
    adds the relations it finds to the patterns' (see :mod:`kg.relmodel`).

    A document whose extraction fails (a bug in kg's components or stages) is a
    :class:`~kg.model.Skipped` naming the error, and the others go on: one document never stops
    a corpus. Graphs come in input order; a failure comes when it is found, before the graphs
    of its batch."""
    failed: list[Skipped] = []

    def on_error(name: str, component, docs, exc: Exception) -> None:
        failed.extend(failure(doc._context, exc, name) for doc in docs)

    documents = (_clean(d) for d in documents)
    pairs = ((normalize_text(d.text), d) for d in documents)
    # a kg component's error drops the document from the stream (kg's components have no
    # ``pipe``, so spaCy calls them through this handler; Language.set_error_handler would also
    # set it on the trainable components, which fails for the parser in spaCy 3.8)
    nlp.default_error_handler = on_error
    try:
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            while failed:
                yield failed.pop(0)
            try:
                graph = _graph(doc, document, lexicon, relation_model)
            except Exception as exc:  # the document's failure, reported
                graph = failure(document, exc, "extraction")
            yield graph
        yield from failed
    finally:  # the pipeline, shared, raises again for anyone else
        nlp.default_error_handler = raise_error


def _graph(
    doc: Doc, document: Document, lexicon: Lexicon, relation_model: RelationModel | None
) -> DocumentGraph:
    """The document's graph from its parse: entities, relations, statements, quantities."""
    resolution = resolve(doc, document, lexicon)
    related = relate(doc, document, lexicon, resolution, relation_model)
    ents, voices, anchor = resolution.token_entity, related.voices, document.date
    statements = find_statements(doc, document, ents, voices, anchor)
    return DocumentGraph(
        document=document,
        entities=tuple(sorted(resolution.entities + related.entities, key=lambda e: e.key)),
        relations=related.relations,
        statements=statements,
        quantities=find_quantities(doc, document, ents, voices, statements, lexicon.units, anchor),
    )


def failure(document: Document, exc: BaseException, where: str) -> Skipped:
    """The record of a document kg failed to extract: one line, the error named."""
    message = " ".join(str(exc).split())[:200]
    error = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return Skipped(
        document.source or document.id,
        f"extraction failed in {where} ({error}); a bug in kg, please report it",
    )


def _clean(document: Document) -> Document:
    text = without_surrogates(document.text)
    return document if text == document.text else replace(document, text=text)


def keep_confident(
    graph: DocumentGraph | Skipped, min_confidence: float
) -> DocumentGraph | Skipped:
    """The document's graph without relations, statements and quantities whose confidence
    there is below the threshold (a failed document as it is)."""
    if min_confidence <= 0 or isinstance(graph, Skipped):
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
) -> list[DocumentGraph | Skipped]:
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
) -> Iterator[DocumentGraph | Skipped]:
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
