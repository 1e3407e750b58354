"""Property-based tests: any text goes in, valid RDF comes out.

``kg.extract`` must not raise on any Unicode text, and every serialization of what it gives must
parse in rdflib and in pyoxigraph to the same triples the store holds. The texts mix arbitrary
Unicode (control characters, NUL, RTL marks, unassigned and private-use code points), realistic
news sentences, and fillers that attack the serializers: quotes, backslashes, markup, Turtle and
IRI look-alikes.

Surrogate code points (category Cs) are left out of the arbitrary text: a Python ``str`` can hold
a lone surrogate, but it is not Unicode text, cannot be encoded as UTF-8 and so cannot be in any
RDF literal or file. They are tested on their own below: kg must refuse them with a clean
``KGError`` (or replace them) rather than crash.

The number of examples comes from a settings profile chosen by ``HYPOTHESIS_PROFILE``: ``ci``
(the default, 2,000 examples, the same ones on every run) or ``long`` (20,000, new ones each run):

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py --hypothesis-show-statistics
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter

import pyoxigraph as ox
import pytest
import rdflib
from conftest import assert_valid
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

import kg
from kg.errors import KGError
from kg.rdf.iris import Minter
from kg.rdf.namespace import DEFAULT_BASE

# Profiles are kept here rather than registered: hypothesis loads its own "ci" profile under CI,
# and registering one under that name would change every other hypothesis test in the session.
PROFILES = {
    "ci": settings(
        max_examples=2000,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    ),
    "long": settings(
        max_examples=20000,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    ),
}
PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE_NAME not in PROFILES:
    raise pytest.UsageError(
        f"HYPOTHESIS_PROFILE={PROFILE_NAME!r}: choose one of {', '.join(PROFILES)}"
    )
PROFILE = PROFILES[PROFILE_NAME]

# -- strategies ---------------------------------------------------------------------------------

#: every code point but surrogates: controls (NUL, DEL, C1), format (RTL marks, ZWJ, BOM),
#: private use, unassigned, line and paragraph separators
CHARACTERS = st.characters(exclude_categories=["Cs"])

HOSTILE = [
    '"',
    "'",
    "\\",
    '\\"',
    '"""',
    "'''",
    "\\u0022",
    "\\U0001F600",
    "\\n",
    "\\",
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>",
    "&amp;",
    "&#0;",
    "]]>",
    "@prefix x: <y> .",
    "@base <http://evil/> .",
    "PREFIX kg: <urn:x>",
    "<http://a b>",
    "<http://example.org/x>",
    "<>",
    "https://w3id.org/kg-ict/id/person/li-wei",
    "person:li-wei",
    "document:text",
    "urn:uuid:0",
    "_:b0",
    "^^xsd:int",
    '"@en',
    '"^^<http://www.w3.org/2001/XMLSchema#integer>',
    " . ",
    " ; ",
    "{ }",
    "GRAPH <g> { <s> <p> <o> }",
    "# comment",
    "%20",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x0b",
    "\x0c",
    "\x00",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\U0010ffff",
    "e\u0301",
    "\u0301",
    "ﬁ",
    "İ",
    "ß",
    "ǅ",
    "😀",
    "👩‍👩‍👧",
    "🇨🇳",
    "中华人民共和国工业和信息化部",
    "华为",
    "李伟",
    "وزارة التجارة",
    "Министерство",
    "Dr.",
    "U.S.",
    "...",
    "--",
    "—",
    "«",
    "“",
    "”",
    "’",
]

NAMES = [
    "Li Wei",
    "Wang Fang",
    "Zhang Min",
    "Wen Ku",
    "Chen Zhaoxiong",
    "Gao Feng",
    "Xu Li",
    "MIIT",
    "China Mobile",
    "China Unicom",
    "Huawei",
    "the Ministry of Commerce",
    "the Ministry of Industry and Information Technology",
    "the National Development and Reform Commission",
    "the Cyberspace Administration of China",
    "Beijing",
    "Shanghai",
    "Guangdong Province",
    "5G",
    "5G base stations",
    "gigabit fiber networks",
    "data centers",
    "live streaming",
    "cloud tourism",
    "the industrial internet",
    "INFORMATION AND COMMUNICATIONS",
]

TEMPLATES = [
    "{a}, spokesperson of the Ministry of {b}, said {c}.",
    "{a}, spokesperson of {b}, said on Tuesday that {c} will build {d} in {e}.",
    '"{c}," said {a}, director of the {b} Department of {d}.',
    "{a} held a press conference in {b} on May 20. {c} attended and spoke about {d}.",
    "{a} and {b} signed an agreement to accelerate {c} in {d}.",
    "According to {a}, deputy director of the {b} Bureau of {c}, {d} and {e} grew fast.",
    "We will promote {a} and {b}, {c} said at the {d} Forum.",
    "{a} ({b}) deployed {c} across {d}.",
    "{a}\nBy {b}\n{c}, May 20 ({d}) -- {e} supports {a}.",
    "The {a} of {b} said it will support {c}. The ministry also backs {d}.",
    "{a} visited {b} on 2020-05-20 and met {c}, head of {d}.",
    "{a} is located in {b}. {c} invests in {d}.",
]

