"""Export and query time of kg's RDF store on a graph of a million triples, beside rdflib and pyoxigraph.

A synthetic corpus shaped like kg's output (people, organisations, infrastructure, places, events;
1-3 pieces of evidence per entity, relations and posts with their own evidence) is added to a
``kg.rdf.store.Store`` on disk (a temporary folder) in batches until the union of its graphs holds
at least ``--triples`` triples. The same union is then put, outside the timed regions, in an rdflib
graph (``Store.to_rdflib``); the raw baseline is pyoxigraph itself on the very same store
(``Store.oxigraph``), dumping its default graph (the union) and answering the same queries. Measured,
interleaved in one process (kg, rdflib, pyoxigraph, kg, ... ; the median of each is reported) since
the machine is shared and noisy:

- Turtle and N-Triples export: ``Store.serialize`` against rdflib's ``Graph.serialize`` and
  pyoxigraph's own ``Store.dump`` of the same triples (same prefixes);
- SPARQL: ``COUNT(*)`` of all triples, and every relation with its evidence sentence
  (``kg:Assertion`` / ``kg:evidence`` / ``kg:sentence``, rows counted): ``Store.query`` against
  rdflib's ``Graph.query`` and pyoxigraph's ``Store.query``.

rdflib takes tens of seconds per operation at this size, so it runs ``--rdflib-repeats`` times
(3 rounds of everything take 8-10 minutes at a million triples on 2 shared cores). Output sizes are
recorded too: rows for queries, bytes for exports.

    .venv/bin/python bench/rdf_bench.py --triples 1000000 --out bench/results/rdf.json \
        --png bench/results/rdf.png
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.model import Document, DocumentGraph, Entity, Evidence, Relation, entity_key
from kg.rdf.store import Store

ROOT = Path(__file__).resolve().parent.parent
IMPLS = ("kg", "rdflib", "pyoxigraph")

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RELATIONS_WITH_EVIDENCE = """
SELECT ?s ?p ?o ?confidence ?sentence WHERE {
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:confidence ?confidence ; kg:evidence ?ev .
  ?ev kg:sentence ?sentence .
}"""

# -- a synthetic corpus of DocumentGraph records ------------------------------------------------

SYLLABLES = ("an", "bo", "chen", "da", "fei", "gao", "hui", "jin", "kai", "lan", "ming", "nuo")
ORG_CLASSES = ("GovernmentOrganization", "Company", "TelecomOperator", "Organization")
ORG_WORDS = (
    "Ministry of",
    "Bureau of",
    "Commission for",
    "Group",
    "Telecom",
    "Holdings",
    "Institute of",
)
FIELDS = (
    "Industry",
    "Information",
    "Commerce",
    "Digital Economy",
    "Transport",
    "Energy",
    "Science",
)
INFRA = (
    "5G network",
    "data center",
    "gigabit fiber network",
    "computing hub",
    "IoT platform",
    "industrial internet",
    "satellite link",
    "cloud platform",
)
ROLES = ("minister", "director", "general manager", "spokesperson", "chairman", "deputy director")
ORG_TO_INFRA = (
    "kg:promotes",
    "kg:builds",
    "kg:deploys",
    "kg:operates",
    "kg:supports",
    "kg:accelerates",
)


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2))).capitalize()
        for _ in range(words)
    )


def entity_pools(seed: int, scale: int) -> dict[str, list[tuple[str, str, str]]]:
    """Named things a corpus of ``scale`` documents talks about: group -> [(key, class, label)]."""
    rng = random.Random(seed)
    pools: dict[str, list[tuple[str, str, str]]] = {}

    def pool(group: str, size: int, make: Callable[[int], tuple[str, str]]) -> None:
        seen, items = set(), []
        for i in range(size):
            cls, label = make(i)
            key = entity_key(group, label)
            if key not in seen:
                seen.add(key)
                items.append((key, cls, label))
        pools[group] = items

    pool("Person", 4 * scale, lambda i: ("Person", f"{_name(rng, 2)} {i}"))
    pool(
        "Organization",
        scale,
        lambda i: (
            ORG_CLASSES[i % len(ORG_CLASSES)],
            f"{_name(rng, 1)} {rng.choice(ORG_WORDS)} {rng.choice(FIELDS)} {i}",
        ),
    )
    pool(
        "Infrastructure",
        60,
        lambda i: ("Infrastructure", f"{_name(rng, 1)} {INFRA[i % len(INFRA)]}"),
    )
    pool("Place", max(50, scale // 5), lambda i: ("Place", f"{_name(rng, 1)} Province {i}"))
    pool("Event", max(50, scale // 2), lambda i: ("PressConference", f"{_name(rng, 1)} Forum {i}"))
    pool("ConsumptionForm", 30, lambda i: ("ConsumptionForm", f"cloud {_name(rng, 1).lower()} {i}"))
    return pools


def _pick(rng: random.Random, items: list, k: int) -> list:
    """``k`` distinct items, skewed to the head of the list as news coverage is."""
    chosen: dict[int, None] = {}
    while len(chosen) < min(k, len(items)):
        chosen[
            min(int(rng.paretovariate(1.2)) - 1 + rng.randrange(len(items)) // 8, len(items) - 1)
        ] = None
    return [items[i] for i in chosen]


def document_graph(i: int, rng: random.Random, pools: dict) -> DocumentGraph:
    """One document: ~20 entities with 1-3 evidence each, ~15 relations of which ~4 posts."""
    doc_id = f"news-{i:06d}"
    sentences: list[str] = []
    offset = 0

    def evidence(rule: str, *labels: str) -> Evidence:
        nonlocal offset
        text = (
            f"{labels[0]} said on {rng.choice(('Monday', 'Tuesday', 'Friday'))} that "
            + " and ".join(labels[1:] or ("the plan",))
            + f" will be central to the {rng.randint(14, 16)}th five-year plan, "
            f"with {rng.randint(2, 900)} billion yuan committed by {rng.randint(2025, 2030)}."
        )
        sentences.append(text)
        start = offset + rng.randint(0, 5)
        ev = Evidence(
            doc_id, text, start, start + len(labels[0]), rule, round(rng.uniform(0.5, 0.98), 4)
        )
        offset += len(text) + 1
        return ev

    chosen = {
        "Person": _pick(rng, pools["Person"], 6),
        "Organization": _pick(rng, pools["Organization"], 6),
        "Infrastructure": _pick(rng, pools["Infrastructure"], 4),
        "Place": _pick(rng, pools["Place"], 2),
        "Event": _pick(rng, pools["Event"], 1),
        "ConsumptionForm": _pick(rng, pools["ConsumptionForm"], 1),
    }
    entities = []
    for group, items in chosen.items():
        for key, cls, label in items:
            aliases = (
                (label.split()[0],) if group != "Infrastructure" and rng.random() < 0.3 else ()
            )
            entities.append(
                Entity(
                    key=key,
                    cls=cls,
                    label=label,
                    aliases=aliases,
                    evidence=tuple(
                        evidence(f"synthetic.{group.lower()}", label)
                        for _ in range(rng.randint(1, 3))
                    ),
                )
            )
    labels = {e.key: e.label for e in entities}
    people, orgs = chosen["Person"], chosen["Organization"]
    triples: dict[tuple[str, str, str], str | None] = {}
    for person, org in zip(people[:4], orgs, strict=False):
        triples[(person[0], "org:Post", org[0])] = rng.choice(ROLES)
    for _ in range(7):
        triples[
            (rng.choice(orgs)[0], rng.choice(ORG_TO_INFRA), rng.choice(chosen["Infrastructure"])[0])
        ] = None
    triples[(orgs[-1][0], "org:unitOf", orgs[-2][0])] = None
    triples[(orgs[0][0], "kg:cooperatesWith", orgs[1][0])] = None
    triples[(chosen["Event"][0][0], "kg:locatedIn", chosen["Place"][0][0])] = None
    triples[(people[-1][0], "kg:spokeAt", chosen["Event"][0][0])] = None
    relations = tuple(
        Relation(
            s,
            p,
            o,
            role=role,
            evidence=tuple(
                evidence(f"synthetic.{p.partition(':')[2].lower()}", labels[s], labels[o])
                for _ in range(rng.randint(1, 2))
            ),
        )
        for (s, p, o), role in triples.items()
    )
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    document = Document(
        id=doc_id,
        text="\n".join(sentences),
        source=f"https://news.example.org/{doc_id}.html",
        title=f"{labels[orgs[0][0]]} to {rng.choice(ORG_TO_INFRA)[3:]} {labels[chosen['Infrastructure'][0][0]]}",
        metadata=(
            ("byline", _name(rng, 2)),
            ("publisher", "Example News Agency"),
            ("date", day),
            ("date_datatype", "http://www.w3.org/2001/XMLSchema#date"),
        ),
    )
    return DocumentGraph(document, tuple(entities), relations)


def corpus(pools: dict, seed: int = 1) -> Iterator[DocumentGraph]:
    """Documents without end, the same for the same pools and seed."""
    rng = random.Random(seed + 1)
    for i in itertools.count():
        yield document_graph(i, rng, pools)


# -- building the store -------------------------------------------------------------------------


def build(target: int, batch: int, seed: int, on_disk: bool = True) -> tuple[Store, dict]:
    """A store of at least ``target`` union triples; the documents it took and the time to add them."""
    sample = Store()
    sample.add(itertools.islice(corpus(entity_pools(seed, 100), seed), 100))
    n_docs = math.ceil(target / (len(sample) / 100))
    docs = corpus(entity_pools(seed, n_docs), seed)
    where = Path(tempfile.mkdtemp(prefix="kg-rdf-bench-")) if on_disk else None
    store, added, add_s = Store(where), 0, 0.0
    while True:
        while added < n_docs:
            chunk = list(itertools.islice(docs, min(batch, n_docs - added)))
            t = time.perf_counter()
            store.add(chunk)
            add_s += time.perf_counter() - t
            added += len(chunk)
        triples = len(store)
        print(f"  {added} documents, {triples} triples, add {add_s:.1f} s", flush=True)
        if triples >= target:
            break
        n_docs = math.ceil(n_docs * target / triples * 1.01)
    return store, {"documents": added, "batch": batch, "add_s": round(add_s, 2), "triples": triples}


# -- measuring ----------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def compare(
    name: str,
    ops: dict[str, Callable[[], object]],
    measure: Callable[[object], int],
    repeats: int,
    rdflib_repeats: int,
) -> dict:
    """Run each implementation in turn, ``repeats`` rounds (rdflib only in its first rounds)."""
    samples: dict[str, list[float]] = {impl: [] for impl in ops}
    sizes: dict[str, int] = {}
    for r in range(max(repeats, rdflib_repeats)):
        for impl, fn in ops.items():
            if r >= (rdflib_repeats if impl == "rdflib" else repeats):
                continue
            seconds, out = timed(fn)
            samples[impl].append(seconds)
            sizes[impl] = measure(out)
            del out
            print(f"  {name:<24} {impl:<10} {seconds:8.2f} s", flush=True)
    median = {impl: statistics.median(s) for impl, s in samples.items()}
    run = {"op": name}
    for impl in ops:
        run[f"{impl}_s"] = round(median[impl], 3)
    for impl in ops:
        if impl != "kg":
            run[f"kg_over_{impl}"] = round(median["kg"] / median[impl], 3)
    run["samples_s"] = {impl: [round(s, 3) for s in v] for impl, v in samples.items()}
    run["output"] = sizes
    return run


def kg_version() -> dict:
    """The commit measured, and whether the store's code differed from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "store_code_modified": bool(git("status", "--porcelain", "kg/rdf")),
    }


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "python": platform.python_version(),
        "pyoxigraph": ox.__version__,
        "rdflib": rdflib.__version__,
        "platform": platform.platform(),
    }


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = results["runs"]
    fig, ax = plt.subplots(figsize=(8, 4.2))
    width = 0.27
    for j, impl in enumerate(IMPLS):
        xs = [i + (j - 1) * width for i in range(len(runs))]
        ys = [run.get(f"{impl}_s", 0) for run in runs]
        bars = ax.bar(xs, ys, width, label=impl)
        ax.bar_label(bars, labels=[f"{y:.2g}" for y in ys], fontsize=7, padding=1)
    ax.set_xticks(range(len(runs)), [run["op"] for run in runs])
    ax.set_yscale("log")
    ax.set_ylabel("seconds (median, log scale)")
    ax.set_title(f"kg Store vs rdflib vs pyoxigraph, {results['store']['triples']:,} triples")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="at least this many")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of kg and pyoxigraph")
    parser.add_argument(
        "--rdflib-repeats", type=int, default=3, help="rounds of rdflib (~1.5 min each at 1M)"
    )
    parser.add_argument("--batch", type=int, default=200, help="documents per Store.add")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--in-memory",
        action="store_true",
        help="an in-memory store (kg build without --store; sorted exports) instead of one on disk",
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "rdf.json"))
    parser.add_argument("--png", help="also draw the figures to this PNG")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    print(f"building a store of >= {args.triples} triples", flush=True)
    store, built = build(args.triples, args.batch, args.seed, on_disk=not args.in_memory)
    built["store"] = "in memory" if args.in_memory else "on disk"
    n = built["triples"]

    t = time.perf_counter()
    graph = store.to_rdflib()
    built["to_rdflib_s"] = round(time.perf_counter() - t, 2)
    raw = store.oxigraph  # pyoxigraph itself, on the very same store
    prefixes = store.prefixes()
    prolog = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())

    def dump(fmt: ox.RdfFormat) -> Callable[[], bytes]:
        return lambda: raw.dump(format=fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    def rows(result: object) -> int:
        return sum(1 for _ in result)

    def count(result: object) -> int:
        row = next(iter(result))
        value = row["n"] if isinstance(row, dict) else row[0]
        return int(getattr(value, "value", value))

    raw_n = count(raw.query(prolog + COUNT_ALL))
    if not (len(graph) == raw_n == n):
        raise SystemExit(f"triple counts differ: kg {n}, rdflib {len(graph)}, pyoxigraph {raw_n}")

    runs = [
        compare(
            "turtle export",
            {
                "kg": lambda: store.serialize("turtle"),
                "rdflib": lambda: graph.serialize(format="turtle", encoding="utf-8"),
                "pyoxigraph": dump(ox.RdfFormat.TURTLE),
            },
            len,
            args.repeats,
            args.rdflib_repeats,
        ),
        compare(
            "n-triples export",
            {
                "kg": lambda: store.serialize("nt"),
                "rdflib": lambda: graph.serialize(format="nt", encoding="utf-8"),
                "pyoxigraph": dump(ox.RdfFormat.N_TRIPLES),
            },
            len,
            args.repeats,
            args.rdflib_repeats,
        ),
        compare(
            "sparql count(*)",
            {
                "kg": lambda: store.query(COUNT_ALL),
                "rdflib": lambda: list(graph.query(prolog + COUNT_ALL)),
                "pyoxigraph": lambda: list(raw.query(prolog + COUNT_ALL)),
            },
            count,
            args.repeats,
            args.rdflib_repeats,
        ),
        compare(
            "sparql relations+evidence",
            {
                "kg": lambda: store.query(RELATIONS_WITH_EVIDENCE),
                "rdflib": lambda: list(graph.query(prolog + RELATIONS_WITH_EVIDENCE)),
                "pyoxigraph": lambda: list(raw.query(prolog + RELATIONS_WITH_EVIDENCE)),
            },
            rows,
            args.repeats,
            args.rdflib_repeats,
        ),
    ]
    for run in runs:
        run["output_unit"] = "rows" if run["op"].startswith("sparql") else "bytes"
    turtle = runs[0]
    results = {
        "command": " ".join(
            [
                ".venv/bin/python",
                "bench/rdf_bench.py",
                *(argv if argv is not None else sys.argv[1:]),
            ]
        ),
        "machine": machine(),
        "kg": kg_version(),
        "store": built,
        "repeats": {"kg": args.repeats, "pyoxigraph": args.repeats, "rdflib": args.rdflib_repeats},
        "turtle_target": {
            "max_kg_over_pyoxigraph": 1.5,
            "kg_over_pyoxigraph": turtle["kg_over_pyoxigraph"],
            "met": turtle["kg_over_pyoxigraph"] <= 1.5,
        },
        "runs": runs,
        "total_s": round(time.perf_counter() - started, 1),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    if args.png:
        plot(results, Path(args.png))

    print(f"\n{n:,} triples in {built['documents']} documents (add {built['add_s']} s)")
    print(
        f"{'median seconds':<26}{'kg':>9}{'rdflib':>9}{'pyoxigr.':>9}{'kg/ox':>8}{'kg/rdflib':>10}"
    )
    for run in runs:
        print(
            f"{run['op']:<26}{run['kg_s']:>9.2f}{run['rdflib_s']:>9.2f}{run['pyoxigraph_s']:>9.2f}"
            f"{run['kg_over_pyoxigraph']:>8.2f}{run['kg_over_rdflib']:>10.3f}"
        )
    print(f"wrote {out}" + (f" and {args.png}" if args.png else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
