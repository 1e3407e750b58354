"""Inputs at the edges: huge files and lines, endless sentences, text with nothing to extract,
files and folders that cannot be read. Each gets one line; the rest is still read."""

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from kg.ingest import IngestOptions, iter_documents
from kg.ingest.options import size_text
from kg.model import Document, Notice, Skipped

MB = 1_000_000


def kinds(items):
    docs = [i for i in items if isinstance(i, Document)]
    skipped = [(i.source, i.reason) for i in items if isinstance(i, Skipped)]
    notes = [(i.source, i.message) for i in items if isinstance(i, Notice)]
    return docs, skipped, notes


def write_big(path: Path, size: int, line: bytes = b"The quay reopened after the storm.\n"):
    chunk = line * (MB // len(line))
    with path.open("wb") as f:
        while f.tell() + len(chunk) <= size:
            f.write(chunk)
        f.write(b"x" * (size - f.tell()))


def test_a_50_mb_file_is_refused_by_size_without_being_read(tmp_path):
    big = tmp_path / "big.txt"
    write_big(big, 52_400_000)
    (tmp_path / "small.txt").write_text("Small text.")
    tracemalloc.start()
    try:
        docs, skipped, _ = kinds(list(iter_documents([tmp_path])))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert skipped == [(str(big), "file is 52.4 MB, over the 20 MB limit (--max-bytes)")]
    assert [d.id for d in docs] == ["small"]
    assert peak < 2 * MB  # never read: refused by its size on disk


def test_a_file_over_a_smaller_limit_and_one_under_a_larger_one(tmp_path):
    path = tmp_path / "mid.txt"
    write_big(path, 3 * MB)
    _, skipped, _ = kinds(list(iter_documents([path], options=IngestOptions(max_bytes=MB))))
    assert skipped == [(str(path), "file is 3 MB, over the 1 MB limit (--max-bytes)")]
    (item,) = iter_documents([path], options=IngestOptions(max_bytes=None))
    assert isinstance(item, Skipped)  # read, then refused: longer than the parser takes
    assert item.reason.startswith("text is 3,000,000 characters; the parser takes at most")


@pytest.mark.parametrize(
    ("size", "text"),
    [(512, "512 bytes"), (3_500, "3.5 kB"), (52_428_800, "52.4 MB"), (20 * MB, "20 MB")],
)
def test_sizes_read_as_people_write_them(size, text):
    assert size_text(size) == text


def test_a_jsonl_line_over_the_limit_is_skipped_in_bounded_memory(tmp_path):
    path = tmp_path / "feed.jsonl"
    with path.open("w") as f:
        f.write(json.dumps({"text": "Before."}) + "\n")
        f.write(json.dumps({"text": "word " * 1_000_000}) + "\n")  # 5 MB on one line
        f.write(json.dumps({"text": "After."}) + "\n")
    tracemalloc.start()
    try:
        docs, skipped, _ = kinds(list(iter_documents([path], options=IngestOptions(max_bytes=MB))))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.text for d in docs] == ["Before.", "After."]
    assert skipped == [(f"{path}:2", "line is 5 MB, over the 1 MB limit (--max-bytes)")]
    assert peak < 3 * MB


def test_a_csv_row_over_the_limit_is_skipped(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('text\n"' + "a\n" * 600 + '"\nShort.\n')
    options = IngestOptions(max_bytes=1000)
    docs, skipped, _ = kinds(list(iter_documents([path], options=options)))
    assert [d.text for d in docs] == ["Short."]
    assert skipped == [(f"{path}:2", "row is 1.2 kB, over the 1 kB limit (--max-bytes)")]


def test_a_100000_character_sentence_is_read_and_said(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Short first sentence. " + "word " * 20_000)
    docs, skipped, notes = kinds(list(iter_documents([path])))
    assert len(docs) == 1 and len(docs[0].text) == 100_022 and not skipped
    assert notes == [
        (
            str(path),
            "a sentence of 100,001 characters (no full stop or line break) at offset 21: "
            "relations are not searched in sentences this long",
        )
    ]


def test_a_text_of_the_largest_size_on_one_line_is_read(tmp_path):
    """Neither the search for long sentences nor the header (first lines only) is quadratic:
    a text of nearly a million characters on one line reads at once."""
    path = tmp_path / "many.txt"
    path.write_text("A sentence of ordinary length, as most are. " * 22_000)
    docs, _, notes = kinds(list(iter_documents([path])))
    assert len(docs) == 1 and not notes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("。！？……", "only punctuation, digits or symbols: nothing to extract"),
        ("!!! ... ??? 2021 --- %", "only punctuation, digits or symbols: nothing to extract"),
        (
            "工业部门表示将加快建设。",
            "only Chinese characters, no Latin letters: the English model finds nothing",
        ),
        ("Порт снова открыт.", "no Latin letters: the English model finds nothing"),
    ],
)
def test_text_with_nothing_to_extract_is_read_and_said(tmp_path, text, message):
    path = tmp_path / "odd.txt"
    path.write_text(text)
    note, doc = iter_documents([path])
    assert note == Notice(str(path), message)
    assert isinstance(doc, Document) and doc.text == text


def test_english_with_some_chinese_is_not_noted(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("The ministry (工业部) said so.")
    assert [type(i) for i in iter_documents([path])] == [Document]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_in_a_folder_by_its_mode(tmp_path):
    (tmp_path / "a.txt").write_text("Readable.")
    locked = tmp_path / "b.txt"
    locked.write_text("Locked.")
    locked.chmod(0)
    try:
        docs, skipped, _ = kinds(list(iter_documents([tmp_path])))
    finally:
        locked.chmod(0o644)
    assert [d.id for d in docs] == ["a"]
    assert skipped == [(str(locked), "permission denied")]


def test_an_unreadable_file_and_folder_in_a_folder(tmp_path, monkeypatch):
    """As a user other than root sees them (simulated, since the tests may run as root)."""
    (tmp_path / "a.txt").write_text("Readable.")
    (tmp_path / "b.txt").write_text("Locked.")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "c.txt").write_text("Behind a locked door.")
    (tmp_path / "z.txt").write_text("Also readable.")
    real_open, real_scandir = Path.open, os.scandir

    def open_(self, *args, **kwargs):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", open_)
    monkeypatch.setattr(os, "scandir", scandir)
    docs, skipped, _ = kinds(list(iter_documents([tmp_path])))
    assert [d.id for d in docs] == ["a", "z"]
    assert skipped == [
        (str(tmp_path / "b.txt"), "permission denied"),
        (str(tmp_path / "locked"), "permission denied"),
    ]


def test_a_text_longer_than_the_parser_takes_is_skipped_with_the_reason(tmp_path):
    from kg.ingest.options import MAX_TEXT_CHARS

    big = tmp_path / "big.txt"
    big.write_text("The port opened. " * (MAX_TEXT_CHARS // 17 + 10))
    small = tmp_path / "small.txt"
    small.write_text("The Ministry of Commerce promotes 5G.")
    items = list(iter_documents([tmp_path]))
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [s.source for s in skipped] == [str(big)]
    assert "the parser takes at most 1,000,000" in skipped[0].reason
    assert [i.id for i in items if isinstance(i, Document)] == ["small"]
