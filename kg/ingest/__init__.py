"""Inputs to Document records: text, Markdown, HTML, JSONL and CSV files, folders and stdin.

What cannot be read becomes a Skipped record and what is worth saying about an input that was
read a Notice; reading never stops at a bad input.

- :mod:`kg.ingest.files`: paths, folders and ``-`` (:func:`iter_documents`)
- :mod:`kg.ingest.encoding`: bytes to text in whatever encoding they are in
- :mod:`kg.ingest.html`: a page's visible text, title and meta tags
- :mod:`kg.ingest.records`: JSONL lines and CSV rows, streamed
- :mod:`kg.ingest.document`: text to a Document (id, title, metadata) and notes on the text
"""

from kg.ingest.document import guess_title
from kg.ingest.files import SUFFIXES, decode, iter_documents, read_document
from kg.ingest.options import DEFAULT_MAX_BYTES, IngestOptions
from kg.model import Document, Notice, Skipped

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "Document",
    "IngestOptions",
    "Notice",
    "Skipped",
    "decode",
    "guess_title",
    "iter_documents",
    "read_document",
]
