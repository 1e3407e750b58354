"""kg: knowledge graphs from news and policy text (spaCy, rdflib, networkx, pyvis)."""

from kg.api import KnowledgeGraph, build, extract
from kg.errors import KGError

__version__ = "0.1.0"
__all__ = ["KGError", "KnowledgeGraph", "__version__", "build", "extract"]
