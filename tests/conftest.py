"""Shared fixtures: the spaCy pipeline and the seed graph are built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def model():
    """The statistical model as spaCy loads it, with none of kg's changes."""
    return load_model()


def load_model(change=None):
    """A fresh copy of the statistical model, with ``change(nlp)`` made to it if given (which
    must say it made it)."""
    import spacy

    from kg.nlp.models import find_model

    nlp = spacy.load(find_model())
    if change is not None:
        assert change(nlp), f"{change.__name__} changed nothing"
    return nlp


@pytest.fixture(scope="session")
def lexicon():
    from kg.nlp.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def seed_graph():
    import kg

    return kg.build([SEEDS])


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository: skipped on a user's machine, required under CI."""
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI=true but {SHARED} is missing")
    pytest.skip(f"{SHARED} not present (only needed for corpus tests)")


def extract(text: str, doc_id: str = "t"):
    """kg.extract, and the graph it gives must conform to the SHACL shapes."""
    import kg

    graph = kg.extract(text, doc_id=doc_id)
    assert_valid(graph.to_rdflib())
    return graph


def assert_valid(rdf_graph) -> None:
    from kg.rdf.validate import validate

    result = validate(rdf_graph)
    assert result.conforms, "\n".join(map(str, result.violations[:20]))


def labels(graph, type_: str | None = None) -> set[str]:
    return {e.label for e in graph.entities(type=type_)}


def rel_set(graph) -> set[tuple[str, str, str, str]]:
    """(subject label, predicate, object label, role) of every relation."""
    by_key = {e.key: e.label for e in graph.entities()}
    return {
        (by_key[r.subject], r.predicate, by_key[r.object], r.role or "") for r in graph.relations
    }
