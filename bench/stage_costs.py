"""Where kg's time goes beside spaCy's parse: CPU per document of each kg component and stage.

In one process, on the same texts, alternating rounds: the raw model's ``nlp.pipe`` (the corpus
benchmark's baseline), then kg's pipeline with its own components switched off (the parse kg
runs), then each of kg's components on those docs, the stages after them (``resolve``,
``relate``, statements, quantities), the graph's RDF (``document_rdf``), the store's writes of
the graphs (batches of ``--batch`` on disk, as ``kg build`` writes them) and the Turtle dump of
the store. Each figure is CPU milliseconds a document (``time.process_time``, median of the
rounds) and its share of the raw parse's. The corpus is made as ``bench/make_corpus.py`` makes
it (from ``seeds/`` and ``../shared/corpus``, read at run time), or given with ``--corpus``.

    .venv/bin/python bench/stage_costs.py --docs 300 --rounds 3 --out bench/results/stage_costs.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import spacy

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
KG_PARSE = "kg: the parse (kg's pipeline, own components off)"


def timed(costs: dict[str, float], name: str, call: Callable, *args):
    """``call(*args)``, its CPU time added to ``costs[name]``."""
    started = time.process_time()
    result = call(*args)
    costs[name] = costs.get(name, 0.0) + time.process_time() - started
    return result


#: the stages kg.extraction._graph calls after the components, as it names them
STAGES = {
    "resolve": "kg stage: resolve",
    "relate": "kg stage: relate",
    "find_statements": "kg stage: statements",
    "find_quantities": "kg stage: quantities",
}


@contextlib.contextmanager
def _timed_stages(module, costs: dict[str, float]) -> Iterator[None]:
    """While inside, each of ``STAGES`` in ``module`` adds its CPU time to ``costs``."""
    originals = {name: getattr(module, name) for name in STAGES}

    def wrap(name: str, stage: Callable) -> Callable:
        return lambda *args: timed(costs, STAGES[name], stage, *args)

    try:
        for name, stage in originals.items():
            setattr(module, name, wrap(name, stage))
        yield
    finally:
        for name, stage in originals.items():
            setattr(module, name, stage)


def one_round(
    texts: list[str], nlp, raw, lexicon, workdir: Path, batch: int, raw_first: bool
) -> dict[str, float]:
    """CPU seconds of each part over all ``texts``; the raw parse before kg's own or after it
    (rounds alternate: whichever runs second in a process has tended to differ)."""
    from kg import extraction
    from kg.model import Document
    from kg.nlp.normalize import normalize_text
    from kg.rdf.graph import document_rdf
    from kg.rdf.store import Store

    costs: dict[str, float] = {}
    if raw_first:
        timed(costs, "spacy: raw model nlp.pipe", lambda: list(raw.pipe(texts, batch_size=64)))
    ours = [name for name in nlp.pipe_names if name.startswith("kg_") and name != "kg_line_breaks"]
    documents = [Document(id=f"doc-{i:06d}", text=t) for i, t in enumerate(texts)]
    normalized = timed(costs, "kg: normalize_text", lambda: [normalize_text(t) for t in texts])
    with nlp.select_pipes(disable=ours):
        docs = timed(
            costs,
            KG_PARSE,
            lambda: list(nlp.pipe(normalized, batch_size=64)),
        )
    if not raw_first:
        timed(costs, "spacy: raw model nlp.pipe", lambda: list(raw.pipe(texts, batch_size=64)))
    graphs = []
    # kg's own stage code (kg.extraction._graph), each stage it calls timed where it calls it
    with _timed_stages(extraction, costs):
        for doc, document in zip(docs, documents, strict=True):
            for name in ours:
                doc = timed(costs, f"kg component: {name}", nlp.get_pipe(name), doc)
            graphs.append(extraction._graph(doc, document, lexicon, None))
    store = Store(tempfile.mkdtemp(dir=workdir, prefix="store-"))
    timed(costs, "rdf: document_rdf", lambda: [document_rdf(g, store.mint) for g in graphs])
    for start in range(0, len(graphs), batch):
        timed(costs, "store: add (incl. document_rdf)", store.add, graphs[start : start + batch])
    timed(costs, "store: flush", store.flush)
    with (workdir / "out.ttl").open("wb") as out:
        timed(
            costs,
            "store: Turtle dump",
            lambda: store.oxigraph.dump(out, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()),
        )
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--corpus", type=Path, help="a folder of .txt files (default: generated)")
    parser.add_argument("--words", type=int, nargs=2, default=(150, 250), metavar=("MIN", "MAX"))
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--batch", type=int, default=256, help="documents per store write")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)

    from kg.nlp.lexicon import load_lexicon
    from kg.nlp.models import find_model
    from kg.nlp.pipeline import load_pipeline

    with tempfile.TemporaryDirectory(prefix="kg-stage-costs-") as tmp:
        workdir = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            sys.path.insert(0, str(BENCH))
            from make_corpus import make_corpus

            corpus = workdir / "corpus"
            make_corpus(args.docs, corpus, seed=1, words=tuple(args.words))
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))][: args.docs]
        model = find_model(None)
        raw, nlp, lexicon = spacy.load(model), load_pipeline(None), load_lexicon()
        list(raw.pipe(texts[:20])), list(nlp.pipe(texts[:20]))  # warm caches
        rounds = []
        for r in range(args.rounds):
            rounds.append(one_round(texts, nlp, raw, lexicon, workdir, args.batch, r % 2 == 0))
            print(f"round {r + 1} of {args.rounds} done", file=sys.stderr, flush=True)

    n = len(texts)
    raw_ms = 1000 * statistics.median(r["spacy: raw model nlp.pipe"] for r in rounds) / n
    parts = {}
    for name in rounds[0]:
        ms = 1000 * statistics.median(r[name] for r in rounds) / n
        parts[name] = {"cpu_ms_per_doc": round(ms, 3), "of_raw_parse": round(ms / raw_ms, 4)}
    own = [k for k in parts if k.startswith(("kg component", "kg stage", "kg: normalize"))]
    summary = {
        "kg's extraction beside the parse (components, stages, normalize_text)": round(
            sum(parts[k]["cpu_ms_per_doc"] for k in own), 3
        ),
        "store add, flush and Turtle dump": round(
            sum(parts[k]["cpu_ms_per_doc"] for k in parts if k.startswith("store")), 3
        ),
    }
    results = {
        "command": " ".join([".venv/bin/python", "bench/stage_costs.py", *(argv or sys.argv[1:])]),
        "docs": n,
        "rounds": args.rounds,
        "order": "rounds 1, 3, ...: the raw parse before kg's; rounds 2, 4, ...: after it",
        "raw_parse_cpu_s_by_round": [round(r["spacy: raw model nlp.pipe"], 3) for r in rounds],
        "kg_parse_cpu_s_by_round": [round(r[KG_PARSE], 3) for r in rounds],
        "model": model,
        "parts": parts,
        "summary_cpu_ms_per_doc": summary,
    }
    width = max(map(len, parts))
    for name, part in parts.items():
        print(f"{name:<{width}}  {part['cpu_ms_per_doc']:7.2f} ms  {part['of_raw_parse']:6.1%}")
    for name, ms in summary.items():
        print(f"{name}: {ms:.2f} ms a document ({ms / raw_ms:.1%} of the raw parse)")
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
