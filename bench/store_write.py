"""What committing documents to a store on disk costs kg, against Oxigraph's own loaders.

The same document graphs (synthetic, from the generator of bench/rdf_bench.py, or with
``--corpus FOLDER`` kg's own graphs of a folder's documents, extracted first) are written in
batches as ``kg build`` writes them (``--batch`` documents per transaction, the memory tables
flushed every 512), side by side in one process, each into a fresh store on disk and in turn per
repeat:

- ``kg`` (``kg-N`` for each of several ``--batch`` sizes): ``Store.add`` (per batch, the
  documents' named graphs and their copy in the union bulk-loaded without their seals, then one
  transaction for the seals, the entity summary and the tallies: see kg/rdf/store.py);
- ``load``: pyoxigraph's transactional ``Store.load`` of the batch's quads alone (the named graphs
  and the union copy as N-Quads: no summary, no tallies), the floor for an atomic write;
- ``bulk_load``: pyoxigraph's ``Store.bulk_load`` of the same quads, which is not atomic.

It prints and, with ``--out``, writes milliseconds of CPU and wall time per document and the
ratios of kg to the two loaders (medians over repeats), and each run's CPU seconds per thread of
this process (RocksDB's compaction runs on its own threads, ``rocksdb:low``). ``--pace MS`` idles
MS milliseconds per document after each batch, as ``kg build``'s writer waits for the extraction
(about 75 ms a document with one worker): RocksDB compacts in the background meanwhile, and how
much it compacts depends on how fast the batches come. ``--cache FILE`` keeps the extracted
graphs of ``--corpus`` in a pickle, so a rerun does not extract them again.

    .venv/bin/python bench/store_write.py --docs 2000 --repeats 3 --out bench/results/store_write.json
    .venv/bin/python bench/make_corpus.py --docs 1000 --out /tmp/kg-corpus/1000
    .venv/bin/python bench/store_write.py --corpus /tmp/kg-corpus/1000 --docs 1000 --batch 64 256
    .venv/bin/python bench/store_write.py --corpus /tmp/kg-corpus/10000 --docs 10000 --repeats 1 \
        --batch 256 1024 --pace 12 --cache /tmp/kg-corpus/graphs-10000.pickle
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox
import rdf_bench
from corpus_bench import cpu_by_name, thread_cpu

from kg.api import DEFAULT_BATCH, FLUSH_EVERY
from kg.parallel import partitions
from kg.rdf.graph import document_rdf
from kg.rdf.store import Store


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def nquads(store: Store, batch: list) -> bytes:
    """The batch's document graphs and their union copy, as kg writes them, in N-Quads."""
    out = []
    for graph in batch:
        name = f"<{store.mint.document(graph.document.id)}>"
        lines = document_rdf(graph, store.mint).ntriples
        out += [lines.replace(" .\n", f" {name} .\n"), lines]
    return "".join(out).encode()


def real_graphs(folder: Path, docs: int) -> list:
    """kg's graphs of the first ``docs`` documents of a corpus folder (extracted here, once)."""
    from kg.extraction import extract_in_process
    from kg.ingest.files import iter_documents
    from kg.model import Document

    documents = (d for d in iter_documents([folder]) if isinstance(d, Document))
    return list(extract_in_process(itertools.islice(documents, docs)))


def cached_graphs(folder: Path, docs: int, cache: Path | None) -> list:
    """:func:`real_graphs`, read from ``cache`` when it holds as many, else written to it."""
    if cache is not None and cache.exists():
        graphs = pickle.loads(cache.read_bytes())
        if len(graphs) >= docs:
            return graphs[:docs]
    graphs = real_graphs(folder, docs)
    if cache is not None:
        cache.write_bytes(pickle.dumps(graphs, protocol=pickle.HIGHEST_PROTOCOL))
    return graphs


def write(way: str, batches: list[list], folder: Path, pace_ms: float = 0.0) -> dict:
    shutil.rmtree(folder, ignore_errors=True)
    store = Store(folder)
    data = [nquads(store, b) for b in batches] if not way.startswith("kg") else []
    n = sum(len(b) for b in batches)
    threads = cpu_by_name(thread_cpu(os.getpid()))
    started, cpu = time.perf_counter(), cpu_s()
    written = 0
    for i, batch in enumerate(batches):
        if way.startswith("kg"):
            store.add(batch, force=True)
        elif way == "load":
            store.oxigraph.load(data[i], format=ox.RdfFormat.N_QUADS)
        else:
            store.oxigraph.bulk_load(data[i], format=ox.RdfFormat.N_QUADS)
        written += len(batch)
        if written >= FLUSH_EVERY:
            store.flush()
            written = 0
        time.sleep(pace_ms * len(batch) / 1000)
    store.flush()
    idle = pace_ms * n / 1000
    after = cpu_by_name(thread_cpu(os.getpid()))
    result = {
        "wall_ms_per_doc": round(1000 * (time.perf_counter() - started - idle) / n, 3),
        "cpu_ms_per_doc": round(1000 * (cpu_s() - cpu) / n, 3),
        "quads": len(store.oxigraph),
        "threads_cpu_s": {
            name: round(s - threads.get(name, 0.0), 2)
            for name, s in sorted(after.items())
            if s - threads.get(name, 0.0) >= 0.01
        },
    }
    del store
    shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--batch",
        type=int,
        nargs="+",
        default=[DEFAULT_BATCH],
        help="documents per kg transaction; several sizes are timed side by side, the loaders "
        "at the first",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="kg's own graphs of this folder's documents (extracted first) instead of synthetic",
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=0.0,
        metavar="MS",
        help="idle milliseconds per document after each batch, standing in for the extraction "
        "(not counted in wall_ms_per_doc)",
    )
    parser.add_argument("--cache", type=Path, help="a pickle of --corpus's extracted graphs")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.corpus:
        docs = cached_graphs(args.corpus, args.docs, args.cache)
    else:
        docs = list(rdf_bench.corpus(rdf_bench.entity_pools(1, args.docs), 1))[: args.docs]
    sizes = {f"kg-{b}" if len(args.batch) > 1 else "kg": b for b in args.batch}
    ways = (*sizes, "load", "bulk_load")
    runs: dict[str, list[dict]] = {w: [] for w in ways}
    with tempfile.TemporaryDirectory(prefix="kg-store-write-") as tmp:
        for r in range(args.repeats):
            for way in ways:
                batches = list(partitions(docs, sizes.get(way, args.batch[0])))
                runs[way].append(write(way, batches, Path(tmp) / way, args.pace))
                print(f"repeat {r + 1} {way:9s} {runs[way][-1]}", flush=True)
    median = {
        w: {
            k: statistics.median(run[k] for run in runs[w])
            for k in runs[w][0]
            if k != "threads_cpu_s"
        }
        for w in ways
    }
    result = {
        "command": " ".join([".venv/bin/python", "bench/store_write.py", *(argv or sys.argv[1:])]),
        "docs": len(docs),
        "graphs": f"kg build of {args.corpus}" if args.corpus else "synthetic (bench/rdf_bench.py)",
        "batch": args.batch,
        "pace_ms_per_doc": args.pace,
        "median": median,
        **{
            f"{way}_over_{loader}_cpu": round(
                median[way]["cpu_ms_per_doc"] / median[loader]["cpu_ms_per_doc"], 3
            )
            for way in sizes
            for loader in ("load", "bulk_load")
        },
        "runs": runs,
    }
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
