"""What one document yields, as quads in the document's own named graph; and the entity summary.

Shape of the output (see README, "The graph"):

- each document's facts live in a named graph named by the document's IRI, so a document can be
  replaced or removed without touching what other documents say;
- in it, every entity the document mentions: ``rdf:type`` its class, ``rdfs:label`` as this
  document names it, ``skos:altLabel`` per other form, ``kg:evidence`` nodes for its mentions;
- a relation: the direct triple ``s p o`` plus a reified ``kg:Assertion`` (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``) per document, carrying that document's confidence and
  evidence nodes;
- a post: an ``org:Post`` with ``org:role``, ``org:postIn`` and ``org:heldBy`` / ``org:holds``;
- evidence: sentence, character offsets, rule, confidence, ``prov:wasDerivedFrom`` the document;
- the entity summary graph (``<base>graph/entities``) gives each entity one ``skos:prefLabel``
  (the label most documents use) and one ``kg:confidence`` (noisy-or of all its evidence), computed
  from every document graph by :func:`entity_summary`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import RDF, RDFS, XSD
from rdflib.namespace import OWL, SKOS

from kg.model import DocumentGraph, Entity, Evidence, Relation
from kg.rdf.iris import MINTED_KINDS, Minter
from kg.rdf.namespace import KG, ORG, PROV, SCHEMA

PREFIXES = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "kg": str(KG),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "owl": str(OWL),
    "xsd": str(XSD),
}
_PREDICATE_NS = {"kg": KG, "org": ORG, "schema": SCHEMA}


@functools.lru_cache(maxsize=4096)
def _node(iri: str) -> NamedNode:
    """NamedNodes of the IRIs in use, the vocabulary's made once; bounded, since documents
    mint new IRIs (evidence, assertions) without end."""
    return NamedNode(iri)


def N(iri: object) -> NamedNode:
    return _node(str(iri))


_DECIMAL, _INTEGER = N(XSD.decimal), N(XSD.integer)


_LABEL, _EVIDENCE, _CONFIDENCE = N(RDFS.label), N(KG.evidence), N(KG.confidence)


def prefixes(base: str) -> dict[str, str]:
    """Vocabulary prefixes, and one per kind of minted IRI (``person:wen-ku``) under ``base``."""
    minted = Minter(base).base
    return {**PREFIXES, **{kind: f"{minted}{kind}/" for kind in MINTED_KINDS}}


def predicate_iri(curie: str) -> NamedNode:
    """``kg:promotes`` -> the IRI; unknown prefixes or kg terms fail loudly."""
    prefix, _, local = curie.partition(":")
    ns = _PREDICATE_NS.get(prefix)
    if ns is None or not local:
        raise ValueError(f"unknown predicate {curie!r}")
    return N(ns[local])


def decimal(value: float) -> Literal:
    return Literal(f"{value:.4f}", datatype=_DECIMAL)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=_INTEGER)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_quads(graph: DocumentGraph, mint: Minter) -> list[Quad]:
    """Every quad of one document's named graph, in a stable order."""
    doc = graph.document
    name = N(mint.document(doc.id))
    out = _Writer(name)
    _document(out, name, graph)
    labels = {e.key: e.label for e in graph.entities}
    for entity in graph.entities:
        _entity(out, mint, name, entity)
    for relation in graph.relations:
        _relation(out, mint, doc.id, relation, labels)
    return out.quads


class _Writer:
    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))


def _document(out: _Writer, iri: NamedNode, graph: DocumentGraph) -> None:
    doc = graph.document
    meta = dict(doc.metadata)
    out.add(iri, N(RDF.type), N(KG.Document))
    out.add(iri, N(KG.documentId), Literal(doc.id))
    out.add(iri, N(KG.contentHash), Literal(content_hash(doc.text)))
    if doc.title:
        out.add(iri, N(SCHEMA.headline), Literal(doc.title))
    if doc.source:
        out.add(iri, N(SCHEMA.url), Literal(doc.source))
    if meta.get("url"):
        out.add(iri, N(SCHEMA.sameAs), Literal(meta["url"]))
    if meta.get("byline"):
        out.add(iri, N(SCHEMA.author), Literal(meta["byline"]))
    if meta.get("publisher"):
        out.add(iri, N(SCHEMA.publisher), Literal(meta["publisher"]))
    if meta.get("date") and meta.get("date_datatype"):
        out.add(
            iri, N(SCHEMA.datePublished), Literal(meta["date"], datatype=N(meta["date_datatype"]))
        )


