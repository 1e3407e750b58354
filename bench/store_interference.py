"""Does kg's extraction get slower as the store it writes into grows?

One process, ``--batches`` batches. In each: raw spaCy ``nlp.pipe`` over ``--parse`` texts is
timed (the store's writer idle); then ``--add`` already-extracted document graphs are handed to
the writer thread (``kg.api.write_behind``, as ``kg build`` uses it), which adds them to a store on
disk (``kg.rdf.store.Store(--store)``, ``add(..., force=True)``) and flushes it every
``kg.api.FLUSH_EVERY`` documents as ``kg.api.build_into`` does, while kg's extraction
(``kg.extraction.extract_in_process``) of the same texts is timed; the next batch starts when the
writer is done. The store grows ``--add / --parse`` times faster than the parsing (to 10,240
documents after 40 batches with the defaults), and each batch's ratio time(kg) / time(spaCy)
compares two timings taken seconds apart in the same process, so a shared machine's noise largely
cancels in it. A ratio that stays flat while the store grows means extraction, with the writer
beside it, does not get slower with the store's size. Each batch also records the main thread's
CPU time in both (``time.thread_time``): kg's over spaCy's is what extraction itself costs, and
kg's wall time less its CPU is the main thread waiting (for the GIL or a core) beside the writer.

The texts come from ``bench/make_corpus.py`` (``seeds/`` and ``../shared/corpus/dev``, read at run
time; documents of ``--words`` words written to a temporary folder): the first ``--graph-docs``
are extracted once at the start and their graphs are the ones the writer adds, again and again,
as copies under fresh document ids (in the document and in its evidence, so every copy is a new
document graph); the texts parsed in the batches follow them, none parsed twice.

    .venv/bin/python bench/store_interference.py --out bench/results/store-interference.json

takes 6-10 minutes on 2 shared cores with the defaults.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import platform
import queue
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus
import spacy

from kg.api import FLUSH_EVERY, write_behind
from kg.extraction import extract_in_process
from kg.ingest.files import iter_documents
from kg.model import Document, DocumentGraph
from kg.nlp.models import find_model
from kg.rdf.store import Store

ROOT = Path(__file__).resolve().parent.parent
EDGE = 10  # batches in the first and last medians


def renamed(graph: DocumentGraph, doc_id: str) -> DocumentGraph:
    """``graph`` as the graph of a new document ``doc_id`` (its evidence points to it too)."""
    old = graph.document.id

    def moved(items):
        return tuple(
            dataclasses.replace(
                item,
                evidence=tuple(
                    dataclasses.replace(e, doc_id=doc_id) if e.doc_id == old else e
                    for e in item.evidence
                ),
            )
            for item in items
        )

    return dataclasses.replace(
        graph,
        document=dataclasses.replace(graph.document, id=doc_id),
        entities=moved(graph.entities),
        relations=moved(graph.relations),
        statements=moved(graph.statements),
        quantities=moved(graph.quantities),
    )


def git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--parse", type=int, default=64, help="texts parsed per batch")
    parser.add_argument("--add", type=int, default=256, help="graphs added per batch")
    parser.add_argument(
        "--graph-docs",
        type=int,
        default=512,
        help="documents extracted at the start, whose graphs the writer adds as copies",
    )
    parser.add_argument("--words", type=int, nargs=2, default=(150, 250), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", type=Path, help="a new store folder (default: a temporary one)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.store and args.store.exists() and any(args.store.iterdir()):
        parser.error(f"--store {args.store} is not empty: give a new folder")

    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kg-interference-") as tmp:
        total = args.graph_docs + args.batches * args.parse
        corpus = make_corpus.make_corpus(
            total, Path(tmp) / "corpus", seed=args.seed, words=tuple(args.words)
        )
        docs = [d for d in iter_documents([Path(tmp) / "corpus"]) if isinstance(d, Document)]
        sources, texts = docs[: args.graph_docs], docs[args.graph_docs :]
        model = find_model(None)
        nlp = spacy.load(model)
        list(nlp.pipe([d.text for d in texts[:8]], batch_size=args.parse))  # warm up
        list(extract_in_process(texts[:8]))  # loads kg's pipeline and lexicon
        started = time.perf_counter()
        graphs = [g for g in extract_in_process(sources) if isinstance(g, DocumentGraph)]
        extract_s = time.perf_counter() - started
        print(f"{len(docs)} documents; {len(graphs)} graphs extracted in {extract_s:.1f} s")

        store_dir = args.store or Path(tmp) / "store"
        store = Store(store_dir)
        copies = itertools.count(1)
        done: queue.Queue[dict] = queue.Queue()
        unflushed = 0

        def write(batch: list[DocumentGraph]) -> None:
            nonlocal unflushed
            record = {"start": time.perf_counter(), "flushed": False}
            try:
                store.add(batch, force=True)
                unflushed += len(batch)
                if unflushed >= FLUSH_EVERY:
                    store.flush()
                    unflushed = 0
                    record["flushed"] = True
            finally:
                record["end"] = time.perf_counter()
                done.put(record)

        rows = []

        def batches():
            for b in range(args.batches):
                part = texts[b * args.parse : (b + 1) * args.parse]
                added = []
                for _ in range(args.add):
                    n = next(copies)
                    added.append(renamed(graphs[(n - 1) % len(graphs)], f"interference-{n:06d}"))
                cpu = time.thread_time()
                t0 = time.perf_counter()
                list(nlp.pipe([d.text for d in part], batch_size=args.parse))
                spacy_s = time.perf_counter() - t0
                spacy_cpu = time.thread_time() - cpu
                yield added  # the writer adds these while kg extracts the same texts
                cpu = time.thread_time()
                t0 = time.perf_counter()
                extracted = list(extract_in_process(part))
                t1 = time.perf_counter()
                kg_cpu = time.thread_time() - cpu
                writer = done.get()
                wait_s = time.perf_counter() - t1
                assert len(extracted) == len(part)
                row = {
                    "batch": b + 1,
                    "docs_in_store": (b + 1) * args.add,
                    "spacy_s": round(spacy_s, 3),
                    "kg_s": round(t1 - t0, 3),
                    "ratio": round((t1 - t0) / spacy_s, 3),
                    "writer_s": round(writer["end"] - writer["start"], 3),
                    "writer_during_kg_s": round(
                        max(0.0, min(t1, writer["end"]) - max(t0, writer["start"])), 3
                    ),
                    "wait_after_kg_s": round(wait_s, 3),
                    "flushed": writer["flushed"],
                    "spacy_cpu_s": round(spacy_cpu, 3),
                    "kg_cpu_s": round(kg_cpu, 3),
                    "load1": round(os.getloadavg()[0], 2),
                }
                rows.append(row)
                print(
                    f"batch {b + 1:3d}: store {row['docs_in_store']:6d} docs  "
                    f"spaCy {spacy_s:5.2f} s  kg {row['kg_s']:5.2f} s  ratio {row['ratio']:.3f}  "
                    f"writer {row['writer_s']:5.2f} s{' (flush)' if writer['flushed'] else ''}",
                    flush=True,
                )

        write_behind(batches(), write)
        store_bytes = folder_bytes(store_dir)
        counted = len(store.documents())

    edge = min(EDGE, len(rows) // 2) or 1
    first, last = rows[:edge], rows[-edge:]

    def median(part, key):
        return round(statistics.median(r[key] for r in part), 3)

    for r in rows:  # per batch, for the medians below
        r["kg_cpu_over_spacy_cpu"] = round(r["kg_cpu_s"] / r["spacy_cpu_s"], 3)
        r["kg_not_running_s"] = round(r["kg_s"] - r["kg_cpu_s"], 3)

    summary = {
        "batches_in_each_median": edge,
        "first_median_ratio": median(first, "ratio"),
        "last_median_ratio": median(last, "ratio"),
        "last_over_first": round(median(last, "ratio") / median(first, "ratio"), 3),
        "docs_in_store_at_end": rows[-1]["docs_in_store"],
        "documents_the_store_lists_at_end": counted,
        "store_bytes_at_end": store_bytes,
        "first_median_kg_s": median(first, "kg_s"),
        "last_median_kg_s": median(last, "kg_s"),
        "first_median_spacy_s": median(first, "spacy_s"),
        "last_median_spacy_s": median(last, "spacy_s"),
        "first_median_writer_s": median(first, "writer_s"),
        "last_median_writer_s": median(last, "writer_s"),
        # the main thread's own CPU, kg's over spaCy's: what extraction itself costs
        "first_median_kg_cpu_over_spacy_cpu": median(first, "kg_cpu_over_spacy_cpu"),
        "last_median_kg_cpu_over_spacy_cpu": median(last, "kg_cpu_over_spacy_cpu"),
        # kg's wall time less its CPU: the main thread waiting (the GIL, a core) beside the writer
        "first_median_kg_not_running_s": median(first, "kg_not_running_s"),
        "last_median_kg_not_running_s": median(last, "kg_not_running_s"),
    }
    line = (
        f"kg / spaCy per batch: median {summary['first_median_ratio']:.3f} over the first {edge} "
        f"batches, {summary['last_median_ratio']:.3f} over the last {edge} "
        f"({summary['last_over_first']:.3f}x), store at {summary['docs_in_store_at_end']} "
        f"documents; writer {summary['first_median_writer_s']:.2f} -> "
        f"{summary['last_median_writer_s']:.2f} s a batch"
    )
    if args.out:
        result = {
            "command": " ".join(
                [".venv/bin/python", "bench/store_interference.py", *(argv or sys.argv[1:])]
            ),
            "question": __doc__.split("\n\n")[0],
            "parse": args.parse,
            "add": args.add,
            "flush_every": FLUSH_EVERY,
            "graph_docs": len(graphs),
            "graph_extract_s": round(extract_s, 1),
            "corpus": {k: v for k, v in corpus.items() if k != "sources"},
            "summary": summary,
            "batches": rows,
            "machine": {
                "cpu_count": os.cpu_count(),
                "load_average_start": [round(x, 2) for x in load_start],
                "load_average_end": [round(x, 2) for x in os.getloadavg()],
                "platform": platform.platform(),
                "python": platform.python_version(),
                "spacy": spacy.__version__,
                "model": model,
            },
            "kg_commit": git("rev-parse", "--short", "HEAD"),
            "kg_uncommitted_changes": bool(git("status", "--porcelain", "--", "kg", "ontology")),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
