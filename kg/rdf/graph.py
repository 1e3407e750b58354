"""Entities and relations (with evidence) to an RDF graph under the kg ontology.

Shape of the output (see README, "The graph"):
- every entity: ``rdf:type`` its class, one ``rdfs:label``, ``skos:altLabel`` per other form,
  ``kg:confidence`` and ``kg:evidence`` nodes for its mentions;
- a relation: the direct triple ``s p o`` plus a reified ``kg:Assertion`` (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``) carrying confidence and evidence nodes;
- a post: an ``org:Post`` with ``org:role``, ``org:postIn`` and ``org:heldBy`` / ``org:holds``;
- evidence: sentence, character offsets, rule, confidence, ``prov:wasDerivedFrom`` the document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from kg.model import Document, Entity, Evidence, Relation
from kg.rdf.iris import Minter
from kg.rdf.namespace import KG, ORG, PROV, SCHEMA

PREFIXES = {
    "kg": str(KG),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "owl": str(OWL),
    "xsd": str(XSD),
}
_PREDICATE_NS = {"kg": KG, "org": ORG, "schema": SCHEMA}


def new_graph(base: str) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.bind("rdf", RDF)
    graph.bind("rdfs", RDFS)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("id", base if base.endswith(("/", "#")) else base + "/")
    return graph


def predicate_iri(curie: str) -> URIRef:
    """``kg:promotes`` -> the IRI; unknown prefixes or kg terms fail loudly."""
    prefix, _, local = curie.partition(":")
    ns = _PREDICATE_NS.get(prefix)
    if ns is None or not local:
        raise ValueError(f"unknown predicate {curie!r}")
    return ns[local]


def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{value:.4f}"), datatype=XSD.decimal)


def build_graph(
    documents: Iterable[Document],
    entities: Iterable[Entity],
    relations: Iterable[Relation],
    *,
    base: str,
) -> Graph:
    """The RDF graph of a set of documents and what was extracted from them."""
    mint = Minter(base)
    g = new_graph(mint.base)
    entities = list(entities)
    for document in documents:
        _add_document(g, mint, document)
    for entity in entities:
        _add_entity(g, mint, entity)
    for relation in relations:
        _add_relation(g, mint, relation)
    return g


def _add_document(g: Graph, mint: Minter, doc: Document) -> None:
    iri = mint.document(doc.id)
    g.add((iri, RDF.type, KG.Document))
    g.add((iri, KG.documentId, Literal(doc.id)))
    g.add((iri, KG.contentHash, Literal(hashlib.sha256(doc.text.encode("utf-8")).hexdigest())))
    if doc.title:
        g.add((iri, SCHEMA.headline, Literal(doc.title)))
    if doc.source:
        g.add((iri, SCHEMA.url, Literal(doc.source)))


def _add_evidence(g: Graph, mint: Minter, subject: URIRef, ev: Evidence) -> None:
    iri = mint.evidence(ev.doc_id, ev.start, ev.end, ev.rule)
    g.add((subject, KG.evidence, iri))
    g.add((iri, RDF.type, KG.Evidence))
    g.add((iri, KG.sentence, Literal(ev.sentence)))
    g.add((iri, KG.startOffset, Literal(ev.start)))
    g.add((iri, KG.endOffset, Literal(ev.end)))
    g.add((iri, KG.rule, Literal(ev.rule)))
    g.add((iri, KG.confidence, _decimal(ev.confidence)))
    g.add((iri, PROV.wasDerivedFrom, mint.document(ev.doc_id)))


def _add_entity(g: Graph, mint: Minter, entity: Entity) -> None:
    iri = mint.entity(entity.key)
    g.add((iri, RDF.type, KG[entity.cls]))
    g.add((iri, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        g.add((iri, SKOS.altLabel, Literal(alias)))
    if entity.concept:
        g.add((iri, KG.concept, URIRef(entity.concept)))
    if entity.date is not None:
        g.add((iri, KG.date, Literal(entity.date.value, datatype=URIRef(entity.date.datatype))))
    g.add((iri, KG.confidence, _decimal(entity.confidence)))
    for ev in entity.evidence:
        _add_evidence(g, mint, iri, ev)
        g.add((mint.document(ev.doc_id), SCHEMA.mentions, iri))


def _add_relation(g: Graph, mint: Minter, rel: Relation) -> None:
    subject, obj = mint.entity(rel.subject), mint.entity(rel.object)
    if rel.predicate == "org:Post":
        role = rel.role or "member"
        post = mint.post(rel.subject, role, rel.object)
        role_iri = mint.role(role)
        g.add((post, RDF.type, ORG.Post))
        g.add((post, RDFS.label, Literal(f"{role} of {_label(g, obj)}")))
        g.add((post, ORG.role, role_iri))
        g.add((post, ORG.postIn, obj))
        g.add((post, ORG.heldBy, subject))
        g.add((subject, ORG.holds, post))
        g.add((role_iri, RDF.type, ORG.Role))
        g.add((role_iri, RDF.type, SKOS.Concept))
        g.add((role_iri, RDFS.label, Literal(role)))
        predicate, target = ORG.holds, post
    else:
        predicate, target = predicate_iri(rel.predicate), obj
        g.add((subject, predicate, obj))
        if predicate == ORG.unitOf:
            g.add((subject, ORG.subOrganizationOf, obj))
            g.add((obj, ORG.hasUnit, subject))
    assertion = mint.assertion(str(subject), str(predicate), str(target))
    g.add((assertion, RDF.type, KG.Assertion))
    g.add((assertion, RDF.type, RDF.Statement))
    g.add((assertion, RDF.subject, subject))
    g.add((assertion, RDF.predicate, predicate))
    g.add((assertion, RDF.object, target))
    g.add((assertion, KG.confidence, _decimal(rel.confidence)))
    g.add((assertion, KG.evidenceCount, Literal(len(rel.evidence))))
    for ev in rel.evidence:
        _add_evidence(g, mint, assertion, ev)


def _label(g: Graph, iri: URIRef) -> str:
    label = g.value(iri, RDFS.label)
    return str(label) if label is not None else str(iri).rsplit("/", 1)[-1]


def annotate(g: Graph, scores: dict[str, dict[str, float]]) -> None:
    """Write analysis scores (see :func:`kg.analysis.scores`) onto the entities of ``g``."""
    for name, values in sorted(scores.items()):
        predicate = KG[name]
        for node, value in sorted(values.items()):
            subject = URIRef(node)
            g.remove((subject, predicate, None))
            literal = Literal(int(value)) if name == "community" else _decimal(value)
            g.add((subject, predicate, literal))
