"""kg serve and kg push against a real Oxigraph server (PyPI package oxigraph) on 127.0.0.1."""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import ServerError, UsageError
from kg.rdf import server

KG = Path(sys.executable).parent / "kg"
EX = "http://example.org/"
SECRET = "s3cret-Pa55word"
# Blank nodes make a second upload of the same triples visible: POSTed twice they would count twice.
TURTLE = """@prefix ex: <http://example.org/> .
ex:a ex:p ex:b ; ex:q "one" .
ex:b ex:p [ ex:q "blank" ] .
"""
TRIG = """@prefix ex: <http://example.org/> .
ex:g1 { ex:a ex:p ex:b . [] ex:q "blank" . }
ex:g2 { ex:c ex:p ex:d . ex:c ex:q "two\\nlines"@en . [] ex:q "blank" . }
"""
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """No proxy (every request stays on 127.0.0.1) and no credentials from the developer's shell."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    for name in (server.ENV_USER, server.ENV_PASSWORD, server.ENV_TOKEN):
        monkeypatch.delenv(name, raising=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def sparql(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with LOCAL.open(request, timeout=5) as response:
        return json.load(response)["results"]["bindings"]


class Oxigraph:
    """``oxigraph serve`` on 127.0.0.1, which a test may kill and start again on the same data."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def store(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def start(self) -> None:
        command = [str(server.oxigraph_binary()), "serve", "--location", str(self.location)]
        self.proc = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def counts(self) -> dict[str, int]:
        """Triples per graph, read back over HTTP SPARQL; "default" is the default graph."""
        rows = sparql(
            f"http://127.0.0.1:{self.port}/query",
            "SELECT ?g (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } "
            "GROUP BY ?g",
        )
        return {row.get("g", {"value": "default"})["value"]: int(row["n"]["value"]) for row in rows}


@pytest.fixture
def oxigraph(tmp_path):
    """A stopped server: tests start it (some only later); it is always killed afterwards."""
    srv = Oxigraph(tmp_path / "oxigraph-db")
    yield srv
    srv.kill()


@pytest.fixture
def running(oxigraph):
    oxigraph.start()
    return oxigraph


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def make_store(path: Path, graphs: int, triples: int) -> dict[str, int]:
    """A store like kg's (facts in named graphs), each graph with one blank node."""
    store = ox.Store(str(path))
    expected = {}
    for g in range(graphs):
        graph = ox.NamedNode(f"{EX}doc/{g}")
        for i in range(triples - 1):
            store.add(
                ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(i), graph)
            )
        store.add(ox.Quad(ox.BlankNode(), ox.NamedNode(f"{EX}q"), ox.Literal("blank"), graph))
        expected[graph.value] = triples
    store.flush()
    del store  # closes the database
    return expected


def run_kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(KG), *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, **(env or {})},
    )


# -- push to a real Oxigraph ---------------------------------------------------------------------


def test_push_turtle_file_to_default_graph_and_to_named_graph(running, tmp_path, capsys):
    ttl = write(tmp_path / "small.ttl", TURTLE)
    assert main(["push", str(ttl), "--endpoint", running.store]) == 0
    assert running.counts() == {"default": 4}
    assert main(["push", str(ttl), "--endpoint", running.store, "--graph", f"{EX}g"]) == 0
    assert running.counts() == {"default": 4, f"{EX}g": 4}
    assert f"pushed 1 graph(s), 4 triples to {running.store}" in capsys.readouterr().err


def test_push_trig_twice_changes_nothing(running, tmp_path):
    trig = write(tmp_path / "two.trig", TRIG)
    for _ in range(2):
        assert main(["push", str(trig), "--endpoint", running.store]) == 0
        assert running.counts() == {f"{EX}g1": 2, f"{EX}g2": 3}


