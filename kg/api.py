"""The public Python API: ``extract`` a string, ``build`` files, and the ``KnowledgeGraph``.

>>> import kg
>>> graph = kg.extract("Li Wei, spokesperson of the Ministry of Commerce, said ...")  # doctest: +SKIP
>>> graph.entities(type="Person")                                                    # doctest: +SKIP
"""

from __future__ import annotations

import functools
import itertools
import json
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from html import escape as html_escape
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import rdflib

from kg.errors import ExtractionError, RelationModelError, UsageError
from kg.formats import FORMATS
from kg.ingest import IngestOptions, iter_documents
from kg.ingest.options import MAX_TEXT_CHARS
from kg.model import (
    Document,
    DocumentGraph,
    Entity,
    Evidence,
    Notice,
    Quantity,
    Relation,
    Skipped,
    Statement,
    key_group,
)
from kg.nlp.lexicon import ONTOLOGY_DIR
from kg.nlp.models import installed_model
from kg.parallel import extract_parallel, partitions
from kg.rdf.graph import canonical_label, content_hash
from kg.rdf.namespace import DEFAULT_BASE
from kg.rdf.store import Store

T = TypeVar("T")

if TYPE_CHECKING:  # networkx, the analysis and the view load only when used (start-up time)
    import networkx as nx


@dataclass(frozen=True)
class KnowledgeGraph:
    """What ``kg`` built from a set of documents, and the ways to use it.

    Entities with the same key (type and name) from different documents are one entity; their
    aliases and evidence are pooled, and so are the evidence of identical relations.
    """

    graphs: tuple[DocumentGraph, ...]
    skipped: tuple[Skipped, ...] = ()
    notices: tuple[Notice, ...] = ()
    base: str = DEFAULT_BASE
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(g.document for g in self.graphs)

    @cached_property
    def _merged(self) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
        return merge(self.graphs)

    def entities(self, type: str | None = None) -> list[Entity]:
        """All entities, or those of one class or top class (``"Person"``, ``"Organization"``)."""
        ents = self._merged[0]
        if type is None:
            return list(ents)
        return [e for e in ents if e.cls == type or key_group(e.key) == type]

    @property
    def relations(self) -> list[Relation]:
        return list(self._merged[1])

    @property
    def statements(self) -> list[Statement]:
        """What speakers said, document by document, in text order."""
        return [s for g in self.graphs for s in g.statements]

    @property
    def quantities(self) -> list[Quantity]:
        """The figures the documents state, document by document, in text order."""
        return [q for g in self.graphs for q in g.quantities]

    @cached_property
    def store(self) -> Store:
        """The graph as an in-memory Oxigraph dataset: one named graph per document."""
        store = Store(base=self.base)
        store.add(self.graphs)
        return store

    def to_rdflib(self) -> rdflib.Graph:
        """The union of all graphs as rdflib triples under the kg ontology (made once)."""
        if "rdflib" not in self._cache:
            self._cache["rdflib"] = self.store.to_rdflib()
        return self._cache["rdflib"]

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities as nodes (their IRIs) and relations as labelled edges, read from the RDF."""
        if "networkx" not in self._cache:
            from kg.rdf.reader import to_networkx

            self._cache["networkx"] = to_networkx(self.to_rdflib(), ontology_classes())
        return self._cache["networkx"]

    def query(self, sparql: str, *, update: bool = False, frame: bool = False):
        """Run SPARQL over all graphs: rows as dicts of variable -> value.

        ``frame=True`` returns a pandas DataFrame instead (pandas must be installed). SPARQL Update
        is refused unless ``update=True``.
        """
        rows = self.store.query(sparql, update=update)
        if update:
            self._cache.clear()
        return to_frame(rows) if frame else rows

    def annotate(self) -> None:
        """Write PageRank, centralities and communities into the graph (``kg:pageRank`` ...)."""
        from kg import analysis

        self.store.annotate(analysis.scores(self.to_networkx()))
        self._cache.pop("rdflib", None)

    def serialize(self, path: str | Path | None = None, format: str = "turtle") -> str:
        """The graph in an RDF format (or GraphML); written to ``path`` too when given."""
        return serialize(self.store, path, format, self.to_networkx)

    def analyze(self, top: int = 10) -> dict:
        """The analysis report (see :mod:`kg.analysis`)."""
        from kg import analysis

        return analysis.report(self.to_networkx(), top)

    def visualize(self, path: str | Path, title: str = "Knowledge graph", **options) -> Path:
        """Write the interactive HTML view to ``path`` (options: see :func:`kg.view.render_html`)."""
        from kg import view

        html = view.render_html(self.to_networkx(), title, **options)
        write_atomic(Path(path), html)
        return Path(path)

    def _repr_html_(self) -> str:
        """Jupyter shows the graph inline: the same page, in a sandboxed frame."""
        from kg import view

        page = view.render_html(self.to_networkx(), "Knowledge graph")
        return f'<iframe sandbox="allow-scripts" style="width:100%;height:600px;border:0" srcdoc="{html_escape(page)}"></iframe>'


def extract(
    text: str,
    *,
    doc_id: str | None = None,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    relation_model: str | Path | None = None,
) -> KnowledgeGraph:
    """Extract a knowledge graph from one string; ``relation_model`` is a model file made by
    ``python -m kg.relmodel train`` whose relations are added to the patterns'."""
    if not isinstance(text, str):
        raise UsageError(f"extract() takes a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise UsageError(
            f"text is {len(text):,} characters; extract() takes at most {MAX_TEXT_CHARS:,}"
        )
    document = Document(id=doc_id or "text", text=text)
    return from_documents([document], model=model, base=base, relation_model=relation_model)


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    min_confidence: float = 0.0,
    progress: Callable[[DocumentGraph], None] | None = None,
    workers: int = 1,
    options: IngestOptions | None = None,
    relation_model: str | Path | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from files and folders, in memory.

    Unreadable inputs are listed in ``skipped``, remarks on inputs that were read (the encoding
    they were decoded from ...) in ``notices``. For corpora too big for memory, stream them into
    a store with :func:`build_into`.
    """
    paths = list(paths)
    if not paths:
        raise UsageError("no input paths given")
    documents, skipped, notices = [], [], []
    for item in iter_documents(paths, options=options):
        if isinstance(item, Document):
            documents.append(item)
        else:
            (skipped if isinstance(item, Skipped) else notices).append(item)
    kg_graph = from_documents(
        documents,
        model=model,
        base=base,
        min_confidence=min_confidence,
        progress=progress,
        workers=workers,
        relation_model=relation_model,
    )
    return replace(kg_graph, skipped=tuple(skipped), notices=tuple(notices))


@dataclass(frozen=True)
class BuildReport:
    """What :func:`build_into` did, by document id (and the inputs it could not read)."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    notices: tuple[Notice, ...]


