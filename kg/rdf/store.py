"""The RDF store: an Oxigraph dataset, in memory or on disk, of document graphs and the summary.

Each document's facts are one named graph (named by the document's IRI); the entity summary and
the analysis scores are two more. The default graph is kept equal to the set union of those named
graphs, so plain SPARQL sees every fact once (``COUNT`` counts triples, not copies) and a Turtle
export is one dump of it. One more graph, ``<base>graph/tallies``, is bookkeeping: per entity, a
``kg:tally`` of how many documents use each label and how many pieces of evidence carry each
confidence. It is not in the default graph, not exported and not pushed.

Adding documents: unchanged ones (same content hash) are left alone; the graphs of changed ones
are replaced in one transaction; new ones are bulk-loaded without the triple that states their
content hash (their seal), and one transaction then seals them. Either transaction updates the
summary of every entity the documents touch from the tallies of the documents that come and go
(not by re-reading every document that names it, which made each batch slower as the store
grew). A build killed before the seal leaves unsealed graphs, which opening the store drops, so
a killed build leaves the store as it was before or after a batch.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.errors import KGError, NotFoundError, QueryError, StoreError, UsageError
from kg.model import DocumentGraph
from kg.rdf.graph import (
    DocumentRdf,
    N,
    Tally,
    annotation_quads,
    confidence_key,
    content_hash,
    document_rdf,
    entity_summary,
    prefixes,
    tally_quads,
)
from kg.rdf.iris import Minter
from kg.rdf.namespace import DEFAULT_BASE, KG

_SEAL = N(KG.contentHash)

#: RDF formats the store writes, with pyoxigraph's format (None: written through rdflib)
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": None,
    "xml": None,
}
QUAD_FORMATS = {"nquads", "trig"}
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


@dataclass(frozen=True)
class Changes:
    """What adding documents did to the store, by document id."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