FILLER = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(HOSTILE),
    st.text(CHARACTERS, max_size=12),
    st.lists(
        st.one_of(
            st.sampled_from(NAMES), st.sampled_from(HOSTILE), st.text(CHARACTERS, max_size=6)
        ),
        min_size=2,
        max_size=4,
    ).map("".join),
)


@st.composite
def templated(draw) -> str:
    """A realistic news sentence with hostile fillers."""
    template = draw(st.sampled_from(TEMPLATES))
    return template.format(**{slot: draw(FILLER) for slot in "abcde"})


WORDS = st.sampled_from(
    [*NAMES, *HOSTILE, "said", "spokesperson of", "director of", "will build", "promotes", ","]
)
SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "", "\n\n", " — "])


@st.composite
def soup(draw) -> str:
    """Words, names and hostile pieces strung together by spaces, punctuation and newlines."""
    parts = draw(st.lists(st.one_of(WORDS, st.text(CHARACTERS, max_size=8)), max_size=30))
    out = []
    for part in parts:
        out += [part, draw(SEPARATORS)]
    return "".join(out)


TEXTS = st.one_of(st.text(CHARACTERS, max_size=300), templated(), soup()).map(lambda t: t[:400])

#: texts that trip a known kg bug, kept out of the fuzz until it is fixed; each has a strict
#: xfail test below (delete the entry when that test starts to pass)
KNOWN_BUGS: dict[str, re.Pattern[str]] = {}

# -- checks -------------------------------------------------------------------------------------


def rdflib_key(term) -> tuple:
    if isinstance(term, rdflib.BNode):
        return ("_",)
    if isinstance(term, rdflib.Literal):
        return ("L", str(term), str(term.datatype or ""), term.language or "")
    return ("I", str(term))


def ox_key(term) -> tuple:
    if isinstance(term, ox.BlankNode):
        return ("_",)
    if isinstance(term, ox.Literal):
        lang = term.language or ""
        datatype = "" if lang or term.datatype.value.endswith("#string") else term.datatype.value
        return ("L", term.value, datatype, lang)
    return ("I", term.value)


def check_round_trip(text: str) -> None:
    graph = kg.extract(text)
    n = len(graph.store)
    assert n > 0  # at least the document node

    ttl = graph.serialize()
    nt = graph.serialize(format="nt")
    trig = graph.serialize(format="trig")

    by_rdflib = rdflib.Graph().parse(data=ttl, format="turtle")
    assert len(by_rdflib) == n
    by_rdflib_nt = rdflib.Graph().parse(data=nt, format="nt")
    assert len(by_rdflib_nt) == n
    assert isomorphic(by_rdflib, by_rdflib_nt)

    by_ox = list(ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE))
    assert len(by_ox) == n
    assert set(by_ox) == set(ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES))

    # both parsers read the same values: the serializer's escapes mean one thing
    assert Counter(tuple(map(rdflib_key, t)) for t in by_rdflib) == Counter(
        (ox_key(t.subject), ox_key(t.predicate), ox_key(t.object)) for t in by_ox
    )

    quads = list(ox.parse(trig.encode(), format=ox.RdfFormat.TRIG))
    assert len(quads) == graph.store.quad_count()
    assert len({q.triple for q in quads}) == n
    dataset = rdflib.Dataset().parse(data=trig, format="trig")
    assert len(list(dataset.quads((None, None, None, None)))) == len(quads)

    # evidence points into the text as written
    for ev in evidence(graph):
        assert 0 <= ev.start < ev.end <= len(text), ev
        assert ev.sentence in text, ev


def evidence(graph: kg.KnowledgeGraph) -> list:
    return [ev for item in [*graph.entities(), *graph.relations] for ev in item.evidence]


# -- tests --------------------------------------------------------------------------------------


def test_extract_never_raises_and_its_rdf_always_parses(record_property):
    """The issue's property over ``PROFILE.max_examples`` texts (2,000 in CI)."""
    runs = 0

    @PROFILE
    @given(TEXTS)
    def check(text: str) -> None:
        nonlocal runs
        assume(not any(bug.search(text) for bug in KNOWN_BUGS.values()))
        runs += 1
        check_round_trip(text)

    check()
    record_property("examples", runs)
    print(f"{runs} examples ({PROFILE_NAME} profile)", file=sys.stderr)
    assert runs >= PROFILE.max_examples


