"""Output formats of ``kg build --format`` and their file suffixes (no heavy imports here)."""

#: RDF serialisations, and "graphml": the entity graph for Gephi and yEd
FORMATS = {
    "turtle": ".ttl",
    "nt": ".nt",
    "xml": ".rdf",
    "json-ld": ".jsonld",
    "nquads": ".nq",
    "trig": ".trig",
    "graphml": ".graphml",
}
