"""Frozen records that flow between the stages of kg.

documents -> spaCy docs (mentions as spans in ``doc.spans["kg_mentions"]``) -> Entity / Relation,
Statement / Quantity (with Evidence) -> RDF. Every stage talks to the next only through these records or a spaCy Doc.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """A text to extract from, with the id its facts are traced back to."""

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def date(self) -> Date | None:
        """The document's own date, from its metadata (``date`` and ``date_datatype``)."""
        meta = dict(self.metadata)
        if meta.get("date") and meta.get("date_datatype"):
            return Date(meta["date"], meta["date_datatype"], meta["date"])
        return None


@dataclass(frozen=True)
class Skipped:
    """An input that could not be turned into a Document, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Notice:
    """Something worth one line about an input that was still read (the encoding it was
    decoded from, a text the extractor will find nothing in)."""

    source: str
    message: str


@dataclass(frozen=True)
class Evidence:
    """A span of a document supporting a fact, and the rule that matched it."""

    doc_id: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Date:
    """A date as precise as the text allows: value is the lexical form of datatype."""

    value: str
    datatype: str
    text: str


class _Evidenced:
    """A record whose confidence is the noisy-or of its evidence's (:func:`combine_confidence`)."""

    evidence: tuple[Evidence, ...]

    @property
    def confidence(self) -> float:
        return combine_confidence(e.confidence for e in self.evidence)


@dataclass(frozen=True)
class Entity(_Evidenced):
    """A real-world thing: its canonical label, type, other surface forms and evidence.

    ``key`` identifies the entity across documents (coarse type group + normalised label).
    """

    key: str
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    concept: str | None = None
    date: Date | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Relation(_Evidenced):
    """A typed link between two entities (by key), with the evidence for it.

    ``predicate`` is a CURIE of the ontology (``kg:promotes``, ``org:unitOf``) or ``org:Post``
    for a post the subject holds in the object organisation, named by ``role``.
    """

    subject: str
    predicate: str
    object: str
    role: str | None = None
    evidence: tuple[Evidence, ...] = field(default=())


@dataclass(frozen=True)
class Statement(_Evidenced):
    """Something a speaker (entity key) said: the words (``text``, quoted verbatim or reported),
    the entities they name (``about``), when it was said if the text says, and the evidence.

    ``start`` and ``end`` are the character offsets of ``text`` in the document: with the
    document's id they identify the statement.
    """

    speaker: str
    text: str
    start: int
    end: int
    quoted: bool
    about: tuple[str, ...] = ()
    date: Date | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Quantity(_Evidenced):
    """A figure the text states: its value (a decimal's lexical form), unit (a currency code,
    "percent", a unit of measure; None for a count), what it measures (``measure``, the phrase as
    written; ``measures``, its entity key when it names one), the time it refers to and who
    reported it.

    ``start`` and ``end`` are the character offsets of ``text``, the figure as written.
    """

    value: str
    unit: str | None
    text: str
    start: int
    end: int
    measure: str
    measures: str | None = None
    date: Date | None = None
    reported_by: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class DocumentGraph:
    """What one document yields: its entities and relations, what its speakers said and the
    figures it states."""

    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    statements: tuple[Statement, ...] = ()
    quantities: tuple[Quantity, ...] = ()


def combine_confidence(values) -> float:
    """Noisy-or of independent pieces of evidence: 1 - prod(1 - c), rounded for stable output."""
    remaining = 1.0
    seen = False
    for value in values:
        seen = True
        remaining *= 1.0 - value
    return round(1.0 - remaining, 4) if seen else 0.0


def entity_key(group: str, label: str) -> str:
    """The identity of an entity across documents: its top class and case-folded label, with
    the full stops of initials dropped ("U.S." is "US").

    >>> entity_key("Place", "U.S.") == entity_key("Place", "US")
    True
    """
    name = " ".join(label.split())
    if _INITIALS.match(name):
        name = name.replace(".", "")
    return f"{group}:{name.casefold()}"


_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


#: the ontology's top classes, which an entity key starts with
TOP_CLASSES = ("Person", "Organization", "Place", "Event", "Infrastructure", "ConsumptionForm")


def key_group(key: str) -> str:
    """The top class part of an entity key."""
    return key.partition(":")[0]


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """The text with lone surrogates (not Unicode characters; no UTF-8 can hold them) replaced
    by U+FFFD, one for one, so offsets stay the same."""
    return _SURROGATE.sub("\ufffd", text)
