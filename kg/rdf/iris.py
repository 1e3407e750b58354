"""Deterministic, readable IRIs: the same thing gets the same IRI in every build."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

GROUP_SEGMENTS = {
    "Person": "person",
    "Organization": "organization",
    "Place": "place",
    "Event": "event",
    "Infrastructure": "infrastructure",
    "ConsumptionForm": "consumption-form",
}
#: the first path segment of every IRI a Minter makes
MINTED_KINDS = (
    *GROUP_SEGMENTS.values(),
    "thing",
    "document",
    "evidence",
    "assertion",
    "post",
    "role",
    "statement",
    "quantity",
    "graph",
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def slug(text: str) -> str:
    """A readable IRI segment: lower-case words joined by hyphens, percent-encoded if needed.

    When the slug loses information (punctuation, accents) a short hash of the text keeps it
    unique: "C++" and "C" do not collide.
    """
    folded = unicodedata.normalize("NFKC", " ".join(text.split())).casefold()
    words = _NON_WORD.sub("-", folded).strip("-_")
    if not words:
        words = "x"
    exact = words == re.sub(r"[\s]+", "-", folded)
    segment = quote(words, safe="-_")
    if not exact:
        segment += "-" + hashlib.sha256(folded.encode("utf-8")).hexdigest()[:8]
    return segment


def digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


class Minter:
    """Makes the IRIs of one build under a base IRI (``--base``)."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def entity(self, key: str) -> URIRef:
        group, _, label = key.partition(":")
        return URIRef(f"{self.base}{GROUP_SEGMENTS.get(group, 'thing')}/{slug(label)}")

    def document(self, doc_id: str) -> URIRef:
        """The document's IRI keeps its id exactly (percent-encoded): ids that differ only in
        case or punctuation ("A", "a"; "a b", "a-b") are different documents."""
        return URIRef(f"{self.base}document/{quote(doc_id, safe='-_.~')}")

    def post(self, person: str, role: str, org: str) -> URIRef:
        return URIRef(
            f"{self.base}post/{slug(person.partition(':')[2])}--{slug(role)}--{slug(org.partition(':')[2])}"
        )

    def role(self, role: str) -> URIRef:
        return URIRef(f"{self.base}role/{slug(role)}")

    def assertion(self, doc_id: str, subject: str, predicate: str, obj: str) -> URIRef:
        """One assertion per document and fact, so documents can be replaced independently."""
        return URIRef(f"{self.base}assertion/{digest(doc_id, subject, predicate, obj)}")

    def statement(self, doc_id: str, start: int, end: int) -> URIRef:
        """A statement is the words at [start, end) of one document."""
        return URIRef(f"{self.base}statement/{digest(doc_id, start, end)}")

    def quantity(self, doc_id: str, start: int, end: int) -> URIRef:
        """A quantity is the figure written at [start, end) of one document."""
        return URIRef(f"{self.base}quantity/{digest(doc_id, start, end)}")

    def graph(self, name: str) -> URIRef:
        """A named graph kg keeps beside the document graphs (``entities``, ``analysis``)."""
        return URIRef(f"{self.base}graph/{slug(name)}")

    def evidence(self, doc_id: str, start: int, end: int, rule: str) -> URIRef:
        return URIRef(f"{self.base}evidence/{digest(doc_id, start, end, rule)}")
