"""SHACL validation of a graph against ontology/shapes.ttl (pySHACL).

The ontology's subclass tree is applied first, so an instance of ``kg:GovernmentOrganization``
counts as a ``kg:Organization`` for the shapes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import rdflib
from rdflib.namespace import SH

from kg.nlp.lexicon import ONTOLOGY_DIR


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: tuple[Violation, ...]


@functools.cache
def _shapes() -> tuple[rdflib.Graph, rdflib.Graph]:
    return (
        rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl"),
        rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl"),
    )


def validate(graph: rdflib.Graph) -> Validation:
    """Check ``graph`` against the shapes; violations sorted for stable output."""
    from pyshacl import validate as shacl

    shapes, ontology = _shapes()
    # Subclasses count as their superclasses. The closure is added here rather than by pySHACL's
    # RDFS inference, whose OWL-RL engine swaps rdflib's datatype parsers process-wide (and
    # wrongly rejects xsd:gMonthDay afterwards).
    data = rdflib.Graph()
    for triple in graph:
        data.add(triple)
    for subject, cls in list(graph.subject_objects(rdflib.RDF.type)):
        for sup in ontology.transitive_objects(cls, rdflib.RDFS.subClassOf):
            data.add((subject, rdflib.RDF.type, sup))
    conforms, report, _ = shacl(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        violations.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=graph.namespace_manager.normalizeUri(path)
                if isinstance(path, rdflib.URIRef)
                else "",
                message=str(report.value(result, SH.resultMessage) or "violates a shape"),
                severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return Validation(
        bool(conforms), tuple(sorted(violations, key=lambda v: (v.focus, v.path, v.message)))
    )
