"""A trained relation classifier: relations between two names of a sentence that no pattern links.

The patterns (``ontology/patterns/relations.json``) say how a relation is written; a model
trained on annotated sentences learns the rest (a relation across clauses, in an apposition,
by a convention of the text). Each ordered pair of entity mentions in a sentence (the first
``a`` before the second ``b`` in the text) is described by features of the words and the
parse between them, and a multinomial logistic regression (numpy) gives the probability of
"none" and of each label in each direction ("Work_For>": ``a`` is the head; "Work_For<": ``b``
is). What a label means in the ontology is data: ``ontology/learned_relations.json``.

Train on sentences in the SpERT layout (tokens, entities with token offsets, relations)::

    python -m kg.relmodel train train.json --out /tmp/relations.json

and use the model with ``kg.extract(text, relation_model="/tmp/relations.json")`` or
``kg build --relation-model /tmp/relations.json``. A pair a pattern already links is left to
the pattern.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from kg.errors import KGError, RelationModelError
from kg.model import Document, Evidence, key_group
from kg.nlp.lexicon import ONTOLOGY_DIR
from kg.resolve import Resolution, sentence_evidence

NONE = "none"
HEAD_FIRST, HEAD_SECOND = ">", "<"
MAPPING_FILE = ONTOLOGY_DIR / "learned_relations.json"
FORMAT = "kg-relation-model/1"
#: between-strings up to this many tokens are a feature of their own
SHORT_BETWEEN = 4
DISTANCE_BUCKETS = (0, 1, 2, 4, 7, 12)
#: weights smaller than this in every label are not written to the model file
KEEP_WEIGHT = 1e-3


@dataclass(frozen=True)
class LabelMeaning:
    """What a label says in the ontology: a relation from a ``subject`` (the label's head)
    to an ``object`` (its tail), each of a top class."""

    relation: str
    subject: str
    object: str


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) of one sentence naming the entity ``key``."""

    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Example:
    features: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Settings:
    """How a model is fitted: AdaGrad mini-batch SGD on the L2-regularised log loss."""

    epochs: int = 15
    rate: float = 0.2
    l2: float = 1e-5
    batch: int = 16
    min_count: int = 2
    seed: int = 0


@dataclass(frozen=True)
class RelationModel:
    labels: tuple[str, ...]
    meanings: dict[str, LabelMeaning]
    threshold: float
    trained_on: dict
    index: dict[str, int] = field(repr=False, compare=False)
    weights: np.ndarray = field(repr=False, compare=False)  # features x labels
    bias: np.ndarray = field(repr=False, compare=False)

    def probabilities(self, features: Iterable[str]) -> np.ndarray:
        rows = sorted({self.index[f] for f in features if f in self.index})
        return _softmax(self.weights[rows].sum(axis=0) + self.bias)


# features


def sentence_mentions(doc: Doc, resolution: Resolution) -> dict[int, list[Mention]]:
    """The entity mentions of each sentence (by its first token): runs of tokens of one entity."""
    ents = resolution.token_entity
    by_sentence: dict[int, list[Mention]] = {}
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            key = ents.get(i)
            if key is None:
                i += 1
                continue
            end = i + 1
            while end < sent.end and ents.get(end) == key:
                end += 1
            by_sentence.setdefault(sent.start, []).append(Mention(i, end, key))
            i = end
    return by_sentence


def candidate_pairs(
    mentions: Sequence[Mention], meanings: dict[str, LabelMeaning]
) -> Iterator[tuple[Mention, Mention]]:
    """Ordered pairs (in text order) of mentions of two entities whose classes some label
    relates, in either direction."""
    allowed = {(m.subject, m.object) for m in meanings.values()}
    allowed |= {(o, s) for s, o in allowed}
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if a.key != b.key and (key_group(a.key), key_group(b.key)) in allowed:
                yield a, b


def pair_features(doc: Doc, a: Mention, b: Mention, others: Sequence[Mention]) -> tuple[str, ...]:
    """What describes the pair ``a`` before ``b`` (``others``: the sentence's other mentions)."""
    ga, gb = key_group(a.key), key_group(b.key)
    pair = f"{ga}|{gb}"
    sent = doc[a.start].sent
    between = doc[a.end : b.start]
    named = {i: f"<{key_group(m.key)}>" for m in others for i in range(m.start, m.end)}

    def word(t: Token) -> str:
        return named.get(t.i) or t.lemma_.lower()

    head_a, head_b = doc[a.start : a.end].root, doc[b.start : b.end].root
    path, lexical, lca = dependency_path(head_a, head_b, word)
    inside = [m for m in others if m.start >= a.end and m.end <= b.start]
    before = word(doc[a.start - 1]) if a.start > sent.start else "<s>"
    after = word(doc[b.end]) if b.end < sent.end else "</s>"
    features = [
        f"a={ga}",
        f"b={gb}",
        f"pair={pair}",
        f"before={before}",
        f"after={after}",
        f"distance={_bucket(len(between))}",
        f"path={path}",
        f"pair+path={pair}|{path}",
        f"lexpath={lexical}",
        f"pathlen={_bucket(len(path.split()))}",
        f"lca={word(lca)}",
        f"lcapos={lca.pos_}",
        f"entities-between={min(len(inside), 3)}",
        f"verb-between={any(t.pos_ in {'VERB', 'AUX'} for t in between)}",
        *(f"between={w}" for w in sorted({word(t) for t in between})),
        *(f"entity-between={g}" for g in sorted({key_group(m.key) for m in inside})),
    ]
    if len(between) <= SHORT_BETWEEN:
        text = " ".join(named.get(t.i) or t.lower_ for t in between)
        features += [f"between-text={text}", f"pair+between-text={pair}|{text}"]
    return tuple(features)


def dependency_path(
    a: Token, b: Token, word: Callable[[Token], str] = lambda t: t.lemma_.lower()
) -> tuple[str, str, Token]:
    """The path from ``a`` up to the lowest common ancestor and down to ``b``, as dependency
    labels with arrows, once without and once with the ``word`` (lemma) of each token on it;
    and that ancestor."""
    up = [a, *a.ancestors]
    above_b = {t.i for t in (b, *b.ancestors)}
    lca = next((t for t in up if t.i in above_b), up[-1])
    rising = up[: up.index(lca)]
    falling = []
    node = b
    while node.i != lca.i and node.head.i != node.i:
        falling.append(node)
        node = node.head
    falling.reverse()
    edges = [f"{t.dep_}↑" for t in rising] + [f"↓{t.dep_}" for t in falling]
    nodes = [*rising, lca, *falling][1:-1]
    lexical = [edges[0]] if edges else []
    for node, edge in zip(nodes, edges[1:], strict=True):
        lexical += [word(node), edge]
    return " ".join(edges), " ".join(lexical), lca


def _bucket(n: int) -> str:
    for limit in DISTANCE_BUCKETS:
        if n <= limit:
            return str(limit)
    return f">{DISTANCE_BUCKETS[-1]}"


# prediction


def predict_relations(
    doc: Doc,
    document: Document,
    resolution: Resolution,
    model: RelationModel,
    linked: set[frozenset[str]],
) -> list[tuple[str, str, str, Evidence]]:
    """(subject, relation, object, evidence) the model finds between mentions of one sentence,
    for pairs of entities not in ``linked`` (those a pattern relates)."""
    found = []
    for mentions in sentence_mentions(doc, resolution).values():
        for a, b in candidate_pairs(mentions, model.meanings):
            if frozenset((a.key, b.key)) in linked:
                continue
            probs = model.probabilities(pair_features(doc, a, b, mentions))
            best = int(np.argmax(probs))
            label = model.labels[best]
            if label == NONE or probs[best] < model.threshold:
                continue
            name, direction = label[:-1], label[-1]
            subject, obj = (a, b) if direction == HEAD_FIRST else (b, a)
            meaning = model.meanings[name]
            if key_group(subject.key) != meaning.subject or key_group(obj.key) != meaning.object:
                continue
            confidence = round(float(probs[best]), 4)
            ev = sentence_evidence(doc, document, a.start, b.end, f"model.{name}", confidence)
            found.append((subject.key, meaning.relation, obj.key, ev))
    return found


# training


def read_meanings(path: str | Path | None = None) -> dict[str, LabelMeaning]:
    """Label -> meaning, from ``ontology/learned_relations.json`` or the file given."""
    path = Path(path) if path else MAPPING_FILE
    try:
        labels = json.loads(path.read_text(encoding="utf-8"))["labels"]
        return {
            name: LabelMeaning(m["relation"], m["subject"], m["object"])
            for name, m in sorted(labels.items())
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RelationModelError(f"cannot read label meanings {path}: {exc!r}") from exc


def check_labels(labels: Iterable[str], meanings: dict[str, LabelMeaning], where: str) -> None:
    """Fail on a label the ontology mapping says nothing about."""
    missing = sorted(set(labels) - set(meanings))
    if missing:
        raise RelationModelError(
            f"relation label(s) {', '.join(missing)} have no ontology mapping in {where}; "
            f"add them to {MAPPING_FILE.name}"
        )


def read_sentences(path: str | Path) -> list[dict]:
    """Sentences in the SpERT layout: tokens, entities (token offsets), relations (indexes)."""
    try:
        sentences = json.loads(Path(path).read_text(encoding="utf-8"))
        for s in sentences:
            for key in ("tokens", "entities", "relations"):
                if not isinstance(s[key], list):
                    raise ValueError(f"'{key}' is not a list")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RelationModelError(f"cannot read training sentences {path}: {exc!r}") from exc
    return sentences


def training_examples(
    sentences: Sequence[dict],
    meanings: dict[str, LabelMeaning],
    *,
    spacy_model: str | None = None,
    progress: bool = False,
    unmatched: bool = False,
) -> Iterator[Example]:
    """One example per ordered pair of kg's mentions that both have a gold entity's span (and,
    with ``unmatched``, a "none" example per pair with a mention of no gold entity)."""
    from kg.nlp.lexicon import load_lexicon
    from kg.nlp.normalize import normalize_text
    from kg.nlp.pipeline import load_pipeline
    from kg.resolve import resolve
    from kg.sentence_eval import char_spans, without_stop

    def char_span(doc: Doc, text: str, m: Mention) -> tuple[int, int]:
        last = doc[m.end - 1]
        return without_stop(text, doc[m.start].idx, last.idx + len(last))

    check_labels((r["type"] for s in sentences for r in s["relations"]), meanings, "the data")
    nlp, lexicon = load_pipeline(spacy_model), load_lexicon()
    texts = (
        (normalize_text(" ".join(s["tokens"])), Document(f"s{i}", " ".join(s["tokens"])))
        for i, s in enumerate(sentences)
    )
    parsed = nlp.pipe(texts, as_tuples=True, batch_size=64)
    for n, ((doc, document), sent) in enumerate(zip(parsed, sentences, strict=True), 1):
        text = document.text
        spans = char_spans(sent["tokens"])
        gold = {
            without_stop(text, spans[e["start"]][0], spans[e["end"] - 1][1]): j
            for j, e in enumerate(sent["entities"])
        }
        relations = {(r["head"], r["tail"]): r["type"] for r in sent["relations"]}
        resolution = resolve(doc, document, lexicon)
        for mentions in sentence_mentions(doc, resolution).values():
            for a, b in candidate_pairs(mentions, meanings):
                ga, gb = gold.get(char_span(doc, text, a)), gold.get(char_span(doc, text, b))
                if (ga is None or gb is None) and not unmatched:
                    continue
                if ga is None or gb is None:
                    label = NONE
                elif (ga, gb) in relations:
                    label = relations[(ga, gb)] + HEAD_FIRST
                elif (gb, ga) in relations:
                    label = relations[(gb, ga)] + HEAD_SECOND
                else:
                    label = NONE
                yield Example(pair_features(doc, a, b, mentions), label)
        if progress and n % 100 == 0:
            print(f"{n}/{len(sentences)} sentences", file=sys.stderr)


def fit(
    examples: Sequence[Example], settings: Settings = Settings()
) -> tuple[tuple[str, ...], dict[str, int], np.ndarray, np.ndarray]:
    """Labels, feature index, weights and bias of a multinomial logistic regression.

    Deterministic: features seen at least ``min_count`` times, in sorted order; examples
    shuffled by a generator seeded with ``seed``.
    """
    labels = (NONE, *sorted({e.label for e in examples} - {NONE}))
    counts = Counter(f for e in examples for f in set(e.features))
    vocabulary = sorted(f for f, c in counts.items() if c >= settings.min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [np.array(sorted({index[f] for f in e.features if f in index}), int) for e in examples]
    gold = np.array([labels.index(e.label) for e in examples], int)
    weights = np.zeros((len(vocabulary), len(labels)))
    bias = np.zeros(len(labels))
    w_squares, b_squares = np.zeros_like(weights), np.zeros_like(bias)
    rng = np.random.default_rng(settings.seed)
    for _ in range(settings.epochs):
        order = rng.permutation(len(examples))
        for start in range(0, len(order), settings.batch):
            batch = order[start : start + settings.batch]
            owner = np.concatenate([np.full(len(rows[i]), k) for k, i in enumerate(batch)])
            cols = np.concatenate([rows[i] for i in batch])
            scores = np.tile(bias, (len(batch), 1))
            np.add.at(scores, owner, weights[cols])
            error = _softmax(scores)
            error[np.arange(len(batch)), gold[batch]] -= 1.0
            error /= len(batch)
            touched, where = np.unique(cols, return_inverse=True)
            grad = np.zeros((len(touched), len(labels)))
            np.add.at(grad, where, error[owner])
            grad += settings.l2 * weights[touched]
            w_squares[touched] += grad**2
            weights[touched] -= settings.rate * grad / (np.sqrt(w_squares[touched]) + 1e-8)
            b_grad = error.sum(axis=0)
            b_squares += b_grad**2
            bias -= settings.rate * b_grad / (np.sqrt(b_squares) + 1e-8)
    return labels, index, weights, bias


def _softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def train(
    examples: Sequence[Example],
    meanings: dict[str, LabelMeaning],
    *,
    threshold: float = 0.5,
    settings: Settings = Settings(),
    trained_on: dict | None = None,
) -> RelationModel:
    """A model fitted on the examples, keeping the meanings of its labels."""
    names = {e.label[:-1] for e in examples if e.label != NONE}
    check_labels(names, meanings, "the data")
    if not names:
        raise RelationModelError("nothing to learn: no example of any relation in the data")
    labels, index, weights, bias = fit(examples, settings)
    description = {
        "examples": len(examples),
        "labels": dict(sorted(Counter(e.label for e in examples).items())),
        "settings": vars(settings),
        **(trained_on or {}),
    }
    return RelationModel(
        labels=labels,
        meanings={n: meanings[n] for n in sorted(names)},
        threshold=threshold,
        trained_on=description,
        index=index,
        weights=weights,
        bias=bias,
    )


# the model file


def model_json(model: RelationModel) -> str:
    """The model as JSON: labels, bias, the weights that matter (rounded; one feature a
    line), label meanings, what it was trained on."""
    kept = {
        f: [round(float(w), 5) for w in model.weights[i]]
        for f, i in sorted(model.index.items())
        if np.abs(model.weights[i]).max() >= KEEP_WEIGHT
    }
    head = {
        "format": FORMAT,
        "labels": list(model.labels),
        "threshold": model.threshold,
        "meanings": {n: vars(m) for n, m in sorted(model.meanings.items())},
        "trained_on": model.trained_on,
        "bias": [round(float(b), 5) for b in model.bias],
    }
    lines = [f"{_json(k)}: {_json(v)}" for k, v in sorted(head.items())]
    rows = ",\n  ".join(f"{_json(f)}: {_json(w)}" for f, w in kept.items())
    lines.append(f'"weights": {{\n  {rows}\n }}')
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def save_model(model: RelationModel, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(model_json(model), encoding="utf-8")
    tmp.replace(path)
    return path


def load_model(path: str | Path) -> RelationModel:
    """The model in a file written by :func:`save_model` (read once per path and version)."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise RelationModelError(f"cannot read relation model {path}: {exc.strerror}") from exc
    return _load(str(path.resolve()), stamp)


@functools.lru_cache(maxsize=4)
def _load(path: str, _stamp: int) -> RelationModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        labels = tuple(data["labels"])
        meanings = {
            n: LabelMeaning(m["relation"], m["subject"], m["object"])
            for n, m in data["meanings"].items()
        }
        check_labels((lab[:-1] for lab in labels if lab != NONE), meanings, path)
        index = {f: i for i, f in enumerate(data["weights"])}
        weights = np.array(list(data["weights"].values()), float).reshape(len(index), len(labels))
        bias = np.array(data["bias"], float).reshape(len(labels))
        threshold = float(data["threshold"])
    except RelationModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RelationModelError(f"malformed relation model {path}: {exc}") from exc
    return RelationModel(labels, meanings, threshold, data["trained_on"], index, weights, bias)


# command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.relmodel",
        description="Train a relation classifier for kg on annotated sentences.",
        epilog="example:\n  python -m kg.relmodel train conll04_train.json --out /tmp/rel.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train a model on sentences in the SpERT layout")
    t.add_argument("data", help="JSON list of {tokens, entities, relations}")
    t.add_argument("--out", required=True, help="the model file to write (JSON)")
    t.add_argument("--threshold", type=float, default=0.5, help="least probability (0.5)")
    t.add_argument("--meanings", help=f"label -> ontology relation (default: {MAPPING_FILE})")
    t.add_argument("--model", help="spaCy model package (as kg build --model)")
    t.add_argument("--epochs", type=int, default=Settings.epochs, help="passes over the data")
    t.add_argument(
        "--unmatched-negatives",
        action="store_true",
        help="also learn from pairs with a mention of no gold entity (as 'none'): kg's own "
        "false names, which a model also meets when it is used",
    )
    args = parser.parse_args(argv)
    try:
        meanings = read_meanings(args.meanings)
        sentences = read_sentences(args.data)
        examples = list(
            training_examples(
                sentences,
                meanings,
                spacy_model=args.model,
                progress=True,
                unmatched=args.unmatched_negatives,
            )
        )
        print(f"{len(examples)} examples; fitting", file=sys.stderr)
        model = train(
            examples,
            meanings,
            threshold=args.threshold,
            settings=Settings(epochs=args.epochs),
            trained_on={
                "data": Path(args.data).name,
                "sentences": len(sentences),
                "unmatched_negatives": args.unmatched_negatives,
            },
        )
        print(f"wrote {save_model(model, args.out)}", file=sys.stderr)
    except KGError as exc:
        print(f"kg.relmodel: error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
