"""The extraction stage on local worker processes: same graphs, same order, errors as themselves,
and a parent process that never loads spaCy."""

import subprocess
import sys

import pytest
from conftest import SEEDS

from kg.errors import ModelNotFoundError
from kg.ingest.files import iter_documents
from kg.model import Document
from kg.parallel import (
    balanced_partitions,
    extract_parallel,
    in_order,
    partitions,
    worker_context,
)


def documents() -> list[Document]:
    seed = [d for d in iter_documents([SEEDS]) if isinstance(d, Document)]
    more = [
        Document(id=f"n{i}", text=text)
        for i, text in enumerate(
            [
                "Huawei opened a research center in Munich, Germany.",
                "China Unicom said it would build 5G base stations in Shanghai.",
                "Li Wei, deputy director of the Department of Information Technology, spoke.",
            ]
        )
    ]
    return seed + more


def test_two_workers_give_the_graphs_of_one_in_input_order():
    docs = documents()
    one = list(extract_parallel(iter(docs), workers=1))
    two = list(extract_parallel(iter(docs), workers=2, partition_size=1))
    assert [g.document.id for g in two] == [d.id for d in docs]
    assert two == one


def test_a_workers_error_reaches_the_caller_as_itself():
    with pytest.raises(ModelNotFoundError):
        list(extract_parallel(iter(documents()), workers=2, model="/no/such/model"))


def test_in_order_keeps_at_most_slots_in_flight():
    submitted, done = [], []

    class Done:
        def __init__(self, chunk):
            self.chunk = chunk

        def result(self):
            done.append(self.chunk)
            return self.chunk

    def submit(chunk):
        submitted.append(chunk)
        assert len(submitted) - len(done) <= 3
        return Done(chunk)

    out = list(in_order(submit, partitions(iter(range(10)), 2), slots=3))
    assert out == list(range(10))


def test_workers_fork_from_a_server_that_imported_kg_once():
    import multiprocessing

    expected = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    assert worker_context().get_start_method() == expected


def test_a_build_on_workers_never_imports_spacy_in_this_process(tmp_path):
    (tmp_path / "a.txt").write_text("Huawei opened a research center in Munich, Germany.")
    script = (
        "import sys, kg.api, kg.rdf.store as s\n"
        f"r = kg.api.build_into(s.Store(), [{str(tmp_path / 'a.txt')!r}], workers=2)\n"
        "print(len(r.added), 'spacy' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "False"]


@pytest.mark.parametrize(
    ("n", "sizes"),
    [
        (0, []),
        (3, [1, 1, 1]),
        (64, [16] * 4),
        (97, [32, 17, 16, 16, 16]),
        (200, [32] * 4 + [18] * 4),
    ],
)
def test_balanced_partitions_cut_the_tail_into_near_equal_lists(n, sizes):
    out = list(balanced_partitions(range(n), 32, 2))
    assert [len(chunk) for chunk in out] == sizes
    assert [x for chunk in out for x in chunk] == list(range(n))


def test_balanced_partitions_read_a_bounded_way_ahead():
    read = []

    def items():
        for i in range(1000):
            read.append(i)
            yield i

    chunks = balanced_partitions(items(), 10, 3)
    first = next(chunks)
    assert first == list(range(10))
    assert len(read) == 40  # (parts + 1) * size: memory does not grow with the corpus
