"""Text in any encoding a news file comes in is read, and the encoding used is said in one line."""

import codecs

import pytest

from kg.ingest import iter_documents
from kg.ingest.encoding import BinaryData, decode_bytes
from kg.model import Document, Notice, Skipped

CHINESE = "工业部门表示，将加快建设新一代通信网络。数据中心发展迅速！"
FRENCH = "Le ministère a annoncé à Lyon que l'économie croît. Les élèves étudient à l'école."


@pytest.mark.parametrize(
    ("data", "text", "encoding", "note"),
    [
        (CHINESE.encode("gbk"), CHINESE, "gb18030", "decoded as GB18030 (not UTF-8)"),
        ((CHINESE + "𠀀").encode("gb18030"), CHINESE + "𠀀", "gb18030", "GB18030"),
        (FRENCH.encode("latin-1"), FRENCH, "latin-1", "decoded as Latin-1 (not UTF-8)"),
        ("“Yes” — café".encode("cp1252"), "“Yes” — café", "cp1252", "Windows-1252"),
        (
            ("Hi " + CHINESE).encode("utf-16"),
            "Hi " + CHINESE,
            "utf-16-le",
            "UTF-16 (byte order mark)",
        ),
        ("Hi there".encode("utf-16-be"), "Hi there", "utf-16-be", "UTF-16BE (no byte order mark"),
        ("Hi there".encode("utf-16-le"), "Hi there", "utf-16-le", "UTF-16LE (no byte order mark"),
        ("Hi".encode("utf-32"), "Hi", "utf-32-le", "decoded as UTF-32 (byte order mark)"),
        (codecs.BOM_UTF8 + "Hi é".encode(), "Hi é", "utf-8-sig", None),
        ("Plain — UTF-8 部".encode(), "Plain — UTF-8 部", "utf-8", None),
    ],
)
def test_each_encoding_is_told_and_named(data, text, encoding, note):
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding) == (text, encoding)
    assert decoded.note == note if note is None else note in decoded.note


def test_latin_text_that_also_decodes_as_gb18030_is_not_taken_for_chinese():
    data = "Grüße aus Köln, sagt Müller".encode("latin-1")
    data.decode("gb18030")  # decodes, but into rare characters
    assert decode_bytes(data).encoding == "latin-1"


def test_utf8_with_a_stray_byte_stays_utf8_and_says_where():
    data = "Ministry — “open” über. ".encode() * 4 + b"caf\xe9."
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and decoded.text.endswith("caf\ufffd.")
    assert decoded.note == (
        f"not valid UTF-8: 1 invalid byte sequence(s) replaced, the first at offset {len(data) - 2}"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "contains NUL bytes"),
        (b"abc\x00\x01\x02", "contains NUL bytes"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_data_is_refused(data, reason):
    with pytest.raises(BinaryData, match=reason):
        decode_bytes(data)


def test_a_cut_character_at_the_end_of_a_partial_read_is_no_error():
    data = "abc 部".encode()[:-1]
    assert decode_bytes(data, partial=True) == decode_bytes(b"abc ", partial=True)


def test_files_in_other_encodings_are_built_with_a_note_naming_the_file(tmp_path):
    (tmp_path / "zh.txt").write_bytes(("Ports\n\n" + CHINESE).encode("gb18030"))
    (tmp_path / "fr.txt").write_bytes(FRENCH.encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes(("Ports reopen.\n" + FRENCH).encode("utf-16"))
    (tmp_path / "plain.txt").write_text("Ports reopen.")
    items = list(iter_documents([tmp_path]))
    notes = {i.source.rsplit("/", 1)[-1]: i.message for i in items if isinstance(i, Notice)}
    assert notes == {
        "zh.txt": "decoded as GB18030 (not UTF-8)",
        "fr.txt": "decoded as Latin-1 (not UTF-8)",
        "wide.txt": "decoded as UTF-16 (byte order mark)",
    }
    docs = {d.id: d.text for d in items if isinstance(d, Document)}
    assert docs == {
        "fr": FRENCH,
        "plain": "Ports reopen.",
        "wide": "Ports reopen.\n" + FRENCH,
        "zh": "Ports\n\n" + CHINESE,
    }
    assert not [i for i in items if isinstance(i, Skipped)]


def test_each_note_comes_before_the_document_it_is_about(tmp_path):
    (tmp_path / "fr.txt").write_bytes(FRENCH.encode("latin-1"))
    note, doc = iter_documents([tmp_path / "fr.txt"])
    assert note == Notice(str(tmp_path / "fr.txt"), "decoded as Latin-1 (not UTF-8)")
    assert isinstance(doc, Document) and doc.id == "fr"