#: documents added to a store between two flushes of its memory tables (see build_into)
FLUSH_EVERY = 512
#: documents per store transaction in a build: each transaction (two bulk loads and one
#: update) has a fixed cost, which 256 documents share four times better than 64
#: (bench/store_write.py --corpus)
DEFAULT_BATCH = 256


def build_into(
    store: Store,
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    min_confidence: float = 0.0,
    workers: int = 1,
    dask: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    force: bool = False,
    options: IngestOptions | None = None,
    on_input: Callable[[Skipped | Notice], None] | None = None,
    on_graph: Callable[[DocumentGraph], None] | None = None,
    relation_model: str | Path | None = None,
) -> BuildReport:
    """Stream files into a store: read, extract (``workers`` processes or a Dask cluster at
    ``dask``), and add ``batch_size`` documents per transaction.

    Memory stays bounded by the batch, not the corpus. Documents whose text is already in the
    store are not read into the pipeline (unless ``force``), so an interrupted build resumes.
    """
    paths = list(paths)
    if not paths:
        raise UsageError("no input paths given")
    known = {} if force else store.documents()
    skipped: list[Skipped] = []
    notices: list[Notice] = []
    unchanged: list[str] = []

    def documents() -> Iterator[Document]:
        for item in iter_documents(paths, options=options):
            if isinstance(item, Document):
                if known.get(item.id) == content_hash(item.text):
                    unchanged.append(item.id)
                else:
                    yield item
                continue
            (skipped if isinstance(item, Skipped) else notices).append(item)
            if on_input is not None:
                on_input(item)

    settings = {
        "model": model,
        "min_confidence": min_confidence,
        "relation_model": None if relation_model is None else str(relation_model),
    }
    if dask:
        from kg.cluster import extract_on_dask

        graphs = extract_on_dask(documents(), dask, **settings)
    else:
        graphs = extract_stream(documents(), workers=workers, **settings)
    added: list[str] = []
    replaced: list[str] = []
    unflushed = 0

    def write(extracted: list[DocumentGraph | Skipped]) -> None:
        for item in extracted:  # a document kg failed to extract: reported, the rest goes on
            if isinstance(item, Skipped):
                skipped.append(item)
                if on_input is not None:
                    on_input(item)
        batch = [g for g in extracted if not isinstance(g, Skipped)]
        if not batch:
            return
        # One transaction per batch: it is in the store's write-ahead log when add returns, so a
        # killed build keeps it (tests/test_interrupt.py). The store's memory tables are flushed
        # to disk every FLUSH_EVERY documents: after every batch, the many small files made each
        # batch slower as the store grew; never, and memory grew with the corpus.
        nonlocal unflushed
        changes = store.add(batch, force=True)
        unflushed += len(batch)
        if unflushed >= FLUSH_EVERY:
            store.flush()
            unflushed = 0
        added.extend(changes.added)
        replaced.extend(changes.replaced)
        if on_graph is not None:
            for graph in batch:
                on_graph(graph)

    write_behind(partitions(graphs, batch_size), write)
    return BuildReport(
        tuple(added), tuple(replaced), tuple(unchanged), tuple(skipped), tuple(notices)
    )


