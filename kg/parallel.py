"""Running the extraction stage on local worker processes, in bounded partitions.

Work is cut into partitions (lists of documents): :func:`kg.extraction.extract_partition` is the
unit a worker process or a Dask task runs; :func:`extract_parallel` keeps a bounded number of
partitions in flight on local processes, so memory does not grow with the corpus, and yields
results in input order.

This module does not import spaCy: a process that only hands documents to workers (``kg build
--workers N``) never loads it, and starts in a fraction of the time; the workers import it, once,
in the server they fork from.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from kg.model import Document, DocumentGraph, Skipped

T = TypeVar("T")

#: documents a worker parses in one ``nlp.pipe`` call: small partitions cost each worker the
#: model's per-batch overhead (``kg build --workers 2`` of 1,000 documents, runs alternating on
#: a shared machine: 8 took 47.7 and 38.7 s; 16, 32 and 64 took 32 to 41 s, 36 s on average)
PARTITION_SIZE = 32

#: the module workers import before they fork: the extraction stage, with spaCy
WORKER_PRELOAD = "kg.extraction"


def partitions(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items, read lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def balanced_partitions(items: Iterable[T], size: int, parts: int) -> Iterator[list[T]]:
    """Lists of ``size`` items, read lazily and ``parts * size`` items ahead; what is left when
    the items end is cut into ``2 * parts`` lists of near-equal length (none empty).

    ``parts`` workers taking lists in turn then finish nearly together: with whole partitions
    to the end, one worker could still be parsing the last list while the others are idle.
    """
    ahead: deque[T] = deque()
    for item in items:
        ahead.append(item)
        if len(ahead) == (parts + 1) * size:
            yield [ahead.popleft() for _ in range(size)]
    pieces = min(2 * parts, len(ahead))
    for k in range(pieces):
        # the k-th of ``pieces`` near-equal slices, the longer ones first
        yield [ahead.popleft() for _ in range(-(-len(ahead) // (pieces - k)))]


def extract_parallel(
    documents: Iterable[Document],
    *,
    workers: int,
    model: str | None = None,
    min_confidence: float = 0.0,
    partition_size: int = PARTITION_SIZE,
    relation_model: str | None = None,
) -> Iterator[DocumentGraph | Skipped]:
    """Extract on ``workers`` processes; at most ``2 * workers`` partitions are in flight.
    One worker streams every document through one ``nlp.pipe`` in this process. Workers load
    the ``relation_model`` file themselves."""
    if workers <= 1:
        from kg.extraction import extract_in_process

        yield from extract_in_process(
            documents, model=model, min_confidence=min_confidence, relation_model=relation_model
        )
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context()) as pool:
        yield from in_order(
            lambda chunk: pool.submit(
                _extract_partition, chunk, model, min_confidence, relation_model
            ),
            balanced_partitions(documents, partition_size, workers),
            slots=2 * workers,
        )


def _extract_partition(
    documents: list[Document],
    model: str | None,
    min_confidence: float,
    relation_model: str | None = None,
) -> list[DocumentGraph | Skipped]:
    """:func:`kg.extraction.extract_partition`, named without importing it here (runs in a worker,
    where the forkserver has imported it already)."""
    from kg.extraction import extract_partition

    return extract_partition(documents, model, min_confidence, relation_model)


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a server process that has imported spaCy and
    kg once (``forkserver``), so each worker only loads its model; where the platform has no
    forkserver (Windows), a fresh interpreter each (``spawn``). Neither forks this process,
    whose threads (the store's) a fork would copy mid-flight."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WORKER_PRELOAD])
    return context


def in_order(
    submit: Callable[[list[Document]], Future],
    chunks: Iterable[list[Document]],
    *,
    slots: int,
) -> Iterator[DocumentGraph | Skipped]:
    """Results of ``submit``ted partitions, in input order, with at most ``slots`` in flight
    (for local process pools and Dask alike: both return futures with ``result()``)."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= slots:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
