"""The code base stays ruff-clean (lint and format), as configured in pyproject.toml."""

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize("args", [["check", "kg", "tests"], ["format", "--check", "kg", "tests"]])
def test_ruff(args):
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    result = subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_document_names_in_code():
    """Names from the seed article belong in no Python file: the extractor is general."""
    seed = (ROOT / "seeds").glob("*.txt")
    text = " ".join(p.read_text() for p in seed)
    names = {"Wen Ku", "Teng Han", "Dai Rui", "Raytheon", "Vulcan", "Hubei", "MIIT"}
    assert all(n in text for n in names)
    for path in [*(ROOT / "kg").rglob("*.py")]:
        code = path.read_text()
        assert not [n for n in names if n in code], path
    assert sys.version_info >= (3, 11)
