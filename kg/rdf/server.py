"""Real servers: run Oxigraph's SPARQL server on a kg store, and push RDF to any SPARQL store.

:func:`serve` runs the ``oxigraph`` program (PyPI package ``oxigraph``) in the foreground on a
store folder. :func:`push` uploads through the SPARQL 1.1 Graph Store HTTP Protocol: one
``PUT ENDPOINT?graph=IRI`` per graph, which replaces that graph, so repeating a request after a
dropped connection can neither lose nor duplicate a triple. Oxigraph (``/store``), Fuseki
(``/DATASET/data``) and GraphDB (``/repositories/REPO/rdf-graphs/service``) all speak it.

Credentials come from the environment only (``KG_PUSH_USER`` and ``KG_PUSH_PASSWORD`` for HTTP
Basic, or ``KG_PUSH_TOKEN`` for a Bearer token) and are left out of every message.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, Triple

from kg.errors import ServerError, UsageError
from kg.rdf.namespace import KG

DEFAULT_BIND = "127.0.0.1:7878"
INSTALL_HINT = "pip install oxigraph==0.5.13"
ENV_USER, ENV_PASSWORD, ENV_TOKEN = "KG_PUSH_USER", "KG_PUSH_PASSWORD", "KG_PUSH_TOKEN"
#: statuses meaning "briefly unavailable": the request is repeated after a pause
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
MAX_DELAY = 8.0
#: file extensions of the RDF files :func:`load_file` reads
EXTENSIONS = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML,
    ".xml": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
    ".n3": RdfFormat.N3,
}
#: exit codes of a server stopped by Ctrl-C or SIGTERM rather than by an error
_STOPPED = frozenset({-signal.SIGINT, -signal.SIGTERM, 130, 143})


@dataclass(frozen=True)
class Endpoints:
    """Where a server started by :func:`serve` answers."""

    query: str
    store: str
    update: str | None


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` uploaded: one PUT per graph."""

    endpoint: str  # as shown to users: without any user info
    graphs: tuple[str, ...]  # graph IRIs; "default" for the server's default graph
    triples: int
    retries: int  # requests that had to be repeated


# -- serve ---------------------------------------------------------------------------------------


def oxigraph_binary() -> Path:
    """The ``oxigraph`` program: beside this Python (its virtualenv) first, then on PATH."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if found is None:
        raise ServerError(f"the Oxigraph server is not installed: run `{INSTALL_HINT}`")
    return Path(found)


def endpoints(bind: str, *, writable: bool = False) -> Endpoints:
    """The URLs of a server listening on ``bind`` (HOST:PORT).

    >>> endpoints("127.0.0.1:7878").query
    'http://127.0.0.1:7878/query'
    """
    base = f"http://{bind}"
    return Endpoints(f"{base}/query", f"{base}/store", f"{base}/update" if writable else None)


def serve_command(store: Path, bind: str = DEFAULT_BIND, *, writable: bool = False) -> list[str]:
    """The ``oxigraph`` command line serving ``store``.

    A kg store keeps its default graph equal to the union of its named graphs, so plain
    queries see every fact once; ``GRAPH`` patterns pick one document.
    """
    mode = "serve" if writable else "serve-read-only"
    location = ["--location", str(store)]
    return [str(oxigraph_binary()), mode, *location, "--bind", bind]


def serve(
    store: Path,
    bind: str = DEFAULT_BIND,
    *,
    writable: bool = False,
    ready: Callable[[Endpoints], None] | None = None,
) -> None:
    """Run Oxigraph's SPARQL server on ``store`` in the foreground, read-only unless ``writable``.

    ``ready`` is called once the server listens. Returns when Ctrl-C or SIGTERM (to this
    process or the server) has stopped it; a server that cannot start, or stops with an error,
    raises ServerError.
    """
    if not store.is_dir():
        raise UsageError(f"no store at {store}: not a folder")
    if not writable:
        open_store(store)  # fails with a clear message, else is closed again at once
    command = serve_command(store, bind, writable=writable)
    env = {**os.environ, "RUST_BACKTRACE": "0"}
    with _sigterm_as_interrupt():
        proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
        errors: deque[str] = deque(maxlen=100)
        reader = threading.Thread(target=errors.extend, args=(proc.stderr,), daemon=True)
        listening = False
        try:
            for line in proc.stderr:  # oxigraph says "Listening for requests at ..." once bound
                errors.append(line)
                if line.startswith("Listening"):
                    listening = True
                    break
            reader.start()
            if listening and ready is not None:
                ready(endpoints(bind, writable=writable))
            code = proc.wait()
        except KeyboardInterrupt:
            return
        finally:
            _stop(proc)
    reader.join(timeout=1)
    if code in _STOPPED and listening:
        return
    what = "stopped" if listening else f"could not serve {store} on {bind}"
    raise ServerError(f"oxigraph {what}: {_last_error(errors, code)}")


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the server and wait for it; a second Ctrl-C or 5 s of waiting kills it."""
    while proc.poll() is None:
        try:
            proc.terminate()
            proc.wait(timeout=5)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            proc.kill()


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, so that the server is stopped rather than orphaned."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _last_error(lines: deque[str], code: int) -> str:
    texts = [line.strip() for line in lines if line.strip()]
    for text in texts:
        if text.startswith("Error:"):
            return text.removeprefix("Error:").strip()
    return texts[-1] if texts else f"exit code {code}"


