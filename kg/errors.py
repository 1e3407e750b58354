"""One exception hierarchy for kg: every error a user can cause is a KGError."""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose; the CLI prints it as one line."""

    exit_code = 1


class UsageError(KGError):
    """The command line or an API call was used wrongly."""

    exit_code = 2


class ModelNotFoundError(KGError):
    """No spaCy model could be loaded."""

    exit_code = 2


class OntologyError(KGError):
    """The ontology, lexicon or pattern files are missing or malformed."""

    exit_code = 2


class QueryError(KGError):
    """A SPARQL query failed to parse or run."""


class NotFoundError(KGError):
    """A named entity, document or path is not in the graph."""


class StoreError(KGError):
    """A store folder cannot be opened or written."""


class ServerError(KGError):
    """A SPARQL server could not be started or reached, or refused an upload."""


class RelationModelError(KGError):
    """A relation model file, its training data or its label meanings are missing or malformed."""

    exit_code = 2


class ExtractionError(KGError):
    """Extracting a document failed: a bug in kg, reported with the document it failed on."""