def _evidence(out: _Writer, mint: Minter, subject: NamedNode, ev: Evidence) -> None:
    iri = N(mint.evidence(ev.doc_id, ev.start, ev.end, ev.rule))
    out.add(subject, N(KG.evidence), iri)
    out.add(iri, N(RDF.type), N(KG.Evidence))
    out.add(iri, N(KG.sentence), Literal(ev.sentence))
    out.add(iri, N(KG.startOffset), integer(ev.start))
    out.add(iri, N(KG.endOffset), integer(ev.end))
    out.add(iri, N(KG.rule), Literal(ev.rule))
    out.add(iri, N(KG.confidence), decimal(ev.confidence))
    out.add(iri, N(PROV.wasDerivedFrom), N(mint.document(ev.doc_id)))


def _entity(out: _Writer, mint: Minter, doc: NamedNode, entity: Entity) -> None:
    iri = N(mint.entity(entity.key))
    out.add(iri, N(RDF.type), N(KG[entity.cls]))
    out.add(iri, N(RDFS.label), Literal(entity.label))
    for alias in entity.aliases:
        out.add(iri, N(SKOS.altLabel), Literal(alias))
    if entity.concept:
        out.add(iri, N(KG.concept), N(entity.concept))
    if entity.date is not None:
        out.add(iri, N(KG.date), Literal(entity.date.value, datatype=N(entity.date.datatype)))
    out.add(doc, N(SCHEMA.mentions), iri)
    for ev in entity.evidence:
        _evidence(out, mint, iri, ev)


def _relation(
    out: _Writer, mint: Minter, doc_id: str, rel: Relation, labels: Mapping[str, str]
) -> None:
    subject, obj = N(mint.entity(rel.subject)), N(mint.entity(rel.object))
    if rel.predicate == "org:Post":
        role = rel.role or "member"
        post = N(mint.post(rel.subject, role, rel.object))
        role_iri = N(mint.role(role))
        org_label = labels.get(rel.object, rel.object.partition(":")[2])
        out.add(post, N(RDF.type), N(ORG.Post))
        out.add(post, N(RDFS.label), Literal(f"{role} of {org_label}"))
        out.add(post, N(ORG.role), role_iri)
        out.add(post, N(ORG.postIn), obj)
        out.add(post, N(ORG.heldBy), subject)
        out.add(subject, N(ORG.holds), post)
        out.add(role_iri, N(RDF.type), N(ORG.Role))
        out.add(role_iri, N(RDF.type), N(SKOS.Concept))
        out.add(role_iri, N(RDFS.label), Literal(role))
        predicate, target = N(ORG.holds), post
    else:
        predicate, target = predicate_iri(rel.predicate), obj
        out.add(subject, predicate, obj)
        if predicate == N(ORG.unitOf):
            out.add(subject, N(ORG.subOrganizationOf), obj)
            out.add(obj, N(ORG.hasUnit), subject)
    assertion = N(mint.assertion(doc_id, subject.value, predicate.value, target.value))
    out.add(assertion, N(RDF.type), N(KG.Assertion))
    out.add(assertion, N(RDF.type), N(RDF.Statement))
    out.add(assertion, N(RDF.subject), subject)
    out.add(assertion, N(RDF.predicate), predicate)
    out.add(assertion, N(RDF.object), target)
    out.add(assertion, N(KG.confidence), decimal(rel.confidence))
    out.add(assertion, N(KG.evidenceCount), integer(len(rel.evidence)))
    for ev in rel.evidence:
        _evidence(out, mint, assertion, ev)


