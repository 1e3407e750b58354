"""JSONL and CSV: one document per line or row, streamed, each bad record skipped on its own.

The encoding is told from the first 64 KB; a line that does not decode in it is decoded on its
own (and said so). Memory stays bounded: a line longer than the size limit is skipped without
being held.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import IO

from kg.ingest.document import Ids, make_document
from kg.ingest.encoding import BinaryData, decode_bytes
from kg.ingest.options import METADATA_KEYS, IngestOptions, too_big
from kg.model import Document, Notice, Skipped

CHUNK = 1 << 16
_CSV_FIELD_LIMIT = 2**31 - 1
Item = Document | Skipped | Notice


def read_jsonl(
    stream: IO, *, name: str, source: str, stem: str, options: IngestOptions, ids: Ids
) -> Iterator[Item]:
    """Documents of a JSON Lines stream: each line an object with the text field.

    ``name`` names the input in messages (``name:LINE``), ``source`` in the documents.
    """
    seen = False
    for item in decoded_lines(stream, name, options.max_bytes):
        if not isinstance(item, tuple):
            seen = seen or isinstance(item, Skipped)
            yield item
            continue
        lineno, line = item
        if not line.strip():
            continue
        seen = True
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, f"not a JSON object but {_json_kind(record)}")
            continue
        yield from record_document(
            record, where, f"{source}:{lineno}", f"{stem}-{lineno}", options, ids
        )
    if not seen:
        yield Skipped(name, "empty file")


def read_csv(
    stream: IO,
    *,
    name: str,
    source: str,
    stem: str,
    options: IngestOptions,
    ids: Ids,
    delimiter: str = ",",
) -> Iterator[Item]:
    """Documents of a CSV stream with a header row: one per row, with the text column."""
    pending: list[Skipped | Notice] = []
    fed: list[int] = []
    skipped = False

    def lines() -> Iterator[str]:
        nonlocal skipped
        for item in decoded_lines(stream, name, options.max_bytes):
            if isinstance(item, tuple):
                fed.append(item[0])
                yield item[1]
            else:
                skipped = skipped or isinstance(item, Skipped)
                pending.append(item)

    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)  # the size limit is ours to apply, per row
    reader = csv.reader(lines(), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    while True:
        fed.clear()
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield from _flush(pending)
            yield Skipped(f"{name}:{fed[0] if fed else '?'}", f"malformed CSV row: {exc}")
            continue
        yield from _flush(pending)
        if not any(cell.strip() for cell in row):
            continue
        where = f"{name}:{fed[0]}"
        if header is None:
            header = [cell.strip() for cell in row]
            if options.text_field not in header:
                yield Skipped(
                    name,
                    f"no {options.text_field!r} column (columns: {', '.join(header)}); "
                    "name the text column with --text-field",
                )
                return
            continue
        if len(row) != len(header):
            yield Skipped(where, f"row has {len(row)} fields, the header has {len(header)}")
            continue
        size = sum(len(cell) for cell in row)
        if options.max_bytes is not None and size > options.max_bytes:
            yield Skipped(where, too_big("row", size, options.max_bytes))
            continue
        record = dict(zip(header, row, strict=True))
        yield from record_document(
            record, where, f"{source}:{fed[0]}", f"{stem}-{fed[0]}", options, ids
        )
    yield from _flush(pending)
    if header is None and not skipped:
        yield Skipped(name, "empty file")


def record_document(
    record: dict, where: str, source: str, fallback_id: str, options: IngestOptions, ids: Ids
) -> Iterator[Item]:
    """The Document of one JSONL object or CSV row, or why it cannot be one."""
    field = options.text_field
    text = record.get(field)
    if text is None:
        yield Skipped(where, f"no {field!r} field")
        return
    if not isinstance(text, str):
        yield Skipped(where, f"{field!r} is {_json_kind(text)}, not a string")
        return
    if not text.strip():
        yield Skipped(where, f"empty {field!r}")
        return
    raw_id = _scalar(record.get(options.id_field))
    fields: dict[str, str] = {}
    for key in METADATA_KEYS:
        name = options.field_name(key)
        value = record.get(name)
        if value is None or value == "":
            continue
        text_value = _scalar(value)
        if text_value is None and isinstance(value, list) and all(map(_scalar, value)):
            text_value = ", ".join(map(_scalar, value))
        if text_value is None:
            yield Notice(where, f"{name!r} is {_json_kind(value)}, not text; left out")
        else:
            fields[key] = text_value
    title = fields.pop("title", None)
    yield from make_document(
        text,
        doc_id=ids.claim(raw_id or fallback_id),
        source=source,
        where=where,
        title=title,
        fields=fields,
    )


def decoded_lines(
    stream: IO, name: str, limit: int | None
) -> Iterator[tuple[int, str] | Notice | Skipped]:
    """(line number, line) of a binary or text stream, with a Notice for each line (or the
    whole stream) not in UTF-8 and a Skipped for each line over ``limit``."""
    first = stream.read(CHUNK)
    chunks = itertools.chain([first], iter(lambda: stream.read(CHUNK), first[:0]))
    if isinstance(first, str):
        yield from _checked(_split_lines(chunks, limit), name, limit)
        return
    try:
        sniffed = decode_bytes(first, partial=len(first) == CHUNK)
    except BinaryData as exc:
        yield Skipped(name, str(exc))
        return
    codec = sniffed.encoding
    if codec != "utf-8" and sniffed.note:
        yield Notice(name, sniffed.note)
    if codec.startswith(("utf-16", "utf-32")):
        decoder = codecs.getincrementaldecoder(codec)("replace")
        texts = itertools.chain((decoder.decode(c) for c in chunks), [decoder.decode(b"", True)])
        for item in _checked(_split_lines(texts, limit), name, limit):
            yield (item[0], item[1].removeprefix("\ufeff")) if isinstance(item, tuple) else item
        return
    for item in _checked(_split_lines(chunks, limit), name, limit):
        if not isinstance(item, tuple):
            yield item
            continue
        lineno, raw = item
        try:
            yield lineno, raw.decode(codec)
        except UnicodeDecodeError:
            try:
                decoded = decode_bytes(raw)
            except BinaryData as exc:
                yield Skipped(f"{name}:{lineno}", str(exc).replace("file", "data"))
                continue
            if decoded.note:
                yield Notice(f"{name}:{lineno}", decoded.note)
            yield lineno, decoded.text


def _checked(lines: Iterable, name: str, limit: int | None) -> Iterator:
    for lineno, line in lines:
        if isinstance(line, int):
            yield Skipped(f"{name}:{lineno}", too_big("line", line, limit or 0))
        else:
            yield lineno, line


def _split_lines(chunks: Iterable, limit: int | None) -> Iterator[tuple[int, bytes | str | int]]:
    """(line number, line with its end) from chunks of bytes or text; a line longer than
    ``limit`` comes as its length, and is never held whole."""
    pieces: list = []
    size = lineno = 0
    empty = b""
    for chunk in chunks:
        empty, start = chunk[:0], 0
        newline = b"\n" if isinstance(chunk, bytes) else "\n"
        while start < len(chunk):
            end = chunk.find(newline, start)
            piece = chunk[start:] if end < 0 else chunk[start : end + 1]
            size += len(piece)
            over = limit is not None and size > limit
            if over:
                pieces.clear()
            else:
                pieces.append(piece)
            if end < 0:
                break
            lineno += 1
            yield lineno, size if over else empty.join(pieces)
            pieces, size, start = [], 0, end + 1
    if size:
        yield lineno + 1, size if limit is not None and size > limit else empty.join(pieces)


def _flush(pending: list) -> Iterator:
    yield from pending
    pending.clear()


def _scalar(value: object) -> str | None:
    """A JSON string or number as text; None for anything else (or an empty string)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    kinds |= {int: "a number", float: "a number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)
