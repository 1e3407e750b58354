"""The public Python API: ``extract`` a string, ``build`` files, and the ``KnowledgeGraph``.

>>> import kg
>>> graph = kg.extract("Li Wei, spokesperson of the Ministry of Commerce, said ...")  # doctest: +SKIP
>>> graph.entities(type="Person")                                                    # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from html import escape as html_escape
from pathlib import Path

import networkx as nx
import rdflib

from kg import analysis, view
from kg.errors import KGError, QueryError, UsageError
from kg.extract import extract_documents
from kg.formats import FORMATS
from kg.ingest import iter_documents
from kg.model import Document, DocumentGraph, Entity, Relation, Skipped, key_group
from kg.nlp.lexicon import ONTOLOGY_DIR, load_lexicon
from kg.nlp.pipeline import load_pipeline
from kg.rdf.graph import build_graph
from kg.rdf.namespace import DEFAULT_BASE
from kg.rdf.reader import to_networkx as rdf_to_networkx
from kg.rdf.reader import top_classes


@dataclass(frozen=True)
class KnowledgeGraph:
    """What ``kg`` built from a set of documents, and the ways to use it.

    Entities with the same key (type and name) from different documents are one entity; their
    aliases and evidence are pooled, and so are the evidence of identical relations.
    """

    graphs: tuple[DocumentGraph, ...]
    skipped: tuple[Skipped, ...] = ()
    base: str = DEFAULT_BASE
    min_confidence: float = 0.0
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(g.document for g in self.graphs)

    @cached_property
    def _merged(self) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
        return merge(self.graphs, self.min_confidence)

    def entities(self, type: str | None = None) -> list[Entity]:
        """All entities, or those of one class or top class (``"Person"``, ``"Organization"``)."""
        ents = self._merged[0]
        if type is None:
            return list(ents)
        return [e for e in ents if e.cls == type or key_group(e.key) == type]

    @property
    def relations(self) -> list[Relation]:
        return list(self._merged[1])

    def to_rdflib(self) -> rdflib.Graph:
        """The graph as rdflib triples under the kg ontology (built once, then reused)."""
        if "rdflib" not in self._cache:
            ents, rels = self._merged
            self._cache["rdflib"] = build_graph(self.documents, ents, rels, base=self.base)
        return self._cache["rdflib"]

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities as nodes (their IRIs) and relations as labelled edges, read from the RDF."""
        if "networkx" not in self._cache:
            self._cache["networkx"] = rdf_to_networkx(self.to_rdflib(), ontology_classes())
        return self._cache["networkx"]

    def query(self, sparql: str) -> list[dict[str, str]]:
        """Run a SPARQL SELECT (or ASK) and return rows as dicts of variable -> value."""
        return run_query(self.to_rdflib(), sparql)

    def serialize(self, path: str | Path | None = None, format: str = "turtle") -> str:
        """The graph in an RDF format; written to ``path`` too when given."""
        if format not in FORMATS:
            raise UsageError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
        if format == "graphml":
            text = to_graphml(self.to_networkx())
        elif format == "json-ld":
            context = {prefix: str(ns) for prefix, ns in self.to_rdflib().namespaces() if prefix}
            text = self.to_rdflib().serialize(format="json-ld", context=context, auto_compact=True)
        else:
            text = self.to_rdflib().serialize(format=format)
        if path is not None:
            write_atomic(Path(path), text)
        return text

    def analyze(self, top: int = 10) -> dict:
        """The analysis report (see :mod:`kg.analysis`)."""
        return analysis.report(self.to_networkx(), top)

    def visualize(self, path: str | Path, title: str = "Knowledge graph", **options) -> Path:
        """Write the interactive HTML view to ``path`` (options: see :func:`kg.view.render_html`)."""
        html = view.render_html(self.to_networkx(), title, **options)
        write_atomic(Path(path), html)
        return Path(path)

    def _repr_html_(self) -> str:
        """Jupyter shows the graph inline: the same page, in a sandboxed frame."""
        page = view.render_html(self.to_networkx(), "Knowledge graph")
        return f'<iframe sandbox="allow-scripts" style="width:100%;height:600px;border:0" srcdoc="{html_escape(page)}"></iframe>'