def write_behind(
    batches: Iterable[list[T]],
    write: Callable[[list[T]], None],
    *,
    depth: int = 2,
) -> None:
    """``write`` each batch, in order, on a writer thread while the next batches are made.

    The store's writes run in Oxigraph, which releases the GIL, so they overlap the parse of the
    next batch instead of following it. At most ``depth`` batches wait for the writer (memory
    stays bounded). The writer's error is raised here, the same exception, and no later batch
    is written; when making a batch fails (or is interrupted), the batches already made are
    written first and the error is raised then.
    """
    waiting: queue.Queue[list[T] | None] = queue.Queue(maxsize=depth)
    failed: list[BaseException] = []

    def writer() -> None:
        while (batch := waiting.get()) is not None:
            if failed:
                continue  # drain, so the producer never blocks on a dead writer
            try:
                write(batch)
            except BaseException as exc:  # raised again in the caller
                failed.append(exc)

    thread = threading.Thread(target=writer, name="kg-store-writer", daemon=True)
    thread.start()
    try:
        for batch in batches:
            if failed:
                break
            waiting.put(batch)
    finally:
        waiting.put(None)
        thread.join()
    if failed:
        raise failed[0]


def from_documents(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    min_confidence: float = 0.0,
    progress: Callable[[DocumentGraph], None] | None = None,
    workers: int = 1,
    relation_model: str | Path | None = None,
) -> KnowledgeGraph:
    """Extract documents already read (``workers`` processes) into a KnowledgeGraph."""
    graphs = []
    stream = extract_stream(
        documents,
        model=model,
        min_confidence=min_confidence,
        workers=workers,
        relation_model=relation_model,
    )
    for graph in stream:
        if isinstance(graph, Skipped):
            raise ExtractionError(f"{graph.source}: {graph.reason}")
        graphs.append(graph)
        if progress is not None:
            progress(graph)
    return KnowledgeGraph(graphs=tuple(graphs), base=base)


def extract_stream(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    min_confidence: float = 0.0,
    workers: int = 1,
    relation_model: str | Path | None = None,
) -> Iterator[DocumentGraph | Skipped]:
    """Each document's graph, streaming, in input order (a document kg failed to extract is a
    :class:`~kg.model.Skipped` saying why); ``workers`` processes extract, with
    the relation model file ``relation_model`` if given.

    Relations below ``min_confidence`` are dropped per document. The model is checked before any
    work starts, so a missing model is one clear error rather than one per worker; with
    several workers it is only looked up here (each worker loads its own, and a worker's error
    reaches this process as the same exception), not loaded into this process too. So is the
    relation model: loaded here with one worker, only checked to be a file with several.
    """
    documents = iter(documents)
    first = next(documents, None)
    if first is None:
        return
    if workers <= 1:
        from kg.nlp.pipeline import load_pipeline  # spaCy: only where it parses

        load_pipeline(model)
    else:
        installed_model(model)
    path = None if relation_model is None else str(relation_model)
    if path is not None and workers <= 1:
        from kg.relmodel import load_model

        load_model(path)
    elif path is not None and not Path(path).is_file():
        raise RelationModelError(f"cannot read relation model {path}: no such file")
    yield from extract_parallel(
        itertools.chain([first], documents),
        workers=workers,
        model=model,
        min_confidence=min_confidence,
        relation_model=path,
    )