class Store:
    """A kg dataset in Oxigraph: ``Store()`` in memory, ``Store(path)`` persistent on disk."""

    def __init__(
        self, path: str | Path | None = None, *, base: str = DEFAULT_BASE, read_only: bool = False
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.mint = Minter(base)
        self.summary_graph = N(self.mint.graph("entities"))
        self.analysis_graph = N(self.mint.graph("analysis"))
        self.tally_graph = N(self.mint.graph("tallies"))
        self._prolog = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes(base).items())
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"no store at {self.path}")
                self._ox = ox.Store.read_only(str(self.path))
                if self._unsealed():
                    # a build was killed while loading a batch: drop it first, as a writer would
                    del self._ox
                    Store(self.path, base=base)
                    self._ox = ox.Store.read_only(str(self.path))
            else:
                if self.path.exists() and not self.path.is_dir():
                    raise StoreError(f"{self.path} is a file, not a store folder")
                # a new store's folder is made with its parents, as an export's is
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
                self._unseal()
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {_first_line(exc)}") from exc

    def _unsealed(self) -> list[ox.NamedNode]:
        """Document graphs without their seal (content hash): what a build killed while it
        loaded a batch left (see :meth:`_append`)."""
        sealed = {q.graph_name for q in self._ox.quads_for_pattern(None, _SEAL, None, None)}
        documents = str(self.mint.document(""))
        return sorted(
            (
                g
                for g in self._ox.named_graphs()
                if g.value.startswith(documents) and g not in sealed
            ),
            key=lambda g: g.value,
        )

    def _unseal(self) -> None:
        """Drop the unsealed document graphs, with what only they put in the union."""
        if names := self._unsealed():
            self._update(" ;\n".join(step for name in names for step in _drop(name)))

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for direct use (reading; writes bypass the union)."""
        return self._ox

    # -- writing ---------------------------------------------------------------------------

    def add(self, graphs: Iterable[DocumentGraph], *, force: bool = False) -> Changes:
        """Put documents' graphs in the store; unchanged documents are skipped unless ``force``."""
        by_name = {N(self.mint.document(g.document.id)): g for g in graphs}
        stored = self.stored_hashes(by_name)
        todo = {
            name: g
            for name, g in by_name.items()
            if force or stored.get(name.value) != content_hash(g.document.text)
        }
        stale = [name for name in todo if self._ox.contains_named_graph(name)]
        if stale:
            self._replace(stale, [todo[name] for name in stale])
        if fresh := [g for name, g in todo.items() if name not in stale]:
            self._append(fresh)
        return Changes(
            added=tuple(g.document.id for n, g in todo.items() if n.value not in stored),
            replaced=tuple(g.document.id for n, g in todo.items() if n.value in stored),
            unchanged=tuple(g.document.id for n, g in by_name.items() if n not in todo),
        )

    def remove(self, doc_id: str) -> None:
        """Remove one document's graph, and what the summary said only because of it."""
        name = N(self.mint.document(doc_id))
        if not self._ox.contains_named_graph(name):
            raise NotFoundError(f"no document {doc_id!r} in the store")
        self._replace([name], [])

    def annotate(self, scores: dict[str, dict[str, float]]) -> None:
        """Replace the analysis graph with these scores (see :func:`kg.analysis.scores`)."""
        quads = list(annotation_quads(self.analysis_graph, scores))
        steps = [*_drop(self.analysis_graph)]
        if quads:
            lines = _triple_lines(quads)
            steps.append(f"INSERT DATA {{ {_graph_block(self.analysis_graph, lines)}\n{lines} }}")
        self._update(" ;\n".join(steps))

    def _replace(self, names: Sequence[ox.NamedNode], graphs: Sequence[DocumentGraph]) -> None:
        """One transaction: drop the graphs ``names``, add ``graphs``, and update the summary of
        every entity either touches from the tallies of the documents that come and go."""
        new = {N(self.mint.document(g.document.id)): document_rdf(g, self.mint) for g in graphs}
        self._commit(names, new, {name: rdf.ntriples for name, rdf in new.items()})

    def _append(self, graphs: Sequence[DocumentGraph]) -> None:
        """Add the graphs of documents the store does not hold.

        Their triples but the seals (content hashes) are bulk-loaded, the named graphs first and
        then their copies in the union, which costs less than half a transaction's writing them;
        then one transaction adds the seals and updates the summary. A build killed before that
        leaves unsealed graphs, which opening the store for writing drops (:meth:`_unseal`), with
        what they put in the union (all of it, as the named graphs were loaded first); until the
        transaction, the store's documents, summary and tallies are those before the batch.
        """
        new = {N(self.mint.document(g.document.id)): document_rdf(g, self.mint) for g in graphs}
        self._bulk(
            "".join(rdf.unsealed.replace(" .\n", f" {name} .\n") for name, rdf in new.items()),
            ox.RdfFormat.N_QUADS,
        )
        self._bulk("".join(rdf.unsealed for rdf in new.values()), ox.RdfFormat.N_TRIPLES)
        self._commit([], new, {name: rdf.seal for name, rdf in new.items()})

    def _bulk(self, data: str, format: ox.RdfFormat) -> None:
        if not data:
            return
        try:
            # lenient: the IRIs were checked or minted by document_rdf
            self._ox.bulk_load(data.encode("utf-8"), format, lenient=True)
        except OSError as exc:
            raise StoreError(f"cannot write the store {self.path}: {_first_line(exc)}") from exc

    def _commit(
        self,
        names: Sequence[ox.NamedNode],
        new: dict[ox.NamedNode, DocumentRdf],
        lines: dict[ox.NamedNode, str],
    ) -> None:
        """One transaction: drop the graphs ``names``, write ``lines`` into the graphs ``new``
        (and the union) and update the summary from the tallies of the documents that come and
        go."""
        change: dict[str, Tally] = {}
        for rdf in new.values():
            for entity, tally in rdf.tallies.items():
                change[entity] = change.get(entity, Tally()) + tally
        gone = self._stored_tallies_of(names)
        tallies = self._tallies(set(change) | set(gone))
        for entity in tallies:
            tallies[entity] = (
                tallies[entity] - gone.get(entity, Tally()) + change.get(entity, Tally())
            )
        summary = list(entity_summary(self.summary_graph, tallies))
        kept = list(tally_quads(self.tally_graph, tallies))
        steps = [step for name in names for step in _drop(name)]
        if tallies:
            steps += self._clear_summary(sorted(tallies), after_drops=bool(names))
        # each graph's triples go into the default graph (the union) as data of the same
        # INSERT DATA: a set, so a triple another graph already states is not doubled
        data = dict(lines)
        if summary:
            data[self.summary_graph] = _triple_lines(summary)
        blocks = [_graph_block(name, lines) for name, lines in data.items()]
        blocks += data.values()
        if kept:
            blocks.append(_graph_block(self.tally_graph, _triple_lines(kept)))
        if blocks:
            steps.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        self._update(" ;\n".join(steps))

    def _clear_summary(self, entities: list[str], *, after_drops: bool) -> list[str]:
        """Updates that remove the summary and tally triples of ``entities``, and the summary's
        copies in the union that no other graph states.

        When only documents are added (no graph is dropped before, in the same update), those
        triples are read first and removed as data: a ``DELETE ... WHERE`` in the write
        transaction made every batch of a build about 40% slower to commit (9.6 against 5.4-7.8
        ms per document, on disk, bench/store_write.py)."""
        values = "VALUES ?s { " + " ".join(f"<{iri}>" for iri in entities) + " }"
        summary, tally = self.summary_graph, self.tally_graph
        if after_drops:
            # what another graph states is decided after the drops: in the update
            return [
                *_drop(summary, values),
                f"DELETE {{ GRAPH {tally} {{ ?s ?p ?o }} }} "
                f"WHERE {{ {values} GRAPH {tally} {{ ?s ?p ?o }} }}",
            ]
        elsewhere = f"EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {summary}) }}"
        stated = self._select(
            f"SELECT ?s ?p ?o ?shared WHERE {{ {values} GRAPH {summary} {{ ?s ?p ?o }} "
            f"BIND({elsewhere} AS ?shared) }}"
        )
        kept = self._select(f"SELECT ?s ?p ?o WHERE {{ {values} GRAPH {tally} {{ ?s ?p ?o }} }}")
        if not stated and not kept:
            return []
        triples = [ox.Triple(r["s"], r["p"], r["o"]) for r in stated]
        union = [t for t, r in zip(triples, stated, strict=True) if r["shared"].value != "true"]
        blocks = [
            "".join(f"{t} .\n" for t in union),
            _graph_block(summary, "".join(f"{t} .\n" for t in triples)),
            _graph_block(tally, "".join(f"{ox.Triple(r['s'], r['p'], r['o'])} .\n" for r in kept)),
        ]
        return ["DELETE DATA {\n" + "\n".join(blocks) + "\n}"]

    def _tallies(self, entities: set[str]) -> dict[str, Tally]:
        """The stored tally of each entity (empty for one not stored). A store written before
        tallies existed gets them from all its documents, once: then every entity is returned."""
        if not entities:
            return {}
        if not self._ox.contains_named_graph(self.tally_graph) and self.stored_hashes():
            return {e: Tally() for e in entities} | self._stored_tallies_of(None)
        values = " ".join(f"<{e}>" for e in sorted(entities))
        rows = self._select(
            f"SELECT ?e ?t WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH {self.tally_graph} {{ ?e kg:tally ?t }} }}"
        )
        found = {r["e"].value: Tally.from_json(r["t"].value) for r in rows}
        return {e: found.get(e, Tally()) for e in entities}

    def _stored_tallies_of(self, names: Sequence[ox.NamedNode] | None) -> dict[str, Tally]:
        """What the stored document graphs ``names`` (None: all) contribute to the tallies."""
        if names is not None and not names:
            return {}
        values = "" if names is None else "VALUES ?g { " + " ".join(map(str, names)) + " }"
        # the entities a document mentions (statements and quantities have evidence, no tally)
        where = f"{values} GRAPH ?g {{ ?g kg:contentHash ?hash ; schema:mentions ?e . ?e kg:evidence ?ev"
        labels = self._select(f"SELECT DISTINCT ?e ?g ?l WHERE {{ {where} ; rdfs:label ?l }} }}")
        evidence = self._select(
            f"SELECT DISTINCT ?e ?g ?ev ?c WHERE {{ {where} . ?ev kg:confidence ?c }} }}"
        )
        named: dict[str, Counter] = defaultdict(Counter)
        for r in labels:
            named[r["e"].value][r["l"].value] += 1
        confident: dict[str, Counter] = defaultdict(Counter)
        for r in evidence:
            confident[r["e"].value][confidence_key(r["c"].value)] += 1
        return {e: Tally(dict(named[e]), dict(confident[e])) for e in named}

    def _resync_union(self) -> int:
        """Make the default graph the union of the named graphs again (after a user's update);
        returns how many triples that were only in the default graph it removed."""
        data = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {self.tally_graph})"
        orphans = f"?s ?p ?o FILTER NOT EXISTS {{ {data} }}"
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {orphans} }}")
        self._update(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ {orphans} }} ;\n"
            f"INSERT {{ ?s ?p ?o }} WHERE {{ {data} }}"
        )
        return int(rows[0]["n"].value)

    def _update(self, sparql: str) -> None:
        try:
            self._ox.update(sparql)
        except OSError as exc:
            raise StoreError(f"cannot write the store {self.path}: {_first_line(exc)}") from exc

    def copy(self) -> Store:
        """An in-memory copy of this store (same base), to change without touching the original."""
        other = Store(base=self.mint.base)
        other._ox.load(self._ox.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        return other

    def flush(self) -> None:
        if self.path is not None:
            self._ox.flush()

    def load(self, path: Path) -> None:
        """Load an RDF file: quad formats keep their graphs, triples go to a graph named by the file."""
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
        if fmt is None:
            raise KGError(
                f"{path}: unknown RDF format (use .ttl, .nt, .nq, .trig, .jsonld or .rdf)"
            )
        graph = None if fmt.supports_datasets else ox.NamedNode(path.resolve().as_uri())
        try:
            self._ox.load(path=str(path), format=fmt, to_graph=graph)
        except (SyntaxError, ValueError, OSError) as exc:
            raise KGError(f"cannot parse {path}: {_first_line(exc)}") from exc
        self._update(
            f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {self.tally_graph}) }}"
        )

    # -- reading ---------------------------------------------------------------------------

    def stored_hashes(self, names: Iterable[ox.NamedNode] | None = None) -> dict[str, str]:
        """Content hash of each stored document graph (all, or those named)."""
        values = ""
        if names is not None:
            names = list(names)
            if not names:
                return {}
            values = "VALUES ?g { " + " ".join(str(n) for n in names) + " }"
        rows = self._select(
            f"SELECT ?g ?hash WHERE {{ {values} GRAPH ?g {{ ?g kg:contentHash ?hash }} }}"
        )
        return {r["g"].value: r["hash"].value for r in rows}

    def documents(self) -> dict[str, str]:
        """Document id -> content hash of every stored document."""
        rows = self._select(
            "SELECT ?id ?hash WHERE { GRAPH ?g { ?g kg:documentId ?id ; kg:contentHash ?hash } }"
        )
        return dict(sorted((r["id"].value, r["hash"].value) for r in rows))

    def _select(self, sparql: str) -> list[ox.QuerySolution]:
        return list(self._ox.query(self._prolog + sparql))

    def query(self, sparql: str, *, update: bool = False) -> list[dict[str, str]]:
        """Run SPARQL (the default graph is the union of all graphs); rows of variable -> value.

        The usual prefixes (rdf, rdfs, xsd, owl, skos, kg, org, schema, prov, id) are predeclared.
        SPARQL Update is refused unless ``update=True``; after one, the default graph is made the
        union of the named graphs again, so write into a named graph (``GRAPH <...> { }``): the
        one row returned says how many triples written only to the default graph were dropped.
        """
        text = self._prolog + sparql
        if _UPDATE.match(_COMMENT.sub("", sparql)):
            if not update:
                raise QueryError(
                    "SPARQL Update refused: pass --update (update=True) to change the store"
                )
            try:
                self._ox.update(text)
            except SyntaxError as exc:
                raise QueryError(f"SPARQL update failed: {_first_line(exc)}") from exc
            return [{"removed_from_default_graph": str(self._resync_union())}]
        try:
            result = self._ox.query(text)
        except (SyntaxError, OSError, ValueError) as exc:
            raise QueryError(f"SPARQL query failed: {_first_line(exc)}") from exc
        if isinstance(result, ox.QueryBoolean):
            return [{"ask": str(bool(result)).lower()}]
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: _text(row[n]) for n in names} for row in result]
        return [
            {
                "subject": _text(t.subject),
                "predicate": _text(t.predicate),
                "object": _text(t.object),
            }
            for t in result
        ]

    def quad_count(self) -> int:
        """Quads in the named graphs (a triple stated by two documents counts twice)."""
        return sum(len(lines) for _, lines in self._graph_lines())

    def __len__(self) -> int:
        """Triples in the union of all graphs."""
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"].value)

    def _graph_lines(self) -> list[tuple[str, list[bytes]]]:
        """N-Triples lines of each named graph, sorted by graph and line."""
        out = []
        for graph in sorted(self._ox.named_graphs(), key=lambda g: g.value):
            if graph == self.tally_graph:
                continue  # bookkeeping, not data
            lines = self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines()
            out.append((str(graph), sorted(lines)))
        return out

    def _union(self) -> bytes:
        """The default graph (the union) as N-Triples, in the store's order."""
        return self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())

    def _quad_lines(self) -> list[bytes]:
        return [
            line[:-2] + f" {name} .".encode()
            for name, lines in self._graph_lines()
            for line in lines
        ]

    def serialize(self, format: str = "turtle", *, sort: bool | None = None) -> bytes:
        """The dataset in an RDF format, in a stable order.

        Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) hold the union of all graphs; N-Quads
        and TriG keep each document's named graph. A store on disk writes triples in its own
        order, which depends only on its content (and is several times faster); an in-memory
        store's order depends on the order of insertion, so its triples are sorted (``sort``
        overrides either default).
        """
        if format not in RDF_FORMATS:
            raise KGError(f"unknown RDF format {format!r}")
        target = RDF_FORMATS[format]
        if target is None:
            graph = self.to_rdflib()
            if format == "xml":
                _check_xml_chars(graph)
            return graph.serialize(format=format, **_rdflib_options(format, self)).encode()
        if format in QUAD_FORMATS:
            data, source = b"\n".join(self._quad_lines()), ox.RdfFormat.N_QUADS
        elif sort if sort is not None else self.path is None:
            data, source = b"\n".join(sorted(self._union().splitlines())), ox.RdfFormat.N_TRIPLES
        elif format == "nt":
            return self._union()
        else:
            return self._ox.dump(
                format=target, from_graph=ox.DefaultGraph(), prefixes=self.prefixes()
            )
        if format == "nt":
            return data + b"\n" if data else b""
        terms = ox.parse(data, format=source, lenient=True)  # our own canonical N-Triples
        return ox.serialize(terms, format=target, prefixes=self.prefixes())

    def prefixes(self) -> dict[str, str]:
        return prefixes(self.mint.base)

    def to_rdflib(self) -> rdflib.Graph:
        """The union of all graphs as an rdflib graph."""
        graph = rdflib.Graph(bind_namespaces="none")
        for prefix, iri in self.prefixes().items():
            graph.bind(prefix, iri)
        graph.parse(data=self._union(), format="nt")
        return graph


