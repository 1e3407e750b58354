import re
import subprocess
import sys
from collections import Counter

import pyoxigraph as ox
import pytest
from conftest import ROOT, SEEDS, assert_valid
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDFS, XSD
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

import kg
from kg.errors import NotFoundError, QueryError
from kg.model import Date, Document, DocumentGraph, Entity, Evidence, Relation
from kg.rdf.graph import N, Tally, confidence_key, document_rdf
from kg.rdf.iris import Minter
from kg.rdf.namespace import DEFAULT_BASE, KG, SCHEMA
from kg.rdf.store import Store

A = (
    "Li Wei, spokesperson of the Ministry of Commerce, said on Monday that the ministry "
    "will promote 5G networks and data centers in Guangdong."
)
B = (
    "China Mobile said it will build 5G networks in Sichuan. Zhang Min, general manager "
    "of China Mobile, said the company supports cloud tourism."
)
B2 = "China Mobile said it will build data centers in Sichuan."


def graphs(*pairs):
    docs = [Document(id=i, text=t) for i, t in pairs]
    return kg.api.from_documents(docs).graphs


def count(store: Store) -> int:
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])


def test_a_new_store_is_made_with_its_missing_parent_folders(tmp_path):
    path = tmp_path / "not" / "yet" / "store"
    Store(path).add(graphs(("a", A)))
    assert Store(path, read_only=True).documents().keys() == {"a"}


def test_adding_an_unchanged_document_changes_nothing(tmp_path):
    store = Store(tmp_path / "s")
    first = store.add(graphs(("a", A), ("b", B)))
    assert first.added == ("a", "b") and not first.replaced
    before = (count(store), store.serialize("nquads"))
    again = store.add(graphs(("a", A), ("b", B)))
    assert again.unchanged == ("a", "b") and not again.added and not again.replaced
    assert (count(store), store.serialize("nquads")) == before


def test_an_incremental_store_equals_a_build_of_all_documents_at_once(tmp_path):
    store = Store(tmp_path / "s")
    store.add(graphs(("a", A)))
    store.add(graphs(("b", B)))
    whole = kg.api.from_documents([Document("a", A), Document("b", B)])
    assert isomorphic(store.to_rdflib(), whole.to_rdflib())
    assert_valid(store.to_rdflib())


def test_each_document_has_its_own_named_graph(tmp_path):
    store = Store(tmp_path / "s")
    store.add(graphs(("a", A), ("b", B)))
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a kg:Document } } ORDER BY ?g")
    assert [r["g"].rsplit("/", 1)[1] for r in rows] == ["a", "b"]
    # an entity both documents mention has one canonical label, in the summary graph only
    rows = store.query(
        "SELECT ?g ?label WHERE { GRAPH ?g { ?e skos:prefLabel ?label } } ORDER BY ?label"
    )
    assert all(r["g"].endswith("/graph/entities") for r in rows)
    labels = [r["label"] for r in rows]
    assert len(labels) == len(set(labels)) and "5G" in labels


def test_a_changed_document_replaces_its_graph(tmp_path):
    store = Store(tmp_path / "s")
    store.add(graphs(("a", A), ("b", B)))
    changes = store.add(graphs(("b", B2)))
    assert changes.replaced == ("b",)
    sentences = {r["s"] for r in store.query("SELECT ?s WHERE { ?ev kg:sentence ?s }")}
    assert not any("Zhang Min" in s for s in sentences)
    assert any("data centers in Sichuan" in s for s in sentences)
    people = store.query("SELECT ?l WHERE { ?p a kg:Person ; skos:prefLabel ?l }")
    assert {r["l"] for r in people} == {"Li Wei"}  # Zhang Min went with the old text
    fresh = kg.api.from_documents([Document("a", A), Document("b", B2)])
    assert isomorphic(store.to_rdflib(), fresh.to_rdflib())


