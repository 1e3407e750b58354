"""Files and folders to Document records; what cannot be read becomes a Skipped record.

Reading never stops at a bad input: each one is reported with its reason and the rest are
still read.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.header import is_field_line, read_header
from kg.model import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md", ".text"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Documents from files and folders (folders recursively, text files only), in path order."""
    seen_ids: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Skipped(str(path), "no such file or directory")
        elif path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
            if not files:
                yield Skipped(
                    str(path), f"folder has no text files ({', '.join(sorted(TEXT_SUFFIXES))})"
                )
            for file in files:
                yield read_document(file, seen_ids, root=path.parent)
        else:
            yield read_document(path, seen_ids, root=path.parent)


def read_document(
    path: Path, seen_ids: set[str] | None = None, root: Path | None = None
) -> Document | Skipped:
    """One text file as a Document, or the reason it cannot be one.

    The document's source is its path relative to ``root`` (the folder the input was named
    in), so the same input gives the same graph wherever the files live.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(str(path), exc.strerror or "cannot be read")
    text = decode(data)
    if isinstance(text, Skipped):
        return Skipped(str(path), text.reason)
    if not text.strip():
        return Skipped(str(path), "empty file")
    doc_id = path.stem
    if seen_ids is not None:
        n = 2
        while doc_id in seen_ids:
            doc_id = f"{path.stem}-{n}"
            n += 1
        seen_ids.add(doc_id)
    source = path.relative_to(root).as_posix() if root is not None else path.as_posix()
    header = read_header(text)
    return Document(
        id=doc_id,
        text=text,
        source=source,
        title=guess_title(text) or header.title,
        metadata=header.metadata(),
    )


def decode(data: bytes) -> str | Skipped:
    """Text from bytes: UTF-8 (or UTF-16 with a BOM); binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if b"\x00" in data[:8192]:
        return Skipped("", "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skipped("", f"not UTF-8 text (invalid byte at offset {exc.start})")


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline: short, without a closing full stop, and
    no header field such as a byline, dateline or URL."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if 0 < len(first) <= 200 and not first.endswith((".", "!", "?", ":", ";")):
        return None if is_field_line(first) else first
    return None