@settings(PROFILE, max_examples=max(50, PROFILE.max_examples // 10))
@given(TEXTS)
def test_the_graph_of_any_text_conforms_to_the_shapes(text):
    assume(not any(bug.search(text) for bug in KNOWN_BUGS.values()))
    assert_valid(kg.extract(text).to_rdflib())


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00",
        "\n" * 50,
        "\ufeff",
        '"""',
        "\\",
        "<http://a b>",
        "@prefix x: <y> .",
        "Li Wei\x00, spokesperson of the Ministry of Commerce\x01, said 5G \x0b grows.",
        'Li "Wei", spokesperson of the Ministry of \\Commerce, said <img src=x onerror=alert(1)>.',
        "İLI WEİ, spokesperson of the MİNİSTRY OF COMMERCE, said ﬁne things about 5G.",
        "Li Wei\u202e, spokesperson of the Ministry of Commerce\u200f, said 李伟 builds 5G 😀.",
        'Li Wei, spokesperson of the Ministry of @prefix x: <y> ., said """ _:b0 ^^xsd:int.',
    ],
)
def test_known_hostile_texts_round_trip(text):
    check_round_trip(text)


@pytest.mark.parametrize(
    "text", ["AA  AA:a", "CHINA  MOBILE said so.", "Li Wei met NDRC   MIIT staff."]
)
def test_capitals_separated_by_two_spaces(text):
    check_round_trip(text)


@settings(PROFILE, max_examples=max(50, PROFILE.max_examples // 4))
@given(TEXTS)
@example("=\nJi A/G")
def test_each_evidence_sentence_holds_its_span(text):
    assume(not any(bug.search(text) for bug in KNOWN_BUGS.values()))
    for ev in evidence(kg.extract(text)):
        assert text[ev.start : ev.end] in ev.sentence, ev


@settings(PROFILE, max_examples=max(50, PROFILE.max_examples // 10))
@given(st.lists(st.text(CHARACTERS, min_size=1, max_size=12), min_size=2, max_size=4, unique=True))
@example(["A", "a"])
@example(["a b", "a-b"])
def test_distinct_document_ids_get_distinct_graphs(ids):
    mint = Minter(DEFAULT_BASE)
    assert len({mint.document(doc_id) for doc_id in ids}) == len(ids)


def test_files_whose_names_differ_in_case_or_spacing_are_all_kept(tmp_path):
    texts = {
        "A.txt": "Zhang Min visited Beijing.",
        "a.txt": "Chen Bo visited Shanghai.",
        "a b.txt": "Li Wei, spokesperson of the Ministry of Commerce, said so.",
        "a-b.txt": "Wang Fang, spokesperson of the Ministry of Transport, said so.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = kg.build([tmp_path])
    assert len(graph.documents) == 4
    assert len(graph.store.documents()) == 4


SURROGATE_TEXTS = [
    "\ud800",
    "Li Wei, spokesperson of the Ministry of Commerce, said \udcff ok.",
    "Li \ud83d Wei visited Beijing.",
]


@pytest.mark.parametrize("text", SURROGATE_TEXTS)
def test_lone_surrogates_are_refused_or_replaced(text):
    """A str that is not Unicode text gives a clean KGError, or a graph that serializes."""
    try:
        graph = kg.extract(text)
    except KGError:
        return
    ttl = graph.serialize()
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) == len(graph.store)


def test_a_jsonl_record_with_a_lone_surrogate_escape_does_not_stop_the_build(tmp_path):
    records = tmp_path / "news.jsonl"
    records.write_text(
        '{"id": "a", "text": "Li Wei, spokesperson of the Ministry of Commerce, said \\ud800."}\n'
        '{"id": "b", "text": "Wang Fang, spokesperson of the Ministry of Commerce, spoke."}\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(records),
            "--out",
            str(tmp_path / "out"),
            "--no-view",
            "--no-report",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    built = rdflib.Graph().parse(tmp_path / "out" / "news.ttl")
    assert any("Wang Fang" in str(o) for o in built.objects())


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x0b", "\x1f"])
def test_rdf_xml_of_text_with_control_characters_is_refused_in_one_line(control):
    """XML 1.0 cannot hold these characters: kg says so rather than write a broken file."""
    graph = kg.extract(f"Li Wei{control}, spokesperson of the Ministry of Commerce, said so.")
    with pytest.raises(KGError, match="RDF/XML cannot hold the control character U\\+00"):
        graph.serialize(format="xml")
    assert rdflib.Graph().parse(data=graph.serialize(format="json-ld"), format="json-ld")


def xml_char(c: str) -> bool:
    """Whether XML 1.0 can hold the character at all."""
    return c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"


@settings(PROFILE, max_examples=max(50, PROFILE.max_examples // 20))
@given(TEXTS.map(lambda t: "".join(c if xml_char(c) else " " for c in t)))
def test_json_ld_and_rdf_xml_parse(text):
    """The rdflib-written formats, on texts without the control characters XML cannot hold."""
    graph = kg.extract(text)
    n = len(graph.store)
    jsonld = graph.serialize(format="json-ld")
    assert len(rdflib.Graph().parse(data=jsonld, format="json-ld")) == n
    xml = graph.serialize(format="xml")
    assert len(rdflib.Graph().parse(data=xml, format="xml")) == n
