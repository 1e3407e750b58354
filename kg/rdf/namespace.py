"""The kg ontology's namespace as a closed rdflib namespace.

Like rdflib's own vocabularies (``rdflib.namespace._FOAF``), every term is declared, so a typo
fails at import instead of minting a wrong IRI; a test checks the list against ontology/kg.ttl.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-ict/ontology"
DEFAULT_BASE = "https://w3id.org/kg-ict/id/"


class KG(DefinedNamespace):
    """kg ICT policy ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Person: URIRef
    Organization: URIRef
    GovernmentOrganization: URIRef
    OrganizationalUnit: URIRef
    Company: URIRef
    TelecomOperator: URIRef
    EducationalOrganization: URIRef
    MediaOrganization: URIRef
    Place: URIRef
    Facility: URIRef
    Event: URIRef
    PressConference: URIRef
    Infrastructure: URIRef
    ConsumptionForm: URIRef
    Document: URIRef
    Evidence: URIRef
    Assertion: URIRef
    Agent: URIRef
    Statement: URIRef
    Quantity: URIRef
    # relations
    actsOn: URIRef
    promotes: URIRef
    accelerates: URIRef
    builds: URIRef
    deploys: URIRef
    operates: URIRef
    supports: URIRef
    opens: URIRef
    reduces: URIRef
    cooperatesWith: URIRef
    locatedIn: URIRef
    reportedFrom: URIRef
    livesIn: URIRef
    bornIn: URIRef
    killed: URIRef
    spokeAt: URIRef
    hasSpeaker: URIRef
    organizedBy: URIRef
    date: URIRef
    concept: URIRef
    # statements and quantities
    speaker: URIRef
    text: URIRef
    quoted: URIRef
    about: URIRef
    value: URIRef
    unit: URIRef
    measureText: URIRef
    measures: URIRef
    reportedBy: URIRef
    # analysis scores
    pageRank: URIRef
    degreeCentrality: URIRef
    betweenness: URIRef
    community: URIRef
    # provenance
    confidence: URIRef
    evidence: URIRef
    evidenceCount: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    contentHash: URIRef
    documentId: URIRef
    tally: URIRef
    # lexicon annotation properties
    entityClass: URIRef
    headWord: URIRef
    anaphor: URIRef
    speaksFor: URIRef
    speaksForItself: URIRef
    alsoOrganization: URIRef
    portfolioOf: URIRef
    governsPlace: URIRef
    roleModifier: URIRef
    ignorableModifier: URIRef
    familyName: URIRef
    nameTitle: URIRef
    commonAbbreviation: URIRef
    technicalModifier: URIRef
    narrowingModifier: URIRef
    transparentHead: URIRef
    ownedNoun: URIRef
    nameHead: URIRef
    designation: URIRef
    placeAdjective: URIRef
    namedWithRegionAfter: URIRef
    notNameHead: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
LEX = Namespace("https://w3id.org/kg-ict/lexicon#")

_PREDICATE_NS = {"kg": KG, "org": ORG, "schema": SCHEMA}


def predicate_curie(iri: str) -> str:
    """The IRI of a relation's predicate -> its CURIE, as patterns and gold files write it
    (``kg:builds``, ``org:unitOf``): the inverse of :func:`predicate_iri`."""
    for prefix, ns in _PREDICATE_NS.items():
        if iri.startswith(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    raise ValueError(f"no prefix for predicate {iri!r}")


def predicate_iri(curie: str) -> str:
    """``kg:promotes`` -> the IRI; unknown prefixes or kg terms fail loudly."""
    prefix, _, local = curie.partition(":")
    ns = _PREDICATE_NS.get(prefix)
    if ns is None or not local:
        raise ValueError(f"unknown predicate {curie!r}")
    return str(ns[local])
