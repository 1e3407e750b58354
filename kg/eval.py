"""Score a graph against a gold file: entity, relation, statement and quantity precision,
recall and F1.

Usage::

    python -m kg.eval tests/gold/seed.json exports/seeds.ttl

The gold file (JSON) lists entities by top class and acceptable names, and relations between
their ids (see tests/gold/seed.json). An entity of the graph matches a gold entity when their top
classes agree (a gold type may be any class of the ontology: kg:Facility is a kg:Place) and
one of its names (label or alias) equals one of the gold names, ignoring case; so do post roles.
Gold items marked ``"optional": true`` are neither required nor counted as errors. A gold
entity matched by several graph entities is a duplicate: the extra ones count as false positives.

A gold file may also list ``statements`` (speaker id, a ``contains`` phrase of the words said,
the ids of the entities they name, a date) and ``quantities`` (value, unit, what they measure:
an entity id or ``{"text": ...}``, date, reporter id); see :func:`score_statements` and
:func:`score_quantities` for when they match. Their attributes are reported as agreement among
the matched items ("date 4/5").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import networkx as nx
import rdflib
from rdflib import OWL, RDF, RDFS

from kg.nlp.lexicon import ONTOLOGY_DIR
from kg.rdf.namespace import KG, predicate_curie
from kg.rdf.reader import to_networkx, top_classes


def graph_entities(G: nx.MultiDiGraph) -> dict[str, dict]:
    """Entities of the graph (see :func:`kg.rdf.reader.to_networkx`) with all their names."""
    return {
        node: {"type": d["group"], "label": d["label"], "names": [d["label"], *d["aliases"]]}
        for node, d in G.nodes(data=True)
    }


def graph_relations(graph: rdflib.Graph, G: nx.MultiDiGraph) -> set[tuple]:
    """(subject, predicate CURIE, object, role) of every relation, and each event's date."""
    rels = set()
    for s, o, d in G.edges(data=True):
        rels.add((s, predicate_curie(d["predicate"]), o, d.get("role", "")))
    for s, _, value in graph.triples((None, KG.date, None)):
        if str(s) in G:
            rels.add((str(s), "kg:date", str(value), ""))
    return rels


def name_key(name: str) -> str:
    """A name as names are compared: case and spacing aside, without a final full stop (the
    same name "China Aerospace Science and Technology Corp" ends a sentence as "... Corp.")."""
    return " ".join(name.casefold().split()).removesuffix(".")


