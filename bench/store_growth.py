"""How the cost of adding a batch to the store grows with what the store already holds.

Adds batches of 50 synthetic documents (the generator of bench/rdf_bench.py, whose entities recur
across documents as real ones do) to an in-memory store and prints, per batch, the time of
``Store.add`` and of the part of it that reads the touched entities' tallies back to update
their summary; with ``--out``, writes them as JSON with the ratio of the last batch's time to the
first's (1.0: a batch costs the same however much the store holds). ``--flush-every 512`` flushes
the store's memory tables as ``kg build`` does (kg.api.FLUSH_EVERY); the time of a flush counts
in its batch's.

    .venv/bin/python bench/store_growth.py --batches 12 --out bench/results/store_growth.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rdf_bench

from kg.rdf.store import Store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--store", type=Path, help="a folder for a store on disk (default: memory)")
    parser.add_argument(
        "--flush-every",
        type=int,
        default=0,
        metavar="DOCS",
        help="flush the store's memory tables every DOCS documents, as kg build does (512)",
    )
    args = parser.parse_args(argv)
    docs = rdf_bench.corpus(rdf_bench.entity_pools(1, args.batches * args.batch), 1)
    store = Store(args.store) if args.store else Store()
    spent = [0.0]
    tallies = Store._tallies

    def timed_tallies(self, *a, **k):
        started = time.perf_counter()
        try:
            return tallies(self, *a, **k)
        finally:
            spent[0] += time.perf_counter() - started

    Store._tallies = timed_tallies
    rows = []
    for b in range(args.batches):
        batch = list(itertools.islice(docs, args.batch))
        spent[0] = 0.0
        started = time.perf_counter()
        store.add(batch)
        if args.flush_every and (b + 1) * args.batch % args.flush_every == 0:
            store.flush()
        total = time.perf_counter() - started
        rows.append(
            {
                "stored": (b + 1) * args.batch,
                "add_s": round(total, 3),
                "tallies_s": round(spent[0], 3),
            }
        )
        print(
            f"documents {(b + 1) * args.batch:5d}: add {total:.2f} s, "
            f"of which reading tallies back {spent[0]:.2f} s"
        )
    if args.out:
        result = {
            "command": " ".join(
                [".venv/bin/python", "bench/store_growth.py", *(argv or sys.argv[1:])]
            ),
            "batch": args.batch,
            "flush_every": args.flush_every,
            "batches": rows,
            "last_over_first": round(rows[-1]["add_s"] / rows[0]["add_s"], 2),
            "last_over_median": round(
                rows[-1]["add_s"] / statistics.median(r["add_s"] for r in rows), 2
            ),
        }
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
