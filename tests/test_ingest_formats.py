"""HTML, JSONL, CSV, standard input and --glob: each read into Document records."""

import io
import json

import pytest

from kg.dates import XSD
from kg.errors import UsageError
from kg.ingest import IngestOptions, iter_documents, read_document
from kg.ingest.html import read_html
from kg.model import Document, Notice, Skipped

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Harbour  &amp; quay reopen</title>
<meta name="author" content="By Ana Ruiz">
<meta property="article:published_time" content="2021-03-04T09:15:00+01:00">
<meta property="og:url" content="https://news.example.org/quay">
<meta property="og:site_name" content="Harbour Times">
<style>p { color: red }</style>
<script>var hidden = "do not show";</script>
</head>
<body>
<noscript>Enable scripts</noscript>
<template><p>Template text</p></template>
<div hidden>Hidden text</div>
<h1>Quay reopens</h1>
<p>The harbour authority said the quay <b>would</b> reopen.<br>Boats wait.</p>
<ul><li>First item</li><li>Second&nbsp;item</li></ul>
<table><tr><td>Cell one</td><td>Cell two</td></tr></table>
<script type="application/ld+json">{"headline": "not shown"}</script>
</body></html>
"""


def items_of(paths, **options):
    return list(iter_documents(paths, options=IngestOptions(**options)))


def by_kind(items):
    docs = [i for i in items if isinstance(i, Document)]
    skipped = [(i.source, i.reason) for i in items if isinstance(i, Skipped)]
    notes = [(i.source, i.message) for i in items if isinstance(i, Notice)]
    return docs, skipped, notes


# HTML


def test_html_keeps_visible_text_one_line_per_block_and_the_head_as_metadata(tmp_path):
    (tmp_path / "quay.html").write_text(PAGE)
    (doc,) = iter_documents([tmp_path / "quay.html"])
    assert doc.text == (
        "Quay reopens\n"
        "The harbour authority said the quay would reopen.\n"
        "Boats wait.\n"
        "First item\n"
        "Second item\n"
        "Cell one\n"
        "Cell two"
    )
    assert (doc.id, doc.source, doc.title) == ("quay", "quay.html", "Harbour & quay reopen")
    assert doc.metadata == (
        ("byline", "Ana Ruiz"),
        ("date", "2021-03-04"),
        ("date_datatype", XSD + "date"),
        ("publisher", "Harbour Times"),
        ("url", "https://news.example.org/quay"),
    )


def test_html_without_a_head_or_closing_tags():
    page = read_html("<p>One <i>two</i><p>Three<div style='display: none'>gone</div>")
    assert (page.text, page.title, page.metadata) == ("One two\nThree", None, {})


def test_an_unclosed_head_ends_at_the_body():
    page = read_html("<html><head><title>T</title><body><p>Body text.</p>")
    assert (page.title, page.text) == ("T", "Body text.")


def test_html_in_a_declared_encoding_and_a_page_with_no_visible_text(tmp_path):
    (tmp_path / "zh.htm").write_bytes(
        '<meta charset="gbk"><p>Ports 港口</p>'.encode("gbk"),
    )
    (tmp_path / "blank.html").write_text("<html><script>x()</script></html>")
    docs, skipped, notes = by_kind(items_of([tmp_path]))
    assert [d.text for d in docs] == ["Ports 港口"]
    assert notes == [(str(tmp_path / "zh.htm"), "decoded as GBK (declared in the page)")]
    assert skipped == [(str(tmp_path / "blank.html"), "no visible text in the page")]


def test_read_document_reads_one_html_file(tmp_path):
    (tmp_path / "quay.html").write_text(PAGE)
    doc = read_document(tmp_path / "quay.html")
    assert isinstance(doc, Document) and doc.title == "Harbour & quay reopen"


# JSONL


def test_jsonl_builds_the_good_lines_and_names_each_bad_one(tmp_path):
    lines = [
        {"id": "q1", "text": "The quay reopened.", "title": "Quay", "date": "2021-03-04"},
        {"text": "No id here.", "author": ["Ana Ruiz", "Li Wei"], "url": "https://x.example/2"},
        "{not json",
        {"id": "q4", "body": "wrong field"},
        [1, 2],
        {"id": "q6", "text": "   "},
        {"id": "q7", "text": 42},
        "",
        {"id": "q1", "text": "Same id again.", "date": "soon"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    docs, skipped, notes = by_kind(items_of([path], metadata_fields={"byline": "author"}))
    name = str(path)
    assert [(d.id, d.source, d.text) for d in docs] == [
        ("q1", "feed.jsonl:1", "The quay reopened."),
        ("feed-2", "feed.jsonl:2", "No id here."),
        ("q1-2", "feed.jsonl:9", "Same id again."),
    ]
    assert docs[0].title == "Quay"
    assert dict(docs[0].metadata)["date"] == "2021-03-04"
    assert dict(docs[1].metadata) == {"byline": "Ana Ruiz, Li Wei", "url": "https://x.example/2"}
    assert skipped == [
        (
            f"{name}:3",
            "not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        ),
        (f"{name}:4", "no 'text' field"),
        (f"{name}:5", "not a JSON object but a list"),
        (f"{name}:6", "empty 'text'"),
        (f"{name}:7", "'text' is a number, not a string"),
    ]
    assert notes == [(f"{name}:9", "date 'soon' not understood; left out")]


def test_jsonl_with_other_id_and_text_fields(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"uid": 7, "body": "Seven."}\n{"uid": 8, "text": "Eight."}\n')
    docs, skipped, _ = by_kind(items_of([path], id_field="uid", text_field="body"))
    assert [d.id for d in docs] == ["7"]
    assert skipped == [(f"{path}:2", "no 'body' field")]


def test_jsonl_in_another_encoding_is_said_once_for_the_file(tmp_path):
    path = tmp_path / "zh.jsonl"
    lines = [{"text": "Port 港口重开。"}, {"text": "Port 数据中心。"}]
    path.write_bytes(
        b"".join(json.dumps(x, ensure_ascii=False).encode("gbk") + b"\n" for x in lines)
    )
    docs, skipped, notes = by_kind(items_of([path]))
    assert [d.text for d in docs] == ["Port 港口重开。", "Port 数据中心。"]
    assert notes == [(str(path), "decoded as GB18030 (not UTF-8)")] and not skipped


def test_a_jsonl_line_in_another_encoding_deep_in_a_utf8_file_is_said_for_that_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    head = b'{"text": "Plain line."}\n' * 4000  # past the part the encoding is told from
    path.write_bytes(head + b'{"text": "caf\xe9 cr\xe8me"}\n')
    docs, skipped, notes = by_kind(items_of([path]))
    assert len(docs) == 4001 and docs[-1].text == "café crème"
    assert notes == [(f"{path}:4001", "decoded as Latin-1 (not UTF-8)")] and not skipped


def test_utf16_jsonl(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "One."}\r\n{"text": "Two."}\r\n'.encode("utf-16"))
    docs, skipped, notes = by_kind(items_of([path]))
    assert [d.text for d in docs] == ["One.", "Two."] and not skipped
    assert notes == [(str(path), "decoded as UTF-16 (byte order mark)")]


def test_empty_and_binary_jsonl_files(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n\n")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02\x03" * 10)
    _, skipped, _ = by_kind(items_of([tmp_path / "empty.jsonl", tmp_path / "bin.jsonl"]))
    assert skipped == [
        (str(tmp_path / "empty.jsonl"), "empty file"),
        (str(tmp_path / "bin.jsonl"), "binary file (contains NUL bytes)"),
    ]


# CSV


def test_csv_builds_the_good_rows_and_names_each_bad_one(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        "id,text,title,date,byline\n"
        'a1,"The quay reopened,\nsaid the authority.",Quay,2021-03-04,Ana Ruiz\n'
        "a2,,Empty,,\n"
        "a3,Too,many,fields,here,now\n"
        "\n"
        ",No id.,,,\n"
    )
    docs, skipped, _ = by_kind(items_of([path]))
    assert [(d.id, d.source, d.title) for d in docs] == [
        ("a1", "rows.csv:2", "Quay"),
        ("rows-7", "rows.csv:7", None),
    ]
    assert docs[0].text == "The quay reopened,\nsaid the authority."
    assert dict(docs[0].metadata)["byline"] == "Ana Ruiz"
    assert skipped == [
        (f"{path}:4", "empty 'text'"),
        (f"{path}:5", "row has 6 fields, the header has 5"),
    ]


def test_a_csv_without_the_text_column_is_one_line(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,body\n1,Text.\n")
    _, skipped, _ = by_kind(items_of([path]))
    assert skipped == [
        (str(path), "no 'text' column (columns: id, body); name the text column with --text-field")
    ]
    docs, skipped, _ = by_kind(items_of([path], text_field="body"))
    assert [d.text for d in docs] == ["Text."] and not skipped


def test_tsv_and_an_empty_csv(tmp_path):
    (tmp_path / "rows.tsv").write_text("text\tid\nTabbed, with a comma.\tt1\n")
    (tmp_path / "empty.csv").write_text("")
    docs, skipped, _ = by_kind(items_of([tmp_path / "rows.tsv", tmp_path / "empty.csv"]))
    assert [(d.id, d.text) for d in docs] == [("t1", "Tabbed, with a comma.")]
    assert skipped == [(str(tmp_path / "empty.csv"), "empty file")]


def test_a_malformed_csv_row_is_skipped_and_reading_goes_on(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('id,text\nn1,"bad"row\nn2,Good row.\nn3,"never closed\nn4,lost\n')
    docs, skipped, _ = by_kind(items_of([path]))
    assert [d.id for d in docs] == ["n2"]
    assert skipped == [
        (f"{path}:2", "malformed CSV row: ',' expected after '\"'"),
        (f"{path}:4", "malformed CSV row: unexpected end of data"),
    ]


# standard input


def test_stdin_is_one_document():
    docs, skipped, _ = by_kind(items_of(["-"], stdin=io.StringIO("Ports reopen.\n")))
    assert [(d.id, d.source, d.text) for d in docs] == [("stdin", "stdin", "Ports reopen.\n")]
    assert not skipped


def test_stdin_bytes_are_decoded_and_said_so():
    stdin = io.TextIOWrapper(io.BytesIO("Port 港口重开了。".encode("gbk")))
    note, doc = items_of(["-"], stdin=stdin)
    assert note == Notice("stdin", "decoded as GB18030 (not UTF-8)")
    assert doc.text == "Port 港口重开了。"


def test_stdin_as_jsonl_csv_and_html():
    jsonl = io.StringIO('{"text": "One."}\nbroken\n')
    docs, skipped, _ = by_kind(items_of(["-"], stdin=jsonl, stdin_format="jsonl"))
    assert [(d.id, d.source) for d in docs] == [("stdin-1", "stdin:1")]
    assert skipped == [("stdin:2", "not valid JSON: Expecting value (column 1)")]
    csv_in = io.TextIOWrapper(io.BytesIO(b"text\nRow one.\n"))
    docs, _, _ = by_kind(items_of(["-"], stdin=csv_in, stdin_format="csv"))
    assert [d.text for d in docs] == ["Row one."]
    html_in = io.StringIO("<title>T</title><p>Body.</p>")
    docs, _, _ = by_kind(items_of(["-"], stdin=html_in, stdin_format="html"))
    assert [(d.title, d.text) for d in docs] == [("T", "Body.")]


def test_empty_and_oversized_stdin():
    _, skipped, _ = by_kind(items_of(["-"], stdin=io.StringIO("")))
    assert skipped == [("stdin", "empty file")]
    _, skipped, _ = by_kind(items_of(["-"], stdin=io.StringIO("x" * 101), max_bytes=100))
    assert skipped == [("stdin", "standard input is over the 100 bytes limit (--max-bytes)")]


# folders and --glob


@pytest.fixture
def tree(tmp_path):
    for rel, text in {
        "news/a.txt": "A.",
        "news/b.md": "B.",
        "news/c.log": "C.",
        "news/sub/d.txt": "D.",
        "news/.hidden/e.txt": "E.",
        "news/feed.jsonl": '{"text": "F."}',
        "news/page.html": "<p>G.</p>",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path / "news"


def test_a_folder_reads_every_supported_suffix_in_sorted_order(tree):
    docs, skipped, _ = by_kind(items_of([tree]))
    assert [d.source for d in docs] == [
        "news/a.txt",
        "news/b.md",
        "news/feed.jsonl:1",
        "news/page.html",
        "news/sub/d.txt",
    ]
    assert not skipped


@pytest.mark.parametrize(
    ("glob", "texts"),
    [
        ("*.txt", ["A.", "D."]),
        ("*.log", ["C."]),
        ("sub/*", ["D."]),
        ("**/*.txt", ["A.", "D."]),
    ],
)
def test_glob_picks_files_whatever_their_suffix(tree, glob, texts):
    docs, _, _ = by_kind(items_of([tree], glob=glob))
    assert [d.text for d in docs] == texts


def test_a_glob_matching_nothing_is_one_line(tree):
    _, skipped, _ = by_kind(items_of([tree], glob="*.pdf"))
    assert skipped == [(str(tree), "no file in the folder matches --glob '*.pdf'")]


def test_folders_are_walked_lazily(tree):
    items = iter_documents([tree])
    first = next(items)
    assert first.text == "A."
    (tree / "sub" / "late.txt").write_text("Written after the walk began.")
    assert [i.source for i in items][-1] == "news/sub/late.txt"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"metadata_fields": {"headline": "h"}}, "unknown metadata field headline"),
        ({"max_bytes": 0}, "max_bytes must be a positive number"),
        ({"stdin_format": "xml"}, "unknown stdin format 'xml'"),
        ({"text_field": ""}, "text_field must not be empty"),
    ],
)
def test_bad_options_are_usage_errors(options, message):
    with pytest.raises(UsageError, match=message):
        IngestOptions(**options)
