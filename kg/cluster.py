"""Extraction on a Dask distributed cluster: one partition of documents per task.

The scheduler sees :func:`kg.extraction.extract_partition` tasks; results come back in input order
and are merged into the store by the caller, exactly as local extraction is, so the graph is the
same as a single-process build. Workers need ``kg`` and the spaCy model installed (see README).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from kg.errors import KGError, UsageError
from kg.extraction import extract_partition
from kg.model import Document, DocumentGraph, Skipped
from kg.parallel import balanced_partitions, in_order


def extract_on_dask(
    documents: Iterable[Document],
    address: str,
    *,
    model: str | None = None,
    min_confidence: float = 0.0,
    partition_size: int = 8,
    local_workers: int = 2,
    relation_model: str | None = None,
) -> Iterator[DocumentGraph | Skipped]:
    """Extract on the scheduler at ``address`` (``tcp://host:8786``), or ``"local"`` for a
    LocalCluster of ``local_workers`` processes on 127.0.0.1. At most two partitions per worker
    thread are in flight. Workers read the ``relation_model`` file at the same path."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError("--dask needs dask[distributed]: pip install 'dask[distributed]'") from exc
    with ExitStack() as stack:
        if address == "local":
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=local_workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
            )
            target = cluster
        else:
            target = address
        try:
            client = stack.enter_context(Client(target, timeout="20s"))
        except (OSError, TimeoutError) as exc:
            raise KGError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        threads = max(1, sum(client.nthreads().values()))
        yield from in_order(
            lambda chunk: client.submit(
                extract_partition, chunk, model, min_confidence, relation_model, pure=False
            ),
            balanced_partitions(documents, partition_size, threads),
            slots=2 * threads,
        )