def _drop(graph: ox.NamedNode, values: str = "") -> list[str]:
    """Updates that remove a named graph (or, given ``values`` for ``?s``, those subjects'
    triples in it), and its triples from the union unless another graph still states them."""
    own = f"{values} GRAPH {graph} {{ ?s ?p ?o }}"
    elsewhere = f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }}"
    clear = (
        f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {own} }}"
        if values
        else f"DROP SILENT GRAPH {graph}"
    )
    return [f"DELETE {{ ?s ?p ?o }} WHERE {{ {own} {elsewhere} }}", clear]


def _triple_lines(quads: Iterable[ox.Quad]) -> str:
    """The quads' triples as N-Triples lines (each ending in a full stop)."""
    return "".join(f"{q.triple} .\n" for q in quads)


def _graph_block(name: ox.NamedNode, lines: str) -> str:
    return f"GRAPH {name} {{\n{lines}}}"


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_chars(graph: rdflib.Graph) -> None:
    """RDF/XML is XML 1.0, which cannot hold most control characters: refuse, not corrupt."""
    for _, _, o in graph:
        found = _NOT_XML.search(str(o)) if isinstance(o, rdflib.Literal) else None
        if found:
            raise KGError(
                f"RDF/XML cannot hold the control character U+{ord(found.group()):04X} found in "
                "the documents' text; write turtle, nt, nquads, trig or json-ld instead"
            )


def _rdflib_options(format: str, store: Store) -> dict:
    if format == "json-ld":
        return {"context": store.prefixes(), "auto_compact": True}
    return {}