def test_default_graph_triples_join_the_named_graph_given(running, tmp_path):
    trig = write(tmp_path / "mixed.trig", TRIG + "ex:x ex:p ex:y .\n")
    report = server.push(server.load_file(trig), running.store, graph=f"{EX}g1")
    assert report.graphs == (f"{EX}g1", f"{EX}g2")
    assert report.triples == 6
    assert running.counts() == {f"{EX}g1": 3, f"{EX}g2": 3}


def test_push_the_seed_graph_and_query_it_back(running, capsys):
    seed = Path(__file__).parent / "golden" / "seed.ttl"
    local = ox.Store()
    local.load(path=str(seed), format=ox.RdfFormat.TURTLE)
    graph = f"{EX}seed"
    assert main(["push", str(seed), "--endpoint", running.store, "--graph", graph]) == 0
    assert running.counts() == {graph: len(local)}
    query = "SELECT ?label WHERE { GRAPH ?g { ?e a <https://w3id.org/kg-ict/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } } ORDER BY ?label"
    remote = sparql(f"http://127.0.0.1:{running.port}/query", query)
    people = [str(row["label"].value) for row in local.query(query.replace("GRAPH ?g ", ""))]
    assert people and [row["label"]["value"] for row in remote] == people


def test_push_store_uploads_every_graph(running, tmp_path, capsys):
    expected = make_store(tmp_path / "store", graphs=2, triples=3)
    assert main(["push", "--store", str(tmp_path / "store"), "--endpoint", running.store]) == 0
    assert running.counts() == expected
    assert "pushed 2 graph(s), 6 triples" in capsys.readouterr().err


def test_push_waits_for_a_server_that_starts_late(oxigraph, tmp_path):
    trig = write(tmp_path / "two.trig", TRIG)
    push = subprocess.Popen(
        [str(KG), "push", str(trig), "--endpoint", oxigraph.store],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for first in push.stderr:  # the server is down: the first attempt fails
            if "retrying" in first:
                break
        assert "Connection refused; retrying in 0.5 s" in first
        time.sleep(1.0)
        oxigraph.start()
        _, err = push.communicate(timeout=10)
    finally:
        push.kill()
    assert push.returncode == 0, first + err
    assert "pushed 2 graph(s), 5 triples" in err
    assert oxigraph.counts() == {f"{EX}g1": 2, f"{EX}g2": 3}


def test_server_restarted_in_the_middle_of_a_push_loses_and_duplicates_nothing(oxigraph, tmp_path):
    expected = make_store(tmp_path / "store", graphs=6, triples=3)
    oxigraph.start()
    restart = threading.Timer(0.8, oxigraph.start)
    retries = []

    def after(name: str, triples: int) -> None:
        if name == f"{EX}doc/1":  # two graphs are in; the server dies before the third
            oxigraph.kill()
            restart.start()

    try:
        report = server.push(
            server.open_store(tmp_path / "store"),
            oxigraph.store,
            backoff=0.2,
            on_graph=after,
            on_retry=lambda reason, delay: retries.append(reason),
        )
    finally:
        restart.join()
    assert retries and report.retries == len(retries)
    assert report.graphs == tuple(sorted(expected))
    assert report.triples == 18
    assert oxigraph.counts() == expected


# -- credentials and errors ----------------------------------------------------------------------


DROP = 0  # a FakeStore "status": hang up without answering


class FakeStore:
    """A Graph Store on 127.0.0.1 that records requests and answers with the statuses given.

    With ``forward`` (a real Graph Store URL) each upload is passed on first, so that a DROP is
    an answer lost after the upload was done. A 401 echoes the Authorization header back, as a
    careless server might.
    """

    def __init__(self, statuses: list[int], forward: str | None = None) -> None:
        self.statuses = statuses
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.requests.append((self.command, self.path, dict(self.headers)))
                status = fake.statuses.pop(0) if fake.statuses else 204
                if forward is not None:
                    query = self.path.partition("?")[2]
                    upload = urllib.request.Request(
                        f"{forward}?{query}", body, dict(self.headers), method=self.command
                    )
                    LOCAL.open(upload, timeout=5).close()
                if status == DROP:
                    self.close_connection = True
                    return
                body = f"denied: {self.headers.get('Authorization')}".encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_PUT

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/store"
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake_store():
    stores: list[FakeStore] = []

    def make(*statuses: int, forward: str | None = None) -> FakeStore:
        stores.append(FakeStore(list(statuses), forward))
        return stores[-1]

    yield make
    for store in stores:
        store.close()


def test_basic_credentials_are_sent_and_never_printed(fake_store, tmp_path):
    fake = fake_store(401)
    ttl = write(tmp_path / "small.ttl", TURTLE)
    env = {server.ENV_USER: "alice", server.ENV_PASSWORD: SECRET}
    result = run_kg("push", str(ttl), "--endpoint", fake.url, env=env)
    basic = base64.b64encode(f"alice:{SECRET}".encode()).decode()
    assert [r[2]["Authorization"] for r in fake.requests] == [f"Basic {basic}"]  # 401: no retry
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "HTTP 401" in result.stderr, result.stderr
    for leak in (SECRET, basic):
        assert leak not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "env",
    [{server.ENV_USER: "alice", server.ENV_PASSWORD: SECRET}, {server.ENV_TOKEN: SECRET}],
    ids=["basic", "token"],
)
def test_credentials_never_printed_when_the_server_is_down(tmp_path, env):
    ttl = write(tmp_path / "small.ttl", TURTLE)
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = run_kg("push", str(ttl), "--endpoint", endpoint, "--retries", "1", env=env)
    assert result.returncode == 1
    assert "tried 2 times" in result.stderr and "retrying in 0.5 s" in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_bearer_token_is_sent(fake_store, tmp_path):
    fake = fake_store()
    dataset = server.load_file(write(tmp_path / "small.ttl", TURTLE))
    server.push(dataset, fake.url, env={server.ENV_TOKEN: SECRET})
    assert fake.requests == [("PUT", "/store?default", fake.requests[0][2])]
    assert fake.requests[0][2]["Authorization"] == f"Bearer {SECRET}"
    assert fake.requests[0][2]["Content-Type"] == "application/n-triples"