def score(gold: dict, graph: rdflib.Graph, ontology: rdflib.Graph | None = None) -> dict:
    """Precision, recall, F1 and the errors, for entities and for relations."""
    if ontology is None:
        ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    tops = top_classes(ontology)
    G = to_networkx(graph, tops)
    ents = graph_entities(G)
    gold_ents = {g["id"]: g for g in gold["entities"]}
    # a gold type may be any class of the ontology: compared by its top class (Facility: Place)
    top_of = {str(c).rsplit("#", 1)[-1]: top for c, top in tops.items()}

    matches: dict[str, list[str]] = {gid: [] for gid in gold_ents}
    iri_to_gold: dict[str, str] = {}
    for iri, e in sorted(ents.items()):
        names = {name_key(n) for n in e["names"]}
        for gid, g in gold_ents.items():
            gold_type = top_of.get(g["type"], g["type"])
            if gold_type == e["type"] and names & {name_key(n) for n in g["names"]}:
                matches[gid].append(iri)
                iri_to_gold.setdefault(iri, gid)
                break
    required = [gid for gid, g in gold_ents.items() if not g.get("optional")]
    tp = [gid for gid in required if matches[gid]]
    missed = [gold_ents[gid]["names"][0] for gid in required if not matches[gid]]
    duplicates = [ents[iri]["label"] for gid, iris in matches.items() for iri in iris[1:]]
    spurious = [
        f"{e['label']} ({e['type']})" for iri, e in sorted(ents.items()) if iri not in iri_to_gold
    ]
    fp = len(spurious) + len(duplicates)
    entity_scores = prf(len(tp), fp, len(required) - len(tp))

    gold_rels = {}
    for r in gold["relations"]:
        role = role_key(r.get("role", ""))
        key = (r["subject"], r["predicate"], r.get("object", r.get("value")), role)
        gold_rels[key] = r
    # a symmetric relation ("A cooperates with B") holds both ways, as the ontology says
    symmetric = {
        predicate_curie(str(p)) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)
    }
    found = set()
    fp_rels = []
    for s, p, o, role in sorted(graph_relations(graph, G)):
        gs = iri_to_gold.get(s)
        go = iri_to_gold.get(o, o) if p != "kg:date" else o
        key = (gs, p, go, role_key(role))
        if key not in gold_rels and p in symmetric:
            key = (go, p, gs, role_key(role))
        if key in gold_rels:
            found.add(key)
        else:
            label = lambda x: ents[x]["label"] if x in ents else x  # noqa: E731
            fp_rels.append(f"{label(s)} {p}{'/' + role if role else ''} {label(o)}")
    req_rels = [k for k, r in gold_rels.items() if not r.get("optional")]
    tp_rels = [k for k in req_rels if k in found]
    missed_rels = [_describe(k, gold_ents) for k in req_rels if k not in found]
    relation_scores = prf(len(tp_rels), len(fp_rels), len(req_rels) - len(tp_rels))
    result = {
        "entities": {
            **entity_scores,
            "missed": missed,
            "false_positives": spurious,
            "duplicates": duplicates,
        },
        "relations": {**relation_scores, "missed": missed_rels, "false_positives": fp_rels},
    }
    if "statements" in gold:
        result["statements"] = score_statements(gold, graph, iri_to_gold)
    if "quantities" in gold:
        result["quantities"] = score_quantities(gold, graph, iri_to_gold)
    return result


def score_statements(gold: dict, graph: rdflib.Graph, iri_to_gold: dict[str, str]) -> dict:
    """Statements: a graph statement matches a gold one when its speaker is the gold speaker's
    entity and its words hold the gold ``contains`` phrase (case and spacing aside). Of the
    matched required ones, how many have the gold date and the gold entities named."""
    found = [
        {
            "speaker": iri_to_gold.get(str(graph.value(node, KG.speaker))),
            "text": str(graph.value(node, KG.text) or ""),
            "date": _lexical(graph.value(node, KG.date)),
            "about": {iri_to_gold.get(str(o), str(o)) for o in graph.objects(node, KG.about)},
            "label": str(graph.value(node, RDFS.label) or node),
        }
        for node in sorted(graph.subjects(RDF.type, KG.Statement))
    ]

    def matches(g: dict, f: dict) -> bool:
        return f["speaker"] == g["speaker"] and _words(g["contains"]) in _words(f["text"])

    def agree(g: dict, f: dict) -> dict[str, bool]:
        about = set(g.get("about", []))
        return {"date": g.get("date") == f["date"], "about": about <= f["about"]}

    return _match(gold["statements"], found, matches, agree, lambda g: g["contains"])


def score_quantities(gold: dict, graph: rdflib.Graph, iri_to_gold: dict[str, str]) -> dict:
    """Quantities: a graph quantity matches a gold one when the values are equal and it
    measures the gold entity, or its words for what it measures and the gold's (or the gold
    entity's names) hold one another. Of the matched required ones, how many have the gold
    unit, date and reporter."""
    gold_names = {g["id"]: g["names"] for g in gold["entities"]}
    found = []
    for node in sorted(graph.subjects(RDF.type, KG.Quantity)):
        measures = graph.value(node, KG.measures)
        reporter = graph.value(node, KG.reportedBy)
        found.append(
            {
                "value": Decimal(str(graph.value(node, KG.value))),
                "unit": _lexical(graph.value(node, KG.unit)),
                "measures": iri_to_gold.get(str(measures)) if measures is not None else None,
                "measure": str(graph.value(node, KG.measureText) or ""),
                "date": _lexical(graph.value(node, KG.date)),
                "reportedBy": iri_to_gold.get(str(reporter)) if reporter is not None else None,
                "label": str(graph.value(node, RDFS.label) or node),
            }
        )

    def matches(g: dict, f: dict) -> bool:
        if Decimal(str(g["value"])) != f["value"]:
            return False
        if isinstance(g["measures"], str):
            if f["measures"] == g["measures"]:
                return True
            return any(_overlap(n, f["measure"]) for n in gold_names.get(g["measures"], []))
        return _overlap(g["measures"]["text"], f["measure"])

    def agree(g: dict, f: dict) -> dict[str, bool]:
        return {k: g.get(k) == f[k] for k in ("unit", "date", "reportedBy")}

    def describe(g: dict) -> str:
        what = g["measures"] if isinstance(g["measures"], str) else g["measures"]["text"]
        return f"{g['value']} {g.get('unit') or ''} {what}".replace("  ", " ")

    return _match(gold["quantities"], found, matches, agree, describe)


