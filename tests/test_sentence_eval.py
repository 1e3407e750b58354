import json

from kg.sentence_eval import char_spans, score, without_stop


def sentence(tokens: str, entities, relations):
    return {
        "tokens": tokens.split(" "),
        "entities": [{"type": t, "start": s, "end": e} for t, s, e in entities],
        "relations": [{"type": t, "head": h, "tail": d} for t, h, d in relations],
    }


def test_char_spans_follow_single_spaces():
    assert char_spans(["Li", "Wei", "."]) == [(0, 2), (3, 6), (7, 8)]


def test_scoring_counts_entities_and_linked_pairs():
    sents = [
        sentence(
            "Li Wei , spokesman for the Ministry of Commerce , said exports grew .",
            [("Peop", 0, 2), ("Org", 6, 9)],
            [("Work_For", 0, 1)],
        ),
        sentence("Zhang San visited Paris .", [("Peop", 0, 2), ("Loc", 3, 4), ("Other", 4, 5)], []),
    ]
    result = score(sents)
    assert result["entities"]["tp"] == 4 and result["entities"]["fn"] == 0
    assert result["relations"]["tp"] == 1 and result["relations"]["fn"] == 0


def test_a_final_full_stop_is_not_part_of_the_compared_span():
    # the dataset writes "Conn." as one token; a tokenizer may or may not split its stop off
    sents = [
        sentence(
            "Zhang San lives in Hartford , Conn. , with Li Wei of Kosovo.",
            [("Peop", 0, 2), ("Loc", 4, 5), ("Loc", 6, 7), ("Peop", 9, 11), ("Loc", 12, 13)],
            [],
        )
    ]
    result = score(sents)
    assert result["entities"]["fn"] == 0 and result["entities"]["fp"] == 0


def test_a_reference_to_an_organisation_is_no_named_mention():
    sents = [
        sentence(
            "The Environmental Protection Agency is working on a brochure . The agency said no .",
            [("Org", 1, 4)],
            [],
        )
    ]
    result = score(sents)
    assert result["entities"]["tp"] == 1 and result["entities"]["fp"] == 0


def test_a_stop_written_apart_from_its_abbreviation_is_not_part_of_the_span():
    # the dataset sometimes splits the stop off an abbreviation: "Chisholm , Minn ." is "Minn."
    assert without_stop("in Chisholm , Minn .", 14, 20) == (14, 18)
    assert without_stop("Minn.", 0, 5) == (0, 4)
    assert without_stop(".", 0, 1) == (0, 1)


def test_dev_split_runs(shared_dir):
    sents = json.loads((shared_dir / "datasets" / "conll04" / "conll04_dev.json").read_text())[:40]
    result = score(sents)
    print(result)
    assert result["sentences"] == 40
    assert result["entities"]["f1"] >= 0.5  # a floor: the statistical NER alone is near 0.7
