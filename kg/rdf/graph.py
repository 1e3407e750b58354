"""What one document yields, as N-Triples of its own named graph; and the entity summary.

Shape of the output (see README, "The graph"):

- each document's facts live in a named graph named by the document's IRI, so a document can be
  replaced or removed without touching what other documents say;
- in it, every entity the document mentions: ``rdf:type`` its class, ``rdfs:label`` as this
  document names it, ``skos:altLabel`` per other form, ``kg:evidence`` nodes for its mentions;
- a relation: the direct triple ``s p o`` plus a reified ``kg:Assertion`` (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``) per document, carrying that document's confidence and
  evidence nodes;
- a post: an ``org:Post`` with ``org:role``, ``org:postIn`` and ``org:heldBy`` / ``org:holds``;
- a statement: a ``kg:Statement`` with ``kg:speaker``, ``kg:text`` (the words said),
  ``kg:quoted``, ``kg:about`` each entity the words name, ``kg:date`` when the text dates it;
- a quantity: a ``kg:Quantity`` with ``kg:value`` (xsd:decimal), ``kg:unit``, ``kg:measureText``
  (what it measures, as written), ``kg:measures`` the entity when it is one, ``kg:date``,
  ``kg:reportedBy``;
- evidence: sentence, character offsets, rule, confidence, ``prov:wasDerivedFrom`` the document;
- the entity summary graph (``<base>graph/entities``) gives each entity one ``skos:prefLabel``
  (the label most documents use) and one ``kg:confidence`` (noisy-or of all its evidence), computed
  from every document graph by :func:`entity_summary`.

A document graph is written straight to N-Triples text (the store puts it in one SPARQL
``INSERT DATA``), term for term as pyoxigraph writes it, without making an object per quad.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import RDF, RDFS, XSD
from rdflib.namespace import OWL, SKOS

from kg.model import Document, DocumentGraph, Entity, Evidence, Quantity, Relation, Statement
from kg.rdf.iris import MINTED_KINDS, Minter
from kg.rdf.namespace import KG, ORG, PROV, SCHEMA, predicate_iri

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


@functools.lru_cache(maxsize=4096)
def _node(iri: str) -> NamedNode:
    """NamedNodes of the IRIs in use, the vocabulary's made once; bounded, since documents
    mint new IRIs (evidence, assertions) without end."""
    return NamedNode(iri)


def N(iri: object) -> NamedNode:
    return _node(str(iri))


@functools.lru_cache(maxsize=4096)
def _term(iri: str) -> str:
    """``<iri>`` as N-Triples writes it, for an IRI kg does not mint (the vocabulary, a
    lexicon's concept, a date's datatype): pyoxigraph checks it, so an invalid one fails loudly
    (ValueError)."""
    return str(NamedNode(iri))


_DECIMAL, _INTEGER = N(XSD.decimal), N(XSD.integer)
_XSD_STRING, _XSD_DECIMAL, _XSD_INTEGER = str(XSD.string), _term(XSD.decimal), _term(XSD.integer)

# the vocabulary as N-Triples terms, made once (classes end in _CLASS)
_TYPE, _LABEL, _ALT_LABEL = _term(RDF.type), _term(RDFS.label), _term(SKOS.altLabel)
_SUBJECT, _PREDICATE, _OBJECT = _term(RDF.subject), _term(RDF.predicate), _term(RDF.object)
_DOCUMENT_ID, _CONTENT_HASH = _term(KG.documentId), _term(KG.contentHash)
_CONCEPT, _DATE, _EVIDENCE_COUNT = _term(KG.concept), _term(KG.date), _term(KG.evidenceCount)
_EVIDENCE, _SENTENCE, _RULE = _term(KG.evidence), _term(KG.sentence), _term(KG.rule)
_START, _END, _CONFIDENCE = _term(KG.startOffset), _term(KG.endOffset), _term(KG.confidence)
_DERIVED_FROM, _MENTIONS = _term(PROV.wasDerivedFrom), _term(SCHEMA.mentions)
_HEADLINE, _URL, _SAME_AS = _term(SCHEMA.headline), _term(SCHEMA.url), _term(SCHEMA.sameAs)
_AUTHOR, _PUBLISHER = _term(SCHEMA.author), _term(SCHEMA.publisher)
_DATE_PUBLISHED = _term(SCHEMA.datePublished)
_ROLE, _POST_IN = _term(ORG.role), _term(ORG.postIn)
_HELD_BY, _HOLDS = _term(ORG.heldBy), _term(ORG.holds)
_SUB_ORGANIZATION_OF, _HAS_UNIT = _term(ORG.subOrganizationOf), _term(ORG.hasUnit)
_DOCUMENT_CLASS, _EVIDENCE_CLASS = _term(KG.Document), _term(KG.Evidence)
_ASSERTION_CLASS, _STATEMENT_CLASS = _term(KG.Assertion), _term(RDF.Statement)
_POST_CLASS, _ROLE_CLASS, _CONCEPT_CLASS = _term(ORG.Post), _term(ORG.Role), _term(SKOS.Concept)
_HOLDS_IRI, _UNIT_OF_IRI = str(ORG.holds), str(ORG.unitOf)
_SPEAKER, _TEXT, _QUOTED, _ABOUT = (
    _term(KG.speaker),
    _term(KG.text),
    _term(KG.quoted),
    _term(KG.about),
)
_VALUE, _UNIT, _MEASURE_TEXT = _term(KG.value), _term(KG.unit), _term(KG.measureText)
_MEASURES, _REPORTED_BY = _term(KG.measures), _term(KG.reportedBy)
_STATEMENT_NODE_CLASS, _QUANTITY_CLASS = _term(KG.Statement), _term(KG.Quantity)
_XSD_BOOLEAN = _term(XSD.boolean)

#: what N-Triples escapes in a literal, as pyoxigraph writes it
_ESCAPES = {chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)} | {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}
_ESCAPED = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def prefixes(base: str) -> dict[str, str]:
    """Vocabulary prefixes, and one per kind of minted IRI (``person:wen-ku``) under ``base``."""
    minted = Minter(base).base
    return {**PREFIXES, **{kind: f"{minted}{kind}/" for kind in MINTED_KINDS}}


def decimal(value: float) -> Literal:
    return Literal(f"{value:.4f}", datatype=_DECIMAL)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=_INTEGER)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocumentRdf:
    """One document's named graph as N-Triples text, and what the document adds to the tallies
    (see :class:`Tally`) of the entities it gives evidence for."""

    ntriples: str
    tallies: Mapping[str, Tally]
    #: the line of ``ntriples`` that states the document's content hash: a store writes it last,
    #: so a document graph without it is one whose writing was cut short
    seal: str = ""

    @property
    def unsealed(self) -> str:
        """``ntriples`` without the seal."""
        return self.ntriples.replace(self.seal, "", 1)


def document_rdf(graph: DocumentGraph, mint: Minter) -> DocumentRdf:
    """Every triple of one document's named graph, in a stable order, and its tallies.

    IRIs kg mints are written as they are (:class:`~kg.rdf.iris.Minter` percent-encodes what it
    puts under a base the store has checked); other IRIs are checked (:func:`_term`).
    """
    doc = f"<{mint.document(graph.document.id)}>"
    out = _Writer()
    seal = _document(out, doc, graph.document)
    labels = {e.key: e.label for e in graph.entities}
    for entity in graph.entities:
        _entity(out, mint, doc, entity)
    for relation in graph.relations:
        _relation(out, mint, graph.document.id, relation, labels)
    for statement in graph.statements:
        _statement(out, mint, graph.document.id, statement, labels)
    for quantity in graph.quantities:
        _quantity(out, mint, graph.document.id, quantity)
    return DocumentRdf("".join(out.lines), out.tallies(), seal)


class _Writer:
    """A document graph's N-Triples lines and, noted on the way, what its tallies count: the
    labels and evidence nodes of each entity IRI, the confidence of each evidence node."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.labels: dict[str, set[str]] = {}
        self.evidence: dict[str, set[str]] = {}
        self.confidence: dict[str, str] = {}

    def add(self, s: str, p: str, o: str) -> str:
        line = f"{s} {p} {o} .\n"
        self.lines.append(line)
        return line

    def tallies(self) -> dict[str, Tally]:
        """The tally of each entity with evidence: each of its labels once, the confidence of
        each of its evidence nodes (the last written, should two pieces of evidence share one)."""
        return {
            iri: Tally(
                dict.fromkeys(sorted(self.labels[iri]), 1),
                dict(Counter(confidence_key(self.confidence[ev]) for ev in nodes)),
            )
            for iri, nodes in self.evidence.items()
        }


