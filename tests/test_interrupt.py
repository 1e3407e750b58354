"""A build killed with SIGKILL at any moment leaves a store that opens, validates and resumes.

``kg build --store`` commits ``--batch-size`` documents per transaction, in input order, and a
resumed build skips the documents already stored. So after any kill the store must hold exactly
the first k documents of the corpus, where k is a multiple of the batch size or the whole corpus
(the last batch may be short), each document's graph whole and the entity summary that of those
k documents: byte for byte the store an uninterrupted build of those k documents gives. k never
goes down, and the finished build equals an uninterrupted one.

Kills land at seeded random moments: during interpreter start-up, imports and model loading
(which may include the first batch), and after a batch is committed (the first progress line is
printed after the first commit), within the time of one or two more batches, so in the middle of
extracting or of committing one.
"""

from __future__ import annotations

import functools
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import kg
from kg.rdf.store import Store

BATCH = 4
DOCUMENTS = 162  # 41 batches, the last one short: room for a dozen kills when a warm start-up
# gets further than the reference build did before its first commit, or the machine is busy
KILLS = 11  # kills of builds that were still running
SEED = 20240521

FAMILY = ["Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun"]
GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Qiang", "Yan", "Hui", "Bo", "Ning", "Tao", "Xin"]
MINISTRIES = [
    "Ministry of Commerce",
    "Ministry of Industry and Information Technology",
    "Ministry of Culture and Tourism",
    "National Development and Reform Commission",
    "Ministry of Science and Technology",
    "Ministry of Transport",
]
OPERATORS = ["China Mobile", "China Unicom", "China Telecom", "China Broadnet", "Huawei", "ZTE"]
INFRA = [
    "5G base stations",
    "gigabit fiber networks",
    "data centers",
    "the industrial internet",
    "5G networks",
    "cloud computing centers",
]
CONSUMPTION = ["live streaming", "cloud tourism", "online education", "telemedicine"]
PLACES = ["Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chengdu", "Wuhan", "Hangzhou", "Tianjin"]


def write_corpus(root: Path, n: int, rng: random.Random) -> list[str]:
    """``n`` unique invented news items of 2-4 sentences; their ids in input order."""
    root.mkdir()
    ids = []
    for i in range(n):
        person = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        ministry, operator = rng.choice(MINISTRIES), rng.choice(OPERATORS)
        place, other = rng.sample(PLACES, 2)
        sentences = [
            f"{person}, spokesperson of the {ministry}, said on May {i % 28 + 1} that {operator} "
            f"will build {1000 + 37 * i} {rng.choice(INFRA)} in {place}.",
            f"{operator} and {rng.choice(OPERATORS)} signed an agreement in {other} to "
            f"accelerate {rng.choice(INFRA)}.",
            f"The {ministry} supports {rng.choice(CONSUMPTION)} and {rng.choice(CONSUMPTION)} "
            f"in {place}.",
            f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}, director of the Department of "
            f"Information and Communication Development of the {ministry}, visited {other}.",
        ]
        text = " ".join(sentences[: rng.randint(2, 4)])
        name = f"news-{i:03d}"
        (root / f"{name}.txt").write_text(f"Report {i}. {text}\n", encoding="utf-8")
        ids.append(name)
    return ids


