"""Three articles of the seed's kind written for measurement (tests/gold/heldout/): scored
against golds their annotator wrote without seeing kg's code or output. Floors a little under
the figures measured after this stop's fixes (README, Quality); the blind first scores are in
the commit that added them."""

import hashlib
import json

import pytest
from conftest import ROOT

import kg
from kg.eval import score

HELDOUT = ROOT / "tests" / "gold" / "heldout"


@pytest.mark.parametrize(
    ("name", "entity_f1", "relation_f1", "statement_f1", "quantity_f1"),
    [
        ("h1", 0.83, 0.75, 0.9, 0.9),
        ("h2", 0.83, 0.66, 0.8, 0.7),
        ("h3", 0.82, 0.66, 0.9, 0.85),
    ],
)
def test_heldout_article_against_its_gold(name, entity_f1, relation_f1, statement_f1, quantity_f1):
    gold = json.loads((HELDOUT / f"{name}.json").read_text())
    path = HELDOUT / f"{name}.txt"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == gold["document_sha256"]
    result = score(gold, kg.build([path]).to_rdflib())
    assert result["entities"]["f1"] >= entity_f1, result["entities"]
    assert result["relations"]["f1"] >= relation_f1, result["relations"]
    assert result["statements"]["f1"] >= statement_f1, result["statements"]
    assert result["quantities"]["f1"] >= quantity_f1, result["quantities"]