def extract(
    text: str, *, doc_id: str | None = None, model: str | None = None, base: str = DEFAULT_BASE
) -> KnowledgeGraph:
    """Extract a knowledge graph from one string."""
    if not isinstance(text, str):
        raise UsageError(f"extract() takes a string, not {type(text).__name__}")
    document = Document(id=doc_id or "text", text=text)
    return from_documents([document], model=model, base=base)


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    min_confidence: float = 0.0,
    progress: Callable[[DocumentGraph], None] | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from files and folders; unreadable inputs are listed in ``skipped``."""
    paths = list(paths)
    if not paths:
        raise UsageError("no input paths given")
    documents, skipped = [], []
    for item in iter_documents(paths):
        (skipped if isinstance(item, Skipped) else documents).append(item)
    kg_graph = from_documents(
        documents, model=model, base=base, min_confidence=min_confidence, progress=progress
    )
    return replace(kg_graph, skipped=tuple(skipped))


def from_documents(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    min_confidence: float = 0.0,
    progress: Callable[[DocumentGraph], None] | None = None,
) -> KnowledgeGraph:
    graphs = []
    if documents:
        nlp = load_pipeline(model)
        for graph in extract_documents(documents, nlp, load_lexicon()):
            graphs.append(graph)
            if progress is not None:
                progress(graph)
    return KnowledgeGraph(graphs=tuple(graphs), base=base, min_confidence=min_confidence)


def merge(
    graphs: Iterable[DocumentGraph], min_confidence: float = 0.0
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """Pool entities by key and relations by (subject, predicate, object, role) across documents."""
    ents: dict[str, list[Entity]] = {}
    rels: dict[tuple, list[Relation]] = {}
    for g in graphs:
        for e in g.entities:
            ents.setdefault(e.key, []).append(e)
        for r in g.relations:
            rels.setdefault((r.subject, r.predicate, r.object, r.role or ""), []).append(r)
    merged_entities = []
    for key, group in sorted(ents.items()):
        label = (
            Counter(e.label for e in group).most_common(1)[0][0]
            if len(group) > 1
            else group[0].label
        )
        aliases = sorted({a for e in group for a in (e.label, *e.aliases)} - {label})
        classes = Counter(e.cls for e in group)
        cls = sorted(classes, key=lambda c: (c == key_group(key), -classes[c], c))[0]
        evidence = tuple(
            sorted(
                {ev for e in group for ev in e.evidence},
                key=lambda v: (v.doc_id, v.start, v.end, v.rule),
            )
        )
        first = group[0]
        merged_entities.append(
            replace(first, cls=cls, label=label, aliases=tuple(aliases), evidence=evidence)
        )
    merged_relations = []
    for _, group in sorted(rels.items()):
        evidence = tuple(
            sorted(
                {ev for r in group for ev in r.evidence},
                key=lambda v: (v.doc_id, v.start, v.end, v.rule),
            )
        )
        relation = replace(group[0], evidence=evidence)
        if relation.confidence >= min_confidence:
            merged_relations.append(relation)
    return tuple(merged_entities), tuple(merged_relations)


def to_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML of the entity graph: scalar attributes only (aliases joined by "; ")."""
    flat = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        flat.add_node(
            node,
            label=data.get("label", node),
            type=data.get("cls", ""),
            group=data.get("group", ""),
            aliases="; ".join(data.get("aliases", ())),
            evidence=len(data.get("evidence", ())),
        )
    for u, v, key, data in G.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, label=data.get("relation", ""), detail=data.get("detail", ""))
    return "\n".join(nx.generate_graphml(flat)) + "\n"


def load_rdf(paths: Iterable[str | Path]) -> rdflib.Graph:
    """One rdflib graph from RDF files (format guessed from the file name)."""
    graph = rdflib.Graph()
    for path in paths:
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"{path}: no such file")
        try:
            graph.parse(p)
        except Exception as exc:  # rdflib's parsers raise many types
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise KGError(f"cannot parse {path}: {first}") from exc
    return graph


def graph_view(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """The entities and relations of an RDF graph made by kg, as networkx."""
    return rdf_to_networkx(graph, ontology_classes())


def write_analysis(G: nx.MultiDiGraph, out: Path, name: str, top: int = 10) -> list[Path]:
    """``name.report.md``, ``name.report.json`` and ``name.report.png`` in ``out``."""
    from kg.chart import write_chart

    report = analysis.report(G, top)
    paths = [out / f"{name}.report.md", out / f"{name}.report.json", out / f"{name}.report.png"]
    write_atomic(paths[0], analysis.to_markdown(report, f"Knowledge graph: {name}"))
    write_atomic(paths[1], report_json(report))
    write_chart(report, paths[2])
    return paths


def run_query(graph: rdflib.Graph, sparql: str) -> list[dict[str, str]]:
    """SPARQL SELECT/ASK over an rdflib graph; updates are refused."""
    try:
        result = graph.query(sparql)
    except Exception as exc:  # rdflib raises pyparsing and its own errors
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"SPARQL query failed: {message}") from exc
    if result.type == "ASK":
        return [{"ask": str(bool(result.askAnswer)).lower()}]
    if result.type != "SELECT":
        raise QueryError(f"only SELECT and ASK queries are supported here, not {result.type}")
    names = [str(v) for v in result.vars]
    return [
        {n: ("" if row[i] is None else str(row[i])) for i, n in enumerate(names)} for row in result
    ]


@functools.cache
def ontology_classes() -> dict:
    """The kg classes and the top class of each, read once from ontology/kg.ttl."""
    return top_classes(rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl"))


def write_atomic(path: Path, text: str) -> None:
    """Write text so that a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def report_json(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False)