def _literal(text: str) -> str:
    """A plain literal, escaped as pyoxigraph writes it in N-Triples."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match[0]]


def _typed(value: str, datatype: str) -> str:
    """A typed literal as pyoxigraph writes it (one of ``xsd:string`` is a plain literal)."""
    if datatype == _XSD_STRING:
        return _literal(value)
    return f"{_literal(value)}^^{_term(datatype)}"


@functools.lru_cache(maxsize=256)
def _class(name: str) -> str:
    """The kg class ``name`` as a term; one the ontology does not declare fails loudly."""
    return _term(KG[name])


def _document(out: _Writer, iri: str, doc: Document) -> str:
    """Write the document node; returns its seal (the content-hash line)."""
    meta = dict(doc.metadata)
    out.add(iri, _TYPE, _DOCUMENT_CLASS)
    out.add(iri, _DOCUMENT_ID, _literal(doc.id))
    seal = out.add(iri, _CONTENT_HASH, _literal(content_hash(doc.text)))
    if doc.title:
        out.add(iri, _HEADLINE, _literal(doc.title))
    if doc.source:
        out.add(iri, _URL, _literal(doc.source))
    if meta.get("url"):
        out.add(iri, _SAME_AS, _literal(meta["url"]))
    if meta.get("byline"):
        out.add(iri, _AUTHOR, _literal(meta["byline"]))
    if meta.get("publisher"):
        out.add(iri, _PUBLISHER, _literal(meta["publisher"]))
    if meta.get("date") and meta.get("date_datatype"):
        out.add(iri, _DATE_PUBLISHED, _typed(meta["date"], meta["date_datatype"]))
    return seal


def _evidence(out: _Writer, mint: Minter, subject: str, ev: Evidence) -> str:
    """Write ``ev`` as evidence of ``subject`` (a term); returns the evidence node's IRI."""
    iri = str(mint.evidence(ev.doc_id, ev.start, ev.end, ev.rule))
    node, confidence = f"<{iri}>", f"{ev.confidence:.4f}"
    out.confidence[iri] = confidence
    out.add(subject, _EVIDENCE, node)
    out.add(node, _TYPE, _EVIDENCE_CLASS)
    out.add(node, _SENTENCE, _literal(ev.sentence))
    out.add(node, _START, f'"{ev.start}"^^{_XSD_INTEGER}')
    out.add(node, _END, f'"{ev.end}"^^{_XSD_INTEGER}')
    out.add(node, _RULE, _literal(ev.rule))
    out.add(node, _CONFIDENCE, f'"{confidence}"^^{_XSD_DECIMAL}')
    out.add(node, _DERIVED_FROM, f"<{mint.document(ev.doc_id)}>")
    return iri