def test_removing_documents_removes_what_only_they_said(tmp_path):
    store = Store(tmp_path / "s")
    store.add(graphs(("a", A), ("b", B)))
    store.remove("b")
    only_a = kg.api.from_documents([Document("a", A)])
    assert isomorphic(store.to_rdflib(), only_a.to_rdflib())
    store.remove("a")
    assert len(store) == 0
    with pytest.raises(NotFoundError):
        store.remove("a")


def test_the_store_persists_and_reopens(tmp_path):
    store = Store(tmp_path / "s")
    store.add(graphs(("a", A)))
    store.flush()
    expected = store.serialize("trig")
    del store
    assert Store(tmp_path / "s", read_only=True).serialize("trig") == expected


@pytest.mark.parametrize("read_only", [False, True])
def test_a_batch_loaded_but_not_sealed_is_dropped_when_the_store_is_opened(
    tmp_path, monkeypatch, read_only
):
    # a build killed between loading a batch's graphs and the transaction that seals them
    store = Store(tmp_path / "s")
    store.add(graphs(("a", A)))
    before = store.serialize("trig")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "_commit", killed)
    with pytest.raises(KeyboardInterrupt):
        store.add(graphs(("b", B), ("c", B2)))
    assert store.oxigraph.contains_named_graph(N(store.mint.document("b")))
    assert store.serialize("trig") != before
    del store
    monkeypatch.undo()
    reopened = Store(tmp_path / "s", read_only=read_only)
    assert reopened.serialize("trig") == before
    assert list(reopened.documents()) == ["a"]


def test_sparql_update_is_refused_unless_asked(tmp_path):
    store = Store()
    store.add(graphs(("a", A)))
    n = len(store)
    update = "# a comment\nPREFIX x: <urn:x:>\nINSERT DATA { GRAPH <urn:g> { x:a x:b x:c } }"
    with pytest.raises(QueryError, match="refused"):
        store.query(update)
    assert len(store) == n
    assert store.query(update, update=True) == [{"removed_from_default_graph": "0"}]
    assert len(store) == n + 1
    assert store.query("ASK { <urn:x:a> <urn:x:b> <urn:x:c> }")[0]["ask"] == "true"
    delete = "DELETE DATA { GRAPH <urn:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }"
    store.query(delete, update=True)
    assert len(store) == n
    default_only = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:d> }"
    assert store.query(default_only, update=True) == [{"removed_from_default_graph": "1"}]
    assert len(store) == n


def test_plain_queries_see_each_fact_once(tmp_path):
    """A triple two documents state (an entity's type) is one row of the default graph."""
    store = Store()
    store.add(graphs(("a", A), ("b", B)))
    query = "SELECT ?t WHERE { <https://w3id.org/kg-ict/id/infrastructure/5g> a ?t }"
    assert len(store.query(query)) == 1
    per_graph = (
        "SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/kg-ict/id/infrastructure/5g> a ?t } }"
    )
    assert len(store.query(per_graph)) == 2
    assert store.quad_count() > len(store)


def test_query_errors_are_query_errors():
    with pytest.raises(QueryError, match="SPARQL query failed"):
        Store().query("SELECT ?x WHERE { ?x ")


def test_query_rows_and_frame(seed_graph):
    rows = seed_graph.query("SELECT ?l WHERE { ?e a kg:Person ; skos:prefLabel ?l } ORDER BY ?l")
    assert [r["l"] for r in rows] == ["Dai Rui", "Teng Han", "Wen Ku"]
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(kg.errors.UsageError, match="pandas"):
            seed_graph.query("SELECT ?l WHERE { ?e skos:prefLabel ?l }", frame=True)
    else:
        frame = seed_graph.query("SELECT ?l WHERE { ?e skos:prefLabel ?l }", frame=True)
        assert list(frame.columns) == ["l"]


