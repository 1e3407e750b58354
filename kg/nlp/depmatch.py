"""spaCy ``DependencyMatcher`` patterns, matched on a doc's arrays.

spaCy's own ``DependencyMatcher`` finds each node's candidate tokens with a token ``Matcher``
that evaluates every node's predicates on every token, reads custom attributes (``_``) through
``token._`` one token at a time, copies the doc's user data when given a sentence, and then tries
the cartesian product of the candidates. On news text that made relation matching cost a third
of the whole spaCy parse (``bench/corpus_bench.py --profile``). This module reads the same
pattern format and returns the same matches (``tests/test_depmatch.py`` compares the two on
parsed text, for the ontology's patterns and for generated ones using every operator), but:

- a pattern's root candidates are looked up in an index of the doc's values (``Doc.to_array``
  columns, and per-token values of custom attributes supplied by the caller) through its most
  selective test, and the other nodes are tested only on the tokens the tree leads to;
- a match is grown node by node along the pattern's edges (the candidates of a node are the
  tokens its operator reaches from the token already chosen for its ``LEFT_ID`` node), so the
  work follows the tree instead of the product of candidate lists.

Supported: the token attributes in :data:`ATTRIBUTES` and custom attributes (``_``), each as a
value, ``{"IN": [...]}`` or ``{"NOT_IN": [...]}``; every ``REL_OP`` of spaCy 3.8. Anything else
is refused when the pattern is added (:class:`PatternError`), never ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from spacy import attrs
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: token attributes a node may test, as named in spaCy patterns
ATTRIBUTES = {
    "ORTH": attrs.ORTH,
    "TEXT": attrs.ORTH,
    "LOWER": attrs.LOWER,
    "NORM": attrs.NORM,
    "LEMMA": attrs.LEMMA,
    "TAG": attrs.TAG,
    "POS": attrs.POS,
    "DEP": attrs.DEP,
    "ENT_TYPE": attrs.ENT_TYPE,
}


class PatternError(ValueError):
    """A pattern this matcher cannot read exactly as spaCy would."""


@dataclass(frozen=True)
class _Test:
    """One constraint on a token: a column (attribute or ``_name``) in or not in a value set."""

    column: str
    values: frozenset
    negated: bool = False


@dataclass(frozen=True)
class _Node:
    tests: tuple[_Test, ...]
    left: int  # index of the LEFT_ID node; -1 for the root
    op: str


@dataclass(frozen=True)
class _Pattern:
    key: str
    nodes: tuple[_Node, ...]


class DependencyPatterns:
    """Patterns added with :meth:`add`; calling it on a doc gives ``(key, token indices)``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[_Pattern] = []
        self._wanted: dict[str, frozenset] | None = None  # see _root_values

    @property
    def extensions(self) -> frozenset[str]:
        """The custom attributes (``token._.name``) the patterns test."""
        return frozenset(
            t.column[1:]
            for p in self._patterns
            for n in p.nodes
            for t in n.tests
            if t.column.startswith("_")
        )

    def add(self, key: str, pattern: Sequence[Mapping]) -> None:
        """Add one pattern in spaCy's ``DependencyMatcher`` format under ``key``."""
        if not pattern:
            raise PatternError("a pattern needs at least one node")
        names: dict[str, int] = {}
        nodes = []
        for i, spec in enumerate(pattern):
            name = spec.get("RIGHT_ID")
            if not isinstance(name, str) or name in names:
                raise PatternError(f"node {i}: RIGHT_ID missing or repeated")
            if i == 0:
                if "LEFT_ID" in spec or "REL_OP" in spec:
                    raise PatternError("the first node is the root: no LEFT_ID or REL_OP")
                left, op = -1, ""
            else:
                if spec.get("LEFT_ID") not in names:
                    raise PatternError(f"node {name!r}: LEFT_ID must name an earlier node")
                op = spec.get("REL_OP")
                if op not in _OPERATORS:
                    raise PatternError(f"node {name!r}: unknown REL_OP {op!r}")
                left = names[spec["LEFT_ID"]]
            unknown = set(spec) - {"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"}
            if unknown:
                raise PatternError(f"node {name!r}: unknown keys {sorted(unknown)}")
            names[name] = i
            nodes.append(_Node(self._tests(name, spec.get("RIGHT_ATTRS", {})), left, op))
        self._patterns.append(_Pattern(key, tuple(nodes)))
        self._wanted = None

    def _root_values(self) -> dict[str, frozenset]:
        """Per column, every value a root's (non-negated) test looks for: the only values the
        per-doc index needs to hold."""
        if self._wanted is None:
            wanted: dict[str, set] = {}
            for pattern in self._patterns:
                for test in pattern.nodes[0].tests:
                    if not test.negated:
                        wanted.setdefault(test.column, set()).update(test.values)
            self._wanted = {column: frozenset(values) for column, values in wanted.items()}
        return self._wanted

    def _tests(self, name: str, right_attrs: Mapping) -> tuple[_Test, ...]:
        tests = []
        for attr, value in right_attrs.items():
            if attr == "_":
                if not isinstance(value, Mapping):
                    raise PatternError(f"node {name!r}: '_' must map attribute names to values")
                for ext, ext_value in value.items():
                    tests.append(self._test(name, "_" + ext, ext_value, lambda v: v))
            elif attr in ATTRIBUTES:
                tests.append(self._test(name, attr, value, self._string_id))
            else:
                raise PatternError(f"node {name!r}: attribute {attr!r} is not supported")
        return tuple(tests)

    def _test(self, name: str, column: str, value: object, encode: Callable) -> _Test:
        if isinstance(value, Mapping):
            if len(value) != 1 or next(iter(value)) not in {"IN", "NOT_IN"}:
                raise PatternError(f"node {name!r}: {column} supports only a value, IN and NOT_IN")
            ((operator, values),) = value.items()
            if not isinstance(values, list | tuple):
                raise PatternError(f"node {name!r}: {column} {operator} needs a list")
            return _Test(column, frozenset(encode(v) for v in values), operator == "NOT_IN")
        return _Test(column, frozenset([encode(value)]))

    def _string_id(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise PatternError(f"token attribute values must be strings, not {value!r}")
        return self.vocab.strings.add(value) if isinstance(value, str) else value

    def __call__(
        self,
        doc: Doc,
        extensions: Mapping[str, Sequence] | None = None,
        within: Sequence[bool] | None = None,
    ) -> list[tuple[str, tuple[int, ...]]]:
        """Every match in ``doc``: (key, one token index per node, in pattern order), ordered by
        pattern, then root token. ``extensions`` gives, for each custom attribute the patterns
        test, its value on every token (a sequence as long as the doc); ``within``, if given,
        says which tokens a match may use."""
        if not self._patterns or len(doc) == 0:
            return []
        view = _View(self._columns(doc, extensions or {}), len(doc), within, self._root_values())
        tree: _Tree | None = None
        matches = []
        for pattern in self._patterns:
            roots = view.candidates(pattern.nodes[0])
            if roots:
                tree = tree or _Tree(doc)
                for root in roots:
                    for chosen in _grow(pattern.nodes, view, tree, [root]):
                        matches.append((pattern.key, tuple(chosen)))
        return matches

    def _columns(self, doc: Doc, extensions: Mapping[str, Sequence]) -> dict[str, list]:
        used = sorted({t.column for p in self._patterns for n in p.nodes for t in n.tests})
        native = [c for c in used if not c.startswith("_")]
        columns: dict[str, list] = {}
        if native:
            array = doc.to_array([ATTRIBUTES[c] for c in native]).reshape(len(doc), len(native))
            columns = {c: array[:, i].tolist() for i, c in enumerate(native)}
        for column in used:
            if column.startswith("_"):
                if column[1:] not in extensions:
                    raise PatternError(f"no values given for the custom attribute {column[1:]!r}")
                values = list(extensions[column[1:]])
                if len(values) != len(doc):
                    raise PatternError(
                        f"{len(values)} values of {column[1:]!r} for {len(doc)} tokens"
                    )
                columns[column] = values
        return columns


class _View:
    """A doc's columns, with an index (value -> token positions) built per column on demand,
    holding only the values that roots look for."""

    def __init__(
        self,
        columns: dict[str, list],
        size: int,
        within: Sequence[bool] | None,
        wanted: Mapping[str, frozenset],
    ) -> None:
        self.columns = columns
        self.wanted = wanted
        self.size = size
        self.allowed = [True] * size if within is None else [bool(w) for w in within]
        self._index: dict[str, dict[object, list[int]]] = {}

    def passes(self, node: _Node, i: int) -> bool:
        """Whether token ``i`` may stand for ``node``."""
        if not self.allowed[i]:
            return False
        columns = self.columns
        return all((columns[t.column][i] in t.values) != t.negated for t in node.tests)

    def candidates(self, node: _Node) -> list[int]:
        """Every token that may stand for ``node``, looked up through its most selective test."""
        best: list[int] | None = None
        for test in node.tests:
            if not test.negated:
                index = self.index(test.column)
                hits = sorted(i for v in test.values for i in index.get(v, ()))
                if best is None or len(hits) < len(best):
                    best = hits
        pool = range(self.size) if best is None else best
        return [i for i in pool if self.passes(node, i)]

    def index(self, column: str) -> dict[object, list[int]]:
        if column not in self._index:
            index: dict[object, list[int]] = {}
            wanted = self.wanted.get(column, frozenset())
            for i, value in enumerate(self.columns[column]):
                if value in wanted:
                    index.setdefault(value, []).append(i)
            self._index[column] = index
        return self._index[column]


def _grow(
    nodes: Sequence[_Node], view: _View, tree: _Tree, chosen: list[int]
) -> Iterator[list[int]]:
    """Every way to extend ``chosen`` (tokens of the first nodes) to all nodes."""
    k = len(chosen)
    if k == len(nodes):
        yield list(chosen)
        return
    node = nodes[k]
    root = tree.root[chosen[0]]
    for token in _OPERATORS[node.op](tree, chosen[node.left]):
        if tree.root[token] == root and view.passes(node, token):
            chosen.append(token)
            yield from _grow(nodes, view, tree, chosen)
            chosen.pop()


class _Tree:
    """Heads, children and sentence bounds of a parsed doc, as plain lists."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        heads = (doc.to_array([attrs.HEAD]).astype(np.int64).reshape(n) + np.arange(n)).tolist()
        self.head = heads
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                self.children[h].append(i)
        root = [-1] * n
        for i in range(n):
            path = []
            j = i
            while root[j] < 0 and heads[j] != j:
                path.append(j)
                j = heads[j]
            top = j if root[j] < 0 else root[j]
            root[j] = top
            for p in path:
                root[p] = top
        self.root = root
        self._bounds: dict[int, tuple[int, int]] = {}

    def bounds(self, i: int) -> tuple[int, int]:
        """Start and end of the tree ``i`` is in, as spaCy's matcher takes it: root's edges."""
        r = self.root[i]
        if r not in self._bounds:
            subtree = self.subtree(r)
            self._bounds[r] = (min(subtree), max(subtree) + 1)
        return self._bounds[r]

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        out = []
        while self.head[i] != i:
            i = self.head[i]
            out.append(i)
        return out

    def siblings(self, i: int) -> list[int]:
        return self.children[self.head[i]]


def _imm(tokens: list[int], target: int) -> list[int]:
    return [target] if target in tokens else []


def _in_sentence(tree: _Tree, i: int, j: int) -> list[int]:
    start, end = tree.bounds(i)
    return [j] if start <= j < end else []


_OPERATORS: dict[str, Callable[[_Tree, int], list[int]]] = {
    "<": lambda t, i: [] if t.head[i] == i else [t.head[i]],
    ">": lambda t, i: t.children[i],
    "<<": lambda t, i: t.ancestors(i),
    ">>": lambda t, i: [j for j in t.subtree(i) if j != i],
    ".": lambda t, i: _in_sentence(t, i, i + 1),
    ".*": lambda t, i: list(range(i + 1, t.bounds(i)[1])),
    ";": lambda t, i: _in_sentence(t, i, i - 1),
    ";*": lambda t, i: list(range(t.bounds(i)[0], i)),
    "$+": lambda t, i: _imm(t.siblings(i), i + 1),
    "$-": lambda t, i: _imm(t.siblings(i), i - 1),
    "$++": lambda t, i: [j for j in t.siblings(i) if j > i],
    "$--": lambda t, i: [j for j in t.siblings(i) if j < i],
    ">+": lambda t, i: _imm([j for j in t.children[i] if j > i], i + 1),
    ">-": lambda t, i: _imm([j for j in t.children[i] if j < i], i - 1),
    ">++": lambda t, i: [j for j in t.children[i] if j > i],
    ">--": lambda t, i: [j for j in t.children[i] if j < i],
    "<+": lambda t, i: [t.head[i]] if t.head[i] == i + 1 else [],
    "<-": lambda t, i: [t.head[i]] if t.head[i] == i - 1 else [],
    "<++": lambda t, i: [t.head[i]] if t.head[i] > i else [],
    "<--": lambda t, i: [t.head[i]] if t.head[i] < i else [],
}
