"""Score kg on CoNLL04 (Roth & Yih 2004): people, organisations, places and the links between them.

Usage::

    python -m kg.sentence_eval ../shared/datasets/conll04/conll04_dev.json [--limit N]
        [--relation-model MODEL.json]

Each sentence (its tokens joined by single spaces) goes through ``kg.extract(text).to_rdflib()``.
An entity is found when an entity of the matching class (Peop -> Person, Org -> Organization,
Loc -> Place; "Other" is not scored) has a mention with exactly the gold character span, both
compared without a final full stop: the dataset glues a sentence's full stop to a name's last
token ("Kosovo.") and writes abbreviations with their own ("Conn.", "D.C."), and a tokenizer may
take the stop either way. A gold
relation is found when its two entities are linked in the RDF, directly or through one node
between them (a post, an event); direction and relation type are not scored. Predicted relations
are all such links between entities of the three classes. A statement or a quantity relates
nobody to anything: the entities a speaker names, the entity a figure measures and its reporter
are not linked through it (``--count-statements`` counts them as links too).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import rdflib
from rdflib import RDF

from kg.errors import KGError
from kg.eval import prf
from kg.rdf.namespace import KG, PROV, SCHEMA

CLASSES = {"Peop": "Person", "Org": "Organization", "Loc": "Place"}
# the document node mentions every entity: a link through it is no relation
_SKIP = {RDF.type, KG.evidence, KG.concept, SCHEMA.mentions, PROV.wasDerivedFrom}
# who said or reported what, and what a statement names or a figure measures: no relations
_CLAIMS = {KG.speaker, KG.about, KG.reportedBy, KG.measures}


def char_spans(tokens: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for tok in tokens:
        spans.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return spans


def without_stop(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without its final full stop, if it has one after other characters, and without
    the space before that stop (the dataset's "Minn ." is the abbreviation "Minn.")."""
    if end - start > 1 and text[end - 1] == ".":
        end -= 1
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
    return start, end


#: evidence rules of references to an entity that are no names ("the agency", "the company"):
#: CoNLL04 marks names only
REFERENCE_RULES = frozenset({"coref.definite"})


def entity_spans(g: rdflib.Graph, tops: dict, text: str) -> dict[tuple[int, int, str], str]:
    """(start, end, top class) of every named mention (without a final full stop) -> entity
    IRI."""
    found = {}
    for s, cls in g.subject_objects(RDF.type):
        if cls not in tops:
            continue
        for ev in g.objects(s, KG.evidence):
            if str(g.value(ev, KG.rule)) in REFERENCE_RULES:
                continue
            start, end = g.value(ev, KG.startOffset), g.value(ev, KG.endOffset)
            if start is not None and end is not None:
                found[(*without_stop(text, int(start), int(end)), tops[cls])] = str(s)
    return found


def linked_pairs(
    g: rdflib.Graph, nodes: set[str], count_statements: bool = False
) -> set[frozenset[str]]:
    """Pairs of entities linked directly or through one intermediate node."""
    skip = _SKIP if count_statements else _SKIP | _CLAIMS
    neighbours: dict[str, set[str]] = {}
    for s, p, o in g:
        if p in skip or not isinstance(o, rdflib.URIRef) or p == RDF.subject or p == RDF.object:
            continue
        neighbours.setdefault(str(s), set()).add(str(o))
        neighbours.setdefault(str(o), set()).add(str(s))
    pairs = set()
    for a in nodes:
        for mid in neighbours.get(a, ()):
            if mid in nodes and mid != a:
                pairs.add(frozenset((a, mid)))
            elif mid not in nodes:
                for b in neighbours.get(mid, ()):
                    if b in nodes and b != a:
                        pairs.add(frozenset((a, b)))
    return pairs


def score(
    sentences: list[dict],
    progress: bool = False,
    relation_model: str | None = None,
    count_statements: bool = False,
) -> dict:
    import kg
    from kg.api import ontology_classes

    tops = ontology_classes()
    e_tp = e_fp = e_fn = r_tp = r_fp = r_fn = 0
    for i, sent in enumerate(sentences):
        text = " ".join(sent["tokens"])
        g = kg.extract(text, doc_id=f"s{i}", relation_model=relation_model).to_rdflib()
        spans = char_spans(sent["tokens"])
        gold = {}
        for j, ent in enumerate(sent["entities"]):
            if ent["type"] in CLASSES:
                start, end = spans[ent["start"]][0], spans[ent["end"] - 1][1]
                gold[j] = (*without_stop(text, start, end), CLASSES[ent["type"]])
        found = entity_spans(g, tops, text)
        predicted = {k for k in found if k[2] in CLASSES.values()}
        e_tp += len(set(gold.values()) & predicted)
        e_fp += len(predicted - set(gold.values()))
        e_fn += len(set(gold.values()) - predicted)
        iri_of = {k: v for k, v in found.items() if k[2] in CLASSES.values()}
        links = linked_pairs(g, set(iri_of.values()), count_statements)
        gold_links = set()
        for rel in sent["relations"]:
            h, t = gold.get(rel["head"]), gold.get(rel["tail"])
            if h is None or t is None:
                continue
            if h in iri_of and t in iri_of and iri_of[h] != iri_of[t]:
                gold_links.add(frozenset((iri_of[h], iri_of[t])))
            else:
                r_fn += 1  # an entity of the pair was not found
        r_tp += len(gold_links & links)
        r_fn += len(gold_links - links)
        r_fp += len(links - gold_links)
        if progress and (i + 1) % 50 == 0:
            print(f"{i + 1}/{len(sentences)} sentences", file=sys.stderr)
    return {
        "sentences": len(sentences),
        "entities": prf(e_tp, e_fp, e_fn),
        "relations": prf(r_tp, r_fp, r_fn),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.sentence_eval", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("path", help="conll04_dev.json (SpERT layout)")
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--relation-model", help="a model file made by python -m kg.relmodel")
    parser.add_argument(
        "--count-statements",
        action="store_true",
        help="count a speaker and what they name, a figure's reporter and what it measures, as linked",
    )
    args = parser.parse_args(argv)
    try:
        sentences = json.loads(Path(args.path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"kg.sentence_eval: error: {exc}", file=sys.stderr)
        return 2
    chosen = sentences[: args.limit] if args.limit else sentences
    try:
        result = score(
            chosen,
            progress=True,
            relation_model=args.relation_model,
            count_statements=args.count_statements,
        )
    except KGError as exc:
        print(f"kg.sentence_eval: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
