"""How the cost of adding a batch to the store grows with what the store already holds.

Adds batches of 50 synthetic documents (the generator of bench/rdf_bench.py, whose entities recur
across documents as real ones do) to an in-memory store and prints, per batch, the time of
``Store.add`` and of the part of it that reads the touched entities' facts back from every
document graph to recompute their summary.

    .venv/bin/python bench/store_growth.py [--batches 12]
"""

from __future__ import annotations

import argparse
import itertools
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
    args = parser.parse_args(argv)
    docs = rdf_bench.corpus(rdf_bench.entity_pools(1, args.batches * args.batch), 1)
    store = Store()
    spent = [0.0]
    facts = Store._facts

    def timed_facts(self, *a, **k):
        started = time.perf_counter()
        try:
            return facts(self, *a, **k)
        finally:
            spent[0] += time.perf_counter() - started

    Store._facts = timed_facts
    for b in range(args.batches):
        batch = list(itertools.islice(docs, args.batch))
        spent[0] = 0.0
        started = time.perf_counter()
        store.add(batch)
        total = time.perf_counter() - started
        print(
            f"documents {(b + 1) * args.batch:5d}: add {total:.2f} s, "
            f"of which reading facts back {spent[0]:.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
