"""The extraction stage (kg/extraction.py): a document whose extraction fails is reported and the
others go on."""

import pytest

import kg
from kg.api import build_into
from kg.errors import ExtractionError
from kg.model import Document, Skipped
from kg.nlp.mentions import MentionFinder
from kg.rdf.store import Store

TEXTS = {
    "a.txt": "China Mobile will build 5G networks in Hunan.",
    "b.txt": "China Unicom BOOM will open data centers.",
    "c.txt": "China Telecom will promote cloud gaming.",
}


def _boom_in(function):
    def failing(doc, *args, **kwargs):
        if "BOOM" in doc.text:
            raise IndexError("list index out of range")
        return function(doc, *args, **kwargs)

    return failing


@pytest.mark.parametrize("where", ["component", "stage"])
def test_a_document_that_fails_is_skipped_with_why_and_the_others_are_built(
    tmp_path, monkeypatch, where
):
    import kg.extraction

    if where == "component":  # inside nlp.pipe: kg's mention finder
        original = MentionFinder.__call__
        monkeypatch.setattr(
            MentionFinder, "__call__", lambda self, doc: _boom_in(lambda d: original(self, d))(doc)
        )
    else:  # after the parse: the quantities stage
        monkeypatch.setattr(
            kg.extraction, "find_quantities", _boom_in(kg.extraction.find_quantities)
        )
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    seen = []
    store = Store()
    report = build_into(store, [tmp_path], on_input=seen.append)
    assert sorted(report.added) == ["a", "c"]
    [failed] = report.skipped
    assert failed.source.endswith("b.txt")
    assert "extraction failed" in failed.reason and "IndexError" in failed.reason
    assert seen == [failed]
    # the Python API of one text raises one clear error instead
    with pytest.raises(ExtractionError, match="IndexError"):
        kg.extract(TEXTS["b.txt"])
    # and the shared pipeline raises again for anyone else
    from kg.nlp.pipeline import load_pipeline

    if where == "component":
        with pytest.raises(IndexError):
            list(load_pipeline().pipe([TEXTS["b.txt"]]))


def test_nothing_fails_nothing_is_skipped():
    graphs = list(kg.api.extract_stream([Document("d", TEXTS["a.txt"])]))
    assert not any(isinstance(g, Skipped) for g in graphs) and len(graphs) == 1
