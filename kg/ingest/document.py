"""Text to a Document: a unique id, title and metadata, and notes on text kg will find nothing in."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from kg.dates import parse_date_time
from kg.header import is_field_line, read_header
from kg.ingest.options import MAX_TEXT_CHARS
from kg.model import Document, Notice, Skipped, without_surrogates

# A run this long without a sentence end is no sentence a parser handles well, and relations
# are not searched in it (kg.nlp.relations.MAX_SENTENCE_TOKENS is about this many characters).
LONG_SENTENCE = 2_500
# A line this long is body text, not a header line (and reading it as one takes long).
_HEADER_LINE_MAX = 5_000
_HEAD_CHARS = 50_000
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ENDS = r".!?;\n\u3002\uff01\uff1f\uff1b"
# Runs start only after a sentence end, so the search reads each character once.
_LONG_RUN = re.compile(rf"(?<![^{_ENDS}])[^{_ENDS}]{{{LONG_SENTENCE},}}")
_BY = re.compile(r"^by\s+", re.I)


class Ids:
    """Document ids unique within a run: a repeated id gets ``-2``, ``-3``, ..."""

    def __init__(self, seen: set[str] | None = None) -> None:
        self.seen = seen if seen is not None else set()

    def claim(self, base: str) -> str:
        doc_id, n = base, 2
        while doc_id in self.seen:
            doc_id = f"{base}-{n}"
            n += 1
        self.seen.add(doc_id)
        return doc_id


def make_document(
    text: str,
    *,
    doc_id: str,
    source: str,
    where: str,
    title: str | None = None,
    fields: Mapping[str, str] | None = None,
) -> Iterator[Document | Notice | Skipped]:
    """The Document of a text, after a Notice for each thing worth saying about the text.

    ``fields`` (``date``, ``url``, ``byline``, ``publisher``, from a record or a page's meta
    tags) win over what the text's header says; ``where`` names the input in notices. A text
    longer than the parser takes is refused with the reason.
    """
    if len(text) > MAX_TEXT_CHARS:
        yield Skipped(
            where,
            f"text is {len(text):,} characters; the parser takes at most {MAX_TEXT_CHARS:,} "
            "per document (split it into smaller documents)",
        )
        return
    fields = {k: without_surrogates(v) for k, v in (fields or {}).items()}
    title = without_surrogates(title) if title else title
    cleaned = without_surrogates(text)
    if cleaned != text:
        yield Notice(where, "lone surrogate escapes replaced by U+FFFD (not Unicode text)")
        text = cleaned
    head = header_part(text)
    header = read_header(head)
    metadata = dict(header.metadata())
    for key, value in (fields or {}).items():
        if key == "date":
            date = parse_date_time(value)
            if date is None:
                yield Notice(where, f"date {value!r} not understood; left out")
                continue
            metadata |= {"date": date.value, "date_datatype": date.datatype}
        elif key == "byline":
            metadata["byline"] = _BY.sub("", value)
        else:
            metadata[key] = value
    for note in content_notes(text):
        yield Notice(where, note)
    yield Document(
        id=doc_id,
        text=text,
        source=source,
        title=title or guess_title(head) or header.title,
        metadata=tuple(sorted(metadata.items())),
    )


def header_part(text: str) -> str:
    """The start of a text where a header can be: up to its first very long line.

    >>> header_part("Title\\n" + "x" * 6000 + "\\nmore")
    'Title'
    """
    lines = []
    for line in text[:_HEAD_CHARS].splitlines():
        if len(line) > _HEADER_LINE_MAX:
            break
        lines.append(line)
    return "\n".join(lines)


def content_notes(text: str) -> list[str]:
    """What makes a readable text useless or slow to the English extractor, one line each.

    >>> content_notes("。！？……")
    ['only punctuation, digits or symbols: nothing to extract']
    """
    notes = []
    if not _LATIN.search(text):
        if _CJK.search(text):
            notes.append(
                "only Chinese characters, no Latin letters: the English model finds nothing"
            )
        elif any(c.isalpha() for c in text):
            notes.append("no Latin letters: the English model finds nothing")
        else:
            notes.append("only punctuation, digits or symbols: nothing to extract")
    run = _LONG_RUN.search(text)
    if run:
        notes.append(
            f"a sentence of {len(run[0]):,} characters (no full stop or line break) at offset "
            f"{run.start():,}: relations are not searched in sentences this long"
        )
    return notes


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline: short, without a closing full stop, and
    no header field such as a byline, dateline or URL."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if 0 < len(first) <= 200 and not first.endswith((".", "!", "?", ":", ";")):
        return None if is_field_line(first) else first
    return None
