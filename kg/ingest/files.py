"""Paths to records: files, folders (walked lazily, in sorted order) and ``-`` for standard input.

Reading never stops at a bad input: each one becomes a Skipped record with its reason, and the
rest are still read.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.ingest.document import Ids, make_document
from kg.ingest.encoding import BinaryData, Decoded, decode_bytes
from kg.ingest.html import declared_charset, read_html
from kg.ingest.options import IngestOptions, too_big
from kg.ingest.records import CHUNK, Item, read_csv, read_jsonl
from kg.model import Document, Notice, Skipped

# Suffix -> how the file is read. In folders, only these are read unless a glob says otherwise;
# a file named on its own, or matched by a glob, is read as text when its suffix is not here.
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}
STDIN = "stdin"


def iter_documents(
    paths: Iterable[str | os.PathLike[str]], *, options: IngestOptions | None = None
) -> Iterator[Item]:
    """Documents from files, folders (recursively) and ``-`` (standard input), streamed in order.

    Beside each Document come Skipped records (an input or a record that could not be read, and
    why) and Notice records (said once, the input is still read: the encoding it was decoded
    from, a text the extractor will find nothing in). Ids are unique within the call.
    """
    options = options or IngestOptions()
    ids = Ids()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(options, ids)
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _read_folder(path, options, ids)
            elif path.exists():
                yield from _read_file(path, path.parent, options, ids)
            else:
                yield Skipped(str(path), "no such file or directory")
        except OSError as exc:
            yield Skipped(str(path), _reason(exc))


def read_document(
    path: str | os.PathLike[str],
    seen_ids: set[str] | None = None,
    root: Path | None = None,
    *,
    options: IngestOptions | None = None,
) -> Document | Skipped:
    """One text or HTML file as a Document, or the reason it cannot be one (notices dropped).

    The document's source is its path relative to ``root`` (the folder the input was named
    in), so the same input gives the same graph wherever the files live.
    """
    path = Path(path)
    kind = "html" if SUFFIXES.get(path.suffix.lower()) == "html" else "text"
    items = _read_file(path, root, options or IngestOptions(), Ids(seen_ids), kind=kind)
    return next(i for i in items if not isinstance(i, Notice))


def decode(data: bytes) -> str | Skipped:
    """Text from bytes in whatever encoding :func:`kg.ingest.encoding.decode_bytes` tells."""
    try:
        return decode_bytes(data).text
    except BinaryData as exc:
        return Skipped("", str(exc))


def _read_folder(folder: Path, options: IngestOptions, ids: Ids) -> Iterator[Item]:
    found = False
    for item in _walk(folder, folder, options.glob, set()):
        if isinstance(item, Skipped):
            yield item
        else:
            found = True
            yield from _read_file(item, folder.parent, options, ids)
    if not found:
        if options.glob:
            yield Skipped(str(folder), f"no file in the folder matches --glob {options.glob!r}")
        else:
            suffixes = ", ".join(sorted(SUFFIXES))
            yield Skipped(str(folder), f"folder has no file to read ({suffixes})")


def _walk(folder: Path, top: Path, glob: str | None, visited: set) -> Iterator[Path | Skipped]:
    """The files to read below ``folder``, lazily, one directory at a time, in name order.

    Hidden entries (``.git``, ``.DS_Store``) are passed over; a folder linked twice is walked once.
    """
    try:
        visited.add(folder.resolve())
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(folder), _reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            if entry.is_dir():
                if path.resolve() not in visited:
                    yield from _walk(path, top, glob, visited)
            elif entry.is_file() and _selected(path.relative_to(top).as_posix(), glob):
                yield path
        except OSError as exc:
            yield Skipped(str(path), _reason(exc))


def _selected(relative: str, glob: str | None) -> bool:
    """Whether a file below a folder is read: by suffix, or by the glob on its name (or on its
    path below the folder when the glob has a ``/``; ``**/`` also matches no folder)."""
    if glob is None:
        return Path(relative).suffix.lower() in SUFFIXES
    if "/" not in glob:
        return fnmatch.fnmatchcase(relative.rsplit("/", 1)[-1], glob)
    return fnmatch.fnmatchcase(relative, glob) or fnmatch.fnmatchcase(
        relative, glob.replace("**/", "")
    )


def _read_file(
    path: Path, root: Path | None, options: IngestOptions, ids: Ids, kind: str | None = None
) -> Iterator[Item]:
    name = str(path)
    source = path.relative_to(root).as_posix() if root is not None else path.as_posix()
    kind = kind or SUFFIXES.get(path.suffix.lower(), "text")
    limit = options.max_bytes
    try:
        if kind in ("text", "html") and limit is not None:
            size = path.stat().st_size
            if size > limit:
                yield Skipped(name, too_big("file", size, limit))
                return
        with path.open("rb") as stream:
            if kind == "jsonl":
                yield from read_jsonl(
                    stream, name=name, source=source, stem=path.stem, options=options, ids=ids
                )
                return
            if kind in ("csv", "tsv"):
                yield from read_csv(
                    stream,
                    name=name,
                    source=source,
                    stem=path.stem,
                    options=options,
                    ids=ids,
                    delimiter="\t" if kind == "tsv" else ",",
                )
                return
            data = _read_bounded(stream, limit)
    except OSError as exc:
        yield Skipped(name, _reason(exc))
        return
    if limit is not None and len(data) > limit:
        yield Skipped(name, too_big("file", None, limit))
        return
    yield from _read_text(data, kind, name=name, source=source, stem=path.stem, ids=ids)


def _read_stdin(options: IngestOptions, ids: Ids) -> Iterator[Item]:
    """Standard input as one text or HTML document with id ``stdin``, or as JSONL or CSV."""
    text_stream = options.input_stream()
    stream = getattr(text_stream, "buffer", text_stream)
    kind, limit = options.stdin_format, options.max_bytes
    where = {"name": STDIN, "source": STDIN, "stem": STDIN, "options": options, "ids": ids}
    if kind == "jsonl":
        yield from read_jsonl(stream, **where)
        return
    if kind == "csv":
        yield from read_csv(stream, **where)
        return
    data = _read_bounded(stream, limit)
    if limit is not None and len(data) > limit:
        yield Skipped(STDIN, too_big("standard input", None, limit))
        return
    yield from _read_text(data, kind, name=STDIN, source=STDIN, stem=STDIN, ids=ids)


def _read_text(
    data: bytes | str, kind: str, *, name: str, source: str, stem: str, ids: Ids
) -> Iterator[Item]:
    """One document from the whole content of a text or HTML input."""
    if isinstance(data, str):
        text, note = data, None
    else:
        try:
            decoded = _decode_html(data) if kind == "html" else decode_bytes(data)
        except BinaryData as exc:
            yield Skipped(name, str(exc))
            return
        text, note = decoded.text, decoded.note
    if not text.strip():
        yield Skipped(name, "empty file")
        return
    if note:
        yield Notice(name, note)
    title, fields = None, {}
    if kind == "html":
        page = read_html(text)
        if not page.text:
            yield Skipped(name, "no visible text in the page")
            return
        text, title, fields = page.text, page.title, page.metadata
    yield from make_document(
        text, doc_id=ids.claim(stem), source=source, where=name, title=title, fields=fields
    )


def _decode_html(data: bytes) -> Decoded:
    """A page not in UTF-8 in the encoding its <meta charset> declares, when it decodes in it;
    else as any other text. A byte order mark wins over the declaration."""
    decoded = decode_bytes(data)
    charset = declared_charset(data)
    if decoded.note is None or charset is None or decoded.note.endswith("(byte order mark)"):
        return decoded
    try:
        text = data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return decoded
    return Decoded(text, charset, f"decoded as {charset.upper()} (declared in the page)")


def _read_bounded(stream: IO, limit: int | None) -> bytes | str:
    """All of a stream, or just over ``limit`` of it (``read(n)`` would set n bytes aside)."""
    chunks, size = [], 0
    while limit is None or size <= limit:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return chunks[0][:0].join(chunks) if chunks else b""


def _reason(exc: OSError) -> str:
    return (exc.strerror or "cannot be read").lower()
