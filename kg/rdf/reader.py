"""An RDF graph built by kg, read back as a networkx graph for analysis and viewing.

Nodes are the entities (IRIs as node ids) with their label (``skos:prefLabel``, else
``rdfs:label``), most specific class, top class, aliases (every other label), evidence, what
they said (``said``: the statements they made) and the figures about them (``figures``: the
quantities that measure them or that they reported); edges are the relations between them
(direct triples, and posts as "holder -[role]-> organisation"), with the evidence of their
assertions. Statements and quantities are not nodes: they relate nobody to anything.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import rdflib
from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from kg.model import TOP_CLASSES
from kg.rdf.namespace import KG, ORG

#: top class of every kg class, from ontology/kg.ttl's subclass tree
_SKIP = {
    ORG.subOrganizationOf,
    ORG.hasUnit,
    ORG.holds,
    ORG.heldBy,
    ORG.postIn,
    ORG.role,
    RDF.type,
    KG.evidence,
    KG.concept,
}
MAX_EVIDENCE = 5
#: statements and figures kept per entity
MAX_CLAIMS = 10


def top_classes(ontology: rdflib.Graph) -> dict[rdflib.URIRef, str]:
    """Each kg class mapped to the top class it falls under."""
    result = {}
    for cls in set(ontology.subjects(RDF.type, rdflib.OWL.Class)):
        for sup in ontology.transitive_objects(cls, RDFS.subClassOf):
            name = str(sup).rsplit("#", 1)[-1]
            if str(sup).startswith(str(KG)) and name in TOP_CLASSES:
                result[cls] = name
                break
    return result


def to_networkx(g: rdflib.Graph, tops: dict[rdflib.URIRef, str]) -> nx.MultiDiGraph:
    """The entities and relations of ``g`` as a directed multigraph."""
    G = nx.MultiDiGraph()
    classes: dict[rdflib.term.Node, list[rdflib.URIRef]] = defaultdict(list)
    for s, cls in g.subject_objects(RDF.type):
        if cls in tops:
            classes[s].append(cls)
    for s in sorted(classes):
        cls = min(classes[s], key=lambda c: (_name(c) in TOP_CLASSES, str(c)))
        label = g.value(s, SKOS.prefLabel) or g.value(s, RDFS.label) or s
        forms = {str(a) for p in (RDFS.label, SKOS.altLabel) for a in g.objects(s, p)}
        G.add_node(
            str(s),
            label=str(label),
            cls=_name(cls),
            group=tops[cls],
            aliases=tuple(sorted(forms - {str(label)})),
            evidence=_evidence(g, s),
            said=[],
            figures=[],
        )
    assertions = _assertions(g)
    for s, p, o in sorted(g):
        if str(s) in G and str(o) in G and p not in _SKIP and s != o:
            name = str(p).rsplit("#", 1)[-1]
            G.add_edge(
                str(s),
                str(o),
                key=str(p),
                predicate=str(p),
                relation=name,
                detail=_curie(g, p),
                evidence=assertions.get((s, p, o), []),
            )
    for post in sorted(g.subjects(RDF.type, ORG.Post)):
        holder, org = g.value(post, ORG.heldBy), g.value(post, ORG.postIn)
        if holder is None or org is None or str(holder) not in G or str(org) not in G:
            continue
        role = str(g.value(g.value(post, ORG.role), RDFS.label) or "post")
        G.add_edge(
            str(holder),
            str(org),
            key=str(post),
            predicate=str(ORG.Post),
            role=role,
            relation=role,
            detail=f"org:Post ({role})",
            evidence=assertions.get((holder, ORG.holds, post), []),
        )
    _claims(g, G)
    return G


def _claims(g: rdflib.Graph, G: nx.MultiDiGraph) -> None:
    """Each entity's statements (``said``) and the figures that measure it or it reported."""
    for node in sorted(g.subjects(RDF.type, KG.Statement)):
        speaker = str(g.value(node, KG.speaker))
        if speaker in G:
            G.nodes[speaker]["said"].append(
                {
                    "text": str(g.value(node, KG.text) or ""),
                    "date": str(g.value(node, KG.date) or ""),
                    "quoted": str(g.value(node, KG.quoted)) == "true",
                }
            )
    for node in sorted(g.subjects(RDF.type, KG.Quantity)):
        record = {
            "label": str(g.value(node, RDFS.label) or ""),
            "date": str(g.value(node, KG.date) or ""),
        }
        for entity in {str(g.value(node, KG.measures)), str(g.value(node, KG.reportedBy))}:
            if entity in G:
                G.nodes[entity]["figures"].append(record)
    for _, data in G.nodes(data=True):
        for key in ("said", "figures"):
            data[key] = sorted(data[key], key=lambda r: tuple(map(str, r.values())))[:MAX_CLAIMS]


def _name(iri: rdflib.term.Node) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _curie(g: rdflib.Graph, p: rdflib.URIRef) -> str:
    try:
        return g.namespace_manager.normalizeUri(p)
    except Exception:  # rdflib raises on IRIs it cannot shorten
        return str(p)


def _evidence(g: rdflib.Graph, node: rdflib.term.Node) -> list[dict]:
    records = []
    for ev in g.objects(node, KG.evidence):
        doc = g.value(ev, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        records.append(
            {
                "doc": str(g.value(doc, KG.documentId) or doc or ""),
                "sentence": str(g.value(ev, KG.sentence) or ""),
                "start": int(g.value(ev, KG.startOffset) or 0),
                "end": int(g.value(ev, KG.endOffset) or 0),
                "rule": str(g.value(ev, KG.rule) or ""),
                "confidence": float(g.value(ev, KG.confidence) or 0),
            }
        )
    return sorted(records, key=lambda r: (r["doc"], r["start"], r["rule"]))[:MAX_EVIDENCE]


def _assertions(g: rdflib.Graph) -> dict[tuple, list[dict]]:
    found: dict[tuple, list[dict]] = defaultdict(list)
    for a in g.subjects(RDF.type, KG.Assertion):
        key = (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
        found[key].extend(_evidence(g, a))
    return {
        k: sorted(v, key=lambda r: (r["doc"], r["start"], r["rule"]))[:MAX_EVIDENCE]
        for k, v in found.items()
    }