def test_unavailable_is_retried_but_client_errors_are_not(fake_store, tmp_path):
    dataset = server.load_file(write(tmp_path / "two.trig", TRIG))
    fake = fake_store(503, 502, 504)
    report = server.push(dataset, fake.url, backoff=0.01)
    assert report.retries == 3 and len(fake.requests) == 5
    assert [r[1] for r in fake.requests[-2:]] == [
        f"/store?graph={urllib.parse.quote(EX + g, safe='')}" for g in ("g1", "g2")
    ]
    fake = fake_store(400)
    with pytest.raises(ServerError, match=r"graph <http://example.org/g1>.*HTTP 400"):
        server.push(dataset, fake.url, backoff=0.01)
    assert len(fake.requests) == 1


def test_an_answer_lost_after_the_upload_is_repeated_without_duplicates(
    running, fake_store, tmp_path
):
    expected = make_store(tmp_path / "store", graphs=3, triples=3)
    proxy = fake_store(204, DROP, forward=running.store)
    report = server.push(server.open_store(tmp_path / "store"), proxy.url, backoff=0.01)
    assert report.retries == 1 and len(proxy.requests) == 4
    assert running.counts() == expected


def test_credentials_in_the_url_are_refused_without_being_shown(tmp_path, capsys):
    ttl = write(tmp_path / "small.ttl", TURTLE)
    assert main(["push", str(ttl), "--endpoint", f"http://alice:{SECRET}@127.0.0.1:9/s"]) == 2
    err = capsys.readouterr().err
    assert "KG_PUSH_USER" in err and SECRET not in err