def test_the_readme_provenance_query_returns_every_relation_with_its_sentence(seed_graph):
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sparql\n(.*?)```", readme, re.S)
    [query] = [b for b in blocks if "kg:Assertion" in b]
    rows = seed_graph.query(query)
    text = (SEEDS / "miit_spokesperson_new_consumption.txt").read_text()
    relations = {(r.subject, r.predicate, r.object, r.role) for r in seed_graph.relations}
    assert len({(r["subject"], r["predicate"], r["object"]) for r in rows}) == len(relations)
    assert all(r["sentence"] in text and r["doc"] for r in rows)


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True
    )


def test_cli_store_round_trip(tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    first = run("build", str(SEEDS), "--store", str(store), "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "1 added" in first.stderr
    counting = ("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store))
    n1 = run(*counting, "--format", "csv").stdout
    second = run("build", str(SEEDS), "--store", str(store), "--out", str(out))
    assert second.returncode == 0 and "1 unchanged" in second.stderr and "[1]" not in second.stderr
    assert run(*counting, "--format", "csv").stdout == n1
    assert int(n1.split()[1]) > 500
    valid = run("validate", "--store", str(store))
    assert valid.returncode == 0, valid.stdout
    docs = run("documents", "--store", str(store))
    assert docs.stdout.startswith("miit_spokesperson_new_consumption\t")
    refused = run("query", "DELETE WHERE { ?s ?p ?o }", "--store", str(store))
    assert refused.returncode == 1 and "refused" in refused.stderr
    both = run("query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(store), "--graph", "x.ttl")
    assert both.returncode == 2 and both.stderr.count("\n") == 1
    view = run("view", "--store", str(store), "--out", str(out / "v.html"), "--no-open")
    assert view.returncode == 0 and (out / "v.html").stat().st_size > 10_000
    removed = run("remove", "miit_spokesperson_new_consumption", "--store", str(store))
    assert removed.returncode == 0
    assert run(*counting, "--format", "csv").stdout.split()[1] == "0"
    missing = run("remove", "nope", "--store", str(store))
    assert missing.returncode == 1 and "no document 'nope'" in missing.stderr


def _tallied(store: Store) -> set[str]:
    rows = store.query(f"SELECT ?e WHERE {{ GRAPH {store.tally_graph} {{ ?e kg:tally ?t }} }}")
    return {r["e"] for r in rows}


def _summarised(store: Store) -> set[str]:
    return {r["e"] for r in store.query("SELECT ?e WHERE { ?e skos:prefLabel ?l }")}


def test_tallies_are_bookkeeping_kept_out_of_the_data(tmp_path):
    from kg.rdf.server import graph_uploads

    store = Store(tmp_path / "s")
    store.add(graphs(("a", A), ("b", B)))
    assert _tallied(store) == _summarised(store) and _tallied(store)
    assert not store.query("SELECT ?s WHERE { ?s kg:tally ?t }")  # not in the default graph
    for fmt in ("turtle", "trig", "nquads"):
        assert b"tally" not in store.serialize(fmt)
    targets = {target for target, _ in graph_uploads(store.oxigraph)}
    assert targets and str(store.tally_graph.value) not in targets
    assert store.query("SELECT ?x WHERE { ?x ?p ?o }", update=False)
    store.query("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> <urn:o> } }", update=True)
    assert not store.query("SELECT ?s WHERE { ?s kg:tally ?t }")  # the resync keeps it out


def test_any_order_of_adding_replacing_and_removing_gives_the_same_summary(tmp_path):
    """Labels and confidences come from tallies updated by each change: the result must be the
    graph a fresh build of the final documents gives."""
    C = "Li Wei of the Ministry of Commerce met China Mobile in Guangdong to promote 5G."
    store = Store(tmp_path / "s")
    store.add(graphs(("b", B)))
    store.add(graphs(("a", A), ("c", C)))
    store.add(graphs(("b", B2)))
    store.remove("a")
    store.add(graphs(("a", A), ("b", B)))
    store.remove("c")
    store.add(graphs(("c", C)))
    fresh = kg.api.from_documents([Document("a", A), Document("b", B), Document("c", C)])
    assert isomorphic(store.to_rdflib(), fresh.to_rdflib())
    assert _tallied(store) == _summarised(store)


def test_a_store_without_tallies_gets_them_from_its_documents(tmp_path):
    """A store written before tallies existed: its summary stays right when it grows."""
    store = Store(tmp_path / "s")
    store.add(graphs(("a", A), ("b", B)))
    store.oxigraph.remove_graph(store.tally_graph)
    store.add(graphs(("b", B2)))
    fresh = kg.api.from_documents([Document("a", A), Document("b", B2)])
    assert isomorphic(store.to_rdflib(), fresh.to_rdflib())
    assert _tallied(store) == _summarised(store)


# -- the N-Triples a document graph is written as ----------------------------------------------

#: what N-Triples must escape, look-alikes of escapes and syntax, and beyond the BMP
AWKWARD_PARTS = [
    '"',
    "\\",
    "\n",
    "\r",
    "\t",
    "\b",
    "\f",
    "\x00",
    "\x01",
    "\x0b",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "é",
    "王",
    "😀",
    "\\u0022",
    "\\n",
    '"^^<urn:x> .',
    "<urn:x>",
]
AWKWARD = st.lists(
    st.sampled_from(AWKWARD_PARTS) | st.characters(exclude_categories=["Cs"]), max_size=8
).map("".join)
DATATYPES = st.sampled_from([str(XSD.date), str(XSD.gYear), str(XSD.string)])
PROPERTY = settings(max_examples=100, deadline=None, derandomize=True, database=None)
MINT = Minter(DEFAULT_BASE)


@st.composite
def document_graphs(draw) -> DocumentGraph:
    """Awkward strings everywhere a string goes, and few keys and evidence spans, so that
    entities share an IRI and an entity's evidence node is a relation's too."""
    doc_id = draw(AWKWARD)
    meta = st.fixed_dictionaries(
        {k: AWKWARD for k in ("url", "byline", "publisher", "date")} | {"date_datatype": DATATYPES}
    )
    document = st.builds(
        Document,
        st.just(doc_id),
        AWKWARD,
        source=st.none() | AWKWARD,
        title=st.none() | AWKWARD,
        metadata=meta.map(lambda m: tuple(m.items())),
    )
    evidence = st.lists(
        st.builds(
            Evidence,
            st.just(doc_id),
            AWKWARD,
            st.integers(0, 2),
            st.integers(0, 2),
            st.sampled_from(["rule", "other"]) | AWKWARD,
            st.sampled_from([0.5, 0.9]) | st.floats(0, 1),
        ),
        max_size=3,
    ).map(tuple)
    keys = st.sampled_from(["Person:a", "Person:A", "Thing:a", "Place:a"]) | AWKWARD.map(
        "Person:".__add__
    )
    entity = st.builds(
        Entity,
        keys,
        st.sampled_from(["Person", "Place", "Company"]),
        AWKWARD,
        aliases=st.lists(AWKWARD, max_size=2).map(tuple),
        concept=st.none() | st.just("https://w3id.org/kg-ict/lexicon#5G"),
        date=st.none() | st.builds(Date, AWKWARD, DATATYPES, st.just("")),
        evidence=evidence,
    )
    relation = st.builds(
        Relation,
        keys,
        st.sampled_from(["kg:promotes", "org:unitOf", "org:Post"]),
        keys,
        role=st.none() | AWKWARD,
        evidence=evidence,
    )
    return DocumentGraph(
        draw(document),
        tuple(draw(st.lists(entity, max_size=4))),
        tuple(draw(st.lists(relation, max_size=3))),
    )


def parsed(ntriples: str) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]


def literals(triples: list[ox.Triple]) -> set[tuple[str, str, str]]:
    """(predicate, value, datatype) of every literal."""
    return {
        (t.predicate.value, t.object.value, t.object.datatype.value)
        for t in triples
        if isinstance(t.object, ox.Literal)
    }


def strings_of(graph: DocumentGraph) -> set[tuple[str, str, str]]:
    """What the graph's literals must hold: each string (with its datatype) under its predicate."""
    doc, meta, string = graph.document, dict(graph.document.metadata), str(XSD.string)
    found = {(str(KG.documentId), doc.id, string)}
    for predicate, value in [
        (SCHEMA.headline, doc.title),
        (SCHEMA.url, doc.source),
        (SCHEMA.sameAs, meta["url"]),
        (SCHEMA.author, meta["byline"]),
        (SCHEMA.publisher, meta["publisher"]),
    ]:
        if value:
            found.add((str(predicate), value, string))
    if meta["date"]:
        found.add((str(SCHEMA.datePublished), meta["date"], meta["date_datatype"]))
    for e in graph.entities:
        found.add((str(RDFS.label), e.label, string))
        found |= {(str(SKOS.altLabel), alias, string) for alias in e.aliases}
        if e.date is not None:
            found.add((str(KG.date), e.date.value, e.date.datatype))
    for ev in [ev for item in (*graph.entities, *graph.relations) for ev in item.evidence]:
        found |= {(str(KG.sentence), ev.sentence, string), (str(KG.rule), ev.rule, string)}
    return found


@PROPERTY
@given(document_graphs())
def test_a_document_graph_is_written_as_pyoxigraph_writes_it(graph):
    """The text parses, every string comes back unchanged, and pyoxigraph writes each parsed
    triple exactly as the text has it (escapes included)."""
    text = document_rdf(graph, MINT).ntriples
    triples = parsed(text)
    assert "".join(f"{t} .\n" for t in triples) == text
    assert strings_of(graph) <= literals(triples)


def scanned_tallies(triples: list[ox.Triple]) -> dict[str, Tally]:
    """Tallies read off the triples: each entity with evidence, its labels once and the
    confidence of each of its evidence nodes."""
    confidence = {
        t.subject.value: t.object.value for t in triples if t.predicate == N(KG.confidence)
    }
    evidence: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate == N(KG.evidence):
            evidence.setdefault(t.subject.value, set()).add(t.object.value)
    labels: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate == N(RDFS.label) and t.subject.value in evidence:
            labels.setdefault(t.subject.value, set()).add(t.object.value)
    return {
        e: Tally(
            dict.fromkeys(names, 1),
            dict(Counter(confidence_key(confidence[ev]) for ev in evidence[e])),
        )
        for e, names in labels.items()
    }


@PROPERTY
@given(document_graphs())
def test_a_documents_tallies_are_what_its_triples_say(graph):
    written = document_rdf(graph, MINT)
    assert written.tallies == scanned_tallies(parsed(written.ntriples))


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(document_graphs())
def test_the_store_holds_the_triples_written_in_the_documents_graph_and_the_union(graph):
    """What the store's update puts in is what loading the text gives (Oxigraph keeps numbers
    in a canonical form: ``"0.5000"^^xsd:decimal`` comes back as ``"0.5"``)."""
    store, loaded = Store(), ox.Store()
    store.add([graph])
    loaded.load(document_rdf(graph, store.mint).ntriples, format=ox.RdfFormat.N_TRIPLES)
    written = {q.triple for q in loaded}
    name = N(store.mint.document(graph.document.id))
    assert {q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, name)} == written
    union = store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
    assert written <= {q.triple for q in union}


@pytest.mark.parametrize(
    ("graph", "error"),
    [
        (Entity("Person:a", "Person", "a", concept="not an iri"), ValueError),
        (Entity("Person:a", "Person", "a", date=Date("2020", "xsd date", "2020")), ValueError),
        (Entity("Person:a", "Persn", "a"), AttributeError),
        (Relation("Person:a", "org:held by", "Organization:b"), ValueError),
        (Relation("Person:a", "kg:promotez", "Organization:b"), AttributeError),
        (Document("d", "t", metadata=(("date", "2020"), ("date_datatype", "2020"))), ValueError),
    ],
)
def test_an_invalid_iri_from_the_data_fails_loudly(graph, error):
    document = graph if isinstance(graph, Document) else Document("d", "t")
    entities = (graph,) if isinstance(graph, Entity) else ()
    relations = (graph,) if isinstance(graph, Relation) else ()
    store = Store()
    with pytest.raises(error):
        store.add([DocumentGraph(document, entities, relations)])
    assert len(store) == 0