@dataclass(frozen=True)
class Tally:
    """What the document graphs say of one entity, counted: how many documents name it with each
    label, and how many pieces of evidence carry each confidence (the literal's lexical form).

    Tallies add and subtract, so the summary of an entity is updated from the documents added
    and removed alone, and is the same whatever order the documents came in.
    """

    labels: Mapping[str, int] = field(default_factory=dict)
    confidences: Mapping[str, int] = field(default_factory=dict)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            _merge(self.labels, other.labels, 1), _merge(self.confidences, other.confidences, 1)
        )

    def __sub__(self, other: Tally) -> Tally:
        return Tally(
            _merge(self.labels, other.labels, -1), _merge(self.confidences, other.confidences, -1)
        )

    def to_json(self) -> str:
        return json.dumps(
            {"labels": self.labels, "confidences": self.confidences},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Tally:
        data = json.loads(text)
        return cls(dict(data["labels"]), dict(data["confidences"]))


def _merge(a: Mapping[str, int], b: Mapping[str, int], sign: int) -> dict[str, int]:
    out = dict(a)
    for key, n in b.items():
        out[key] = out.get(key, 0) + sign * n
        if out[key] < 0:
            raise ValueError(f"tally of {key!r} below zero")
        if out[key] == 0:
            del out[key]
    return out


def confidence_key(value: str) -> str:
    """A confidence literal's value as a tally counts it (stores may shorten ``0.9000``)."""
    return f"{float(value):.4f}"


def canonical_label(labels: Iterable[str]) -> str:
    """The label most documents use; ties go to the first in code-point order."""
    return preferred_label(Counter(labels))


def preferred_label(counts: Mapping[str, int]) -> str:
    """The label with the highest count; ties go to the first in code-point order."""
    return min(counts, key=lambda label: (-counts[label], label))


def tallied_confidence(counts: Mapping[str, int]) -> float:
    """Noisy-or of every piece of evidence, from the count of each confidence value."""
    remaining = 1.0
    for value in sorted(counts, key=float):
        remaining *= (1.0 - float(value)) ** counts[value]
    return round(1.0 - remaining, 4) if counts else 0.0


def entity_summary(summary_graph: NamedNode, tallies: Mapping[str, Tally]) -> Iterator[Quad]:
    """The summary quads (``skos:prefLabel``, ``kg:confidence``) of each entity still named."""
    for iri in sorted(tallies):
        tally = tallies[iri]
        if not tally.labels:
            continue
        node = N(iri)
        yield Quad(node, N(SKOS.prefLabel), Literal(preferred_label(tally.labels)), summary_graph)
        confidence = tallied_confidence(tally.confidences)
        yield Quad(node, N(KG.confidence), decimal(confidence), summary_graph)


def tally_quads(tally_graph: NamedNode, tallies: Mapping[str, Tally]) -> Iterator[Quad]:
    """The bookkeeping quads: one ``kg:tally`` JSON literal per entity still named."""
    for iri in sorted(tallies):
        if tallies[iri].labels:
            yield Quad(N(iri), N(KG.tally), Literal(tallies[iri].to_json()), tally_graph)


def tallies_of(quads: Iterable[Quad]) -> dict[str, Tally]:
    """The tally of each entity in one document's quads: each of its labels once, each piece
    of evidence's confidence (only entities with evidence count)."""
    quads = list(quads)
    confidence = {q.subject.value: q.object.value for q in quads if q.predicate == _CONFIDENCE}
    evidence: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate == _EVIDENCE:
            evidence.setdefault(q.subject.value, set()).add(q.object.value)
    labels: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate == _LABEL and q.subject.value in evidence:
            labels.setdefault(q.subject.value, set()).add(q.object.value)
    return {
        e: Tally(
            dict.fromkeys(sorted(names), 1),
            dict(Counter(confidence_key(confidence[ev]) for ev in evidence[e])),
        )
        for e, names in labels.items()
    }


def annotation_quads(graph: NamedNode, scores: dict[str, dict[str, float]]) -> Iterator[Quad]:
    """Analysis scores (see :func:`kg.analysis.scores`) as quads of the analysis graph."""
    for name, values in sorted(scores.items()):
        predicate = N(KG[name])
        for node, value in sorted(values.items()):
            literal = integer(int(value)) if name == "community" else decimal(value)
            yield Quad(N(node), predicate, literal, graph)