def test_auth_headers_from_environment():
    assert server.auth_headers({}) == {}
    assert server.auth_headers({server.ENV_TOKEN: "t"}) == {"Authorization": "Bearer t"}
    with pytest.raises(UsageError, match=server.ENV_PASSWORD):
        server.auth_headers({server.ENV_USER: "alice"})
    with pytest.raises(UsageError, match="not both"):
        server.auth_headers({server.ENV_TOKEN: "t", server.ENV_USER: "a", server.ENV_PASSWORD: "p"})


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("notes.txt", TURTLE, "not a known RDF file extension"),
        ("broken.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:p", "not valid Turtle"),
        ("empty.ttl", "", "nothing to push"),
    ],
)
def test_bad_input_is_one_line(tmp_path, capsys, name, text, message):
    path = write(tmp_path / name, text)
    assert main(["push", str(path), "--endpoint", "http://127.0.0.1:9/store"]) != 0
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


# -- kg serve ------------------------------------------------------------------------------------


@pytest.fixture
def kg_serve():
    """Starts ``kg serve``; kills it and its oxigraph (one process group) afterwards."""
    procs: list[subprocess.Popen] = []

    def start(*args: str) -> tuple[subprocess.Popen, dict[str, str]]:
        proc = subprocess.Popen(
            [str(KG), "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        procs.append(proc)
        urls = {}
        for line in proc.stdout:
            if ": " in line and "http://" in line:
                name, url = line.split(": ", 1)
                urls[name] = url.strip()
            if "Graph Store endpoint" in line:
                return proc, urls
        raise AssertionError(proc.stderr.read())

    yield start
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):  # the group outlives a dead kg
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_kg_serve_answers_sparql_read_only_and_stops_cleanly(kg_serve, tmp_path):
    expected = make_store(tmp_path / "store", graphs=2, triples=3)
    store = ox.Store(str(tmp_path / "store"))  # like kg's: the default graph is the union
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    store.flush()
    del store
    port = free_port()
    proc, urls = kg_serve("--store", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}")
    assert urls["SPARQL endpoint"] == f"http://127.0.0.1:{port}/query"
    assert urls["Graph Store endpoint"] == f"http://127.0.0.1:{port}/store"
    rows = sparql(urls["SPARQL endpoint"], "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]["value"]) == 2 + 2  # the shared triples once, a blank node per graph
    rows = sparql(
        urls["SPARQL endpoint"], "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    assert int(rows[0]["n"]["value"]) == sum(expected.values())
    put = urllib.request.Request(urls["Graph Store endpoint"] + "?default", b"", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:
        LOCAL.open(put, timeout=5)
    assert refused.value.code == 403
    proc.terminate()
    assert proc.wait(timeout=5) == 0
    assert proc.stderr.read().strip() == "kg: server stopped"
    with pytest.raises(OSError):  # oxigraph stopped with it
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_kg_serve_writable_takes_a_push(kg_serve, tmp_path):
    (tmp_path / "new").mkdir()
    port = free_port()
    _, urls = kg_serve(
        "--store", str(tmp_path / "new"), "--bind", f"127.0.0.1:{port}", "--writable"
    )
    assert urls["SPARQL update"] == f"http://127.0.0.1:{port}/update"
    trig = write(tmp_path / "two.trig", TRIG)
    server.push(server.load_file(trig), urls["Graph Store endpoint"])
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    rows = sparql(urls["SPARQL endpoint"], query)
    assert [(r["g"]["value"], r["n"]["value"]) for r in rows] == [
        (f"{EX}g1", "2"),
        (f"{EX}g2", "3"),
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [(lambda p: p / "missing", "no store at"), (lambda p: p, "is not a kg store")],
    ids=["missing", "not-a-store"],
)
def test_kg_serve_refuses_what_is_no_store(tmp_path, capsys, make, message):
    assert main(["serve", "--store", str(make(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_missing_oxigraph_program_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServerError, match=r"pip install oxigraph==0\.5\.13"):
        server.oxigraph_binary()


@pytest.mark.parametrize("command", ["serve", "push"])
def test_help_has_an_example(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and "example:" in out and f"kg {command}" in out