def merge(graphs: Iterable[DocumentGraph]) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """Pool entities by key and relations by (subject, predicate, object, role) across documents.

    The label is the one most documents use (:func:`kg.rdf.graph.canonical_label`, as in the
    store's ``skos:prefLabel``).
    """
    ents: dict[str, list[Entity]] = {}
    rels: dict[tuple, list[Relation]] = {}
    for g in graphs:
        for e in g.entities:
            ents.setdefault(e.key, []).append(e)
        for r in g.relations:
            rels.setdefault((r.subject, r.predicate, r.object, r.role or ""), []).append(r)
    merged_entities = []
    for key, group in sorted(ents.items()):
        label = canonical_label(e.label for e in group)
        aliases = sorted({a for e in group for a in (e.label, *e.aliases)} - {label})
        classes = Counter(e.cls for e in group)
        cls = sorted(classes, key=lambda c: (c == key_group(key), -classes[c], c))[0]
        merged_entities.append(
            replace(group[0], cls=cls, label=label, aliases=tuple(aliases), evidence=_pool(group))
        )
    merged_relations = tuple(
        replace(group[0], evidence=_pool(group)) for _, group in sorted(rels.items())
    )
    return tuple(merged_entities), merged_relations


def _pool(records: Iterable[Entity | Relation]) -> tuple[Evidence, ...]:
    evidence = {ev for r in records for ev in r.evidence}
    return tuple(sorted(evidence, key=lambda v: (v.doc_id, v.start, v.end, v.rule)))


def serialize(
    store: Store,
    path: str | Path | None,
    format: str,
    entity_graph: Callable[[], nx.MultiDiGraph],
) -> str:
    """A store's graph in an RDF format, or GraphML of its entity graph; written to ``path``."""
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "graphml":
        text = to_graphml(entity_graph())
    else:
        text = store.serialize(format).decode("utf-8")
    if path is not None:
        write_atomic(Path(path), text)
    return text


def to_frame(rows: list[dict[str, str]]):
    """Query rows as a pandas DataFrame."""
    try:
        import pandas
    except ImportError as exc:
        raise UsageError("frame=True needs pandas: pip install pandas") from exc
    return pandas.DataFrame.from_records(rows)


def to_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML of the entity graph: scalar attributes only (aliases joined by "; ")."""
    import networkx as nx

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


def load_rdf(paths: Iterable[str | Path]) -> Store:
    """An in-memory store of RDF files (format from the file name; see :meth:`Store.load`)."""
    store = Store()
    for path in paths:
        store.load(Path(path))
    return store


def graph_view(store: Store) -> nx.MultiDiGraph:
    """The entities and relations of a store made by kg, as networkx."""
    from kg.rdf.reader import to_networkx

    return to_networkx(store.to_rdflib(), ontology_classes())


def write_analysis(G: nx.MultiDiGraph, out: Path, name: str, top: int = 10) -> list[Path]:
    """``name.report.md``, ``name.report.json`` and ``name.report.png`` in ``out``."""
    from kg import analysis
    from kg.chart import write_chart

    report = analysis.report(G, top)
    paths = [out / f"{name}.report.md", out / f"{name}.report.json", out / f"{name}.report.png"]
    write_atomic(paths[0], analysis.to_markdown(report, f"Knowledge graph: {name}"))
    write_atomic(paths[1], report_json(report))
    write_chart(report, paths[2])
    return paths


@functools.cache
def ontology_classes() -> dict:
    """The kg classes and the top class of each, read once from ontology/kg.ttl."""
    from kg.rdf.reader import top_classes

    return top_classes(rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl"))


def write_atomic(path: Path, text: str) -> None:
    """Write text so that a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def report_json(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False)