def _entity(out: _Writer, mint: Minter, doc: str, entity: Entity) -> None:
    iri = str(mint.entity(entity.key))
    node = f"<{iri}>"
    out.add(node, _TYPE, _class(entity.cls))
    out.add(node, _LABEL, _literal(entity.label))
    for alias in entity.aliases:
        out.add(node, _ALT_LABEL, _literal(alias))
    if entity.concept:
        out.add(node, _CONCEPT, _term(entity.concept))
    if entity.date is not None:
        out.add(node, _DATE, _typed(entity.date.value, entity.date.datatype))
    out.add(doc, _MENTIONS, node)
    out.labels.setdefault(iri, set()).add(entity.label)
    for ev in entity.evidence:
        out.evidence.setdefault(iri, set()).add(_evidence(out, mint, node, ev))


def _relation(
    out: _Writer, mint: Minter, doc_id: str, rel: Relation, labels: Mapping[str, str]
) -> None:
    subject, obj = str(mint.entity(rel.subject)), str(mint.entity(rel.object))
    s, o = f"<{subject}>", f"<{obj}>"
    if rel.predicate == "org:Post":
        predicate, target = _HOLDS_IRI, _post(out, mint, rel, s, o, labels)
    else:
        predicate, target = predicate_iri(rel.predicate), obj
        out.add(s, _term(predicate), o)
        if predicate == _UNIT_OF_IRI:
            out.add(s, _SUB_ORGANIZATION_OF, o)
            out.add(o, _HAS_UNIT, s)
    assertion = f"<{mint.assertion(doc_id, subject, predicate, target)}>"
    out.add(assertion, _TYPE, _ASSERTION_CLASS)
    out.add(assertion, _TYPE, _STATEMENT_CLASS)
    out.add(assertion, _SUBJECT, s)
    out.add(assertion, _PREDICATE, _term(predicate))
    out.add(assertion, _OBJECT, f"<{target}>")
    out.add(assertion, _CONFIDENCE, f'"{rel.confidence:.4f}"^^{_XSD_DECIMAL}')
    out.add(assertion, _EVIDENCE_COUNT, f'"{len(rel.evidence)}"^^{_XSD_INTEGER}')
    for ev in rel.evidence:
        _evidence(out, mint, assertion, ev)


