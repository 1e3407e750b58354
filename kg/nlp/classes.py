"""The top class of the ontology each mention class falls under."""

from __future__ import annotations

GROUPS = {
    "Person": "Person",
    "Place": "Place",
    "Facility": "Place",
    "Infrastructure": "Infrastructure",
    "ConsumptionForm": "ConsumptionForm",
}


def group_of(cls: str) -> str:
    """The top class of the ontology a class falls under (organisation subclasses included)."""
    return GROUPS.get(cls, "Event" if cls.endswith(("Event", "Conference")) else "Organization")
