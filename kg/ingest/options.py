"""How inputs are read: which files, which record fields, how big, and where ``-`` reads from."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TextIO

from kg.errors import UsageError

DEFAULT_MAX_BYTES = 20_000_000
#: the most characters one document may have: spaCy's default ``nlp.max_length`` (its parser and
#: NER need about 1 GB per 100,000 characters)
MAX_TEXT_CHARS = 1_000_000
# What a record's metadata field names mean: our key -> the default field (or column) name.
METADATA_KEYS = ("title", "date", "url", "byline", "publisher")
STDIN_FORMATS = ("text", "html", "jsonl", "csv")


@dataclass(frozen=True)
class IngestOptions:
    """Settings of :func:`kg.ingest.iter_documents`.

    - ``glob``: in folders, read only files whose name (or, with a ``/``, whose path below the
      folder) matches, whatever their suffix; None reads every supported suffix.
    - ``id_field``, ``text_field``: the JSONL key / CSV column of a record's id and text.
    - ``metadata_fields``: the key / column of each of ``title``, ``date``, ``url``,
      ``byline``, ``publisher``; keys not given keep their own name.
    - ``max_bytes``: the largest file (or JSONL line, or CSV field) read; None for no limit.
    - ``stdin``, ``stdin_format``: where ``-`` reads from (default ``sys.stdin``) and as what.

    >>> IngestOptions(metadata_fields={"byline": "author"}).field_name("byline")
    'author'
    """

    glob: str | None = None
    id_field: str = "id"
    text_field: str = "text"
    metadata_fields: tuple[tuple[str, str], ...] = ()
    max_bytes: int | None = DEFAULT_MAX_BYTES
    stdin: TextIO | None = field(default=None, compare=False)
    stdin_format: str = "text"

    def __post_init__(self) -> None:
        pairs = self.metadata_fields
        if isinstance(pairs, Mapping):
            pairs = pairs.items()
        pairs = tuple(sorted((str(k), str(v)) for k, v in pairs))
        unknown = sorted(k for k, _ in pairs if k not in METADATA_KEYS)
        if unknown:
            raise UsageError(
                f"unknown metadata field {', '.join(unknown)} (known: {', '.join(METADATA_KEYS)})"
            )
        object.__setattr__(self, "metadata_fields", pairs)
        if self.max_bytes is not None and self.max_bytes <= 0:
            raise UsageError(f"max_bytes must be a positive number of bytes, not {self.max_bytes}")
        if self.stdin_format not in STDIN_FORMATS:
            raise UsageError(
                f"unknown stdin format {self.stdin_format!r} (known: {', '.join(STDIN_FORMATS)})"
            )
        for name in ("id_field", "text_field"):
            if not getattr(self, name):
                raise UsageError(f"{name} must not be empty")

    def field_name(self, key: str) -> str:
        """The record field holding metadata ``key`` (``title``, ``date``, ...)."""
        return dict(self.metadata_fields).get(key, key)

    def input_stream(self) -> TextIO:
        return self.stdin if self.stdin is not None else sys.stdin


def size_text(n: int) -> str:
    """A byte count for people: ``512 bytes``, ``3.5 kB``, ``52.4 MB``, ``20 MB``."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def too_big(what: str, size: int | None, limit: int) -> str:
    """The reason an input over the size limit is skipped (``size`` None when not known)."""
    over = f"over the {size_text(limit)} limit (--max-bytes)"
    return f"{what} is {size_text(size)}, {over}" if size is not None else f"{what} is {over}"
