"""Loading the spaCy pipeline: a statistical English model plus kg's own components.

The model is loaded lazily, once per (model, ontology) pair; nothing is downloaded.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex

from kg.errors import ModelNotFoundError
from kg.nlp import linebreaks, mentions, relations, repairs, terms  # noqa: F401  (factories)
from kg.nlp.attributes import index_attribute_ruler
from kg.nlp.lemmas import remember_lemmas
from kg.nlp.lexicon import load_lexicon
from kg.nlp.models import INSTALL_HINT, find_model


@functools.lru_cache(maxsize=2)
def load_pipeline(model: str | None = None, ontology_dir: str | None = None) -> Language:
    """The spaCy pipeline with kg's components: line breaks, terms, mentions, parse
    repairs, relations; the model's attribute ruler and lemmatizer are replaced by components
    that set the same values faster (:mod:`kg.nlp.attributes`, :mod:`kg.nlp.lemmas`)."""
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
    # "/PRNewswire/": a wire service's name opens with a slash of its own (the closing one stays
    # on the name, as "TDD/ FDD" keeps it: kg.nlp.datelines reads it)
    prefixes = [*nlp.Defaults.prefixes, r"/(?=[A-Z])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    for term in lexicon.terms:
        for form in term.forms:
            if " " not in form and any(c.isdigit() for c in form):
                nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
                # and at a sentence's end, where the full stop would stay on a final capital
                # ("the zone of 5G-A."), not split off as after "5G."
                nlp.tokenizer.add_special_case(f"{form}.", [{"ORTH": form}, {"ORTH": "."}])
    # "co-organized": the prefix apart, so the parse and the lemma see the verb "organized"
    for form in prefixed_verb_forms(lexicon.relation_patterns):
        prefix, verb = form.split("-", 1)
        nlp.tokenizer.add_special_case(form, [{"ORTH": f"{prefix}-"}, {"ORTH": verb}])
    # the model's own attribute rules and lemmas, worked out faster to the same values
    index_attribute_ruler(nlp)
    remember_lemmas(nlp)
    config = {"ontology_dir": ontology_dir}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    nlp.add_pipe("kg_terms", config=config)
    nlp.add_pipe("kg_mentions", config=config)
    nlp.add_pipe("kg_repairs", config=config)
    nlp.add_pipe("kg_relations", config=config)
    return nlp


def prefixed_verb_forms(patterns: list[dict]) -> list[str]:
    """The inflected forms, lower case and capitalised, of the prefixed verb lemmas relation
    patterns name ("co-organize": "co-organized", "co-organizes", "co-organizing")."""
    named = [
        node.get("RIGHT_ATTRS", {}).get("LEMMA") for spec in patterns for node in spec["pattern"]
    ]
    lemmas = sorted(
        {
            lemma
            for value in named
            for lemma in (value.get("IN", []) if isinstance(value, dict) else [value])
            if isinstance(lemma, str)
            and "-" in lemma
            and lemma.replace("-", "").isalpha()
            and len(lemma.split("-")[0]) <= 3  # a prefix ("co-"), not a phrasal noun ("roll-out")
        }
    )
    forms = []
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (f"{stem}ed", f"{lemma}s", f"{stem}ing"):
            forms += [form, form.capitalize()]
    return forms
