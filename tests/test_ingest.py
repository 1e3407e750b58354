import codecs

from kg.dates import XSD
from kg.ingest import decode, guess_title, iter_documents
from kg.model import Document, Skipped


def test_folders_files_and_bad_inputs(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Headline\n\nBody text.")
    (tmp_path / "news" / "sub").mkdir()
    (tmp_path / "news" / "sub" / "b.md").write_text("Second.")
    (tmp_path / "news" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "bin.txt").write_bytes(b"abc\x00\x01\x02")
    items = list(
        iter_documents(
            [tmp_path / "news", tmp_path / "empty.txt", tmp_path / "bin.txt", tmp_path / "nope.txt"]
        )
    )
    docs = [i for i in items if isinstance(i, Document)]
    skipped = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].source == "news/a.txt"
    assert docs[0].title == "Headline"
    assert skipped == {
        "empty.txt": "empty file",
        "bin.txt": "binary file (contains NUL bytes)",
        "nope.txt": "no such file or directory",
    }


def test_duplicate_stems_get_distinct_ids(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.txt").write_text("Text.")
    assert [d.id for d in iter_documents([tmp_path])] == ["same", "same-2"]


def test_decoding():
    assert decode("Ministry — 部".encode()) == "Ministry — 部"
    assert decode(codecs.BOM_UTF8 + b"hi") == "hi"
    assert decode("hi".encode("utf-16")) == "hi"
    assert isinstance(decode(b"\xff\xfe\x00\x00garbage\x00"), str)  # UTF-16 BOM wins
    assert decode(b"caf\xe9 ok") == "café ok"  # Latin-1, no longer refused
    binary = decode(b"abc\x00\x01\x02")
    assert isinstance(binary, Skipped) and binary.reason == "binary file (contains NUL bytes)"


def test_title_is_a_short_first_line_without_full_stop():
    assert guess_title("\n\nMIIT: 5G grows\nBody.") == "MIIT: 5G grows"
    assert guess_title("A full sentence.\nMore.") is None
    assert guess_title("By Ana Ruiz\nQuay reopens") is None


def test_a_header_gives_title_and_metadata(tmp_path):
    (tmp_path / "quay.txt").write_text(
        "https://news.example.org/quay\n"
        "Will the quay reopen?\n"
        "By Ana Ruiz | Harbour Times | Updated: 2021-03-04 09:15\n\n"
        "The harbour authority said on 5 March 2021 that the quay would reopen.\n"
    )
    (doc,) = iter_documents([tmp_path / "quay.txt"])
    assert isinstance(doc, Document)
    assert doc.title == "Will the quay reopen?"
    assert doc.metadata == (
        ("byline", "Ana Ruiz"),
        ("date", "2021-03-04"),
        ("date_datatype", XSD + "date"),
        ("publisher", "Harbour Times"),
        ("url", "https://news.example.org/quay"),
    )


def test_a_found_title_is_kept_and_no_header_gives_no_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Quay reopens: a timeline\n\nThe quay reopened in May 2020.")
    (doc,) = iter_documents([tmp_path / "a.txt"])
    assert (doc.title, doc.metadata) == ("Quay reopens: a timeline", ())
