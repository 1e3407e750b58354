"""Exports are written atomically: a killed writer never leaves a truncated file behind."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.api import write_atomic

WRITER = """
import sys
from pathlib import Path
from kg.api import write_atomic
target = Path(sys.argv[1])
versions = [("v%d " % i) * 2_000_000 + "END" for i in range(3)]
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, versions[i % 3])
    i += 1
"""


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    write_atomic(target, "old content")

    def broken(self, text, encoding=None):
        Path.open(self, "w").write(text[:5])  # half of it reaches the disk, then the failure
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", broken)
    with pytest.raises(OSError):
        write_atomic(target, "new content that never lands")
    monkeypatch.undo()
    assert target.read_text() == "old content"


def test_a_writer_killed_at_random_moments_never_leaves_a_truncated_file(tmp_path):
    target = tmp_path / "graph.ttl"
    rng = random.Random(7)
    for _ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.6))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        if target.exists():
            text = target.read_text()
            assert text.endswith("END") and len(text) == len("v0 ") * 2_000_000 + 3
