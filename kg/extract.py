"""The extraction stage: documents through spaCy to entities and relations.

Documents stream through ``nlp.pipe`` with their ids (``as_tuples=True``); each parsed doc is
resolved into entities and related, and leaves as a :class:`~kg.model.DocumentGraph`.

Work is cut into partitions (lists of documents): :func:`extract_partition` is the unit a worker
process or a Dask task runs; :func:`extract_parallel` keeps a bounded number of partitions in
flight on local processes, so memory does not grow with the corpus, and yields results in input
order.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from spacy.language import Language

from kg.model import Document, DocumentGraph, without_surrogates
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.normalize import normalize_text
from kg.nlp.pipeline import load_pipeline
from kg.relate import relate
from kg.resolve import resolve


def extract_documents(
    documents: Iterable[Document], nlp: Language, lexicon: Lexicon, *, batch_size: int = 16
) -> Iterator[DocumentGraph]:
    """Extract every document, in input order, streaming (lone surrogates become U+FFFD)."""
    documents = (_clean(d) for d in documents)
    pairs = ((normalize_text(d.text), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        resolution = resolve(doc, document, lexicon)
        related = relate(doc, document, lexicon, resolution)
        yield DocumentGraph(
            document=document,
            entities=tuple(sorted(resolution.entities + related.entities, key=lambda e: e.key)),
            relations=related.relations,
        )


def _clean(document: Document) -> Document:
    text = without_surrogates(document.text)
    return document if text == document.text else replace(document, text=text)


def keep_confident(graph: DocumentGraph, min_confidence: float) -> DocumentGraph:
    """The document's graph without relations whose confidence there is below the threshold."""
    if min_confidence <= 0:
        return graph
    kept = tuple(r for r in graph.relations if r.confidence >= min_confidence)
    return replace(graph, relations=kept)


def extract_partition(
    documents: list[Document], model: str | None = None, min_confidence: float = 0.0
) -> list[DocumentGraph]:
    """Extract one partition of documents (the pipeline is loaded once per process)."""
    nlp = load_pipeline(model)
    graphs = extract_documents(documents, nlp, load_lexicon())
    return [keep_confident(g, min_confidence) for g in graphs]


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents, read lazily."""
    iterator = iter(documents)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def extract_parallel(
    documents: Iterable[Document],
    *,
    workers: int,
    model: str | None = None,
    min_confidence: float = 0.0,
    partition_size: int = 8,
) -> Iterator[DocumentGraph]:
    """Extract on ``workers`` processes; at most ``2 * workers`` partitions are in flight.
    One worker streams every document through one ``nlp.pipe`` in this process."""
    if workers <= 1:
        graphs = extract_documents(documents, load_pipeline(model), load_lexicon(), batch_size=64)
        for graph in graphs:
            yield keep_confident(graph, min_confidence)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context()) as pool:
        yield from in_order(
            lambda chunk: pool.submit(extract_partition, chunk, model, min_confidence),
            partitions(documents, partition_size),
            slots=2 * workers,
        )


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a server process that has imported spaCy and
    kg once (``forkserver``), so each worker only loads its model; where the platform has no
    forkserver (Windows), a fresh interpreter each (``spawn``). Neither forks this process,
    whose threads (the store's) a fork would copy mid-flight."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def in_order(
    submit: Callable[[list[Document]], Future],
    chunks: Iterable[list[Document]],
    *,
    slots: int,
) -> Iterator[DocumentGraph]:
    """Results of ``submit``ted partitions, in input order, with at most ``slots`` in flight
    (for local process pools and Dask alike: both return futures with ``result()``)."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= slots:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