def _post(
    out: _Writer, mint: Minter, rel: Relation, holder: str, org: str, labels: Mapping[str, str]
) -> str:
    """Write the post ``holder`` holds in ``org`` (terms), as ``rel`` says; returns its IRI."""
    role = rel.role or "member"
    iri = str(mint.post(rel.subject, role, rel.object))
    post, role_iri = f"<{iri}>", f"<{mint.role(role)}>"
    org_label = labels.get(rel.object, rel.object.partition(":")[2])
    out.add(post, _TYPE, _POST_CLASS)
    out.add(post, _LABEL, _literal(f"{role} of {org_label}"))
    out.add(post, _ROLE, role_iri)
    out.add(post, _POST_IN, org)
    out.add(post, _HELD_BY, holder)
    out.add(holder, _HOLDS, post)
    out.add(role_iri, _TYPE, _ROLE_CLASS)
    out.add(role_iri, _TYPE, _CONCEPT_CLASS)
    out.add(role_iri, _LABEL, _literal(role))
    return iri


#: how much of a statement its label shows
LABEL_CHARS = 80


def _statement(
    out: _Writer, mint: Minter, doc_id: str, st: Statement, labels: Mapping[str, str]
) -> None:
    node = f"<{mint.statement(doc_id, st.start, st.end)}>"
    speaker = labels.get(st.speaker, st.speaker.partition(":")[2])
    words = st.text if len(st.text) <= LABEL_CHARS else st.text[: LABEL_CHARS - 1] + "…"
    out.add(node, _TYPE, _STATEMENT_NODE_CLASS)
    out.add(node, _LABEL, _literal(f"{speaker}: {words}"))
    out.add(node, _SPEAKER, f"<{mint.entity(st.speaker)}>")
    out.add(node, _TEXT, _literal(st.text))
    out.add(node, _QUOTED, f'"{str(st.quoted).lower()}"^^{_XSD_BOOLEAN}')
    for key in st.about:
        out.add(node, _ABOUT, f"<{mint.entity(key)}>")
    if st.date is not None:
        out.add(node, _DATE, _typed(st.date.value, st.date.datatype))
    out.add(node, _CONFIDENCE, f'"{st.confidence:.4f}"^^{_XSD_DECIMAL}')
    for ev in st.evidence:
        _evidence(out, mint, node, ev)


def _quantity(out: _Writer, mint: Minter, doc_id: str, q: Quantity) -> None:
    node = f"<{mint.quantity(doc_id, q.start, q.end)}>"
    out.add(node, _TYPE, _QUANTITY_CLASS)
    out.add(node, _LABEL, _literal(f"{q.measure}: {q.text}"))
    out.add(node, _VALUE, f'"{q.value}"^^{_XSD_DECIMAL}')
    if q.unit is not None:
        out.add(node, _UNIT, _literal(q.unit))
    out.add(node, _MEASURE_TEXT, _literal(q.measure))
    if q.measures is not None:
        out.add(node, _MEASURES, f"<{mint.entity(q.measures)}>")
    if q.date is not None:
        out.add(node, _DATE, _typed(q.date.value, q.date.datatype))
    if q.reported_by is not None:
        out.add(node, _REPORTED_BY, f"<{mint.entity(q.reported_by)}>")
    out.add(node, _CONFIDENCE, f'"{q.confidence:.4f}"^^{_XSD_DECIMAL}')
    for ev in q.evidence:
        _evidence(out, mint, node, ev)


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


def annotation_quads(graph: NamedNode, scores: dict[str, dict[str, float]]) -> Iterator[Quad]:
    """Analysis scores (see :func:`kg.analysis.scores`) as quads of the analysis graph."""
    for name, values in sorted(scores.items()):
        predicate = N(KG[name])
        for node, value in sorted(values.items()):
            literal = integer(int(value)) if name == "community" else decimal(value)
            yield Quad(N(node), predicate, literal, graph)