# -- push ----------------------------------------------------------------------------------------


def open_store(path: Path) -> Store:
    """A kg store (an Oxigraph database folder), opened read-only."""
    if not path.is_dir():
        raise UsageError(f"no store at {path}: not a folder")
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise UsageError(f"{path} is not a kg store (no Oxigraph database in it)") from exc


def load_file(path: Path) -> Store:
    """An RDF file in memory; its format follows from its extension (see EXTENSIONS)."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(EXTENSIONS)
        raise UsageError(f"{path}: not a known RDF file extension (one of {known})")
    dataset = Store()
    try:
        dataset.load(path=str(path), format=fmt)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except SyntaxError as exc:
        raise UsageError(f"{path}: not valid {fmt.name}: {exc.msg}") from exc
    return dataset


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL of one graph (None: the default graph).

    >>> graph_url("http://localhost:7878/store", "https://ex.org/g#1")
    'http://localhost:7878/store?graph=https%3A%2F%2Fex.org%2Fg%231'
    >>> graph_url("http://localhost:7878/store", None)
    'http://localhost:7878/store?default'
    """
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def redact(url: str) -> str:
    """``url`` without user info, fit to print.

    >>> redact("https://alice:s3cret@db.example.org/store")
    'https://db.example.org/store'
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "(an invalid URL)"
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def auth_headers(env: Mapping[str, str]) -> dict[str, str]:
    """The Authorization header from KG_PUSH_TOKEN, or KG_PUSH_USER and KG_PUSH_PASSWORD."""
    token, user, password = (env.get(name) for name in (ENV_TOKEN, ENV_USER, ENV_PASSWORD))
    if token and (user or password):
        raise UsageError(f"set either {ENV_TOKEN} or {ENV_USER} and {ENV_PASSWORD}, not both")
    if token:
        return {"Authorization": f"Bearer {token}"}
    if bool(user) != bool(password):
        missing = ENV_PASSWORD if user else ENV_USER
        raise UsageError(f"{missing} is not set: HTTP Basic needs {ENV_USER} and {ENV_PASSWORD}")
    if user and password:
        basic = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {basic}"}
    return {}


def graph_uploads(
    dataset: Store, default: str | None = None
) -> Iterator[tuple[str | None, list[Triple]]]:
    """Each target graph and its triples, the default graph first, then by IRI.

    Named graphs keep their names (a kg store's bookkeeping graph of ``kg:tally`` is left out); triples of the default graph go to the graph ``default``
    (None: the server's default graph), together with that graph's own triples if it has any.
    """
    sources: dict[str | None, list[NamedNode | DefaultGraph]] = {}
    tally = NamedNode(str(KG.tally))
    for name in dataset.named_graphs():
        if not isinstance(name, NamedNode):
            raise UsageError(f"graph {name} has no IRI: a Graph Store addresses graphs by IRI")
        if any(True for _ in dataset.quads_for_pattern(None, tally, None, name)):
            continue  # a store's bookkeeping (kg:tally), not data
        sources[name.value] = [name]
    if any(True for _ in dataset.quads_for_pattern(None, None, None, DefaultGraph())):
        sources.setdefault(default, []).append(DefaultGraph())
    for target in sorted(sources, key=lambda t: (t is not None, t or "")):
        quads = (q for g in sources[target] for q in dataset.quads_for_pattern(None, None, None, g))
        yield target, list(dict.fromkeys(q.triple for q in quads))


def push(
    dataset: Store,
    endpoint: str,
    *,
    graph: str | None = None,
    retries: int = 5,
    backoff: float = 0.5,
    timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
    on_graph: Callable[[str, int], None] | None = None,
    on_retry: Callable[[str, float], None] | None = None,
) -> PushReport:
    """Upload every graph of ``dataset`` to a SPARQL 1.1 Graph Store, replacing same-named graphs.

    Triples in the default graph go to ``graph`` if given, else to the server's default graph.
    A refused or dropped connection, a timeout or HTTP 429/502/503/504 is retried up to
    ``retries`` times, after ``backoff`` seconds, doubling up to 8 s; any other error stops the
    push at once. ``on_graph(name, triples)`` follows each upload, ``on_retry(reason, delay)``
    precedes each pause. Credentials come from ``env`` (default: the environment).
    """
    if retries < 0:
        raise UsageError(f"retries must be 0 or more, not {retries}")
    shown = _check_endpoint(endpoint)
    if graph is not None:
        _check_iri(graph)
    env = os.environ if env is None else env
    headers = {"Content-Type": "application/n-triples", **auth_headers(env)}
    secrets = [
        v for v in (headers.get("Authorization"), env.get(ENV_PASSWORD), env.get(ENV_TOKEN)) if v
    ]
    names, total, repeated = [], 0, 0
    for target, triples in graph_uploads(dataset, graph):
        name = target or "default"
        label = "the default graph" if target is None else f"graph <{target}>"
        request = urllib.request.Request(
            graph_url(endpoint, target),
            data=pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES),
            headers=headers,
            method="PUT",
        )
        for attempt in range(retries + 1):
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    response.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                reason = _scrub(_describe(exc), secrets)
                if not _transient(exc):
                    raise ServerError(f"cannot push {label} to {shown}: {reason}") from exc
                if attempt == retries:
                    raise ServerError(
                        f"cannot push {label} to {shown}: {reason} (tried {retries + 1} times)"
                    ) from exc
                delay = _delay(exc, attempt, backoff)
                if on_retry is not None:
                    on_retry(reason, delay)
                repeated += 1
                time.sleep(delay)
        names.append(name)
        total += len(triples)
        if on_graph is not None:
            on_graph(name, len(triples))
    return PushReport(shown, tuple(names), total, repeated)


def _check_endpoint(endpoint: str) -> str:
    shown = redact(endpoint)
    try:
        parts = urllib.parse.urlsplit(endpoint)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UsageError(f"the endpoint must be an http(s) URL, not {shown}")
    if "@" in parts.netloc:
        raise UsageError(
            f"credentials belong in {ENV_USER} and {ENV_PASSWORD} or {ENV_TOKEN}, "
            f"not in the URL {shown}"
        )
    return shown


def _check_iri(iri: str) -> None:
    try:
        NamedNode(iri)
    except ValueError as exc:
        raise UsageError(f"not an absolute IRI: {iri!r} ({exc})") from exc


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code in TRANSIENT_STATUSES
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    return isinstance(exc, ConnectionError | TimeoutError | http.client.HTTPException)


def _delay(exc: BaseException, attempt: int, backoff: float) -> float:
    delay = backoff * 2**attempt
    if isinstance(exc, urllib.error.HTTPError):
        with contextlib.suppress(TypeError, ValueError):
            delay = max(delay, float(exc.headers.get("Retry-After")))
    return min(MAX_DELAY, delay)


def _describe(exc: BaseException) -> str:
    """One line: the HTTP status and the first line of the server's answer, or the OS error."""
    if isinstance(exc, urllib.error.HTTPError):
        body = exc.read(2000).decode("utf-8", "replace").strip().splitlines()
        detail = f": {body[0][:200]}" if body else ""
        return f"HTTP {exc.code} {exc.reason}{detail}"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        return (reason.strerror or str(reason)) if isinstance(reason, OSError) else str(reason)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return " ".join(text.split())