class Build:
    """``kg build`` of the corpus into a store, as a child process whose stderr is watched."""

    def __init__(self, corpus: Path, store: Path, out: Path, *, quiet: bool = False) -> None:
        args = [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store)]
        args += ["--no-view", "--no-report", "--batch-size", str(BATCH), "--out", str(out)]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            args + (["--quiet"] if quiet else []),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.committed = threading.Event()  # the first batch of this run is in the store
        self.first_commit: float | None = None
        self.stderr: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.stderr.append(line)
            if line.startswith("[") and not self.committed.is_set():
                self.first_commit = time.monotonic() - self.started
                self.committed.set()

    def wait_for_commit(self, timeout: float) -> bool:
        """Whether a first batch was committed (False: the build ended or timed out first)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.committed.wait(0.01):
                return True
            if self.proc.poll() is not None:
                self._reader.join(5)
                return self.committed.is_set()
        return False

    def kill(self) -> bool:
        """SIGKILL the build; whether it was still running."""
        running = self.proc.poll() is None
        if running:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(5)
        return running

    def finish(self, timeout: float = 300) -> None:
        code = self.proc.wait(timeout)
        self._reader.join(5)
        assert code == 0, "".join(self.stderr)


@pytest.fixture
def builds():
    """Every build started by a test, killed at teardown if it still runs."""
    started: list[Build] = []
    yield started
    for build in started:
        if build.proc.poll() is None:
            build.proc.kill()
        build.proc.wait(30)
        if build.proc.stderr:
            build.proc.stderr.close()


def run_kg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=timeout
    )


def trig(store: Store) -> bytes:
    return store.serialize("trig")


def test_a_build_killed_at_random_moments_resumes_to_the_uninterrupted_graph(tmp_path, builds):
    rng = random.Random(SEED)
    corpus = tmp_path / "corpus"
    ids = write_corpus(corpus, DOCUMENTS, rng)
    ref_path, path, out = tmp_path / "ref", tmp_path / "store", tmp_path / "out"

    # the uninterrupted build, timed: start-up to the first commit, then per batch
    builds.append(reference := Build(corpus, ref_path, tmp_path / "ref-out"))
    reference.finish()
    total = time.monotonic() - reference.started
    assert reference.first_commit is not None, "".join(reference.stderr)
    startup = reference.first_commit
    per_batch = max((total - startup) / (len(ids) / BATCH - 1), 0.02)

    # what a store of the first k documents must be: the same graphs, added batch by batch
    graphs = kg.build([corpus]).graphs
    assert [g.document.id for g in graphs] == ids

    @functools.cache
    def expected(k: int) -> bytes:
        store = Store()
        for i in range(0, k, BATCH):
            store.add(graphs[i : min(i + BATCH, k)])
        return trig(store)

    assert expected(len(ids)) == trig(Store(ref_path, read_only=True))

    history: list[tuple[str, float, int]] = []  # (when, seconds after start, documents after)
    validated = 0
    kills = attempts = 0
    stored: list[str] = []
    while kills < KILLS and len(stored) < len(ids):
        attempts += 1
        assert attempts <= 3 * KILLS, history
        builds.append(build := Build(corpus, path, out))
        if attempts % 3 == 1:
            # during start-up: interpreter, imports, model, possibly the first batch
            when = "start-up"
            time.sleep(rng.uniform(0.02, startup * 0.9) if attempts > 1 else 0.05)
        else:
            # one or two batches after this run's first commit
            when = "mid-build"
            if build.wait_for_commit(timeout=startup * 5 + 60):
                time.sleep(rng.uniform(0.0, 1.5 * per_batch))
        elapsed = time.monotonic() - build.started
        if build.kill():
            kills += 1

        if not path.exists():  # killed before it created the store
            history.append((when, round(elapsed, 2), 0))
            continue
        # the store opens, and holds whole batches of the corpus, in input order
        store = Store(path, read_only=True)
        documents = store.documents()
        k = len(documents)
        history.append((when, round(elapsed, 2), k))
        assert k >= len(stored), history
        assert k % BATCH == 0 or k == len(ids), history
        assert list(documents) == ids[:k], history
        assert trig(store) == expected(k), f"store after kill {kills} differs: {history}"
        stored = list(documents)
        del store

        if 0 < k < len(ids) and validated < 2 and kills >= 3 + 5 * validated:
            result = run_kg("validate", "--store", str(path))
            assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
            validated += 1

    print(f"kills: {kills} of {attempts} builds, history: {history}", file=sys.stderr)
    assert kills >= 10, history
    assert any(when == "start-up" and k < len(ids) for when, _, k in history), history
    assert sum(0 < k < len(ids) for _, _, k in history) >= 5, history
    assert validated >= 1, history

    # resumed to the end, the store is the uninterrupted one
    builds.append(last := Build(corpus, path, out, quiet=True))
    last.finish()
    result = run_kg("validate", "--store", str(path))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    done, ref = Store(path, read_only=True), Store(ref_path, read_only=True)
    assert done.documents() == ref.documents()
    assert list(done.documents()) == ids
    assert len(done) == len(ref)
    assert isomorphic(done.to_rdflib(), ref.to_rdflib())
    assert trig(done) == trig(ref)