def _match(gold_items, found, matches, agree, describe) -> dict:
    """Pair each gold item with the first unpaired graph item it matches; score the pairs (an
    optional gold item's match is neither a hit nor an error) and the attributes they agree on."""
    paired: set[int] = set()
    hits, missed = 0, []
    agreement: dict[str, list[int]] = {}
    for g in gold_items:
        j = next((j for j, f in enumerate(found) if j not in paired and matches(g, f)), None)
        if j is not None:
            paired.add(j)
        if g.get("optional"):
            continue
        if j is None:
            missed.append(describe(g))
            continue
        hits += 1
        for name, ok in agree(g, found[j]).items():
            counts = agreement.setdefault(name, [0, 0])
            counts[0] += ok
            counts[1] += 1
    spurious = [f["label"] for j, f in enumerate(found) if j not in paired]
    scores = prf(hits, len(spurious), len(missed))
    attributes = {name: f"{ok}/{n}" for name, (ok, n) in sorted(agreement.items())}
    return {**scores, "attributes": attributes, "missed": missed, "false_positives": spurious}


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _overlap(a: str, b: str) -> bool:
    """Whether one wording holds the other, word for word ("market" and "software market")."""
    x, y = f" {_words(a)} ", f" {_words(b)} "
    return bool(x.strip() and y.strip()) and (x in y or y in x)


def _lexical(node) -> str | None:
    return None if node is None else str(node)


def _describe(key: tuple, gold_ents: dict) -> str:
    s, p, o, role = key
    name = lambda x: gold_ents[x]["names"][0] if x in gold_ents else x  # noqa: E731
    return f"{name(s)} {p}{'/' + role if role else ''} {name(o)}"


def role_key(role: str) -> str:
    """A role as compared: case and hyphenation are spelling ("Party secretary" is "party
    secretary", "vice-president" is "vice president")."""
    return " ".join(role.casefold().replace("-", " ").split())


def prf(tp: int, fp: int, fn: int) -> dict:
    """Counts with precision, recall and F1 (rounded to 4 places)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
    }


def format_report(result: dict) -> str:
    lines = []
    for part in ("entities", "relations", "statements", "quantities"):
        if part not in result:
            continue
        r = result[part]
        if r["tp"] + r["fp"] + r["fn"] == 0:
            lines.append(f"{part}: none in the gold, none found")
            continue
        agreed = ", ".join(f"{k} {v}" for k, v in r.get("attributes", {}).items())
        lines.append(
            f"{part}: P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} (tp={r['tp']} fp={r['fp']} fn={r['fn']})"
            + (f"; of the matched: {agreed}" if agreed else "")
        )
        for kind in ("missed", "false_positives", "duplicates"):
            for item in r.get(kind, []):
                lines.append(f"  {kind.rstrip('s').replace('_', ' ')}: {item}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", help="gold JSON file")
    parser.add_argument("graph", help="RDF file of the graph (Turtle, N-Triples, ...)")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    try:
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
        graph = rdflib.Graph().parse(args.graph)
    except (OSError, ValueError) as exc:
        print(f"kg.eval: error: {exc}", file=sys.stderr)
        return 2
    result = score(gold, graph)
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
